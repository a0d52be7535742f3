"""``vanban fix`` (a correctly laid out copy of a wrongly laid out document) and
``vanban check --png`` (the pages with each finding boxed and numbered where it is).

The wrong document is built here with python-docx, as an office writes one by hand: Arial
11, a Letter page, no indents, plain dashes and typed numbers, "ngày 5" without its zero."""

from __future__ import annotations

import io
import re
import unicodedata

import docx
import pytest
from click.testing import CliRunner
from docx.shared import Cm, Pt

from vanban._check import check_document
from vanban._docx_read import DocxView
from vanban._fix import fix_document
from vanban.cli import main


def wrong_document() -> bytes:
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(11)
    head = document.add_table(rows=2, cols=2)
    left = head.cell(0, 0)
    left.paragraphs[0].text = "TỈNH ĐOÀN TRÀ VINH"
    left.add_paragraph().add_run("BCH ĐOÀN HUYỆN CẦU NGANG").bold = True
    left.add_paragraph("***")
    head.cell(0, 1).paragraphs[0].add_run("ĐOÀN TNCS HỒ CHÍ MINH").bold = True
    head.cell(1, 0).paragraphs[0].text = "Số: 12-KH/ĐTN"
    head.cell(1, 1).paragraphs[0].add_run("Cầu Ngang, ngày 5 tháng 3 năm 2024").italic = True
    document.add_paragraph().add_run("KẾ HOẠCH").bold = True
    document.add_paragraph().add_run("Tổ chức Tháng Thanh niên năm 2024").bold = True
    document.add_paragraph("Thực hiện chương trình công tác Đoàn năm 2024, Ban Thường vụ Huyện đoàn "
                           "xây dựng kế hoạch như sau:")
    document.add_paragraph().add_run("I. MỤC ĐÍCH, YÊU CẦU").bold = True
    document.add_paragraph("- Tạo đợt sinh hoạt chính trị sôi nổi trong đoàn viên, thanh niên.")
    document.add_paragraph("- Phát huy vai trò xung kích của tuổi trẻ.")
    document.add_paragraph().add_run("II. NỘI DUNG").bold = True
    document.add_paragraph().add_run("1. Hoạt động tình nguyện").bold = True
    paragraph = document.add_paragraph("Tổ chức ngày ")
    paragraph.add_run("Chủ nhật xanh").bold = True
    paragraph.add_run(" tại các xã, thị trấn.")
    document.add_paragraph().add_run("2. Hoạt động tuyên truyền").bold = True
    document.add_paragraph("Tuyên truyền kỷ niệm 93 năm Ngày thành lập Đoàn.")
    document.add_paragraph("Trên đây là Kế hoạch tổ chức Tháng Thanh niên năm 2024./.")
    closing = document.add_table(rows=1, cols=2)
    recipients = closing.cell(0, 0)
    recipients.paragraphs[0].add_run("Nơi nhận:").bold = True
    for line in ("- Tỉnh đoàn (để b/c);", "- Các cơ sở Đoàn;", "- Lưu VP."):
        recipients.add_paragraph(line)
    signer = closing.cell(0, 1)
    signer.paragraphs[0].add_run("TM. BAN THƯỜNG VỤ").bold = True
    signer.add_paragraph().add_run("BÍ THƯ").bold = True
    signer.add_paragraph().add_run("Nguyễn Văn An").bold = True
    for paragraph in document.paragraphs:
        paragraph.paragraph_format.first_line_indent = Cm(0)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def words(data: bytes) -> list[str]:
    """The words of a document in reading order, a layout table column by column (the Union's
    signature table has the TM. line on a row of its own); a number as its value ("05" is "5")."""
    paragraphs = [p for p in DocxView(data).paragraphs if not p.nested]
    ordered = sorted(paragraphs, key=lambda p: (p.index if p.table is None else
                                                min(q.index for q in paragraphs if q.table == p.table),
                                                p.column or 0, p.row or 0, p.index))
    out = []
    for paragraph in ordered:
        text = unicodedata.normalize("NFC", paragraph.text.replace("\u00a0", " "))
        out += [str(int(w)) if w.isdigit() else w.lower() for w in re.findall(r"\w+", text)]
    return out


@pytest.fixture(scope="module")
def wrong() -> bytes:
    return wrong_document()


@pytest.fixture(scope="module")
def fixed(wrong):
    return fix_document(wrong, name="ke-hoach-sai.docx")


def test_the_fixed_copy_says_the_same_words_in_the_same_order(wrong, fixed):
    assert words(fixed.data) == words(wrong)


def test_the_fixed_copy_breaks_no_rule_and_keeps_a_bold_word(fixed):
    assert check_document(fixed.data).errors == []
    assert "**Chủ nhật xanh**" in str(fixed.imported.data["noi_dung"])


def test_the_report_names_each_corrected_finding_by_its_rule(wrong, fixed):
    before = check_document(wrong, "doan")
    assert len(before.errors) > 10
    assert [f.rule_id for f in fixed.corrected] == [f.rule_id for f in before.findings
                                                    if f.severity in ("error", "warning")]
    report = fixed.to_text()
    for rule in ("U-PAGE-1", "U-FONT-1", "U-BODY-1", "U-HDR-5", "U-SIG-3"):
        assert rule in report
    assert fixed.remaining == [] and "Còn lại" not in report


def test_the_fix_command_writes_beside_the_file_and_never_overwrites_or_half_writes(tmp_path, wrong):
    source = tmp_path / "ke-hoach.docx"
    source.write_bytes(wrong)
    first = CliRunner().invoke(main, ["fix", str(source)])
    assert first.exit_code == 0, first.output
    output = tmp_path / "ke-hoach-da-sua.docx"
    assert "U-FONT-1" in first.output and f"Đã tạo {output}" in first.output
    written = output.read_bytes()
    again = CliRunner().invoke(main, ["fix", str(source), "-o", str(output)])
    assert again.exit_code == 1 and "--force" in again.output and output.read_bytes() == written
    itself = CliRunner().invoke(main, ["fix", str(source), "-o", str(source), "--force"])
    assert itself.exit_code == 2 and "tệp gốc" in itself.output and source.read_bytes() == wrong
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ke-hoach-da-sua.docx", "ke-hoach.docx"]


# --- check --png ---------------------------------------------------------------------------------


@pytest.mark.libreoffice
def test_check_png_boxes_and_numbers_every_finding_on_its_page(tmp_path, wrong, converter):
    from PIL import Image

    from vanban._marked_pages import COLOURS, marked_pages

    report = check_document(wrong, "doan")
    pages, marks = marked_pages(wrong, report, converter=converter)
    assert len(pages) == 1 and len(marks) == len(report.findings)
    located = {m.number for m in marks if m.box}
    expected = {n for n, f in enumerate(report.findings, start=1) if f.paragraph}
    assert located == expected  # every finding about a paragraph is boxed where the paragraph is
    image = Image.open(io.BytesIO(pages[0])).convert("RGB")
    scale = image.width / 612  # a Letter page, 612 points wide
    signer = next(m for m, f in zip(marks, report.findings) if f.rule_id == "U-SIG-3")
    x0, y0, x1, y1 = (round(v * scale) for v in signer.box)
    edge = [image.getpixel((x, y0 - 2)) for x in range(x0, x1)]
    assert sum(pixel == COLOURS["error"] for pixel in edge) > (x1 - x0) / 2  # its box is drawn


def test_check_png_into_a_folder_that_is_not_there_is_refused_before_anything_is_converted(tmp_path, wrong):
    source = tmp_path / "ke-hoach.docx"
    source.write_bytes(wrong)
    result = CliRunner().invoke(main, ["check", str(source), "--png", str(tmp_path / "anh")])
    assert result.exit_code == 1 and f"thư mục {tmp_path / 'anh'} không tồn tại" in result.output


@pytest.mark.slow  # starts a LibreOffice of its own, as the command does
def test_the_check_command_writes_the_marked_pages_and_numbers_its_list(tmp_path, wrong):
    source = tmp_path / "ke-hoach.docx"
    source.write_bytes(wrong)
    (tmp_path / "anh").mkdir()
    result = CliRunner().invoke(main, ["check", str(source), "--png", str(tmp_path / "anh")])
    assert result.exit_code == 1, result.output  # the document has errors
    assert re.search(r"^1\. \[LỖI\] U-PAGE-1", result.output, re.M)
    assert (tmp_path / "anh" / "ke-hoach-kiem-tra-1.png").is_file()
    assert f"Đã tạo {tmp_path / 'anh' / 'ke-hoach-kiem-tra-1.png'}" in result.output


def test_a_finding_is_boxed_where_its_paragraph_stands_when_its_words_stand_twice():
    from vanban._check_report import Finding, Report
    from vanban._marked_pages import Word, place_findings

    document = docx.Document()
    for text in ("MỤC LỤC", "Quy định chung", "Lời nói đầu dài " * 5, "Quy định chung", "Nội dung."):
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    view = DocxView(buffer.getvalue())
    words, y = [], 0.0
    for page, para in enumerate(view.paragraphs):  # one paragraph a page, words in reading order
        for token in re.findall(r"\w+", para.text.lower()):
            words.append(Word(page, token, (10.0, y, 20.0, y + 10)))
            y += 12
    second = view.paragraphs[3]
    report = Report("x", "doan", [Finding("U-HEAD-1", "error", "", "", "headings", second.index, second.excerpt)])
    mark, = place_findings(report, view, words)
    assert mark.page == 3


def test_a_document_vanban_cannot_rewrite_word_for_word_is_refused_and_nothing_is_written(tmp_path):
    document = docx.Document()
    for line in ("NGHỊ ĐỊNH", "Về công tác văn thư", "Điều 1. Phạm vi điều chỉnh"):
        document.add_paragraph(line)
    source = tmp_path / "nghi-dinh.docx"
    document.save(str(source))
    result = CliRunner().invoke(main, ["fix", str(source)])
    assert result.exit_code == 1
    assert "giữ nguyên từng chữ" in result.output and "NGHỊ ĐỊNH" in result.output
    assert "vanban import" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nghi-dinh.docx"]
