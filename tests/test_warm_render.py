"""The warm render path: the same bytes as plain docxtpl, with the template work done once."""

import io
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest
import yaml

import vanban
from vanban import Renderer, TemplateError

from helpers import EXAMPLES, open_docx, text_lines
from test_render import copy_package_template, edit_template


def samples():
    documents = [vanban.load(path) for path in sorted(EXAMPLES.glob("*.yaml"))]
    documents += [vanban.parse(yaml.safe_load(model.starter_yaml()))
                  for model in vanban.document_types().values()]
    return documents


def variants(plan):
    """Marks, line breaks, tabs and text that looks like markup: every branch of the frame."""
    return [
        plan.model_copy(update={"draft": True, "secrecy": "MẬT", "urgency": "HỎA TỐC"}),
        plan.model_copy(update={"draft": 2, "number": None, "drafting_unit": "VP"}),
        plan.model_copy(update={"opening": ["Dòng một\nDòng hai", "a\tb {{ x }} {% y %} <w:t> &amp;"]}),
        plan.model_copy(update={"signer": plan.signer.model_copy(update={"authority": None})}),
    ]


@pytest.fixture(scope="module")
def plan():
    return vanban.load(EXAMPLES / "ke_hoach_114.yaml")


def test_warm_output_is_byte_identical_to_plain_docxtpl_for_every_sample_and_variant(plan):
    renderer, reference = Renderer(), Renderer()  # the reference path on a renderer of its own
    documents = samples() + variants(plan)
    expected = [reference.reference_render_bytes(document) for document in documents]
    for document, want in zip(documents, expected):
        assert renderer.render_bytes(document) == want
    # and again, now that every template is warm, in another order
    for document, want in reversed(list(zip(documents, expected))):
        assert renderer.render_bytes(document) == want


def test_warm_output_of_an_offices_own_template_is_identical(plan, tmp_path):
    path = copy_package_template(tmp_path)
    edit_template(path, "{{ agency_mark }}", "{{ agency_mark }} (mẫu riêng {{ date_line }})")
    renderer = Renderer([tmp_path])
    warm = renderer.render_bytes(plan)
    assert warm == renderer.reference_render_bytes(plan)
    assert "*** (mẫu riêng Trà Vinh, ngày 05 tháng 3 năm 2021)" in text_lines(open_docx(warm))


def test_a_header_using_values_is_rendered_for_each_document(plan, tmp_path):
    path = copy_package_template(tmp_path)
    edit_template(path, "<w:p><w:pPr/></w:p>", "<w:p><w:r><w:t>{{ number_line }}</w:t></w:r></w:p>",
                  part="word/header1.xml")
    renderer = Renderer([tmp_path])
    for number in (7, 114):
        document = plan.model_copy(update={"number": number})
        warm = renderer.render_bytes(document)
        assert warm == renderer.reference_render_bytes(document)
        header = zipfile.ZipFile(io.BytesIO(warm)).read("word/header1.xml").decode()
        assert f"Số: {number:02d}-KH/ĐTN" in header


def test_the_template_is_loaded_and_compiled_once(plan, monkeypatch):
    import docxtpl

    renderer = Renderer()
    first = renderer.render_bytes(plan)

    def no_reload(*args, **kwargs):
        raise AssertionError("the warm path reloaded the template")

    monkeypatch.setattr(docxtpl.DocxTemplate, "render", no_reload)
    monkeypatch.setattr(docxtpl.DocxTemplate, "init_docx", no_reload)
    monkeypatch.setattr(renderer.environment, "from_string", no_reload)
    changed = plan.model_copy(update={"number": 115})
    assert renderer.render_bytes(plan) == first
    assert "Số: 115-KH/ĐTN" in text_lines(open_docx(renderer.render_bytes(changed)))


def test_warm_path_still_fails_loudly_on_a_broken_template(plan, tmp_path):
    path = copy_package_template(tmp_path)
    edit_template(path, "{{ agency_mark }}", "{{ agency_mark }}{% if %}")
    with pytest.raises(TemplateError):
        Renderer([tmp_path]).render_bytes(plan)


def test_warm_path_refuses_python_internals_at_every_render(plan, tmp_path):
    path = copy_package_template(tmp_path)
    edit_template(path, "{{ agency_mark }}", "{{ agency_mark.__class__.__mro__ }}")
    renderer = Renderer([tmp_path])
    for _ in range(2):
        with pytest.raises(TemplateError):
            renderer.render_bytes(plan)


def test_threads_warming_one_renderer_together_get_reference_bytes(plan):
    renderer = Renderer()
    documents = [plan.model_copy(update={"number": n}) for n in range(1, 13)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(renderer.render_bytes, documents))
    assert results == [Renderer().reference_render_bytes(d) for d in documents]


def test_the_warm_zip_is_a_valid_zip_with_fixed_timestamps(plan):
    data = Renderer().render_bytes(plan)
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_table_grid_docxtpl_fixes_is_fixed_on_the_warm_path_too(plan, tmp_path):
    path = copy_package_template(tmp_path)
    edit_template(path, '<w:gridCol w:w="3855"/><w:gridCol w:w="5216"/>',
                  '<w:gridCol w:w="3855"/><w:gridCol w:w="3000"/><w:gridCol w:w="2216"/>')
    renderer = Renderer([tmp_path])
    warm = renderer.render_bytes(plan)
    assert warm == renderer.reference_render_bytes(plan)
    assert zipfile.ZipFile(io.BytesIO(warm)).read("word/document.xml").count(b"<w:gridCol ") == 4


def test_text_after_an_empty_run_goes_with_it_on_both_paths(plan, tmp_path):
    # an empty run docxtpl leaves is removed with whatever stands after it in the XML
    path = copy_package_template(tmp_path)
    edit_template(path, "{{ agency_mark }}", "{{r agency_mark }}")
    renderer = Renderer([tmp_path])
    assert renderer.render_bytes(plan) == renderer.reference_render_bytes(plan)


def walked_removal(body) -> None:
    """The specification of an empty run: every ``w:t`` without text whose parent is a run
    holding nothing else but its properties; such runs are removed (with their tails)."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for element in list(body.iter(w + "t")):
        run = element.getparent()
        if element.text or run is None or run.tag != w + "r":
            continue
        if sum(1 for child in run if child.tag != w + "rPr") == 1:
            run.getparent().remove(run)


def test_empty_runs_are_found_as_the_walk_over_every_text_element_finds_them():
    from lxml import etree

    from vanban._render import _remove_empty_runs

    runs = [
        '<w:r><w:t xml:space="preserve"></w:t></w:r>', "<w:r><w:t/></w:r>", "<w:r><w:rPr><w:b/></w:rPr><w:t/></w:r>",
        "<w:r><w:t>x</w:t></w:r>", "<w:r><w:t> </w:t></w:r>", "<w:r><w:t/><w:t/></w:r>", "<w:r><w:t/><w:br/></w:r>",
        "<w:r><w:t/><!-- c --></w:r>", "<w:r><w:t/><?pi x?></w:r>", "<w:r><w:t><!-- c -->x</w:t></w:r>",
        "<w:r><w:t><w:x/></w:t></w:r>", "<w:r><w:r><w:t/></w:r></w:r>", "<w:r><w:t/></w:r>tail",
        "<w:hyperlink><w:r><w:t/></w:r></w:hyperlink>", "<w:r><w:rPr/><w:rPr/><w:t/></w:r>", "<w:r/>",
    ]
    paragraphs = "".join(f"<w:p>{a}{b}</w:p>" for a in runs for b in runs)
    source = f'<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{paragraphs}</w:body>'
    expected, found = etree.fromstring(source), etree.fromstring(source)
    walked_removal(expected)
    _remove_empty_runs(found)
    assert etree.tostring(found) == etree.tostring(expected)


def test_a_body_the_quick_parse_does_not_take_gives_the_reference_bytes(plan, tmp_path):
    # an XML comment holding the text of docxtpl's empty run: cut from the text, the comment
    # would change; such a body is parsed by docxtpl's own fix_tables, as rendered
    comment = '&lt;!-- a&gt;&lt;w:r&gt;&lt;w:t xml:space="preserve"&gt;&lt;/w:t&gt;&lt;/w:r&gt;&lt;b --&gt;'
    path = copy_package_template(tmp_path)
    edit_template(path, "{{ agency_mark }}", "{{ agency_mark }}{{ '" + comment + "'|safe }}")
    renderer = Renderer([tmp_path])
    warm = renderer.render_bytes(plan)
    assert warm == renderer.reference_render_bytes(plan)
    assert b'<!-- a><w:r><w:t xml:space="preserve"></w:t></w:r><b -->' in \
        zipfile.ZipFile(io.BytesIO(warm)).read("word/document.xml")
