"""``vanban check``: every document vanban writes passes; each deliberate mistake is caught
by exactly the rule that names it; the government's own decree is read and judged truly.
"""

import io
import json
import re
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

from helpers import EXAMPLES

DECREE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "nd30-2020" / "30_2020_ND_CP.docx"


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


def all_paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for cell in table._cells:
            yield from cell.paragraphs


def paragraph(document, pattern):
    found = [p for p in all_paragraphs(document) if re.search(pattern, p.text)]
    assert found, pattern
    return found[0]


def set_text(p, text):
    for run in p.runs[1:]:
        run._r.getparent().remove(run._r)
    p.runs[0].text = text


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
    assert report.profile == "doan"
    assert report.findings == [], report.to_text()


# --- one mistake, one rule -------------------------------------------------------------


def _margin(d):
    d.sections[0].left_margin = Mm(25)


def _date_14pt(d):
    for run in paragraph(d, ", ngày").runs:
        run.font.size = Pt(14)


def _no_stars(d):
    p = paragraph(d, r"^\*\*\*$")
    p._p.getparent().remove(p._p)


def _month_padded(d):
    set_text(paragraph(d, ", ngày"), "Trà Vinh, ngày 05 tháng 03 năm 2021")


def _number_spaced(d):
    set_text(paragraph(d, "^Số:"), "Số: 114 -KH/ĐTN")


def _entries_without_semicolon(d):
    p = paragraph(d, r"^- TT Tỉnh đoàn")
    set_text(p, p.text.rstrip(";"))


def _italic_label(d):
    for run in paragraph(d, "^Nơi nhận:").runs:
        run.italic = True


def _title_not_bold(d):
    for run in paragraph(d, "^ĐOÀN TNCS HỒ CHÍ MINH$").runs:
        run.bold = False


def _type_name_14(d):
    for run in paragraph(d, "^KẾ HOẠCH$").runs:
        run.font.size = Pt(14)


def _trich_yeu_regular(d):
    for run in paragraph(d, "^Tổ chức thực hiện mô hình").runs:
        run.bold = False


def _no_rule(d):
    p = paragraph(d, r"^-{10,}$")
    p._p.getparent().remove(p._p)


def _body_13(d):
    for run in paragraph(d, "^Căn cứ Chương trình").runs:
        run.font.size = Pt(13)


def _line_15(d):
    paragraph(d, "^Căn cứ Chương trình").paragraph_format.line_spacing = 1.5


def _spacing_12(d):
    paragraph(d, "^Căn cứ Chương trình").paragraph_format.space_after = Pt(12)


def _heading_lower(d):
    set_text(paragraph(d, "^II. NỘI DUNG"), "II. Nội dung, giải pháp")


def _khoan_regular(d):
    for run in paragraph(d, "^2. Giải pháp").runs:
        run.bold = False


def _diem_upright(d):
    for run in paragraph(d, r"^1\.1\. ").runs:
        run.italic = False


def _skip_number(d):
    set_text(paragraph(d, "^III. TỔ CHỨC"), "IV. TỔ CHỨC THỰC HIỆN")


def _authority_regular(d):
    for run in paragraph(d, "^TM. BAN THƯỜNG VỤ$").runs:
        run.bold = False


def _position_bold(d):
    for run in paragraph(d, "^BÍ THƯ$").runs:
        run.bold = True


def _name_regular(d):
    for run in paragraph(d, "^Nguyễn Trọng Nhân$").runs:
        run.bold = False


def _no_archive(d):
    set_text(paragraph(d, "^- Lưu VP.$"), "- Văn phòng.")


def _no_end_mark(d):
    p = paragraph(d, "^Trên đây là Kế hoạch")
    set_text(p, p.text.replace("./.", "."))


def _number_on_page_one(d):
    d.sections[0].different_first_page_header_footer = False


def _arial(d):
    paragraph(d, "^Căn cứ Chương trình").runs[0].font.name = "Arial"


def _parent_bold(d):
    for run in paragraph(d, "^TỈNH ĐOÀN TRÀ VINH$").runs:
        run.bold = True


def _issuer_regular(d):
    for run in paragraph(d, "^VÀ DOANH NGHIỆP$").runs:
        run.bold = False


def _subject_bold(d):
    for run in paragraph(d, "^V/v ").runs:
        run.bold = True


def _addressee_regular(d):
    for run in paragraph(d, "^Kính gửi:").runs:
        run.bold = False


MUTATIONS = [
    ("wrong margin", _margin, "U-PAGE-1"),
    ("page number on page 1", _number_on_page_one, "U-PAGE-2"),
    ("Arial", _arial, "U-FONT-1"),
    ("title not bold", _title_not_bold, "U-HDR-1"),
    ("parent body bold", _parent_bold, "U-HDR-2"),
    ("issuing body regular", _issuer_regular, "U-HDR-2"),
    ("missing ***", _no_stars, "U-HDR-3"),
    ("Số: 114 -KH/ĐTN", _number_spaced, "U-HDR-4"),
    ("14 pt date", _date_14pt, "U-HDR-5"),
    ("tháng 03", _month_padded, "U-HDR-5"),
    ("type name 14 pt", _type_name_14, "U-TTL-1"),
    ("trích yếu regular", _trich_yeu_regular, "U-TTL-2"),
    ("no dashed rule", _no_rule, "U-TTL-3"),
    ("body 13 pt", _body_13, "U-BODY-1"),
    ("line spacing 1.5", _line_15, "U-BODY-2"),
    ("12 pt after a paragraph", _spacing_12, "U-BODY-3"),
    ("Mục title in lower case", _heading_lower, "U-HEAD-1"),
    ("khoản number regular", _khoan_regular, "U-HEAD-2"),
    ("1.1. upright", _diem_upright, "U-HEAD-3"),
    ("III. becomes IV.", _skip_number, "U-HEAD-4"),
    ("TM. line regular", _authority_regular, "U-SIG-1"),
    ("position bold", _position_bold, "U-SIG-2"),
    ("name regular", _name_regular, "U-SIG-3"),
    ("italic Nơi nhận", _italic_label, "U-RCV-1"),
    ("entry without ;", _entries_without_semicolon, "U-RCV-2"),
    ("no Lưu line", _no_archive, "U-RCV-3"),
    ("no ./.", _no_end_mark, "U-END-1"),
]
LETTER_MUTATIONS = [
    ("V/v in bold", _subject_bold, "U-CV-1"),
    ("Kính gửi regular", _addressee_regular, "U-CV-2"),
]


@pytest.mark.parametrize("mutate, rule", [(m, r) for _, m, r in MUTATIONS], ids=[n for n, _, _ in MUTATIONS])
def test_each_mistake_is_caught_by_exactly_the_rule_that_names_it(flagship, mutate, rule):
    document = docx.Document(io.BytesIO(flagship))
    mutate(document)
    buffer = io.BytesIO()
    document.save(buffer)
    rules, report = caught(buffer.getvalue())
    assert rules == {rule}, report.to_text()


@pytest.mark.parametrize("mutate, rule", [(m, r) for _, m, r in LETTER_MUTATIONS],
                         ids=[n for n, _, _ in LETTER_MUTATIONS])
def test_each_mistake_in_a_cong_van_is_caught_by_exactly_its_rule(letter, mutate, rule):
    document = docx.Document(io.BytesIO(letter))
    mutate(document)
    buffer = io.BytesIO()
    document.save(buffer)
    rules, report = caught(buffer.getvalue())
    assert rules == {rule}, report.to_text()


def test_every_doan_rule_has_a_mistake_that_triggers_it():
    tested = {rule for _, _, rule in MUTATIONS + LETTER_MUTATIONS}
    assert {r.id for r in RULES if r.profile == "doan"} == tested


def test_spaced_number_is_a_warning_and_padded_month_an_error(flagship):
    for mutate, severity in ((_number_spaced, "warning"), (_month_padded, "error")):
        document = docx.Document(io.BytesIO(flagship))
        mutate(document)
        buffer = io.BytesIO()
        document.save(buffer)
        (finding,) = check(buffer.getvalue()).findings
        assert finding.severity == severity


def test_a_finding_says_where_what_was_expected_and_what_was_found(flagship):
    document = docx.Document(io.BytesIO(flagship))
    _date_14pt(document)
    buffer = io.BytesIO()
    document.save(buffer)
    (finding,) = check(buffer.getvalue()).findings
    assert finding.paragraph and "Trà Vinh, ngày 05" in finding.excerpt
    assert "cỡ 13" in finding.expected and "cỡ 14" in finding.found
    assert finding.source.startswith("29-HD") and "nghiêng" in finding.rule
    text = str(finding)
    assert text.startswith("[LỖI] U-HDR-5") and "đoạn" in text


def test_a_part_that_cannot_be_found_is_reported_not_evaluated(flagship):
    document = docx.Document(io.BytesIO(flagship))
    label = paragraph(document, "^Nơi nhận:")
    set_text(label, "Gửi:")
    buffer = io.BytesIO()
    document.save(buffer)
    report = check(buffer.getvalue())
    missing = {f.rule_id for f in report.findings if f.severity == "not_evaluated"}
    assert {"U-RCV-1", "U-RCV-2", "U-RCV-3", "U-SIG-1", "U-SIG-3"} <= missing


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
        pytest.skip("shared/reference is not next to the project")
    return check(DECREE)


def test_the_decree_is_read_as_a_state_document(decree):
    assert decree.profile == "nha-nuoc"
    assert not [f for f in decree.findings if f.severity == "not_evaluated"], decree.to_text()


def test_the_decree_findings_are_true_when_you_open_the_file(decree):
    """What vanban check finds in 30_2020_ND_CP.docx, and why each is true.

    - N-HDR-6: the number is 'Số: 30/2020/NĐ-CP'. A Nghị định is a legal normative
      document, numbered with the year by the Law on legal documents; NĐ 30's
      'Số: 08/KH-UBND' form is for administrative documents, so it does not match.
    - N-FONT-1: one heading (Chương V's title, 'LẬP HỒ SƠ VÀ NỘP LƯU ...') names the font
      'Times New Roman Bold', a legacy font name, in its runs.
    - N-BODY-3: 'Điều 28. Lập Danh mục hồ sơ' has no space before or after it, where
      NĐ 30 asks at least 6 pt between paragraphs (the other paragraphs have 9-12 pt).
    Everything else (margins 25/20/35/20 mm, Quốc hiệu 12 bold, Tiêu ngữ 13 bold with its
    rule, 'Nơi nhận:' 12 bold italic, '- Lưu: VT, HC (2).', TM. CHÍNH PHỦ / THỦ TƯỚNG,
    no number on page 1) conforms.
    """
    by_rule = {f.rule_id: f for f in decree.findings}
    assert set(by_rule) == {"N-HDR-6", "N-FONT-1", "N-BODY-3"}, decree.to_text()
    assert "30/2020/NĐ-CP" in by_rule["N-HDR-6"].found
    assert "Times New Roman Bold" in by_rule["N-FONT-1"].found
    assert by_rule["N-FONT-1"].excerpt.startswith("LẬP HỒ SƠ VÀ NỘP LƯU")
    assert by_rule["N-BODY-3"].excerpt.startswith("Điều 28. Lập Danh mục hồ sơ")
    assert by_rule["N-BODY-3"].found == "0 pt"


def test_the_decree_checked_as_a_union_document_misses_the_union_letterhead():
    if not DECREE.exists():
        pytest.skip("shared/reference is not next to the project")
    report = check(DECREE, profile="doan")
    assert "U-PAGE-1" in {f.rule_id for f in report.findings}  # 25/20/35/20 mm, not 20/20/30/20
    assert "U-HDR-1" in {f.rule_id for f in report.findings if f.severity == "not_evaluated"}


# --- the command ---------------------------------------------------------------------------


def test_check_command_prints_vietnamese_text_and_exits_1_on_errors(flagship, tmp_path):
    document = docx.Document(io.BytesIO(flagship))
    _date_14pt(document)
    bad = tmp_path / "sai.docx"
    document.save(bad)
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
