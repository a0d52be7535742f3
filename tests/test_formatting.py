"""Every formatting rule of the display step, one by one (standards.md §2)."""

import unicodedata

import pytest

from vanban import DOAN, Issuer, Signer
from vanban._display import (
    Run,
    format_date_line,
    format_number_line,
    heading_style,
    parse_inline,
    recipient_lines,
    section_label,
    signer_lines,
    to_roman,
    upper,
    with_end_mark,
)
from vanban.schemas.common import IssueDate, parse_issue_date


@pytest.mark.parametrize(
    "date, expected",
    [
        (IssueDate(2021, 3, 5), "Trà Vinh, ngày 05 tháng 3 năm 2021"),
        (IssueDate(2013, 2, 9), "Trà Vinh, ngày 09 tháng 02 năm 2013"),
        (IssueDate(2020, 1, 31), "Trà Vinh, ngày 31 tháng 01 năm 2020"),
        (IssueDate(2019, 12, 10), "Trà Vinh, ngày 10 tháng 12 năm 2019"),
        (IssueDate(2019, 10, 1), "Trà Vinh, ngày 01 tháng 10 năm 2019"),
        (IssueDate(2024, 5, 16), "Trà Vinh, ngày 16 tháng 5 năm 2024"),
    ],
)
def test_date_pads_day_below_10_and_months_1_and_2(date, expected):
    assert format_date_line("Trà Vinh", date) == expected


@pytest.mark.parametrize("month", range(3, 10))
def test_date_never_pads_months_3_to_9(month):
    assert f"tháng {month} năm" in format_date_line("Hà Nội", IssueDate(2021, month, 15))


def test_date_with_unknown_day_or_month_leaves_dots_to_fill_by_hand():
    assert format_date_line("Hà Nội", IssueDate(2021, 3)) == "Hà Nội, ngày ... tháng 3 năm 2021"
    assert format_date_line("Hà Nội", IssueDate(2021)) == "Hà Nội, ngày ... tháng ... năm 2021"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2021-03-05", IssueDate(2021, 3, 5)),
        ("05/03/2021", IssueDate(2021, 3, 5)),
        ("5/3/2021", IssueDate(2021, 3, 5)),
        ("2021-03", IssueDate(2021, 3)),
        ("03/2021", IssueDate(2021, 3)),
        ("2021", IssueDate(2021)),
        (2021, IssueDate(2021)),
    ],
)
def test_issue_date_accepts_iso_vietnamese_and_partial_forms(value, expected):
    assert parse_issue_date(value) == expected


@pytest.mark.parametrize("value", ["31/02/2021", "2021-13-01", "2021-02-29", "abc", "", "0/1/2021"])
def test_issue_date_rejects_impossible_dates(value):
    with pytest.raises(ValueError):
        parse_issue_date(value)


@pytest.mark.parametrize(
    "number, unit, expected",
    [
        (114, None, "Số: 114-KH/ĐTN"),
        (5, None, "Số: 05-KH/ĐTN"),
        (1, "VP", "Số: 01-KH/ĐTN-VP"),
        (10, "CTĐ&TTN", "Số: 10-KH/ĐTN-CTĐ&TTN"),
    ],
)
def test_number_line_is_number_hyphen_type_slash_agency_hyphen_unit(number, unit, expected):
    assert format_number_line(DOAN, number, "KH", "ĐTN", unit) == expected


def test_number_line_has_no_space_around_the_hyphen():
    line = format_number_line(DOAN, 114, "KH", "ĐTN")
    assert " -" not in line and "- " not in line


def test_number_not_yet_issued_leaves_a_blank_before_the_symbol():
    line = format_number_line(DOAN, None, "KH", "TĐTN", "VP")
    assert line.startswith("Số: ") and line.endswith("-KH/TĐTN-VP")
    assert line[4:-len("-KH/TĐTN-VP")].strip() == ""
    assert len(line[4:-len("-KH/TĐTN-VP")]) >= 5


@pytest.mark.parametrize(
    "number, roman",
    [(1, "I"), (4, "IV"), (5, "V"), (6, "VI"), (9, "IX"), (14, "XIV"), (40, "XL"), (99, "XCIX")],
)
def test_roman_numerals(number, roman):
    assert to_roman(number) == roman


@pytest.mark.parametrize(
    "path, label",
    [((1,), "I."), ((3,), "III."), ((2, 1), "1."), ((2, 1, 2), "1.2."), ((1, 3, 1, 4), "3.1.4."),
     ((1, 1, 1, 1, 1), "1.1.1.1.")],
)
def test_section_labels_restart_arabic_numbering_under_each_roman_section(path, label):
    assert section_label(path) == label


def test_heading_styles_follow_the_29_hd_ladder():
    assert [heading_style(d) for d in range(1, 8)] == [
        "heading1", "heading2", "heading3", "heading4", "heading5", "heading5", "heading5"
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("đoàn khối các cơ quan", "ĐOÀN KHỐI CÁC CƠ QUAN"),
        ("Ban Thường vụ Tỉnh đoàn", "BAN THƯỜNG VỤ TỈNH ĐOÀN"),
        ("bí thư thường trực", "BÍ THƯ THƯỜNG TRỰC"),
        ("ủy ban kiểm tra", "ỦY BAN KIỂM TRA"),
        ("hỏa tốc ở ữ ỹ ặ", "HỎA TỐC Ở Ữ Ỹ Ặ"),
    ],
)
def test_upper_case_keeps_vietnamese_diacritics(text, expected):
    assert upper(text) == expected


def test_upper_case_output_is_nfc_even_from_decomposed_input():
    decomposed = unicodedata.normalize("NFD", "đoàn thanh niên")
    assert upper(decomposed) == "ĐOÀN THANH NIÊN"
    assert unicodedata.is_normalized("NFC", upper(decomposed))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("triển khai thực hiện", "triển khai thực hiện./."),
        ("triển khai thực hiện.", "triển khai thực hiện./."),
        ("triển khai thực hiện./.", "triển khai thực hiện./."),
        ("triển khai thực hiện/.", "triển khai thực hiện/."),
    ],
)
def test_end_mark_is_added_once(text, expected):
    assert with_end_mark(text, "./.") == expected


def test_recipients_get_dash_semicolons_and_a_final_archive_line_with_full_stop():
    lines = recipient_lines(["TT Tỉnh đoàn (để b/c)", "Các cơ sở Đoàn (để th/h)"], "VP", DOAN)
    assert lines == ["- TT Tỉnh đoàn (để b/c);", "- Các cơ sở Đoàn (để th/h);", "- Lưu VP."]


def test_signer_with_authority_has_prefix_line_then_position():
    signer = Signer(authority="TM.", on_behalf_of="Ban Thường vụ", position="Bí thư", name="Nguyễn Trọng Nhân")
    assert signer_lines(signer) == (["TM. BAN THƯỜNG VỤ"], "BÍ THƯ", "Nguyễn Trọng Nhân")


def test_a_deputy_signing_for_a_collegial_body_adds_a_kt_line():
    signer = Signer(authority="TM.", on_behalf_of="Ủy ban nhân dân", deputy_for="Chủ tịch",
                    position="Phó Chủ tịch", name="Nguyễn Văn An")
    assert signer_lines(signer) == (["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "Nguyễn Văn An")


def test_signer_without_authority_signs_with_the_bare_title():
    signer = Signer(position="Chánh Văn phòng", name="Lê Văn B")
    assert signer_lines(signer) == ([], "CHÁNH VĂN PHÒNG", "Lê Văn B")


@pytest.mark.parametrize("given, stored", [("tm", "TM."), ("KT", "KT."), ("TL.", "TL."), (" q. ", "Q.")])
def test_authority_prefix_is_normalised(given, stored):
    assert Signer(authority=given, on_behalf_of="Ban", position="P", name="N").authority == stored


def test_inline_markdown_gives_bold_and_italic_runs():
    assert parse_inline("thực hiện **02** mô hình (*nếu có*)") == (
        Run("thực hiện "), Run("02", bold=True), Run(" mô hình ("), Run("nếu có", italic=True), Run(")"),
    )


@pytest.mark.parametrize(
    "text",
    ["a * b", "snake_case_name _không nghiêng_", "{{ 7*7 }}", "5 * 3 = 15", "Số: ___/___", "C:\\Users\\doan",
     "Kích thước 5*3*2 mét", "5\\% và \\\\ giữ nguyên *", "**chưa đóng"],
)
def test_text_without_paired_asterisks_is_kept_exactly(text):
    assert "".join(run.text for run in parse_inline(text)) == text


def test_runs_and_blocks_cannot_be_changed_once_made():
    # the display's values are shared by whatever reads them (the render, the checker's view)
    from vanban._display import Block

    run, block = Run("chữ", bold=True), Block("body", parse_inline("chữ"))
    for value, field in ((run, "text"), (run, "bold"), (block, "runs")):
        with pytest.raises(AttributeError):
            setattr(value, field, None)
    assert run == Run("chữ", True) and hash(run) == hash(Run("chữ", True)) and block.text == "chữ"


def test_escaped_asterisk_is_a_literal_asterisk():
    assert parse_inline(r"\*chú thích\*") == (Run("*chú thích*"),)


def test_issuer_names_are_stored_as_written_and_nfc():
    issuer = Issuer(name=unicodedata.normalize("NFD", "BCH Đoàn xã Sơn Định"), code="ĐTN")
    assert issuer.name == ["BCH Đoàn xã Sơn Định"]
    assert unicodedata.is_normalized("NFC", issuer.name[0])


# --- a long trích yếu in balanced lines ------------------------------------------------------


def test_a_title_that_fits_or_that_the_user_broke_is_left_as_written():
    from vanban._display import balanced_title
    from vanban.profiles import DOAN

    assert balanced_title("Tổ chức Tháng Thanh niên năm 2021", DOAN) == "Tổ chức Tháng Thanh niên năm 2021"
    broken = "Tổ chức thực hiện mô hình hỗ trợ thanh, thiếu niên yếu thế giai\nđoạn 2020 - 2022 trên địa bàn"
    assert balanced_title(broken, DOAN) == broken


def test_a_long_title_breaks_into_even_lines_at_a_phrase_boundary_not_where_the_width_runs_out():
    from vanban._display import balanced_title
    from vanban._measure import text_width_mm
    from vanban.profiles import DOAN

    title = "Tổ chức thực hiện mô hình hỗ trợ thanh, thiếu niên yếu thế giai đoạn 2020 - 2022 trên địa bàn huyện"
    lines = balanced_title(title, DOAN).split("\n")
    assert len(lines) == 2
    for phrase in ("yếu thế", "giai đoạn", "2020 - 2022", "địa bàn"):
        assert any(phrase in line for line in lines), lines  # never cut inside a phrase
    widths = [text_width_mm(line, 14, bold=True) for line in lines]
    assert max(widths) < DOAN.text_width_mm() and max(widths) - min(widths) < 60
    assert " ".join(lines) == title  # the words, in order, nothing added or lost


# --- phrases kept on one line -------------------------------------------------------------


@pytest.mark.parametrize("text, kept", [
    ("Đoàn TNCS Hồ Chí Minh", "TNCS\u00a0Hồ\u00a0Chí\u00a0Minh"),
    ("giai đoạn 2020 - 2022", "2020\u00a0-\u00a02022"),
    # the day and month stay together, and the year with its word; a line may end between them
    # (one 40 mm block "ngày 09 tháng 02 năm 2021" stretched whole căn cứ lines)
    ("ngày 05 tháng 3 năm 2021", "ngày\u00a005\u00a0tháng\u00a03 năm\u00a02021"),
    ("Kế hoạch số 114-KH/ĐTN", "114\u2011KH/ĐTN"),
    ("Nghị định số 30/2020/NĐ-CP", "30/2020/NĐ\u2011CP"),
    ("triển khai Quyết định 34/2014/QĐ-TTg của", "34/2014/QĐ\u2011TTg"),  # no "số" before it
    ("(26/3/1931-26/3/2015)", "26/3/1931\u201126/3/2015"),
    ("(26/3/1931- 26/3/2015)", "26/3/1931-\u00a026/3/2015"),
    ("nhiệm kỳ 2021 – 2026", "2021\u00a0–\u00a02026"),
])
def test_phrases_that_must_not_break_are_joined_with_no_break_spaces_and_hyphens(text, kept):
    from vanban._display import keep_together

    assert kept in keep_together(text)
    assert keep_together(text).replace("\u00a0", " ").replace("\u2011", "-") == text  # nothing else changes


def test_a_name_run_into_the_next_word_is_no_phrase_to_keep():
    from vanban._display import keep_together

    assert keep_together("Đoàn TNCS Hồ Chí Minhvà trao") == "Đoàn TNCS Hồ Chí Minhvà trao"


def test_basis_lines_keep_their_symbols_and_ranges_whole_in_the_docx():
    import re

    import vanban

    from helpers import EXAMPLES

    plan = vanban.load(EXAMPLES / "ke_hoach_ubnd.yaml")
    bases = ["Căn cứ Quyết định 34/2014/QĐ-TTg ngày 30/5/2014 của Thủ tướng Chính phủ",
             "Căn cứ Kế hoạch kỷ niệm (26/3/1931- 26/3/2015) của Tỉnh đoàn"]
    data = vanban.render_bytes(type(plan)(**{**dict(plan), "bases": bases}))
    import io
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert re.search(r"34/2014/QĐ</w:t><w:noBreakHyphen/><w:t[^>]*>TTg ngày\u00a030", xml)
    assert "26/3/1931-\u00a026/3/2015" in xml
    assert "\u2011" not in xml  # always Word's element, never a character fonts may lack


def test_a_noi_nhan_purpose_is_one_unbreakable_phrase_given_apart_or_typed():
    import vanban

    from helpers import EXAMPLES

    plan = vanban.load(EXAMPLES / "ke_hoach_114.yaml")
    typed = type(plan)(**{**dict(plan), "recipients": ["Huyện ủy (để b/c)", {"ten": "Tỉnh đoàn", "muc_dich_gui": "để biết"}]})
    lines = vanban._display.display(typed, vanban.get_profile("doan"))["recipients"]
    assert lines[:2] == ["- Huyện ủy (để\u00a0b/c);", "- Tỉnh đoàn (để\u00a0biết);"]


def test_a_noi_nhan_purpose_with_brackets_of_its_own_is_kept_whole():
    import vanban

    from helpers import EXAMPLES

    plan = vanban.load(EXAMPLES / "ke_hoach_114.yaml")
    typed = type(plan)(**{**dict(plan), "recipients": [{"ten": "Tỉnh đoàn", "muc_dich_gui": "để phối hợp (nếu có) thực hiện"}]})
    lines = vanban._display.display(typed, vanban.get_profile("doan"))["recipients"]
    assert lines[0] == "- Tỉnh đoàn (để\u00a0phối\u00a0hợp\u00a0(nếu\u00a0có)\u00a0thực\u00a0hiện);"


# --- quick paths that must read text as the full patterns and parser read it -----------------

import random  # noqa: E402
import re  # noqa: E402

from vanban import _display  # noqa: E402


def random_texts(pieces: list[str], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(count)]


def test_the_phrases_are_kept_together_as_the_patterns_alone_keep_them():
    pieces = ["ngày ", "NGÀY ", "Tháng ", "năm ", "05", "3 ", "2021", " - ", " – ", "-", "/", "KH", "ĐTN", "NĐ",
              "Hồ Chí Minh", "HỒ CHÍ MINH", "TNCS ", "Mınh", "Hồ Chí Mınh", "HỒ CHÍ MİNH", "minh", "số ", "x ", "١٢", "a", " ", "26/3/", "1931",
              "- ", " -"]
    for text in random_texts(pieces, 3000, seed=11):
        alone = _display._KEPT_TOGETHER.sub(lambda m: m.group().replace(" ", "\u00a0"), text)
        alone = _display._RANGE.sub(
            lambda m: re.sub(r"(?<! )-(?! )", "\u2011", m.group()).replace(" ", "\u00a0"), alone)
        alone = _display._SYMBOL.sub(lambda m: m.group().replace("-", "\u2011"), alone)
        assert _display.keep_together(text) == alone, text


def through_the_parser(text: str):
    """``text``'s runs as the Markdown parser reads them, the quick path aside."""
    original = _display._one_emphasis
    _display._one_emphasis = lambda text: None
    try:
        return _display._parse_emphasis(text)
    finally:
        _display._one_emphasis = original


def test_one_emphasis_pair_is_read_as_the_markdown_parser_reads_it():
    words = ["a", "Đoàn", "1", "ỗ", "x y", " ", ",", ".", ")", "(", "_", "-", ":", "²", "\\", "\n", "\ufdd1", "*",
             "“", "”", "‘", "’", '"', "'", "[", "]", "!"]
    letters = ["a", "Đoàn", "1", "ỗ", "²", "B"]
    rng = random.Random(5)

    def some(choices, least, most):
        return "".join(rng.choice(choices) for _ in range(rng.randint(least, most)))

    texts = random_texts(words + ["**"], 2000, seed=3)
    for _ in range(3000):  # pairs that may take the quick path, and their near misses
        mark = rng.choice(["*", "**"])
        texts.append(rng.choice(["", some(words, 1, 3) + rng.choice([" ", "", "(", "“", "'", "[", "a"])]) + mark
                     + rng.choice(letters + words) + some(words, 0, 3) + rng.choice(letters + words) + mark
                     + rng.choice(["", rng.choice([" ", ",", ".", ")", "a", "*", "_", "”", '"', "]", "-"]) + some(words, 0, 3)]))
    quick = [text for text in texts if _display._one_emphasis(text) is not None]
    assert len(quick) > 200  # the quick path is exercised
    for text in texts:
        fast = _display._one_emphasis(text)
        assert fast is None or fast == through_the_parser(text), text
