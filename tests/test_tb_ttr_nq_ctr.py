"""Thông báo, Tờ trình, Nghị quyết, Chương trình: the parts each form has, punctuated by vanban."""

import pytest

import vanban

from helpers import mutated, open_docx, reading_lines, refusal, rendered_lines, restyle, starter_data


sample = starter_data


def render(data: dict) -> bytes:
    return vanban.render_bytes(vanban.parse(data))


def lines(data: dict) -> list[str]:
    return reading_lines(open_docx(render(data)))


# --- Thông báo ---------------------------------------------------------------------------


def test_a_notice_ends_with_its_last_paragraph_unless_a_closing_is_written():
    text = lines(sample("thong-bao"))
    ended = [line for line in text if line.endswith("./.")]
    assert ended == ["- Báo cáo kết quả 6 tháng đầu năm về Văn phòng Huyện đoàn trước ngày 10/7/2023./."]
    assert not any(line.startswith("Trên đây là") for line in text)
    closed = lines(sample("thong-bao", ket_thuc="Ban Thường vụ Huyện đoàn thông báo để các cơ sở biết, thực hiện"))
    assert [line for line in closed if line.endswith("./.")] == [
        "Ban Thường vụ Huyện đoàn thông báo để các cơ sở biết, thực hiện./."]


def test_a_bold_khoan_after_a_lead_in_ending_with_a_colon_is_read_as_a_khoan_not_a_list():
    report = vanban.check(render(sample("thong-bao", danh_so_muc="so")))
    assert report.findings == [], report.to_text()


# --- Tờ trình ----------------------------------------------------------------------------


def test_a_submission_goes_to_its_addressee_and_nơi_nhận_opens_with_như_trên():
    text = lines(sample("to-trinh"))
    assert "Kính gửi: Ban Thường vụ Tỉnh đoàn Trà Vinh" in text
    assert text[text.index("Nơi nhận:") + 1] == "- Như trên;"
    assert ("Ban Thường vụ Huyện đoàn Cầu Ngang kính trình Ban Thường vụ Tỉnh đoàn xem xét, quyết định./."
            in text)


def test_a_submission_without_an_addressee_is_refused():
    assert "kinh_gui" in refusal(sample("to-trinh", kinh_gui=[]))


# --- Nghị quyết --------------------------------------------------------------------------


def test_a_resolution_resolves_with_quyet_nghi_and_its_articles():
    text = lines(sample("nghi-quyet"))
    at = text.index("QUYẾT NGHỊ:")
    assert text[at - 1].startswith("Căn cứ kết quả Hội nghị") and text[at + 1].startswith("Điều 1. Thông qua")
    assert ("Điều 3. Ban Thường vụ Huyện đoàn, các ủy viên Ban Chấp hành và các cơ sở Đoàn trực thuộc chịu "
            "trách nhiệm thi hành Nghị quyết này./.") in text
    assert text[text.index("Nơi nhận:") + 1] == "- Như Điều 3;"


def test_a_congress_resolution_may_resolve_numbered_points_instead_of_articles():
    data = sample("nghi-quyet", danh_so_muc="so", thi_hanh=None,
                  noi_dung=[{"doan_so": "Thông qua Báo cáo tổng kết nhiệm kỳ."},
                            {"doan_so": "Giao Ban Chấp hành khóa mới tổ chức thực hiện Nghị quyết."}])
    del data["dieu"]
    text = lines(data)
    at = text.index("QUYẾT NGHỊ:")
    assert text[at + 1:at + 3] == ["1. Thông qua Báo cáo tổng kết nhiệm kỳ.",
                                   "2. Giao Ban Chấp hành khóa mới tổ chức thực hiện Nghị quyết./."]


@pytest.mark.parametrize("change, words", [
    ({"noi_dung": ["Thông qua báo cáo."]}, "không dùng cả hai"),
    ({"dieu": []}, "cần nội dung"),
])
def test_a_resolution_is_written_one_way_and_not_empty(change, words):
    assert words in refusal(sample("nghi-quyet", **change))


def test_the_checker_reads_quyet_nghi_as_the_operative_line():
    data = render(sample("nghi-quyet"))
    assert vanban.check(data).findings == []
    report = vanban.check(mutated(data, lambda d: restyle(d, "^QUYẾT NGHỊ:$", bold=False)))
    assert {f.rule_id for f in report.findings} == {"U-QD-1"}, report.to_text()


# --- Chương trình ------------------------------------------------------------------------


def test_the_timetable_is_a_table_thoi_gian_noi_dung_nguoi_thuc_hien_with_day_rows():
    text = lines(sample("chuong-trinh"))
    at = text.index("Thời gian | Nội dung | Người thực hiện")
    assert text[at + 1] == "Sáng Chủ nhật, ngày 26/3/2023"
    assert text[at + 2] == "07:00 - 07:30 | Đón tiếp đại biểu | Văn phòng Huyện đoàn"


def test_without_anyone_named_the_timetable_has_two_columns_and_the_end_mark_follows_it():
    data = sample("chuong-trinh", lich=[{"thoi_gian": "8 giờ", "noi_dung": "Khai mạc"},
                                         {"noi_dung": "Phát biểu chào mừng"}])
    del data["sau_bang"]
    text = lines(data)
    at = text.index("Thời gian | Nội dung")
    assert text[at + 1:at + 4] == ["8 giờ | Khai mạc", " | Phát biểu chào mừng", "./."]
    assert vanban.check(render(data)).findings == []


# --- vanban import ------------------------------------------------------------------------


@pytest.mark.parametrize("example, model", [("thong_bao_khen_thuong_hutech", "ThongBao"),
                                            ("to_trinh_khen_thuong_quang_nam", "ToTrinh")])
def test_import_reads_a_notice_and_a_submission_back_into_their_type_word_for_word(example, model, tmp_path):
    from vanban._import import import_document

    from helpers import EXAMPLES

    data = vanban.render_bytes(vanban.load(EXAMPLES / f"{example}.yaml"))
    path = tmp_path / f"{example}.docx"
    path.write_bytes(data)
    result = import_document(path, name=str(path))
    assert type(result.document).__name__ == model and result.unplaced == []
    assert reading_lines(open_docx(vanban.render_bytes(result.document))) == reading_lines(open_docx(data))


def test_a_resolution_in_points_names_its_execution_article_by_its_own_number_in_noi_nhan():
    # its points (noi_dung) are not Điều: the execution article is Điều 1, and Nơi nhận says so
    data = starter_data("nghi-quyet")
    data.pop("dieu")
    data["noi_dung"] = ["Thông qua báo cáo.", {"tieu_de": "Nhiệm vụ", "noi_dung": ["Tổ chức Tháng Thanh niên."]}]
    lines = rendered_lines(data)
    assert any(line.startswith("Điều 1. Ban Thường vụ Huyện đoàn") for line in lines)
    assert "- Như Điều 1;" in lines
