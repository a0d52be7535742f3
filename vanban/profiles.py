"""Layout profiles: the figures and fixed words of one set of rules.

A profile is data. The Đoàn profile transcribes Hướng dẫn 29-HD/TWĐTN-VP
(``standards.md`` §2 and §5.3). The figures are used twice: ``tools/build_templates.py``
writes them into the Word template's styles (where a maintainer may later adjust
them in Word), and the conformance tests check every rendered document against
them. A new regime (Nhà nước, Đảng) is a new :class:`Profile`, not new code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Optional

Align = Literal["left", "center", "right", "justify"]


@dataclass(frozen=True)
class TextFigure:
    """How one element of the page is set: size in points, weight, slant, alignment."""

    size: float
    bold: bool = False
    italic: bool = False
    underline: bool = False
    align: Align = "center"
    first_line_indent_twips: int = 0
    space_before_pt: float = 0
    space_after_pt: float = 0
    line_spacing: float = 1.0
    boxed: bool = False
    """A frame around the words (MẬT, DỰ THẢO)."""
    keep_with_next: bool = False
    """Keep on the same page as the next paragraph (headings, the closing sentence)."""


@dataclass(frozen=True)
class Profile:
    """Everything that differs between regimes: page, letterhead, figures, fixed words."""

    name: str
    label: str
    page_size_mm: tuple[float, float]
    margins_mm: tuple[float, float, float, float]
    """Top, bottom, left, right."""
    header_columns_mm: tuple[float, float]
    """Widths of the letterhead and signature-block columns (left, right)."""
    closing_columns_mm: tuple[float, float]
    """Widths of the Nơi nhận and signature columns (TM. BAN THƯỜNG VỤ TỈNH ĐOÀN fits on one line)."""
    results_columns_mm: tuple[float, ...]
    """Widths of the results table's columns (TT, chỉ tiêu, đơn vị ... so với cùng kỳ)."""
    motto: tuple[str, ...]
    """Lines at the top right (tiêu đề / quốc hiệu, tiêu ngữ)."""
    agency_mark: Optional[str]
    """Printed under the issuing body's name (``***``)."""
    title_rule: str
    """Printed under the trích yếu."""
    number_format: str
    """``str.format`` pattern of the number line; ``{symbol}`` is the rest of the symbol."""
    number_blank: str
    """Stands for the number when it is not yet issued, to be filled in by hand."""
    recipients_label: str
    archive_prefix: str
    """Start of the last Nơi nhận entry, followed by :attr:`Document.archive`."""
    end_mark: str
    """Closes the body (``./.``)."""
    figures: dict[str, TextFigure] = field(default_factory=dict)
    """Keyed by element; the Word style of element ``x`` is ``STYLE_NAMES[x]``."""


HEADING_LEVELS = 5
"""Mục, khoản and three điểm levels have their own style; deeper levels share the last."""

BODY_ELEMENTS = ("body", *(f"heading{level}" for level in range(1, HEADING_LEVELS + 1)), "bullet", "sub_bullet")
"""The kinds of paragraph in the numbered body (``block.style``)."""

# One Word paragraph style per element; the names are what a maintainer sees in Word.
STYLE_NAMES: dict[str, str] = {
    "normal": "Normal",
    "parent": "VB Parent Body",
    "issuer": "VB Issuing Body",
    "agency_mark": "VB Agency Mark",
    "number": "VB Number",
    "mark": "VB Mark",
    "boxed_mark": "VB Boxed Mark",
    "motto": "VB Motto",
    "date": "VB Date",
    "type_name": "VB Type Name",
    "title": "VB Title",
    "title_rule": "VB Title Rule",
    "body": "VB Body",
    "heading1": "VB Heading 1",
    "heading2": "VB Heading 2",
    "heading3": "VB Heading 3",
    "heading4": "VB Heading 4",
    "heading5": "VB Heading 5",
    "bullet": "VB Bullet",
    "sub_bullet": "VB Sub Bullet",
    "recipients_label": "VB Recipients Label",
    "recipient": "VB Recipient",
    "signer_authority": "VB Signer Authority",
    "signer_position": "VB Signer Position",
    "signer_name": "VB Signer Name",
    "closing": "VB Closing",
    "page_number": "VB Page Number",
    "table_caption": "VB Table Caption",
    "table_header": "VB Table Header",
    "table_text": "VB Table Text",
    "table_index": "VB Table Index",
    "table_after": "VB Table After",
    "table_number": "VB Table Number",
}

_BODY = dict(size=14, align="justify", first_line_indent_twips=720, space_after_pt=6, line_spacing=1.15)

DOAN = Profile(
    name="doan",
    label="Đoàn TNCS Hồ Chí Minh (Hướng dẫn 29-HD/TWĐTN-VP)",
    page_size_mm=(210, 297),
    margins_mm=(20, 20, 30, 20),
    header_columns_mm=(80, 80),
    closing_columns_mm=(68, 92),
    results_columns_mm=(10, 50, 20, 19, 19, 20, 20),
    motto=("ĐOÀN TNCS HỒ CHÍ MINH",),
    agency_mark="***",
    title_rule="-" * 15,
    number_format="Số: {number}-{symbol}",
    number_blank="\u00a0" * 6,
    recipients_label="Nơi nhận:",
    archive_prefix="Lưu ",
    end_mark="./.",
    figures={
        "normal": TextFigure(size=14, align="left"),
        "parent": TextFigure(size=14),
        "issuer": TextFigure(size=14, bold=True),
        "agency_mark": TextFigure(size=14),
        "number": TextFigure(size=14),
        "mark": TextFigure(size=13, bold=True, space_before_pt=6),
        "boxed_mark": TextFigure(size=13, bold=True, boxed=True, space_before_pt=6),
        "motto": TextFigure(size=15, bold=True, underline=True),
        "date": TextFigure(size=13, italic=True),
        "type_name": TextFigure(size=16, bold=True, space_before_pt=18),
        "title": TextFigure(size=14, bold=True),
        "title_rule": TextFigure(size=14, bold=True, space_after_pt=12),
        "body": TextFigure(**_BODY),
        "heading1": TextFigure(**_BODY, bold=True, keep_with_next=True),
        "heading2": TextFigure(**_BODY, bold=True, keep_with_next=True),
        "heading3": TextFigure(**_BODY, bold=True, italic=True, keep_with_next=True),
        "heading4": TextFigure(**_BODY, italic=True, keep_with_next=True),
        "heading5": TextFigure(**_BODY, keep_with_next=True),
        "bullet": TextFigure(**_BODY),
        "sub_bullet": TextFigure(**_BODY),
        "closing": TextFigure(**_BODY, keep_with_next=True),
        "recipients_label": TextFigure(size=13, bold=True, align="left"),
        "recipient": TextFigure(size=11, align="left"),
        "signer_authority": TextFigure(size=14, bold=True, space_before_pt=12, keep_with_next=True),
        "signer_position": TextFigure(size=14),
        "signer_name": TextFigure(size=14, bold=True, space_before_pt=66),
        "page_number": TextFigure(size=14),
        "table_caption": TextFigure(size=14, bold=True, space_before_pt=6, space_after_pt=6, keep_with_next=True),
        "table_after": TextFigure(size=6),
        "table_header": TextFigure(size=13, bold=True),
        "table_text": TextFigure(size=13, align="left"),
        "table_index": TextFigure(size=13),
        "table_number": TextFigure(size=13, align="right"),
    },
)

PROFILES: dict[str, Profile] = {DOAN.name: DOAN}


def get_profile(name: str) -> Profile:
    from .errors import ProfileNotFoundError

    try:
        return PROFILES[name]
    except KeyError:
        raise ProfileNotFoundError(name, sorted(PROFILES)) from None
