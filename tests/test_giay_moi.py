"""Giấy mời: who invites whom to what, who chairs, when (with its weekday), where, what to bring;
one per delegate from a list."""

import pytest
import yaml
from click.testing import CliRunner

import vanban
from vanban.cli import main
from vanban.errors import InputError

from helpers import find_paragraph, open_docx, reading_lines, rendered_lines

STARTER = vanban.get_document_type("giay-moi").starter_yaml()


def invitation(**changes) -> dict:
    data = yaml.safe_load(STARTER)
    data.update(changes)
    return data


lines = rendered_lines


def test_the_invitation_reads_in_the_order_of_the_form_and_ends_with_the_end_mark():
    text = lines(invitation())
    start = text.index("---------------") + 1
    assert text[start:start + 8] == [
        "Ban Thường vụ Huyện đoàn Cầu Ngang trân trọng kính mời: Đồng chí Nguyễn Văn A, Bí thư Đoàn xã Mỹ "
        "Long Nam",
        "Tới dự Hội nghị sơ kết công tác Đoàn và phong trào thanh thiếu nhi 9 tháng đầu năm 2023.",
        "Chủ trì: Đồng chí Lê Văn C, Bí thư Huyện đoàn.",
        "Thời gian: 07 giờ 30 phút, thứ Sáu, ngày 15/9/2023 đến 11 giờ 00 phút cùng ngày.",
        "Địa điểm: Hội trường Huyện đoàn Cầu Ngang.",
        "Đề nghị mang theo:",
        "- Báo cáo kết quả công tác Đoàn 9 tháng đầu năm 2023 của đơn vị (02 bản).",
        "Đề nghị đồng chí đến dự đúng giờ. Thông tin liên hệ: Văn phòng Huyện đoàn, điện thoại "
        "0294.3825.123./.",
    ]


def test_the_invitee_is_bold_and_the_sentence_is_not():
    document = open_docx(vanban.render_bytes(vanban.parse(invitation())))
    paragraph = find_paragraph(document, "trân trọng kính mời")
    assert [run.text for run in paragraph.runs if run.bold] == ["Đồng chí Nguyễn Văn A, Bí thư Đoàn xã Mỹ Long Nam"]


@pytest.mark.parametrize("day, weekday", [
    ("2023-09-17", "Chủ nhật"), ("2023-09-18", "thứ Hai"), ("2024-02-29", "thứ Năm"),
])
def test_the_weekday_is_computed_from_the_date(day, weekday):
    text = lines(invitation(thoi_gian={"gio": "14h", "ngay": day}, den=None))
    year, month, date = day.split("-")
    month = month if int(month) <= 2 else str(int(month))
    assert f"Thời gian: 14 giờ 00 phút, {weekday}, ngày {date}/{month}/{year}." in text


def test_a_list_of_those_invited_stands_under_the_sentence():
    text = lines(invitation(kinh_moi=["Thường trực Huyện ủy;", "Các cơ sở Đoàn trực thuộc."]))
    at = text.index("Ban Thường vụ Huyện đoàn Cầu Ngang trân trọng kính mời:")
    assert text[at + 1:at + 3] == ["- Thường trực Huyện ủy;", "- Các cơ sở Đoàn trực thuộc."]


def test_a_closing_sentence_is_refused_as_the_last_line_ends_the_invitation():
    with pytest.raises(InputError) as caught:
        vanban.parse(invitation(ket_thuc="Trân trọng"))
    assert "ket_thuc" in str(caught.value) and "luu_y" in str(caught.value)


def test_an_invitee_ending_in_a_backslash_is_refused_as_the_bold_would_break():
    # "**Đồng chí A\\**": the backslash would make the closing asterisk a literal one (fuzz seed 2)
    with pytest.raises(InputError) as caught:
        vanban.parse(invitation(kinh_moi="Đồng chí Nguyễn Văn A\\"))
    assert "kinh_moi" in str(caught.value) and "'\\'" in str(caught.value)
    assert vanban.parse(invitation(kinh_moi=["Đồng chí Nguyễn Văn A\\"]))  # a bullet is not set in bold


def test_one_invitation_per_delegate_from_a_list_named_from_its_rows(tmp_path):
    base = tmp_path / "giay-moi.yaml"
    base.write_text(STARTER, encoding="utf-8")
    rows = tmp_path / "dai-bieu.csv"
    rows.write_text(
        "kinh_moi,ten_tep\n"
        "\"Đồng chí Trần Thị B, Bí thư Đoàn xã Hiệp Mỹ Đông\",giay-moi-tran-thi-b\n"
        "\"Đồng chí Lê Văn D, Bí thư Đoàn thị trấn Cầu Ngang\",giay-moi-le-van-d\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["batch", str(rows), "--base", str(base), "-o", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["giay-moi-le-van-d.docx", "giay-moi-tran-thi-b.docx"]
    text = reading_lines(open_docx(tmp_path / "out" / "giay-moi-le-van-d.docx"))
    assert ("Ban Thường vụ Huyện đoàn Cầu Ngang trân trọng kính mời: Đồng chí Lê Văn D, Bí thư Đoàn thị trấn "
            "Cầu Ngang") in text
