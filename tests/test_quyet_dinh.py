"""Quyết định: the authority line, căn cứ, QUYẾT ĐỊNH:, Điều 1 ..., who carries it out, Nơi nhận."""

import pytest

import vanban

from helpers import find_paragraph, look, open_docx, reading_lines, refusal, rendered_lines, starter_data


def decision(**changes) -> dict:
    return starter_data('quyet-dinh', **changes)


lines = rendered_lines


def test_the_authority_stands_above_the_bases_and_quyet_dinh_below_them():
    text = lines(decision())
    authority = text.index("BAN THƯỜNG VỤ HUYỆN ĐOÀN CẦU NGANG")
    assert text[authority + 1].startswith("Căn cứ Điều lệ Đoàn")
    assert text[authority + 3] == "Xét đề nghị của Văn phòng Huyện đoàn,"
    assert text[authority + 4] == "QUYẾT ĐỊNH:"
    assert text[authority + 5].startswith("Điều 1. Thành lập Ban Tổ chức")


def test_the_articles_are_numbered_in_turn_with_the_effect_and_the_execution_last():
    text = lines(decision())
    articles = [line for line in text if line.startswith("Điều ")]
    assert [line.split(".")[0] for line in articles] == ["Điều 1", "Điều 2", "Điều 3", "Điều 4"]
    assert articles[2] == "Điều 3. Quyết định có hiệu lực kể từ ngày ký."
    assert articles[3] == ("Điều 4. Văn phòng Huyện đoàn, các cơ sở Đoàn trực thuộc và các đồng chí có tên "
                           "tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.")


def test_nơi_nhận_opens_with_như_điều_of_the_execution_article():
    text = lines(decision(hieu_luc=None))
    assert text[text.index("Nơi nhận:") + 1] == "- Như Điều 3;"


def test_without_an_execution_article_the_last_article_closes_the_document():
    text = lines(decision(hieu_luc=None, thi_hanh=None))
    ended = [line for line in text if line.endswith("./.")]
    assert ended == ["Điều 2. Ban Tổ chức có nhiệm vụ xây dựng kế hoạch, phân công thành viên tổ chức Hội "
                     "trại; Ban Tổ chức tự giải thể sau khi hoàn thành nhiệm vụ./."]
    assert not any(line.startswith("Trên đây là") for line in text)
    assert text[text.index("Nơi nhận:") + 1] == "- Thường trực Huyện ủy (để b/c);"


@pytest.mark.parametrize("profile, bold_words", [("doan", ["Điều 1. "]), ("nha-nuoc", ["Điều 1. "])])
def test_the_article_label_is_bold_and_its_words_are_not(profile, bold_words):
    data = decision(the_thuc=profile)
    if profile == "nha-nuoc":
        data["co_quan_ban_hanh"]["ky_hieu"] = "UBND"
    document = open_docx(vanban.render_bytes(vanban.parse(data)))
    paragraph = find_paragraph(document, "^Điều 1\\.")
    assert [run.text for run in paragraph.runs if run.bold] == bold_words
    operative = find_paragraph(document, "^QUYẾT ĐỊNH:$")
    seen = look(document, operative)
    assert seen.bold == {True} and seen.align == "center"


def test_khoan_inside_an_article_restart_at_1_and_state_diem_are_lettered():
    data = decision(the_thuc="nha-nuoc", dieu=[
        {"dieu": "Ban Tổ chức có nhiệm vụ:", "noi_dung": [
            {"tieu_de": "Xây dựng kế hoạch", "noi_dung": [{"tieu_de": "Chương trình"}, {"tieu_de": "Kinh phí"}]},
            {"tieu_de": "Tổ chức Hội trại"}]},
        {"dieu": "Tổ Thư ký giúp việc gồm:", "noi_dung": [{"tieu_de": "Văn phòng"}]},
    ])
    data["co_quan_ban_hanh"]["ky_hieu"] = "UBND"
    text = lines(data)
    start = text.index("QUYẾT ĐỊNH:")
    assert text[start + 1:start + 8] == [
        "Điều 1. Ban Tổ chức có nhiệm vụ:", "1. Xây dựng kế hoạch", "a) Chương trình", "b) Kinh phí",
        "2. Tổ chức Hội trại", "Điều 2. Tổ Thư ký giúp việc gồm:", "1. Văn phòng",
    ]


def test_an_annex_is_attached_to_the_quyet_dinh_by_its_number():
    data = decision(phu_luc=[{"tieu_de": "Danh sách thành viên", "noi_dung": [
        {"cot": ["Họ và tên", "Nhiệm vụ"], "stt": True, "dong": [["Nguyễn Văn A", "Trưởng ban"]]}]}])
    text = lines(data)
    assert "(Kèm theo Quyết định số 12-QĐ/ĐTN ngày 02/3/2023 của Ban Thường vụ Huyện đoàn Cầu Ngang)" in text


def test_a_closing_sentence_is_refused_as_a_decision_has_none():
    message = refusal(decision(ket_thuc="Trên đây là Quyết định"))
    assert "ket_thuc" in message and "điều cuối" in message


def test_a_typed_article_number_is_refused_with_what_to_remove():
    message = refusal(decision(dieu=[{"dieu": "Điều 1. Thành lập Ban Tổ chức."}]))
    assert "dieu" in message and "'Điều 1.'" in message


@pytest.mark.parametrize("execution", [
    "Văn phòng Huyện đoàn chịu trách nhiệm thi hành Quyết định này",
    "Văn phòng Huyện đoàn.",
])
def test_an_execution_written_as_a_sentence_is_refused_so_it_never_comes_out_twice(execution):
    message = refusal(decision(thi_hanh=execution))
    assert "thi_hanh" in message and "chịu trách nhiệm thi hành" in message


def test_the_authority_line_is_required():
    data = decision()
    del data["tham_quyen_ban_hanh"]
    assert "tham_quyen_ban_hanh" in refusal(data)


def test_a_numbered_list_under_an_article_needs_the_article_to_lead_into_it():
    data = decision(dieu=[{"dieu": "Thành lập Ban Tổ chức Hội trại", "noi_dung": [
        {"danh_sach_so": ["Đồng chí Nguyễn Văn A, Trưởng ban."]}]}])
    assert "danh_sach_so" in refusal(data) and "':'" in refusal(data)


ADMISSION = """
loai: quyet-dinh
co_quan_ban_hanh: {cap_tren: Huyện đoàn Cầu Ngang, ten: BCH Đoàn xã Mỹ Long Nam, ky_hieu: ĐTN}
dia_danh: Mỹ Long Nam
ngay: 2023-03-26
trich_yeu: Về việc kết nạp đoàn viên
tham_quyen_ban_hanh: Ban Chấp hành Đoàn xã Mỹ Long Nam
can_cu: [Căn cứ Điều lệ Đoàn TNCS Hồ Chí Minh, Xét đề nghị của Chi đoàn ấp Mỹ Thập]
dieu:
  - dieu: Kết nạp vào Đoàn TNCS Hồ Chí Minh.
  - dieu: Đoàn viên mới được sinh hoạt tại chi đoàn ấp Mỹ Thập.
thi_hanh: Chi đoàn ấp Mỹ Thập và đoàn viên có tên tại Điều 1
luu: VP
nguoi_ky: {tham_quyen: TM., thay_mat: Ban Chấp hành Đoàn xã, chuc_vu: Bí thư, ho_ten: Lê Văn C}
"""


def test_one_decision_per_admitted_member_from_a_spreadsheet(tmp_path):
    from click.testing import CliRunner

    from vanban.cli import main

    base = tmp_path / "ket-nap.yaml"
    base.write_text(ADMISSION, encoding="utf-8")
    rows = tmp_path / "doan-vien-moi.csv"
    rows.write_text("so,dieu.1.dieu,ten_tep\n"
                    "31,Kết nạp đồng chí Phạm Văn D vào Đoàn TNCS Hồ Chí Minh.,qd-pham-van-d\n"
                    "32,Kết nạp đồng chí Võ Thị E vào Đoàn TNCS Hồ Chí Minh.,qd-vo-thi-e\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(rows), "--base", str(base), "-o", str(tmp_path / "out"),
                                       "-j", "1"])
    assert result.exit_code == 0, result.output
    text = reading_lines(open_docx(tmp_path / "out" / "qd-vo-thi-e.docx"))
    assert "Số: 32-QĐ/ĐTN" in text
    assert "Điều 1. Kết nạp đồng chí Võ Thị E vào Đoàn TNCS Hồ Chí Minh." in text
    assert "Điều 2. Đoàn viên mới được sinh hoạt tại chi đoàn ấp Mỹ Thập." in text


def test_a_column_naming_an_article_the_base_does_not_have_is_refused_with_the_count(tmp_path):
    from click.testing import CliRunner

    from vanban.cli import main

    base = tmp_path / "ket-nap.yaml"
    base.write_text(ADMISSION, encoding="utf-8")
    rows = tmp_path / "sai.csv"
    rows.write_text("so,dieu.5.dieu\n31,Kết nạp.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(rows), "--base", str(base), "-o", str(tmp_path / "out"),
                                       "-j", "1"])
    assert result.exit_code != 0
    assert "'dieu.5.dieu'" in result.output and "từ 1 đến 2" in result.output
