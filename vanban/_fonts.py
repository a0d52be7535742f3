"""The font of a PDF: Times New Roman, or a font with the same width for every character.

Documents are written in Times New Roman (29-HD, NĐ 30). LibreOffice draws them with whatever
font the system gives for that name; a font of other widths moves line and page breaks, so the
PDF no longer matches the document printed from Word. Two checks, each said in Vietnamese:

- before converting: which font fontconfig (``fc-match``) gives for Times New Roman
  (:func:`times_substitute_problem`); where there is no fontconfig (Windows, macOS), Times New
  Roman comes with the system;
- after: which fonts the PDF embeds (poppler's ``pdffonts``, :func:`embedded_font_problem`):
  a character the font lacks is drawn by LibreOffice in another font, and a font not embedded is
  drawn by the reader's own.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Optional

TIMES = "Times New Roman"
METRIC_COMPATIBLE = ("Times New Roman", "Liberation Serif", "Tinos")
"""Fonts with Times New Roman's width for every character: lines and pages break alike."""
_KEYS = tuple(re.sub(r"[^a-z]", "", name.lower()) for name in METRIC_COMPATIBLE)
_SUBSET = re.compile(r"^[A-Z]{6}\+")
VIETNAMESE = "1af 1b0 1a0 1a1 1ea1 1ec7 1ef1"
"""Code points (hex, fontconfig's charset syntax) of letters only a font made for Vietnamese has:
ư, ơ with their horns, ạ, ệ, ự with their dots below. Liberation Serif 1.x lacks them: LibreOffice
then draws each such letter from another font (DejaVu Serif), wider and of another look, in the
middle of a word, and lines wrap where they would not in Word."""


def _same_widths(font: str) -> bool:
    """Whether a PDF font name is of a family in :data:`METRIC_COMPATIBLE`, whatever its subset
    tag, style and spelling: ``BAAAAA+LiberationSerif-BoldItalic``, ``TimesNewRomanPS-BoldMT``,
    ``Times New Roman,Bold``."""
    family = _SUBSET.sub("", font).split("-")[0].split(",")[0]
    return re.sub(r"[^a-z]", "", family.lower()).startswith(_KEYS)


def _run(args: list[str], timeout: float = 60) -> Optional[str]:
    try:
        result = subprocess.run(args, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


@lru_cache(maxsize=1)
def times_substitute_problem() -> Optional[str]:
    """Why LibreOffice would draw Times New Roman in a font of other widths, or draw Vietnamese
    letters from another font (Liberation Serif 1 has no ư, ơ, ạ, ệ, ự); None if it will not (or
    if this system has no fontconfig to ask). Asked once per process."""
    from ._pdf import INSTALL

    program = shutil.which("fc-match")
    if program is None:
        return None
    found = (_run([program, "-f", "%{family}", TIMES]) or "").strip()
    families = [family.strip() for family in found.split(",") if family.strip()]
    chosen = next((family for family in families if family in METRIC_COMPATIBLE), None)
    install = f"Hãy cài phông ({INSTALL['fonts']}) rồi chạy lại; 'vanban doctor' cho biết máy đã có gì."
    if chosen is None:
        shown = families[0] if families else "không có phông nào"
        return (f"Máy này không có phông {TIMES}, cũng không có phông cùng kích thước chữ với nó (Liberation "
                f"Serif): LibreOffice sẽ vẽ chữ bằng {shown}, rộng hẹp khác nên xuống dòng, sang trang của PDF "
                f"sẽ khác văn bản in từ Word. {install}")
    if not covers_vietnamese(chosen):
        return (f"Phông {chosen} của máy này thiếu chữ Việt có dấu (ư, ơ, ạ, ệ, ự): LibreOffice sẽ lấy các chữ "
                f"ấy từ phông khác, rộng hơn và khác nét, nên PDF sẽ khác văn bản in từ Word. {install}")
    return None


def covers_vietnamese(family: str) -> bool:
    """Whether fontconfig knows a regular and a bold face of ``family`` with every Vietnamese letter."""
    for style in ("Regular", "Bold"):
        found = _run(["fc-list", f"{family}:style={style}:charset={VIETNAMESE}", "family"])
        if not (found or "").strip():
            return False
    return True


def embedded_fonts(pdf: bytes) -> Optional[list[tuple[str, bool]]]:
    """(font name, embedded) for each font of ``pdf``, from pdffonts; None without pdffonts."""
    program = shutil.which("pdffonts")
    if program is None:
        return None
    with tempfile.TemporaryDirectory(prefix="vanban-fonts-") as folder:
        path = Path(folder) / "van-ban.pdf"
        path.write_bytes(pdf)
        listing = _run([program, str(path)])
    if listing is None:
        return None
    fonts = []
    lines = listing.splitlines()
    rule = next((i for i, line in enumerate(lines) if line.startswith("---")), None)
    if rule is None:
        return fonts
    columns = [match.span() for match in re.finditer(r"-+", lines[rule])]  # fixed-width columns
    for line in lines[rule + 1:]:
        if not line.strip():
            continue
        name = line[columns[0][0]:columns[0][1]].strip()
        embedded = line[columns[3][0]:columns[3][1]].strip() == "yes" if len(columns) > 3 else True
        fonts.append((name, embedded))
    return fonts


def embedded_font_problem(pdf: bytes) -> Optional[str]:
    """Why the fonts of ``pdf`` differ from the document's (Times New Roman or a font of the same
    widths, embedded); None if they do not, or if pdffonts is not installed."""
    fonts = embedded_fonts(pdf)
    if not fonts:
        return None
    others = sorted({_SUBSET.sub("", name) for name, _ in fonts if not _same_widths(name)})
    missing = sorted({_SUBSET.sub("", name) for name, embedded in fonts
                      if not embedded and _same_widths(name)})
    if others:
        return (f"Có chữ trong PDF được vẽ bằng phông {', '.join(others)} thay cho {TIMES}: có ký tự mà phông "
                f"{TIMES} (hay Liberation Serif) của máy này không có, nên LibreOffice lấy phông khác, và "
                "chữ đó sẽ khác văn bản in từ Word. Hãy thay ký tự đó (chữ Việt, số và dấu câu thường "
                "đều có trong Times New Roman và Liberation Serif 2), hoặc cài đủ phông ('vanban doctor')")
    if missing:
        return (f"Phông {', '.join(missing)} không được nhúng vào PDF: máy mở PDF sẽ tự chọn phông khác, chữ có thể "
                "xô lệch. Hãy kiểm tra cài đặt phông của máy ('vanban doctor')")
    return None


def require_times() -> None:
    """Raise :class:`~vanban.errors.FontError` before any conversion when this machine would
    draw Times New Roman in a font of other widths."""
    from .errors import FontError

    problem = times_substitute_problem()
    if problem:
        raise FontError(problem)


def require_document_fonts(pdf: bytes, name: str) -> None:
    """Raise :class:`~vanban.errors.FontError` when the PDF ``name`` is not in the document's fonts."""
    from .errors import FontError

    problem = embedded_font_problem(pdf)
    if problem:
        raise FontError(f"Không ghi {name}: {problem[0].lower()}{problem[1:]}.")
