"""Conformance: every document vanban writes, of every type and in both profiles, is laid
out as the rules prescribe: Hướng dẫn 29-HD/TWĐTN-VP for the Đoàn (standards.md §2, §5.3)
and Nghị định 30/2020/NĐ-CP Phụ lục I for the State (standards.md §3).

One shared set of tests, run over every example, every registered type's sample, and
variants that exercise the optional parts (bare-title and KT. signers, marks, a number
not yet issued), each rendered in both profiles. The expected figures below are copied
from standards.md, not read from vanban's profiles, so the two can be compared.
"""

import re

import pytest
from docx.oxml.ns import qn

import vanban
from vanban import Signer

from helpers import EXAMPLES, look, open_docx, paragraphs_in_order, run_property

MM_IN_TWIPS = 56.693
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
DATE_LINE = re.compile(
    r"^(?P<place>[^,]+), ngày (0[1-9]|[12]\d|3[01]|\.\.\.) tháng (0[12]|[3-9]|1[0-2]|\.\.\.) năm (\d{4})$"
)

EXPECT = {
    "doan": dict(
        margins=((20, 20), (20, 20), (30, 30), (20, 20)),
        motto=[("ĐOÀN TNCS HỒ CHÍ MINH", {15}, True)],
        names=(14, 14), mark="***",
        number=re.compile(r"^Số:\s?(\d{2,}|\s{3,})-([A-ZĐ][A-Za-zĐđ]*)/[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ][A-ZĐ0-9.&]*)?$"),
        number_size={14}, date_size={13}, type_size={16}, title_size={14},
        rule=re.compile(r"^-{10,17}$"), subject=({12}, True),
        body_size={14}, indents={720}, spacing=lambda total: total <= 120, lines=(240, 288),
        position_bold=False, label=({13}, True, False), archive=re.compile(r"^- Lưu:? .+\.$"),
        diem={2: (True, True), 3: (False, True)}, letters=False,
        recipients_row_of="position",
    ),
    "nha-nuoc": dict(
        margins=((20, 25), (20, 25), (30, 35), (15, 20)),
        motto=[("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {12, 13}, True),
               ("Độc lập - Tự do - Hạnh phúc", {13, 14}, True)],
        names=(12, 13), mark="drawn",
        number=re.compile(r"^Số:\s?(\d{2,}|\s{3,})/(?:[A-Za-zĐđ]+-)?[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)*$"),
        number_size={13}, date_size={13, 14}, type_size={13, 14}, title_size={13, 14},
        rule="drawn", subject=({12, 13}, False),
        body_size={13, 14}, indents={567, 720}, spacing=lambda total: total >= 120, lines=(240, 360),
        position_bold=True, label=({12}, True, True), archive=re.compile(r"^- Lưu: VT\b.*\.$"),
        diem={2: (False, False)}, letters=True,
        recipients_row_of="authority",
    ),
}


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


def _sources():
    import yaml

    for path in sorted(EXAMPLES.glob("*.yaml")):
        yield path.stem, lambda path=path: vanban.load(path)
    for name, model in vanban.document_types().items():
        yield f"sample-{name}", lambda model=model: vanban.parse(yaml.safe_load(model.starter_yaml()))
    for name, document in _variants():
        yield name, lambda document=document: document


def in_profile(document, profile):
    """The same document under the other profile's rules (the archive follows the profile)."""
    if document.profile_name == profile:
        return document
    return document.model_copy(update={
        "profile": profile, "archive": None,
        "drafting_unit": document.drafting_unit or "VP",
        "bases": document.bases,
    })


DOCUMENTS = [(f"{name}@{profile}", source, profile)
             for name, source in _sources() for profile in EXPECT]


@pytest.fixture(scope="module", params=DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def page(request):
    _, source, profile = request.param
    document = in_profile(source(), profile)
    docx = open_docx(vanban.render_bytes(document))
    return document, docx, list(paragraphs_in_order(docx)), EXPECT[profile]


def texts(located, pattern):
    return [p for p in located if re.search(pattern, p.text)]


def one(located, pattern):
    found = texts(located, pattern)
    assert len(found) == 1, f"{pattern!r}: {[p.text for p in found]}"
    return found[0]


def body_paragraphs(document, located):
    """Paragraphs of the body proper: after the title block, Kính gửi and căn cứ;
    outside tables; not table captions."""
    body = [p for p in main_text(located) if p.place == "body" and p.text.strip()]
    # type name, trích yếu and the dashes under it (NĐ 30 draws that line: an empty paragraph)
    skip = 0 if document.is_letter else 2 if document.profile_name == "nha-nuoc" else 3
    skip += (1 if len(document.addressees) == 1 else len(document.addressees) + 1) if document.addressees else 0
    return [p for p in body[skip:] if p.paragraph.style.name not in
            ("VB Table Caption", "VB Basis", "VB Issuing Authority", "VB Operative")]


def main_text(located):
    """Everything before the first annex (Phụ lục), which follows the signature block."""
    annex = next((i for i, p in enumerate(located) if p.paragraph.style.name == "VB Annex Label"), len(located))
    return located[:annex]


def list_entries(paragraphs) -> set[int]:
    """Positions of the entries of a numbered list: "1.", "2." ... of running text right after a
    sentence ending with ":" (their numbers are their own, not khoản numbers)."""
    entries, expected = set(), None
    for position, p in enumerate(paragraphs):
        number = re.match(r"^(\d+)\. ", p.text)
        if expected and number and int(number.group(1)) == expected:
            entries.add(position)
            expected += 1
        elif number and number.group(1) == "1" and position and paragraphs[position - 1].text.endswith(":") \
                and not p.paragraph.style.name.startswith("VB Heading"):  # a khoản heading after "như sau:"
            entries.add(position)
            expected = 2
        else:
            expected = None
    return entries


# --- page -------------------------------------------------------------------------------


def test_a4_portrait_and_margins(page):
    _, docx, _, expect = page
    section = docx.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.05)
    sides = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    for actual, (low, high) in zip(sides, expect["margins"]):
        assert low * MM_IN_TWIPS - 1 <= actual.twips <= high * MM_IN_TWIPS + 1


def test_every_font_slot_is_times_new_roman_and_language_vietnamese(page):
    _, docx, _, _ = page
    styles = docx.styles.element
    default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = default.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Times New Roman"}
    assert not [a for a in fonts.attrib if a.endswith("Theme")]
    assert default.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
    for element in list(styles.iter(qn("w:rFonts"))) + list(docx.element.body.iter(qn("w:rFonts"))):
        assert set(element.attrib.values()) <= {"Times New Roman"}


def test_page_numbers_from_page_2_centred_at_the_top_13_14_pt(page):
    _, docx, _, _ = page
    section = docx.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" not in section.first_page_header._element.xml
    header = section.header.paragraphs[0]
    assert "".join(t.text for t in header._p.iter(qn("w:instrText"))).strip() == "PAGE"
    shown = look(docx, header)
    assert shown.align == "center" and shown.sizes <= {13, 14} and shown.italic == {False}


# --- letterhead -------------------------------------------------------------------------


def test_header_and_signature_tables_are_borderless_two_columns_within_the_text_width(page):
    _, docx, _, expect = page
    left, right = expect["margins"][2][0], expect["margins"][3][0]
    document = page[0]
    signature = next(t for t in docx.tables if any(document.signature().name in c.text for c in t._cells))
    for table in (docx.tables[0], signature):
        assert len(table.columns) == 2
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}
        assert sum(c.width.mm for c in table.columns) <= 210 - left - right + 0.1


def drawn_share(docx, line, above: list, container_twips: int) -> float:
    """How long the line drawn by ``line`` is (an empty paragraph's bottom border, narrowed by
    its indents), as a share of the longest of the ``above`` paragraphs' text (measured with
    their own size and weight)."""
    from vanban._measure import text_width_mm

    assert not line.text.strip() and look(docx, line.paragraph).border_bottom
    indents = line.paragraph.paragraph_format
    sides = sum(indent.twips for indent in (indents.left_indent, indents.right_indent) if indent)
    length = container_twips - sides
    longest = max(text_width_mm(p.text, max(look(docx, p.paragraph).sizes), True in look(docx, p.paragraph).bold)
                  for p in above)
    return length / 56.693 / longest


def column_twips(docx, index: int) -> int:
    return int(docx.tables[0]._tbl.find(qn("w:tblGrid"))[index].get(qn("w:w")))


def test_top_right_motto_lines(page):
    document, docx, located, expect = page
    for text, sizes, bold in expect["motto"]:
        line = one(located, "^" + re.escape(text) + "$")
        assert line.place == "table0[0][1]"
        shown = look(docx, line.paragraph)
        assert shown.sizes <= sizes and shown.bold == {bold}
    if document.profile_name == "doan":  # the Union title is underlined for its length
        assert look(docx, one(located, "^ĐOÀN TNCS").paragraph).underline == {True}
        assert not texts(located, "CỘNG HÒA|Độc lập - Tự do")  # never the state motto
    else:  # a solid line under the tiêu ngữ, as long as it, in the same cell
        cell = [p for p in located if p.place == "table0[0][1]"]
        assert drawn_share(docx, cell[2], [cell[1]], column_twips(docx, 1)) == pytest.approx(1, abs=0.05)
        assert not texts(located, "^ĐOÀN TNCS HỒ CHÍ MINH$")


def test_names_in_caps_parent_regular_issuer_bold_then_the_mark(page):
    document, docx, located, expect = page
    cell = [p for p in located if p.place == "table0[0][0]" and (p.text.strip() or expect["mark"] == "drawn")]
    parents, issuers = len(document.issuer.parent), len(document.issuer.name)
    assert len(cell) == parents + issuers + 1
    mark = expect["mark"]
    if mark == "drawn":  # NĐ 30: a solid line, 1/3 to 1/2 of the name
        assert 1 / 3 <= drawn_share(docx, cell[-1], cell[parents:-1], column_twips(docx, 0)) <= 1 / 2
    else:
        assert cell[-1].text == mark
    low, high = expect["names"]
    for index, line in enumerate(cell[:-1]):
        shown = look(docx, line.paragraph)
        assert line.text == line.text.upper() and all(low <= s <= high for s in shown.sizes)
        assert shown.bold == {index >= parents}, line.text


def test_number_line_matches_and_is_upright(page):
    document, docx, located, expect = page
    if document.number is False:  # a document without a number line (a chi đoàn's Biên bản)
        assert not texts(located, r"^Số:")
        return
    number = one(located, r"^Số:")
    assert number.place == "table0[1][0]"
    assert expect["number"].match(number.text.replace("\u00a0", " ")), number.text
    shown = look(docx, number.paragraph)
    assert shown.sizes == expect["number_size"] and shown.italic == {False} and shown.bold == {False}


def test_date_line_italic_level_with_the_number(page):
    document, docx, located, expect = page
    if document.date is None:  # NĐ 30 PL III Mẫu 1.9: a Biên bản has no date line
        assert not [p for p in located if p.place == "table0[1][1]" and p.text.strip()]
        return
    date = one([p for p in located if p.place.startswith("table0[")], r", ngày .* tháng .* năm ")
    assert date.place == "table0[1][1]"
    assert DATE_LINE.match(date.text), date.text
    shown = look(docx, date.paragraph)
    assert shown.sizes <= expect["date_size"] and shown.italic == {True} and shown.bold == {False}


def test_marks_and_subject_sit_under_the_number(page):
    document, docx, located, expect = page
    cell = [p for p in located if p.place == "table0[1][0]"][1:]
    if document.is_letter:
        subject, *cell = cell
        sizes, italic = expect["subject"]
        assert subject.text.startswith("V/v ")
        shown = look(docx, subject.paragraph)
        assert shown.sizes <= sizes and shown.italic == {italic} and shown.bold == {False}
    assert len(cell) == sum(bool(m) for m in (document.draft, document.secrecy, document.urgency))
    for mark in cell:
        shown = look(docx, mark.paragraph)
        assert shown.sizes == {13} and shown.bold == {True} and mark.text == mark.text.upper()


# --- title, Kính gửi, căn cứ -----------------------------------------------------------


def test_type_name_bold_caps_trich_yeu_bold_then_the_rule(page):
    document, docx, located, expect = page
    body = [p for p in located if p.place == "body"]
    if document.is_letter:
        assert not texts(body, "^" + vanban._display.upper(document.type_name) + "$")
        return
    type_name, title, rule = [p for p in body if p.text.strip() or expect["rule"] == "drawn"][:3]
    assert type_name.text == vanban._display.upper(document.type_name)
    shown = look(docx, type_name.paragraph)
    assert shown.sizes <= expect["type_size"] and shown.bold == {True} and shown.align == "center"
    shown = look(docx, title.paragraph)
    assert shown.sizes <= expect["title_size"] and shown.bold == {True} and shown.align == "center"
    if expect["rule"] == "drawn":  # NĐ 30: a solid line, 1/3 to 1/2 of the trích yếu
        text_twips = (210 - 30 - 15) * 56.693
        assert 1 / 3 <= drawn_share(docx, rule, title_lines(title), text_twips) <= 1 / 2
    else:
        assert expect["rule"].match(rule.text) and look(docx, rule.paragraph).align == "center"


def title_lines(title):
    """The lines of the trích yếu paragraph, each read as the paragraph is set."""
    from types import SimpleNamespace

    return [SimpleNamespace(text=line, paragraph=title.paragraph) for line in title.text.split("\n")]


def test_kinh_gui_and_can_cu_lines(page):
    document, docx, located, _ = page
    if document.addressees:
        label = one(located, "^Kính gửi:")
        if len(document.addressees) == 1:
            assert label.text == f"Kính gửi: {document.addressees[0]}"
    bases = [p for p in located if p.paragraph.style.name == "VB Basis"]
    assert len(bases) == len(document.bases)
    for index, line in enumerate(bases):
        assert line.text.endswith(";" if index < len(bases) - 1 else ("," if document.profile_name == "doan" else "."))
        if document.profile_name == "nha-nuoc":
            assert look(docx, line.paragraph).italic == {True}


def test_a_decision_has_its_authority_above_the_bases_and_its_operative_line_below(page):
    document, docx, located, _ = page
    if document.operative_word is None:
        assert not [p for p in located if p.paragraph.style.name in ("VB Issuing Authority", "VB Operative")]
        return
    body = [p for p in main_text(located) if p.place == "body" and p.text.strip()]
    styles = [p.paragraph.style.name for p in body]
    authority, operative = styles.index("VB Issuing Authority"), styles.index("VB Operative")
    assert authority < styles.index("VB Basis") < operative if document.bases else authority < operative
    assert body[operative].text == document.operative_word
    assert body[operative + 1].text.startswith("Điều 1. ")
    for line in (body[authority], body[operative]):
        shown = look(docx, line.paragraph)
        assert line.text == line.text.upper() and shown.bold == {True} and shown.align == "center"
        assert shown.sizes == {14}


# --- body --------------------------------------------------------------------------------


def test_body_size_alignment_indent_spacing_and_line_spacing(page):
    document, docx, located, expect = page
    for p in body_paragraphs(document, located):
        shown = look(docx, p.paragraph)
        assert shown.sizes <= expect["body_size"], p.text
        # running text is justified; a heading flush left, so that a wrapped one is not stretched;
        # NĐ 30's tiết "- ..." below điểm a) reads as a bullet and is justified like one
        heading = p.paragraph.style.name.startswith("VB Heading") and not p.text.startswith("- ")
        assert shown.align == ("left" if heading else "justify"), p.text
        assert shown.first_line in expect["indents"], p.text
        assert expect["spacing"](shown.before + shown.after), p.text
        assert expect["lines"][0] <= shown.line <= expect["lines"][1], p.text


def test_roman_headings_caps_bold_indented(page):
    document, docx, located, _ = page
    for heading in texts(body_paragraphs(document, located), r"^[IVXLC]+\. "):
        shown = look(docx, heading.paragraph)
        assert heading.text == heading.text.upper()
        assert shown.bold == {True} and shown.italic == {False} and shown.first_line >= 567


def test_khoan_bold_and_the_points_below_it(page):
    document, docx, located, expect = page
    body = body_paragraphs(document, located)
    entries = list_entries(body)
    for position, p in enumerate(body):
        if position in entries:
            continue
        label = p.text.split(" ")[0]
        depth = None
        if re.fullmatch(r"(\d+\.)+", label):
            depth = label.count(".")
        elif expect["letters"] and re.fullmatch(r"[a-zđ]+\)", label):
            depth = 2
        if depth is None:
            continue
        assert p.paragraph.runs[0].text.strip() == label
        shown = tuple(run_property(docx, p.paragraph, p.paragraph.runs[0]._r, k) for k in ("b", "i"))
        want = (True, False) if depth == 1 else expect["diem"].get(depth, (False, False))
        assert shown == want, p.text


def test_numbering_never_skips_or_repeats(page):
    document, docx, located, expect = page
    romans, path = [], []
    letters = vanban._display.VIETNAMESE_LETTERS
    body = body_paragraphs(document, located)
    entries = list_entries(body)
    for position, p in enumerate(body):
        if position in entries:
            continue
        roman = re.match(r"^([IVXLC]+)\. ", p.text)
        arabic = re.match(r"^((?:\d+\.)+) ", p.text)
        point = re.match(r"^([a-zđ])\) ", p.text) if expect["letters"] else None
        if roman:
            romans.append(roman.group(1))
            path = []
        elif arabic:
            numbers = [int(n) for n in arabic.group(1).split(".") if n]
            depth = len(numbers)
            following = path[depth - 1] + 1 if len(path) >= depth else 1
            assert numbers == path[:depth - 1] + [following], (p.text, path)
            path = numbers
        elif point:
            index = letters.index(point.group(1)) + 1
            following = path[1] + 1 if len(path) >= 2 else 1
            assert index == following, (p.text, path)
            path = path[:1] + [index]
    assert romans == ROMAN[:len(romans)]


def test_body_ends_with_the_end_mark(page):
    _, _, located, _ = page
    closing = [p for p in main_text(located) if p.place == "body" and p.text.strip()][-1]
    assert closing.text.endswith("./.")


# --- closing block ---------------------------------------------------------------------


def test_signature_lines(page):
    document, docx, located, expect = page
    last = max(int(p.place[5:].split("[")[0]) for p in main_text(located) if p.place.startswith("table"))
    signer = [p for p in located if p.place.startswith(f"table{last}[") and p.place.endswith("[1]")
              and p.text.strip()]
    lines = [p.text for p in signer]
    first, name = signer[0], signer[-1]
    signed = document.signature()
    if signed.authority:
        assert lines[0].startswith(document.signer.authority + " ")
        if signed.deputy_for:
            assert lines[1] == "KT. " + vanban._display.upper(signed.deputy_for)
        position = signer[-2]
        assert len(signer) == 3 + bool(signed.deputy_for)
        assert look(docx, position.paragraph).bold == {expect["position_bold"]}
    else:
        assert len(signer) == 2
    assert lines[0] == lines[0].upper() and look(docx, first.paragraph).bold == {True}
    assert name.text == signed.name and look(docx, name.paragraph).bold == {True}
    for p in signer:
        shown = look(docx, p.paragraph)
        assert shown.sizes == {14} and shown.align == "center"
    assert look(docx, name.paragraph).before >= 2 * 14 * 20  # room for signature and seal


def has_recipients(document) -> bool:
    return bool(document.recipients or document.archive)


def test_a_second_signature_stands_level_with_the_first_in_place_of_nơi_nhận(page):
    document, docx, located, _ = page
    second = document.second_signer()
    if second is None:
        return
    assert not texts(located, "^Nơi nhận")
    left = one(located, "^" + re.escape(vanban._display.upper(second.position)) + "$")
    right = one(located, "^" + re.escape(vanban._display.upper(document.signature().position)) + "$")
    assert left.place[:-3] == right.place[:-3] and left.place.endswith("[0]")  # one row, left cell
    assert look(docx, left.paragraph) == look(docx, right.paragraph)
    names = [one(located, "^" + re.escape(person.name) + "$") for person in (second, document.signature())]
    assert names[0].place[:-3] == names[1].place[:-3]
    assert look(docx, names[0].paragraph) == look(docx, names[1].paragraph)


def test_recipients_label_entries_punctuation_and_archive(page):
    document, docx, located, expect = page
    if not has_recipients(document):
        return
    label = one(located, "^Nơi nhận:$")
    sizes, bold, italic = expect["label"]
    shown = look(docx, label.paragraph)
    assert shown.sizes == sizes and shown.bold == {bold} and shown.italic == {italic}
    entries = [p for p in located if p.place == label.place and p is not label and p.text]
    lead = document.recipients_lead()
    assert len(entries) == len(document.recipients) + 1 + bool(lead)
    if lead:
        assert entries[0].text == f"- {lead};"
    assert all(look(docx, e.paragraph).sizes == {11} and e.text.startswith("- ") for e in entries)
    assert all(e.text.endswith(";") for e in entries[:-1])
    assert expect["archive"].match(entries[-1].text)


def test_recipients_label_is_level_with_the_right_signature_line(page):
    document, _, located, expect = page
    if not has_recipients(document):
        return
    label = one(located, "^Nơi nhận:$")
    if document.signer.authority and expect["recipients_row_of"] == "authority":
        level = one(located, "^" + re.escape(vanban._display.upper(
            f"{document.signer.authority} {document.signer.on_behalf_of}")) + "$")
    else:
        level = one(located, "^" + re.escape(vanban._display.upper(document.signer.position)) + "$")
    assert label.place[:-3] == level.place[:-3]  # the same table row
    assert label.paragraph._p.getparent() is not None


def test_signature_block_rows_never_split_across_pages(page):
    _, docx, _, _ = page
    closing = docx.tables[-1]
    assert all(row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
               for row in closing.rows)


# --- no empty paragraphs ------------------------------------------------------------------------


def _bordered_styles(docx) -> set[str]:
    return {style.style_id for style in docx.styles
            if style.element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}") is not None}


def test_no_empty_paragraph_adds_a_gap_only_drawn_lines_and_the_air_after_a_table(page):
    """An empty paragraph is a line of blank space a reader sees as a gap (issue 13: one under
    the title rule of every document without Kính gửi). The only empty paragraphs vanban writes
    are a drawn line (its style's bottom border is the line), the small spacer after a body
    table (Word has no space after a table; 6 pt, not a body line), and the paragraph a table
    cell must hold."""
    _, docx, _, _ = page
    drawn = _bordered_styles(docx)
    body = docx.element.body
    for paragraph in body.iter(qn("w:p")):
        if "".join(t.text or "" for t in paragraph.iter(qn("w:t"))).strip():
            continue
        if paragraph.find(f".//{qn('w:br')}") is not None or paragraph.find(f".//{qn('w:drawing')}") is not None:
            continue
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        style = style.get(qn("w:val")) if style is not None else "Normal"
        parent = paragraph.getparent()
        if style in drawn or paragraph.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            continue
        if parent.tag == qn("w:tc") and len(parent.findall(qn("w:p"))) == 1:
            continue
        previous = paragraph.getprevious()
        after_table = previous is not None and (previous.tag == qn("w:tbl") or (  # or its total in words
            previous.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") is not None
            and previous.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) == "VBTableNote"))
        assert style == "VBTableAfter" and after_table, (
            f"empty paragraph of style {style} after {previous.tag if previous is not None else None}")
