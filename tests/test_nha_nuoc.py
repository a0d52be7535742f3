"""The Nhà nước profile (NĐ 30/2020/NĐ-CP): the labels and lines that differ from the
Đoàn's, every N-* rule caught by a deliberate mistake, and a side-by-side comparison
with the letterhead of the government's own decree file.
"""

import re
from pathlib import Path

import pytest
import yaml
from docx.shared import Mm, Pt

import vanban
from vanban import check
from vanban.rules import RULES

from helpers import (
    LONG_PLACE,
    EXAMPLES,
    find_paragraph,
    look,
    mutated,
    open_docx,
    paragraphs_in_order,
    remove_paragraph,
    restyle,
    retext,
    text_lines,
)

DECREE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "nd30-2020" / "30_2020_ND_CP.docx"


def _missing_reference():
    import os

    if os.environ.get("CI"):  # CI runs with shared/ beside the clone: a missing decree is a failure
        pytest.fail(f"the government's decree file is missing: {DECREE}")
    pytest.skip("shared/reference is not next to the project")


def remove_drawn_line(document, which: int) -> None:
    """Remove the ``which``-th line vanban draws (an empty paragraph with a bottom border):
    0 under the body's name, 1 under the tiêu ngữ, 2 under the trích yếu."""
    from docx.oxml.ns import qn

    drawn = [p for p in document.element.body.iter(qn("w:p"))
             if not "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()
             and (p.find(qn("w:pPr")) is not None and p.find(qn("w:pPr")).find(qn("w:pStyle")) is not None)
             and p.find(qn("w:pPr")).find(qn("w:pStyle")).get(qn("w:val")) in ("VBAgencyMark", "VBMottoRule",
                                                                                "VBTitleRule")]
    drawn[which].getparent().remove(drawn[which])


def state(document, **changes):
    return document.model_copy(update={"profile": "nha-nuoc", "archive": None,
                                       "drafting_unit": "VX", **changes})


@pytest.fixture(scope="module")
def plan():
    flagship = vanban.load(EXAMPLES / "ke_hoach_114.yaml")
    return state(flagship, issuer=vanban.Issuer(name=["Ủy ban nhân dân", "tỉnh Quảng Ninh"], code="UBND"),
                 number=8, bases=["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
                                  "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ"])


@pytest.fixture(scope="module")
def plan_bytes(plan):
    return vanban.render_bytes(plan)


@pytest.fixture(scope="module")
def letter_bytes():
    data = yaml.safe_load(vanban.get_document_type("cong-van").starter_yaml())
    letter = state(vanban.parse(data), issuer=vanban.Issuer(
        parent=["UBND tỉnh Trà Vinh"], name=["Sở Nội vụ"], code="SNV"),
        addressees=["Ủy ban nhân dân các huyện", "Các sở, ban, ngành tỉnh"])
    return vanban.render_bytes(letter)


# --- what differs from the Đoàn -------------------------------------------------------


def test_number_is_number_slash_type_hyphen_body(plan_bytes):
    assert "Số: 08/KH-UBND-VX" in text_lines(open_docx(plan_bytes))


def test_cong_van_number_has_no_type_code_and_its_subject_is_upright_under_it(letter_bytes):
    document = open_docx(letter_bytes)
    cell = [p for p in paragraphs_in_order(document) if p.place == "table0[1][0]"]
    assert [p.text for p in cell][:2] == ["Số: 45/SNV-VX", "V/v giới thiệu thanh niên tiêu biểu năm 2021"]
    assert look(document, cell[1].paragraph).italic == {False}


def test_several_addressees_are_listed_under_kinh_gui_and_nhu_tren_opens_noi_nhan(letter_bytes):
    lines = text_lines(open_docx(letter_bytes))
    start = lines.index("Kính gửi:")
    assert lines[start + 1:start + 3] == ["- Ủy ban nhân dân các huyện;", "- Các sở, ban, ngành tỉnh."]
    assert lines[lines.index("Nơi nhận:") + 1] == "- Như trên;"
    assert "- Lưu: VT, VX." in lines


def test_can_cu_lines_are_italic_each_ending_semicolon_the_last_a_full_stop(plan_bytes):
    document = open_docx(plan_bytes)
    bases = [p for p in document.paragraphs if p.style.name == "VB Basis"]
    assert [p.text[-1] for p in bases] == [";", "."]
    assert all(look(document, p).italic == {True} for p in bases)


def test_points_below_khoan_are_vietnamese_letters():
    section = vanban.Section(title="A", children=[vanban.Section(title="B", children=[
        vanban.Section(title=f"Điểm {i}") for i in range(1, 8)])])
    document = vanban.load(EXAMPLES / "ke_hoach_114.yaml")
    lines = text_lines(open_docx(vanban.render_bytes(state(document, content=[section]))))
    points = [line.split(")")[0] for line in lines if re.match(r"^[a-zđ]\) Điểm", line)]
    assert points == ["a", "b", "c", "d", "đ", "e", "g"]


def test_a_tiet_below_a_diem_is_justified_like_the_bullets_it_reads_as():
    tiet = [vanban.Section(title="Tiết không có nội dung con"),
            vanban.Section(title="Tiết có nội dung con", children=[vanban.Paragraph(text="Đoạn văn.")])]
    section = vanban.Section(title="A", children=[vanban.Section(title="B", children=[
        vanban.Section(title="Điểm", children=tiet)])])
    document = state(vanban.load(EXAMPLES / "ke_hoach_114.yaml"), content=[section])
    data = vanban.render_bytes(document)
    page = open_docx(data)
    for title in ("Tiết không", "Tiết có"):
        assert look(page, find_paragraph(page, f"^- {title}")).align == "justify"
    assert check(data, "nha-nuoc").errors == []  # the Union issuer kept: said as a profile, not detected


def test_tuq_is_a_state_authority_only():
    document = vanban.load(EXAMPLES / "ke_hoach_114.yaml")
    data = document.model_dump()
    data["signer"] = {"authority": "TUQ.", "on_behalf_of": "Chủ tịch", "position": "Chánh Văn phòng",
                      "name": "Lê Văn D"}
    with pytest.raises(Exception) as error:
        vanban.KeHoach.model_validate(data)
    assert "TUQ." in str(error.value)
    data["profile"] = "nha-nuoc"
    data["archive"] = None
    assert vanban.KeHoach.model_validate(data).signer.authority == "TUQ."


def test_a_profile_can_be_chosen_per_issuer():
    document = vanban.load(EXAMPLES / "ke_hoach_114.yaml")
    issuer = document.issuer.model_copy(update={"profile": "nha-nuoc"})
    chosen = document.model_copy(update={"issuer": issuer, "archive": None})
    assert chosen.profile_name == "nha-nuoc"
    lines = text_lines(open_docx(vanban.render_bytes(chosen)))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines and "ĐOÀN TNCS HỒ CHÍ MINH" not in lines


# --- every N-* rule, one mistake each -----------------------------------------------------


def _margins(d):
    d.sections[0].left_margin = Mm(25)


def _page_one_numbered(d):
    d.sections[0].different_first_page_header_footer = False


def _arial(d):
    restyle(d, "^Căn cứ Chương trình", font="Arial")


def _english(document):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for run in find_paragraph(document, "^Căn cứ Chương trình").runs:
        language = OxmlElement("w:lang")
        language.set(qn("w:val"), "en-US")
        run._r.get_or_add_rPr().append(language)


def _authority_and_position_on_one_line(document):
    first = find_paragraph(document, r"^(TM|KT|TL|TUQ|Q)\. ")
    position = find_paragraph(document, "^BÍ THƯ$")
    retext(document, r"^(TM|KT|TL|TUQ|Q)\. ", first.text, f"{first.text} {position.text}")
    remove_paragraph(document, "^BÍ THƯ$")


STATE_MUTATIONS = [
    ("plan", "left margin 25 mm", _margins, "N-PAGE-1"),
    ("plan", "number on page 1", _page_one_numbered, "N-PAGE-2"),
    ("plan", "Arial", _arial, "N-FONT-1"),
    ("plan", "Quốc hiệu regular", lambda d: restyle(d, "^CỘNG HÒA", bold=False), "N-HDR-1"),
    ("plan", "Tiêu ngữ without spaces", lambda d: retext(d, "^Độc lập", " - ", "-"), "N-HDR-2"),
    ("plan", "no line under the Tiêu ngữ", lambda d: remove_drawn_line(d, 1), "N-HDR-3"),
    ("plan", "issuing body regular", lambda d: restyle(d, "^TỈNH QUẢNG NINH$", bold=False), "N-HDR-4"),
    ("plan", "no line under the body's name", lambda d: remove_drawn_line(d, 0), "N-HDR-5"),
    ("plan", "Số: 8/KH-UBND", lambda d: retext(d, "^Số:", "08/", "8/"), "N-HDR-6"),
    ("plan", "upright date", lambda d: restyle(d, ", ngày", italic=False), "N-HDR-7"),
    ("plan", "type name 16 pt", lambda d: restyle(d, "^KẾ HOẠCH$", size=16), "N-TTL-1"),
    ("plan", "trích yếu regular", lambda d: restyle(d, "^Tổ chức thực hiện mô hình", bold=False), "N-TTL-2"),
    ("plan", "no line under the trích yếu", lambda d: remove_drawn_line(d, 2), "N-TTL-3"),
    ("plan", "body 12 pt", lambda d: restyle(d, "^Căn cứ Chương trình", size=12), "N-BODY-1"),
    ("plan", "double line spacing",
     lambda d: setattr(find_paragraph(d, "^Căn cứ Chương trình").paragraph_format, "line_spacing", 2.0), "N-BODY-2"),
    ("plan", "no space between paragraphs",
     lambda d: setattr(find_paragraph(d, "^Căn cứ Chương trình").paragraph_format, "space_before", Pt(0)), "N-BODY-3"),
    ("plan", "Nơi nhận upright", lambda d: restyle(d, "^Nơi nhận:", italic=False), "N-RCV-1"),
    ("plan", "entry without ;", lambda d: retext(d, "^- TT Tỉnh đoàn", ";", ""), "N-RCV-2"),
    ("plan", "Lưu without VT", lambda d: retext(d, "^- Lưu:", "VT, VX", "VP"), "N-RCV-3"),
    ("plan", "position regular", lambda d: restyle(d, "^BÍ THƯ$", bold=False), "N-SIG-1"),
    ("plan", "name regular", lambda d: restyle(d, "^Nguyễn Trọng Nhân$", bold=False), "N-SIG-2"),
    ("plan", "no ./.", lambda d: retext(d, "^Trên đây là", "./.", "."), "N-END-1"),
    ("plan", "trích yếu in capitals", lambda d: retext(d, "^Tổ chức thực hiện mô hình", *(lambda t: (t, t.upper()))(
        find_paragraph(d, "^Tổ chức thực hiện mô hình").text)), "N-TTL-4"),
    ("plan", "căn cứ upright", lambda d: restyle(d, "^Căn cứ Luật Tổ chức", italic=False), "N-BASIS-1"),
    ("plan", "Mục I. regular", lambda d: restyle(d, "^I. MỤC ĐÍCH", bold=False), "N-HEAD-1"),
    ("plan", "label 2/.", lambda d: retext(d, "^2. Các cơ sở Đoàn", "2.", "2/."), "N-HEAD-2"),
    ("plan", "authority and position on one line", _authority_and_position_on_one_line, "N-SIG-3"),
    ("plan", "English language", _english, "N-LANG-1"),
    ("letter", "V/v 3 pt under the number",
     lambda d: setattr(find_paragraph(d, "^V/v ").paragraph_format, "space_before", Pt(3)), "N-CV-3"),
    ("letter", "V/v in italics", lambda d: restyle(d, "^V/v ", italic=True), "N-CV-1"),
    ("letter", "Kính gửi in italics", lambda d: restyle(d, "^Kính gửi:", italic=True), "N-CV-2"),
    ("decision", "QUYẾT ĐỊNH: left-aligned", lambda d: setattr(
        find_paragraph(d, "^QUYẾT ĐỊNH:$").paragraph_format, "alignment", 0), "N-QD-1"),
    ("decision", "no issuing authority", lambda d: remove_paragraph(d, "^BỘ TRƯỞNG BỘ NỘI VỤ$"), "N-QD-2"),
    ("decision", "Điều label regular", lambda d: restyle(d, "^Điều 1\\.", bold=False), "N-QD-3"),
    ("minutes", "THƯ KÝ regular", lambda d: restyle(d, "^THƯ KÝ$", bold=False), "N-BB-1"),
    ("minutes", "secretary's name regular", lambda d: restyle(d, "^Phan Quỳnh Thư$", bold=False), "N-BB-2"),
]
BASES = {"decision": "quyet_dinh_112_bnv.yaml", "minutes": "bien_ban_hop_lop.yaml"}


@pytest.mark.parametrize("base, mutate, rule", [(b, m, r) for b, _, m, r in STATE_MUTATIONS],
                         ids=[n for _, n, _, _ in STATE_MUTATIONS])
def test_each_state_mistake_is_caught_by_exactly_the_rule_that_names_it(
        base, mutate, rule, plan_bytes, letter_bytes):
    source = plan_bytes if base == "plan" else letter_bytes if base == "letter" else \
        vanban.render_bytes(vanban.load(EXAMPLES / BASES[base]))
    assert check(source).findings == []
    report = check(mutated(source, mutate))
    assert report.profile == "nha-nuoc"
    assert {f.rule_id for f in report.findings if f.severity != "not_evaluated"} == {rule}, report.to_text()


STATE_ABSENT_PARTS = [
    ("no number line", {"number": False}, "N-HAS-1"),
    ("no Nơi nhận", {"recipients": [], "archive": None, "drafting_unit": None}, "N-HAS-2"),
    ("no signature", {"signer": None}, "N-HAS-3"),
    ("no date line", {"place": None, "date": None}, "N-HAS-4"),
    ("a name line too long for its column", {"issuer": vanban.Issuer(
        name=["Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu"], code="UBND")}, "N-FIT-1"),
    ("a symbol too long for its column", {"issuer": vanban.Issuer(
        name=["Ủy ban nhân dân", "tỉnh Quảng Ninh"], code="UBNDTQN"), "drafting_unit": "VPHĐNDUB"}, "N-FIT-2"),
    ("a place name too long for its column", {"issuer": vanban.Issuer(name=["Ủy ban nhân dân", "xã An"], code="UBND"),
                                              "place": LONG_PLACE}, "N-FIT-3"),
]


@pytest.mark.parametrize("changes, rule", [(c, r) for _, c, r in STATE_ABSENT_PARTS],
                         ids=[n for n, _, _ in STATE_ABSENT_PARTS])
def test_a_part_a_state_document_leaves_out_is_a_warning_of_exactly_its_rule(plan, changes, rule):
    document = type(plan)(**{**dict(plan), **changes})
    report = check(vanban.render_bytes(document))
    assert [(f.rule_id, f.severity) for f in report.findings if f.severity != "not_evaluated"] == [
        (rule, "warning")], report.to_text()


def test_every_state_rule_has_a_mistake_that_triggers_it():
    assert {r.id for r in RULES if r.profile == "nha-nuoc"} == {r for *_, r in STATE_MUTATIONS + STATE_ABSENT_PARTS}


# --- side by side with the government's own decree ---------------------------------------


def test_letterhead_measures_like_the_decree():
    """Render a document issued by CHÍNH PHỦ and compare its letterhead with 30_2020_ND_CP.docx."""
    if not DECREE.exists():
        _missing_reference()
    decree = open_docx(DECREE)
    flagship = vanban.load(EXAMPLES / "ke_hoach_114.yaml")
    ours = open_docx(vanban.render_bytes(state(
        flagship, issuer=vanban.Issuer(name=["Chính phủ"], code="CP"), number=30, drafting_unit=None,
        place="Hà Nội", date=vanban.IssueDate(2020, 3, 5))))

    def measure(document, pattern):
        shown = look(document, find_paragraph(document, pattern))
        return shown.sizes, shown.bold, shown.italic

    for pattern in ("^CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$", "^Độc lập - Tự do - Hạnh phúc$", "^CHÍNH PHỦ$",
                    "^Hà Nội, ngày 05 tháng 3 năm 2020$"):
        assert measure(ours, pattern) == measure(decree, pattern), pattern
    number_size = look(decree, find_paragraph(decree, "^Số:")).sizes
    assert look(ours, find_paragraph(ours, "^Số:")).sizes == number_size == {13}
    # the same two-column letterhead, each line centred in its column; ours is a little wider on the
    # left (6.2 cm against 5.4 cm) so that two-line issuing bodies fit
    widths = [round(c.width.mm) for c in decree.tables[0].columns]
    ours_widths = [round(c.width.mm) for c in ours.tables[0].columns]
    assert len(widths) == len(ours_widths) == 2
    assert ours_widths[1] >= widths[1] - 2  # room for the Quốc hiệu on one line
    assert vanban.check(DECREE).profile == "nha-nuoc"


# --- measured on the page (LibreOffice, then poppler's word boxes) -------------------------


@pytest.fixture(scope="module")
def words(plan_bytes, tmp_path_factory):
    import os
    import shutil
    import subprocess
    from xml.etree import ElementTree

    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if not (soffice and pdftotext):
        if os.environ.get("CI"):
            pytest.fail("CI must install LibreOffice and poppler-utils")
        pytest.skip("LibreOffice or poppler-utils is not installed")
    folder = tmp_path_factory.mktemp("state")
    (folder / "plan.docx").write_bytes(plan_bytes)
    vanban.to_pdf(folder / "plan.docx")
    xml = subprocess.run([pdftotext, "-f", "1", "-l", "1", "-bbox", str(folder / "plan.pdf"), "-"],
                         check=True, capture_output=True, text=True).stdout
    root = ElementTree.fromstring(xml)
    fragments = [(w.text, float(w.get("xMin")), float(w.get("xMax")), round(float(w.get("yMin"))))
                 for w in root.iter("{http://www.w3.org/1999/xhtml}word")]
    # page 1 as a grey image at 72 dpi: one pixel a point, as pdftotext's coordinates
    subprocess.run([shutil.which("pdftoppm"), "-f", "1", "-l", "1", "-r", "72", "-gray", "-singlefile",
                    str(folder / "plan.pdf"), str(folder / "page")], check=True)
    return join_fragments(fragments), read_pgm(folder / "page.pgm")


def read_pgm(path):
    """A binary PGM (P5) image as (width, height, rows of grey values)."""
    data = path.read_bytes()
    tokens, position = [], 0
    while len(tokens) < 4:
        while data[position:position + 1].isspace():
            position += 1
        end = position
        while not data[end:end + 1].isspace():
            end += 1
        tokens.append(data[position:end])
        position = end
    width, height = int(tokens[1]), int(tokens[2])
    pixels = data[position + 1:]
    return width, height, [pixels[y * width:(y + 1) * width] for y in range(height)]


def join_fragments(fragments):
    """Words as a reader sees them: some poppler versions cut a word at a letter with a
    stacked accent ('C', 'ỘNG'); pieces on one line that touch are one word."""
    words = []
    for text, left, right, row in fragments:
        if words and words[-1][3] == row and -1 < left - words[-1][2] < 0.5:
            previous = words.pop()
            text, left = previous[0] + text, previous[1]
        words.append((text, left, right, row))
    return words


def extent(words, first, last):
    """Left and right edge of the line running from word ``first`` to word ``last``."""
    start = next(w for w in words if w[0] == first)
    end = next(w for w in words if w[0] == last and w[3] == start[3])
    return start[1], end[2], start[3]


def line_below(image, top, left, right):
    """(left, right) of the first drawn horizontal line under height ``top`` whose middle is
    between ``left`` and ``right``: a row with a run of dark pixels longer than 10 points."""
    width, height, rows = image
    for y in range(int(top) + 1, height):
        row, x = rows[y], 0
        while x < width:
            if row[x] < 128:
                start = x
                while x < width and row[x] < 128:
                    x += 1
                if x - start > 10 and left <= (start + x) / 2 <= right:
                    return start, x
            x += 1
    raise AssertionError(f"no line under {top}")


@pytest.mark.libreoffice
def test_quoc_hieu_is_on_one_line_and_the_tieu_ngu_line_is_as_long_as_the_tieu_ngu(words):
    words, image = words
    left, right, row = extent(words, "CỘNG", "NAM")
    assert right > left
    motto_left, motto_right, motto_row = extent(words, "Độc", "phúc")
    line = line_below(image, motto_row + 14, motto_left, motto_right)
    assert abs((line[1] - line[0]) / (motto_right - motto_left) - 1) <= 0.1


@pytest.mark.libreoffice
def test_lines_under_the_issuing_body_and_the_trich_yeu_are_a_third_to_a_half_of_their_text(words):
    words, image = words
    name_left, name_right, name_row = extent(words, "TỈNH", "NINH")
    line = line_below(image, name_row + 13, name_left, name_right)
    assert 1 / 3 - 0.05 <= (line[1] - line[0]) / (name_right - name_left) <= 1 / 2 + 0.05
    title_left, title_right, title_row = extent(words, "Tổ", "2021")
    line = line_below(image, title_row + 14, title_left, title_right)
    assert 1 / 3 - 0.05 <= (line[1] - line[0]) / (title_right - title_left) <= 1 / 2 + 0.05
