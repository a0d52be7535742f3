"""Conformance: every document vanban writes, of every type, is laid out as Hướng dẫn
29-HD/TWĐTN-VP prescribes (standards.md §2, rules U-* of §5.3). One shared test, run
over every example, every registered type's sample, and variants that exercise the
optional parts (bare-title and KT. signers, marks, a number not yet issued).
"""

import re

import pytest
from docx.oxml.ns import qn

import vanban
from vanban import DOAN, Signer

from helpers import EXAMPLES, look, open_docx, paragraphs_in_order, run_property

MM_IN_TWIPS = 56.693
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
NUMBER_LINE = re.compile(
    r"^Số:\s?(\d{2,}|\s{3,})-([A-ZĐ][A-Za-zĐđ]*)/([A-ZĐ][A-ZĐ0-9]*)(?:-([A-ZĐ][A-ZĐ0-9.&]*))?$"
)
DATE_LINE = re.compile(
    r"^(?P<place>[^,]+), ngày (0[1-9]|[12]\d|3[01]|\.\.\.) tháng (0[12]|[3-9]|1[0-2]|\.\.\.) năm (\d{4})$"
)


def _variants():
    flagship = vanban.load(EXAMPLES / "ke_hoach_114.yaml")
    yield "bare-title-signer", flagship.model_copy(
        update={"signer": Signer(position="Chánh Văn phòng", name="Lê Văn B")})
    yield "kt-signer-marks-unissued", flagship.model_copy(update={
        "signer": Signer(authority="KT.", on_behalf_of="Bí thư", position="Phó Bí thư", name="Trần Thị C"),
        "draft": True, "secrecy": "MẬT", "urgency": "KHẨN", "number": None, "drafting_unit": "VP",
    })
    yield "no-parent-body", flagship.model_copy(update={
        "issuer": flagship.issuer.model_copy(update={"parent": []})})


def _documents():
    for path in sorted(EXAMPLES.glob("*.yaml")):
        yield path.stem, lambda path=path: vanban.load(path)
    for name, model in vanban.document_types().items():
        yield f"sample-{name}", lambda model=model: vanban.parse(
            __import__("yaml").safe_load(model.starter_yaml()))
    for name, document in _variants():
        yield name, lambda document=document: document


DOCUMENTS = list(_documents())


@pytest.fixture(scope="module", params=[d[1] for d in DOCUMENTS], ids=[d[0] for d in DOCUMENTS])
def page(request):
    document = request.param()
    docx = open_docx(vanban.render_bytes(document))
    return document, docx, list(paragraphs_in_order(docx))


def texts(located, pattern):
    return [p for p in located if re.search(pattern, p.text)]


def one(located, pattern):
    found = texts(located, pattern)
    assert len(found) == 1, f"{pattern!r}: {[p.text for p in found]}"
    return found[0]


def body_paragraphs(docx, located):
    """Paragraphs of the body proper: after the title rule, outside tables, not captions."""
    body = [p for p in located if p.place == "body" and p.text.strip()]
    return [p for p in body[3:] if p.paragraph.style.name != "VB Table Caption"]


# --- page (U-PAGE-*) -------------------------------------------------------------------


def test_u_page_1_a4_portrait_margins_20_20_30_20_mm(page):
    _, docx, _ = page
    section = docx.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.05)
    for actual, expected in zip(
        (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin),
        DOAN.margins_mm,
    ):
        assert abs(actual.twips - expected * MM_IN_TWIPS) <= 1


def test_every_font_slot_is_times_new_roman_and_language_vietnamese(page):
    _, docx, _ = page
    styles = docx.styles.element
    default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = default.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Times New Roman"}
    assert not [a for a in fonts.attrib if a.endswith("Theme")]
    assert default.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
    for element in list(styles.iter(qn("w:rFonts"))) + list(docx.element.body.iter(qn("w:rFonts"))):
        assert set(element.attrib.values()) <= {"Times New Roman"}


def test_u_page_2_numbers_from_page_2_centred_at_the_top_13_14_pt(page):
    _, docx, _ = page
    section = docx.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" not in section.first_page_header._element.xml
    header = section.header.paragraphs[0]
    assert "".join(t.text for t in header._p.iter(qn("w:instrText"))).strip() == "PAGE"
    shown = look(docx, header)
    assert shown.align == "center" and shown.sizes <= {13, 14} and shown.italic == {False}


# --- letterhead (U-HDR-*) ---------------------------------------------------------------


def test_letterhead_is_a_borderless_two_column_table_within_the_text_width(page):
    _, docx, _ = page
    for table in (docx.tables[0], docx.tables[-1]):
        assert len(table.columns) == 2
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}
        assert sum(c.width.mm for c in table.columns) == pytest.approx(160, abs=0.1)


def test_u_hdr_1_union_title_15_bold_caps_underlined_top_right(page):
    _, docx, located = page
    title = one(located, "^ĐOÀN TNCS HỒ CHÍ MINH$")
    assert title.place == "table0[0][1]"
    shown = look(docx, title.paragraph)
    assert shown.sizes == {15} and shown.bold == {True} and shown.underline == {True}
    assert not texts(located, "CỘNG HÒA|Độc lập - Tự do")  # never the state motto


def test_u_hdr_2_3_names_in_caps_14_parent_regular_issuer_bold_then_stars(page):
    document, docx, located = page
    cell = [p for p in located if p.place == "table0[0][0]"]
    parents, issuers = len(document.issuer.parent), len(document.issuer.name)
    assert len(cell) == parents + issuers + 1 and cell[-1].text == "***"
    for index, line in enumerate(cell[:-1]):
        shown = look(docx, line.paragraph)
        assert line.text == line.text.upper() and shown.sizes == {14}
        assert shown.bold == {index >= parents}, line.text


def test_u_hdr_4_number_line_matches_and_is_14_upright(page):
    _, docx, located = page
    number = one(located, r"^Số:")
    assert number.place == "table0[1][0]"
    assert NUMBER_LINE.match(number.text.replace("\u00a0", " ")), number.text
    shown = look(docx, number.paragraph)
    assert shown.sizes == {14} and shown.italic == {False} and shown.bold == {False}


def test_u_hdr_5_date_line_13_italic_level_with_the_number(page):
    _, docx, located = page
    date = one(located, r", ngày .* tháng .* năm ")
    assert date.place == "table0[1][1]"
    assert DATE_LINE.match(date.text), date.text
    shown = look(docx, date.paragraph)
    assert shown.sizes == {13} and shown.italic == {True} and shown.bold == {False}


def test_marks_sit_under_the_number_13_bold(page):
    document, docx, located = page
    cell = [p for p in located if p.place == "table0[1][0]"][1:]
    assert len(cell) == sum(bool(m) for m in (document.draft, document.secrecy, document.urgency))
    for mark in cell:
        shown = look(docx, mark.paragraph)
        assert shown.sizes == {13} and shown.bold == {True} and mark.text == mark.text.upper()


# --- title (U-TTL-*) -----------------------------------------------------------------


def test_u_ttl_type_name_16_bold_caps_trich_yeu_14_bold_then_dashed_rule(page):
    document, docx, located = page
    type_name, title, rule = [p for p in located if p.place == "body"][:3]
    assert type_name.text == vanban._display.upper(document.type_name)
    shown = look(docx, type_name.paragraph)
    assert shown.sizes == {16} and shown.bold == {True} and shown.align == "center"
    shown = look(docx, title.paragraph)
    assert shown.sizes == {14} and shown.bold == {True} and shown.align == "center"
    assert re.fullmatch(r"-{10,17}", rule.text) and look(docx, rule.paragraph).align == "center"


# --- body (U-BODY-*, U-HEAD-*) ----------------------------------------------------------


def test_u_body_14_justified_indent_1_27_cm_spacing_at_most_6_pt_lines_1_to_1_2(page):
    _, docx, located = page
    for p in body_paragraphs(docx, located):
        shown = look(docx, p.paragraph)
        assert shown.sizes == {14}, p.text
        assert shown.align == "justify", p.text
        assert shown.first_line == 720, p.text
        assert shown.before + shown.after <= 120, p.text
        assert 240 <= shown.line <= 288, p.text


def test_u_head_1_roman_headings_caps_bold_indented(page):
    _, docx, located = page
    for heading in texts(located, r"^[IVXLC]+\. "):
        shown = look(docx, heading.paragraph)
        assert heading.text == heading.text.upper()
        assert shown.bold == {True} and shown.italic == {False} and shown.first_line == 720


def test_u_head_2_3_khoan_bold_diem_bold_italic_then_italic(page):
    _, docx, located = page
    expected = {1: (True, False), 2: (True, True), 3: (False, True)}  # (bold, italic) of the label
    for p in body_paragraphs(docx, located):
        if re.match(r"^(\d+\.)+ ", p.text):
            depth = p.text.split(" ")[0].count(".")
            label = p.paragraph.runs[0]._r
            assert p.paragraph.runs[0].text.strip() == p.text.split(" ")[0]
            shown = tuple(run_property(docx, p.paragraph, label, key) for key in ("b", "i"))
            assert shown == expected.get(depth, (False, False)), p.text


def test_numbering_never_skips_or_repeats(page):
    _, docx, located = page
    romans, path = [], []
    for p in body_paragraphs(docx, located):
        roman = re.match(r"^([IVXLC]+)\. ", p.text)
        arabic = re.match(r"^((?:\d+\.)+) ", p.text)
        if roman:
            romans.append(roman.group(1))
            path = []
        elif arabic:
            numbers = [int(n) for n in arabic.group(1).split(".") if n]
            depth = len(numbers)
            following = path[depth - 1] + 1 if len(path) >= depth else 1
            assert numbers == path[:depth - 1] + [following], (p.text, path)
            path = numbers
    assert romans == ROMAN[:len(romans)]


def test_bullets_and_sub_bullets_are_styled_as_body(page):
    _, docx, located = page
    for p in texts(located, r"^[-+] "):
        if p.place == "body":
            assert look(docx, p.paragraph).sizes == {14}


def test_u_end_1_body_ends_with_the_end_mark(page):
    _, docx, located = page
    closing = [p for p in located if p.place == "body" and p.text.strip()][-1]
    assert closing.text.endswith("./.")


# --- closing block (U-SIG-*, U-RCV-*) ---------------------------------------------------


def test_u_sig_signature_lines(page):
    document, docx, located = page
    last = len(docx.tables) - 1
    right_column = (f"table{last}[0][1]", f"table{last}[1][1]")
    signer = [p for p in located if p.place in right_column and p.text.strip()]
    lines = [p.text for p in signer]
    if document.signer.authority:
        assert lines[0].startswith(document.signer.authority + " ")
        first, position, name = signer
        assert look(docx, position.paragraph).bold == {False}
    else:
        first, name = signer
    assert lines[0] == lines[0].upper() and look(docx, first.paragraph).bold == {True}
    assert name.text == document.signer.name and look(docx, name.paragraph).bold == {True}
    assert all(w[0].isupper() for w in name.text.split())
    for p in signer:
        shown = look(docx, p.paragraph)
        assert shown.sizes == {14} and shown.align == "center"
    assert look(docx, name.paragraph).before >= 2 * 14 * 20  # room for signature and seal


def test_u_rcv_recipients_label_13_bold_entries_11_punctuated_last_is_luu(page):
    document, docx, located = page
    label = one(located, "^Nơi nhận:$")
    shown = look(docx, label.paragraph)
    assert shown.sizes == {13} and shown.bold == {True} and shown.italic == {False}
    entries = [p for p in located if p.place == label.place and p is not label and p.text]
    assert len(entries) == len(document.recipients) + 1
    assert all(look(docx, e.paragraph).sizes == {11} and e.text.startswith("- ") for e in entries)
    assert all(e.text.endswith(";") for e in entries[:-1])
    assert re.match(r"^- Lưu:? .+\.$", entries[-1].text)


def test_recipients_label_is_level_with_the_position_line(page):
    document, docx, located = page
    label = one(located, "^Nơi nhận:$")
    position = one(located, "^" + re.escape(vanban._display.upper(document.signer.position)) + "$")
    assert label.place[:-3] == position.place[:-3]  # the same table row


def test_signature_block_rows_never_split_across_pages(page):
    _, docx, _ = page
    closing = docx.tables[-1]
    assert all(row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
               for row in closing.rows)
