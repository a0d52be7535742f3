"""Prepared templates kept on disk (``_prepared_cache``): a new process renders the same bytes
without preparing the template again, and the cache never changes a document or fails one."""

import datetime as dt
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import vanban
from vanban import Renderer, _prepared_cache
from vanban import _render

from helpers import EXAMPLES, copy_package_template, edit_template, open_docx, text_lines
from test_warm_render import samples, variants

FLAGSHIP = EXAMPLES / "ke_hoach_114.yaml"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(_prepared_cache.CACHE_VARIABLE, str(folder))
    return folder / _prepared_cache.SUBFOLDER


@pytest.fixture(scope="module")
def plan():
    return vanban.load(FLAGSHIP)


def preparations(monkeypatch) -> list:
    """The names of the templates prepared from here on (not read from the cache)."""
    prepared = []
    original = _render._WarmTemplate.__init__

    def counting(self, name, source, environment):
        prepared.append(name)
        original(self, name, source, environment)

    monkeypatch.setattr(_render._WarmTemplate, "__init__", counting)
    return prepared


def cache_files(cache) -> list:
    return sorted(path for path in cache.iterdir() if not path.name.startswith("."))


# --- read back -------------------------------------------------------------------------------


def test_a_template_prepared_once_is_read_from_the_cache_by_the_next_renderer_with_the_same_bytes(
        cache, plan, monkeypatch):
    documents = samples() + variants(plan)
    expected = [Renderer().reference_render_bytes(document) for document in documents]
    first = Renderer()
    assert [first.render_bytes(document) for document in documents] == expected
    assert cache_files(cache), "nothing was kept"
    prepared = preparations(monkeypatch)
    second = Renderer()
    assert [second.render_bytes(document) for document in documents] == expected
    assert prepared == []


def test_a_render_from_the_cache_in_a_new_process_imports_neither_docxtpl_nor_python_docx(cache, tmp_path):
    output = tmp_path / "ke-hoach.docx"
    code = ("import sys, json\nfrom vanban.cli import main\n"
            f"try:\n    main(['render', {str(FLAGSHIP)!r}, '-o', {str(output)!r}, '--force'])\n"
            "except SystemExit as done:\n    assert not done.code, done.code\n"
            "print(json.dumps([m for m in ('docxtpl', 'docx') if m in sys.modules]))")
    environment = {**os.environ, _prepared_cache.CACHE_VARIABLE: str(cache.parent)}

    def loaded():
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                env=environment)
        return json.loads(result.stdout.strip().splitlines()[-1])

    assert loaded() == ["docxtpl", "docx"]  # the first prepares the template
    first = output.read_bytes()
    assert loaded() == []
    assert output.read_bytes() == first == Renderer().reference_render_bytes(vanban.load(FLAGSHIP))


def test_an_offices_template_edited_after_a_render_is_prepared_again(cache, plan, tmp_path):
    path = copy_package_template(tmp_path / "templates")
    Renderer([tmp_path / "templates"]).render_bytes(plan)
    edit_template(path, "{{ agency_mark }}", "{{ agency_mark }} (đã sửa)")
    renderer = Renderer([tmp_path / "templates"])
    data = renderer.render_bytes(plan)
    assert data == renderer.reference_render_bytes(plan)
    assert "*** (đã sửa)" in text_lines(open_docx(data))


def test_a_template_using_values_in_a_header_and_a_property_renders_from_the_cache_as_prepared(
        cache, plan, tmp_path, monkeypatch):
    path = copy_package_template(tmp_path)
    edit_template(path, "<w:p><w:pPr/></w:p>", "<w:p><w:r><w:t>{{ number_line }}</w:t></w:r></w:p>",
                  part="word/header1.xml")
    edit_template(path, "<dc:subject></dc:subject>", "<dc:subject>{{ document_title }}</dc:subject>",
                  part="docProps/core.xml")
    document = plan.model_copy(update={"number": 7})
    expected = Renderer([tmp_path]).reference_render_bytes(document)
    assert Renderer([tmp_path]).render_bytes(document) == expected
    prepared = preparations(monkeypatch)
    assert Renderer([tmp_path]).render_bytes(document) == expected
    assert prepared == []
    core = zipfile.ZipFile(io.BytesIO(expected)).read("docProps/core.xml").decode()
    assert "<dc:subject>Kế hoạch" in core
    assert "Số: 07-KH/ĐTN" in zipfile.ZipFile(io.BytesIO(expected)).read("word/header1.xml").decode()


# --- never trusted blindly ----------------------------------------------------------------------


@pytest.mark.parametrize("damage", ["a byte changed", "cut short", "another key", "not a cache file"])
def test_a_cache_file_that_is_not_what_was_written_is_not_used(cache, plan, monkeypatch, damage):
    expected = Renderer().render_bytes(plan)
    (path,) = cache_files(cache)
    data = path.read_bytes()
    if damage == "a byte changed":
        data = data[:-100] + bytes([data[-100] ^ 1]) + data[-99:]
    elif damage == "cut short":
        data = data[:len(data) // 2]
    elif damage == "another key":
        data = data.replace(path.name.encode(), b"0" * len(path.name), 1)
    else:
        data = b"\x00" * len(data)
    path.write_bytes(data)
    prepared = preparations(monkeypatch)
    assert Renderer().render_bytes(plan) == expected
    assert prepared == ["doan/van-ban.docx"]
    assert path.read_bytes() != data  # written again, whole


def test_a_cache_file_of_this_layout_holding_something_else_is_prepared_again(cache, plan, monkeypatch):
    expected = Renderer().render_bytes(plan)
    (path,) = cache_files(cache)
    _prepared_cache.store(path.name, {"body_source": 3})  # a valid file, not a prepared template
    prepared = preparations(monkeypatch)
    assert Renderer().render_bytes(plan) == expected
    assert prepared == ["doan/van-ban.docx"]


@pytest.mark.skipif(os.name == "nt", reason="owners and modes of POSIX")
def test_a_cache_folder_or_file_others_may_write_is_neither_read_nor_written(cache, plan, monkeypatch):
    Renderer().render_bytes(plan)
    (path,) = cache_files(cache)
    prepared = preparations(monkeypatch)
    path.chmod(0o622)  # someone else could have put code in it
    Renderer().render_bytes(plan)
    assert prepared == ["doan/van-ban.docx"]
    path.unlink()
    cache.chmod(0o777)
    try:
        Renderer().render_bytes(plan)
        assert prepared == ["doan/van-ban.docx"] * 2
        assert cache_files(cache) == []
        assert _prepared_cache.load(path.name) is None
    finally:
        cache.chmod(0o700)


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need rights on Windows")
def test_a_link_in_place_of_a_cache_file_or_folder_is_not_followed(cache, plan, monkeypatch, tmp_path):
    Renderer().render_bytes(plan)
    (path,) = cache_files(cache)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    moved = elsewhere / path.name
    path.rename(moved)
    path.symlink_to(moved)
    assert _prepared_cache.load(path.name) is None
    path.unlink()
    path.parent.rename(tmp_path / "real")
    cache.symlink_to(tmp_path / "real")
    (tmp_path / "real" / path.name).write_bytes(moved.read_bytes())
    assert _prepared_cache.load(path.name) is None


def test_a_cache_folder_that_cannot_be_made_leaves_the_render_as_it_is(plan, monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv(_prepared_cache.CACHE_VARIABLE, str(blocker / "cache"))
    assert Renderer().render_bytes(plan) == Renderer().reference_render_bytes(plan)
    assert blocker.read_text() == "x"


def test_an_empty_cache_variable_turns_the_cache_off(plan, monkeypatch):
    monkeypatch.setenv(_prepared_cache.CACHE_VARIABLE, "")
    assert _prepared_cache.folder() is None
    prepared = preparations(monkeypatch)
    Renderer().render_bytes(plan)
    Renderer().render_bytes(plan)
    assert prepared == ["doan/van-ban.docx"] * 2


def test_without_the_variable_the_cache_is_in_the_users_cache_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(_prepared_cache.CACHE_VARIABLE)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    expected = tmp_path / "vanban" / "prepared-templates"
    if os.name == "nt":
        monkeypatch.setenv("LOCALAPPDATA", str(tmp_path))
    elif sys.platform == "darwin":
        expected = Path.home() / "Library" / "Caches" / "vanban" / "prepared-templates"
    assert _prepared_cache.folder() == expected


def test_without_a_home_folder_there_is_no_cache_and_the_render_is_as_it_is(plan, monkeypatch):
    monkeypatch.delenv(_prepared_cache.CACHE_VARIABLE)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home(cls=None):
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", classmethod(no_home))
    assert _prepared_cache.folder() is None
    assert Renderer().render_bytes(plan) == Renderer().reference_render_bytes(plan)


def test_the_oldest_cache_files_make_room_for_a_new_one_and_nothing_else_is_removed(cache, monkeypatch):
    monkeypatch.setattr(_prepared_cache, "MAX_FILES", 3)
    first = _prepared_cache.key("first")
    _prepared_cache.store(first, 0)  # makes the folder
    os.utime(cache / first, (1, 1))
    (cache / "notes.txt").write_text("the user's own")
    (cache / "doan").mkdir()
    stray, fresh = cache / ".writing-killed", cache / ".writing-now"
    stray.write_bytes(b"half")
    fresh.write_bytes(b"being written")
    os.utime(stray, (0, 0))
    names = [_prepared_cache.key(number) for number in range(5)]
    for number, name in enumerate(names):
        _prepared_cache.store(name, number)
        os.utime(cache / name, (number + 10, number + 10))
    assert sorted(path.name for path in cache_files(cache)) == sorted(names[2:] + ["doan", "notes.txt"])
    assert _prepared_cache.load(names[4]) == 4
    assert not stray.exists() and fresh.exists()


# --- the core properties written without python-docx ----------------------------------------------


@pytest.mark.parametrize("title, written_here", [
    ("Kế hoạch tổ chức", True), ("", True), ("a & b < c > d \"e\" 'f'", True), ("tab\tand\nnewline", True),
    ("🎉 ngoài BMP", True), ("x" * 255, True), ("{{ braces }} {% kept %}", True), ("\ufffd", True),
    ("x" * 256, False), ("carriage\rreturn", False), ("control\x01character", False),
    ("lone \ud800 surrogate", False), ("not a character \ufffe", False), ("\uffff", False),
])
def test_core_properties_are_written_as_python_docx_writes_them_or_left_to_it(plan, title, written_here):
    from docx.opc.coreprops import CoreProperties
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.parser import parse_xml

    renderer = Renderer()
    renderer.render_bytes(plan)
    (warm,) = renderer._warm.values()
    stamp = dt.datetime(2021, 3, 5)
    rendered = {prop: value for prop, value in warm.properties.items()}
    written = _render._core_text(warm.core_pieces, rendered, title, "BCH Đoàn", stamp)
    element = parse_xml(warm.core_xml)
    properties = CoreProperties(element)
    try:
        for prop, text in rendered.items():
            setattr(properties, prop, text)
        _render._set_properties(properties, title, "BCH Đoàn", stamp)
        expected = serialize_part_xml(element)
    except ValueError:  # python-docx refuses it: so does the render, on its path
        expected = None
    if written_here:
        assert written == expected
    else:
        assert written is None


def test_drawings_are_numbered_in_document_order_as_docxtpl_numbers_them():
    from docxtpl import DocxTemplate
    from lxml import etree

    wp = _render._WP
    xml = (f'<w:body xmlns:w="{_render._W}" xmlns:wp="{wp}"><w:p><wp:docPr id="1"/></w:p>'
           '<w:tbl><w:tr><w:tc><w:p><wp:docPr id="1"/><wp:docPr id="7"/></w:p></w:tc></w:tr></w:tbl>'
           '<w:p><wp:docPr/></w:p></w:body>')
    ours, theirs = etree.fromstring(xml), etree.fromstring(xml)
    _render._renumber_drawings(ours)
    helper = DocxTemplate.__new__(DocxTemplate)
    helper.docx_ids_index = 1000
    helper.fix_docpr_ids(theirs)
    assert etree.tostring(ours) == etree.tostring(theirs)
    assert [element.get("id") for element in ours.iter(f"{{{wp}}}docPr")] == ["1001", "1002", "1003", "1004"]


def test_the_cache_key_changes_with_the_template_the_preparing_code_and_the_limits(monkeypatch, tmp_path):
    import importlib.util

    from vanban._sandbox import TemplateLimits

    renderer = Renderer()
    source = renderer.template_bytes("doan/van-ban.docx")
    key = _render._cache_key(source, renderer.environment)
    assert key == _render._cache_key(source, Renderer().environment)
    assert _render._cache_key(source + b"\0", renderer.environment) != key
    assert _render._cache_key(source, Renderer(limits=TemplateLimits(seconds=1)).environment) != key

    other = tmp_path / "__init__.py"
    other.write_text("# another docxtpl\n")
    find_spec = importlib.util.find_spec

    def docxtpl_elsewhere(name, *args):
        spec = find_spec(name, *args)
        if name == "docxtpl":
            spec = importlib.util.spec_from_file_location("docxtpl", other)
        return spec

    monkeypatch.setattr(importlib.util, "find_spec", docxtpl_elsewhere)
    assert _render._cache_key(source, renderer.environment) != key
    monkeypatch.undo()

    module = Path(_render.__file__).with_name("_body_loop.py")
    info = module.stat()
    os.utime(module, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    try:
        assert _render._cache_key(source, renderer.environment) != key
    finally:
        os.utime(module, ns=(info.st_atime_ns, info.st_mtime_ns))
