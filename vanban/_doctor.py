"""``vanban doctor``: what PDF and page images need, what is there, how to install the rest."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ._pdf import INSTALL, find_pdftoppm, find_soffice, find_uno_python

FONT = "Times New Roman"
STAND_IN = "Liberation Serif"  # metric-compatible: the same width for every character
VIETNAMESE = "1af 1b0 1a0 1a1 1ea1 1ec7 1ef1"
"""Code points (hex, fontconfig's charset syntax) of letters only a font made for Vietnamese has:
ư, ơ with their horns, ạ, ệ, ự with their dots below. Liberation Serif 1.x lacks them: LibreOffice
then draws each such letter from another font (DejaVu Serif), wider and of another look, in the
middle of a word, and lines wrap where they would not in Word."""


@dataclass(frozen=True)
class Finding:
    """One thing checked: its name, found or not, what was found, what it is for, how to install."""

    name: str
    ok: bool
    detail: str
    needed_for: str
    install: Optional[str] = None


def _run(args: list[str], timeout: float = 60) -> Optional[str]:
    try:
        result = subprocess.run(args, capture_output=True, text=True, timeout=timeout,
                                stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def check_libreoffice() -> tuple[Finding, Optional[str]]:
    soffice = find_soffice()
    if soffice is None:
        return Finding("LibreOffice", False, "không tìm thấy soffice", "tạo PDF và ảnh trang",
                       INSTALL["libreoffice"]), None
    version = _run([soffice, "--headless", "--version"]) or "không rõ phiên bản"
    return Finding("LibreOffice", True, f"{soffice} ({version.splitlines()[0] if version else ''})",
                   "tạo PDF và ảnh trang"), soffice


def check_uno(soffice: Optional[str]) -> Finding:
    needed = "chuyển PDF nhanh: một LibreOffice chạy sẵn cho nhiều văn bản"
    if soffice is None:
        return Finding("Python có mô-đun uno", False, "cần LibreOffice trước", needed, INSTALL["uno"])
    python = find_uno_python(soffice)
    if python is None:
        return Finding("Python có mô-đun uno", False,
                       "không có; PDF vẫn tạo được nhưng chậm hơn (mỗi văn bản một lần mở LibreOffice)",
                       needed, INSTALL["uno"])
    return Finding("Python có mô-đun uno", True, python, needed)


def _font_files() -> list[Path]:
    folders = []
    if os.name == "nt":
        folders.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
    elif sys.platform == "darwin":
        folders += [Path("/Library/Fonts"), Path("/System/Library/Fonts/Supplemental"),
                    Path.home() / "Library" / "Fonts"]
    else:
        folders += [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts",
                    Path.home() / ".local" / "share" / "fonts"]
    files = []
    for folder in folders:
        if folder.is_dir():
            files += [p for p in folder.rglob("*") if p.suffix.lower() in (".ttf", ".otf", ".ttc")]
    return files


def check_fonts() -> Finding:
    """Which font LibreOffice will use for Times New Roman (fontconfig where there is one)."""
    needed = "PDF và ảnh trang đúng cỡ chữ, đúng số trang như trong Word"
    if shutil.which("fc-match"):
        family = _run(["fc-match", "-f", "%{family}", FONT]) or ""
        families = [f.strip() for f in family.split(",")]
        chosen = FONT if FONT in families else STAND_IN if STAND_IN in families else None
        if chosen is not None and not _covers_vietnamese(chosen):
            return Finding("Phông chữ", False, f"{chosen} có trên máy nhưng thiếu chữ Việt có dấu (ư, ơ, ạ, ệ, ự): "
                           "LibreOffice sẽ lấy các chữ ấy từ phông khác, chữ rộng hơn và khác nét",
                           needed, INSTALL["fonts"])
        if chosen == FONT:
            return Finding("Phông chữ", True, FONT, needed)
        if chosen == STAND_IN:
            return Finding("Phông chữ", True, f"{STAND_IN} thay cho {FONT} (cùng kích thước chữ)", needed)
        shown = family or "không có phông nào"
        return Finding("Phông chữ", False, f"{FONT} sẽ bị thay bằng {shown}: chữ rộng hẹp khác, "
                       "số trang có thể khác Word", needed, INSTALL["fonts"])
    names = {p.stem.lower().replace(" ", "") for p in _font_files()}
    if {"times", "timesnewroman"} & names:
        return Finding("Phông chữ", True, FONT, needed)
    if any(n.startswith("liberationserif") for n in names):
        return Finding("Phông chữ", True, f"{STAND_IN} thay cho {FONT} (cùng kích thước chữ)", needed)
    return Finding("Phông chữ", False, f"không tìm thấy {FONT} hay {STAND_IN}", needed, INSTALL["fonts"])


def _covers_vietnamese(family: str) -> bool:
    """Whether fontconfig knows a regular and a bold face of ``family`` with every Vietnamese letter."""
    for style in ("Regular", "Bold"):
        found = _run(["fc-list", f"{family}:style={style}:charset={VIETNAMESE}", "family"])
        if not found:
            return False
    return True


def check_pdftoppm() -> Finding:
    program = find_pdftoppm()
    if program is None:
        return Finding("pdftoppm (poppler)", False, "không tìm thấy", "ảnh trang (--png)", INSTALL["pdftoppm"])
    return Finding("pdftoppm (poppler)", True, program, "ảnh trang (--png)")


def diagnose() -> list[Finding]:
    libreoffice, soffice = check_libreoffice()
    return [libreoffice, check_uno(soffice), check_fonts(), check_pdftoppm()]


def report(findings: list[Finding]) -> str:
    lines = ["vanban doctor: các chương trình cần để tạo PDF và ảnh trang", ""]
    for finding in findings:
        mark = "[có]   " if finding.ok else "[thiếu]"
        lines.append(f"{mark} {finding.name}: {finding.detail}")
        lines.append(f"        dùng để: {finding.needed_for}")
        if not finding.ok and finding.install:
            lines.append(f"        cách cài: {finding.install}")
    missing = [f.name for f in findings if not f.ok]
    lines.append("")
    if missing:
        lines.append(f"Còn thiếu: {', '.join(missing)}. Tệp .docx vẫn tạo được bình thường.")
    else:
        lines.append("Đủ cả: vanban tạo được .docx, PDF và ảnh trang.")
    return "\n".join(lines)
