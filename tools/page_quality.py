"""Measure the quality of rendered pages on the PDF, the way a reader sees them.

    python3 tools/page_quality.py examples/ke_hoach_114.yaml    # rendered and converted first
    python3 tools/page_quality.py van-ban.docx                   # converted with LibreOffice
    python3 tools/page_quality.py van-ban.pdf                    # van-ban.docx beside it is read too

Four measures (issue 13), each on the page LibreOffice draws:

* **foot gap**: the blank space between the last line (or table rule) of a page and
  its bottom margin, on every page but the last, is at most two body lines and one
  paragraph space, unless the page ends inside a ruled table, the next page opens an
  annex ("Phụ lục ...") or the document breaks the page there itself; before a page that
  opens with a block the layout could not split (a heading with what it is kept with, the
  closing block with its paragraph, a table's first rows, a paragraph of three lines or
  fewer), up to that block's height (``opening_block``);
* **protected phrases**: no line ends inside a phrase that must stay whole: a Nơi
  nhận purpose "(để b/c)", "TNCS Hồ Chí Minh", the signer's name, a number symbol
  "114-KH/ĐTN", a year range "2010 - 2012", "ngày 05 tháng 3", "Số: ...";
* **stretched lines**: no line of a heading, the trích yếu, the type name or the
  letterhead has a gap between two words wider than twice the spaces typed there;
* **letterhead lines**: each line of the letterhead (bodies, motto, number, date) as
  the document gives it is one line on the page: only the user's breaks break it.

Why poppler's ``pdftotext -bbox-layout`` reads the text: it gives every word with its
box, grouped into lines, blocks and column flows by poppler's own layout analysis, so
a line here is a line a reader sees. pypdf's text extraction gives text-drawing
operators with matrices instead: words, lines and their widths would have to be
rebuilt from font metrics. pypdf reads only what pdftotext does not give, the drawn
rules (table borders). poppler-utils is already needed for page images (pdftoppm).

The document model (which lines are headings or letterhead, the signer's name, where
the document breaks its pages) comes from the .docx through ``vanban check``'s own
finder of the parts of a page, so the tool measures documents vanban did not write.
A PDF without its .docx is measured on what the page alone tells (foot gaps with the
annex and table exceptions, the fixed phrases); the other measures are said to be
not evaluated.

Prints one line per page (the foot gap in points and in body lines) and each failure
with its page, line and reason; exits 1 when a measure fails, 2 when a file cannot
be measured. Output is in Vietnamese, like every message vanban prints.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Sequence
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from vanban.errors import VanbanError  # noqa: E402
from vanban.profiles import DOAN, NHA_NUOC, Profile  # noqa: E402

XHTML = "{http://www.w3.org/1999/xhtml}"
MAX_INPUT_BYTES = 100 * 1024 * 1024
"""A document larger than this is refused rather than read (a PDF of an official text is
a few hundred kilobytes)."""
TOOL_TIMEOUT = 120.0

# --- figures ---------------------------------------------------------------------------

FONT_LINE_HEIGHT = (1825 + 443 + 87) / 2048
"""One line of Times New Roman (and Liberation Serif, its metric twin) at single spacing,
in ems: ascent + descent + line gap of its hhea table, as LibreOffice spaces lines.
14 pt at 1.15 lines is then 18.5 pt from line to line, as measured on vanban's PDFs."""
SPACE_WIDTH_EM = 512 / 2048
"""The advance of a space in Times New Roman and Liberation Serif (regular, bold, italic)."""
STRETCH_FACTOR = 2.0
"""A gap between two words wider than this many typed spaces is a stretched line."""
FOOT_LINES = 2
"""Body lines of blank space a page (but the last) may leave at its foot; before a page that
opens with a heading, that heading's height more (the decision is in ``measure_foot_gaps``
and docs/testing.md)."""
FRAGMENT_GAP_EM = 0.06
"""Pieces of one word closer than this (in line heights) are one word: some poppler and
LibreOffice versions cut a word at a letter with a stacked accent ('C', 'ỘNG'), and in a
justified line the pieces may stand half a point apart. A real space is 0.19 line heights."""

MEASURES = {
    "foot_gap": "khoảng trống cuối trang",
    "phrase": "cụm từ bị ngắt dòng",
    "stretched": "dòng bị giãn chữ",
    "letterhead": "dòng phần đầu văn bản bị xuống dòng",
}
"""Each measure's name in the report (keys are what the tests and the code use)."""


def body_line_pitch(profile: Profile) -> float:
    """Points from one body line to the next: the body's size, the font's line height and
    the profile's line spacing (14 pt × 1.1499 × 1.15 = 18.5 pt in both profiles)."""
    body = profile.figures["body"]
    return body.size * FONT_LINE_HEIGHT * body.line_spacing


def paragraph_space(profile: Profile) -> float:
    body = profile.figures["body"]
    return body.space_before_pt + body.space_after_pt


def foot_gap_limit(profile: Profile) -> float:
    """Two body lines and the space between two paragraphs: 2 × 18.5 + 6 = 43.0 pt (15 mm).
    A gap under one line is a page that is full; one more line's worth is what widow and
    orphan control may leave; beyond that a block was pushed to the next page."""
    return FOOT_LINES * body_line_pitch(profile) + paragraph_space(profile)


# --- the page as poppler reads it ----------------------------------------------------------


_SAME_TEXT = str.maketrans({
    "\u00a0": " ", "\u202f": " ", "\u2007": " ",  # no-break spaces are spaces to a reader
    "\u2010": "-", "\u2011": "-",  # a non-breaking hyphen is a hyphen (the PDF may give either)
    "\u00ad": None, "\u200b": None, "\u2060": None, "\ufeff": None,  # nothing on the page
})


def plain(text: str) -> str:
    """Text as it reads on the page, whichever of the look-alike characters the document or
    the PDF uses: NFC, no-break spaces as spaces, non-breaking hyphens as hyphens, and no
    invisible characters (soft hyphen, zero-width space, word joiner)."""
    return unicodedata.normalize("NFC", text).translate(_SAME_TEXT)


def key(text: str) -> str:
    """Text without any white space: how a PDF line and a model line are compared (PDF
    text loses spaces between pieces of a word, and keeps none at line ends)."""
    return "".join(plain(text).split())


@dataclass
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Line:
    page: int
    row: tuple[int, int, int, int]
    """(page, flow, block, line) of the line poppler read: the pieces of a line cut where
    it crosses columns (``split_columns``) share it, and are one line to a reader."""
    words: list[Word]

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def y0(self) -> float:
        return min(w.y0 for w in self.words)

    @property
    def y1(self) -> float:
        return max(w.y1 for w in self.words)

    @property
    def key(self) -> str:
        return key("".join(w.text for w in self.words))

    @property
    def text(self) -> str:
        """The line's words with the pieces of a word joined (see ``FRAGMENT_GAP_EM``)."""
        return " ".join(w.text for w in join_fragments(self.words))


@dataclass
class Rule:
    """A drawn line or filled box (a table border), in poppler's coordinates (y down)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def vertical(self) -> bool:
        return self.x1 - self.x0 < 2 and self.y1 - self.y0 > 4


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]
    rules: list[Rule] = field(default_factory=list)


def join_fragments(words: Sequence[Word]) -> list[Word]:
    """Words as a reader sees them: touching pieces on one line are one word."""
    joined: list[Word] = []
    for word in words:
        if joined:
            previous = joined[-1]
            height = max(word.y1 - word.y0, previous.y1 - previous.y0)
            if -1 < word.x0 - previous.x1 < FRAGMENT_GAP_EM * height:
                joined[-1] = Word(previous.text + word.text, previous.x0, min(previous.y0, word.y0),
                                  word.x1, max(previous.y1, word.y1))
                continue
        joined.append(word)
    return joined


COLUMN_GAP_HEIGHTS = 0.8
"""A gap between two words wider than this many line heights (four spaces), and four
times the line's other gaps, separates two columns that poppler read as one line (the
letterhead's two columns, Nơi nhận beside the signature, when their lines share a
baseline); the two columns of a letterhead may stand one line height apart."""


def split_columns(words: Sequence[Word]) -> list[list[Word]]:
    """A line of words cut where it crosses from one column into the next. The gaps of a
    justified line are all alike, however wide: only a gap that stands out is a column's."""
    if not words:
        return []
    height = max(w.y1 - w.y0 for w in words)
    gaps = [b.x0 - a.x1 for a, b in zip(words, words[1:])]
    spaces = sorted(g for g in gaps if g >= FRAGMENT_GAP_EM * height)
    parts = [[words[0]]]
    for gap, word in zip(gaps, words[1:]):
        others = [g for g in spaces if g != gap]
        typical = others[len(others) // 2] if others else None
        if typical is not None and gap > COLUMN_GAP_HEIGHTS * height and gap > 4 * typical:
            parts.append([word])
        else:
            parts[-1].append(word)
    return parts


def _run(args: list[str], what: str) -> bytes:
    try:
        result = subprocess.run(args, capture_output=True, timeout=TOOL_TIMEOUT, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise VanbanError(f"Chưa cài {args[0]} (poppler-utils): sudo apt-get install poppler-utils.") from None
    except subprocess.TimeoutExpired:
        raise VanbanError(f"{args[0]} không {what} sau {TOOL_TIMEOUT:g} giây.") from None
    if result.returncode != 0:
        detail = " ".join(result.stderr.decode("utf-8", "replace").split())
        raise VanbanError(f"{args[0]} không {what} ({detail}).")
    return result.stdout


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_characters_only(xml: bytes) -> str:
    """pdftotext writes a glyph's text as the PDF maps it, control characters included (a
    document with unusual characters maps some glyphs to U+0001 ...), which XML forbids: they
    are nothing a reader sees, and are dropped."""
    return _NOT_XML.sub("", xml.decode("utf-8", "replace"))


def read_pdf(pdf: bytes) -> list[Page]:
    """Every page's lines (poppler) and drawn rules (pypdf)."""
    with tempfile.TemporaryDirectory(prefix="vanban-quality-") as folder:
        source = Path(folder) / "van-ban.pdf"
        source.write_bytes(pdf)
        xml = _run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(source), "-"], "đọc được chữ trong PDF")
    try:
        root = ElementTree.fromstring(_xml_characters_only(xml))
    except ElementTree.ParseError as error:
        raise VanbanError(f"pdftotext trả về nội dung không đọc được ({error}).") from None
    pages = []
    for number, element in enumerate(root.iter(f"{XHTML}page"), start=1):
        lines = []
        for f, flow in enumerate(element.iter(f"{XHTML}flow")):
            for b, block in enumerate(flow.iter(f"{XHTML}block")):
                for n, line in enumerate(block.iter(f"{XHTML}line")):
                    words = [Word(plain(w.text or "").strip(),
                                  *(float(w.get(a)) for a in ("xMin", "yMin", "xMax", "yMax")))
                             for w in line.iter(f"{XHTML}word")]
                    words = [w for w in words if w.text]
                    lines += [Line(number, (number, f, b, n), part) for part in split_columns(words)]
        pages.append(Page(number, float(element.get("width")), float(element.get("height")), lines))
    try:
        drawn = drawn_rules(pdf)
    except Exception as error:  # pypdf raises many kinds on a damaged file; all mean the same here
        raise VanbanError(f"pypdf không đọc được các đường kẻ trong PDF ({type(error).__name__}: {error}).") from None
    for page, rules in zip(pages, drawn):
        page.rules = rules
    return pages


_PAINT = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}


def drawn_rules(pdf: bytes) -> list[list[Rule]]:
    """The stroked and filled paths of each page (table borders, drawn separator lines),
    as boxes in poppler's coordinates. Paths only used to clip are left out."""
    import io

    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    reader = PdfReader(io.BytesIO(pdf))
    out = []
    for page in reader.pages:
        box = page.mediabox
        top, left = float(box.top), float(box.left)
        contents = page.get_contents()
        rules: list[Rule] = []
        if contents is None:
            out.append(rules)
            continue
        ctm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        stack = []
        path: list[list[tuple[float, float]]] = []

        def place(x: float, y: float) -> tuple[float, float]:
            a, b, c, d, e, f = ctm
            return a * x + c * y + e - left, top - (b * x + d * y + f)

        for operands, operator in ContentStream(contents, reader).operations:
            if operator == b"q":
                stack.append(ctm)
            elif operator == b"Q":
                ctm = stack.pop() if stack else ctm
            elif operator == b"cm":
                a, b, c, d, e, f = (float(v) for v in operands)
                A, B, C, D, E, F = ctm
                ctm = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
                       e * A + f * C + E, e * B + f * D + F)
            elif operator == b"m":
                path.append([place(float(operands[0]), float(operands[1]))])
            elif operator == b"l" and path:
                path[-1].append(place(float(operands[0]), float(operands[1])))
            elif operator == b"re":
                x, y, w, h = (float(v) for v in operands)
                path.append([place(x, y), place(x + w, y + h)])
            elif operator in _PAINT:
                for points in path:
                    xs, ys = [p[0] for p in points], [p[1] for p in points]
                    rules.append(Rule(min(xs), min(ys), max(xs), max(ys)))
                path = []
            elif operator == b"n":
                path = []
        out.append(rules)
    return out


# --- the document model, from the .docx -----------------------------------------------------


@dataclass
class ModelLine:
    """A line of a paragraph as the document gives it (the user's breaks split a paragraph)."""

    text: str
    element: str
    size: float


@dataclass
class Model:
    profile: Profile
    top_margin: float
    """Points."""
    bottom_margin: float
    headings: list[ModelLine] = field(default_factory=list)
    """Whole paragraphs (numbered headings, parts, type name, trích yếu)."""
    letterhead: list[ModelLine] = field(default_factory=list)
    """One entry per line the user typed."""
    names: list[str] = field(default_factory=list)
    page_starts: list[str] = field(default_factory=list)
    """The text that opens a page because the document breaks the page before it."""
    closing: list[str] = field(default_factory=list)
    """The first lines of the closing block: "Nơi nhận:" and each signature's first line."""


HEADING_PARTS = ("type_name", "title", "subject", "operative", "parts", "headings")
KEPT_HEADINGS = ("operative", "parts", "headings")
"""The headings kept with what follows them: "QUYẾT NGHỊ:" over the first Điều, Phần, Mục ..."""
LETTERHEAD_PARTS = ("agency", "union_title", "national_name", "national_motto", "number", "date")


def model_from_docx(docx: bytes) -> Model:
    from vanban._check import detect_profile, locate
    from vanban._docx_read import DocxView

    try:
        view = DocxView(docx)
    except Exception as error:  # not a zip, broken XML: as vanban check says it
        raise VanbanError(f"tệp .docx hỏng hoặc không phải văn bản Word ({error}).") from None
    if view.document is None:
        raise VanbanError("tệp .docx không có word/document.xml: không phải văn bản Word.")
    profile = NHA_NUOC if detect_profile(view) == "nha-nuoc" else DOAN
    setup = view.page_setup()
    found = locate(view)
    model = Model(profile, setup.top / 20, setup.bottom / 20)

    def size(para) -> float:
        sizes = {s for s in view.look(para).sizes if s}
        return max(sizes) if sizes else profile.figures["body"].size

    seen: set[int] = set()
    for name in HEADING_PARTS:
        for para in found[name]:
            # a paragraph the finder reads as two parts (a lettered Phần "C. ..." as a part and
            # a heading) is one line on the page
            if para.text.strip() and id(para.element) not in seen:
                seen.add(id(para.element))
                model.headings.append(ModelLine(shown_text(para.element), name, size(para)))
                title = _part_title(view, para) if name == "parts" else None
                if title is not None and id(title.element) not in seen:
                    seen.add(id(title.element))
                    model.headings.append(ModelLine(shown_text(title.element), name, size(title)))
    for name in LETTERHEAD_PARTS:
        for para in found[name]:
            for piece in shown_text(para.element).split("\n"):
                if piece.strip():
                    model.letterhead.append(ModelLine(piece, name, size(para)))
    for para in found["signature_name"]:
        name = " ".join(plain(shown_text(para.element)).split())
        if name:
            model.names.append(name)
    for name in ("recipients_label", "signature_first", "signature_left_first"):
        for para in found[name]:
            first = shown_text(para.element).split("\n")[0]
            if first.strip():
                model.closing.append(first)
    model.page_starts = _page_starts(view)
    return model


def _part_title(view, label):
    """The title under a bare Phần label ("Phần III" / "KẾT QUẢ", "PHẦN THỨ BA" / ...): the
    finder reads the label as the part; the title under it, on a line of its own, is part of
    the same heading."""
    if not re.fullmatch(r"phần\s+(?:thứ\s+.+|\S+)", label.text.strip(), re.IGNORECASE):
        return None
    following = [p for p in view.paragraphs if p.index > label.index and p.top_level and p.text.strip()]
    return following[0] if following else None


def shown_text(paragraph) -> str:
    """A paragraph's text as the page shows it: the checker's reading, with Word's no-break
    hyphen (``<w:noBreakHyphen/>``, which vanban writes inside number symbols) as the hyphen
    it draws and an optional hyphen (``<w:softHyphen/>``) as nothing."""
    import copy

    from vanban._docx_read import paragraph_text, w

    if next(paragraph.iter(w("noBreakHyphen"), w("softHyphen")), None) is None:
        return paragraph_text(paragraph)
    shown = copy.deepcopy(paragraph)
    for mark in list(shown.iter(w("noBreakHyphen"), w("softHyphen"))):
        text = mark.makeelement(w("t"), {})
        text.text = "-" if mark.tag == w("noBreakHyphen") else ""
        mark.getparent().replace(mark, text)
    return paragraph_text(shown)


def _page_starts(view) -> list[str]:
    """Texts that open a page the document breaks itself: a paragraph with 'page break
    before', the text after a page-break character, the paragraph after a section break
    that starts a new page (Word's default), as annexes have."""
    from vanban._docx_read import w

    paragraphs = [p for p in view.paragraphs if not p.nested]
    starts = []
    pending = False
    for para in paragraphs:
        text = shown_text(para.element)
        if pending and text.strip():
            starts.append(text)
            pending = False
        if _breaks_before(view, para.element) and text.strip():
            starts.append(text)
        breaks = [br for br in para.element.iter(w("br")) if br.get(w("type")) == "page"]
        if breaks:
            after = _text_after(para.element, breaks[-1])
            if after.strip():
                starts.append(after)
            else:
                pending = True
        section = para.element.find(f"{w('pPr')}/{w('sectPr')}")
        if section is not None:
            kind = section.find(w("type"))
            if kind is None or kind.get(w("val")) != "continuous":
                pending = True
    return starts


def _breaks_before(view, paragraph) -> bool:
    from vanban._docx_read import w

    chain = [paragraph.find(w("pPr"))] + [s.find(w("pPr")) for s in view._paragraph_style_chain(paragraph)]
    for properties in chain:
        if properties is None:
            continue
        found = properties.find(w("pageBreakBefore"))
        if found is not None:
            return found.get(w("val"), "true") not in ("0", "false", "off")
    return False


def _text_after(paragraph, marker) -> str:
    from vanban._docx_read import w

    seen = False
    parts = []
    for element in paragraph.iter(w("br"), w("t")):
        if element is marker:
            seen = True
        elif seen and element.tag == w("t"):
            parts.append(element.text or "")
    return "".join(parts)


# --- measures ----------------------------------------------------------------------------


@dataclass
class Failure:
    measure: str
    page: int
    """0 when the line was not found on any page."""
    line: str
    reason: str
    subject: str = ""
    """What failed: the phrase, the heading or the letterhead line, as the document has it."""

    def __str__(self) -> str:
        where = f"trang {self.page}" if self.page else "không rõ trang"
        return f"  LỖI [{MEASURES[self.measure]}] {where}, dòng «{self.line}»: {self.reason}"


@dataclass
class PageFigure:
    number: int
    foot_gap: float
    """Points between the page's last line or rule and its bottom margin."""
    foot_lines: float
    """The same in body lines."""
    excused: str = ""
    """Why the gap is not held against the page: the last page, a table, an annex, a break."""
    limit: float = 0.0
    """The most blank space this page may leave (more before a block that could not be split:
    ``opening_block``)."""
    opening: str = ""
    """That block, in Vietnamese ("tiêu đề", "khối chữ ký" ...), when it allows more."""


@dataclass
class Report:
    name: str
    profile: Profile
    limit: float
    pages: list[PageFigure] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    not_evaluated: list[str] = field(default_factory=list)

    def failed(self, measure: str) -> list[Failure]:
        return [f for f in self.failures if f.measure == measure]

    def to_text(self) -> str:
        pitch = body_line_pitch(self.profile)
        lines = [f"{self.name}: {len(self.pages)} trang, thể thức {self.profile.label}; khoảng trống cuối trang "
                 f"tối đa {_num(self.limit)} pt ({FOOT_LINES} dòng × {_num(pitch)} pt + "
                 f"{_num(paragraph_space(self.profile))} pt)"]
        for figure in self.pages:
            limit = figure.limit or self.limit
            verdict = f" ({figure.excused})" if figure.excused else (
                " — QUÁ GIỚI HẠN" if figure.foot_gap > limit else
                f" (trang sau mở đầu bằng {figure.opening}: cho phép {_num(limit)} pt)" if limit > self.limit else "")
            lines.append(f"  trang {figure.number}: khoảng trống cuối trang {_num(figure.foot_gap)} pt = "
                         f"{_num(figure.foot_lines)} dòng{verdict}")
        lines += [str(f) for f in self.failures]
        lines += [f"  CHƯA ĐO: {what}" for what in self.not_evaluated]
        lines.append(f"  {len(self.failures)} lỗi." if self.failures else "  Đạt mọi phép đo.")
        return "\n".join(lines)


def _num(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def content_lines(page: Page, top: float, bottom: float) -> list[Line]:
    """The lines inside the text area: not the page number in the header, nor a footer."""
    return [line for line in page.lines if line.y1 > top + 1 and line.y0 < bottom - 1]


def _content_rules(page: Page, top: float, bottom: float) -> list[Rule]:
    return [r for r in page.rules if r.y1 > top + 1 and r.y0 < bottom + 2
            and not (r.x1 - r.x0 > page.width - 2 and r.y1 - r.y0 > page.height - 2)]


_LABEL_KINDS = (("part", r"(?i:phần)"), ("article", r"Điều\d"), ("roman", r"(?:[IVX]+|[IVXLCDM]{2,})\."),
                ("capital", r"[A-ZĐ]\.(?!\d)"),  # a lettered Phần "C." is not Mục C (a hundred)
                ("number", r"(?:\d+\.)+\d*"), ("letter", r"[a-zđ]\)"), ("dash", r"[-+]"))


def _label_kind(heading_key: str) -> str:
    """The kind of a heading's label, on its text without spaces: siblings share it ("a)", "b)";
    "1.1.", "1.2."), a heading and the one under it do not. Numbers count their levels."""
    for kind, pattern in _LABEL_KINDS:
        match = re.match(pattern, heading_key)
        if match:
            return f"{kind}{match.group(0).count('.')}" if kind == "number" else kind
    return ""


def heading_block(opening: list[Line], headings: Iterable[str]) -> float:
    """The height the headings opening the page take, down to the first line after them
    (their lines and the space before the text under them): a Phần label with its title, a
    Mục heading directly over a khoản heading, read as one heading; 0 when the page does not
    open with one of ``headings``."""
    lines = sorted(opening, key=lambda line: (line.y0, line.x0))
    headings = [key(heading) for heading in headings if key(heading)]
    start = index = 0
    previous = None
    while index < len(lines):
        joined, taken = "", None
        for position in range(index, len(lines)):
            joined += lines[position].key
            if joined in headings:
                taken = position
                break
            if not any(heading.startswith(joined) for heading in headings):
                break
        # a heading kept with its sibling is a chain the layout should not make (a leaf heading
        # keeps with nothing): only a heading over a deeper one is read as one heading
        if taken is None or (previous is not None and _label_kind(joined) and _label_kind(joined) == _label_kind(previous)):
            break
        previous = joined
        index = taken + 1
    if index == start:
        return 0.0
    return (lines[index].y0 if index < len(lines) else lines[index - 1].y1) - lines[start].y0


def _rows(lines: Sequence[Line]) -> list[list[Line]]:
    """Lines of a page grouped into the rows a reader sees, top to bottom (the two columns of
    the closing block, Nơi nhận and the signature, share a row)."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda line: (line.y0, line.x0)):
        if rows and _same_row(rows[-1][0], line):
            rows[-1].append(line)
        else:
            rows.append([line])
    return rows


def _paragraphs(rows: list[list[Line]], pitch: float) -> list[list[list[Line]]]:
    """Rows grouped into paragraphs: within a paragraph the rows are one line pitch apart; the
    space between two paragraphs (6 pt in both profiles) or a heading's makes a wider step."""
    groups: list[list[list[Line]]] = []
    for row in rows:
        if groups and row[0].y0 - groups[-1][-1][0].y0 < pitch + 2:
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


UNSPLIT_LINES = 3
"""A paragraph of this many lines or fewer cannot be split over two pages: widow and orphan
control leave at least two of its lines on each side."""
TABLE_OPENING_ROWS = 2
"""Rules across a table opening a page, under its top one, down to where it could first split:
the foot of its header (repeated on every page, of one or more rows, never split) and the foot
of its first row (rows never split)."""
KEPT_LINES = 2
"""The lines of a longer paragraph that go with what it is kept with (widow control): Word
splits a keep-with-next paragraph and moves only these."""


@dataclass
class Opening:
    """What opens a page and had to go there whole, and the room it takes."""

    what: str
    """In Vietnamese, for the report: "tiêu đề", "khối chữ ký", ..."""
    height: float
    """Points from the block's top to where the page could first have broken after it."""
    limit: float
    """The foot gap it allows the page before (more than ``foot_gap_limit``)."""


def opening_block(page: Page, previous: Page, profile: Profile, top: float, bottom_margin: float,
                  headings: Sequence[str], closing: Sequence[str]) -> Optional[Opening]:
    """The block that opens ``page`` and could not be split, when it is taller than the foot
    gap allowed anyway: the page before may end up to that block's height early, as the
    layout had to put it on this page whole. The decision (docs/testing.md, foot gaps):

    * the closing block (a table whose rows never split: Nơi nhận and the signature) with the
      paragraph kept with it: that paragraph whole if it has at most ``UNSPLIT_LINES`` lines,
      only its last ``KEPT_LINES`` lines if longer (a longer paragraph kept whole with the
      block is the layout's fault, not a forced gap);
    * a table (its caption kept with it) with its header rows and first row, which never split
      (``TABLE_OPENING_ROWS``);
    * a paragraph of at most ``UNSPLIT_LINES`` lines starting on this page (widow and orphan
      control keep it whole);
    * a heading (``heading_block``), kept with the first lines of what follows it: the heading's
      height more than ``foot_gap_limit``, which holds those two lines; or, when what follows
      opens with one of the blocks above, the heading and that block.

    Only the block itself counts: a chain of blocks pushed together (headings kept with
    sibling headings, a long paragraph kept with the signature) is not forced and stays a
    failure."""
    base = foot_gap_limit(profile)
    space = paragraph_space(profile)
    bottom = page.height - bottom_margin
    lines = content_lines(page, top, bottom)
    if not lines:
        return None
    rows = _rows(lines)
    start = rows[0][0].y0
    heading = heading_block(lines, headings)
    after = [row for row in rows if row[0].y0 >= start + heading - 1] if heading else rows
    fresh = bool(heading) or _starts_fresh(rows[0], previous, profile, top, bottom_margin)
    inner = _unsplit_block(after, lines, fresh, _content_rules(page, top, bottom), profile, closing)
    if heading:
        # the space above a heading at the top of a page is not drawn, but took room on the page
        # before: a Phần label's is wider than a paragraph's (12 pt)
        if _label_kind(rows[0][0].key) == "part":
            space = max(space, profile.figures["part_label"].space_before_pt)
        if inner is not None and inner[1] - start + space > base + heading:
            return Opening(f"tiêu đề và {inner[0]}", inner[1] - start, inner[1] - start + space)
        return Opening("tiêu đề", heading, base + heading)
    if inner is not None and inner[1] - start + space > base:
        return Opening(inner[0], inner[1] - start, inner[1] - start + space)
    return None


def _unsplit_block(rows: list[list[Line]], lines: list[Line], fresh: bool, rules: list[Rule], profile: Profile,
                   closing: Sequence[str]) -> Optional[tuple[str, float]]:
    """The unsplittable block ``rows`` open with (not a heading): what it is and where it ends.
    ``fresh``: the first row begins a paragraph (rather than running on from the page before)."""
    if not rows:
        return None
    pitch = body_line_pitch(profile)
    closing_keys = [key(text) for text in closing if key(text)]
    closing_top = min((line.y0 for row in rows for line in row
                       if any(line.key and (k.startswith(line.key) or line.key.startswith(k)) for k in closing_keys)),
                      default=None)
    if closing_top is not None:
        above = _paragraphs([row for row in rows if row[0].y1 <= closing_top + 1], pitch)
        if not above:
            return None  # the signature alone at the top of a page: nothing of its text kept with it
        if len(above) == 1:
            # a longer paragraph could have left its first lines on the page before: only its last
            # lines had to come (Word's way; LibreOffice moves a keep-with-next paragraph whole)
            if len(above[0]) > (UNSPLIT_LINES if fresh else KEPT_LINES):
                return None
            return "khối chữ ký", max(max(line.y1 for line in lines if line.y0 >= closing_top - 1),
                                      closing_top + signature_height(profile))
    table_end = _table_end(rows, rules, pitch)
    if table_end is not None:
        return "bảng", table_end
    paragraph = _paragraphs(rows, pitch)[0]
    if len(paragraph) <= UNSPLIT_LINES and fresh:
        return f"một đoạn {len(paragraph)} dòng", max(line.y1 for line in paragraph[-1])
    return None


def signature_height(profile: Profile) -> float:
    """The least height of the signature column under its first line: the position line, the
    signing space and the name line (the template's figures). A document not yet signed keeps
    that room in its closing block, with no words in it to measure it by."""
    figures = profile.figures
    line = lambda name: figures[name].size * FONT_LINE_HEIGHT * figures[name].line_spacing  # noqa: E731
    return (line("signer_authority") + line("signer_position") + figures["signer_name"].space_before_pt
            + line("signer_name"))


def _table_end(rows: list[list[Line]], rules: list[Rule], pitch: float) -> Optional[float]:
    """Where the header and the first row of a ruled table opening ``rows`` end."""
    table = _table_top(rows, rules, pitch)
    if table is None:
        return None
    flat = [r for r in rules if r.y1 - r.y0 < 2 and r.x1 - r.x0 > 2 and r.y0 >= table - 1]
    if not flat:
        return table
    width = max(r.x1 for r in flat) - min(r.x0 for r in flat)
    across: dict[int, float] = {}
    for rule in flat:  # LibreOffice draws a row's foot cell by cell: add the pieces up
        across[round(rule.y0)] = across.get(round(rule.y0), 0.0) + rule.x1 - rule.x0
    # a rule across the whole table ends a row of all its columns: the header's own rows (a
    # group heading over its columns) are ruled only under the columns they share
    levels = sorted(y for y, length in across.items() if length >= 0.9 * width)
    return levels[min(TABLE_OPENING_ROWS, len(levels) - 1)] if levels else table


def _table_top(rows: list[list[Line]], rules: list[Rule], pitch: float) -> Optional[float]:
    """The top of a ruled table opening the page, under at most one paragraph of up to
    ``UNSPLIT_LINES`` lines kept with it: its caption (kept with the table, a few lines the
    writer broke), or the last lines of the paragraph before it."""
    for index, row in enumerate(rows[:UNSPLIT_LINES + 1]):
        if any(_inside_table(line, rules) for line in row):
            if index and (row[0].y0 - rows[index - 1][0].y0 > 3 * pitch or len(_paragraphs(rows[:index], pitch)) > 1):
                return None
            tops = [r.y0 for r in rules if r.y1 - r.y0 < 2 and r.x1 - r.x0 > 20 and r.y0 <= row[0].y0 + 1]
            return max(tops) if tops else row[0].y0
    return None


def _starts_fresh(row: list[Line], previous: Page, profile: Profile, top: float, bottom_margin: float) -> bool:
    """Whether the paragraph opening a page begins there rather than running on from the page
    before: its first line is indented, or the page before ends with a paragraph's short last
    line (a justified line running on reaches the right margin)."""
    left = profile.margins_mm[2] * 72 / 25.4
    right = previous.width - profile.margins_mm[3] * 72 / 25.4
    indent = profile.figures["body"].first_line_indent_twips / 20
    if indent and min(line.x0 for line in row) > left + indent / 2:
        return True
    before = content_lines(previous, top, previous.height - bottom_margin)
    if not before:
        return True
    last = max(before, key=lambda line: (line.y1, line.x1))
    return last.x1 < right - body_line_pitch(profile)


def measure_foot_gaps(pages: list[Page], profile: Profile, top: float, bottom_margin: float,
                      page_starts: Optional[list[str]], headings: Iterable[str] = (),
                      closing: Iterable[str] = ()) -> tuple[list[PageFigure], list[Failure]]:
    """The blank space at the foot of each page. Before a page that opens with a block that
    could not be split (``opening_block``: a heading with the first lines under it, the
    closing block with the paragraph kept with it, a table's first rows, a paragraph too short
    to split), the page may end up to that block's height early; any other page, at most
    ``foot_gap_limit`` (``FOOT_LINES``)."""
    headings = list(headings)
    closing = list(closing)
    base_limit = foot_gap_limit(profile)
    pitch = body_line_pitch(profile)
    figures, failures = [], []
    for index, page in enumerate(pages):
        bottom = page.height - bottom_margin
        lines = content_lines(page, top, bottom)
        rules = _content_rules(page, top, bottom)
        separator = _footnote_separator(page, lines, rules)
        if separator is not None:  # the body ends where the footnotes begin
            bottom = separator.y0
            lines = [line for line in lines if line.y1 <= bottom + 1]
            rules = [r for r in rules if r.y1 < bottom - 1]
        ends = [line.y1 for line in lines] + [r.y1 for r in rules]
        gap = bottom - max(ends) if ends else bottom - top
        figure = PageFigure(page.number, gap, gap / pitch)
        figures.append(figure)
        following = pages[index + 1] if index + 1 < len(pages) else None
        if following is None:
            figure.excused = "trang cuối"
            continue
        last = max(lines, key=lambda line: line.y1) if lines else None
        opening = content_lines(following, top, following.height - bottom_margin)
        first = min(opening, key=lambda line: (line.y0, line.x0)) if opening else None
        block = opening_block(following, page, profile, top, bottom_margin, headings, closing)
        limit = figure.limit = block.limit if block else base_limit
        figure.opening = block.what if block else ""
        if last is not None and _inside_table(last, rules):
            figure.excused = "trang kết thúc bằng một bảng"
        elif first is not None and re.match(r"phụ lục\b", first.text, re.IGNORECASE):
            figure.excused = "trang sau mở đầu phụ lục"
        elif first is not None and page_starts and _starts_page(first, page_starts):
            figure.excused = "văn bản ngắt trang ở đây"
        elif gap > limit:
            failures.append(Failure(
                "foot_gap", page.number, last.text if last else "",
                f"còn trống {_num(gap)} pt ({_num(gap / pitch)} dòng) cuối trang, quá {FOOT_LINES} dòng "
                + (f"và {block.what} mở đầu trang sau " if block else "")
                + f"({_num(limit)} pt); trang sau mở đầu bằng «{first.text if first else ''}»"))
    return figures, failures


def _footnote_separator(page: Page, lines: list[Line], rules: list[Rule]) -> Optional[Rule]:
    """The short rule at the left of the text that footnotes stand under, in the lower half
    of the page, with every line of the page either above or below it."""
    if not lines:
        return None
    left = min(line.x0 for line in lines)
    for rule in sorted(rules, key=lambda r: r.y0):
        if rule.y1 - rule.y0 < 2 and 20 < rule.x1 - rule.x0 < page.width / 3 and abs(rule.x0 - left) < 6 \
                and rule.y0 > page.height / 2:
            above = [line for line in lines if line.y1 <= rule.y0 + 1]
            below = [line for line in lines if line.y0 >= rule.y1 - 1]
            if below and len(above) + len(below) == len(lines):
                return rule
    return None


def _inside_table(line: Line, rules: list[Rule]) -> bool:
    """The line stands between drawn vertical rules: it is in a cell of a ruled table."""
    middle = (line.y0 + line.y1) / 2
    return any(r.vertical and r.y0 <= middle <= r.y1 for r in rules)


def _starts_page(line: Line, starts: list[str]) -> bool:
    opening = line.key
    return any(opening and (key(text).startswith(opening) or opening.startswith(key(text))) for text in starts)


# protected phrases: each a pattern over the words of two lines joined, with what it is
_UPPER = "".join(c for c in map(chr, range(0x41, 0x1EFF + 1)) if c.isupper())
FIXED_PHRASES: tuple[tuple[str, str], ...] = (
    (r"\(để(?:\s+[^\s()]+){1,3}\)", "mục đích gửi ở Nơi nhận"),
    # a whole word: a source that lost the space after it ("Minhvà") has no name the layout
    # can know and keep whole, and the measure does not read one there either
    (r"\b(?:TNCS\s+)?Hồ\s+Chí\s+Minh\b", "tên Chủ tịch Hồ Chí Minh"),
    (rf"\d+(?:[-/][0-9{_UPPER}&.]*[0-9{_UPPER}][a-z]*)+", "số, ký hiệu hoặc ngày tháng viết bằng số"),
    (r"\b(?:1[89]|20)\d\d\s*[-–]\s*(?:1[89]|20)\d\d\b", "khoảng năm"),
    (r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\b", "ngày tháng"),
    # the number or, not yet issued, the blank and the symbol's hyphen: a "Số:" with neither
    # has nothing to keep, and the line under it (a mark, a V/v) is another paragraph
    (r"Số:\s*[0-9-]\S*", "dòng số, ký hiệu"),
)


def protected_patterns(names: Iterable[str]) -> list[tuple[re.Pattern, str]]:
    patterns = [(re.compile(p), what) for p, what in FIXED_PHRASES]
    for name in names:
        words = name.split()
        if len(words) > 1:
            patterns.append((re.compile(r"\s+".join(map(re.escape, words))), "họ tên người ký"))
    return patterns


def _joined(first: str, second: str) -> tuple[str, int]:
    """Two consecutive lines as one text, and where the line break falls in it. A line
    that ends in a word cut after its hyphen or slash ('114-') joins without a space."""
    glue = "" if re.search(r"\S[-/]$", first) else " "
    return first + glue + second, len(first)


class Reading:
    """The lines of a document in the order a reader follows them: along a line across the
    gaps poppler cut it at (``beside``), and from a line to the next one in its column
    (``below``), from the foot of a page to the top of the next."""

    def __init__(self, pages: list[Page], top: float, bottom_margin: float):
        self.pages = [content_lines(page, top, page.height - bottom_margin) for page in pages]
        self.lines = [line for lines in self.pages for line in lines]
        self._below: dict[int, Optional[Line]] = {}
        self._beside: dict[int, Optional[Line]] = {}
        for number, lines in enumerate(self.pages):
            for line in lines:
                self._beside[id(line)] = _line_beside(line, lines)
                self._below[id(line)] = _line_below(line, lines)
            if lines and number + 1 < len(self.pages) and self.pages[number + 1]:
                last = max(lines, key=lambda line: (line.y1, -line.x0))
                if self._below[id(last)] is None:
                    self._below[id(last)] = min(self.pages[number + 1], key=lambda line: (line.y0, line.x0))

    def beside(self, line: Line) -> Optional[Line]:
        """The nearest line to the right on the same line of the page."""
        return self._beside[id(line)]

    def below(self, line: Line) -> Optional[Line]:
        return self._below[id(line)]

    def below_words(self, line: Line, words: Sequence[Word]) -> Optional[Line]:
        """The line read after ``words`` of ``line`` (part of a line shared with another column)."""
        if len(words) == len(line.words):
            return self.below(line)
        found = _below(line, min(w.x0 for w in words), max(w.x1 for w in words), self.page_lines(line.page))
        if found is None and self.below(line) is not None and self.below(line).page != line.page:
            return self.below(line)
        return found

    def page_lines(self, number: int) -> list[Line]:
        return self.pages[number - 1] if 0 < number <= len(self.pages) else []


def _same_row(a: Line, b: Line) -> bool:
    return min(a.y1, b.y1) - max(a.y0, b.y0) > 0.5 * min(a.y1 - a.y0, b.y1 - b.y0)


def _line_beside(line: Line, lines: Sequence[Line]) -> Optional[Line]:
    right = [other for other in lines if other is not line and other.x0 >= line.x1 - 1 and _same_row(line, other)]
    return min(right, key=lambda other: other.x0) if right else None


def _line_below(line: Line, lines: Sequence[Line]) -> Optional[Line]:
    return _below(line, line.x0, line.x1, lines)


def _below(line: Line, left: float, right: float, lines: Sequence[Line]) -> Optional[Line]:
    """The nearest line starting under ``line`` (no further than a line below its foot) that
    shares some of the width from ``left`` to ``right``, or starts to its left within a
    first-line indent (the short last line of a paragraph under its indented first line)."""
    height = line.y1 - line.y0
    below = [other for other in lines if other is not line and not _same_row(line, other)
             and line.y0 + 0.5 * height < other.y0 < line.y1 + 0.6 * height
             and (min(right, other.x1) - max(left, other.x0) > 0
                  or other.x0 <= left <= other.x0 + 3 * height)]
    return min(below, key=lambda other: (other.y0, other.x0)) if below else None


def measure_phrases(reading: Reading, names: Iterable[str]) -> list[Failure]:
    """A phrase that must stay whole, running from one line onto the line read after it."""
    patterns = protected_patterns(names)
    failures = []
    for first in reading.lines:
        second = reading.below(first)
        if second is None:
            continue
        text, boundary = _joined(first.text, second.text)
        for pattern, what in patterns:
            for match in pattern.finditer(text):
                if match.start() < boundary < match.end() and text[match.start():boundary].strip() \
                        and text[boundary:match.end()].strip():
                    failures.append(Failure(
                        "phrase", first.page, first.text,
                        f"{what} «{' '.join(match.group(0).split())}» bị tách: «{first.text}» / «{second.text}»"
                        + (f" (sang trang {second.page})" if second.page != first.page else ""),
                        " ".join(match.group(0).split())))
    return failures


@dataclass
class Span:
    """Words ``start`` to ``end`` of a line: the part of it a paragraph has, when poppler put
    the other column's words on the same line."""

    line: Line
    start: int
    end: int

    @property
    def words(self) -> list[Word]:
        return self.line.words[self.start:self.end]

    @property
    def whole(self) -> bool:
        return self.end == len(self.line.words)


Run = list
"""Where a text stands: one list of spans per line of the page it runs over."""


def _take(line: Line, start: int, target: str, joined: str) -> tuple[int, str]:
    """How far the words of ``line`` from ``start`` go on spelling ``target`` after ``joined``."""
    end = start
    while end < len(line.words) and target.startswith(joined + key(line.words[end].text)):
        joined += key(line.words[end].text)
        end += 1
    return end, joined


def find_runs(reading: Reading, lines: Sequence[Line], text: str) -> list[Run]:
    """Where ``text`` (spaces aside) stands on the page, starting in one of ``lines``: each
    place as the lines it runs over. A line of the text may share its line of the page with
    the other column: the text starts at any word and ends at any word of a line."""
    target = key(text)
    runs = []
    if not target:
        return runs
    for line in lines:
        for start in range(len(line.words)):
            end, joined = _take(line, start, target, "")
            if end == start:
                continue
            rows = [[Span(line, start, end)]]
            while joined != target:
                last = rows[-1][-1]
                beside = reading.beside(last.line) if last.whole else None
                if beside is not None:
                    end, longer = _take(beside, 0, target, joined)
                    if end:
                        rows[-1].append(Span(beside, 0, end))
                        joined = longer
                        continue
                first = rows[-1][0]
                below = reading.below_words(first.line, first.words)
                end, longer = _take(below, 0, target, joined) if below is not None else (0, joined)
                if not end:
                    break
                rows.append([Span(below, 0, end)])
                joined = longer
            if joined == target:
                runs.append(rows)
    return runs


def row_words(row: list[Span]) -> list[Word]:
    return [word for span in row for word in span.words]


def row_text(row: list[Span]) -> str:
    return " ".join(w.text for w in join_fragments(row_words(row)))


def _typed_spaces(text: str) -> dict[int, int]:
    """For each place in ``key(text)`` where the text has white space, how many spaces."""
    spaces: dict[int, int] = {}
    offset = 0
    for match in re.finditer(r"(\S+)|([ \t]+)|(\n)", plain(text)):
        if match.group(1):
            offset += len(key(match.group(1)))
        elif match.group(2):
            spaces[offset] = spaces.get(offset, 0) + len(match.group(2))
    return spaces


def measure_stretch(model_line: ModelLine, run: Run) -> list[Failure]:
    """Gaps between the words of ``run`` (the lines of one paragraph) wider than
    ``STRETCH_FACTOR`` times the spaces the paragraph has there."""
    spaces = _typed_spaces(model_line.text)
    space = SPACE_WIDTH_EM * model_line.size
    offset = 0
    failures = []
    for row in run:
        words, line = row_words(row), row[0].line
        worst = None
        for left, right in zip(words, words[1:]):
            offset += len(key(left.text))
            typed = spaces.get(offset, 0)
            if typed == 0:
                continue  # pieces of one word
            gap = right.x0 - left.x1
            bound = STRETCH_FACTOR * typed * space
            if gap > bound and (worst is None or gap / typed > worst[0] / worst[1]):
                worst = (gap, typed, bound)
        offset += len(key(words[-1].text))
        if worst:
            gap, typed, bound = worst
            failures.append(Failure(
                "stretched", line.page, row_text(row),
                f"{_element_words(model_line.element)}: khoảng cách giữa hai chữ {_num(gap)} pt, quá "
                f"{_num(STRETCH_FACTOR)} lần {typed} dấu cách cỡ {model_line.size:g} ({_num(bound)} pt)",
                model_line.text))
    return failures


_ELEMENTS = {
    "type_name": "tên loại văn bản", "title": "trích yếu", "subject": "trích yếu công văn",
    "operative": "dòng QUYẾT ĐỊNH:, QUYẾT NGHỊ:",
    "parts": "tiêu đề phần", "headings": "tiêu đề mục",
    "agency": "tên cơ quan", "union_title": "tiêu đề Đoàn", "national_name": "quốc hiệu",
    "national_motto": "tiêu ngữ", "number": "số, ký hiệu", "date": "địa danh, ngày tháng",
}


def _element_words(element: str) -> str:
    return _ELEMENTS.get(element, element)


def measure_model_lines(reading: Reading, model: Model) -> list[Failure]:
    """Stretched lines in the headings and the letterhead; letterhead lines wrapped."""
    failures: list[Failure] = []
    used: set[int] = set()
    for heading in model.headings:
        runs = [r for r in find_runs(reading, reading.lines, heading.text)
                if (id(r[0][0].line), r[0][0].start) not in used]
        if not runs:
            failures.append(Failure("stretched", 0, heading.text,
                                    f"không tìm thấy {_element_words(heading.element)} này trên trang PDF "
                                    "nên không đo được", heading.text))
            continue
        used.add((id(runs[0][0][0].line), runs[0][0][0].start))
        failures += measure_stretch(heading, runs[0])
    for piece in model.letterhead:
        runs = find_runs(reading, reading.page_lines(1), piece.text)
        whole = [r for r in runs if len(r) == 1]
        if whole:
            failures += measure_stretch(piece, whole[0])
        elif runs:
            rows = runs[0]
            failures.append(Failure(
                "letterhead", rows[0][0].line.page, piece.text,
                f"{_element_words(piece.element)} là một dòng nhưng trên trang thành {len(rows)} dòng: "
                + " / ".join(f"«{row_text(row)}»" for row in rows), piece.text))
        else:
            failures.append(Failure("letterhead", 1, piece.text,
                                    f"không tìm thấy dòng {_element_words(piece.element)} này trên trang 1 "
                                    "nên không đo được", piece.text))
    return failures


def measure(pages: list[Page], model: Optional[Model], name: str = "") -> Report:
    """Every measure on the pages of one document."""
    if model is None:
        profile = NHA_NUOC if pages and any(
            re.match(r"CỘNG HO?[ÀÒ]A XÃ HỘI CHỦ NGHĨA VIỆT NAM", line.text) for line in pages[0].lines) else DOAN
        top, bottom = profile.margins_mm[0] * 72 / 25.4, profile.margins_mm[1] * 72 / 25.4
    else:
        profile, top, bottom = model.profile, model.top_margin, model.bottom_margin
    report = Report(name, profile, foot_gap_limit(profile))
    report.pages, failures = measure_foot_gaps(
        pages, profile, top, bottom, model.page_starts if model else None,
        [h.text for h in model.headings if h.element in KEPT_HEADINGS] if model else (),
        # without the .docx, the closing block is told by its label and the signature's authority
        model.closing if model else [profile.recipients_label, *profile.authorities])
    report.failures += failures
    reading = Reading(pages, top, bottom)
    report.failures += measure_phrases(reading, model.names if model else ())
    if model is None:
        report.not_evaluated += [
            "ngắt trang do văn bản đặt (cần tệp .docx cùng tên)",
            "họ tên người ký, dòng bị giãn chữ và dòng tiêu đề văn bản bị xuống dòng (cần tệp .docx cùng tên)",
        ]
    else:
        report.failures += measure_model_lines(reading, model)
    report.failures.sort(key=lambda f: (f.page, list(MEASURES).index(f.measure)))
    return report


# --- files ----------------------------------------------------------------------------------


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise VanbanError(f"không tìm thấy tệp {path}.")
    if path.stat().st_size > MAX_INPUT_BYTES:
        raise VanbanError(f"tệp {path} lớn quá {MAX_INPUT_BYTES // (1024 * 1024)} MB: không đọc.")
    return path.read_bytes()


SOURCES = (".pdf", ".docx", ".yaml", ".yml", ".json")


def documents_of(path: Path, converter=None) -> tuple[bytes, Optional[bytes]]:
    """The PDF of ``path`` and the .docx it comes from (None for a PDF without one beside it)."""
    suffix = path.suffix.lower()
    if suffix not in SOURCES:
        raise VanbanError(f"chỉ đo được tệp {', '.join(SOURCES)}.")
    data = _read(path)
    if suffix == ".pdf":
        sibling = path.with_suffix(".docx")
        return data, (_read(sibling) if sibling.is_file() else None)
    if suffix == ".docx":
        docx = data
    else:
        import vanban

        docx = vanban.render_bytes(vanban.load(path))
    if converter is None:
        from vanban._pdf import PdfConverter

        with PdfConverter() as own:
            return own.convert_bytes(docx, path.with_suffix(".docx").name), docx
    return converter.convert_bytes(docx, path.with_suffix(".docx").name), docx


def measure_documents(pdf: bytes, docx: Optional[bytes], name: str) -> Report:
    return measure(read_pdf(pdf), model_from_docx(docx) if docx is not None else None, name)


USAGE = """Cách dùng: python3 tools/page_quality.py TỆP [TỆP ...]

Đo chất lượng trang trên bản PDF của mỗi TỆP (.pdf, .docx, .yaml hoặc .json; tệp .docx,
.yaml, .json được vanban dựng và chuyển sang PDF bằng LibreOffice; tệp .pdf được đọc cùng
tệp .docx cùng tên bên cạnh nếu có): khoảng trống cuối trang, cụm từ bị ngắt dòng, dòng bị
giãn chữ, dòng tiêu đề văn bản bị xuống dòng. Mã thoát: 0 đạt, 1 có lỗi, 2 không đo được."""


def main(argv: Optional[list[str]] = None) -> int:
    import contextlib

    args = sys.argv[1:] if argv is None else argv
    if any(arg in ("-h", "--help") for arg in args):
        print(USAGE)
        return 0
    options = [arg for arg in args if arg.startswith("-")]
    if options or not args:
        problem = f"không có tùy chọn {options[0]}" if options else "chưa có tệp nào để đo"
        print(f"Lỗi: {problem}.\n\n{USAGE}", file=sys.stderr)
        return 2
    failed = unreadable = False
    with contextlib.ExitStack() as stack:
        converter = None
        for path in map(Path, args):
            try:
                if converter is None and path.suffix.lower() in SOURCES[1:] and path.is_file():
                    from vanban._pdf import PdfConverter

                    converter = stack.enter_context(PdfConverter())
                pdf, docx = documents_of(path, converter)
                report = measure_documents(pdf, docx, str(path))
            except VanbanError as error:
                print(f"{path}: không đo được: {error}", file=sys.stderr)
                unreadable = True
                continue
            print(report.to_text())
            failed = failed or bool(report.failures)
    return 2 if unreadable else 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
