"""Acceptance: the flagship plan, rendered and reopened, says what the seed says and
is laid out as Hướng dẫn 29-HD/TWĐTN-VP prescribes (standards.md §2, rules U-* of §5.3).
"""

import re

import pytest
from docx.oxml.ns import qn

import vanban
from vanban import DOAN

from helpers import DATA, EXAMPLES, look, open_docx, paragraphs_in_order, text_lines

MM_IN_TWIPS = 56.693


@pytest.fixture(scope="module")
def plan():
    return vanban.load(EXAMPLES / "ke_hoach_114.yaml")


@pytest.fixture(scope="module")
def document(plan):
    return open_docx(vanban.render_bytes(plan))


@pytest.fixture(scope="module")
def located(document):
    return list(paragraphs_in_order(document))


def by_text(located, pattern):
    return [p for p in located if re.search(pattern, p.text)]


def one(located, pattern):
    found = by_text(located, pattern)
    assert len(found) == 1, f"{pattern!r}: {[p.text for p in found]}"
    return found[0]


# --- text ------------------------------------------------------------------------


def test_text_equals_the_seed_paragraph_by_paragraph(document):
    expected = (DATA / "ke_hoach_114.expected.txt").read_text(encoding="utf-8").splitlines()
    assert text_lines(document) == expected


def test_every_word_the_user_wrote_appears_in_the_document(plan, document):
    text = "\n".join(text_lines(document))
    strip = lambda s: s.replace("**", "").replace("*", "")
    for section in plan.content:
        assert vanban._display.upper(section.title) in text
    for recipient in plan.recipients:
        assert recipient.name in text
    for paragraph in plan.opening + plan.reporting:
        assert strip(paragraph) in text


# --- page ------------------------------------------------------------------------


def test_page_is_a4_portrait_with_margins_20_20_30_20_mm(document):
    section = document.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.05)
    for actual, expected in zip(
        (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin),
        DOAN.margins_mm,
    ):
        assert abs(actual.twips - expected * MM_IN_TWIPS) <= 1


def test_every_font_slot_is_times_new_roman_and_language_vietnamese(document):
    styles = document.styles.element
    default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = default.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Times New Roman"}
    assert not [a for a in fonts.attrib if a.endswith("Theme")]
    assert default.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
    # no style or run may switch to another font
    body = document.element.body
    for element in list(styles.iter(qn("w:rFonts"))) + list(body.iter(qn("w:rFonts"))):
        assert set(element.attrib.values()) <= {"Times New Roman"}


def test_page_numbers_start_on_page_2_centred_at_the_top(document):
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text.strip() == ""
    assert "PAGE" not in section.first_page_header._element.xml
    header = section.header.paragraphs[0]
    instructions = "".join(t.text for t in header._p.iter(qn("w:instrText")))
    assert instructions.strip() == "PAGE"
    shown = look(document, header)
    assert shown.align == "center" and shown.sizes <= {13, 14} and shown.italic == {False}


# --- letterhead (U-HDR-*) ----------------------------------------------------------------


def test_letterhead_is_a_borderless_two_column_table(document):
    table = document.tables[0]
    assert len(table.columns) == 2
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}


def test_left_column_has_parent_regular_issuer_bold_then_stars_then_number(document, located):
    cell = [p for p in located if p.place == "table0[0][0]"]
    assert [p.text for p in cell] == ["TỈNH ĐOÀN TRÀ VINH", "BCH ĐOÀN KHỐI CÁC CƠ QUAN", "VÀ DOANH NGHIỆP", "***"]
    parent, *issuer, stars = (look(document, p.paragraph) for p in cell)
    assert parent.sizes == {14} and parent.bold == {False}
    assert all(line.sizes == {14} and line.bold == {True} for line in issuer)
    assert all(p.text == p.text.upper() for p in cell)
    number = one(located, r"^Số:")
    assert number.place == "table0[1][0]"
    assert look(document, number.paragraph).sizes == {14}
    assert look(document, number.paragraph).italic == {False}
    assert re.match(r"^Số:\s?(\d{2,})-([A-ZĐ][A-Za-zĐđ]*)/([A-ZĐ][A-ZĐ0-9]*)(?:-([A-ZĐ][A-ZĐ0-9.&]*))?$", number.text)


def test_right_column_has_the_union_title_15_bold_underlined_and_date_13_italic(document, located):
    title = one(located, "^ĐOÀN TNCS HỒ CHÍ MINH$")
    assert title.place == "table0[0][1]"
    shown = look(document, title.paragraph)
    assert shown.sizes == {15} and shown.bold == {True} and shown.underline == {True}
    date = one(located, r", ngày .* tháng .* năm ")
    assert date.place == "table0[1][1]"
    shown = look(document, date.paragraph)
    assert shown.sizes == {13} and shown.italic == {True} and shown.bold == {False}
    assert re.match(
        r"^(?P<place>[^,]+), ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm (\d{4})$", date.text
    )


def test_no_state_motto_on_a_union_letterhead(located):
    assert not by_text(located, "CỘNG HÒA|Độc lập - Tự do")


# --- title (U-TTL-*) -------------------------------------------------------------------


def test_type_name_16_bold_centred_then_title_14_bold_centred_then_dashed_rule(document, located):
    body = [p for p in located if p.place == "body"]
    type_name, title, rule = body[:3]
    assert type_name.text == "KẾ HOẠCH"
    shown = look(document, type_name.paragraph)
    assert shown.sizes == {16} and shown.bold == {True} and shown.align == "center"
    shown = look(document, title.paragraph)
    assert shown.sizes == {14} and shown.bold == {True} and shown.align == "center"
    assert re.fullmatch(r"-{10,17}", rule.text)
    assert look(document, rule.paragraph).align == "center"


# --- body (U-BODY-*, U-HEAD-*) -------------------------------------------------------------


def body_paragraphs(located):
    body = [p for p in located if p.place == "body"]
    return body[3:]  # after type name, trích yếu and rule


def test_body_is_14_justified_indented_1_27_cm_with_tight_spacing(document, located):
    for p in body_paragraphs(located):
        shown = look(document, p.paragraph)
        assert shown.sizes == {14}, p.text
        assert shown.align == "both", p.text
        assert shown.first_line == 720, p.text
        assert shown.before + shown.after <= 120, p.text
        assert 240 <= shown.line <= 288, p.text


def test_roman_headings_are_caps_and_bold(document, located):
    headings = by_text(located, r"^[IVXLC]+\. ")
    assert [h.text.split(".")[0] for h in headings] == ["I", "II", "III"]
    for heading in headings:
        shown = look(document, heading.paragraph)
        assert heading.text == heading.text.upper() and shown.bold == {True} and shown.italic == {False}


def test_khoan_number_is_bold(document, located):
    khoan = by_text(located, r"^\d+\. ")
    assert len(khoan) == 5
    for paragraph in khoan:
        runs = paragraph.paragraph.runs
        assert look(document, paragraph.paragraph).bold == {True}


def test_diem_1_1_is_bold_italic(document, located):
    points = by_text(located, r"^\d+\.\d+\. ")
    assert [p.text[:4] for p in points] == ["1.1.", "1.2."]
    for point in points:
        shown = look(document, point.paragraph)
        assert shown.bold == {True} and shown.italic == {True}


def test_inline_emphasis_survives(document, located):
    paragraph = one(located, "thực hiện 02 mô hình").paragraph
    bold_runs = [r.text for r in paragraph.runs if r.bold]
    assert bold_runs == ["02"]
    italic = one(located, "Đồng hành cùng thanh, thiếu nhi yếu thế").paragraph
    assert [r.text for r in italic.runs if r.italic] == ["Đồng hành cùng thanh, thiếu nhi yếu thế"]


def test_bullets_start_with_dash_and_sub_bullets_with_plus(located):
    assert len(by_text(located, r"^- ")) >= 20
    assert len(by_text(located, r"^\+ ")) == 2


def test_sibling_numbers_never_repeat_or_skip(located):
    romans = [p.text.split(".")[0] for p in by_text(located, r"^[IVXLC]+\. ")]
    assert romans == ["I", "II", "III"]


def test_body_ends_with_the_end_mark(located):
    closing = one(located, "^Trên đây là Kế hoạch")
    assert closing.text.endswith("./.")


# --- closing block (U-SIG-*, U-RCV-*) -----------------------------------------------------


def test_signature_block_prefix_bold_position_regular_name_bold(document, located):
    prefix = one(located, "^TM. BAN THƯỜNG VỤ$")
    position = one(located, "^BÍ THƯ$")
    name = one(located, "^Nguyễn Trọng Nhân$")
    assert look(document, prefix.paragraph).bold == {True}
    assert look(document, position.paragraph).bold == {False}
    assert look(document, name.paragraph).bold == {True}
    for p in (prefix, position, name):
        shown = look(document, p.paragraph)
        assert shown.sizes == {14} and shown.align == "center"
    assert look(document, name.paragraph).before >= 2 * 14 * 20  # room for signature and seal


def test_recipients_label_13_bold_upright_entries_11_with_punctuation(document, located):
    label = one(located, "^Nơi nhận:$")
    shown = look(document, label.paragraph)
    assert shown.sizes == {13} and shown.bold == {True} and shown.italic == {False}
    entries = [p for p in located if p.place == label.place and p is not label and p.text]
    assert len(entries) == 9
    for entry in entries:
        assert look(document, entry.paragraph).sizes == {11}
        assert entry.text.startswith("- ")
    assert all(e.text.endswith(";") for e in entries[:-1])
    assert entries[-1].text == "- Lưu VP."


def test_recipients_label_is_level_with_the_position_line(located):
    label = one(located, "^Nơi nhận:$")
    position = one(located, "^BÍ THƯ$")
    assert label.place[:-3] == position.place[:-3]  # same table row
