"""How long a line of text is on the page, without a font file.

Times New Roman's advance widths (``_font_widths``, read from the metric-compatible
Liberation Serif) give a line's length to well within a millimetre: enough to size the
letterhead's columns, share a table's width, break a title into balanced lines, and tell
when a name cannot fit on one line.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from ._font_widths import WIDTHS

MM_PER_PT = 25.4 / 72
_AVERAGE = "n"  # a character the table does not know counts as an average letter


_HORN = "\u031b"


@lru_cache(maxsize=4096)
def _base(char: str) -> str:
    """The letter under a Vietnamese letter's tone mark: ``ể`` -> ``e``, ``ự`` -> ``ư`` (the
    horn is part of the letter's width, a tone mark is not)."""
    if char in "Đđ":
        return char
    if char == "\u2011":  # a non-breaking hyphen is drawn as the hyphen (Liberation Serif 2 has no glyph of its own)
        return "-"
    parts = unicodedata.normalize("NFD", char)
    return unicodedata.normalize("NFC", parts[0] + _HORN) if _HORN in parts else parts[0]


def _unknown(char: str, table: dict[str, int]) -> int:
    """A character the table does not know, drawn from another font: a wide (CJK) character is
    a full em, a capital as wide as a capital H, anything else an average letter."""
    if unicodedata.east_asian_width(char) in "WF":
        return 1000
    return table["H"] if char.isupper() else table[_AVERAGE]


@lru_cache(maxsize=1024)  # the same lines (an office's name, its motto) are measured for every document
def text_units(text: str, bold: bool = False, italic: bool = False) -> int:
    """The advance width of ``text`` in font units (a thousandth of the size): widths add up,
    so the width of joined texts is the sum of theirs."""
    face = "bold_italic" if bold and italic else "bold" if bold else "italic" if italic else "regular"
    table = WIDTHS[face]
    return sum(table.get(char) or table.get(_base(char)) or _unknown(char, table) for char in text)


def units_mm(units: int, size_pt: float) -> float:
    """``units`` (of :func:`text_units`) set at ``size_pt``, in millimetres."""
    return units / 1000 * size_pt * MM_PER_PT


def text_width_mm(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """The width of ``text`` set on one line at ``size_pt`` in Times New Roman."""
    return units_mm(text_units(text, bold, italic), size_pt)
