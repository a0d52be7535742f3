"""Page quality measured on the PDF (tools/page_quality.py, issue 13): each measure on a
document where its failure is there by construction, then every example and corpus
document. What today's layout fails is marked xfail (strict) with the measure and the
page, so that each one shows up when the layout is fixed.
"""

import io
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

import vanban
from vanban._docx_read import excerpt

from helpers import CORPUS, EXAMPLES, tool

quality = tool("page_quality")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --- small documents built for one measure each --------------------------------------------


def plain_document():
    """A page set like vanban's body text: A4, margins 20/20/30/20 mm, 14 pt Times New
    Roman at 1.15 lines, 6 pt after each paragraph, left aligned."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(14)
    normal.paragraph_format.line_spacing = 1.15
    normal.paragraph_format.space_before, normal.paragraph_format.space_after = Pt(0), Pt(6)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    normal.paragraph_format.widow_control = True
    return document


def add_lines(container, lines, **format):
    """One paragraph whose ``lines`` are separated by line breaks the writer typed."""
    paragraph = container.add_paragraph()
    for number, line in enumerate(lines):
        run = paragraph.add_run(line)
        if number + 1 < len(lines):
            run.add_break()
    for name, value in format.items():
        setattr(paragraph.paragraph_format, name, value)
    return paragraph


def saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def measured(converter, data: bytes, name: str):
    return quality.measure_documents(converter.convert_bytes(data, f"{name}.docx"), data, name)


def foot_gap_document() -> bytes:
    """Six pages, each ending for a different reason (see the test)."""
    document = plain_document()
    for number in range(1, 21):
        document.add_paragraph(f"Đoạn văn thứ {number} của trang một.")
    # 14 lines that may not be split do not fit under 20 paragraphs: they go to page 2 whole
    add_lines(document, [f"Khối không được tách, dòng {n}" for n in range(1, 15)], keep_together=True)
    document.add_paragraph("Trang ba mở đầu ở đây vì văn bản ngắt trang.").paragraph_format.page_break_before = True
    for number in range(1, 41):
        document.add_paragraph(f"Đoạn văn thứ {number} từ trang ba.")
    table = document.add_table(rows=4, cols=2)
    table.style = "Table Grid"
    for row in range(3):
        table.cell(row, 0).text, table.cell(row, 1).text = f"Hàng {row + 1}", "nội dung ngắn"
    tall = table.rows[3]
    tall._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    tall.cells[0].text = "Hàng 4"
    cell = tall.cells[1]
    cell.paragraphs[0].text = "Hàng cao không được tách"
    for n in range(2, 26):
        cell.add_paragraph(f"dòng {n} của hàng cao")
    document.add_paragraph("Đoạn văn sau bảng.")
    document.add_paragraph("Phụ lục I").paragraph_format.keep_with_next = True
    add_lines(document, [f"Nội dung phụ lục, dòng {n}" for n in range(1, 15)], keep_together=True)
    return saved(document)


@pytest.fixture(scope="module")
def foot_gaps(converter):
    data = foot_gap_document()
    return data, converter.convert_bytes(data, "khoang-trong.docx")


@pytest.mark.libreoffice
def test_foot_gap_is_measured_on_every_page_and_excused_only_for_a_break_a_table_or_an_annex(foot_gaps):
    report = quality.measure_documents(foot_gaps[1], foot_gaps[0], "khoang-trong")
    excuses = [figure.excused for figure in report.pages]
    assert excuses == ["", "văn bản ngắt trang ở đây", "", "trang kết thúc bằng một bảng",
                       "trang sau mở đầu phụ lục", "trang cuối"]
    pitch = quality.body_line_pitch(vanban.DOAN)
    assert report.pages[0].foot_gap > 10 * pitch  # the 14 lines pushed away left their room
    assert report.pages[2].foot_gap < pitch  # a full page
    assert [(f.measure, f.page) for f in report.failures] == [("foot_gap", 1)]
    assert report.failures[0].line == "Đoạn văn thứ 20 của trang một."
    assert report.pages[0].foot_lines == pytest.approx(report.pages[0].foot_gap / pitch)


@pytest.mark.libreoffice
def footnote_document() -> bytes:
    """The flagship with a footnote in its opening paragraph, and 40 lines that may not be
    split right after it: they go to page 2, and page 1 keeps the footnote at its foot."""
    import yaml

    data = yaml.safe_load((EXAMPLES / "ke_hoach_114.yaml").read_text(encoding="utf-8"))
    data["mo_dau"] = ["Căn cứ Chương trình công tác Đoàn năm 2021^[Ban hành ngày 05/01/2021.]."]
    rendered = vanban.render_bytes(vanban.parse(data))
    document = docx.Document(io.BytesIO(rendered))
    opening = next(p for p in document.paragraphs if p.text.startswith("Căn cứ Chương trình"))
    block = add_lines(document, [f"Khối không được tách, dòng {n}" for n in range(1, 41)], keep_together=True)
    opening._p.addnext(block._p)
    return saved(document)


@pytest.mark.libreoffice
def test_the_foot_gap_of_a_page_with_a_footnote_ends_where_the_footnote_begins(converter):
    report = measured(converter, footnote_document(), "chu-thich")
    assert report.pages[0].foot_gap > 10 * quality.body_line_pitch(vanban.DOAN)
    failure = report.failed("foot_gap")[0]
    assert failure.page == 1 and failure.line.startswith("Căn cứ Chương trình")


@pytest.mark.libreoffice
def test_without_its_docx_a_pdf_does_not_know_where_the_document_breaks_its_pages(foot_gaps):
    report = quality.measure_documents(foot_gaps[1], None, "khoang-trong")
    assert [f.page for f in report.failed("foot_gap")] == [1, 2]
    assert report.not_evaluated


def test_the_foot_gap_limit_is_two_body_lines_and_a_paragraph_space_of_each_profile():
    for profile in (vanban.DOAN, vanban.NHA_NUOC):
        body = profile.figures["body"]
        assert quality.body_line_pitch(profile) == pytest.approx(14 * 1.15 * 1.15, abs=0.1)  # 18.5 pt
        assert quality.foot_gap_limit(profile) == pytest.approx(
            2 * quality.body_line_pitch(profile) + body.space_before_pt + body.space_after_pt)
        assert quality.foot_gap_limit(profile) == pytest.approx(43.0, abs=0.1)


def pages_ending_early(gap_lines: float, opening: list[str]):
    """Two pages of 14 pt lines 18.5 pt apart: the first ends ``gap_lines`` lines above its
    bottom margin, the second opens with ``opening`` (6 pt more before its second line)."""
    top, bottom, pitch = 56.7, 841.9 - 56.7, quality.body_line_pitch(vanban.DOAN)
    first_end = bottom - gap_lines * pitch
    count = int((first_end - top) // pitch)
    first = [line_of(1, (f"dòng{n}", 86, 300), y0=first_end - (count - n) * pitch, height=pitch - 0.3)
             for n in range(count)]
    second = [line_of(2, *((word, 86 + 40 * i, 120 + 40 * i) for i, word in enumerate(text.split())),
                      y0=top + 2 + n * pitch + (6 if n else 0), height=pitch - 0.3) for n, text in enumerate(opening)]
    return [quality.Page(1, 595.3, 841.9, first), quality.Page(2, 595.3, 841.9, second)], top, 56.7


def test_a_page_may_end_a_heading_and_two_lines_early_before_a_heading_and_no_more():
    heading = ["II. NỘI DUNG", "Đoạn văn dưới tiêu đề, dòng một", "dòng hai"]
    for gap, fails in ((3.4, False), (4.4, True)):
        pages, top, bottom = pages_ending_early(gap, heading)
        figures, failures = quality.measure_foot_gaps(pages, vanban.DOAN, top, bottom, [], ["II. NỘI DUNG"])
        assert bool(failures) is fails, (gap, figures)
        assert figures[0].limit == pytest.approx(quality.foot_gap_limit(vanban.DOAN) + quality.body_line_pitch(vanban.DOAN) + 6)
    # a Phần label and its title (or a Mục over a khoản heading) are one heading to the reader
    pages, top, bottom = pages_ending_early(4.4, ["Phần II", "KẾT QUẢ", "Đoạn văn dưới tiêu đề", "dòng hai"])
    _, failures = quality.measure_foot_gaps(pages, vanban.DOAN, top, bottom, [], ["Phần II", "KẾT QUẢ"])
    assert not failures
    # the same gap before running text is a failure: only a heading brings its own height
    pages, top, bottom = pages_ending_early(3.4, ["Đoạn văn thường, dòng một", "dòng hai"])
    figures, failures = quality.measure_foot_gaps(pages, vanban.DOAN, top, bottom, [], ["II. NỘI DUNG"])
    assert failures and figures[0].limit == pytest.approx(quality.foot_gap_limit(vanban.DOAN))


def test_sibling_headings_pushed_together_are_a_chain_and_allow_one_heading_only():
    pitch = quality.body_line_pitch(vanban.DOAN)
    siblings = ["a) Truyền thông", "b) Tập huấn"]
    text = ["Đoạn văn dưới tiêu đề", "dòng hai", "dòng ba", "dòng bốn"]
    pages, top, bottom = pages_ending_early(4.4, [*siblings, *text])
    figures, failures = quality.measure_foot_gaps(pages, vanban.DOAN, top, bottom, [], siblings)
    assert failures and figures[0].limit == pytest.approx(quality.foot_gap_limit(vanban.DOAN) + pitch + 6)
    # a heading over a deeper one is one heading to the reader: both count
    nested = ["1. Truyền thông", "1.1. Tập huấn"]
    pages, top, bottom = pages_ending_early(4.4, [*nested, *text])
    assert not quality.measure_foot_gaps(pages, vanban.DOAN, top, bottom, [], nested)[1]


def test_a_heading_over_the_closing_block_or_a_table_brings_their_height_with_it():
    closing = ["Nơi nhận:", "TM. BAN THƯỜNG VỤ"]
    pages, top, bottom = closing_pages(9, 2)
    heading = line_of(2, ("5.", 86, 96), ("Tổ", 100, 114), ("chức", 118, 150), y0=top + 2, height=18.2)
    for line in pages[1].lines:  # the paragraph and the block one heading lower
        for word in line.words:
            word.y0 += 24.5
            word.y1 += 24.5
    pages[1].lines.insert(0, heading)
    figures, failures = quality.measure_foot_gaps(pages, vanban.DOAN, top, bottom, [], ["5. Tổ chức"], closing)
    assert not failures and figures[0].opening == "tiêu đề và khối chữ ký"


def table_page(caption_lines: int):
    """Two pages: the first ends seven lines early; the second opens with a caption of
    ``caption_lines`` lines over a table whose header has three rows (a group heading over two
    columns, their heading, a sub-heading), then two rows. LibreOffice draws each row's foot
    cell by cell. Returns the pages, the margins and where the first row ends."""
    pages, top, bottom = pages_ending_early(7, [])
    x0, x1 = 86.0, 536.0
    pitch = quality.body_line_pitch(vanban.DOAN)
    caption = [line_of(2, ("Bảng", 250, 290), y0=top + 2 + n * pitch, height=pitch - 0.3) for n in range(caption_lines)]
    y = top + 2 + caption_lines * pitch + (6 if caption_lines else 0)

    def rule(y, left=x0, right=x1):
        return quality.Rule(left, y, right, y + 0.5)

    rows = [y, y + 20, y + 40, y + 60, y + 90, y + 120]
    rules = [rule(rows[0]), rule(rows[1], 200, 400), rule(rows[2], 200, 300), rule(rows[3], x0, 200),
             rule(rows[3], 200, 400), rule(rows[3], 400, x1), rule(rows[4]), rule(rows[5])]
    rules += [quality.Rule(x, rows[0], x + 0.5, rows[-1]) for x in (x0, 200, 400, x1)]
    lines = caption + [line_of(2, ("Tiêu", 100, 130), y0=rows[0] + 3, height=14),
                       line_of(2, ("Hàng", 100, 130), y0=rows[3] + 5, height=14),
                       line_of(2, ("Hàng", 100, 130), y0=rows[4] + 5, height=14)]
    pages[1] = quality.Page(2, 595.3, 841.9, lines, rules)
    return pages, top, bottom, rows[4]


def test_a_table_opening_a_page_brings_its_caption_whole_header_and_first_row_and_no_more():
    for caption_lines in (0, 3):  # a caption the writer broke into three lines is kept whole
        pages, top, bottom, first_row_end = table_page(caption_lines)
        figures, failures = quality.measure_foot_gaps(pages, vanban.DOAN, top, bottom, [], [], [])
        assert figures[0].opening == "bảng"
        start = min(line.y0 for line in pages[1].lines)
        assert figures[0].limit == pytest.approx(first_row_end - start + 6, abs=1)  # header and first row
        assert bool(failures) is (caption_lines == 0)  # seven lines: more than the table alone, less with its caption


def test_an_unsigned_closing_block_keeps_the_room_of_its_signature():
    closing = ["Nơi nhận:"]
    pages, top, bottom = closing_pages(6.5, 1)
    pages[1].lines = [line for line in pages[1].lines if line.words[0].text in ("Kết", "Nơi")]  # no signer
    figures, failures = quality.measure_foot_gaps(pages, vanban.DOAN, top, bottom, [], [], closing)
    assert not failures and figures[0].limit > quality.signature_height(vanban.DOAN)


@pytest.mark.libreoffice
def test_a_lettered_part_the_finder_also_reads_as_a_heading_is_measured_once(converter):
    data = vanban.load(EXAMPLES / "cong_van_doan.yaml").model_dump(by_alias=True, mode="json")
    data["part_numbering"] = "chu-cai"
    data["content"] = [
        {"part": "Tình hình chung", "children": [{"text": "Đoạn văn thứ nhất của phần này."}]},
        {"part": "Kết quả đạt được", "children": [{"text": "Đoạn văn thứ hai."}]},
        {"part": "Kiến nghị", "children": [{"label": "Tổng số", "value": "81", "unit": "cơ sở", "in_words": False}]},
    ]
    report = measured(converter, vanban.render_bytes(vanban.parse(data)), "phan-chu-cai")
    assert not report.failures, report.to_text()


def test_the_title_under_a_phan_label_is_part_of_its_heading_in_the_model():
    data = vanban.load(EXAMPLES / "cong_van_doan.yaml").model_dump(by_alias=True, mode="json")
    data["content"] = [{"part": "Kết quả đạt được", "children": [{"text": "Đoạn văn dưới phần."}]}]
    for numbering, label in (("phan-la-ma", "Phần I"), ("phan-thu", "PHẦN THỨ NHẤT")):
        data["part_numbering"] = numbering
        model = quality.model_from_docx(vanban.render_bytes(vanban.parse(data)))
        assert [h.text for h in model.headings if h.element == "parts"] == [label, "KẾT QUẢ ĐẠT ĐƯỢC"]


def test_the_operative_line_is_a_heading_kept_with_what_follows_it():
    model = quality.model_from_docx(vanban.render_bytes(vanban.load(EXAMPLES / "nghi_quyet_103_hdnd_ha_tinh.yaml")))
    assert ("QUYẾT NGHỊ:", "operative") in [(h.text, h.element) for h in model.headings]
    assert "operative" in quality.KEPT_HEADINGS


LONG_CLOSING = (" Ban Thường vụ Tỉnh đoàn đề nghị các cơ sở Đoàn tiếp tục quan tâm, phối hợp chặt chẽ với các"
                " ngành, đoàn thể trong công tác hỗ trợ, giúp đỡ thanh thiếu niên yếu thế") * 3


def closing_page(converter, data: bytes, name: str):
    """The lines above the signature on its page, and the measures of the document."""
    pdf = converter.convert_bytes(data, f"{name}.docx")
    pages = quality.read_pdf(pdf)
    signature = next(line for page in pages for line in page.lines if line.text.startswith(("TM. BAN", "TM. ỦY")))
    above = [line for line in pages[signature.page - 1].lines
             if line.y1 <= signature.y0 and line.y0 > 50]  # under the page number (top margin 56.7 pt)
    return above, quality.measure(pages, quality.model_from_docx(data), name)


@pytest.mark.libreoffice
def test_a_long_closing_sentence_brings_only_its_last_lines_to_the_signature_page(converter):
    import yaml

    data = yaml.safe_load((EXAMPLES / "bao_cao_yeu_the_2019.yaml").read_text(encoding="utf-8"))
    data["ket_thuc"] += LONG_CLOSING  # about nine lines, starting near the foot of page 5
    above, report = closing_page(converter, vanban.render_bytes(vanban.parse(data)), "ket-dai")
    assert len(above) == 2, [line.text for line in above]  # widow control: two lines, no more
    assert above[-1].text.endswith("yếu thế./.")
    assert not report.failed("foot_gap"), report.to_text()
    assert report.pages[-2].foot_gap < quality.foot_gap_limit(vanban.DOAN)  # page 5 is full


@pytest.mark.libreoffice
def test_a_body_that_ends_the_document_keeps_its_last_paragraph_with_the_signature(example_pdfs):
    data, pdf = example_pdfs["quyet_dinh_367"]
    pages = quality.read_pdf(pdf)
    signature = next(line for line in pages[-1].lines if line.text.startswith("TM. BAN"))
    above = [line.text for line in pages[-1].lines if line.y0 > 50 and line.y1 <= signature.y0]
    assert above and above[0].startswith("Điều 4.") and above[-1].endswith("hành./.")


def test_the_paragraph_before_the_signature_block_carries_keep_with_next_when_no_closing_sentence_does():
    from vanban._ooxml import style_id

    def before_signature(path):
        document = docx.Document(io.BytesIO(vanban.render_bytes(vanban.load(path))))
        table = next(t for t in document.tables if any(p.style.name == "VB Signer Name" for c in t._cells
                                                      for p in c.paragraphs))
        return table._tbl.getprevious()

    last_article = before_signature(EXAMPLES / "quyet_dinh_367.yaml")  # the body ends the document
    assert "Điều 4." in "".join(last_article.itertext())
    assert last_article.find(f"{{{W_NS}}}pPr/{{{W_NS}}}keepNext") is not None
    closing = before_signature(EXAMPLES / "ke_hoach_114.yaml")  # the closing sentence's style keeps it
    assert closing.find(f"{{{W_NS}}}pPr/{{{W_NS}}}pStyle").get(f"{{{W_NS}}}val") == \
        style_id("VB Closing")
    assert closing.find(f"{{{W_NS}}}pPr/{{{W_NS}}}keepNext") is None


def test_a_body_ending_with_a_table_keeps_its_note_and_the_air_under_it_with_the_signature():
    data = vanban.load(EXAMPLES / "cong_van_doan.yaml").model_dump(by_alias=True, mode="json")
    data["closing"] = False  # no closing sentence, no end mark: the table's note ends the text
    data["content"] = [{"caption": None, "numbered": False, "total_label": "Tổng cộng", "total_in_words": True,
                        "columns": [{"title": "Nội dung", "kind": "chu", "total": False, "unit": None, "columns": []},
                                    {"title": "Số tiền", "kind": "so", "total": True, "unit": "đồng", "columns": []}],
                        "rows": [["Mua sắm", 1200000], ["Khác", 300000]]}]
    document = docx.Document(io.BytesIO(vanban.render_bytes(vanban.parse(data))))
    table = next(t for t in document.tables if any(p.style.name == "VB Signer Name" for c in t._cells
                                                  for p in c.paragraphs))
    chain = []
    element = table._tbl.getprevious()
    while element is not None and element.tag == f"{{{W_NS}}}p":
        chain.append(("".join(element.itertext()), element.find(f"{{{W_NS}}}pPr/{{{W_NS}}}keepNext") is not None))
        if chain[-1][0].strip():
            break
        element = element.getprevious()
    assert chain[-1][0].startswith("(Bằng chữ:") and len(chain) == 2  # the note, and the air under the table
    assert all(kept for _, kept in chain)


def long_kept_paragraph_document(before_table: bool) -> bytes:
    """Twenty lines, then a paragraph of about nine lines kept with what follows: a ruled table
    of eight lines whose row never splits, or eight lines that may not be split."""
    document = plain_document()
    for number in range(1, 21):
        document.add_paragraph(f"Đoạn văn thứ {number} của trang một.")
    kept = document.add_paragraph(LONG_CLOSING.strip() + ".")
    kept.paragraph_format.keep_with_next = True
    kept.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    kept.paragraph_format.first_line_indent = Mm(12.7)
    lines = [f"Khối không được tách, dòng {n}" for n in range(1, 9)]
    if before_table:
        table = document.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        table.cell(0, 1).text = "\n".join(lines)
    else:
        add_lines(document, lines, keep_together=True)
    return saved(document)


@pytest.mark.libreoffice
def test_a_long_paragraph_kept_with_a_table_brings_only_its_last_lines_and_one_kept_whole_is_a_foot_gap(converter):
    data = long_kept_paragraph_document(before_table=True)
    pages = quality.read_pdf(converter.convert_bytes(data, "giu-voi-bang.docx"))
    table = next(line for line in pages[1].lines if line.text.startswith("Khối không được tách"))
    assert len([line for line in pages[1].lines if line.y1 <= table.y0]) == 2  # the rest stays on page 1
    assert pages[0].lines[-1].text.startswith("thanh thiếu niên yếu thế Ban")
    split = quality.measure(pages, quality.model_from_docx(data), "giu-voi-bang")
    assert not split.failed("foot_gap") and split.pages[0].opening == "bảng"  # two lines and the row: forced
    # before a paragraph LibreOffice still moves a keep-with-next paragraph whole: the measure
    # holds it against the page (a deliberately bad layout: the pushed paragraph is not forced)
    whole = measured(converter, long_kept_paragraph_document(before_table=False), "giu-voi-doan")
    assert [f.page for f in whole.failed("foot_gap")] == [1]
    assert whole.pages[0].foot_gap > 8 * quality.body_line_pitch(vanban.DOAN)


def test_only_a_long_paragraph_right_before_a_table_asks_the_bridge_for_words_pagination(tmp_path):
    from vanban._pdf import long_paragraph_before_table

    def saved_to(document, name):
        path = tmp_path / name
        path.write_bytes(saved(document))
        return path

    assert long_paragraph_before_table(saved_to(docx.Document(io.BytesIO(
        long_kept_paragraph_document(before_table=True))), "bang.docx"))
    assert not long_paragraph_before_table(saved_to(docx.Document(io.BytesIO(
        long_kept_paragraph_document(before_table=False))), "doan.docx"))
    short = plain_document()
    short.add_paragraph("Trân trọng./.")
    short.add_table(rows=1, cols=2)
    assert not long_paragraph_before_table(saved_to(short, "ngan.docx"))
    (tmp_path / "hong.docx").write_bytes(b"PK not a zip")
    assert not long_paragraph_before_table(tmp_path / "hong.docx")


def closing_pages(gap_lines: float, kept_lines: int, fresh: bool = True):
    """Two pages: the first ends ``gap_lines`` lines early with a paragraph's short last line;
    the second opens with ``kept_lines`` lines of a paragraph (its first indented when
    ``fresh``) and the closing block: Nơi nhận beside the signature, the signer's name 66 pt under."""
    top, bottom, pitch = 56.7, 841.9 - 56.7, quality.body_line_pitch(vanban.DOAN)
    first_end = bottom - gap_lines * pitch
    count = int((first_end - top) // pitch)
    # a paragraph running on to the next page fills its last line here; one that ended does not
    first = [line_of(1, (f"dòng{n}", 86, 300 if fresh else 535), y0=first_end - (count - n) * pitch,
                     height=pitch - 0.3) for n in range(count)]
    second = [line_of(2, ("Kết", 122 if fresh and n == 0 else 86, 535), y0=top + 2 + n * pitch, height=pitch - 0.3)
              for n in range(kept_lines)]
    y = top + 2 + kept_lines * pitch + 12
    second += [line_of(2, ("TM.", 330, 350), ("BAN", 354, 380), y0=y), line_of(2, ("Nơi", 86, 100), ("nhận:", 104, 130), y0=y + 16),
               line_of(2, ("Nguyễn", 340, 380), ("Văn", 384, 404), ("An", 408, 420), y0=y + 110)]
    return [quality.Page(1, 595.3, 841.9, first), quality.Page(2, 595.3, 841.9, second)], top, 56.7


def test_the_closing_block_opening_a_page_allows_the_gap_it_and_its_kept_paragraph_leave_and_no_more():
    closing = ["Nơi nhận:", "TM. BAN THƯỜNG VỤ"]

    def failures(gap, kept, fresh=True):
        pages, top, bottom = closing_pages(gap, kept, fresh)
        figures, found = quality.measure_foot_gaps(pages, vanban.DOAN, top, bottom, [], [], closing)
        return figures[0], found

    figure, found = failures(8.5, 3)  # three lines cannot be split: they and the block had to go
    assert not found and figure.opening == "khối chữ ký" and figure.limit > 8.5 * quality.body_line_pitch(vanban.DOAN)
    assert failures(8.5, 2, fresh=False)[1] == []  # the last two lines of a longer paragraph, as Word leaves them
    # a longer paragraph carried whole, or more than its last two lines: the page could have held them
    assert [f.page for f in failures(8.5, 5)[1]] == [1]
    assert [f.page for f in failures(8.5, 3, fresh=False)[1]] == [1]
    # the gap is allowed up to the block's height, not beyond
    figure, found = failures(12, 3)
    assert found and "khối chữ ký mở đầu trang sau" in found[0].reason


def test_a_short_paragraph_opening_a_page_allows_its_own_height_and_a_long_one_does_not():
    def opening(lines_count, fresh=True, gap=2.9):
        pages, top, bottom = closing_pages(gap, 0)
        second = [line_of(2, ("Đoạn", 122 if fresh and n == 0 else 86, 535), y0=top + 2 + n * 18.5, height=18.2)
                  for n in range(lines_count)]
        pages[1].lines = second + [line_of(2, ("Đoạn", 122, 535), y0=top + 8 + lines_count * 18.5, height=18.2)]
        return quality.measure_foot_gaps(pages, vanban.DOAN, top, bottom, [], [], [])

    figures, found = opening(3)  # widow and orphan control keep three lines together
    assert not found and figures[0].opening == "một đoạn 3 dòng"
    assert opening(4)[1]  # four lines split two and two
    # the last lines of a paragraph that began on the page before: it could have left more there
    pages, top, bottom = closing_pages(2.9, 0, fresh=False)
    pages[1].lines = [line_of(2, ("Đoạn", 86, 535), y0=top + 2 + n * 18.5, height=18.2) for n in range(3)]
    assert quality.measure_foot_gaps(pages, vanban.DOAN, top, bottom, [], [], [])[1]


BROKEN = {
    "(để b/c)": ["- Ban Tuyên giáo Tỉnh đoàn (để", "b/c);"],
    "TNCS Hồ Chí Minh": ["kỷ niệm ngày thành lập Đoàn TNCS Hồ Chí", "Minh"],
    "2010 - 2012": ["nhiệm kỳ 2010 -", "2012 của Ban Chấp hành"],
    "114-KH/ĐTN": ["theo Kế hoạch số 114-", "KH/ĐTN của Ban Thường vụ"],
    "ngày 05 tháng 3": ["ban hành ngày 05", "tháng 3 năm 2021"],
    "Nguyễn Trọng Nhân": ["giao đồng chí Nguyễn Trọng", "Nhân phụ trách"],
}
WHOLE = [
    ["- Ban Tổ chức Tỉnh đoàn (để b/c);", "- Các cơ sở Đoàn (để th/h);"],
    ["kỷ niệm ngày thành lập Đoàn TNCS Hồ Chí Minh", "và Hội Liên hiệp Thanh niên"],
    ["nhiệm kỳ 2010 - 2012", "của Ban Chấp hành"],
    ["theo Kế hoạch số 114-KH/ĐTN", "của Ban Thường vụ"],
    ["ban hành ngày 05 tháng 3", "năm 2021"],
    ["giao đồng chí Nguyễn Trọng Nhân", "phụ trách"],
]


def phrases_document() -> bytes:
    """Each protected phrase broken by a line break, and each whole before one; a number
    line broken after 'Số:'; and a closing block, where the signer's name is read from."""
    document = plain_document()
    add_lines(document, ["Số:", "114-KH/ĐTN"])
    for lines in [*BROKEN.values(), *WHOLE]:
        add_lines(document, lines)
    for text in ("Nơi nhận:", "- Lưu VP.", "TM. BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Trọng Nhân"):
        document.add_paragraph(text)
    return saved(document)


@pytest.fixture(scope="module")
def phrases(converter):
    """The phrases document and its PDF (converted once for the measure and the command)."""
    data = phrases_document()
    return data, converter.convert_bytes(data, "cum-tu.docx")


@pytest.mark.libreoffice
def test_a_protected_phrase_running_onto_the_next_line_is_a_failure_and_a_whole_one_is_not(phrases):
    report = quality.measure_documents(phrases[1], phrases[0], "cum-tu")
    assert sorted(f.subject for f in report.failed("phrase")) == sorted([*BROKEN, "Số: 114-KH/ĐTN"])
    broken = next(f for f in report.failures if f.subject == "(để b/c)")
    assert broken.page == 1 and broken.line == "- Ban Tuyên giáo Tỉnh đoàn (để"
    assert "«- Ban Tuyên giáo Tỉnh đoàn (để» / «b/c);»" in broken.reason


def flagship_with(mutate) -> bytes:
    data = vanban.render_bytes(vanban.load(EXAMPLES / "ke_hoach_114.yaml"))
    document = docx.Document(io.BytesIO(data))
    mutate(document)
    return saved(document)


LONG_WORD = "TỔCHỨCTHỰCHIỆNMÔHÌNHHỖTRỢTHANHTHIẾUNIÊNYẾUTHẾ"


def stretched_headings(document):
    """Two headings with the same words: the first justified, the second left aligned. A
    word longer than what is left of the first line sends it whole to the second line;
    justified, the first line's few words spread over the whole width."""
    headings = [p for p in document.paragraphs if p.text.startswith(("I. ", "II. "))][:2]
    for paragraph, alignment in zip(headings, (WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT)):
        label = paragraph.text.split(" ", 1)[0]
        for run in paragraph.runs[1:]:
            run._r.getparent().remove(run._r)
        paragraph.runs[0].text = f"{label} MỤC ĐÍCH {LONG_WORD}"
        paragraph.paragraph_format.alignment = alignment


@pytest.mark.libreoffice
def test_a_justified_heading_line_with_wide_gaps_is_a_failure_and_a_left_aligned_one_is_not(converter):
    report = measured(converter, flagship_with(stretched_headings), "gian-chu")
    (failure,) = report.failed("stretched")
    assert failure.line == "I. MỤC ĐÍCH"
    assert "tiêu đề mục" in failure.reason


def narrow_letterhead(document):
    """The letterhead's left column cut to 70 mm: "BCH ĐOÀN KHỐI CÁC CƠ QUAN" no longer
    fits; "VÀ DOANH NGHIỆP", the line the writer broke off it, still does."""
    table = document.tables[0]
    width = Mm(70)
    grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
    grid[0].set(qn("w:w"), str(width.twips))
    for row in table.rows:
        row.cells[0].width = width


@pytest.mark.libreoffice
def test_a_letterhead_line_wrapped_by_its_column_is_a_failure_and_a_line_the_writer_broke_is_not(
        converter, example_pdfs):
    report = measured(converter, flagship_with(narrow_letterhead), "tieu-de")
    (failure,) = report.failed("letterhead")
    assert failure.subject == "BCH ĐOÀN KHỐI CÁC CƠ QUAN"
    assert "thành 2 dòng" in failure.reason
    data, pdf = example_pdfs["ke_hoach_114"]  # the same letterhead in its 80 mm column
    assert not quality.measure_documents(pdf, data, "ke_hoach_114").failed("letterhead")


def test_letterhead_columns_give_the_names_what_the_date_line_leaves_and_never_wrap_the_date():
    from vanban._display import LETTERHEAD_GAP_MM, letterhead_columns
    from vanban._measure import text_width_mm

    def line_width_mm(text, element):  # the line's own length, without the room kept for rounding
        figure = vanban.DOAN.figures[element]
        return text_width_mm(text, figure.size, figure.bold, figure.italic)

    def facing_gap(name, other, columns):  # blank between two centred lines facing each other
        left, right = columns
        return (left - line_width_mm(*name)) / 2 + (right - line_width_mm(*other)) / 2

    date = ("Nha Trang, ngày 02 tháng 8 năm 2010", "date")
    motto = ("ĐOÀN TNCS HỒ CHÍ MINH", "motto")
    short = letterhead_columns(vanban.DOAN, [("BCH ĐOÀN TỈNH QUẢNG NINH", "issuer")], [motto, date])
    assert short == vanban.DOAN.header_columns_mm  # both fit the preferred 80 / 80
    name = ("BCH ĐOÀN KHỐI CƠ QUAN TỈNH", "issuer")  # 79 mm: fits, 6 mm clear of the motto
    long_date = ("Thành phố Hồ Chí Minh, ngày 29 tháng 12 năm 2019", "date")
    columns = letterhead_columns(vanban.DOAN, [name], [motto, date])
    assert sum(columns) == pytest.approx(vanban.DOAN.text_width_mm())
    assert columns[0] >= line_width_mm(*name) and columns[1] >= line_width_mm(*date)
    assert facing_gap(name, motto, columns) >= LETTERHEAD_GAP_MM
    # 88 mm beside a 71 mm date line fits the 160 mm, but its last word would touch the motto:
    # the name gets less than it needs (it wraps, and U-FIT-1 says where to break it)
    touching = ("BAN CHẤP HÀNH TỈNH KHÁNH HÒA", "issuer")
    left, right = letterhead_columns(vanban.DOAN, [touching], [motto, date])
    assert right >= line_width_mm(*date) + 2 * LETTERHEAD_GAP_MM and left < line_width_mm(*touching)
    left, right = letterhead_columns(vanban.DOAN, [("BCH ĐOÀN TỈNH", "issuer")], [motto, long_date])
    assert right >= line_width_mm(*long_date)


def test_a_horned_letter_is_measured_wider_than_its_base_letter_and_a_tone_mark_adds_nothing():
    from vanban._measure import text_width_mm

    assert text_width_mm("Ư", 14, True) > text_width_mm("U", 14, True)
    assert text_width_mm("Ự", 14, True) == text_width_mm("Ư", 14, True)
    assert text_width_mm("ờ", 14) == text_width_mm("ơ", 14) > text_width_mm("o", 14)
    assert text_width_mm("ệ", 14) == text_width_mm("e", 14)


def test_a_letter_the_width_table_does_not_know_is_not_counted_narrower_than_it_is_drawn():
    from vanban._measure import text_width_mm

    # found measuring fuzzed documents: a name of such letters wrapped and U-FIT-1 did not warn
    assert text_width_mm("Ħ", 14, True) == text_width_mm("H", 14, True)
    assert text_width_mm("中", 14) == pytest.approx(14 * 25.4 / 72)  # a full em


# --- the pieces of the measure ---------------------------------------------------------------


def word(text, x0, x1, y0=100.0, y1=118.2):
    return quality.Word(text, x0, y0, x1, y1)


def test_pieces_of_a_word_cut_at_a_stacked_accent_are_joined_and_words_a_space_apart_are_not():
    pieces = [word("C", 100, 110), word("ỘNG", 110.05, 140), word("H", 143.5, 152), word("ÒA", 152.5, 170)]
    assert [w.text for w in quality.join_fragments(pieces)] == ["CỘNG", "HÒA"]


def test_no_break_spaces_non_breaking_hyphens_and_invisible_characters_read_as_what_the_page_shows():
    assert quality.key("Số: 114\u2011KH/ĐTN") == quality.key("Số:\u00a0114-KH/ĐTN") == "Số:114-KH/ĐTN"
    assert quality.key("Hồ\u00a0Chí\u2060Minh\u200b") == quality.key("Hồ Chí Minh")
    assert quality.key("Ho\u0302\u0300") == quality.key("Hồ")  # NFD as NFC
    assert quality.plain("(để\u00a0b/c)") == "(để b/c)"


def test_a_number_symbol_with_words_no_break_hyphen_reads_with_its_hyphen():
    from lxml import etree

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paragraph = etree.fromstring(
        f'<w:p xmlns:w="{w}"><w:r><w:t>Quyết định số 34/2014/QĐ</w:t><w:noBreakHyphen/><w:t>TTg</w:t>'
        '<w:softHyphen/><w:t>.</w:t></w:r></w:p>')
    assert quality.shown_text(paragraph) == "Quyết định số 34/2014/QĐ-TTg."


def line_of(page, *words, y0=56.5, height=18.2):
    return quality.Line(page, (page, 0, 0, int(y0)), [word(text, x0, x1, y0, y0 + height) for text, x0, x1 in words])


def test_a_letterhead_line_is_found_where_poppler_joined_it_to_the_other_columns_line():
    shared = line_of(1, ("ĐOÀN", 88, 129), ("HỌC", 133, 164), ("VIỆN", 168, 204), ("TUYÊN", 208, 258),
                     ("ĐOÀN", 266, 310), ("TNCS", 314, 354), ("HỒ", 358, 383), ("CHÍ", 387, 415), ("MINH", 419, 461))
    wrapped = line_of(1, ("TRUYỀN", 150, 210), y0=72.6)
    reading = quality.Reading([quality.Page(1, 595.3, 841.9, [shared, wrapped])], 50, 50)
    (issuer,) = quality.find_runs(reading, reading.lines, "ĐOÀN HỌC VIỆN TUYÊN TRUYỀN")
    assert [quality.row_text(row) for row in issuer] == ["ĐOÀN HỌC VIỆN TUYÊN", "TRUYỀN"]
    (motto,) = quality.find_runs(reading, reading.lines, "ĐOÀN TNCS HỒ CHÍ MINH")
    assert [quality.row_text(row) for row in motto] == ["ĐOÀN TNCS HỒ CHÍ MINH"]


def test_a_name_run_into_the_next_word_by_a_missing_space_is_not_read_as_the_protected_name():
    def broken(second):
        first = line_of(1, ("Đoàn", 90, 120), ("TNCS", 124, 160), ("Hồ", 164, 180), ("Chí", 184, 204))
        reading = quality.Reading([quality.Page(1, 595.3, 841.9, [first, line_of(1, *second, y0=74.7)])], 50, 50)
        return [f.subject for f in quality.measure_phrases(reading, [])]

    assert broken([("Minh", 90, 122), ("và", 126, 140)]) == ["TNCS Hồ Chí Minh"]
    assert broken([("Minhvà", 90, 136), ("trao", 140, 166)]) == []  # the source's typo: no name there


def test_control_characters_pdftotext_writes_for_unusual_glyphs_are_dropped_not_a_failure_to_read():
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>'
           '<word xMin="1" yMin="1" xMax="2" yMax="2">Hồ\x01Chí\x0c</word></body></html>').encode("utf-8")
    from xml.etree import ElementTree

    root = ElementTree.fromstring(quality._xml_characters_only(xml))
    assert next(root.iter(f"{quality.XHTML}word")).text == "HồChí"


def test_a_number_line_without_a_number_is_not_read_as_broken_before_the_mark_under_it():
    def broken(second):
        first = line_of(1, ("Số:", 120, 140))
        reading = quality.Reading([quality.Page(1, 595.3, 841.9, [first, line_of(1, *second, y0=74.7)])], 50, 50)
        return [f.subject for f in quality.measure_phrases(reading, [])]

    assert broken([("DỰ", 110, 130), ("THẢO", 134, 170)]) == []
    assert broken([("V/v", 100, 118), ("báo", 122, 140), ("cáo", 144, 162)]) == []
    assert broken([("114-KH/ĐTN", 110, 180)]) == ["Số: 114-KH/ĐTN"]


def test_a_line_poppler_read_across_two_columns_is_cut_between_them_and_a_justified_line_is_not():
    merged = [word("UBND", 94, 131), word("TỈNH", 134, 166), word("QUẢNG", 169, 216), word("NINH", 219, 252),
              word("CỘNG", 268.5, 309), word("HÒA", 312, 341)]
    assert [[w.text for w in part] for part in quality.split_columns(merged)] == [
        ["UBND", "TỈNH", "QUẢNG", "NINH"], ["CỘNG", "HÒA"]]
    justified = [word("I.", 121, 130), word("MỤC", 250, 290), word("ĐÍCH", 410, 450)]
    assert len(quality.split_columns(justified)) == 1


# --- every example and corpus document ------------------------------------------------------

DOCUMENTS = {f"examples/{p.stem}": p for p in sorted(EXAMPLES.glob("*.yaml"))}
DOCUMENTS.update({f"corpus/{p.stem}": p for p in sorted(CORPUS.glob("*.yaml"))})

FAILING_TODAY: dict[tuple[str, str], str] = {}
"""What today's layout fails, by document and measure (issue 13 lists the causes)."""


def cases():
    for document in DOCUMENTS:
        for measure in quality.MEASURES:
            why = FAILING_TODAY.get((document, measure))
            marks = [pytest.mark.xfail(strict=True, reason=f"{quality.MEASURES[measure]}: {why}")] if why else []
            yield pytest.param(document, measure, marks=marks, id=f"{document}-{measure}")


@pytest.fixture(scope="module")
def reports(converter, example_pdfs):
    """Each document measured once (the examples as conftest converted them, the corpus here),
    with the .docx it was measured on."""
    out = {}
    for name, path in DOCUMENTS.items():
        if name.startswith("examples/"):
            data, pdf = example_pdfs[path.stem]
        else:
            data = vanban.render_bytes(vanban.load(path))
            pdf = converter.convert_bytes(data, f"{path.stem}.docx")
        out[name] = quality.measure_documents(pdf, data, name), data
    return out


TOO_LONG_TO_FIT = {
    "corpus/bao-cao-chi-doan-truyen-thong-quoc-te-k42-2023-tong-ket": {
        "ĐOÀN HỌC VIỆN BÁO CHÍ VÀ TUYÊN TRUYỀN", "LIÊN CHI ĐOÀN KHOA QUAN HỆ QUỐC TẾ",
        "CHI ĐOÀN TRUYỀN THÔNG QUỐC TẾ K42"},
    "corpus/huong-dan-doan-truong-dh-hoa-sen-2021-sinh-hoat-chu-diem": {
        "THÀNH ĐOÀN TP. HỒ CHÍ MINH", "BCH ĐOÀN TRƯỜNG ĐẠI HỌC HOA SEN"},
    "corpus/ke-hoach-07-KH-DTN-gdtx-yen-dung-2022-thang-thanh-nien": {"BCH ĐOÀN TTGDNN-GDTX YÊN DŨNG"},
    "corpus/ke-hoach-244-KH-DTN-khanh-hoa-2012-thang-thanh-nien": {"BAN CHẤP HÀNH TỈNH KHÁNH HÒA"},
    "corpus/ke-hoach-145-KH-TD-khanh-hoa-2010-ky-niem-80-nam": {"BAN CHẤP HÀNH TỈNH KHÁNH HÒA"},
    "corpus/bao-cao-doan-truong-thpt-luu-nhan-chu-2012-tong-ket": {"BCH TRƯỜNG THPT LƯU NHÂN CHÚ"},
}
"""Name lines the writer typed as one line that no column can hold at 14 pt beside the motto
and the date line with a visible gap between them (``LETTERHEAD_GAP_MM``): vanban does not break
a name itself, so they wrap, and ``vanban render`` and ``vanban check`` warn of each (U-FIT-1)."""


def fit_warnings(data: bytes) -> set[str]:
    """The letterhead lines vanban told the writer cannot fit their column (FIT-1: a name line;
    FIT-2: the number line; FIT-3: the date line)."""
    return {f.excerpt for f in vanban.check(data).findings if "-FIT-" in f.rule_id and f.severity == "warning"}


@pytest.mark.libreoffice
@pytest.mark.parametrize("document, measure", cases())
def test_every_example_and_corpus_document_passes_the_measure(reports, document, measure):
    report, data = reports[document]
    failures = report.failed(measure)
    if measure == "letterhead":
        # a name line wraps only when it cannot fit, and then the writer was told (U-FIT-1)
        warned = fit_warnings(data)
        assert {excerpt(f.subject) for f in failures} == warned == TOO_LONG_TO_FIT.get(document, set())
        return
    assert not failures, "\n".join(str(f) for f in failures)


@pytest.mark.libreoffice
def test_every_page_of_every_example_has_its_foot_gap_measured(reports, example_pdfs):
    from pypdf import PdfReader

    for name, (_, pdf) in example_pdfs.items():
        report, _ = reports[f"examples/{name}"]
        assert [f.number for f in report.pages] == list(range(1, len(PdfReader(io.BytesIO(pdf)).pages) + 1))
        assert [f.excused for f in report.pages].count("trang cuối") == 1 and report.pages[-1].excused


# --- the command ------------------------------------------------------------------------------


@pytest.mark.libreoffice
def test_the_command_prints_every_page_and_every_failure_and_exits_1_on_a_failure(
        converter, phrases, tmp_path, capsys):
    clean = plain_document()
    for lines in WHOLE:
        add_lines(clean, lines)
    (tmp_path / "cum-tu.docx").write_bytes(phrases[0])
    (tmp_path / "cum-tu.pdf").write_bytes(phrases[1])
    (tmp_path / "sach.docx").write_bytes(saved(clean))
    (tmp_path / "sach.pdf").write_bytes(converter.convert_bytes(saved(clean), "sach.docx"))
    assert quality.main([str(tmp_path / "cum-tu.pdf")]) == 1
    out = capsys.readouterr().out
    assert "trang 1: khoảng trống cuối trang" in out and "(trang cuối)" in out
    assert ("LỖI [cụm từ bị ngắt dòng] trang 1, dòng «- Ban Tuyên giáo Tỉnh đoàn (để»: mục đích gửi ở "
            "Nơi nhận «(để b/c)» bị tách") in out
    assert out.count("LỖI [") == len(BROKEN) + 1
    assert quality.main([str(tmp_path / "sach.pdf")]) == 0
    assert "Đạt mọi phép đo." in capsys.readouterr().out


def test_the_command_says_in_vietnamese_what_it_cannot_measure_and_exits_2(tmp_path, capsys):
    (tmp_path / "hong.pdf").write_bytes(b"%PDF-1.4 not really")
    (tmp_path / "ghi-chu.txt").write_text("x")
    code = quality.main([str(tmp_path / "khong-co.pdf"), str(tmp_path / "ghi-chu.txt"), str(tmp_path / "hong.pdf")])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{tmp_path / 'khong-co.pdf'}: không đo được: không tìm thấy tệp" in err
    assert f"{tmp_path / 'ghi-chu.txt'}: không đo được: chỉ đo được tệp .pdf, .docx" in err
    assert f"{tmp_path / 'hong.pdf'}: không đo được:" in err and "Traceback" not in err
    assert quality.main([]) == 2 and "chưa có tệp nào để đo" in capsys.readouterr().err
    assert quality.main(["--nhanh", "a.pdf"]) == 2 and "không có tùy chọn --nhanh" in capsys.readouterr().err


# --- fuzzed documents, in the long run -----------------------------------------------------------

PAGE_FUZZ_PER_TYPE = int(__import__("os").environ.get("VANBAN_PAGE_FUZZ", "50"))
"""Random documents measured per type in the long run (``pytest -m fuzz``): 200 in all, about
a quarter of an hour with the conversions."""


def real_text(multiline: bool):
    """Text as offices write it: the examples' Vietnamese words, as typed or capitalised, one
    space apart, a line break now and then where the field takes one. The measures read the
    page with Times New Roman's widths and Vietnamese phrases; the fuzzer's hostile text (any
    Unicode, zero-width and ideographic spaces) is tested for what it is in tests/test_fuzz.py."""
    from hypothesis import strategies as st

    import strategies

    word = st.sampled_from(strategies.WORDS + [w.capitalize() for w in strategies.WORDS[::3]])
    gap = st.sampled_from([" "] * 12 + ["\n"]) if multiline else st.just(" ")
    # a line of its own (a place, a name, a heading) is a few words, as offices write them
    return st.lists(st.tuples(word, gap), min_size=1, max_size=8 if multiline else 4).map(
        lambda pieces: "".join(w + g for w, g in pieces[:-1]) + pieces[-1][0])


@pytest.mark.fuzz
@pytest.mark.libreoffice
@pytest.mark.parametrize("name", sorted(vanban.document_types()))
def test_random_documents_pass_the_page_measures(name, converter, request, monkeypatch):
    import os

    if "fuzz" not in (request.config.getoption("markexpr") or "") and not os.environ.get("VANBAN_FUZZ"):
        pytest.skip("the long run: pytest -m fuzz, or VANBAN_FUZZ=1")
    from hypothesis import HealthCheck, Phase, given, settings

    import strategies
    monkeypatch.setattr(strategies, "_RAW", {True: real_text(True), False: real_text(False)})
    problems = []

    @settings(max_examples=PAGE_FUZZ_PER_TYPE, deadline=None, phases=[Phase.generate], database=None,
              suppress_health_check=list(HealthCheck))
    @given(strategies.documents(name))
    def run(document):
        data = vanban.render_bytes(document)
        report = quality.measure_documents(converter.convert_bytes(data, f"{name}.docx"), data, name)
        warned = fit_warnings(data)
        for failure in report.failures:
            if failure.measure == "letterhead" and excerpt(failure.subject) in warned:
                continue  # too long for any column: vanban said so (FIT-1, 2, 3)
            problems.append((document.model_dump_json(by_alias=True)[:3000], str(failure)))
            kept = os.environ.get("VANBAN_PAGE_FUZZ_KEEP")  # a folder: each failing document whole, to rerun
            if kept:
                Path(kept).mkdir(parents=True, exist_ok=True)
                (Path(kept) / f"{name}-{len(problems)}.json").write_text(
                    document.model_dump_json(by_alias=True), encoding="utf-8")

    run()
    assert not problems, "\n\n".join(f"{failure}\n{source}" for source, failure in problems[:5])
