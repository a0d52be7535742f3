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
    renderer = Renderer()
    documents = samples() + variants(plan)
    for document in documents:
        assert renderer.render_bytes(document) == renderer.reference_render_bytes(document)
    # and again, now that every template is warm, in another order
    for document in reversed(documents):
        assert renderer.render_bytes(document) == Renderer().reference_render_bytes(document)


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
