"""Layout profiles: the figures and fixed words of one set of rules.

A profile is data. The Đoàn profile transcribes Hướng dẫn 29-HD/TWĐTN-VP
(``standards.md`` §2 and §5.3). The figures are used twice: ``tools/build_templates.py``
writes them into the Word template's styles (where a maintainer may later adjust
them in Word), and the conformance tests check every rendered document against
them. A new regime (Nhà nước, Đảng) is a new :class:`Profile`, not new code.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal, NamedTuple, Optional, Union

Align = Literal["left", "center", "right", "justify"]


class TextFigure(NamedTuple):
    """How one element of the page is set: size in points, weight, slant, alignment.

    The figure and the drawn marks below are named tuples rather than dataclasses: a new
    process builds a tuple class in a fraction of the time (a dataclass's methods are written
    as source and compiled at import), and these values are only ever read."""

    size: float
    bold: bool = False
    italic: bool = False
    underline: bool = False
    align: Align = "center"
    first_line_indent_twips: int = 0
    left_indent_twips: int = 0
    space_before_pt: float = 0
    space_after_pt: float = 0
    line_spacing: float = 1.0
    boxed: bool = False
    """A frame around the words (MẬT, DỰ THẢO)."""
    keep_with_next: bool = False
    """Keep on the same page as the next paragraph (headings, the closing sentence)."""
    border_bottom: bool = False
    """A line under the paragraph (the drawn lines of NĐ 30)."""


class LineSpec(NamedTuple):
    """A drawn rule made of one repeated character: a fixed length, or a share of a text's."""

    char: str
    length: int = 0
    ratio: float = 0.0
    """Characters of rule per character of the text above; an underscore is narrower than
    a capital and wider than a small letter, so 0.55 under CAPS and 0.35 under sentence
    case draw about 2/5 of the text's length (NĐ 30: 1/3 to 1/2)."""

    def under(self, text: str = "") -> str:
        if self.length:
            return self.char * self.length
        return self.char * max(5, round(len(text) * self.ratio))


class DrawnLine(NamedTuple):
    """A real line (the bottom border of an empty paragraph), centred, as long as a share of
    the text above it: NĐ 30 PL I draws the lines under the agency's name (1/3 to 1/2 of it),
    under the tiêu ngữ (as long as it) and under the trích yếu (1/3 to 1/2 of it). A drawn
    line keeps its length whatever the font; typed underscores do not."""

    ratio: float


@dataclass(frozen=True)
class Profile:
    """Everything that differs between regimes: page, letterhead, figures, fixed words."""

    name: str
    label: str
    page_size_mm: tuple[float, float]
    margins_mm: tuple[float, float, float, float]
    """Top, bottom, left, right."""
    header_columns_mm: tuple[float, float]
    """Widths of the letterhead columns (left, right)."""
    closing_columns_mm: tuple[float, float]
    """Widths of the Nơi nhận and signature columns."""
    results_columns_mm: tuple[float, ...]
    """Widths of the results table's columns (TT, chỉ tiêu, đơn vị ... so với cùng kỳ)."""
    motto: tuple[tuple[str, str], ...]
    """Lines at the top right, each with its element: tiêu đề, or quốc hiệu and tiêu ngữ."""
    motto_rule: Optional[DrawnLine]
    """A line under the motto (NĐ 30: as long as the tiêu ngữ); None when the motto is underlined."""
    agency_mark: Union[LineSpec, DrawnLine]
    """Under the issuing body's name: ``***`` (Đoàn) or a solid line 1/3-1/2 its length (NĐ 30)."""
    title_rule: Union[LineSpec, DrawnLine]
    """Under the trích yếu: dashes (Đoàn) or a solid line 1/3-1/2 its length (NĐ 30)."""
    number_format: str
    """``str.format`` pattern of the number line, with ``{number}`` and ``{symbol}``."""
    symbol_format: str
    """The symbol from ``{type}`` and ``{agency}``; a drafting unit adds ``-<unit>``."""
    number_blank: str
    """Stands for the number when it is not yet issued, to be filled in by hand."""
    label_scheme: Literal["arabic-points", "letter-points"]
    """Below khoản ``1.``: ``1.1.``, ``1.1.1.`` (Đoàn) or ``a)``, ``b)``, ``đ)`` (NĐ 30)."""
    bases_last_mark: str
    """Ends the last căn cứ line (each other ends with ``;``): ``,`` (Đoàn), ``.`` (NĐ 30)."""
    addressee_label_italic: bool
    """'Kính gửi:' in italics (Đoàn, bold italic by the style) or upright (NĐ 30)."""
    recipients_label: str
    archive_format: str
    """The last Nơi nhận entry, from ``{archive}``: ``Lưu VP`` or ``Lưu: VT, TH``."""
    default_archive: str
    """Archive when the document names none: ``VP`` (Đoàn), ``VT`` (NĐ 30)."""
    archive_opens_with_default: bool
    """NĐ 30: the default (VT, văn thư) always opens the line and what is named follows
    (``VT, TH``); with nothing named, the drafting unit follows."""
    unit_code_marks: str
    """Marks a drafting unit's code may hold besides capitals and digits: ``.&`` in the
    Union (``CTĐ&TTN``, 29-HD III.3), none in NĐ 30 (``UBND-VX``)."""
    recipients_beside_authority: bool
    """Nơi nhận level with the TM./KT. line (NĐ 30) or with the position line (Đoàn)."""
    authorities: tuple[str, ...]
    """Signing authorities the regime knows."""
    end_mark: str
    """Closes the body (``./.``)."""
    numbered_label_emphasis: bool
    """The number of a numbered paragraph takes the look of the heading of its depth (29-HD:
    khoản ``1.`` bold, điểm ``1.1.`` bold italic) or stays plain (NĐ 30: a khoản without a
    title is upright, the size of the text)."""
    annex_short_date: bool
    """The date in an annex's "(Kèm theo ...)" line: ``05/3/2021`` as Union documents cite
    dates, or ``ngày 05 tháng 3 năm 2021`` (NĐ 30 PL I's annex form)."""
    annex_restarts_page_numbers: bool
    """Each annex numbers its pages from 1 (NĐ 30 PL I); otherwise the numbers run on."""
    figures: dict[str, TextFigure] = field(default_factory=dict)
    """Keyed by element; the Word style of element ``x`` is ``STYLE_NAMES[x]``."""

    def text_width_mm(self, landscape: bool = False) -> float:
        width, height = self.page_size_mm
        _, _, left, right = self.margins_mm
        return (height if landscape else width) - left - right

    def table_width_mm(self, landscape: bool = False) -> float:
        """A body table's width: the text width less the cell margin its borders are indented by."""
        return self.text_width_mm(landscape) - 2


HEADING_LEVELS = 5
"""Mục, khoản and three điểm levels have their own style; deeper levels share the last."""

LEAF = "_leaf"
"""A heading with nothing under it (a point whose words are all it says: "a) Đề án ...")
has a style of its own that does not keep with the next paragraph: a run of them is not
one chain pushed whole onto the next page."""

BODY_ELEMENTS = (
    "body", *(f"heading{level}" for level in range(1, HEADING_LEVELS + 1)),
    *(f"heading{level}{LEAF}" for level in range(1, HEADING_LEVELS + 1)), "bullet", "sub_bullet",
    "part_label", "part_title",
)
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
    "national_name": "VB National Name",
    "national_motto": "VB National Motto",
    "motto_rule": "VB Motto Rule",
    "subject": "VB Subject",
    "addressee": "VB Addressee",
    "addressee_item": "VB Addressee Item",
    "basis": "VB Basis",
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
    **{f"heading{level}{LEAF}": f"VB Heading {level} Leaf" for level in range(1, HEADING_LEVELS + 1)},
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
    "part_label": "VB Part Label",
    "part_title": "VB Part Title",
    "annex_label": "VB Annex Label",
    "annex_title": "VB Annex Title",
    "annex_reference": "VB Annex Reference",
    "table_note": "VB Table Note",
    "footnote": "VB Footnote",
    "issuing_authority": "VB Issuing Authority",
    "operative": "VB Operative",
}

_BODY = dict(size=14, align="justify", first_line_indent_twips=720, space_after_pt=6, line_spacing=1.15)
# Headings are set flush left, not justified: a heading that wraps would otherwise stretch its
# first line with wide gaps before a lone word ("XẾP" / "LOẠI"). 29-HD III.6 and NĐ 30 PL I
# give the headings' weight, case and indent, not their alignment; running text stays justified.
_HEADING = {**_BODY, "align": "left"}
_TABLES = {
    "table_caption": TextFigure(size=14, bold=True, space_before_pt=6, space_after_pt=6, keep_with_next=True),
    "table_after": TextFigure(size=6),
    "table_header": TextFigure(size=13, bold=True),
    "table_text": TextFigure(size=13, align="left"),
    "table_index": TextFigure(size=13),
    "table_number": TextFigure(size=13, align="right"),
    "footnote": TextFigure(size=12, align="justify"),
}
# A decision's issuing authority above the căn cứ and its "QUYẾT ĐỊNH:" line below them: CAPS bold,
# centred, the size of the text (NĐ 30 PL III Mẫu 1.1-1.3; the Union's QĐ 367-QĐ/TWĐTN-VP alike).
_DECISION = {
    "issuing_authority": TextFigure(size=14, bold=True, space_before_pt=6, space_after_pt=6),
    "operative": TextFigure(size=14, bold=True, space_before_pt=6, space_after_pt=6, keep_with_next=True),
}
# Phụ lục (NĐ 30 PL I; 29-HD is silent, the Union follows the same form): "Phụ lục I" and
# the title centred bold, the "(Kèm theo ...)" line centred italic, then a short rule's air.
_ANNEX = {
    "annex_label": TextFigure(size=14, bold=True),
    "annex_title": TextFigure(size=14, bold=True),
    "annex_reference": TextFigure(size=14, italic=True, space_after_pt=12),
}

DOAN = Profile(
    name="doan",
    label="Đoàn TNCS Hồ Chí Minh (Hướng dẫn 29-HD/TWĐTN-VP)",
    page_size_mm=(210, 297),
    margins_mm=(20, 20, 30, 20),
    header_columns_mm=(80, 80),
    closing_columns_mm=(68, 92),
    results_columns_mm=(10, 50, 20, 19, 19, 20, 20),
    motto=(("ĐOÀN TNCS HỒ CHÍ MINH", "motto"),),
    motto_rule=None,
    agency_mark=LineSpec("*", length=3),
    title_rule=LineSpec("-", length=15),
    number_format="Số: {number}-{symbol}",
    symbol_format="{type}/{agency}",
    number_blank="\u00a0" * 6,
    label_scheme="arabic-points",
    bases_last_mark=",",
    addressee_label_italic=True,
    recipients_label="Nơi nhận:",
    archive_format="Lưu {archive}",
    default_archive="VP",
    archive_opens_with_default=False,
    unit_code_marks=".&",
    recipients_beside_authority=False,
    authorities=("TM.", "KT.", "TL.", "Q."),
    end_mark="./.",
    numbered_label_emphasis=True,
    annex_short_date=True,
    annex_restarts_page_numbers=False,
    figures={
        "normal": TextFigure(size=14, align="left"),
        "parent": TextFigure(size=14),
        "issuer": TextFigure(size=14, bold=True),
        "agency_mark": TextFigure(size=14),
        "number": TextFigure(size=14),
        "subject": TextFigure(size=12, italic=True, space_before_pt=6),
        "mark": TextFigure(size=13, bold=True, space_before_pt=6),
        "boxed_mark": TextFigure(size=13, bold=True, boxed=True, space_before_pt=6),
        "motto": TextFigure(size=15, bold=True, underline=True),
        "date": TextFigure(size=13, italic=True),
        "type_name": TextFigure(size=16, bold=True, space_before_pt=18),
        "title": TextFigure(size=14, bold=True),
        "title_rule": TextFigure(size=14, bold=True, space_after_pt=12),
        "addressee": TextFigure(size=14, bold=True, space_before_pt=12, space_after_pt=6),
        # several addressees: their dashes in a column under the centred label
        "addressee_item": TextFigure(size=14, bold=True, align="left", left_indent_twips=3969,
                                     space_after_pt=6),
        "basis": TextFigure(**_BODY),
        "body": TextFigure(**_BODY),
        "heading1": TextFigure(**_HEADING, bold=True, keep_with_next=True),
        "heading2": TextFigure(**_HEADING, bold=True, keep_with_next=True),
        "heading3": TextFigure(**_HEADING, bold=True, italic=True, keep_with_next=True),
        "heading4": TextFigure(**_HEADING, italic=True, keep_with_next=True),
        "heading5": TextFigure(**_HEADING, keep_with_next=True),
        "bullet": TextFigure(**_BODY),
        "sub_bullet": TextFigure(**_BODY),
        "closing": TextFigure(**_BODY, keep_with_next=True),
        "recipients_label": TextFigure(size=13, bold=True, align="left"),
        # a long entry continues under its words, not under its dash
        "recipient": TextFigure(size=11, align="left", left_indent_twips=142, first_line_indent_twips=-142),
        "signer_authority": TextFigure(size=14, bold=True, space_before_pt=12, keep_with_next=True),
        "signer_position": TextFigure(size=14),
        "signer_name": TextFigure(size=14, bold=True, space_before_pt=66),
        "page_number": TextFigure(size=14),
        # Phần (29-HD III.6): "Phần I" 15-16 bold centred, its title under it 14 bold centred
        "part_label": TextFigure(size=15, bold=True, space_before_pt=12, keep_with_next=True),
        "part_title": TextFigure(size=14, bold=True, space_after_pt=6, keep_with_next=True),
        **_TABLES,
        "table_note": TextFigure(**_BODY, italic=True),  # the total in words: running text
        **_ANNEX,
        **_DECISION,
    },
)

# NĐ 30: body paragraphs at least 6 pt apart, line spacing single to 1.5, indent 1 cm or 1.27 cm.
_STATE_BODY = dict(size=14, align="justify", first_line_indent_twips=567, space_before_pt=6, line_spacing=1.15)
_STATE_HEADING = {**_STATE_BODY, "align": "left"}

NHA_NUOC = Profile(
    name="nha-nuoc",
    label="Nhà nước (Nghị định 30/2020/NĐ-CP)",
    page_size_mm=(210, 297),
    margins_mm=(20, 20, 30, 15),
    header_columns_mm=(62, 103),  # the Quốc hiệu never wraps
    closing_columns_mm=(70, 95),
    results_columns_mm=(10, 55, 20, 19, 19, 20, 20),
    motto=(("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "national_name"),
           ("Độc lập - Tự do - Hạnh phúc", "national_motto")),
    motto_rule=DrawnLine(1.0),  # as long as the tiêu ngữ
    agency_mark=DrawnLine(0.4),  # 1/3 to 1/2 of the name
    title_rule=DrawnLine(0.4),
    number_format="Số: {number}/{symbol}",
    symbol_format="{type}-{agency}",
    number_blank="\u00a0" * 6,
    label_scheme="letter-points",
    bases_last_mark=".",
    addressee_label_italic=False,
    recipients_label="Nơi nhận:",
    archive_format="Lưu: {archive}",
    default_archive="VT",
    archive_opens_with_default=True,
    unit_code_marks="",
    recipients_beside_authority=True,
    authorities=("TM.", "KT.", "TL.", "TUQ.", "Q."),
    end_mark="./.",
    numbered_label_emphasis=False,
    annex_short_date=False,
    annex_restarts_page_numbers=True,
    figures={
        "normal": TextFigure(size=14, align="left"),
        # sizes as in the government's own decree file (30_2020_ND_CP.docx), within PL I's ranges
        "parent": TextFigure(size=13),
        "issuer": TextFigure(size=13, bold=True),
        # the drawn lines: an empty paragraph of small size carries a bottom border
        "agency_mark": TextFigure(size=4, border_bottom=True),
        "number": TextFigure(size=13, space_before_pt=6),
        "subject": TextFigure(size=12, space_before_pt=6),
        "mark": TextFigure(size=13, bold=True, space_before_pt=6),
        "boxed_mark": TextFigure(size=13, bold=True, boxed=True, space_before_pt=6),
        "national_name": TextFigure(size=13, bold=True),
        "national_motto": TextFigure(size=14, bold=True),
        "motto_rule": TextFigure(size=4, border_bottom=True),
        "date": TextFigure(size=14, italic=True, space_before_pt=6),
        "type_name": TextFigure(size=14, bold=True, space_before_pt=18),
        "title": TextFigure(size=14, bold=True),
        "title_rule": TextFigure(size=4, border_bottom=True, space_after_pt=12),
        # right of centre, the dashes of several addressees under the colon (NĐ 30 PL I, ô 9a)
        "addressee": TextFigure(size=14, align="left", left_indent_twips=2268, space_before_pt=6),
        "addressee_item": TextFigure(size=14, align="left", left_indent_twips=3402, space_after_pt=6),
        "basis": TextFigure(**_STATE_BODY, italic=True),
        "body": TextFigure(**_STATE_BODY),
        "heading1": TextFigure(**_STATE_HEADING, bold=True, keep_with_next=True),
        "heading2": TextFigure(**_STATE_HEADING, bold=True, keep_with_next=True),
        "heading3": TextFigure(**_STATE_HEADING, keep_with_next=True),
        # below điểm a) the levels are tiết "- ...": they read as the bullets of running text,
        # justified like them (vanban check holds a flush-left "- " line to the body's alignment)
        "heading4": TextFigure(**_STATE_BODY, italic=True, keep_with_next=True),
        "heading5": TextFigure(**_STATE_BODY, keep_with_next=True),
        "bullet": TextFigure(**_STATE_BODY),
        "sub_bullet": TextFigure(**_STATE_BODY),
        "closing": TextFigure(**_STATE_BODY, keep_with_next=True),
        "recipients_label": TextFigure(size=12, bold=True, italic=True, align="left", space_before_pt=12),
        # a long entry continues under its words, not under its dash
        "recipient": TextFigure(size=11, align="left", left_indent_twips=142, first_line_indent_twips=-142),
        "signer_authority": TextFigure(size=14, bold=True, space_before_pt=12, keep_with_next=True),
        "signer_position": TextFigure(size=14, bold=True),
        "signer_name": TextFigure(size=14, bold=True, space_before_pt=66),
        "page_number": TextFigure(size=14),
        # Phần (NĐ 30 PL I, II.6): "Phần I" 14 bold centred, its title CAPS 14 bold centred
        "part_label": TextFigure(size=14, bold=True, space_before_pt=12, keep_with_next=True),
        "part_title": TextFigure(size=14, bold=True, space_after_pt=6, keep_with_next=True),
        **_TABLES,
        "table_note": TextFigure(**_STATE_BODY, italic=True),  # the total in words: running text
        **_ANNEX,
        **_DECISION,
    },
)

def _with_leaf_headings(profile: Profile) -> Profile:
    """Each heading's leaf variant: the same figure, not kept with the next paragraph."""
    leaves = {f"{key}{LEAF}": figure._replace(keep_with_next=False)
              for key, figure in profile.figures.items() if key.startswith("heading")}
    return replace(profile, figures={**profile.figures, **leaves})


DOAN = _with_leaf_headings(DOAN)
NHA_NUOC = _with_leaf_headings(NHA_NUOC)
PROFILES: dict[str, Profile] = {DOAN.name: DOAN, NHA_NUOC.name: NHA_NUOC}


def get_profile(name: str) -> Profile:
    from .errors import ProfileNotFoundError

    try:
        return PROFILES[name]
    except KeyError:
        raise ProfileNotFoundError(name, sorted(PROFILES)) from None
