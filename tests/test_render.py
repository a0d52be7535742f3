"""The Renderer: reproducible, literal, atomic, thread-safe, templates found by name."""

import io
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest

import vanban
from vanban import OutputError, OutputExistsError, Renderer, TemplateError, TemplateNotFoundError

from helpers import EXAMPLES, copy_package_template, edit_template, open_docx, text_lines


@pytest.fixture(scope="module")
def plan():
    return vanban.load(EXAMPLES / "ke_hoach_114.yaml")


def with_text(plan, text):
    return plan.model_copy(update={"opening": [text]})


def test_same_input_gives_the_same_bytes(plan):
    assert vanban.render_bytes(plan) == Renderer().render_bytes(plan)


def test_output_zip_has_fixed_timestamps(plan):
    archive = zipfile.ZipFile(io.BytesIO(vanban.render_bytes(plan)))
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


@pytest.mark.parametrize(
    "text",
    [
        "Đoàn & Hội <b>đậm</b> > \"trích\" 'dẫn'",
        "{{ 7*7 }} và {% for x in y %} và {# ghi chú #}",
        "{_{ không đổi }_} {_% x %_}",
        "]]> <![CDATA[ x ]]> &amp; &#123;",
        "CTĐ&TTN; 50% kinh phí; a\\b",
    ],
)
def test_text_comes_out_literally_never_evaluated(plan, text):
    document = open_docx(vanban.render_bytes(with_text(plan, text)))
    assert text in text_lines(document)


def test_special_characters_in_letterhead_and_recipients_are_literal(plan):
    changed = plan.model_copy(
        update={
            "issuer": plan.issuer.model_copy(update={"name": ["BCH Đoàn <Công ty> A&B {{x}}"]}),
            "drafting_unit": "CTĐ&TTN",
            "recipients": [vanban.Recipient(name="Ban A&B <x>", purpose="để b/c")],
        }
    )
    lines = text_lines(open_docx(vanban.render_bytes(changed)))
    assert "BCH ĐOÀN <CÔNG TY> A&B {{X}}" in lines
    assert "Số: 114-KH/ĐTN-CTĐ&TTN" in lines
    assert "- Ban A&B <x> (để b/c);" in lines


def test_line_break_inside_a_paragraph_is_a_real_line_break(plan):
    document = open_docx(vanban.render_bytes(with_text(plan, "dòng một\ndòng hai")))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("dòng một"))
    assert "<w:br/>" in paragraph._p.xml
    assert paragraph.text == "dòng một\ndòng hai"


def test_render_writes_the_file_and_refuses_to_overwrite(plan, tmp_path):
    target = tmp_path / "kh.docx"
    vanban.render(plan, target)
    first = target.read_bytes()
    target.write_bytes(b"user's own file")
    with pytest.raises(OutputExistsError):
        vanban.render(plan, target)
    assert target.read_bytes() == b"user's own file"
    vanban.render(plan, target, overwrite=True)
    assert target.read_bytes() == first
    assert [p.name for p in tmp_path.iterdir()] == ["kh.docx"]


def test_missing_output_folder_is_a_clear_error_and_writes_nothing(plan, tmp_path):
    with pytest.raises(OutputError) as error:
        vanban.render(plan, tmp_path / "khong-co" / "kh.docx")
    assert "không tồn tại" in str(error.value)
    assert list(tmp_path.iterdir()) == []


def test_failed_write_leaves_no_partial_file(plan, tmp_path, monkeypatch):
    import os

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OutputError) as error:
        vanban.render(plan, tmp_path / "kh.docx")
    assert "đầy" in str(error.value)
    assert list(tmp_path.iterdir()) == []


def test_failed_render_leaves_an_existing_file_untouched(plan, tmp_path):
    target = tmp_path / "kh.docx"
    target.write_bytes(b"old")
    broken = plan.model_copy(update={"profile": "khong-co"})
    with pytest.raises(vanban.ProfileNotFoundError):
        vanban.render(broken, target, overwrite=True)
    assert target.read_bytes() == b"old"





def test_an_offices_own_template_folder_is_searched_first(plan, tmp_path):
    path = copy_package_template(tmp_path)
    edit_template(path, "{{ agency_mark }}", "{{ agency_mark }} (mẫu riêng)")
    lines = text_lines(open_docx(Renderer([tmp_path]).render_bytes(plan)))
    assert "*** (mẫu riêng)" in lines
    assert "*** (mẫu riêng)" not in text_lines(open_docx(Renderer().render_bytes(plan)))


def test_a_template_using_an_unknown_variable_fails_loudly(plan, tmp_path):
    path = copy_package_template(tmp_path)
    edit_template(path, "{{ agency_mark }}", "{{ agency_mark }}{{ khong_co }}")
    with pytest.raises(TemplateError) as error:
        Renderer([tmp_path]).render_bytes(plan)
    assert "khong_co" in str(error.value)


def test_a_template_reaching_into_python_internals_is_refused(plan, tmp_path):
    path = copy_package_template(tmp_path)
    edit_template(path, "{{ agency_mark }}", "{{ agency_mark.__class__.__mro__ }}")
    with pytest.raises(TemplateError):
        Renderer([tmp_path]).render_bytes(plan)


def test_unknown_template_names_where_it_looked(tmp_path):
    with pytest.raises(TemplateNotFoundError) as error:
        Renderer([tmp_path]).template_bytes("doan/khong-co.docx")
    assert str(tmp_path) in str(error.value) and "vanban/templates" in str(error.value)


def test_many_threads_sharing_one_renderer_get_the_same_bytes(plan):
    renderer = Renderer()
    alone = renderer.render_bytes(plan)
    variants = [with_text(plan, f"Đoạn số {i}") for i in range(6)]
    expected = [renderer.render_bytes(v) for v in variants]
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(renderer.render_bytes, [plan] * 6 + variants))
    assert results[:6] == [alone] * 6
    assert results[6:] == expected


def test_a_very_long_title_renders_and_file_properties_stay_within_255_characters(plan):
    title = "Tổ chức " + "các hoạt động hỗ trợ thanh niên yếu thế, " * 12 + "**năm 2021**"
    document = open_docx(vanban.render_bytes(plan.model_copy(update={"title": title})))
    assert len(document.core_properties.title) <= 255
    assert "**" not in document.core_properties.title
    assert "".join(title.split("**")) in text_lines(document)


def test_an_annex_of_a_document_without_a_signature_names_the_issuing_body():
    data = vanban.load(EXAMPLES / "ke_hoach_114.yaml").model_dump()
    data["signer"] = None
    data["annexes"] = [{"title": "Danh sách đơn vị", "children": ["Các cơ sở Đoàn trực thuộc."]}]
    document = vanban.KeHoach.model_validate(data)
    lines = text_lines(open_docx(vanban.render_bytes(document)))
    assert any(line.startswith("(Kèm theo Kế hoạch số 114-KH/ĐTN") and line.endswith(
        "của BCH Đoàn Khối các cơ quan và Doanh nghiệp)") for line in lines), lines
