"""``vanban check``: every document vanban writes passes; each deliberate mistake is caught
by exactly the rule that names it; the government's own decree is read and judged truly.
"""

import io
import json
import re
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

import vanban
from vanban import check
from vanban.cli import main
from vanban.rules import RULES

from helpers import EXAMPLES, LONG_PLACE, find_paragraph, mutated, remove_paragraph, restyle, retext

DECREE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "nd30-2020" / "30_2020_ND_CP.docx"


def _missing_reference():
    import os

    if os.environ.get("CI"):  # CI runs with shared/ beside the clone: a missing decree is a failure
        pytest.fail(f"the government's decree file is missing: {DECREE}")
    pytest.skip("shared/reference is not next to the project")


@pytest.fixture(scope="module")
def flagship():
    return vanban.render_bytes(vanban.load(EXAMPLES / "ke_hoach_114.yaml"))


def sample(kind, **changes):
    import yaml

    data = yaml.safe_load(vanban.get_document_type(kind).starter_yaml())
    return vanban.render_bytes(vanban.parse(data).model_copy(update=changes))


@pytest.fixture(scope="module")
def letter():
    return sample("cong-van")


def caught(data: bytes):
    report = check(data)
    return {f.rule_id for f in report.findings if f.severity != "not_evaluated"}, report


# --- every document vanban writes -----------------------------------------------------


def _every_document():
    for path in sorted(EXAMPLES.glob("*.yaml")):
        yield path.stem, vanban.load(path)
    import yaml

    for name, model in vanban.document_types().items():
        yield f"sample-{name}", vanban.parse(yaml.safe_load(model.starter_yaml()))


@pytest.mark.parametrize("name, document", list(_every_document()), ids=lambda v: v if isinstance(v, str) else "")
def test_every_document_vanban_renders_passes_with_nothing_left_unchecked(name, document):
    report = check(vanban.render_bytes(document))
    assert report.profile == document.profile_name
    assert report.findings == [], report.to_text()


# --- one mistake, one rule -------------------------------------------------------------


def _margin(d):
    d.sections[0].left_margin = Mm(25)


def _number_on_page_one(d):
    d.sections[0].different_first_page_header_footer = False


def _english(document):
    for run in find_paragraph(document, "^Căn cứ Chương trình").runs:
        run._r.get_or_add_rPr().append(OxmlElement("w:lang"))
        run._r.rPr[-1].set(qn("w:val"), "en-US")


def _authority_and_position_on_one_line(document):
    retext(document, "^TM. BAN THƯỜNG VỤ$", "BAN THƯỜNG VỤ", "BAN THƯỜNG VỤ BÍ THƯ")
    remove_paragraph(document, "^BÍ THƯ$")


MUTATIONS = [
    ("wrong margin", _margin, "U-PAGE-1"),
    ("trích yếu in capitals", lambda d: retext(d, "^Tổ chức thực hiện mô hình", *(lambda t: (t, t.upper()))(
        find_paragraph(d, "^Tổ chức thực hiện mô hình").text)), "U-TTL-4"),
    ("a. point", lambda d: retext(d, "^- Nhằm thắt chặt", "- Nhằm", "a. Nhằm"), "U-HEAD-5"),
    ("label 2/.", lambda d: retext(d, "^2. Các cơ sở Đoàn", "2.", "2/."), "U-HEAD-6"),
    ("KT. and position on one line", _authority_and_position_on_one_line, "U-SIG-4"),
    ("English language", _english, "U-LANG-1"),
    ("page number on page 1", _number_on_page_one, "U-PAGE-2"),
    ("Arial", lambda d: restyle(d, "^Căn cứ Chương trình", font="Arial"), "U-FONT-1"),
    ("title not bold", lambda d: restyle(d, "^ĐOÀN TNCS HỒ CHÍ MINH$", bold=False), "U-HDR-1"),
    ("Quốc hiệu in place of the Union title", lambda d: retext(
        d, "^ĐOÀN TNCS HỒ CHÍ MINH$", "ĐOÀN TNCS HỒ CHÍ MINH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "U-HDR-6"),
    ("parent body bold", lambda d: restyle(d, "^TỈNH ĐOÀN TRÀ VINH$", bold=True), "U-HDR-2"),
    ("issuing body regular", lambda d: restyle(d, "^VÀ DOANH NGHIỆP$", bold=False), "U-HDR-2"),
    ("missing ***", lambda d: remove_paragraph(d, r"^\*\*\*$"), "U-HDR-3"),
    ("Số: 114 -KH/ĐTN", lambda d: retext(d, "^Số:", "114-", "114 -"), "U-HDR-4"),
    ("14 pt date", lambda d: restyle(d, ", ngày", size=14), "U-HDR-5"),
    ("tháng 03", lambda d: retext(d, ", ngày", "tháng 3", "tháng 03"), "U-HDR-5"),
    ("type name 14 pt", lambda d: restyle(d, "^KẾ HOẠCH$", size=14), "U-TTL-1"),
    ("trích yếu regular", lambda d: restyle(d, "^Tổ chức thực hiện mô hình", bold=False), "U-TTL-2"),
    ("no dashed rule", lambda d: remove_paragraph(d, r"^-{10,}$"), "U-TTL-3"),
    ("body 13 pt", lambda d: restyle(d, "^Căn cứ Chương trình", size=13), "U-BODY-1"),
    ("line spacing 1.5", lambda d: setattr(
        find_paragraph(d, "^Căn cứ Chương trình").paragraph_format, "line_spacing", 1.5), "U-BODY-2"),
    ("12 pt after a paragraph", lambda d: setattr(
        find_paragraph(d, "^Căn cứ Chương trình").paragraph_format, "space_after", Pt(12)), "U-BODY-3"),
    ("Mục title in lower case",
     lambda d: retext(d, "^II. NỘI DUNG", "NỘI DUNG, GIẢI PHÁP", "Nội dung, giải pháp"), "U-HEAD-1"),
    ("khoản number regular", lambda d: restyle(d, "^2. Giải pháp", bold=False), "U-HEAD-2"),
    ("1.1. upright", lambda d: restyle(d, r"^1\.1\. ", italic=False), "U-HEAD-3"),
    ("III. becomes IV.", lambda d: retext(d, "^III. TỔ CHỨC", "III.", "IV."), "U-HEAD-4"),
    ("TM. line regular", lambda d: restyle(d, "^TM. BAN THƯỜNG VỤ$", bold=False), "U-SIG-1"),
    ("position bold", lambda d: restyle(d, "^BÍ THƯ$", bold=True), "U-SIG-2"),
    ("name regular", lambda d: restyle(d, "^Nguyễn Trọng Nhân$", bold=False), "U-SIG-3"),
    ("italic Nơi nhận", lambda d: restyle(d, "^Nơi nhận:", italic=True), "U-RCV-1"),
    ("entry without ;", lambda d: retext(d, r"^- TT Tỉnh đoàn", ";", ""), "U-RCV-2"),
    ("no Lưu line", lambda d: retext(d, "^- Lưu VP.$", "Lưu VP", "Văn phòng"), "U-RCV-3"),
    ("no ./.", lambda d: retext(d, "^Trên đây là Kế hoạch", "./.", "."), "U-END-1"),
]
LETTER_MUTATIONS = [
    ("V/v in bold", lambda d: restyle(d, "^V/v ", bold=True), "U-CV-1"),
    ("Kính gửi regular", lambda d: restyle(d, "^Kính gửi:", bold=False), "U-CV-2"),
]


DECISION_MUTATIONS = [
    ("Điều label regular", lambda d: restyle(d, "^Điều 1\\.", bold=False), "U-QD-3"),
    ("QUYẾT ĐỊNH: line left-aligned", lambda d: setattr(
        find_paragraph(d, "^QUYẾT ĐỊNH:$").paragraph_format, "alignment", 0), "U-QD-1"),
    ("authority line regular", lambda d: restyle(d, "^BAN THƯỜNG VỤ HUYỆN ĐOÀN", bold=False), "U-QD-2"),
]
MINUTES_MUTATIONS = [
    ("THƯ KÝ regular", lambda d: restyle(d, "^THƯ KÝ$", bold=False), "U-BB-1"),
    ("secretary's name regular", lambda d: restyle(d, "^Trần Thị B$", bold=False), "U-BB-2"),
]


@pytest.mark.parametrize("mutate, rule", [(m, r) for _, m, r in MINUTES_MUTATIONS],
                         ids=[n for n, _, _ in MINUTES_MUTATIONS])
def test_each_mistake_in_a_bien_ban_is_caught_by_exactly_its_rule(mutate, rule):
    rules, report = caught(mutated(sample("bien-ban"), mutate))
    assert rules == {rule}, report.to_text()


def test_a_bien_ban_without_nơi_nhận_or_number_is_complete():
    report = check(sample("bien-ban"))
    assert report.findings == [], report.to_text()


def test_a_bien_ban_with_one_signature_misses_the_secretary():
    data = mutated(sample("bien-ban"), lambda d: (remove_paragraph(d, "^THƯ KÝ$"),
                                                  remove_paragraph(d, "^Trần Thị B$")))
    rules, report = caught(data)
    assert rules == {"U-BB-1"}, report.to_text()


@pytest.fixture(scope="module")
def decision():
    return sample("quyet-dinh")


@pytest.mark.parametrize("mutate, rule", [(m, r) for _, m, r in DECISION_MUTATIONS],
                         ids=[n for n, _, _ in DECISION_MUTATIONS])
def test_each_mistake_in_a_quyet_dinh_is_caught_by_exactly_its_rule(decision, mutate, rule):
    rules, report = caught(mutated(decision, mutate))
    assert rules == {rule}, report.to_text()


def test_a_quyet_dinh_without_its_quyet_dinh_line_is_told_so():
    rules, report = caught(mutated(sample("quyet-dinh"), lambda d: remove_paragraph(d, "^QUYẾT ĐỊNH:$")))
    assert "U-QD-1" in rules, report.to_text()


def test_the_state_decision_needs_its_issuing_authority_above_the_bases():
    data = vanban.render_bytes(vanban.load(EXAMPLES / "quyet_dinh_112_bnv.yaml"))
    assert caught(data)[0] == set()
    rules, report = caught(mutated(data, lambda d: remove_paragraph(d, "^BỘ TRƯỞNG BỘ NỘI VỤ$")))
    assert rules == {"N-QD-2"}, report.to_text()
    assert [f.severity for f in report.findings if f.rule_id == "N-QD-2"] == ["error"]


def test_article_lines_are_not_read_as_numbered_headings():
    report = check(sample("quyet-dinh"))
    assert not [f for f in report.findings if f.rule_id.startswith("U-HEAD")], report.to_text()


@pytest.mark.parametrize("mutate, rule", [(m, r) for _, m, r in MUTATIONS], ids=[n for n, _, _ in MUTATIONS])
def test_each_mistake_is_caught_by_exactly_the_rule_that_names_it(flagship, mutate, rule):
    rules, report = caught(mutated(flagship, mutate))
    assert rules == {rule}, report.to_text()


@pytest.mark.parametrize("mutate, rule", [(m, r) for _, m, r in LETTER_MUTATIONS],
                         ids=[n for n, _, _ in LETTER_MUTATIONS])
def test_each_mistake_in_a_cong_van_is_caught_by_exactly_its_rule(letter, mutate, rule):
    rules, report = caught(mutated(letter, mutate))
    assert rules == {rule}, report.to_text()


def flagship_data(**changes) -> dict:
    import yaml

    data = yaml.safe_load((EXAMPLES / "ke_hoach_114.yaml").read_text(encoding="utf-8"))
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# What 29-HD asks every document to have, left out as real documents leave it out: the
# schema accepts it, the checker warns (and nothing else).
ABSENT_PARTS = [
    ("no number line (a chi đoàn report)", {"so": "khong", "co_quan_ban_hanh": {
        "cap_tren": "Tỉnh đoàn Trà Vinh", "ten": ["BCH Đoàn Khối các cơ quan", "và Doanh nghiệp"]}}, "U-HAS-1"),
    ("no Nơi nhận", {"noi_nhan": [], "luu": None}, "U-HAS-2"),
    ("no signature (a copy cut before it)", {"nguoi_ky": None}, "U-HAS-3"),
    ("no date line (a copy that lost it)", {"dia_danh": None, "ngay": None}, "U-HAS-4"),
    ("a name line too long for its column", {"co_quan_ban_hanh": {
        "cap_tren": "Tỉnh đoàn Trà Vinh", "ten": "BCH Liên chi đoàn khoa Quan hệ quốc tế và Truyền thông",
        "ky_hieu": "LCĐ"}}, "U-FIT-1"),
    ("a symbol too long for its column", {"co_quan_ban_hanh": {
        "cap_tren": "Tỉnh đoàn Trà Vinh", "ten": "BCH Đoàn xã Mỹ Long Nam", "ky_hieu": "ĐTNMLNCN"},
        "don_vi_soan_thao": "BTGVPTHCM"}, "U-FIT-2"),
    ("a place name too long for its column", {"dia_danh": LONG_PLACE, "co_quan_ban_hanh": {
        "cap_tren": "Đoàn xã An", "ten": "Chi đoàn 1", "ky_hieu": "CĐ"}}, "U-FIT-3"),
]


@pytest.mark.parametrize("changes, rule", [(c, r) for _, c, r in ABSENT_PARTS], ids=[n for n, _, _ in ABSENT_PARTS])
def test_a_part_the_document_leaves_out_is_a_warning_of_exactly_its_rule(changes, rule):
    report = check(vanban.render_bytes(vanban.parse(flagship_data(**changes))))
    assert [(f.rule_id, f.severity) for f in report.findings if f.severity != "not_evaluated"] == [
        (rule, "warning")], report.to_text()


def _state_plan_without_number() -> bytes:
    data = flagship_data(the_thuc="nha-nuoc", so="khong", co_quan_ban_hanh={
        "cap_tren": "UBND tỉnh Trà Vinh", "ten": "Sở Nội vụ", "ky_hieu": "SNV"})
    return vanban.render_bytes(vanban.parse(data))


def test_a_state_document_without_a_number_line_has_its_agency_read_beside_the_quoc_hieu():
    """No number line and a drawn (not typed) mark under the name: the letterhead is found
    from the Quốc hiệu's row, and the agency's rules are checked, not left unchecked."""
    report = check(_state_plan_without_number())
    unchecked = {f.rule_id for f in report.findings if f.severity == "not_evaluated"}
    assert unchecked == {"N-HDR-6"}, report.to_text()  # the number line's own rule only
    assert report.errors == [], report.to_text()
    plain_name = mutated(_state_plan_without_number(), lambda d: restyle(d, "^SỞ NỘI VỤ$", bold=False))
    assert [f.rule_id for f in check(plain_name).errors] == ["N-HDR-4"]


def test_a_lone_star_typed_in_the_body_is_not_the_mark_under_the_names():
    """A document without a number line finds its names above the '***'; a '*' the user typed
    as a body line under the title is not that mark (fuzz: a state Biên bản whose opening was
    '\\*' had its type name and title read as the agency's name)."""
    data = flagship_data(the_thuc="nha-nuoc", so="khong", mo_dau=["\\*"], co_quan_ban_hanh={
        "cap_tren": "UBND tỉnh Trà Vinh", "ten": "Sở Nội vụ", "ky_hieu": "SNV"})
    report = check(vanban.render_bytes(vanban.parse(data)))
    assert report.errors == [], report.to_text()


@pytest.mark.parametrize("profile", ["doan", "nha-nuoc"])
def test_a_letter_with_neither_number_nor_date_line_is_read_as_a_letter(profile):
    """Its V/v is found in the letterhead table by the Quốc hiệu or the Union's title."""
    import yaml

    data = yaml.safe_load(vanban.get_document_type("cong-van").starter_yaml())
    data.update(the_thuc=profile, so="khong", don_vi_soan_thao="VP")
    if profile == "nha-nuoc":  # a Union issuer under the Quốc hiệu is itself a finding (U-HDR-6)
        data["co_quan_ban_hanh"] = {"cap_tren": "UBND tỉnh Trà Vinh", "ten": "Sở Nội vụ", "ky_hieu": "SNV"}
    data.pop("dia_danh"), data.pop("ngay")
    report = check(vanban.render_bytes(vanban.parse(data)))
    assert report.errors == [], report.to_text()
    prefix = {"doan": "U", "nha-nuoc": "N"}[profile]
    assert {f"{prefix}-HAS-1", f"{prefix}-HAS-4"} <= {f.rule_id for f in report.findings if f.severity == "warning"}


@pytest.mark.parametrize("title", ["Kết quả thực hiện Nº 5", "2020 – 2025"])
def test_a_part_title_with_a_letter_that_has_no_capital_or_no_letter_is_read_as_the_part_title(title):
    """"º" is a lower-case letter with no capital: the title is as upper-cased as it gets."""
    content = [{"phan": title, "noi_dung": [{"tieu_de": "Tình hình"}]}]
    data = {key: value for key, value in flagship_data().items() if key in (
        "loai", "co_quan_ban_hanh", "so", "dia_danh", "ngay", "trich_yeu", "noi_nhan", "luu", "nguoi_ky")}
    report = check(vanban.render_bytes(vanban.parse({**data, "danh_so_phan": "phan-thu", "noi_dung": content})))
    assert report.errors == [], report.to_text()


def test_khoan_numbered_afresh_in_each_lettered_part_are_not_read_as_a_list():
    """A., B. with top sections 1., 2. (no Roman level): part B's "1." is its first khoản."""
    part = [{"tieu_de": "Tình hình", "noi_dung": [{"tieu_de": "Thuận lợi", "noi_dung": ["Đoạn văn."]}]}]
    data = {key: value for key, value in flagship_data().items() if key in (
        "loai", "co_quan_ban_hanh", "so", "dia_danh", "ngay", "trich_yeu", "noi_nhan", "luu", "nguoi_ky")}
    data.update(danh_so_phan="chu-cai", danh_so_muc="so", noi_dung=[
        {"phan": "Kết quả", "noi_dung": part}, {"phan": "Phương hướng", "noi_dung": part}])
    report = check(vanban.render_bytes(vanban.parse(data)))
    assert report.errors == [], report.to_text()


def test_a_table_ending_an_unsigned_document_is_not_read_as_its_signature():
    # a copy cut inside its timeline table: the table's last column is no signer
    data = {
        "loai": "huong-dan", "co_quan_ban_hanh": {"ten": ["BCH Đoàn trường", "Đại học Dược Hà Nội"]},
        "so": "khong", "trich_yeu": "Sinh hoạt chi đoàn", "ket_thuc": "khong",
        "noi_dung": [{"tieu_de": "Nội dung", "noi_dung": [
            {"cot": ["TT", "Thời gian", "Nội dung định hướng"],
             "dong": [["1", "T9/2020", "– Tổ chức các hoạt động"], ["2", "T10/2020", "– Triển khai"]]}]}],
    }
    report = check(vanban.render_bytes(vanban.parse(data)))
    assert report.errors == [], report.to_text()
    signature = [f for f in report.findings if f.rule_id.startswith("U-SIG-")]
    assert signature and {f.severity for f in signature} == {"not_evaluated"}, report.to_text()


def test_every_doan_rule_has_a_mistake_that_triggers_it():
    tested = {rule for _, _, rule in MUTATIONS + LETTER_MUTATIONS + ABSENT_PARTS + DECISION_MUTATIONS
              + MINUTES_MUTATIONS}
    assert {r.id for r in RULES if r.profile == "doan"} == tested


def test_spaced_number_is_a_warning_and_padded_month_an_error(flagship):
    mistakes = {name: mutate for name, mutate, _ in MUTATIONS}
    for name, severity in (("Số: 114 -KH/ĐTN", "warning"), ("tháng 03", "error")):
        (finding,) = check(mutated(flagship, mistakes[name])).findings
        assert finding.severity == severity


def test_a_no_break_hyphen_is_read_as_the_hyphen_the_page_shows(flagship):
    """Word's no-break hyphen (Ctrl+Shift+-, <w:noBreakHyphen/>) in "Số: 114-KH/ĐTN" is a hyphen."""
    def no_break_hyphen(document):
        run = find_paragraph(document, "^Số:").runs[0]
        text = run.text
        assert "-" in text
        run.text = text.split("-", 1)[0]
        run._r.append(OxmlElement("w:noBreakHyphen"))
        tail = OxmlElement("w:t")
        tail.text = text.split("-", 1)[1]
        run._r.append(tail)

    edited = mutated(flagship, no_break_hyphen)
    assert "<w:noBreakHyphen/>" in zipfile.ZipFile(io.BytesIO(edited)).read("word/document.xml").decode()
    assert check(edited).findings == []


def test_a_finding_says_where_what_was_expected_and_what_was_found(flagship):
    (finding,) = check(mutated(flagship, lambda d: restyle(d, ", ngày", size=14))).findings
    assert finding.paragraph and "Trà Vinh, ngày 05" in finding.excerpt
    assert "cỡ 13" in finding.expected and "cỡ 14" in finding.found
    assert finding.source.startswith("29-HD") and "nghiêng" in finding.rule
    text = str(finding)
    assert text.startswith("[LỖI] U-HDR-5") and "đoạn" in text


def test_a_part_that_cannot_be_found_is_reported_not_evaluated(flagship):
    report = check(mutated(flagship, lambda d: retext(d, "^Nơi nhận:", "Nơi nhận:", "Gửi:")))
    missing = {f.rule_id for f in report.findings if f.severity == "not_evaluated"}
    assert {"U-RCV-1", "U-RCV-2", "U-RCV-3"} <= missing
    # the signature is still found, beside what is no longer a Nơi nhận
    assert {"U-SIG-1", "U-SIG-3"}.isdisjoint(missing)
    assert "U-HAS-2" in {f.rule_id for f in report.findings if f.severity == "warning"}


def test_the_letterhead_is_found_in_plain_paragraphs_and_text_boxes_too(flagship):
    """A letterhead typed as plain paragraphs, without a table, is still read."""
    document = docx.Document(io.BytesIO(flagship))
    header = document.tables[0]._tbl
    body = header.getparent()
    for cell in (document.tables[0].cell(0, 0), document.tables[0].cell(1, 0),
                 document.tables[0].cell(0, 1), document.tables[0].cell(1, 1)):
        for p in cell.paragraphs:
            header.addprevious(p._p)
    body.remove(header)
    buffer = io.BytesIO()
    document.save(buffer)
    report = check(buffer.getvalue())
    assert report.profile == "doan"
    assert not [f for f in report.findings if f.severity == "not_evaluated"], report.to_text()


def test_the_letterhead_is_found_in_text_boxes(flagship):
    """Offices often draw the letterhead as two text boxes; their paragraphs are read too."""
    from lxml import etree

    document = docx.Document(io.BytesIO(flagship))
    header = document.tables[0]
    anchor = document.add_paragraph()._p
    header._tbl.addprevious(anchor)
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml"'
    for column in (0, 1):
        run = etree.fromstring(f'<w:r {ns}><w:pict><v:shape><v:textbox><w:txbxContent/></v:textbox></v:shape></w:pict></w:r>')
        content = run.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}txbxContent")
        for row in (0, 1):
            for p in header.cell(row, column).paragraphs:
                content.append(p._p)
        anchor.append(run)
    header._tbl.getparent().remove(header._tbl)
    buffer = io.BytesIO()
    document.save(buffer)
    report = check(buffer.getvalue())
    assert report.profile == "doan"
    assert not [f for f in report.findings if f.severity == "not_evaluated"], report.to_text()
    assert report.errors == []


# --- real-world input: the government's own decree ---------------------------------------


@pytest.fixture(scope="module")
def decree():
    if not DECREE.exists():
        _missing_reference()
    return check(DECREE)


def test_the_decree_is_read_as_a_state_document(decree):
    assert decree.profile == "nha-nuoc"
    assert not [f for f in decree.findings if f.severity == "not_evaluated"], decree.to_text()


def test_the_decree_findings_are_true_when_you_open_the_file(decree):
    """What vanban check finds in 30_2020_ND_CP.docx, and why each is true.

    - N-LANG-1 (a warning): the text is marked en-US, so Word checks its spelling as English.
    - N-BODY-3: 'Điều 28. Lập Danh mục hồ sơ' has no space before or after it, where
      NĐ 30 asks at least 6 pt between paragraphs (the other paragraphs have 9-12 pt).
    Not findings: the number 'Số: 30/2020/NĐ-CP' carries its year, as a legal normative
    document's number does by the Law on legal documents; Chương V's title names the font
    'Times New Roman Bold', which is Times New Roman in bold. Everything else (margins
    25/20/35/20 mm, Quốc hiệu 12 bold, Tiêu ngữ 13 bold with its rule, 'Nơi nhận:' 12 bold
    italic, '- Lưu: VT, HC (2).', TM. CHÍNH PHỦ / THỦ TƯỚNG, no number on page 1) conforms.
    """
    by_rule = {f.rule_id: f for f in decree.findings}
    assert set(by_rule) == {"N-BODY-3", "N-LANG-1"}, decree.to_text()
    assert by_rule["N-LANG-1"].found == "en-US"
    assert by_rule["N-BODY-3"].excerpt.startswith("Điều 28. Lập Danh mục hồ sơ")
    assert by_rule["N-BODY-3"].found == "0 pt"


def test_the_decree_checked_as_a_union_document_misses_the_union_letterhead():
    if not DECREE.exists():
        _missing_reference()
    report = check(DECREE, profile="doan")
    assert "U-PAGE-1" in {f.rule_id for f in report.findings}  # 25/20/35/20 mm, not 20/20/30/20
    assert "U-HDR-1" in {f.rule_id for f in report.findings if f.severity == "not_evaluated"}


# --- the command ---------------------------------------------------------------------------


def test_check_command_prints_vietnamese_text_and_exits_1_on_errors(flagship, tmp_path):
    bad = tmp_path / "sai.docx"
    bad.write_bytes(mutated(flagship, lambda d: restyle(d, ", ngày", size=14)))
    result = CliRunner().invoke(main, ["check", str(bad)])
    assert result.exit_code == 1
    assert "[LỖI] U-HDR-5" in result.output and "1 lỗi" in result.output


def test_check_command_json_and_clean_exit(flagship, tmp_path):
    good = tmp_path / "dung.docx"
    good.write_bytes(flagship)
    result = CliRunner().invoke(main, ["check", str(good), "--format", "json", "--profile", "doan"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["profile"] == "doan" and data["findings"] == [] and data["summary"]["error"] == 0


def test_check_command_on_a_file_that_is_not_a_docx(tmp_path):
    bad = tmp_path / "khong-phai.docx"
    bad.write_text("xin chào")
    result = CliRunner().invoke(main, ["check", str(bad)])
    assert result.exit_code == 1 and "không phải tệp .docx" in result.output


def test_render_refuses_to_write_a_document_that_breaks_a_must_rule(tmp_path):
    """An office template that sets the date line upright: vanban render stops, writes nothing."""
    frame = vanban.default_renderer().template_bytes("doan/van-ban.docx")
    template = docx.Document(io.BytesIO(frame))
    template.styles["VB Date"].font.italic = False
    (tmp_path / "mau" / "doan").mkdir(parents=True)
    template.save(tmp_path / "mau" / "doan" / "van-ban.docx")
    out = tmp_path / "kh.docx"
    result = CliRunner().invoke(main, ["render", str(EXAMPLES / "ke_hoach_114.yaml"), "-o", str(out),
                                       "--templates", str(tmp_path / "mau")])
    assert result.exit_code == 1
    assert "sai thể thức" in result.output and "U-HDR-5" in result.output
    assert not out.exists()


def test_each_table_of_a_document_is_read_under_its_own_number():
    from vanban._docx_read import DocxView, w

    view = DocxView(vanban.render_bytes(vanban.load(EXAMPLES / "bao_cao_yeu_the_2019.yaml")))
    top_tables = [t for t in view.document.iter(w("tbl")) if not any(a.tag == w("tbl") for a in t.iterancestors())]
    numbers_by_table = {}
    for para in view.paragraphs:
        if para.table is not None:
            table = next(a for a in reversed(list(para.element.iterancestors())) if a.tag == w("tbl"))
            numbers_by_table.setdefault(top_tables.index(table), set()).add(para.table)
    assert len(top_tables) >= 3  # letterhead, results, closing block
    assert all(len(numbers) == 1 for numbers in numbers_by_table.values())
    assert len({n for numbers in numbers_by_table.values() for n in numbers}) == len(top_tables)


# --- the checker's shape ---------------------------------------------------------------------


def test_only_the_reader_walks_the_xml():
    """Locating the parts, the check kinds, their words, the report and the runner, and the
    importer and fix that read documents back, work on the reader's paragraphs and looks:
    none of them touches an XML element."""
    package = Path(vanban.__file__).parent
    walking = re.compile(r"\.(iter|iterancestors|iterchildren|getparent|getnext|find|findall|xpath)\(|\bw\(\"|lxml")
    for name in ("_check.py", "_check_parts.py", "_check_kinds.py", "_check_words.py", "_check_report.py",
                 "_import.py", "_fix.py"):
        source = (package / name).read_text(encoding="utf-8")
        assert not walking.search(source), f"{name}: {walking.search(source).group(0)}"


def test_memoised_looks_give_the_same_report_as_looks_computed_one_by_one(monkeypatch):
    """The reader shares one look between paragraphs of one signature and keeps each
    properties element's children in a table: the reports are the same as without, on every
    example, and on the flagship with a dozen mistakes (so that the reports have findings)."""
    import vanban._docx_read as reader

    documents = [vanban.render_bytes(vanban.load(path)) for path in sorted(EXAMPLES.glob("*.yaml"))]

    def mistakes(document):
        for _, mutate, _ in MUTATIONS[2:14]:
            mutate(document)

    documents.append(mutated(documents[[p.stem for p in sorted(EXAMPLES.glob("*.yaml"))].index("ke_hoach_114")],
                             mistakes))
    assert len(check(documents[-1]).findings) >= 10
    for data in documents:
        memoised = check(data).to_json()
        monkeypatch.setattr(reader, "MEMOISE", False)
        one_by_one = check(data).to_json()
        monkeypatch.setattr(reader, "MEMOISE", True)
        assert memoised == one_by_one


def test_a_paragraph_whose_properties_do_not_come_first_is_read_with_its_style():
    """The reader looks for a paragraph's w:pPr and w:pStyle at their first child, where the
    schema puts them; one written after a bookmark (as some writers do) is found all the same."""
    from vanban._docx_read import DocxView

    document = docx.Document()
    heading = document.add_paragraph("Mục tiêu", style="Heading 1")
    after_bookmark = document.add_paragraph("Mục tiêu", style="Heading 1")
    after_bookmark._p.insert(0, OxmlElement("w:bookmarkStart", {qn("w:id"): "0", qn("w:name"): "muc"}))
    plain = document.add_paragraph("Mục tiêu")
    view = DocxView.of(document)
    assert after_bookmark._p[0].tag == qn("w:bookmarkStart")
    assert view.look(after_bookmark._p) == view.look(heading._p) != view.look(plain._p)
    assert view._signature(after_bookmark._p) == view._signature(heading._p)


def test_a_view_over_a_python_docx_document_reads_a_run_changed_after_it_was_made():
    """A view over a document its caller holds (``DocxView.of``) keeps no copy of the runs it
    read for the paragraphs' text: a paragraph's look follows the document as it is when asked."""
    from vanban._docx_read import DocxView

    document = docx.Document()
    first, second = document.add_paragraph("Mục tiêu"), document.add_paragraph("Mục tiêu")
    view = DocxView.of(document)
    assert view.look(first._p).bold == {False}
    second.runs[0].bold = True
    assert view.look(second._p).bold == {True}


def test_every_rule_the_checker_can_report_is_documented_and_nothing_else():
    """docs/checker-rules.md has one row per rule ID of vanban/rules.py (the only place the
    checker takes a rule ID from), with the rule's severity; no row for an ID the code lacks."""
    rows = re.findall(r"^\| ([UN]-[A-Z]+-\d+) \| (\w+) \|", (Path(__file__).resolve().parents[1] / "docs" /
                      "checker-rules.md").read_text(encoding="utf-8"), re.MULTILINE)
    documented = dict(rows)
    assert len(documented) == len(rows), "an ID has two rows"
    defined = {rule.id: rule.severity for rule in RULES}
    assert len(defined) == len(RULES), "two rules share an ID"
    assert sorted(set(defined) - set(documented)) == [], "rules the code defines and the doc does not list"
    assert sorted(set(documented) - set(defined)) == [], "rows of the doc for IDs the code does not define"
    assert {i: s for i, s in documented.items() if defined[i] != s} == {}, "severities that differ"


def test_a_margin_just_outside_its_figure_is_shown_with_the_digits_that_differ(flagship):
    from docx.shared import Twips

    data = mutated(flagship, lambda d: setattr(d.sections[0], "left_margin", Twips(1699)))  # 29,97 mm
    report = check(data)
    assert "29,97 mm" in report.to_text() and "lề trái 30 mm" in report.to_text(), report.to_text()


@pytest.mark.parametrize("inside", [
    '<w:r><w:t>Kế </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>hoạch</w:t><w:tab/><w:br/></w:r>',
    '<w:pPr><w:pStyle w:val="A"/></w:pPr><w:bookmarkStart w:id="0" w:name="x"/><w:r><w:t>a</w:t></w:r>'
    '<w:proofErr w:type="spellStart"/><w:r><w:rPr><w:i/></w:rPr><w:rPr><w:b/></w:rPr><w:t>b</w:t></w:r>'
    '<w:bookmarkEnd w:id="0"/>',
    '<w:r><w:t>a</w:t></w:r><w:hyperlink r:id="rId1"><w:r><w:t>liên kết</w:t></w:r></w:hyperlink>',
    '<w:r><w:t>a</w:t></w:r><w:del w:id="1"><w:r><w:delText>bỏ</w:delText><w:t>bỏ</w:t></w:r></w:del>',
    '<w:r><w:t>a</w:t></w:r><w:ins w:id="2"><w:r><w:t>thêm</w:t></w:r></w:ins><!-- ghi chú --><w:r><w:t>c</w:t></w:r>',
    '<w:r><w:t>neo</w:t><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>'
    '<w:p><w:r><w:t>trong hộp</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>'
    '</wp:anchor></w:drawing><w:t> sau</w:t></w:r>',
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>1</w:t>'
    '<w:noBreakHyphen/><w:softHyphen/><w:cr/></w:r>',
    '<w:sdt><w:sdtContent><w:r><w:t>trong điều khiển</w:t></w:r></w:sdtContent></w:sdt>',
])
def test_a_paragraph_is_read_alike_whether_its_runs_are_its_children_or_stand_deeper(inside):
    """A paragraph whose runs are its own children, holding nothing that may hold runs, is read
    child by child; any other is searched for its runs wherever they stand: both give the same
    text and the same runs, each with its first properties element."""
    from lxml import etree

    from vanban._docx_read import _read_runs, _runs_anywhere, paragraph_text

    namespaces = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
                  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
                  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')
    paragraph = etree.fromstring(f"<w:p {namespaces}>{inside}</w:p>")
    text, runs = _read_runs(paragraph)
    assert (text, runs) == _runs_anywhere(paragraph)
    assert text == paragraph_text(paragraph)
