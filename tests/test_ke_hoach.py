"""How a Kế hoạch's fields become its numbered outline, marks and blanks."""

import pytest

import vanban
from vanban import InputError

from helpers import EXAMPLES, look, open_docx, paragraphs_in_order, text_lines


@pytest.fixture(scope="module")
def plan():
    return vanban.load(EXAMPLES / "ke_hoach_114.yaml")


def changed(plan, **changes):
    """The plan with ``changes``, validated as a user's input is."""
    return type(plan)(**{**dict(plan), **changes})


def rendered_lines(plan, **changes):
    return text_lines(open_docx(vanban.render_bytes(changed(plan, **changes))))


def test_purposes_and_requirements_split_into_two_numbered_khoan(plan):
    lines = rendered_lines(
        plan, purposes_and_requirements=None, purposes=["Mục đích một"], requirements=["Yêu cầu một"]
    )
    start = lines.index("I. MỤC ĐÍCH, YÊU CẦU")
    assert lines[start:start + 5] == [
        "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "- Mục đích một", "2. Yêu cầu", "- Yêu cầu một"
    ]


def test_requirements_alone_make_a_yeu_cau_section(plan):
    lines = rendered_lines(plan, purposes_and_requirements=None, requirements=["Thiết thực"])
    assert "I. YÊU CẦU" in lines and "- Thiết thực" in lines


def test_purposes_given_both_ways_is_an_error():
    data = vanban.load(EXAMPLES / "ke_hoach_114.yaml").model_dump(by_alias=False)
    data["purposes"] = ["x"]
    with pytest.raises(InputError) as error:
        vanban.parse({**data, "type": "ke-hoach"})
    assert "muc_dich_yeu_cau" in str(error.value)


def test_timeline_and_budget_come_before_the_assignments(plan):
    lines = rendered_lines(
        plan,
        timeline=[vanban.TimelineEntry(time="Tháng 3/2021", task="Khảo sát đối tượng")],
        budget=["Từ nguồn vận động xã hội hóa."],
    )
    order = [l for l in lines if l[:4] in ("I. M", "II. ", "III.", "IV. ", "V. T")]
    assert order == [
        "I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG, GIẢI PHÁP", "III. TIẾN ĐỘ THỰC HIỆN",
        "IV. KINH PHÍ", "V. TỔ CHỨC THỰC HIỆN",
    ]
    assert "- Tháng 3/2021: Khảo sát đối tượng" in lines
    assert "Từ nguồn vận động xã hội hóa." in lines


def test_a_budget_paragraph_typed_with_a_number_is_refused_at_its_own_line(tmp_path):
    text = (EXAMPLES / "ke_hoach_114.yaml").read_text(encoding="utf-8") + "kinh_phi:\n  - 1. Từ nguồn vận động.\n"
    path = tmp_path / "ke-hoach.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        vanban.load(path)
    (problem,) = error.value.problems
    assert problem.location == f"kinh_phi[0], dòng {text.count(chr(10))}, cột 5"
    assert "'1.'" in problem.message


def test_the_sections_a_plan_builds_are_not_validated_again_when_it_is_shown(plan, monkeypatch):
    from vanban.schemas import common

    document = changed(plan, timeline=[vanban.TimelineEntry(time="Tháng 3/2021", task="Khảo sát")],
                       budget=["Từ nguồn vận động xã hội hóa."])
    checked = []
    monkeypatch.setattr(common, "legacy_encoding", lambda text: checked.append(text))
    assert [section.title for section in document.sections()][-3:] == [
        "Tiến độ thực hiện", "Kinh phí", "Tổ chức thực hiện"]
    assert checked == []


def test_assignment_deadline_is_written_after_its_tasks(plan):
    units = plan.assignments.children
    first = units[0].model_copy(update={"deadline": "trước ngày 30/4/2021"})
    lines = rendered_lines(plan, assignments=[first, *units[1:]])
    assert lines[lines.index("2. Các cơ sở Đoàn trực thuộc") - 1] == "Thời hạn hoàn thành: trước ngày 30/4/2021."


def test_default_closing_sentence_names_the_plan(plan):
    lines = rendered_lines(plan, closing=None)
    assert "Trên đây là Kế hoạch tổ chức thực hiện mô hình hỗ trợ thanh, thiếu niên yếu thế năm 2021./." in lines


def test_number_not_yet_issued_leaves_a_blank_to_fill_by_hand(plan):
    lines = rendered_lines(plan, number=None)
    number = next(l for l in lines if l.startswith("Số:"))
    assert number.endswith("-KH/ĐTN") and " ".join(number.split()) == "Số: -KH/ĐTN"


def test_drafting_unit_is_appended_to_the_symbol(plan):
    assert "Số: 114-KH/ĐTN-VP" in rendered_lines(plan, drafting_unit="VP")


def test_draft_and_secrecy_are_framed_urgency_is_not_all_13_bold_under_the_number(plan):
    changed = plan.model_copy(update={"draft": 2, "secrecy": "MẬT", "urgency": "HỎA TỐC"})
    document = open_docx(vanban.render_bytes(changed))
    cell = [p for p in paragraphs_in_order(document) if p.place == "table0[1][0]"]
    assert [p.text for p in cell] == ["Số: 114-KH/ĐTN", "DỰ THẢO LẦN THỨ 2", "MẬT", "HỎA TỐC"]
    framed = ["<w:bdr " in mark.paragraph.style.element.xml for mark in cell[1:]]
    assert framed == [True, True, False]
    for mark in cell[1:]:
        shown = look(document, mark.paragraph)
        assert shown.sizes == {13} and shown.bold == {True}


@pytest.mark.parametrize("given, stored", [("hoả tốc", "HỎA TỐC"), ("khẩn", "KHẨN"), ("mật", "MẬT")])
def test_marks_are_accepted_in_any_case(plan, given, stored):
    field = "secrecy" if stored == "MẬT" else "urgency"
    data = plan.model_dump()
    data[field] = given
    assert getattr(vanban.KeHoach.model_validate(data), field) == stored


def test_signer_without_authority_signs_with_bare_title(plan):
    signer = vanban.Signer(position="Chánh Văn phòng", name="Lê Văn B")
    document = open_docx(vanban.render_bytes(plan.model_copy(update={"signer": signer})))
    located = list(paragraphs_in_order(document))
    title = next(p for p in located if p.text == "CHÁNH VĂN PHÒNG")
    label = next(p for p in located if p.text == "Nơi nhận:")
    assert title.place[:-3] == label.place[:-3]  # level with Nơi nhận, as a position line is
    assert look(document, title.paragraph).bold == {True}  # the bare title is the first line: bold
    assert "TM. BAN THƯỜNG VỤ" not in text_lines(document)


def test_archive_line_is_configurable(plan):
    lines = rendered_lines(plan, archive="TNNT, VT-LT")
    assert lines[lines.index("BÍ THƯ") - 1] == "- Lưu TNNT, VT-LT."


def test_deep_sections_keep_numbering(plan):
    deep = vanban.Section(title="A", children=[vanban.Section(title="B", children=[
        vanban.Section(title="C", children=[vanban.Section(title="D", children=["Đoạn."])])])])
    lines = rendered_lines(plan, content=[deep])
    assert ["II. A", "1. B", "1.1. C", "1.1.1. D", "Đoạn."] == lines[lines.index("II. A"):lines.index("II. A") + 5]
