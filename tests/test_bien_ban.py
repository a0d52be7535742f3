"""Biên bản: time and place, attendance counted, chủ tọa and thư ký, votes with computed shares,
the end time, two signatures side by side; no Nơi nhận in the Union, one under THƯ KÝ where NĐ 30
Mẫu 1.9 has it."""

import pytest

import vanban

from helpers import mutated, open_docx, paragraphs_in_order, refusal, rendered_lines, restyle, starter_data


def minutes(**changes) -> dict:
    return starter_data('bien-ban', **changes)


lines = rendered_lines


def test_time_place_and_attendance_are_written_with_the_absent_and_the_share_computed():
    text = lines(minutes())
    assert "Thời gian bắt đầu: 14 giờ 00 phút, ngày 12 tháng 9 năm 2023." in text
    assert "Địa điểm: Hội trường ấp Mỹ Thập." in text
    assert ("Thành phần tham dự: Tổng số đoàn viên: 25 đồng chí; có mặt: 23 đồng chí (đạt 92%); vắng mặt: "
            "2 đồng chí (có lý do: 2, không lý do: 0).") in text
    assert "Chủ tọa: Nguyễn Văn A, Bí thư Chi đoàn." in text
    assert "Thư ký: Trần Thị B, đoàn viên." in text


def test_vote_shares_are_computed_from_the_counts_with_a_decimal_comma():
    text = lines(minutes())
    assert ("- Thông qua Nghị quyết Đại hội: tán thành 22/23 (95,65%); không tán thành 1/23 (4,35%); "
            "không biểu quyết 0/23 (0%).") in text
    assert any(line.startswith("- Thông qua báo cáo tổng kết") and "23/23 (100%)" in line for line in text)


def test_a_vote_may_count_its_own_electorate():
    data = minutes(bieu_quyet=[{"noi_dung": "Bầu Bí thư", "tan_thanh": 2, "khong_tan_thanh": 1, "tong_so": 3}])
    assert "- Bầu Bí thư: tán thành 2/3 (66,67%); không tán thành 1/3 (33,33%); không biểu quyết 0/3 (0%)." \
        in lines(data)


def test_the_end_is_said_on_the_same_day_or_with_its_own_date():
    assert ("Biên bản kết thúc lúc 16 giờ 30 phút cùng ngày. Biên bản đã được đọc lại trước Đại hội và được "
            "Đại hội nhất trí thông qua./.") in lines(minutes())
    later = lines(minutes(ket_thuc_luc={"gio": "8h", "ngay": "13/9/2023"}, ket_thuc=None))
    assert "Biên bản kết thúc lúc 08 giờ 00 phút ngày 13 tháng 9 năm 2023./." in later


def test_two_signatures_stand_side_by_side_thu_ky_left_chu_toa_right_and_no_nơi_nhận():
    document = open_docx(vanban.render_bytes(vanban.parse(minutes())))
    located = list(paragraphs_in_order(document))
    secretary = next(p for p in located if p.text == "THƯ KÝ")
    chair = next(p for p in located if p.text == "CHỦ TỌA")
    table = secretary.place.split("[")[0]
    assert chair.place.startswith(table)
    assert secretary.place.endswith("[0]") and chair.place.endswith("[1]")
    assert not any(p.text.startswith("Nơi nhận") for p in located)


@pytest.mark.parametrize("profile", ["doan", "nha-nuoc"])
def test_a_signer_is_refused_as_the_chair_and_secretary_sign(profile):
    message = refusal(minutes(the_thuc=profile, nguoi_ky={"chuc_vu": "Bí thư", "ho_ten": "Nguyễn Văn A"}))
    assert "thu_ky" in message and "chu_toa" in message and "'nguoi_ky'" in message


@pytest.mark.parametrize("field, value", [("noi_nhan", ["Đoàn xã"]), ("luu", "VP")])
def test_a_union_biên_bản_refuses_a_nơi_nhận_as_its_form_has_none(field, value):
    message = refusal(minutes(**{field: value}))
    assert "thể thức Đoàn không có Nơi nhận" in message and "'noi_nhan'" in message and "'luu'" in message


# --- NĐ 30 PL III Mẫu 1.9: a state body's Biên bản has a Nơi nhận under the two signatures --------

STATE_BODY = {"cap_tren": "Ủy ban nhân dân", "ten": ["Sở Nội vụ", "tỉnh Quảng Ninh"], "ky_hieu": "SNV"}


def state_minutes(**changes) -> dict:
    return minutes(the_thuc="nha-nuoc", co_quan_ban_hanh=STATE_BODY, so=5, dia_danh=None, ngay=None,
                   noi_nhan=["Giám đốc Sở (để b/c)"], luu="Hồ sơ", **changes)


def test_a_state_biên_bản_has_its_nơi_nhận_under_the_secretary_as_mẫu_1_9_shows():
    data = vanban.render_bytes(vanban.parse(state_minutes()))
    located = [p for p in paragraphs_in_order(open_docx(data)) if p.text.strip()]
    texts = [p.text for p in located]
    secretary = texts.index("THƯ KÝ")
    assert texts[secretary:secretary + 5] == [
        "THƯ KÝ", "Trần Thị B", "Nơi nhận:", "- Giám đốc Sở (để\u00a0b/c);", "- Lưu: VT, Hồ sơ."]
    left = {p.place for p in located[secretary:secretary + 5]}
    assert len(left) == 1 and left.pop().endswith("[0]")  # one cell, the left one
    chair = texts.index("CHỦ TỌA")
    assert located[chair].place.endswith("[1]") and texts[chair + 1] == "Nguyễn Văn A"
    report = vanban.check(data)
    assert report.errors == [], report.to_text()


def test_the_checker_finds_the_secretary_above_a_state_nơi_nhận():
    data = vanban.render_bytes(vanban.parse(state_minutes()))
    report = vanban.check(mutated(data, lambda d: restyle(d, "^THƯ KÝ$", bold=False)))
    assert [(finding.rule_id, finding.excerpt) for finding in report.errors] == [("N-BB-1", "THƯ KÝ")], \
        report.to_text()


@pytest.mark.parametrize("changes, words", [
    ({"so_luong": {"doi_tuong": "đoàn viên", "tong_so": 20, "co_mat": 23}}, "lớn hơn tổng số"),
    ({"bieu_quyet": [{"noi_dung": "Thông qua", "tan_thanh": 20, "khong_tan_thanh": 5}]}, "25 phiếu"),
    ({"ket_thuc_luc": {"gio": "13:00"}}, "sau giờ bắt đầu"),
    ({"bat_dau": {"gio": "25:00", "ngay": "2023-09-12"}}, "25:00"),
    ({"so_luong": None}, "co_mat"),
])
def test_counts_and_times_that_cannot_be_are_refused_with_a_reason(changes, words):
    assert words in refusal(minutes(**changes))
