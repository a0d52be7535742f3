"""Structures real documents have: parts above the Mục, numbered paragraphs and lists,
tables, annexes, documents without a number, căn cứ ending as written, underlining.

Each is rendered, reopened with python-docx and checked with ``vanban check``."""

from __future__ import annotations

import copy

import pytest
import yaml
from docx.oxml.ns import qn

import vanban
from vanban import InputError, check

from helpers import EXAMPLES, look, open_docx, paragraphs_in_order, text_lines

BASE = yaml.safe_load((EXAMPLES / "ke_hoach_114.yaml").read_text(encoding="utf-8"))


def plan(**changes) -> dict:
    data = copy.deepcopy(BASE)
    for key in ("muc_dich_yeu_cau", "noi_dung", "tien_do", "kinh_phi", "to_chuc_thuc_hien", "che_do_bao_cao",
                "can_cu", "mo_dau"):
        data.pop(key, None)
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def rendered(data: dict, profile: str = "doan"):
    if profile != "doan":
        data = {**data, "the_thuc": profile, "co_quan_ban_hanh": {"ten": ["Ủy ban nhân dân", "tỉnh Quảng Ninh"],
                                                                  "ky_hieu": "UBND"},
                "don_vi_soan_thao": "VX", "luu": None}
    document = vanban.parse(data)
    data_bytes = vanban.render_bytes(document)
    report = check(data_bytes)
    assert report.errors == [], report.to_text()
    return open_docx(data_bytes)


def body_lines(document) -> list[str]:
    """The lines after the rule under the trích yếu."""
    lines = text_lines(document)
    return lines[next(i for i, line in enumerate(lines) if set(line) == {"-"}) + 1:]


# --- the usual parts are defaults, not demands -------------------------------------------


def test_a_guidance_may_open_with_any_section_and_have_no_implementation_part():
    data = plan(loai="huong-dan", noi_dung=[
        {"tieu_de": "Đối tượng, phạm vi", "noi_dung": ["Đoàn viên trong toàn tỉnh."]},
        {"tieu_de": "Quy trình", "noi_dung": [{"y": "Bước 1: đăng ký."}]},
    ])
    lines = body_lines(rendered(data))
    assert lines[:4] == ["I. ĐỐI TƯỢNG, PHẠM VI", "Đoàn viên trong toàn tỉnh.", "II. QUY TRÌNH", "- Bước 1: đăng ký."]


def test_a_fixed_part_takes_its_own_title():
    data = plan(loai="bao-cao", ket_qua={"tieu_de": "Kết quả đạt được", "noi_dung": ["Đạt 100% chỉ tiêu."]})
    lines = body_lines(rendered(data))
    assert lines[:2] == ["I. KẾT QUẢ ĐẠT ĐƯỢC", "Đạt 100% chỉ tiêu."]


def test_purposes_may_hold_sections_and_numbered_paragraphs():
    data = plan(muc_dich_yeu_cau=[{"doan_so": "Hưởng ứng Tháng hành động vì trẻ em năm 2024."},
                                  {"doan_so": "Tiếp tục đổi mới nội dung."}],
                noi_dung=[{"tieu_de": "Nội dung", "noi_dung": ["Một đoạn."]}])
    document = rendered(data)
    lines = body_lines(document)
    assert lines[:4] == ["I. MỤC ĐÍCH, YÊU CẦU", "1. Hưởng ứng Tháng hành động vì trẻ em năm 2024.",
                         "2. Tiếp tục đổi mới nội dung.", "II. NỘI DUNG"]


# --- numbered paragraphs and lists ---------------------------------------------------------


def _paragraph(document, start: str):
    return next(p.paragraph for p in paragraphs_in_order(document) if p.text.startswith(start))


def test_a_numbered_paragraph_is_running_text_whose_number_has_the_khoan_look():
    data = plan(noi_dung=[{"tieu_de": "Mục đích", "noi_dung": [
        {"doan_so": "Hưởng ứng tháng hành động."}, {"tieu_de": "Yêu cầu"}, {"doan_so": "Thiết thực."}]}])
    document = rendered(data)
    assert body_lines(document)[:4] == ["I. MỤC ĐÍCH", "1. Hưởng ứng tháng hành động.", "2. Yêu cầu",
                                        "3. Thiết thực."]
    paragraph = _paragraph(document, "1. Hưởng ứng")
    label, text = paragraph.runs[0], paragraph.runs[1]
    assert (label.text, label.bold, text.bold) == ("1. ", True, None)
    assert look(document, paragraph).align == "justify"


def test_in_the_state_profile_a_numbered_paragraph_number_is_plain():
    data = plan(noi_dung=[{"tieu_de": "Mục đích", "noi_dung": [{"doan_so": "Bảo đảm an toàn."}]}])
    paragraph = _paragraph(rendered(data, "nha-nuoc"), "1. Bảo đảm")
    assert paragraph.runs[0].bold is None


def test_a_numbered_list_restarts_from_one_under_a_khoan():
    data = plan(noi_dung=[{"tieu_de": "Tổ chức", "noi_dung": [
        {"tieu_de": "Thời gian", "noi_dung": ["Ngày 5/3."]},
        {"tieu_de": "Thành phần", "noi_dung": ["Gồm các đồng chí:", {"danh_sach_so": [
            "Nguyễn Văn A - Bí thư chi đoàn", "Trần Thị B - Phó Bí thư"]}]},
        {"tieu_de": "Kinh phí"}]}])
    lines = body_lines(rendered(data))
    assert lines[:8] == ["I. TỔ CHỨC", "1. Thời gian", "Ngày 5/3.", "2. Thành phần", "Gồm các đồng chí:",
                         "1. Nguyễn Văn A - Bí thư chi đoàn", "2. Trần Thị B - Phó Bí thư", "3. Kinh phí"]


def test_a_typed_number_in_a_paragraph_says_how_to_write_a_numbered_paragraph():
    with pytest.raises(InputError) as error:
        vanban.parse(plan(noi_dung=[{"tieu_de": "Mục đích", "noi_dung": ["1. Hưởng ứng tháng hành động."]}]))
    message = str(error.value)
    assert "doan_so" in message and "danh_sach_so" in message and "'1.'" in message


def test_a_typed_number_in_a_purpose_bullet_is_refused_not_written_as_a_bullet():
    with pytest.raises(InputError) as error:
        vanban.parse(plan(muc_dich_yeu_cau=["1. Hưởng ứng tháng hành động."],
                          noi_dung=[{"tieu_de": "Nội dung"}]))
    assert "doan_so" in str(error.value)


# --- parts above the Mục -----------------------------------------------------------------


@pytest.mark.parametrize("scheme, first, second", [
    ("phan-la-ma", ["Phần I", "KẾT QUẢ NHIỆM KỲ"], ["Phần II", "PHƯƠNG HƯỚNG"]),
    ("phan-thu", ["PHẦN THỨ NHẤT", "KẾT QUẢ NHIỆM KỲ"], ["PHẦN THỨ HAI", "PHƯƠNG HƯỚNG"]),
    ("chu-cai", ["A. KẾT QUẢ NHIỆM KỲ"], ["B. PHƯƠNG HƯỚNG"]),
])
def test_parts_stand_above_the_muc_which_restart_at_one_in_each(scheme, first, second):
    data = plan(loai="bao-cao", danh_so_phan=scheme, noi_dung=[
        {"phan": "Kết quả nhiệm kỳ", "noi_dung": [{"tieu_de": "Tình hình", "noi_dung": ["A."]},
                                                 {"tieu_de": "Kết quả", "noi_dung": ["B."]}]},
        {"phan": "Phương hướng", "noi_dung": [{"tieu_de": "Mục tiêu", "noi_dung": ["C."]}]},
    ])
    lines = body_lines(rendered(data))
    assert lines[:len(first) + 4] == [*first, "I. TÌNH HÌNH", "A.", "II. KẾT QUẢ", "B."]
    rest = lines[len(first) + 4:]
    assert rest[:len(second) + 2] == [*second, "I. MỤC TIÊU", "C."]


def test_a_section_outside_the_parts_is_refused_with_what_to_do():
    with pytest.raises(InputError) as error:
        vanban.parse(plan(noi_dung=[{"phan": "Kết quả", "noi_dung": ["A."]}, {"tieu_de": "Lạc"}]))
    assert "'Lạc'" in str(error.value) and "phan" in str(error.value)


# --- no number line, căn cứ as written, no closing -------------------------------------------


def test_a_document_without_a_number_line_has_none_and_needs_no_symbol():
    data = plan(so="khong", noi_dung=[{"tieu_de": "Nội dung"}],
                co_quan_ban_hanh={"cap_tren": "Đoàn trường ĐH Ngoại giao", "ten": "Chi đoàn Truyền thông K42"})
    lines = text_lines(rendered(data))
    assert not any(line.startswith("Số") for line in lines)
    assert lines[:4] == ["ĐOÀN TRƯỜNG ĐH NGOẠI GIAO", "CHI ĐOÀN TRUYỀN THÔNG K42", "***", "ĐOÀN TNCS HỒ CHÍ MINH"]


def test_a_last_can_cu_keeps_the_mark_its_author_typed_before_a_lead_in():
    data = plan(can_cu=["Căn cứ Điều lệ Đoàn", "Căn cứ Chương trình công tác năm 2024;"],
                mo_dau=["Ban Thường vụ ban hành Kế hoạch, cụ thể như sau:"], noi_dung=[{"tieu_de": "Nội dung"}])
    lines = text_lines(rendered(data))
    start = lines.index("Căn cứ Điều lệ Đoàn;")
    assert lines[start:start + 3] == ["Căn cứ Điều lệ Đoàn;", "Căn cứ Chương trình công tác năm 2024;",
                                      "Ban Thường vụ ban hành Kế hoạch, cụ thể như sau:"]


def test_no_closing_sentence_when_the_author_wrote_none():
    lines = text_lines(rendered(plan(ket_thuc="khong", noi_dung=[{"tieu_de": "Nội dung", "noi_dung": ["Cuối."]}])))
    assert lines[lines.index("Cuối.") + 1] == "TM. BAN THƯỜNG VỤ"
    assert not any(line.startswith("Trên đây là") for line in lines)


# --- tables --------------------------------------------------------------------------------

BUDGET = {
    "ten_bang": "Dự trù kinh phí",
    "stt": True,
    "cot": ["Nội dung", {"ten": "Số lượng", "kieu": "so"},
            {"ten": "Kinh phí", "cot": [{"ten": "Đơn giá", "kieu": "so"},
                                        {"ten": "Thành tiền", "kieu": "so", "cong": True, "don_vi": "đồng"}]}],
    "dong": [{"nhom": "Khen thưởng"}, ["Giấy khen", 10, 150000, 1500000], ["Quà tặng", 5, 200000, 1000000]],
    "dong_tong": "Tổng cộng",
    "tong_bang_chu": True,
}


def _table(document):
    return document.tables[1]  # after the letterhead


def test_a_table_has_merged_headers_stt_group_rows_a_computed_total_and_the_total_in_words():
    document = rendered(plan(noi_dung=[{"tieu_de": "Kinh phí", "noi_dung": [BUDGET]}]))
    table = _table(document)
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["STT", "Nội dung", "Số lượng", "Kinh phí", "Kinh phí"]  # one cell over two columns
    assert rows[1] == ["STT", "Nội dung", "Số lượng", "Đơn giá", "Thành tiền"]  # merged down
    assert rows[2] == ["Khen thưởng"] * 5
    assert rows[3] == ["1", "Giấy khen", "10", "150.000", "1.500.000"]
    assert rows[4] == ["2", "Quà tặng", "5", "200.000", "1.000.000"]
    assert rows[5] == ["Tổng cộng", "Tổng cộng", "Tổng cộng", "Tổng cộng", "2.500.000"]
    lines = text_lines(document)
    assert "(Bằng chữ: Hai triệu năm trăm nghìn đồng.)" in lines
    assert lines[lines.index("I. KINH PHÍ") + 1] == "Dự trù kinh phí"
    header_rows = [row for row in table.rows if row._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None]
    assert len(header_rows) == 2  # repeated on every page


def test_table_columns_share_the_text_width_by_what_they_hold():
    document = rendered(plan(noi_dung=[{"tieu_de": "Danh sách", "noi_dung": [{
        "stt": True, "cot": ["Họ và tên", "Chức vụ", "Đơn vị"],
        "dong": [["Nguyễn Văn A", "Bí thư", "Chi đoàn Trường Trung học phổ thông Nguyễn Trãi"]]}]}]))
    widths = [int(col.get(qn("w:w"))) for col in _table(document)._tbl.find(qn("w:tblGrid"))]
    assert widths[0] < widths[2] < widths[3]  # STT narrowest, the long unit name widest
    assert abs(sum(widths) - 158 * 1440 / 25.4) < 30  # the text width less the borders' indent


@pytest.mark.parametrize("profile", ["doan", "nha-nuoc"])
def test_the_stt_column_takes_the_header_the_document_writes(profile):
    table = {"stt": True, "ten_cot_stt": "TT", "cot": ["Thời gian", "Nội dung"],
             "dong": [["T9/2020", "Chào mừng Quốc khánh."], ["T10/2020", "Tìm hiểu Nghị quyết."]]}
    rows = [[cell.text for cell in row.cells] for row in _table(rendered(plan(noi_dung=[
        {"tieu_de": "Nội dung", "noi_dung": [table]}]), profile)).rows]
    assert rows == [["TT", "Thời gian", "Nội dung"], ["1", "T9/2020", "Chào mừng Quốc khánh."],
                    ["2", "T10/2020", "Tìm hiểu Nghị quyết."]]


def test_an_stt_header_without_an_stt_column_is_refused_saying_to_add_it():
    table = {"ten_cot_stt": "TT", "cot": ["Thời gian"], "dong": [["T9/2020"]]}
    with pytest.raises(InputError) as error:
        vanban.parse(plan(noi_dung=[{"tieu_de": "Nội dung", "noi_dung": [table]}]))
    assert "ten_cot_stt" in str(error.value) and "stt: true" in str(error.value)


@pytest.mark.parametrize("cell", [["– Tìm hiểu Nghị quyết.", "– Triển khai chương trình."],
                                  "– Tìm hiểu Nghị quyết.\n– Triển khai chương trình."], ids=["list", "line-break"])
def test_a_cell_of_two_paragraphs_is_two_paragraphs_in_the_cell(cell):
    table = {"cot": ["Thời gian", "Nội dung"], "dong": [["T10/2020", cell]]}
    document = rendered(plan(noi_dung=[{"tieu_de": "Nội dung", "noi_dung": [table]}]))
    written = _table(document).rows[1].cells[1]
    assert [p.text for p in written.paragraphs] == ["– Tìm hiểu Nghị quyết.", "– Triển khai chương trình."]
    assert not written._tc.findall(".//" + qn("w:br"))
    assert {p.style.name for p in written.paragraphs} == {"VB Table Text"}


def test_a_number_column_refuses_a_cell_of_paragraphs():
    table = {"cot": [{"ten": "Kinh phí", "kieu": "so"}], "dong": [[["100", "200"]]]}
    with pytest.raises(InputError) as error:
        vanban.parse(plan(noi_dung=[{"tieu_de": "Nội dung", "noi_dung": [table]}]))
    assert "cột số" in str(error.value)


def test_a_row_of_the_wrong_length_is_refused_naming_the_row_and_the_columns():
    table = {"cot": ["Họ và tên", "Chức vụ"], "dong": [["A", "B"], ["C"]]}
    with pytest.raises(InputError) as error:
        vanban.parse(plan(noi_dung=[{"tieu_de": "Danh sách", "noi_dung": [table]}]))
    assert "Dòng 2" in str(error.value) and "Họ và tên, Chức vụ" in str(error.value)


# --- annexes -------------------------------------------------------------------------------


def test_annexes_follow_the_signature_each_on_its_own_page_with_the_reference_line():
    data = plan(noi_dung=[{"tieu_de": "Nội dung"}], phu_luc=[
        {"tieu_de": "Danh sách đại biểu", "noi_dung": [{"stt": True, "cot": ["Họ và tên"], "dong": [["A"]]}]},
        {"tieu_de": "Dự trù kinh phí", "huong": "ngang", "noi_dung": [BUDGET]},
    ])
    document = rendered(data)
    lines = text_lines(document)
    reference = ("(Kèm theo Kế hoạch số 114-KH/ĐTN ngày 05/3/2021 của Ban Thường vụ Đoàn Khối các cơ quan "
                 "và Doanh nghiệp)")
    start = lines.index("Phụ lục I")
    assert lines[start:start + 3] == ["Phụ lục I", "DANH SÁCH ĐẠI BIỂU", reference]
    assert lines[lines.index("Phụ lục II") + 1] == "DỰ TRÙ KINH PHÍ"
    sections = document.sections
    assert [s.orientation for s in sections] == [0, 0, 1]  # portrait, portrait, landscape
    assert sections[2].page_width > sections[2].page_height


def test_a_single_annex_is_phu_luc_without_a_number_and_the_state_date_is_written_out():
    data = plan(noi_dung=[{"tieu_de": "Nội dung"}], phu_luc=[{"noi_dung": ["Nội dung phụ lục."]}])
    lines = text_lines(rendered(data, "nha-nuoc"))
    start = lines.index("Phụ lục")
    assert lines[start + 1].startswith("(Kèm theo Kế hoạch số 114/KH-UBND-VX ngày 05 tháng 3 năm 2021 của ")


CAU_NGANG = {"cap_tren": "Tỉnh đoàn Trà Vinh", "ten": "BCH Đoàn huyện Cầu Ngang", "ky_hieu": "ĐTN"}
SIGNED_BY_THE_STANDING_COMMITTEE = {"tham_quyen": "TM.", "thay_mat": "Ban Thường vụ Huyện đoàn",
                                    "chuc_vu": "Bí thư", "ho_ten": "Nguyễn Văn A"}


def annex_line(data: dict) -> str:
    """The "(Kèm theo ...)" line of the document's first annex, as vanban writes it."""
    from vanban._display import annex_blocks

    document = vanban.parse(data)
    return annex_blocks(document, vanban.get_profile(document.profile_name))[0].reference


@pytest.mark.parametrize("kind", sorted(set(vanban.document_types()) - {"bien-ban"}))
def test_the_annex_line_names_the_standing_committee_once_whatever_the_type(kind):
    from helpers import starter_data

    data = starter_data(kind, co_quan_ban_hanh=CAU_NGANG, nguoi_ky=SIGNED_BY_THE_STANDING_COMMITTEE,
                        phu_luc=[{"tieu_de": "Danh sách", "noi_dung": ["Nội dung phụ lục."]}])
    if "tham_quyen_ban_hanh" in data:  # a decision cites the authority written above its căn cứ
        data["tham_quyen_ban_hanh"] = "Ban Thường vụ Huyện đoàn Cầu Ngang"
    assert annex_line(data).endswith(" của Ban Thường vụ Huyện đoàn Cầu Ngang)")


@pytest.mark.parametrize("issuer, collective, cited", [
    ("BCH Đoàn huyện Cầu Ngang", "Ban Thường vụ Huyện đoàn Cầu Ngang", "Ban Thường vụ Huyện đoàn Cầu Ngang"),
    ("Huyện đoàn Cầu Ngang", "Ban Thường vụ Huyện đoàn", "Ban Thường vụ Huyện đoàn Cầu Ngang"),
    ("BCH Đoàn TP. Hồ Chí Minh", "Ban Thường vụ Thành đoàn", "Ban Thường vụ Thành đoàn Hồ Chí Minh"),
    ("BCH Đoàn tỉnh Trà Vinh", "Ban Thường vụ Tỉnh đoàn", "Ban Thường vụ Tỉnh đoàn Trà Vinh"),
    (["BCH Đoàn Khối các cơ quan", "và Doanh nghiệp"], "Ban Thường vụ Đoàn Khối",
     "Ban Thường vụ Đoàn Khối các cơ quan và Doanh nghiệp"),
    ("BCH Đoàn trường THPT Nguyễn Du", "Ban Chấp hành Đoàn trường", "Ban Chấp hành Đoàn trường THPT Nguyễn Du"),
    ("BCH Đoàn xã Mỹ Long Nam", "Ban Chấp hành", "Ban Chấp hành Đoàn xã Mỹ Long Nam"),
    ("BCH Đoàn xã Mỹ Long Nam", "Ban Thường vụ", "Ban Thường vụ Đoàn xã Mỹ Long Nam"),
])
def test_the_annex_line_joins_the_collective_and_the_issuer_without_repeating_the_level(issuer, collective, cited):
    data = plan(noi_dung=[{"tieu_de": "Nội dung"}], phu_luc=[{"noi_dung": ["Nội dung phụ lục."]}],
                co_quan_ban_hanh={"ten": issuer, "ky_hieu": "ĐTN"},
                nguoi_ky={**SIGNED_BY_THE_STANDING_COMMITTEE, "thay_mat": collective})
    assert annex_line(data).endswith(f" của {cited})")


# --- inline -----------------------------------------------------------------------------


def test_underlined_words_are_underlined():
    document = rendered(plan(noi_dung=[{"tieu_de": "Nội dung", "noi_dung": ["Chủ đề ++Tuổi trẻ++ năm 2024."]}]))
    paragraph = _paragraph(document, "Chủ đề")
    assert [(run.text, bool(run.underline)) for run in paragraph.runs] == [
        ("Chủ đề ", False), ("Tuổi trẻ", True), (" năm\u00a02024.", False)]  # "năm 2024" kept on one line


# --- messages ------------------------------------------------------------------------------


def test_a_real_key_in_the_wrong_place_is_not_suggested_back_to_itself():
    with pytest.raises(InputError) as error:
        vanban.parse(plan(noi_dung=[{"tieu_de": "Nội dung", "noi_dung": [{"y": "Ý", "tieu_de": "Lạc chỗ"}]}]))
    message = str(error.value)
    assert "Có phải ý bạn là 'tieu_de'" not in message and "không dùng được ở chỗ này" in message


def test_a_footnote_is_a_reference_mark_in_the_text_and_its_words_at_the_foot_of_the_page():
    import zipfile
    import io

    data = plan(noi_dung=[{"tieu_de": "Nội dung", "noi_dung": [
        "Theo Nghị quyết số 12^[Ban hành ngày **5/3/2021**.] của Ban Chấp hành."]}])
    document = vanban.parse(data)
    docx_bytes = vanban.render_bytes(document)
    assert vanban.Renderer().reference_render_bytes(document) == docx_bytes
    opened = open_docx(docx_bytes)
    paragraph = _paragraph(opened, "Theo Nghị quyết")
    assert paragraph.text == "Theo Nghị quyết số 12 của Ban Chấp hành."
    assert len(paragraph._p.findall(".//" + qn("w:footnoteReference"))) == 1
    notes = zipfile.ZipFile(io.BytesIO(docx_bytes)).read("word/footnotes.xml").decode()
    assert "Ban hành ngày " in notes and "<w:b/>" in notes and 'w:id="1"' in notes
    assert check(docx_bytes).errors == []


def test_a_landscape_annex_table_takes_the_turned_page_width():
    data = plan(noi_dung=[{"tieu_de": "Nội dung"}], phu_luc=[
        {"huong": "ngang", "noi_dung": [{"cot": ["Chi đoàn", {"ten": "Nam", "kieu": "so"}], "dong": [["10A1", 20]]}]}])
    table = rendered(data).tables[-1]
    widths = [int(col.get(qn("w:w"))) for col in table._tbl.find(qn("w:tblGrid"))]
    assert abs(sum(widths) - (297 - 30 - 20 - 2) * 1440 / 25.4) < 30


def test_without_number_or_noi_nhan_a_table_header_or_an_annex_is_not_taken_for_them():
    """'Số đoàn viên' heading a table column is no number line, and with no Nơi nhận the
    signature is the block after the text, not an annex's table."""
    data = plan(so="khong", noi_nhan=[], luu=None, noi_dung=[{"tieu_de": "Kết quả", "noi_dung": [
        {"cot": ["Chi đoàn", {"ten": "Số đoàn viên", "kieu": "so"}], "dong": [["10A1", 45]]}]}],
        phu_luc=[{"noi_dung": [{"cot": ["Chi đoàn", {"ten": "Nữ", "kieu": "so"}], "dong": [["10A1", 25]]}]}])
    report = check(vanban.render_bytes(vanban.parse(data)))
    assert {(f.rule_id, f.severity) for f in report.findings if f.severity != "not_evaluated"} == {
        ("U-HAS-1", "warning"), ("U-HAS-2", "warning")}, report.to_text()


# --- page breaks and alignment of headings ---------------------------------------------------


def test_a_heading_with_nothing_under_it_does_not_chain_keep_with_next():
    document = rendered(plan(noi_dung=[{"tieu_de": "Nội dung", "noi_dung": [
        {"tieu_de": "Đề án", "noi_dung": [{"tieu_de": "Đề án thí điểm"}, {"tieu_de": "Đề án dạy chữ"}]}]}]))
    keep = {p.text: p.paragraph.style.paragraph_format.keep_with_next for p in paragraphs_in_order(document)
            if p.text[:2] in ("I.", "1.")}
    assert keep["I. NỘI DUNG"] and keep["1. Đề án"]
    assert not keep["1.1. Đề án thí điểm"] and not keep["1.2. Đề án dạy chữ"]


def test_headings_are_flush_left_and_running_text_justified_and_a_left_paragraph_is_still_caught():
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from helpers import find_paragraph, mutated

    def flush_left(d):
        find_paragraph(d, "^Một đoạn").paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

    data = plan(noi_dung=[{"tieu_de": "Nội dung", "noi_dung": ["Một đoạn văn."]}])
    document = rendered(data)
    assert look(document, _paragraph(document, "I. NỘI DUNG")).align == "left"
    assert look(document, _paragraph(document, "Một đoạn")).align == "justify"
    wrong = mutated(vanban.render_bytes(vanban.parse(data)), flush_left)
    assert {f.rule_id for f in check(wrong).errors} == {"U-BODY-1"}


# --- what real copies leave out -----------------------------------------------------------


def test_a_document_without_a_roman_level_numbers_its_top_sections_1_2():
    data = plan(danh_so_muc="so", noi_dung=[
        {"tieu_de": "Mục đích", "noi_dung": [{"tieu_de": "Hưởng ứng", "noi_dung": ["A."]}]},
        {"doan_so": "Thời gian: tháng 3/2021."}])
    assert body_lines(rendered(data))[:4] == ["1. Mục đích", "1.1. Hưởng ứng", "A.", "2. Thời gian: tháng 3/2021."]


def test_a_copy_without_its_date_line_has_none_and_the_checker_warns():
    data = plan(dia_danh=None, ngay=None, noi_dung=[{"tieu_de": "Nội dung"}])
    docx_bytes = vanban.render_bytes(vanban.parse(data))
    report = check(docx_bytes)
    assert [(f.rule_id, f.severity) for f in report.findings if f.severity != "not_evaluated"] == [
        ("U-HAS-4", "warning")], report.to_text()
    assert not any(", ngày" in line for line in text_lines(open_docx(docx_bytes)))


def test_a_place_without_a_date_is_refused_with_what_to_write():
    with pytest.raises(InputError) as error:
        vanban.parse(plan(ngay=None, noi_dung=[{"tieu_de": "Nội dung"}]))
    assert "'dia_danh' và 'ngay'" in str(error.value)
