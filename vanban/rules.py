"""The layout rules ``vanban check`` applies, as data (standards.md §2, §3, §5).

A rule names the element it looks at (``date``, ``recipients``, ``body`` ...), the
kind of check (a function in ``vanban._check_kinds.CHECKS``) and that check's
parameters; ``required: True`` makes a missing element a finding of the rule
itself (it is otherwise reported as not evaluated). Adding a rule is adding an entry here; a new *kind* of check is the
only thing that needs code. Sizes are in points, indents in twips, spacing in
twentieths of a point, margins in millimetres.

Strength, from standards.md: MUST (the text says it: an error), SHOULD (a range:
an error outside it), CONV (a convention: a warning at most), UNCONFIRMED (never
an error: information).
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Any, Iterable, Literal, Mapping, NamedTuple

Strength = Literal["MUST", "SHOULD", "CONV", "UNCONFIRMED"]
SEVERITY = {"MUST": "error", "SHOULD": "error", "CONV": "warning", "UNCONFIRMED": "info"}


class Rule(NamedTuple):
    """One rule (a named tuple: only read, and cheaper to define at import than a dataclass)."""

    id: str
    profile: str
    strength: Strength
    source: str
    text: str
    """What the rule says, in Vietnamese, as the user reads it in a finding."""
    element: str
    check: str
    params: Mapping[str, Any] = MappingProxyType({})
    scope: Literal["all", "typed", "letter"] = "all"
    """``typed``: documents with a type name; ``letter``: công văn (trích yếu under the number)."""
    kinds: frozenset[str] = frozenset()
    """Only documents of these type names (``BIÊN BẢN``); empty: every type."""
    not_kinds: frozenset[str] = frozenset()
    """Not documents of these type names (a Biên bản has no Nơi nhận)."""

    @property
    def severity(self) -> str:
        return SEVERITY[self.strength]


# A number not yet issued is left blank, to be written by hand: "Số:      -KH/ĐTN".
DOAN_NUMBER = r"^Số:\s?(?:\d{2,}|\s*)-[A-ZĐ][A-Za-zĐđ]*/[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ][A-ZĐ0-9.&]*)?$"
DOAN_NUMBER_LENIENT = r"^Số:?\s*\d+\s*[- ]\s*[A-ZĐ][A-Za-zĐđ]*\s*/\s*[A-ZĐ][A-ZĐ0-9]*(?:\s*-\s*[A-ZĐ][A-ZĐ0-9.&]*)?$"
# A legal normative document carries its year between number and symbol: "Số: 30/2020/NĐ-CP".
ND30_NUMBER = (
    r"^Số:\s?(?:\d{2,}|\s*)/(?:\d{4}/)?(?:[A-Za-zĐđ]+-[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)*"
    r"|[A-ZĐ][A-Za-zĐđ0-9]*-[A-ZĐ][A-Za-zĐđ0-9]*)$"
)
# The number of a heading as a reader takes it: "I. ", "1. ", "1.2. " (group 1 Roman, group 2 Arabic).
HEADING_NUMBER = r"^(?:([IVXLC]+)\.|((?:\d+\.)+))\s"


def leading_bases(texts: Iterable[str]) -> int:
    """How many of ``texts``, from the first, are căn cứ lines: each "Căn cứ ...;", the last
    ending "." or ",". An opening sentence "Căn cứ ..., X ban hành ... như sau:" is not one.
    vanban sets them as căn cứ and the checker reads them so: one definition for both."""
    count = 0
    for text in texts:
        text = text.strip()
        if not _BASIS_LINE.match(text) or not text.endswith((";", ".", ",")):
            break
        count += 1
        if not text.endswith(";"):
            break
    return count


_BASIS_LINE = re.compile(r"^[-–]?\s*Căn cứ\b")
# Lines that open the name of a Union issuing body (29-HD III.2): what stands above is its parent.
ISSUING_BODY_START = (
    r"^(BCH|BAN CHẤP HÀNH|BAN THƯỜNG VỤ|CHI ĐOÀN|PHÂN ĐOÀN|LIÊN CHI ĐOÀN|ĐẠI HỘI|ĐOÀN CHỦ TỊCH|ĐOÀN THƯ KÝ)\b"
)
# What counts as a capital letter opening a word of a signer's name (U-SIG-3).
NAME_CAPITALS = "A-ZĐÀ-Ỹ"
# A day and month not yet known are left blank, as dots or as spaces: "ngày ... tháng ... năm 2023",
# "ngày   tháng   năm 2023" (read with its spaces run together).
DATE_LINE = (
    r"^[^,]+, ngày (?:(?:0[1-9]|[12]\d|3[01]|\.{3}|…) )?tháng (?:(?:0[12]|[3-9]|1[0-2]|\.{3}|…) )?năm \d{4}$"
)

DECISIONS = frozenset({"QUYẾT ĐỊNH", "NGHỊ QUYẾT"})
"""Types with an issuing authority above the căn cứ, an operative line and Điều."""
MINUTES = frozenset({"BIÊN BẢN"})
"""Types signed by two people side by side (THƯ KÝ, CHỦ TỌA): no Nơi nhận is asked of them (the
Union's have none; NĐ 30 Mẫu 1.9 may have one under THƯ KÝ)."""


def _kinds_of_documents(profile: str, prefix: str, strength: Strength, source: str) -> list[Rule]:
    """The parts of a decision and of a Biên bản (NĐ 30 PL III Mẫu 1.1-1.3, 1.9; the Union writes
    them alike: QĐ 367-QĐ/TWĐTN-VP), as each regime holds them."""
    return [
        Rule(f"{prefix}-QD-1", profile, strength, source,
             "Dòng 'QUYẾT ĐỊNH:' ('QUYẾT NGHỊ:') đứng riêng sau các căn cứ: IN HOA, đậm, căn giữa",
             "operative", "text_format", {"required": True, "bold": True, "caps": True, "align": "center"},
             kinds=DECISIONS),
        Rule(f"{prefix}-QD-2", profile, strength, source,
             "Thẩm quyền ban hành trên các căn cứ: IN HOA, đậm, căn giữa", "issuing_authority", "text_format",
             {"required": strength == "MUST", "bold": True, "caps": True, "align": "center"}, kinds=DECISIONS),
        Rule(f"{prefix}-QD-3", profile, strength, "NĐ 30 PL I, mục II.6 (Điều); " + source,
             "Số điều 'Điều 1.', 'Điều 2.' in đậm", "articles", "label_format",
             {"bold": True, "label": "số điều"}, kinds=DECISIONS),
        Rule(f"{prefix}-BB-1", profile, strength, source,
             "Biên bản có hai chữ ký ngang nhau: THƯ KÝ bên trái, CHỦ TỌA bên phải (IN HOA, đậm)",
             "signature_left_first", "text_format", {"required": True, "bold": True, "caps": True},
             kinds=MINUTES),
        Rule(f"{prefix}-BB-2", profile, strength, source,
             "Họ tên thư ký (chữ ký bên trái) in đậm", "signature_left_name", "text_format",
             {"bold": True}, kinds=MINUTES),
    ]


def _present(profile: str, prefix: str, source: str) -> list[Rule]:
    """What the regime asks every document to have: a missing one is a warning, not an error
    (a chi đoàn report has no number; a published copy may stop before its end)."""
    return [
        # minutes are filed rather than issued: a chi đoàn's carries no number, and NĐ 30 PL III
        # Mẫu 1.9 has no date line (the date is in its first line)
        Rule(f"{prefix}-HAS-1", profile, "CONV", source, "Văn bản có dòng số, ký hiệu", "number", "text_format",
             {"required": True}, not_kinds=MINUTES),
        Rule(f"{prefix}-HAS-2", profile, "CONV", source, "Văn bản có Nơi nhận", "recipients_label", "text_format",
             {"required": True}, not_kinds=MINUTES),
        Rule(f"{prefix}-HAS-3", profile, "CONV", source, "Văn bản có phần chữ ký (chức vụ, họ tên người ký)",
             "signature_name", "text_format", {"required": True}),
        Rule(f"{prefix}-HAS-4", profile, "CONV", source, "Văn bản có dòng địa danh, ngày tháng năm", "date",
             "text_format", {"required": True}, not_kinds=MINUTES),
        Rule(f"{prefix}-FIT-1", profile, "CONV", "29-HD III.2; NĐ 30 PL I, mục II.2 (các mẫu)",
             "Mỗi dòng tên cơ quan nằm gọn trên một dòng: tên dài được ngắt dòng ở chỗ người viết chọn",
             "agency", "fits_column", {"advice": "hãy tách tên thành hai dòng ở chỗ muốn ngắt (trong YAML ghi "
                                                 "tên thành danh sách dòng: ten: [dòng 1, dòng 2]; cap_tren cũng vậy)"}),
        Rule(f"{prefix}-FIT-2", profile, "CONV", "29-HD III.3, III.4; NĐ 30 PL I, mục II.3, II.4 (các mẫu)",
             "Dòng số, ký hiệu nằm gọn trên một dòng trong cột của nó",
             "number", "fits_column", {"if_present": True,
                                       "advice": "hãy rút gọn ký hiệu (chữ viết tắt của cơ quan, đơn vị soạn thảo)"}),
        Rule(f"{prefix}-FIT-3", profile, "CONV", "29-HD III.3, III.4; NĐ 30 PL I, mục II.3, II.4 (các mẫu)",
             "Dòng địa danh, ngày tháng năm nằm gọn trên một dòng trong cột của nó",
             "date", "fits_column", {"if_present": True,
                                     "advice": "hãy ghi địa danh ngắn gọn (tên đơn vị hành chính nơi ban hành)"}),
    ]


RULES: list[Rule] = [
    *_present("doan", "U", "29-HD mục I.2 (thành phần thể thức)"),
    *_present("nha-nuoc", "N", "NĐ 30 Điều 8 (thành phần thể thức)"),
    # --- Đoàn TNCS Hồ Chí Minh: Hướng dẫn 29-HD/TWĐTN-VP (standards.md §2, §5.3) ---
    Rule("U-PAGE-1", "doan", "MUST", "29-HD mục II; Mẫu 1",
         "Khổ A4 đứng; lề trên 20, dưới 20, trái 30, phải 20 mm", "page", "page",
         {"size_mm": (210, 297), "margins_mm": {"top": 20, "bottom": 20, "left": 30, "right": 20}}),
    Rule("U-PAGE-2", "doan", "MUST", "29-HD mục II",
         "Đánh số trang từ trang 2, ở giữa lề trên, chữ số Ả-rập cỡ 13-14 đứng; trang 1 không đánh số",
         "page_numbers", "page_numbers", {"sizes": (13, 14)}),
    Rule("U-FONT-1", "doan", "MUST", "29-HD Mẫu 3", "Phông chữ Times New Roman", "all_text", "font",
         {"fonts": ("Times New Roman",)}),
    Rule("U-HDR-1", "doan", "MUST", "29-HD III.1; Mẫu 3 dòng 1",
         "Tiêu đề 'ĐOÀN TNCS HỒ CHÍ MINH' góc phải: IN HOA, cỡ 15, đậm, có gạch dưới dài bằng dòng chữ",
         "union_title", "text_format", {"size": 15, "bold": True, "caps": True, "underlined": True}),
    Rule("U-HDR-6", "doan", "MUST", "29-HD III.1; Mẫu 3 dòng 1",
         "Văn bản của Đoàn dùng tiêu đề 'ĐOÀN TNCS HỒ CHÍ MINH', không dùng Quốc hiệu và Tiêu ngữ của văn bản Nhà nước",
         "national_name", "absent", {"absent": True}),
    Rule("U-HDR-2", "doan", "MUST", "29-HD III.2; Mẫu 3 dòng 2",
         "Tên cơ quan ban hành IN HOA cỡ 14: cơ quan cấp trên đứng, không đậm; cơ quan ban hành đậm",
         "agency", "agency_lines", {"sizes": (14, 14)}),
    Rule("U-HDR-3", "doan", "MUST", "29-HD III.2", "Dưới tên cơ quan ban hành có dòng '***'",
         "agency_mark", "text_format", {"required": True, "pattern": r"^\*\*\*$"}),
    Rule("U-HDR-4", "doan", "MUST", "29-HD III.3; standards §5.1",
         "Số, ký hiệu dạng 'Số: 114-KH/ĐTN' (số-loại/cơ quan-đơn vị, không dấu cách), cỡ 14, đứng",
         "number", "number_line",
         {"pattern": DOAN_NUMBER, "lenient": DOAN_NUMBER_LENIENT, "size": 14}),
    Rule("U-HDR-5", "doan", "MUST", "29-HD III.4; Mẫu 3 dòng 4",
         "Địa danh, ngày tháng năm cỡ 13, nghiêng, dạng 'Trà Vinh, ngày 05 tháng 3 năm 2021' "
         "(ngày dưới 10 và tháng 1, 2 thêm số 0)", "date", "text_format",
         {"pattern": DATE_LINE, "size": 13, "italic": True}),
    Rule("U-TTL-1", "doan", "MUST", "29-HD III.5; Mẫu 3 dòng 10",
         "Tên loại văn bản IN HOA, cỡ 16, đậm, căn giữa", "type_name", "text_format",
         {"size": 16, "bold": True, "caps": True, "align": "center"}, scope="typed"),
    Rule("U-TTL-2", "doan", "MUST", "29-HD III.5; Mẫu 3 dòng 11",
         "Trích yếu cỡ 14, đậm, căn giữa", "title", "text_format",
         {"size": 14, "bold": True, "align": "center"}, scope="typed"),
    Rule("U-TTL-3", "doan", "MUST", "29-HD III.5",
         "Dưới trích yếu là một dòng gạch rời '-----' căn giữa", "title_rule", "text_format",
         {"required": True, "pattern": r"^-{3,}$", "align": "center"}, scope="typed"),
    Rule("U-TTL-4", "doan", "MUST", "29-HD III.5",
         "Trích yếu viết thường (hoa chữ cái đầu và tên riêng), bằng chữ (không '&'), không dấu chấm cuối",
         "title", "title_words", {}, scope="typed"),
    Rule("U-CV-1", "doan", "MUST", "29-HD III.5; Mẫu 3 dòng 5",
         "Công văn: trích yếu dưới số ký hiệu, bắt đầu 'V/v', cỡ 12, nghiêng, không đậm", "subject",
         "text_format", {"required": True, "size": 12, "italic": True, "bold": False,
                         "pattern": r"^[\"“]?V/v "}, scope="letter"),
    Rule("U-CV-2", "doan", "MUST", "29-HD III.8; Mẫu 3",
         "Công văn: 'Kính gửi:' và nơi nhận in đậm, cỡ 14", "addressees", "text_format",
         {"required": True, "size": 14, "bold": True}, scope="letter"),
    Rule("U-BODY-1", "doan", "MUST", "29-HD III.6",
         "Nội dung cỡ 14, căn đều hai bên, thụt đầu dòng 1,27 cm", "body", "body_format",
         {"size": 14, "align": "justify", "first_line": (715, 725)}),
    Rule("U-BODY-2", "doan", "MUST", "29-HD III.6",
         "Giãn dòng từ đơn (1,0) đến 1,2 dòng", "body", "line_spacing", {"lines": (1.0, 1.2)}),
    Rule("U-BODY-3", "doan", "MUST", "29-HD III.6",
         "Khoảng cách giữa các đoạn tối đa 6 pt", "body", "paragraph_spacing", {"max": 120}),
    Rule("U-HEAD-1", "doan", "MUST", "29-HD III.6",
         "Mục 'I.', 'II.': tiêu đề IN HOA, đậm, cỡ 14, thụt vào 1,27 cm", "headings_roman", "text_format",
         {"size": 14, "bold": True, "caps": True, "first_line_min": 715}),
    Rule("U-HEAD-2", "doan", "MUST", "29-HD III.6", "Số khoản '1.' in đậm", "headings_khoan",
         "label_format", {"bold": True}),
    Rule("U-HEAD-3", "doan", "MUST", "29-HD III.6",
         "Điểm '1.1.' đậm nghiêng; '1.1.1.' nghiêng", "headings_diem", "diem_format", {}),
    Rule("U-HEAD-4", "doan", "MUST", "29-HD III.6",
         "Số thứ tự các mục liên tiếp, không nhảy, không trùng (I, II, III...; 1, 2, 3...)",
         "headings", "numbering", {}),
    Rule("U-HEAD-5", "doan", "UNCONFIRMED", "29-HD III.6; standards §2.9",
         "Điểm của văn bản Đoàn đánh số 1.1., 1.1.1. (a), b) hay a., b. là cách của NĐ 30)", "point_labels",
         "labels", {"expected": "điểm đánh số '1.1.', '1.1.1.'"}),
    Rule("U-HEAD-6", "doan", "MUST", "29-HD III.6",
         "Số mục, khoản, điểm viết 'I.', '1.', '1.1.' (số và dấu chấm, không có '/')", "slash_labels", "labels",
         {"expected": "'I.', '1.', '1.1.' (không có '/')"}),
    Rule("U-SIG-1", "doan", "MUST", "29-HD III.7; Mẫu 3 dòng 15",
         "Dòng đầu khối chữ ký (TM./KT./TL./Q. hoặc chức vụ) IN HOA, đậm, cỡ 14", "signature_first",
         "text_format", {"size": 14, "bold": True, "caps": True}),
    Rule("U-SIG-2", "doan", "MUST", "29-HD III.7; Mẫu 3 dòng 16",
         "Sau dòng TM./KT./TL./Q., chức vụ IN HOA, cỡ 14, không đậm", "signature_position",
         "text_format", {"size": 14, "bold": False, "caps": True}),
    Rule("U-SIG-3", "doan", "MUST", "29-HD III.7; Mẫu 3 dòng 17",
         "Họ tên người ký đậm, cỡ 14, viết hoa chữ cái đầu", "signature_name", "text_format",
         {"size": 14, "bold": True, "pattern": rf"^(?:[{NAME_CAPITALS}][^\s]*\s?)+$"}),
    Rule("U-SIG-4", "doan", "MUST", "29-HD III.7; Mẫu 3 dòng 15-16",
         "TM./KT./TL./Q. và tên tập thể hoặc chức vụ thủ trưởng một dòng; chức vụ người ký dòng dưới",
         "signature_first", "authority_line", {}),
    Rule("U-RCV-1", "doan", "MUST", "29-HD III.8; Mẫu 3 dòng 14",
         "'Nơi nhận:' đứng (không nghiêng), đậm, cỡ 13", "recipients_label", "text_format",
         {"size": 13, "bold": True, "italic": False, "pattern": r"^Nơi nhận:$"}),
    Rule("U-RCV-2", "doan", "MUST", "29-HD III.8",
         "Mỗi nơi nhận cỡ 11, bắt đầu '- ', kết thúc ';', nơi cuối kết thúc '.'", "recipients",
         "recipient_list", {"size": 11}),
    Rule("U-RCV-3", "doan", "MUST", "29-HD III.8", "Dòng cuối Nơi nhận là dòng Lưu ('- Lưu VP.')",
         "recipients", "archive_line", {"pattern": r"^- Lưu:? \S.*\.$"}),
    Rule("U-LANG-1", "doan", "CONV", "29-HD Mẫu 3 (văn bản tiếng Việt)",
         "Văn bản khai báo ngôn ngữ tiếng Việt (vi-VN), để Word soát chính tả và ngắt dòng đúng tiếng Việt",
         "all_text", "language", {}),
    Rule("U-END-1", "doan", "CONV", "QĐ 367-QĐ/TWĐTN-VP (thực tế)",
         "Nội dung kết thúc bằng './.'", "closing", "text_format", {"pattern": r"/\.$"}),

    *_kinds_of_documents("doan", "U", "CONV", "QĐ 367-QĐ/TWĐTN-VP (thực tế); theo mẫu NĐ 30 PL III"),
    *_kinds_of_documents("nha-nuoc", "N", "MUST", "NĐ 30 PL III, Mẫu 1.1-1.3, 1.9"),

    # --- Nhà nước: Nghị định 30/2020/NĐ-CP, Phụ lục I (standards.md §3) ---
    Rule("N-PAGE-1", "nha-nuoc", "MUST", "NĐ 30 PL I, Phần I, I.2",
         "Khổ A4 đứng; lề trên 20-25, dưới 20-25, trái 30-35, phải 15-20 mm", "page", "page",
         {"size_mm": (210, 297),
          "margins_mm": {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}}),
    Rule("N-PAGE-2", "nha-nuoc", "MUST", "NĐ 30 PL I, Phần I, I.4",
         "Số trang ở giữa lề trên, cỡ 13-14, đứng; trang 1 không hiển thị số", "page_numbers",
         "page_numbers", {"sizes": (13, 14)}),
    Rule("N-FONT-1", "nha-nuoc", "MUST", "NĐ 30 PL I, Phần I, I.3", "Phông chữ Times New Roman",
         "all_text", "font", {"fonts": ("Times New Roman",)}),
    Rule("N-HDR-1", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.1",
         "Quốc hiệu 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' IN HOA, cỡ 12-13, đậm", "national_name",
         "text_format", {"sizes": (12, 13), "bold": True, "caps": True}),
    Rule("N-HDR-2", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.1",
         "Tiêu ngữ 'Độc lập - Tự do - Hạnh phúc' cỡ 13-14, đậm, có gạch nối và dấu cách",
         "national_motto", "text_format",
         {"sizes": (13, 14), "bold": True, "pattern": r"^Độc lập - Tự do - Hạnh phúc$"}),
    Rule("N-HDR-3", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.1",
         "Dưới tiêu ngữ có đường kẻ ngang nét liền", "national_motto", "rule_below", {}),
    Rule("N-HDR-4", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.2",
         "Tên cơ quan IN HOA cỡ 12-13: cơ quan chủ quản đứng, cơ quan ban hành đậm",
         "agency", "agency_lines", {"sizes": (12, 13)}),
    Rule("N-HDR-5", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.2",
         "Dưới tên cơ quan ban hành có đường kẻ ngang nét liền", "agency", "rule_below", {}),
    Rule("N-HDR-6", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.3",
         "Số, ký hiệu dạng 'Số: 08/KH-UBND' (công văn 'Số: 12/UBND-VX'; văn bản quy phạm pháp luật có năm: "
         "'Số: 30/2020/NĐ-CP'), số dưới 10 thêm 0, cỡ 13, đứng",
         "number", "number_line", {"pattern": ND30_NUMBER, "size": 13}),
    Rule("N-HDR-7", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.4",
         "Địa danh, ngày tháng năm cỡ 13-14, nghiêng, dạng 'Hà Nội, ngày 05 tháng 3 năm 2020'",
         "date", "text_format", {"pattern": DATE_LINE, "sizes": (13, 14), "italic": True}),
    Rule("N-TTL-1", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.5",
         "Tên loại văn bản IN HOA, cỡ 13-14, đậm, căn giữa", "type_name", "text_format",
         {"sizes": (13, 14), "bold": True, "caps": True, "align": "center"}, scope="typed"),
    Rule("N-TTL-2", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.5",
         "Trích yếu cỡ 13-14, đậm, căn giữa", "title", "text_format",
         {"sizes": (13, 14), "bold": True, "align": "center"}, scope="typed"),
    Rule("N-TTL-3", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.5",
         "Dưới trích yếu có đường kẻ ngang nét liền, dài từ 1/3 đến 1/2 độ dài dòng chữ", "title", "rule_below",
         {"share": (1 / 3, 1 / 2)}, scope="typed"),
    Rule("N-TTL-4", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.5",
         "Trích yếu viết thường (hoa chữ cái đầu và tên riêng), bằng chữ (không '&'), không dấu chấm cuối",
         "title", "title_words", {}, scope="typed"),
    Rule("N-BASIS-1", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.6",
         "Các căn cứ ban hành in nghiêng, mỗi căn cứ một dòng", "bases", "text_format", {"italic": True}),
    Rule("N-CV-3", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.5b",
         "Công văn: trích yếu 'V/v' đặt dưới số, ký hiệu, cách dòng số, ký hiệu 6 pt", "subject",
         "space_below_number", {"min_pt": 6}, scope="letter"),
    Rule("N-CV-1", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.5b",
         "Công văn: trích yếu 'V/v ...' dưới số ký hiệu, cỡ 12-13, đứng", "subject", "text_format",
         {"required": True, "sizes": (12, 13), "italic": False, "pattern": r"^V/v "}, scope="letter"),
    Rule("N-CV-2", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.9a",
         "'Kính gửi:' và nơi nhận cỡ 13-14, đứng", "addressees", "text_format",
         {"required": True, "sizes": (13, 14), "italic": False}, scope="letter"),
    Rule("N-BODY-1", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.6",
         "Nội dung cỡ 13-14, căn đều hai bên, thụt đầu dòng 1 cm hoặc 1,27 cm", "body", "body_format",
         {"sizes": (13, 14), "align": "justify", "first_line": (564, 723)}),
    Rule("N-BODY-2", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.6",
         "Giãn dòng từ đơn đến 1,5 dòng", "body", "line_spacing", {"lines": (1.0, 1.5)}),
    Rule("N-BODY-3", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.6",
         "Khoảng cách giữa các đoạn tối thiểu 6 pt", "body", "paragraph_spacing", {"min": 120}),
    Rule("N-HEAD-1", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.6 (văn bản có phần, mục)",
         "Mục 'I.', 'II.': tiêu đề IN HOA, đậm", "headings_roman", "text_format", {"bold": True, "caps": True}),
    Rule("N-HEAD-2", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.6",
         "Số mục, khoản viết 'I.', '1.' (số và dấu chấm, không có '/')", "slash_labels", "labels",
         {"expected": "'I.', '1.' (không có '/')"}),
    Rule("N-RCV-1", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.9b",
         "'Nơi nhận:' nghiêng, đậm, cỡ 12", "recipients_label", "text_format",
         {"size": 12, "bold": True, "italic": True, "pattern": r"^Nơi nhận:$"}),
    Rule("N-RCV-2", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.9b",
         "Mỗi nơi nhận cỡ 11, bắt đầu '- ', kết thúc ';', nơi cuối kết thúc '.'", "recipients",
         "recipient_list", {"size": 11}),
    Rule("N-RCV-3", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.9b",
         "Dòng cuối Nơi nhận dạng '- Lưu: VT, <đơn vị>.'", "recipients", "archive_line",
         {"pattern": r"^- Lưu: VT\b.*\.$"}),
    Rule("N-SIG-1", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.7a",
         "Quyền hạn, chức vụ người ký IN HOA, đậm, cỡ 13-14", "signature_titles", "text_format",
         {"sizes": (13, 14), "bold": True, "caps": True}),
    Rule("N-SIG-2", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.7b",
         "Họ tên người ký đậm, cỡ 13-14", "signature_name", "text_format",
         {"sizes": (13, 14), "bold": True}),
    Rule("N-SIG-3", "nha-nuoc", "MUST", "NĐ 30 PL I, mục II.7a",
         "TM./KT./TL./TUQ./Q. và tên tập thể hoặc chức vụ thủ trưởng một dòng; chức vụ người ký dòng dưới",
         "signature_first", "authority_line", {}),
    Rule("N-LANG-1", "nha-nuoc", "CONV", "NĐ 30 PL I, Phần I, I.3 (phông chữ tiếng Việt)",
         "Văn bản khai báo ngôn ngữ tiếng Việt (vi-VN), để Word soát chính tả và ngắt dòng đúng tiếng Việt",
         "all_text", "language", {}),
    Rule("N-END-1", "nha-nuoc", "CONV", "NĐ 30 PL III (mẫu)", "Nội dung kết thúc bằng './.'",
         "closing", "text_format", {"pattern": r"/\.$"}),
]


def rules_for(profile: str) -> list[Rule]:
    return [rule for rule in RULES if rule.profile == profile]
