"""Every document vanban writes is valid Office Open XML, as Word reads it.

Word refuses, or silently "repairs", a document whose XML breaks the schema (a child
element out of its sequence, an unknown element, a value outside its enumeration).
The check is openxml-audit, a port of the Open XML SDK's validator: it holds the
SDK's schema data for every part (document.xml, styles.xml, settings.xml, headers,
core properties), so nothing here restates the standard. PyPI ships no ECMA-376
XSDs usable with lxml on the Python versions vanban supports; see docs/testing.md.
"""

from __future__ import annotations

import importlib.util
import io
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from lxml import etree
from openxml_audit import OpenXmlValidator

import vanban
from vanban.profiles import PROFILES

import strategies
from helpers import DATA, EXAMPLES, ROOT

VALIDATOR = OpenXmlValidator(max_errors=20)
EXAMPLE_NAMES = sorted(path.stem for path in EXAMPLES.glob("*.yaml"))
STARTERS = sorted((ROOT / "vanban" / "starters").glob("*.yaml"))
TYPES = sorted(strategies.document_types())
GENERATED_PER_TYPE = 1
"""Generated documents per type in the default run (a generated document takes seconds to make);
the long run (``pytest -m fuzz`` or ``VANBAN_FUZZ=1``) validates LONG_GENERATED_PER_TYPE, at random
(``VANBAN_FUZZ=<n>``: n per type)."""
_ASKED = os.environ.get("VANBAN_FUZZ", "")
LONG_GENERATED_PER_TYPE = int(_ASKED) if _ASKED.isdigit() and int(_ASKED) > 1 else 100
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def schema_errors(data: bytes, folder: Path) -> list[str]:
    path = folder / "document.docx"
    path.write_bytes(data)
    return [str(error) for error in VALIDATOR.validate(path).errors]


def rewritten(data: bytes, part: str, change) -> bytes:
    """``data`` with the XML of ``part`` changed in place by ``change(root)``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == part:
                root = etree.fromstring(content)
                change(root)
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(item, content)
    return out.getvalue()


# --- what vanban writes -------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_example_is_schema_valid(name, tmp_path):
    data = vanban.render_bytes(vanban.load(EXAMPLES / f"{name}.yaml"))
    assert schema_errors(data, tmp_path) == []


@pytest.mark.parametrize("starter", STARTERS, ids=lambda path: path.stem)
def test_every_starter_of_vanban_new_is_schema_valid(starter, tmp_path):
    data = vanban.render_bytes(vanban.load(starter))
    assert schema_errors(data, tmp_path) == []


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_the_package_frame_of_each_profile_is_schema_valid(profile, tmp_path):
    frame = ROOT / "vanban" / "templates" / profile / "van-ban.docx"
    assert schema_errors(frame.read_bytes(), tmp_path) == []


def invalid_generated(name: str, count: int, folder: Path, *, randomised: bool) -> list:
    """(profile, errors) of each of ``count`` generated documents of type ``name`` that is not valid.

    Failures are collected rather than raised: Hypothesis would print the failing document
    as Python, which takes minutes for a generated document.
    """
    invalid = []

    @settings(
        max_examples=count,
        deadline=None,
        derandomize=not randomised,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategies.documents(name))
    def run(document):
        errors = schema_errors(vanban.render_bytes(document), folder)
        if errors:
            invalid.append((document.profile_name, errors))

    run()
    return invalid


@pytest.mark.parametrize("name", TYPES)
def test_generated_documents_of_every_type_are_schema_valid(name, tmp_path):
    assert invalid_generated(name, GENERATED_PER_TYPE, tmp_path, randomised=False) == []


@pytest.mark.fuzz
@pytest.mark.parametrize("name", TYPES)
def test_long_run_many_random_generated_documents_are_schema_valid(name, request, tmp_path):
    if not (os.environ.get("VANBAN_FUZZ") or "fuzz" in (request.config.getoption("markexpr") or "")):
        pytest.skip("the long run: pytest -m fuzz, or VANBAN_FUZZ=1")
    assert invalid_generated(name, LONG_GENERATED_PER_TYPE, tmp_path, randomised=True) == []


EVERY_PART = DATA / "every_part.yaml"


def test_a_document_with_every_part_vanban_writes_is_schema_valid(tmp_path):
    data = vanban.render_bytes(vanban.load(EVERY_PART))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert "word/footnotes.xml" in package.namelist()  # the one part no example has
    assert schema_errors(data, tmp_path) == []


def test_a_document_made_by_vanban_fix_is_schema_valid(tmp_path):
    from vanban._fix import fix_document

    from producers import as_saved_by
    from test_fix import wrong_document

    for source in (wrong_document(), as_saved_by(vanban.render_bytes(vanban.load(EVERY_PART)), "google")):
        assert schema_errors(fix_document(source).data, tmp_path) == []


def test_a_document_made_with_an_offices_own_template_is_schema_valid(tmp_path):
    import docx
    from PIL import Image

    from helpers import copy_package_template

    # as an office makes its template: the package's, with its logo and margin, saved again
    template = copy_package_template(tmp_path / "mau")
    Image.new("RGB", (40, 40), (200, 0, 0)).save(tmp_path / "logo.png")
    frame = docx.Document(str(template))
    frame.sections[0].first_page_header.paragraphs[0].add_run().add_picture(str(tmp_path / "logo.png"))
    frame.sections[0].left_margin = docx.shared.Mm(32)
    frame.core_properties.author = "Văn phòng Huyện đoàn"
    frame.save(str(template))
    data = vanban.Renderer([tmp_path / "mau"]).render_bytes(vanban.load(EVERY_PART))
    assert schema_errors(data, tmp_path) == []


# --- the template builder -----------------------------------------------------------


def _builder():
    spec = importlib.util.spec_from_file_location("build_templates", ROOT / "tools" / "build_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_template_builder_writes_schema_valid_frames(tmp_path):
    builder = _builder()
    for profile in PROFILES.values():
        path = tmp_path / profile.name / "van-ban.docx"
        builder.build(profile, path)
        assert schema_errors(path.read_bytes(), tmp_path) == [], profile.name


def test_the_builder_inserts_a_child_before_the_first_sibling_the_sequence_puts_after_it():
    builder = _builder()
    table_properties = etree.fromstring(
        f'<w:tblPr xmlns:w="{W[1:-1]}"><w:tblW/><w:tblLayout/><w:tblLook/></w:tblPr>'
    )
    for tag in ("tblCellMar", "tblBorders", "tblInd", "tblCaption"):
        builder._insert_in_order(table_properties, etree.Element(W + tag), builder.TBL_PR_ORDER)
    assert [child.tag.removeprefix(W) for child in table_properties] == [
        "tblW", "tblInd", "tblBorders", "tblLayout", "tblCellMar", "tblLook", "tblCaption",
    ]


# --- the check itself can fail ----------------------------------------------------------


def test_table_borders_after_the_table_look_are_reported(tmp_path):
    data = vanban.render_bytes(vanban.load(EXAMPLES / "ke_hoach_114.yaml"))

    def borders_last(root):
        properties = root.find(f"{W}body/{W}tbl/{W}tblPr")
        properties.append(properties.find(f"{W}tblBorders"))

    errors = schema_errors(rewritten(data, "word/document.xml", borders_last), tmp_path)
    assert any("tblBorders" in error for error in errors), errors


def test_a_border_after_the_language_of_a_style_is_reported(tmp_path):
    data = vanban.render_bytes(vanban.load(EXAMPLES / "ke_hoach_114.yaml"))

    def border_last(root):
        properties = root.find(f"{W}style[@{W}styleId='VBBoxedMark']/{W}rPr")
        properties.append(properties.find(f"{W}bdr"))

    errors = schema_errors(rewritten(data, "word/styles.xml", border_last), tmp_path)
    assert any("bdr" in error for error in errors), errors


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "word/settings.xml",
                                  "word/header1.xml", "word/footnotes.xml", "word/fontTable.xml"])
def test_an_unknown_element_in_any_part_vanban_writes_is_reported(part, tmp_path):
    data = vanban.render_bytes(vanban.load(EVERY_PART))
    errors = schema_errors(rewritten(data, part, lambda root: root.insert(0, etree.Element(W + "khac"))), tmp_path)
    assert any(part in error and "khac" in error for error in errors), errors


def test_settings_out_of_order_are_reported(tmp_path):
    data = vanban.render_bytes(vanban.load(EXAMPLES / "ke_hoach_114.yaml"))

    def compatibility_last(root):
        root.append(root.find(f"{W}compat"))

    errors = schema_errors(rewritten(data, "word/settings.xml", compatibility_last), tmp_path)
    assert any("compat" in error for error in errors), errors
