"""``vanban check FILE --png``: the page images with each finding boxed and numbered.

The document is laid out by LibreOffice (PDF), its pages drawn by ``pdftoppm`` as ``render
--png`` does; ``pdftotext -bbox`` gives every word of the PDF with its box. A finding's
paragraph is found on the pages by its words, in order, and the boxes of those words make
the finding's box. Findings about the whole document (page size, margins) have no box:
their numbers stand in the top margin of the first page. Pillow draws.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Optional

from lxml import etree

from ._check import Report
from ._docx_read import DocxView
from .errors import MissingToolError, PageImageError

COLOURS = {"error": (214, 39, 40), "warning": (230, 130, 0), "info": (31, 119, 180), "not_evaluated": (120, 120, 120)}
FIRST_WORDS = 8
"""How many of a paragraph's first words must follow each other on the page to find it."""


@dataclass
class Word:
    page: int
    token: str
    box: tuple[float, float, float, float]  # points, from the page's top left


@dataclass
class Mark:
    """Where finding ``number`` stands: a page and a box in points (None: the whole document)."""

    number: int
    severity: str
    page: Optional[int] = None
    box: Optional[tuple[float, float, float, float]] = None


def tokens(text: str) -> list[str]:
    return [t.lower() for t in re.findall(r"\w+", unicodedata.normalize("NFC", text.replace("\u00a0", " ")))]


def pdf_words(pdf: bytes, timeout: float = 120.0) -> tuple[list[Word], list[tuple[float, float]]]:
    """Every word of ``pdf`` with its box, and each page's size in points (poppler's pdftotext)."""
    import shutil

    program = shutil.which("pdftotext")
    if program is None:
        raise MissingToolError("pdftoppm", "tìm được chỗ của từng lỗi trên trang")
    with tempfile.TemporaryDirectory(prefix="vanban-words-") as folder:
        source = Path(folder) / "van-ban.pdf"
        source.write_bytes(pdf)
        target = Path(folder) / "words.html"
        try:
            result = subprocess.run([program, "-bbox", str(source), str(target)], capture_output=True,
                                    timeout=timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise PageImageError(f"pdftotext không xong sau {timeout:g} giây.") from None
        if result.returncode != 0 or not target.is_file():
            detail = result.stderr.decode("utf-8", "replace").strip()
            raise PageImageError(f"pdftotext không đọc được chữ trên trang: {detail}.")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True)
        root = etree.fromstring(target.read_bytes(), parser)
    words, sizes = [], []
    for number, page in enumerate(root.iter("{*}page")):
        sizes.append((float(page.get("width")), float(page.get("height"))))
        for word in page.iter("{*}word"):
            box = tuple(float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
            words += [Word(number, token, box) for token in tokens(word.text or "")]
    return words, sizes


def place_findings(report: Report, view: DocxView, words: list[Word]) -> list[Mark]:
    """Each finding's mark, numbered from 1 in the report's order."""
    stream = [w.token for w in words]
    texts = {p.index: p.text for p in view.paragraphs}
    # where each paragraph's words should start in the PDF's words, by the words before it: the
    # same words may stand twice (a title in the text, a heading), the nearer place is the one
    before, count = {}, 0
    for para in view.paragraphs:
        before[para.index] = count
        count += len(tokens(para.text))
    ratio = len(stream) / count if count else 1.0
    marks, found = [], {}
    for number, finding in enumerate(report.findings, start=1):
        mark = Mark(number, finding.severity)
        if finding.paragraph:
            if finding.paragraph not in found:
                found[finding.paragraph] = _find(tokens(texts.get(finding.paragraph, "")), stream,
                                                 near=before.get(finding.paragraph, 0) * ratio)
            where = found[finding.paragraph]
            if where is not None:
                start, length = where
                page = words[start].page
                chosen = [w for w in words[start:start + length] if w.page == page]
                mark.page = page
                mark.box = (min(w.box[0] for w in chosen), min(w.box[1] for w in chosen),
                            max(w.box[2] for w in chosen), max(w.box[3] for w in chosen))
        marks.append(mark)
    return marks


def _find(wanted: list[str], stream: list[str], near: float) -> Optional[tuple[int, int]]:
    """Where ``wanted`` starts in ``stream`` (its first words in a row), the place nearest to
    ``near`` when there are several; and how many words it covers."""
    if not wanted:
        return None
    head = wanted[:FIRST_WORDS]
    starts = [i for i in range(len(stream) - len(head) + 1) if stream[i:i + len(head)] == head]
    if not starts:
        return None
    return min(starts, key=lambda i: abs(i - near)), len(wanted)


def draw(pages: list[bytes], sizes: list[tuple[float, float]], marks: list[Mark]) -> list[bytes]:
    """The page images with the marks drawn: a box and its number beside it."""
    from PIL import Image, ImageDraw

    out = []
    for number, png in enumerate(pages):
        image = Image.open(BytesIO(png)).convert("RGB")
        width_pt = sizes[number][0] if number < len(sizes) else image.width
        scale = image.width / width_pt
        pen = ImageDraw.Draw(image)
        font = _font(max(12, int(11 * scale)))
        line = max(2, int(round(1.5 * scale)))
        boxes: dict = {}  # several findings on one paragraph share its box and one tag: "7, 9"
        for mark in marks:
            if mark.page == number and mark.box:
                boxes.setdefault(mark.box, []).append(mark)
        for box, together in boxes.items():
            colour = COLOURS.get(_worst(together), COLOURS["error"])
            x0, y0, x1, y1 = (value * scale for value in box)
            pad = 2 * scale
            pen.rectangle((x0 - pad, y0 - pad, x1 + pad, y1 + pad), outline=colour, width=line)
            _label(pen, font, ", ".join(str(m.number) for m in together), x0 - pad, y0 - pad, colour, image.width)
        loose = [m for m in marks if m.box is None]
        if number == 0 and loose:
            x = 6 * scale
            for mark in loose:
                x = _label(pen, font, str(mark.number), x, 4 * scale, COLOURS.get(mark.severity), image.width,
                           beside=False) + 3 * scale
        buffer = BytesIO()
        image.save(buffer, format="PNG")
        out.append(buffer.getvalue())
    return out


def _worst(marks: list[Mark]) -> str:
    order = list(COLOURS)
    return min((m.severity for m in marks), key=lambda s: order.index(s) if s in order else 0)


def _font(size: int):
    from PIL import ImageFont

    for name in ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "Arial Bold.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    try:
        return ImageFont.load_default(size)
    except TypeError:  # Pillow before 10.1
        return ImageFont.load_default()


def _label(pen, font, text: str, x: float, y: float, colour, page_width: int, beside: bool = True) -> float:
    """A filled tag with ``text``, left of (x, y) when there is room, else inside; returns its right edge."""
    left, top, right, bottom = pen.textbbox((0, 0), text, font=font)
    width, height = right - left + 8, bottom - top + 6
    if beside:
        x = x - width - 2 if x - width - 2 >= 0 else x
    x = min(x, page_width - width)
    pen.rectangle((x, y, x + width, y + height), fill=colour)
    pen.text((x + 4 - left, y + 3 - top), text, fill=(255, 255, 255), font=font)
    return x + width


def marked_pages(docx: bytes, report: Report, *, name: str = "van-ban.docx", dpi: int = 100,
                 converter=None) -> tuple[list[bytes], list[Mark]]:
    """The page images of ``docx`` with the findings of ``report`` boxed and numbered."""
    from ._pdf import PdfConverter, find_pdftoppm, pdf_to_png

    if find_pdftoppm() is None:
        raise MissingToolError("pdftoppm", "tạo được ảnh trang")
    if converter is not None:
        pdf = converter.convert_bytes(docx, name)
    else:
        with PdfConverter() as own:
            pdf = own.convert_bytes(docx, name)
    words, sizes = pdf_words(pdf)
    marks = place_findings(report, DocxView(docx, name), words)
    return draw(pdf_to_png(pdf, dpi=dpi), sizes, marks), marks
