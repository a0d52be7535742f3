"""Write vanban/_font_widths.py: the advance widths of Times New Roman's letters.

    pip install fonttools && python tools/build_font_widths.py

Read from Liberation Serif, which is metric-compatible with Times New Roman (the same
advance width for every Latin character): vanban estimates how long a line is (letterhead
columns, table columns, balanced title lines) without a font file at run time. A
Vietnamese letter is as wide as its base letter with its horn (the tone marks sit above
or below it; the horn of ư, ơ, Ư sticks out and widens them), so only the base letters,
the horned ones, digits and punctuation are written. Liberation Serif 2 (fonts-liberation2)
is read: version 1 has no Vietnamese letters at all.
"""

from __future__ import annotations

import string
from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = Path("/usr/share/fonts/truetype/liberation2")
FACES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold_italic": "BoldItalic"}
CHARACTERS = string.ascii_letters + string.digits + string.punctuation + " \u00a0\u2011\u2013\u201c\u201d\u2018\u2019…ĐđƠơƯư"


def widths(face: str) -> dict[str, int]:
    font = TTFont(FONTS / f"LiberationSerif-{face}.ttf")
    cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
    per_em = font["head"].unitsPerEm
    return {char: round(metrics[cmap[ord(char)]][0] * 1000 / per_em) for char in CHARACTERS if ord(char) in cmap}


def main() -> None:
    lines = ['"""Advance widths of Times New Roman, in thousandths of an em (tools/build_font_widths.py)."""', "",
             "WIDTHS: dict[str, dict[str, int]] = {"]
    for name, face in FACES.items():
        table = widths(face)
        lines.append(f"    {name!r}: {{")
        items = [f"{char!r}: {width}" for char, width in table.items()]
        for start in range(0, len(items), 8):
            lines.append("        " + ", ".join(items[start:start + 8]) + ",")
        lines.append("    },")
    lines.append("}")
    path = ROOT / "vanban" / "_font_widths.py"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
