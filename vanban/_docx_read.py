"""Reading any .docx the way a reader sees it: paragraphs in reading order, each with
its place on the page and its effective formatting.

Effective formatting is resolved as Word does: direct run properties, then the
run's character style (and its basedOn chain), then the paragraph style chain,
then the table style of the enclosing table (with its conditional parts for the
cell's row and column, where the table's tblLook asks for them), then the document
defaults; theme fonts are resolved through the theme, and a run's fonts hinted East
Asian show some letters in its East Asian font. List numbers come from the list level
(or the list style it links to). What Word does to the page beyond the properties is
applied too: "Auto" paragraph spacing, lines set on a line grid, text tracked as
deleted not shown. Units stay Word's: sizes in half-points, spacing in twentieths of
a point, indents and margins in twips.
"""

from __future__ import annotations

import io
import math
import os
import re
import stat
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Optional, Union

from lxml import etree

from ._file_kind import KINDS, MAX_ZIP_ENTRIES, kind_of, zip_entry_count
from ._lazy_pattern import lazy_pattern
from .errors import DocxReadError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
VML = "urn:schemas-microsoft-com:vml"
EMU_PER_TWIP = 635
_CSS_LENGTH = lazy_pattern(r"(-?[0-9]*\.?[0-9]+)\s*(pt|in|cm|mm|px|pc)?")
_CSS_POINTS = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, "pc": 12.0, None: 0.75}


@lru_cache(maxsize=None)  # a few dozen tags, asked for hundreds of thousands of times
def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _toggle(element) -> Optional[bool]:
    if element is None:
        return None
    return element.get(w("val"), "true") not in ("0", "false", "off", "none")


@dataclass
class Look:
    """What a reader sees of one paragraph. Sets hold one value per distinct run."""

    sizes: set = field(default_factory=set)  # points
    bold: set = field(default_factory=set)
    italic: set = field(default_factory=set)
    underline: set = field(default_factory=set)
    caps: set = field(default_factory=set)  # w:caps, shown upper case whatever the text
    fonts: set = field(default_factory=set)
    languages: set = field(default_factory=set)  # w:lang of each run ("vi-VN"), None where none is set
    align: str = "left"
    first_line: int = 0  # twips; negative for a hanging indent
    left: int = 0
    right: int = 0
    before: int = 0  # twentieths of a point
    after: int = 0
    line: int = 240  # w:line
    line_rule: str = "auto"
    border_bottom: bool = False
    grid_pitch: Optional[int] = None  # twips of the page's line grid the lines snap to (w:docGrid), if they do
    east_asian_font: Optional[str] = None  # the East Asian font some letters show in (w:hint="eastAsia")
    east_asian_kinds: tuple = ()  # which kinds of characters show in it (keys of HINTED)


@lru_cache(maxsize=8192)  # each paragraph's text is cleaned by many rules
def clean(text: str) -> str:
    """The words of a paragraph as a reader takes them: composed accents (a file may hold
    "ò" as o and a combining grave), single spaces, no-break spaces as spaces."""
    return " ".join(unicodedata.normalize("NFC", text).replace("\u00a0", " ").split())


def excerpt(text: str) -> str:
    """A line as a finding quotes it: spaces as one, at most 70 characters."""
    text = " ".join(text.split())
    return text if len(text) <= 70 else text[:67] + "..."


class _Kept:
    """A value computed on first access and kept in the instance (functools.cached_property
    without the lock it takes on Python 3.11, a tenth of the cost of a paragraph's check)."""

    def __init__(self, function):
        self.function, self.name = function, function.__name__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.function(instance)
        return value


@dataclass
class Para:
    """One paragraph of the document and where it sits."""

    index: int  # 1-based, in reading order
    element: object
    text: str
    place: str  # "body", "table<t>[r][c]", "textbox<n>"
    table: Optional[int] = None
    row: Optional[int] = None
    column: Optional[int] = None
    nested: bool = False  # inside a table that is inside another table
    label: str = ""  # the number or bullet Word's list shows before the text ("1. "), part of text
    framed: bool = False  # in a row across a table that holds the whole page: read as the body's
    line: Optional[int] = None  # one line of a paragraph broken by line breaks (DocxView.lines), its number

    @_Kept
    def words(self) -> str:
        """:func:`clean` of its text, kept: the checker asks for it a dozen times a paragraph."""
        return clean(self.text)

    @property
    def top_level(self) -> bool:
        """A paragraph of the body itself, not of a table, text box or content control (or
        one of a page laid out in a table, in a row across it: the body of that page)."""
        return self.framed or self.element.getparent().tag == w("body")

    @property
    def before_table(self) -> bool:
        """The paragraph stands right above a table (its caption, when it has one)."""
        following = self.element.getnext()
        return following is not None and following.tag == w("tbl")

    def above_table_of(self, other: "Para") -> bool:
        """The paragraph stands right above the table that holds ``other`` (the signature's)."""
        following = self.element.getnext()
        return following is not None and following.tag == w("tbl") and \
            any(table is following for table in other.element.iterancestors(w("tbl")))

    @property
    def has_drawing(self) -> bool:
        """A drawing or VML shape anchored in the paragraph (a drawn line, a picture)."""
        return any(e.tag in (w("drawing"), w("pict")) for e in self.element.iter())

    @property
    def excerpt(self) -> str:
        return excerpt(self.text)


@dataclass
class PageSetup:
    """The page of the document's last section, in twips; None where the document says nothing."""

    width: Optional[int]
    height: Optional[int]
    top: Optional[int]
    bottom: Optional[int]
    left: Optional[int]
    right: Optional[int]
    orientation: str
    title_page: bool
    headers: dict  # kind ("default", "first", "even") -> header root element
    mirror: bool = False
    declared: bool = True  # False: no w:sectPr at all, the page is the application's default


MEMOISE = True  # looks shared by paragraphs of one signature; False computes each (tests compare)
_STYLE_TABLES = ("_chains", "_by_signature", "_labels_by_signature", "_num_levels", "_num_lists", "_default_parts",
                 "_styles_by_id", "_default_paragraph_style", "_default_table_style", "_styles_hint",
                 "_pages_by_section", "_header_page_fields")
_SHARED_SIGNATURES = 10_000
"""The most paragraph signatures whose looks :class:`SharedParts` keeps (a batch of documents
of one template has a few dozen; the bound is for one whose every paragraph is set apart)."""
_NO_CHAIN: list = []  # one object, never changed: its id() keys the caches for "no table"
_UNSET = object()  # an argument not given (None is a value: no table)

# --- measurements in every form the standard allows ------------------------------------------
# ST_TwipsMeasure, ST_SignedTwipsMeasure, ST_HpsMeasure and ST_SignedHpsMeasure are each
# a bare number, already in the unit (twips, half-points), or a number and a unit
# (ST_UniversalMeasure: 14pt, 0.50in, 20mm, 1.5cm, 2pc, 2pi, -0.5in).

_NUMBER = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?")
_WITH_UNIT = lazy_pattern(r"(-?[0-9]+(?:\.[0-9]+)?)(mm|cm|in|pt|pc|pi)")
_POINTS_PER = {"pt": 1.0, "pc": 12.0, "pi": 12.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4}
TWIPS, HALF_POINTS = 20, 2  # per point
SINGLE_LINE = 1.15  # a single line of Times New Roman, in ems: what Word's single spacing gives
AUTO_SPACING = 280  # Word's "Auto" space before or after a paragraph: 14 pt (none in a list or a table cell)
# The characters a run whose fonts carry w:hint="eastAsia" shows in its East Asian font, as Word
# decides it by Unicode block ([MS-OI29500] 2.1.88, on ECMA-376 17.3.2.26), for the blocks a
# Vietnamese text draws on. Each kind is (the characters, when the hint sends them there):
# "always", "chinese" (the run's East Asian language is Chinese) or "chinese or charset" (that,
# or the East Asian font is a Chinese one: its character set in the font table is GB2312 or Big5).
HINTED = {
    # Latin-1 signs: °, ·, ×, ÷, ª, º, ¼ ...
    "sign": ("".join(chr(c) for c in (0xA1, 0xA4, 0xA7, 0xA8, 0xAA, 0xAD, 0xAF, *range(0xB0, 0xB5),
                                      *range(0xB6, 0xBB), *range(0xBC, 0xC0), 0xD7, 0xF7)), "always"),
    # Latin-1 vowels with a mark that Chinese pinyin shares (à á è é ê ì í ò ó ù ú ü; not â ã ô õ ý)
    "vowel": ("".join(chr(c) for c in (0xE0, 0xE1, 0xE8, 0xE9, 0xEA, 0xEC, 0xED, 0xF2, 0xF3, 0xF9, 0xFA, 0xFC)),
              "chinese"),
    # Latin Extended-A and -B, IPA Extensions (ă, đ, ĩ, ũ, ơ, ư) and Latin Extended Additional
    # (ạ, ả, ấ ... ệ ... ỹ): every other Vietnamese letter with a mark
    "letter": ("\u0100-\u02af\u1e00-\u1eff", "chinese or charset"),
    # Spacing Modifier Letters and Combining Diacritical Marks: the marks of a text typed
    # decomposed (NFD: "a" then U+0301), as some Vietnamese keyboards type them
    "mark": ("\u02b0-\u036f", "always"),
    # General Punctuation: the dashes, quotes and ellipsis (– — ‘ ’ “ ” …) documents use
    "punctuation": ("\u2000-\u206f", "always"),
}
_HINTED = {kind: re.compile(f"[{characters}]") for kind, (characters, _) in HINTED.items()}
_SELDOM = ("sign", "mark", "punctuation")
_HINTED_SELDOM = lazy_pattern("[" + "".join(HINTED[kind][0] for kind in _SELDOM) + "]")
"""The kinds a Vietnamese text seldom holds, looked for in one pass (every run's signature asks)."""
HINTED_EXAMPLES = {"sign": "°, ×", "vowel": "à, á, è, é, ê", "letter": "ă, đ, ơ, ư, ạ, ệ", "mark": "dấu gõ rời",
                   "punctuation": "–, “, ”, …"}
"""What a finding names, for each kind shown in the East Asian font."""
CHINESE_CHARSETS = {"86", "88"}
"""w:charset values of the font table that are Chinese: GB2312 (0x86) and Big5 (0x88, Chinese5)."""


def hinted_kinds(text: str) -> tuple:
    """The kinds of :data:`HINTED` characters ``text`` holds (a text of ASCII holds none)."""
    if text.isascii():
        return ()
    seldom = _HINTED_SELDOM.search(text) is not None
    return tuple(kind for kind, found in _HINTED.items() if (seldom or kind not in _SELDOM) and found.search(text))


def measure(value: str, per_point: int) -> Optional[float]:
    """``value`` in twips (``per_point`` 20) or half-points (2); None if it is not a measurement.

    A measure with a unit is rounded to a whole number of the unit, as Word keeps it: Word
    shows ``4.94mm`` (14.003 pt) as a size of 14, and so does the report."""
    text = value.strip()
    if _NUMBER.fullmatch(text):
        return float(text)
    found = _WITH_UNIT.fullmatch(text)
    return float(round(float(found[1]) * _POINTS_PER[found[2]] * per_point)) if found else None


# --- the package: bounded, and XML that cannot reach outside its part ---------------------

SIZE_VARIABLE = "VANBAN_MAX_DOCX_MB"
RATIO_VARIABLE = "VANBAN_MAX_DOCX_RATIO"
# The government's decree 30/2020 is a 0.24 MB document.xml; the checker needs about 50 MB of memory
# and 2 s per MB of XML (a 10 MB table of 80,000 rows: 0.5 GB, 18 s).
DEFAULT_PART_MB = 16
DEFAULT_RATIO = 100  # real parts inflate 2 to 35 times; a zip bomb, hundreds of times
RATIO_FLOOR = 1 << 20  # a part that inflates to less is never refused for its ratio
_CHUNK = 1 << 20
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, struct.error,
               NotImplementedError, RuntimeError)  # RuntimeError: a zip entry with a password


def _limit(variable: str, default: int, source: str) -> int:
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) == 0:
        raise DocxReadError(source, f"biến môi trường {variable} phải là một số nguyên dương (đang là '{raw}').")
    return int(raw)


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _open(source: Union[str, Path, bytes], name: str):
    if isinstance(source, (bytes, bytearray)):
        return io.BytesIO(source)
    path = Path(source)
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a FIFO would block the read for ever
            raise DocxReadError(name, "đây không phải một tệp thường (mà là thư mục, thiết bị hoặc đường ống).")
        return path.open("rb")
    except OSError as error:
        raise DocxReadError(name, f"không mở được tệp ({error.strerror or error}).") from None


def _not_a_docx(stream, name: str) -> DocxReadError:
    kind = kind_of(stream)
    if kind in (None, "docx"):
        return DocxReadError(name, "không phải tệp .docx hợp lệ (tệp Word 2007 trở lên).")
    what, advice = KINDS[kind]
    return DocxReadError(name, f"không phải tệp .docx hợp lệ: đây là {what}. {advice}".rstrip())


class Package:
    """The parts of a .docx, each read within limits, from bytes or from a file.

    Bounded before anything is inflated (the number of entries from the zip's end
    record, each part's declared size and ratio) and again while inflating, as the
    declared sizes are the file's word and may lie.
    """

    def __init__(self, source: Union[str, Path, bytes], name: str):
        self.name = name
        self.max_bytes = _limit(SIZE_VARIABLE, DEFAULT_PART_MB, name) << 20
        self.max_ratio = _limit(RATIO_VARIABLE, DEFAULT_RATIO, name)
        self._parsed: set[str] = set()
        self._stream = _open(source, name)
        try:
            try:
                count = zip_entry_count(self._stream)
            except OSError as error:  # a file of the system that cannot be read as files are (/proc)
                raise DocxReadError(name, f"không đọc được tệp ({error.strerror or error}).") from None
            if count is None:
                raise _not_a_docx(self._stream, name)
            self._refuse_entries(count)
            try:
                self.archive = zipfile.ZipFile(self._stream)
            except _ZIP_ERRORS:
                raise _not_a_docx(self._stream, name) from None
            self._refuse_entries(len(self.archive.infolist()))
            self._refuse_twins()
            if "word/document.xml" not in self.archive.NameToInfo:
                raise _not_a_docx(self._stream, name)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        self._stream.close()

    def __enter__(self) -> "Package":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def names(self) -> list[str]:
        return self.archive.namelist()

    def _refuse_entries(self, count: int) -> None:
        if count > MAX_ZIP_ENTRIES:
            raise DocxReadError(
                self.name, f"tệp nén có {_thousands(count)} mục, quá giới hạn {_thousands(MAX_ZIP_ENTRIES)} mục của vanban "
                "(một tệp .docx thường có vài chục mục). Đây không phải một văn bản Word thông thường."
            )

    def _refuse_twins(self) -> None:
        """Refuse two entries of one name: a part's name is its identity, whatever its case
        (``Word/Document.xml`` is ``word/document.xml``), and of two, vanban would read one and
        another program perhaps the other, the one nobody checked."""
        seen: set[str] = set()
        for info in self.archive.infolist():
            key = info.filename.lower()
            if key in seen:
                raise DocxReadError(
                    self.name, f"tệp nén có hai phần cùng tên {info.filename} (kể cả khi chỉ khác chữ hoa, chữ "
                    "thường). Word không bao giờ ghi như vậy, và mỗi chương trình có thể đọc một phần khác nhau. "
                    "Hãy mở tệp trong Word và lưu lại.")
            seen.add(key)

    def read(self, part: str) -> Optional[bytes]:
        """The bytes of ``part``, None if the package has no such part."""
        info = self.archive.NameToInfo.get(part)
        if info is None:
            return None
        self._check_size(part, info.file_size, info.compress_size)
        chunks, total = [], 0
        try:
            with self.archive.open(info) as member:
                while chunk := member.read(_CHUNK):
                    total += len(chunk)
                    self._check_size(part, total, info.compress_size)
                    chunks.append(chunk)
        except MemoryError:
            raise DocxReadError(
                self.name, f"không đủ bộ nhớ để đọc phần {part} ({total / (1 << 20):.0f} MB). "
                f"Hãy giảm giới hạn {SIZE_VARIABLE} hoặc đóng bớt chương trình khác."
            ) from None
        except _ZIP_ERRORS as error:
            raise DocxReadError(
                self.name, f"phần {part} trong tệp nén bị hỏng ({error}). Hãy mở tệp trong Word, lưu lại rồi thử lại."
            ) from None
        return b"".join(chunks)

    def _check_size(self, part: str, size: int, compressed: int) -> None:
        if size > self.max_bytes:
            raise DocxReadError(
                self.name, f"phần {part} khi giải nén lớn hơn {self.max_bytes >> 20} MB, giới hạn của vanban "
                f"(đặt biến môi trường {SIZE_VARIABLE}, ví dụ {SIZE_VARIABLE}={(self.max_bytes >> 20) * 4}, "
                "để đọc văn bản lớn hơn; mỗi MB cần khoảng 50 MB bộ nhớ)."
            )
        if size > RATIO_FLOOR and size > self.max_ratio * max(compressed, 1):
            raise DocxReadError(
                self.name, f"phần {part} giải nén ra gấp hơn {self.max_ratio} lần kích thước nén "
                f"({_thousands(max(compressed, 1))} byte thành hơn {_thousands(size)} byte): dấu hiệu của một 'bom nén', không phải "
                f"văn bản Word thường. Nếu tệp là của bạn và đáng tin, đặt biến môi trường {RATIO_VARIABLE} "
                f"(ví dụ {RATIO_VARIABLE}={self.max_ratio * 10}) để đọc."
            )

    def xml(self, part: str):
        """The root element of ``part``, None if the package has no such part."""
        data = self.read(part)
        self._parsed.add(part)
        return None if data is None else parse_part(data, part, self.name)

    def refuse_doctypes(self) -> None:
        """Refuse the package if any XML part declares a DOCTYPE, also one vanban does not read
        (content types, relationships, properties, footnotes...): Word never writes one, so a
        package that has one was made to attack whatever reads that part next (LibreOffice,
        when the document is converted). A part is XML by its name or by its first bytes; a
        picture in SVG is not a part of the document's XML (Word keeps the file it was given,
        a DOCTYPE often included: Illustrator writes one), and ``_svg`` reads it safely."""
        from ._svg import SNIFF_BYTES, is_svg

        for part in self.names():
            if part in self._parsed:
                continue  # already parsed, its DOCTYPE refused then
            if not part.lower().endswith((".xml", ".rels")):
                try:
                    with self.archive.open(part) as member:
                        head = member.read(SNIFF_BYTES)
                except _ZIP_ERRORS:
                    continue  # not read by vanban: what LibreOffice makes of it is its concern
                if not head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").startswith(b"<") or is_svg(head):
                    continue
            data = self.read(part)
            if data and any(marker in data for marker in _DOCTYPE):
                self.xml(part)  # a DOCTYPE is refused; the same words in a comment are not one


def _safe_parser() -> etree.XMLParser:
    # One new parser per part: lxml parsers must not be shared between threads.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


_DOCTYPE = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))


def parse_part(data: bytes, part: str, source: str):
    """The root element of one XML part, parsed without anything that reaches outside it.

    No entity is resolved, no DTD loaded, nothing fetched from the network, and a part
    that declares a DOCTYPE is refused outright: Word never writes one, and a DOCTYPE is
    how an XML file reads other files on the machine (an external entity) or explodes
    in memory (nested entities), whatever the lxml version.
    """
    try:
        root = etree.fromstring(data, _safe_parser())
    except etree.XMLSyntaxError as error:
        if any(marker in data for marker in _DOCTYPE):  # libxml2 stops some entity bombs itself
            raise _doctype_refused(part, source) from None
        raise DocxReadError(
            source, f"phần {part} bị hỏng (XML không hợp lệ ở dòng {error.lineno}). "
            "Hãy mở tệp trong Word, lưu lại rồi thử lại."
        ) from None
    if root.getroottree().docinfo.doctype:
        raise _doctype_refused(part, source)
    return root


def _doctype_refused(part: str, source: str) -> DocxReadError:
    return DocxReadError(
        source, f"phần {part} có khai báo DOCTYPE. Word không bao giờ ghi khai báo này; nó có thể "
        "được dùng để đọc trộm tệp trên máy, nên vanban không đọc tệp này. Nếu tệp là của bạn, "
        "hãy mở trong Word và lưu thành một tệp .docx mới."
    )


class DocxView:
    """A read-only view of a .docx; built once, queried by the checker."""

    def __init__(self, source: Union[str, Path, bytes], name: str = ""):
        self.name = name or (str(source) if not isinstance(source, (bytes, bytearray)) else "văn bản")
        with Package(source, self.name) as package:
            self.document = package.xml("word/document.xml")
            self._take_parts(SharedParts(package))
            package.refuse_doctypes()
        if self.document.tag != w("document"):
            strict = self.document.tag == "{http://purl.oclc.org/ooxml/wordprocessingml/main}document"
            raise DocxReadError(self.name, (
                "văn bản được lưu dạng 'Strict Open XML', vanban chưa đọc được dạng này." if strict else
                "phần word/document.xml không phải nội dung một văn bản Word.")
                + " Hãy mở tệp trong Word và lưu thành Word Document (.docx).")
        self._index_styles()

    _keep_runs = True
    """Each paragraph's runs, read for its text, are kept for its signature, and the nearest
    table of one outside the body's own for :meth:`_table_of` (see :meth:`of`)."""

    _one_walk = True
    """Each paragraph of the part itself or of a plain table of it is read in one pass: its
    text, runs and what its signature reads of it (:func:`_read_paragraph`); False reads as
    before (the tests compare the two)."""

    @classmethod
    def from_parts(cls, document, parts: "SharedParts", name: str = "") -> "DocxView":
        """A view over a ``w:document`` tree already in memory (a document vanban has just
        rendered, whose body it holds) and the other parts of its package, parsed once and
        shared by every document that has them (:class:`SharedParts`): nothing is unzipped
        or parsed again, and what the styles give a paragraph of a given signature is
        resolved once for all those documents. ``document`` may be a ``w:body`` standing
        alone, for a document element that holds nothing else: lxml walks every element of
        a tree it moves into another, which reading it where it stands does not need."""
        view = cls.__new__(cls)
        view.name = name or "văn bản"
        view.document = document
        view._take_parts(parts)
        view._index_styles(parts)
        return view

    def _take_parts(self, parts: "SharedParts") -> None:
        """The package's parts other than the document, as :class:`SharedParts` reads them."""
        self.styles, self.settings, self.numbering = parts.styles, parts.settings, parts.numbering
        self.theme_fonts, self._headers = parts.theme_fonts, parts.headers
        self.chinese_fonts = parts.chinese_fonts

    @classmethod
    def of(cls, document) -> "DocxView":
        """A view over a python-docx ``Document`` already in memory, sharing its elements."""
        buffer = io.BytesIO()
        document.save(buffer)
        view = cls(buffer.getvalue())
        view.document = document.element
        view.styles = document.styles.element
        view._keep_runs = False  # the caller may change its document: each signature reads the tree
        view._index_styles()
        return view

    def _index_styles(self, shared: Optional["SharedParts"] = None) -> None:
        self._page_setup: Optional[PageSetup] = None
        self._looks: dict = {}
        self._children: dict = {}
        self._table_styles: dict = {}
        self._conditional_chains: dict = {}
        self._grid = _UNSET  # the page's line grid, read when first asked for
        self._section = _UNSET  # page 1's sectPr, found when first asked for
        self._table_grids: dict = {}
        # keyed by ids of chains, which may be this view's own (a table's conditional parts)
        self._inherited_chains: dict = {}
        self._chain_keys: dict = {}
        self._header = None
        self._frame = None
        # each paragraph's runs as its text was read, kept for its signature (taken once)
        self._runs_read: dict = {}
        # each paragraph's own properties, style id and runs as its signature takes them, read
        # with its text (_read_paragraph), and its nearest table; taken once by _signature
        self._signature_parts: dict = {}
        self._signatures: dict = {}  # each paragraph's, as look() computed it
        self._tables_around: dict = {}  # a paragraph outside the body's own -> its nearest w:tbl
        self._cell_widths: dict = {}
        if shared is not None and shared.index is not None:
            # what depends on the styles, numbering and theme only: one view's, for all
            for name, value in shared.index.items():
                setattr(self, name, value)
            if len(self._by_signature) > _SHARED_SIGNATURES:  # bounded over a batch of any size
                self._by_signature.clear()
                self._labels_by_signature.clear()
            if len(self._pages_by_section) > _SHARED_SIGNATURES:
                self._pages_by_section.clear()
            self.paragraphs = list(self._paragraphs())
            return
        self._chains: dict = {}
        self._by_signature: dict = {}
        self._labels_by_signature: dict = {}
        # page 1's page by what its section holds (the settings and headers are the views' own)
        self._pages_by_section: dict = {}
        self._header_page_fields: dict = {}  # header root -> whether it has a PAGE field
        self._index_numbering()
        self._default_parts = {kind: self._find_defaults(kind) for kind in ("rPr", "pPr")}
        self._styles_by_id = {}
        self._default_paragraph_style = None
        self._default_table_style = None
        # a style or the defaults hinting a font (w:hint): else only a run's own properties can
        self._styles_hint = self.styles is not None and any(
            fonts.get(_HINT) is not None for fonts in self.styles.iter(_RUN_FONTS))
        if self.styles is not None:
            for style in self.styles.iter(w("style")):
                self._styles_by_id[style.get(w("styleId"))] = style
                if style.get(w("default")) in ("1", "true", "on"):
                    if style.get(w("type")) == "paragraph":
                        self._default_paragraph_style = style.get(w("styleId"))
                    elif style.get(w("type")) == "table":
                        self._default_table_style = style.get(w("styleId"))
        if shared is not None:
            shared.index = self._style_tables
        self.paragraphs = list(self._paragraphs())

    @property
    def _style_tables(self) -> dict:
        """The attributes :meth:`_index_styles` derives from the styles, numbering and theme
        alone (the caches keyed by style elements and paragraph signatures among them)."""
        return {name: getattr(self, name) for name in _STYLE_TABLES}

    # --- paragraphs in reading order -------------------------------------------

    def read_frame(self, para: Para) -> bool:
        """Read the top-level table holding ``para`` as the page it lays out (a whole document
        in one table: letterhead, body and signature in its cells). A row with one cell across
        the table is body; the rows of several cells between two such rows are a table of their
        own (the letterhead's, the signature's); a table inside a cell is a table of its own.
        False, and nothing changed, for a table without a row across it."""
        frame = outer_table(para.element)
        if frame is None or not any(kind == "across" for kind, *_ in _frame_rows(frame).values()):
            return False
        self._frame = frame
        self.paragraphs = list(self._paragraphs(self._header))
        return True

    def table_rows(self, para: Para) -> list:
        """The ``w:tr`` rows of the table the view reads ``para`` in: the outermost table holding
        it; in a page laid out in one table (:meth:`read_frame`), the outermost one inside that
        table's cell, or the frame's own rows of cells ``para`` stands in (the rows between two
        rows across). Empty for a paragraph outside tables (a row across the frame is body)."""
        tables = [a for a in para.element.iterancestors(w("tbl")) if a is not self._frame]
        if tables:
            return list(tables[-1].iterchildren(w("tr")))
        if self._frame is None or para.table is None:
            return []
        positions = _frame_rows(self._frame)
        cell = next(a for a in para.element.iterancestors(w("tc")) if a.getparent().getparent() is self._frame)
        group = positions[cell][1]
        return [tr for tr in self._frame.iterchildren(w("tr"))
                if any(positions.get(tc, (None, None))[1] == group and positions[tc][0] == "cells"
                       for tc in tr.iterchildren(w("tc")))]

    def include_first_page_header(self) -> bool:
        """Read the header of page 1 as the top of the page, before the body (where some
        writers put the letterhead); False, and nothing changed, if page 1 has no header text."""
        page = self.page_setup()
        header = page.headers.get("first" if page.title_page else "default")
        if header is None or not any(paragraph_text(p).strip() for p in header.iter(w("p"))):
            return False
        self._header = header
        self.paragraphs = list(self._paragraphs(header))
        return True

    def _paragraphs(self, header=None) -> Iterator[Para]:
        body = self.document if self.document.tag == _BODY else self.document.find(w("body"))
        if body is None:  # schema-valid: a document without a body has no paragraphs
            return
        roots = ([(header, "header")] if header is not None else []) + [(body, "body")]
        index = 0
        # Keyed by the element itself: lxml proxies are created on access and freed at once,
        # so id() of one may be reused by the next table's proxy.
        tables: dict = {}
        textboxes: dict = {}
        # Row and column of every cell, counted once per table: an index() per paragraph
        # made a table of n rows cost n² (552 s for 20,000 rows).
        cells: dict = {}
        counters: dict = {}  # each list's counters, as Word numbers its paragraphs in order
        for root, part in roots:
            for para in self._part_paragraphs(root, part, index, tables, textboxes, cells, counters):
                index = para.index
                yield para

    def _text_of(self, paragraph) -> str:
        """:func:`paragraph_text`, its runs kept for the paragraph's signature (in a view over
        a tree no one else holds)."""
        text, runs = _read_runs(paragraph)
        if self._keep_runs:
            self._runs_read[paragraph] = runs
        return text

    def _part_paragraphs(self, root, part: str, index: int, tables: dict, textboxes: dict, cells: dict,
                         counters: dict) -> Iterator[Para]:
        fallback, box_tag, cell_tag, table_tag = f"{{{MC}}}Fallback", w("txbxContent"), w("tc"), w("tbl")
        # a view of a body standing alone finds page 1's sectPr (_first_section) in the same walk
        whole = root is self.document and self._section is _UNSET
        numbered = self.numbering is not None  # else no paragraph has a list's label
        keep, kept = self._keep_runs, self._runs_read
        # a tree no one else holds, read with its looks shared: each paragraph's signature read
        # with its text (_read_paragraph); cells of a page laid out in one table go the long way
        walk = keep and MEMOISE and self._one_walk and self._frame is None
        signed, hint, row_tag = self._signature_parts, self._styles_hint, w("tr")

        def read_in_one_pass(element, tbl) -> str:
            # its text, runs and what its signature reads of it (``tbl``: the table around it)
            text, read = _read_paragraph(element, hint)
            if type(read) is tuple:
                signed[element] = (*read, tbl)
            else:
                kept[element] = read
            return text

        for element in (root.iter(_P, _SECTION) if whole else root.iter(_P)):
            if whole and element.tag == _SECTION:
                if self._section is _UNSET:
                    self._section = element
                continue
            parent = element.getparent()
            if parent is root:  # most paragraphs: no text box, cell or fallback around them
                index += 1
                if walk:
                    text = read_in_one_pass(element, None)
                else:
                    text, runs = _read_runs(element)  # _text_of, inline
                    if keep:
                        kept[element] = runs
                label = self._list_label(element, counters) if numbered else ""
                yield Para(index, element, label + text, part, None, None, None, False, label)
                continue
            if walk and parent.tag == cell_tag:  # a cell of a table of the part itself: no walk up
                row_element = parent.getparent()
                tbl = row_element.getparent() if row_element is not None and row_element.tag == row_tag else None
                if tbl is not None and tbl.tag == table_tag and tbl.getparent() is root:
                    index += 1
                    self._tables_around[element] = tbl
                    table = tables.setdefault(tbl, len(tables))
                    if tbl not in cells:
                        cells[tbl] = _cell_positions(tbl)
                    row, column = cells[tbl][parent]
                    text = read_in_one_pass(element, tbl)
                    label = self._list_label(element, counters) if numbered else ""
                    yield Para(index, element, label + text, f"table{table}[{row}][{column}]", table, row, column,
                               False, label)
                    continue
            # the nearest text box, cell and table, in one walk up (a paragraph of a cell has four)
            box = cell = None
            above = []  # the tables around it, nearest first
            ancestors = []
            for ancestor in element.iterancestors():
                tag = ancestor.tag
                if tag == fallback:
                    break
                ancestors.append(ancestor)
                if tag == table_tag:
                    above.append(ancestor)
                elif tag == cell_tag:
                    if cell is None:
                        cell = ancestor
                elif tag == box_tag and box is None:
                    box = ancestor
            else:
                if self._keep_runs:  # a tree no one else holds: _table_of may take it from here
                    self._tables_around[element] = above[0] if above else None
                above = None
            if above is not None:
                continue  # the same text box again, for old readers
            index += 1
            place, table, row, column, nested = part, None, None, None, False
            if box is not None:
                number = textboxes.setdefault(box, len(textboxes))
                place = f"textbox{number}"
            elif cell is not None and self._frame is not None and outer_table(element) is self._frame:
                place, table, row, column, nested, framed = self._frame_place(element, cell, tables, cells)
                label = self._list_label(element, counters)
                yield Para(index, element, label + self._text_of(element), place, table, row, column, nested, label,
                           framed)
                continue
            elif cell is not None:
                tbl = cell.getparent().getparent()  # an ancestor: the tables around it are those after it
                outer = [a for a in ancestors[next(i for i, a in enumerate(ancestors) if a is tbl) + 1:]
                         if a.tag == table_tag]
                top = outer[-1] if outer else tbl
                table = tables.setdefault(top, len(tables))
                nested = bool(outer)
                if not nested:
                    if tbl not in cells:
                        cells[tbl] = _cell_positions(tbl)
                    row, column = cells[tbl][cell]
                place = f"table{table}" + (f"[{row}][{column}]" if not nested else "[nested]")
            label = self._list_label(element, counters) if numbered else ""
            yield Para(index, element, label + self._text_of(element), place, table, row, column, nested, label)
        if whole and self._section is _UNSET:
            self._section = None  # the whole document walked: it has no sectPr

    def _frame_place(self, element, cell, tables: dict, cells: dict) -> tuple:
        """(place, table, row, column, nested, framed) of a paragraph of the frame table."""
        frame = self._frame
        inner = [a for a in element.iterancestors(w("tbl")) if a is not frame]
        if inner:  # a table inside a cell of the frame: a table of its own
            top = next(a for a in inner if a.getparent().getparent().getparent() is frame)
            table = tables.setdefault(top, len(tables))
            if len(inner) > 1:
                return f"table{table}[nested]", table, None, None, True, False
            if top not in cells:
                cells[top] = _cell_positions(top)
            row, column = cells[top][cell]
            return f"table{table}[{row}][{column}]", table, row, column, False, False
        if frame not in cells:
            cells[frame] = _frame_rows(frame)
        kind, group, row, column = cells[frame][cell]
        if kind == "across":
            return "body", None, None, None, False, True
        table = tables.setdefault((frame, group), len(tables))
        return f"table{table}[{row}][{column}]", table, row, column, False, False

    # --- styles ----------------------------------------------------------------

    def _chain(self, style_id: Optional[str]) -> list:
        """The style and its basedOn ancestors (computed once per style)."""
        if style_id in self._chains:
            return self._chains[style_id]
        start = style_id
        chain = []
        while style_id and style_id in self._styles_by_id:
            style = self._styles_by_id[style_id]
            if style in chain:
                break
            chain.append(style)
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        self._chains[start] = chain
        return chain

    def _paragraph_style_id(self, paragraph) -> Optional[str]:
        ppr = paragraph.find(w("pPr"))
        style = ppr.find(w("pStyle")) if ppr is not None else None  # the first, as _child finds it
        return style.get(w("val")) if style is not None else self._default_paragraph_style

    def _paragraph_style_chain(self, paragraph) -> list:
        return self._chain(self._paragraph_style_id(paragraph))

    def _table_of(self, paragraph):
        parent = paragraph.getparent()
        if parent is not None and parent.tag == _BODY:  # a paragraph of the body itself
            return None
        found = self._tables_around.get(paragraph, _UNSET)  # found by _part_paragraphs
        if found is not _UNSET:
            return found
        return next((a for a in paragraph.iterancestors(w("tbl"))), None)

    def _table_style_chain(self, paragraph, table=_UNSET) -> list:
        table = self._table_of(paragraph) if table is _UNSET else table
        if table is None:
            return _NO_CHAIN
        if table not in self._table_styles:  # once per table: find() walks every row of one without tblPr
            tbl_pr = table.find(w("tblPr"))
            style = tbl_pr.find(w("tblStyle")) if tbl_pr is not None else None
            style_id = style.get(w("val")) if style is not None else self._default_table_style
            chain = self._chain(style_id)
            conditional = any(s.find(w("tblStylePr")) is not None for s in chain)
            self._table_styles[table] = (chain, _table_look(tbl_pr) if conditional else None)
        chain, look = self._table_styles[table]
        if look is None:
            return chain
        # the table style's parts for the cell's place (first row, last column, odd band...),
        # over the style's own, as Word applies them where the table's w:tblLook asks
        conditions = self._cell_conditions(paragraph, table, look, chain)
        found = self._conditional_chains.get((table, conditions))
        if found is None:
            found = []
            for style in chain:
                parts = {part.get(w("type")): part for part in style.iterchildren(w("tblStylePr"))}
                found += [parts[name] for name in reversed(TABLE_CONDITIONS) if name in conditions and name in parts]
                found.append(style)
            self._conditional_chains[(table, conditions)] = found
        return found

    def _cell_conditions(self, paragraph, table, look: dict, chain: list) -> tuple:
        """The conditional parts of a table style (``w:tblStylePr`` types) that apply to the cell
        of ``table`` holding ``paragraph``."""
        if table not in self._table_grids:
            rows = list(table.iterchildren(w("tr")))
            bands = {}
            for kind in ("Row", "Col"):
                size = next((e.get(w("val")) for s in chain for e in s.iter(w(f"tblStyle{kind}BandSize"))), "1")
                bands[kind] = int(size) if size.isdigit() and int(size) > 0 else 1
            self._table_grids[table] = (_cell_positions(table), len(rows),
                                        {row: len(list(row.iterchildren(w("tc")))) for row in rows}, bands)
        positions, row_count, widths, bands = self._table_grids[table]
        cell = next((a for a in paragraph.iterancestors(w("tc")) if a.getparent().getparent() is table), None)
        if cell is None:
            return ("wholeTable",)
        row, column = positions[cell]
        last_column = widths[cell.getparent()] - 1
        first_row, last_row = look["firstRow"] and row == 0, look["lastRow"] and row == row_count - 1
        first_col, last_col = look["firstColumn"] and column == 0, look["lastColumn"] and column == last_column
        found = {"wholeTable"}
        if not look["noHBand"] and not first_row and not last_row:
            band = (row - (1 if look["firstRow"] else 0)) // bands["Row"] % 2
            found.add("band1Horz" if band == 0 else "band2Horz")
        if not look["noVBand"] and not first_col and not last_col:
            band = (column - (1 if look["firstColumn"] else 0)) // bands["Col"] % 2
            found.add("band1Vert" if band == 0 else "band2Vert")
        for name, holds in (("firstRow", first_row), ("lastRow", last_row), ("firstCol", first_col),
                            ("lastCol", last_col), ("nwCell", first_row and first_col), ("neCell", first_row and last_col),
                            ("swCell", last_row and first_col), ("seCell", last_row and last_col)):
            if holds:
                found.add(name)
        return tuple(sorted(found))

    def _defaults(self, kind: str):
        return self._default_parts[kind]

    def _find_defaults(self, kind: str):
        if self.styles is None:
            return None
        defaults = self.styles.find(w("docDefaults"))
        outer = defaults.find(w(f"{kind}Default")) if defaults is not None else None
        return outer.find(w(kind)) if outer is not None else None

    # --- numbering: a list level's indentation ------------------------------------

    def _index_numbering(self) -> None:
        self._num_levels: dict = {}
        self._num_lists: dict = {}  # numId -> the list its counters belong to (its abstractNum)
        if self.numbering is None:
            return
        abstract = {}
        for definition in self.numbering.iterchildren(w("abstractNum")):
            abstract[definition.get(w("abstractNumId"))] = {
                level.get(w("ilvl"), "0"): level for level in definition.iterchildren(w("lvl"))}
        numbered = {num.get(w("numId")): num.find(w("abstractNumId")) for num in self.numbering.iterchildren(w("num"))}
        linked = self._linked_lists(numbered)
        for num in self.numbering.iterchildren(w("num")):
            reference = num.find(w("abstractNumId"))
            abstract_id = reference.get(w("val")) if reference is not None else None
            abstract_id = linked.get(abstract_id, abstract_id)
            levels = dict(abstract.get(abstract_id, {}))
            self._num_lists[num.get(w("numId"))] = ("abstract", abstract_id)
            for override in num.iterchildren(w("lvlOverride")):
                level = override.find(w("lvl"))
                if level is not None:
                    levels[override.get(w("ilvl"), "0")] = level
            self._num_levels[num.get(w("numId"))] = levels

    def _linked_lists(self, numbered: dict) -> dict:
        """abstractNumId -> the abstractNumId that holds its levels, for a list that takes them
        from a list style (Word's multi-level lists on headings: ``w:numStyleLink`` names a
        numbering style, whose numPr points at a num, whose abstractNum carries the levels)."""
        if self.styles is None:
            return {}
        styles = {s.get(w("styleId")): s for s in self.styles.iterchildren(w("style"))
                  if s.get(w("type")) == "numbering"}
        linked = {}
        for definition in self.numbering.iterchildren(w("abstractNum")):
            link = definition.find(w("numStyleLink"))
            style = styles.get(link.get(w("val"))) if link is not None else None
            num_id = style.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}") if style is not None else None
            target = numbered.get(num_id.get(w("val"))) if num_id is not None else None
            if target is not None and target.get(w("val")) != definition.get(w("abstractNumId")):
                linked[definition.get(w("abstractNumId"))] = target.get(w("val"))
        return linked

    def _numbering_properties(self, chain: list) -> Optional[object]:
        """The ``pPr`` of the list level a paragraph's numPr (along ``chain``) points at."""
        found = self._list_level(chain)[2]
        return found.find(w("pPr")) if found is not None else None

    def _list_level(self, chain: list) -> tuple:
        """(numId, level number, w:lvl) of the list a paragraph's numPr (along ``chain``) puts
        it in; (None, None, None) for a paragraph outside any list."""
        num_id = level = None
        for ppr in chain:
            num_pr = ppr.find(w("numPr"))
            if num_pr is None:
                continue
            if num_id is None and num_pr.find(w("numId")) is not None:
                num_id = num_pr.find(w("numId")).get(w("val"))
            if level is None and num_pr.find(w("ilvl")) is not None:
                level = num_pr.find(w("ilvl")).get(w("val"))
        if num_id in (None, "0"):
            return (None, None, None)
        found = self._num_levels.get(num_id, {}).get(level or "0")
        return (num_id, int(level) if (level or "0").isdigit() else 0, found)

    def _list_label(self, paragraph, counters: dict) -> str:
        """The number or bullet Word shows before a paragraph of a list ("I. ", "1.2. ", "- "),
        counting on ``counters`` (the document's lists so far); "" outside a list."""
        if self.numbering is None:
            return ""
        direct = paragraph.find(w("pPr"))
        chain = ([direct] if direct is not None else []) + [
            s.find(w("pPr")) for s in self._paragraph_style_chain(paragraph) if s.find(w("pPr")) is not None]
        num_id, level, found = self._list_level(chain)
        if found is None or level > 8:
            return ""
        levels = self._num_levels.get(num_id, {})
        counts = counters.setdefault(self._num_lists.get(num_id, num_id), [None] * 9)
        counts[level] = _level_start(found) if counts[level] is None else counts[level] + 1
        for deeper in range(level + 1, 9):
            counts[deeper] = None
        text_element = found.find(w("lvlText"))
        pattern = text_element.get(w("val"), "") if text_element is not None else ""

        def number(match) -> str:
            at = int(match.group(1)) - 1
            other = levels.get(str(at))
            value = counts[at] if counts[at] is not None else (_level_start(other) if other is not None else 1)
            return _list_number(value, _level_format(other if other is not None else found))

        label = re.sub(r"%([1-9])", number, pattern)
        if _level_format(found) == "bullet" or any(0xE000 <= ord(c) <= 0xF8FF for c in label):
            label = "".join("•" if 0xE000 <= ord(c) <= 0xF8FF else c for c in label)
        if not label.strip() or _level_format(found) == "none":
            return ""
        suffix = found.find(w("suff"))
        return label + ("" if suffix is not None and suffix.get(w("val")) == "nothing" else " ")

    def _inherited(self, paragraph, kind: str, table=_UNSET) -> list:
        """``kind`` (``rPr`` or ``pPr``) of the paragraph's styles, its table's styles and the
        defaults (built once per paragraph style, table style and kind)."""
        styles = self._paragraph_style_chain(paragraph)
        tables = self._table_style_chain(paragraph, table)
        key = (id(styles), id(tables), kind)
        chain = self._inherited_chains.get(key) if MEMOISE else None
        if chain is None:
            chain = [s.find(w(kind)) for s in styles] + [s.find(w(kind)) for s in tables] + [self._defaults(kind)]
            self._inherited_chains[key] = chain
        return chain

    def _run_properties_chain(self, paragraph, run, inherited: Optional[list] = None) -> list:
        chain = []
        rpr = run.find(w("rPr")) if run is not None else None
        if rpr is not None:
            chain.append(rpr)
            rstyle = rpr.find(w("rStyle"))
            if rstyle is not None:
                chain += [s.find(w("rPr")) for s in self._chain(rstyle.get(w("val")))]
        chain += inherited if inherited is not None else self._inherited(paragraph, "rPr")
        return [c for c in chain if c is not None]

    def _paragraph_properties_chain(self, paragraph, table=_UNSET) -> list:
        """Direct ``pPr``, the list level's, the styles', the table style's, the defaults'.

        A list level applied to the paragraph itself sets its indentation over the
        paragraph style's (as Word and LibreOffice show it); one that comes with the
        style gives way to the style's own."""
        direct = paragraph.find(w("pPr"))
        styles = [c for c in self._inherited(paragraph, "pPr", table) if c is not None]
        own = direct is not None and direct.find(w("numPr")) is not None
        level = self._numbering_properties(([direct] if direct is not None else []) + styles)
        chain = [direct] + ([level] if own else []) + styles
        if level is not None and not own:
            paragraph_styles = len([s for s in self._paragraph_style_chain(paragraph) if s.find(w("pPr")) is not None])
            chain.insert(1 + paragraph_styles, level)
        return [c for c in chain if c is not None]

    def run_property(self, paragraph, run, name: str):
        """Effective ``sz`` (half-points), ``b``, ``i``, ``u``, ``caps`` or ``font`` of a run."""
        return self._run_value(self._run_properties_chain(paragraph, run), name)

    def _run_value(self, chain: list, name: str):
        for rpr in chain:
            if name in ("font", "font_hansi", "font_east_asia", "hint"):
                fonts = self._child(rpr, w("rFonts"))
                if fonts is None:
                    continue
                if name == "hint":
                    if fonts.get(w("hint")):
                        return fonts.get(w("hint"))
                    continue
                slot = {"font": "ascii", "font_hansi": "hAnsi", "font_east_asia": "eastAsia"}[name]
                # a theme font stands over a named one in the same element (ECMA-376 17.3.2.26:
                # with asciiTheme set, ascii is ignored), as Word shows it
                theme = fonts.get(w(f"{slot}Theme"))
                if theme:
                    kind = "major" if theme.startswith("major") else "minor"
                    return self.theme_fonts.get(kind + ("_ea" if slot == "eastAsia" else ""), theme) or None
                if fonts.get(w(slot)):
                    return fonts.get(w(slot))
                continue
            if name == "lang_east_asia":
                found = self._child(rpr, w("lang"))
                if found is not None and found.get(w("eastAsia")):
                    return found.get(w("eastAsia"))
                continue
            found = self._child(rpr, w(name))
            if found is None:
                continue
            if name == "sz":
                if found.get(w("val")) is None:
                    continue
                size = self._measure(found, "val", HALF_POINTS)
                return int(size) if size.is_integer() else size
            if name == "u":
                return found.get(w("val")) not in (None, "none")
            if name == "lang":
                if found.get(w("val")) is None:
                    continue
                return found.get(w("val"))
            return _toggle(found)
        return {"sz": 20, "font": None, "font_hansi": None, "font_east_asia": None, "hint": None, "lang": None,
                "lang_east_asia": None}.get(name, False)

    def _east_asian_letters(self, chain: list, text: str) -> tuple[Optional[str], tuple]:
        """The East Asian font Word sets some of ``text`` in, where the run's fonts carry
        ``w:hint="eastAsia"`` (as WPS writes them), and the kinds of characters it sets so
        (:data:`HINTED`): signs such as °, ×, marks typed apart and dashes and quotes always;
        à, á, è, é, ê, ì, í, ò, ó, ù, ú, ü when the run's East Asian language is Chinese; ă, đ,
        ơ, ư, ạ ... ỹ when it is, or when the East Asian font is a Chinese one. (None, ()) when
        no character shows so; an East Asian font named Times New Roman beside the same ASCII
        and high-ANSI fonts gives way to the ASCII font ([MS-OI29500] 2.1.88)."""
        if self._run_value(chain, "hint") != "eastAsia":
            return None, ()
        east_asian = self._run_value(chain, "font_east_asia")
        if not east_asian:
            return None, ()
        ascii_font, high = self._run_value(chain, "font"), self._run_value(chain, "font_hansi")
        if east_asian == "Times New Roman" and ascii_font == high:  # Word then uses the ASCII font
            return None, ()
        chinese = (self._run_value(chain, "lang_east_asia") or "").lower().startswith("zh")
        charset = chinese or east_asian in self.chinese_fonts
        when = {"always": True, "chinese": chinese, "chinese or charset": charset}
        kinds = tuple(kind for kind in hinted_kinds(text) if when[HINTED[kind][1]])
        return (font_family(east_asian)[0], kinds) if kinds else (None, ())

    def label_look(self, para: Para) -> tuple:
        """(bold, italic) of the paragraph's first run with words: how its number "1.2." is set."""
        # the same for every paragraph of the same signature (the first run with words is its
        # first run's, its chain the style's and table's of the signature)
        signature = self._signatures.get(para.element) if para.line is None else None
        found = self._labels_by_signature.get(signature) if signature is not None else None
        if found is not None:
            return found
        runs = [r for r in para.element.iter(w("r")) if _run_text(r).strip()]
        chain = self._run_properties_chain(para.element, runs[0])
        bold, italic = self._run_value(chain, "b"), self._run_value(chain, "i")
        _, font_bold, font_italic = font_family(self._run_value(chain, "font"))
        found = (bold or font_bold, italic or font_italic)
        if signature is not None:
            self._labels_by_signature[signature] = found
        return found

    def paragraph_property(self, paragraph, tag: str, attribute: str):
        return _paragraph_value(self._paragraph_properties_chain(paragraph), tag, attribute)

    def _measure(self, element, attribute: str, per_point: int) -> float:
        raw = element.get(w(attribute))
        found = measure(raw, per_point)
        if found is None:
            tag = etree.QName(element).localname
            raise DocxReadError(
                self.name, f"giá trị '{raw[:40]}' của thuộc tính w:{attribute} trong <w:{tag}> không phải một số đo "
                "(như 240, 12pt, 0.5in, 20mm). Hãy mở tệp trong Word, lưu lại rồi thử lại."
            )
        return found

    def look(self, para: Union[Para, object]) -> Look:
        """What a reader sees of a paragraph (computed once per paragraph, and once for all
        paragraphs of the same signature: most of a document is a few kinds of paragraph).
        The Look is shared: read it, never change it."""
        if isinstance(para, Para):
            element = para.element
            if para.line is not None:
                key = (element, para.line)
                if key not in self._looks:
                    self._looks[key] = self._look(element, self._line_runs(element, para.line))
                return self._looks[key]
        else:
            element = para
        found = self._looks.get(element)
        if found is None:
            if MEMOISE:
                signature = self._signatures[element] = self._signature(element)
                found = self._by_signature.get(signature)
                if found is None:
                    found = self._by_signature[signature] = self._look(element)
            else:
                found = self._look(element)
            self._looks[element] = found
        return found

    def _child(self, element, tag: str):
        """``element.find(tag)`` for a properties element (pPr, rPr), from a table of its
        children built once: resolving a paragraph asks each element of its chains for a
        dozen tags."""
        if not MEMOISE:
            return element.find(tag)
        children = self._children.get(element)
        if children is None:
            children = {}
            for child in element:
                children.setdefault(child.tag, child)
            self._children[element] = children
        return children.get(tag)

    def _signature(self, element) -> tuple:
        """Everything the look of a paragraph depends on: its style, whether it stands in a
        table and that table's style chain, the page's line grid, its own paragraph properties,
        and for each run with words its properties and whether it has letters beyond ASCII (set
        in the high-ANSI font) and which kinds of characters a hint may set in an East Asian font
        (none when neither the styles nor the run's own properties hint a font)."""
        read = self._signature_parts.pop(element, None)  # read with the paragraph's text
        if read is not None:
            own, style_id, runs, table = read
            style_id = self._default_paragraph_style if style_id is _UNSET else style_id
            chain_key = () if table is None else self._chain_key(self._table_style_chain(element, table))
            return (style_id, table is not None, chain_key, self._line_grid(), own, runs)
        table = self._table_of(element)
        chain_key = () if table is None else self._chain_key(self._table_style_chain(element, table))
        ppr = None
        for child in element:  # _find_first, inline: asked of every paragraph
            ppr = child if child.tag == _PARAGRAPH_PROPERTIES else element.find(_PARAGRAPH_PROPERTIES)
            break
        own, style_id = _properties_content(ppr) if ppr is not None else (None, _UNSET)
        if style_id is _UNSET:  # no pStyle: the default style (as _paragraph_style_id finds it)
            style_id = self._default_paragraph_style
        runs = []
        read = self._runs_read.pop(element, None)  # read with the paragraph's text (_read_runs)
        for properties, text in (read if read is not None else _read_runs(element)[1]):
            if text and not text.isspace():  # words (text.strip(), without making the stripped copy)
                runs.append(_run_signature(properties, text, self._styles_hint))
        return (style_id, table is not None, chain_key, self._line_grid(), own, tuple(runs))

    def _chain_key(self, chain: list) -> tuple:
        """A table's style chain by what it holds (each style's id, each conditional part's
        style and type), the same in every view over the same styles: signatures are shared
        by the views of :class:`SharedParts`, where the id of a chain of a view's own (a
        table's conditional parts) may be taken by another once that view is gone."""
        key = self._chain_keys.get(id(chain))  # this view's chains live as long as it does
        if key is None:
            key = tuple((element.getparent().get(w("styleId")), element.get(w("type"))) if element.tag == _CONDITIONAL
                        else (element.get(w("styleId")), None) for element in chain)
            self._chain_keys[id(chain)] = key
        return key

    def lines(self, para: Para) -> list[Para]:
        """The lines of a paragraph broken by line breaks (a letterhead typed with Shift+Enter:
        "TỈNH ĐOÀN TRÀ VINH", "BCH ĐOÀN KHỐI ...", "***" in one paragraph), each a Para of
        its own words whose look is its own runs'; ``[para]`` for a paragraph of one line."""
        if "\n" not in para.text:
            return [para]
        return [replace(para, text=text, line=number) for number, text in enumerate(para.text.split("\n"))
                if text.strip()]

    def _line_runs(self, element, line: int) -> list:
        """The runs holding words of line ``line`` of a paragraph broken by line breaks."""
        runs, current = [], 0
        for run in _own_runs(element):
            for offset, piece in enumerate(_run_text(run).split("\n")):
                if offset:
                    current += 1
                if current == line and piece.strip() and run not in runs:
                    runs.append(run)
        return runs

    def _look(self, element, runs: Optional[list] = None) -> Look:
        runs = [r for r in element.iter(w("r")) if _run_text(r).strip()] if runs is None else runs
        runs = runs or [None]
        shown = Look()
        inherited = self._inherited(element, "rPr")  # the same for every run of the paragraph
        for run in runs:
            chain = self._run_properties_chain(element, run, inherited)
            shown.sizes.add(self._run_value(chain, "sz") / 2)
            family, font_bold, font_italic = font_family(self._run_value(chain, "font"))
            shown.bold.add(self._run_value(chain, "b") or font_bold)
            shown.italic.add(self._run_value(chain, "i") or font_italic)
            shown.underline.add(self._run_value(chain, "u"))
            shown.caps.add(self._run_value(chain, "caps"))
            shown.languages.add(self._run_value(chain, "lang"))
            shown.fonts.add(family)
            if run is not None and any(ord(c) > 0x7F for c in _run_text(run)):
                # letters beyond ASCII (ư, ơ, ạ ...) are set in the high-ANSI font
                other = font_family(self._run_value(chain, "font_hansi"))[0]
                if other is not None:
                    shown.fonts.add(other)
                east_asian, kinds = self._east_asian_letters(chain, _run_text(run))
                if east_asian is not None:
                    shown.fonts.add(east_asian)
                    shown.east_asian_font = east_asian
                    shown.east_asian_kinds += tuple(k for k in kinds if k not in shown.east_asian_kinds)
        chain = self._paragraph_properties_chain(element)
        character = max(shown.sizes) * TWIPS  # Word's character unit: the font's size, one em

        def value(tag: str, attribute: str):
            return _paragraph_value(chain, tag, attribute, self._child)

        def twips(tag: str, *attributes: str, default: int = 0, chars: Optional[dict] = None) -> int:
            """The first element along the chain that sets any of ``attributes`` decides; its
            character-unit form (``chars``: attribute -> (attribute in hundredths, unit)), when
            set and not zero, stands over the twips."""
            for ppr in chain:
                found = self._child(ppr, w(tag))
                if found is None:
                    continue
                for attribute in attributes:
                    units = (chars or {}).get(attribute)
                    if units and found.get(w(units[0])) not in (None, "0"):
                        return round(self._measure(found, units[0], 1) / 100 * units[1])
                    if found.get(w(attribute)) is not None:
                        return round(self._measure(found, attribute, TWIPS))
            return default

        align = value("jc", "val") or "left"
        shown.align = {"both": "justify", "start": "left", "end": "right", "distribute": "justify",
                       "lowKashida": "justify", "mediumKashida": "justify", "highKashida": "justify",
                       "thaiDistribute": "justify"}.get(align, align)
        # firstLine and hanging are one setting: the nearest that gives either wins; hanging counts negative
        first = twips("ind", "hanging", "firstLine", default=None,
                      chars={"hanging": ("hangingChars", character), "firstLine": ("firstLineChars", character)})
        first_from = _paragraph_ind_kind(chain, self._child)
        shown.first_line = 0 if first is None else (-first if first_from == "hanging" else first)
        shown.left = twips("ind", "start", "left", chars={"start": ("startChars", character),
                                                          "left": ("leftChars", character)})
        shown.right = twips("ind", "end", "right", chars={"end": ("endChars", character),
                                                          "right": ("rightChars", character)})
        line_unit = 240  # Word's "line" for beforeLines/afterLines: 12 pt
        shown.before = twips("spacing", "before", chars={"before": ("beforeLines", line_unit)})
        shown.after = twips("spacing", "after", chars={"after": ("afterLines", line_unit)})
        for side in ("before", "after"):
            automatic = self._autospacing(chain, side)
            if automatic:  # Word's "Auto" (HTML's paragraph margin): the value beside it is ignored
                listed = self._list_level(chain)[2] is not None
                setattr(shown, side, 0 if listed or self._table_of(element) is not None else AUTO_SPACING)
        shown.line = twips("spacing", "line", default=240)
        shown.line_rule = value("spacing", "lineRule") or "auto"
        pitch = self._line_grid()
        if pitch and shown.line_rule == "auto" and self._snaps_to_grid(chain):
            # Word sets each line on the page's grid: its height rounded up to whole grid lines
            # (a 14 pt line of 16,1 pt on a 15,6 pt grid takes two: it looks double spaced)
            single = max(shown.sizes) * TWIPS * SINGLE_LINE
            snapped = math.ceil(single * shown.line / 240 / pitch - 1e-9) * pitch
            shown.line = round(snapped / single * 240)
            shown.grid_pitch = pitch
        shown.border_bottom = self._has_bottom_border(element)
        return shown

    def _line_grid(self) -> Optional[int]:
        """The line pitch in twips of page 1's section when its lines snap to a grid
        (``w:docGrid`` of type lines, linesAndChars or snapToChars, as WPS and East Asian Word
        write it); None when the page has no such grid (a pitch alone does not snap)."""
        if self._grid is _UNSET:
            sect = self._first_section()
            grid = sect.find(w("docGrid")) if sect is not None else None
            self._grid = None
            if grid is not None and grid.get(w("type")) in ("lines", "linesAndChars", "snapToChars"):
                pitch = measure(grid.get(w("linePitch"), ""), TWIPS)
                self._grid = round(pitch) if pitch and pitch > 0 else None
        return self._grid

    def _autospacing(self, chain: list, side: str) -> bool:
        """The paragraph's spacing ``side`` (before, after) is Word's "Auto" (``w:beforeAutospacing``,
        as Word writes paragraphs pasted from a web page)."""
        for ppr in chain:
            found = self._child(ppr, w("spacing"))
            if found is not None and found.get(w(f"{side}Autospacing")) is not None:
                return found.get(w(f"{side}Autospacing")) in ("1", "true", "on")
        return False

    def _snaps_to_grid(self, chain: list) -> bool:
        for ppr in chain:
            found = self._child(ppr, w("snapToGrid"))
            if found is not None:
                return bool(_toggle(found))
        return True

    def _has_bottom_border(self, paragraph) -> bool:
        chain = [paragraph.find(w("pPr"))] + [s.find(w("pPr")) for s in self._paragraph_style_chain(paragraph)]
        for ppr in chain:
            if ppr is None:
                continue
            borders = ppr.find(w("pBdr"))
            if borders is not None and borders.find(w("bottom")) is not None:
                return borders.find(w("bottom")).get(w("val")) not in ("nil", "none")
        return False

    def drawn_length(self, para: Para) -> Optional[int]:
        """The length in twips of the longest horizontal line drawn in the paragraph (a
        DrawingML shape's extent, a VML line or shape), None if it has none."""
        lengths = []
        for extent in para.element.iter(f"{{{WP}}}extent"):
            if any(a.tag == f"{{{MC}}}Fallback" for a in extent.iterancestors()):
                continue
            try:
                width, height = int(extent.get("cx", "0")), int(extent.get("cy", "0"))
            except ValueError:
                continue
            if width and height <= width / 10:
                lengths.append(width / EMU_PER_TWIP)
        if not lengths:
            for line in para.element.iter(f"{{{VML}}}line"):
                start, end = (_css_pair(line.get(k, "0,0")) for k in ("from", "to"))
                if start and end and abs(end[1] - start[1]) <= abs(end[0] - start[0]) / 10:
                    lengths.append(abs(end[0] - start[0]) * 20)
            for shape in (e for tag in ("shape", "rect") for e in para.element.iter(f"{{{VML}}}{tag}")):
                style = dict(part.split(":", 1) for part in shape.get("style", "").split(";") if ":" in part)
                width, height = _css_points(style.get("width", "")), _css_points(style.get("height", "0"))
                if width and (height or 0) <= width / 10:
                    lengths.append(width * 20)
        return round(max(lengths)) if lengths else None

    def line_width(self, para: Para) -> Optional[int]:
        """The width in twips a paragraph's lines may take: its table cell's, or the page's
        between the margins, less its own left and right indents."""
        look = self.look(para)
        container = self.cell_width(para)
        if container is None and para.table is None:
            page = self.page_setup()
            if None not in (page.width, page.left, page.right):
                container = page.width - page.left - page.right
        return None if container is None else container - look.left - look.right

    def cell_width(self, para: Para) -> Optional[int]:
        """The width of the table cell a paragraph sits in (its w:tcW in twips), if it says."""
        cell = next((a for a in para.element.iterancestors(w("tc"))), None)
        if cell is None:
            return None
        if not self._keep_runs:  # a tree its caller may change
            return _cell_width(cell)
        found = self._cell_widths.get(cell, _UNSET)  # the paragraphs of a cell share its width
        if found is _UNSET:
            found = self._cell_widths[cell] = _cell_width(cell)
        return found

    # --- page --------------------------------------------------------------------

    def page_setup(self) -> PageSetup:
        """The page of page 1 (computed once: finding the first section walks the document).
        Shared: read it, never change it."""
        if self._page_setup is None:
            sect = self._first_section()
            if sect is None:
                self._page_setup = self._find_page_setup(sect)
            else:  # what a section gives is the same in every view sharing the settings and headers
                key = _content(sect)
                found = self._pages_by_section.get(key)
                if found is None:
                    found = self._pages_by_section[key] = self._find_page_setup(sect)
                self._page_setup = found
        return self._page_setup

    def _first_section(self):
        """Page 1's ``w:sectPr``: the first in the document (annexes after it may be landscape);
        found once (a walk of the document up to it)."""
        if self._section is _UNSET:
            self._section = next(self.document.iter(w("sectPr")), None)
        return self._section

    def _find_page_setup(self, sect) -> PageSetup:
        if sect is None:  # schema-valid: the application's default page, which vanban cannot know
            return PageSetup(None, None, None, None, None, None, "portrait", False, {}, declared=False)
        size = sect.find(w("pgSz"))
        margin = sect.find(w("pgMar"))
        headers = {}
        for reference in sect.iter(w("headerReference")):
            header = self._headers.get(reference.get(f"{{{R}}}id"))
            if header is not None:
                headers[reference.get(w("type"), "default")] = header
        mirror = self.settings is not None and self.settings.find(w("mirrorMargins")) is not None

        def value(element, name) -> Optional[int]:
            if element is None or element.get(w(name)) is None:
                return None
            return round(self._measure(element, name, TWIPS))

        def distance(element, name) -> Optional[int]:  # a negative top or bottom margin: text may overlap the header
            found = value(element, name)
            return None if found is None else abs(found)

        return PageSetup(
            width=value(size, "w"), height=value(size, "h"),
            top=distance(margin, "top"), bottom=distance(margin, "bottom"),
            left=value(margin, "left"), right=value(margin, "right"),
            orientation=size.get(w("orient"), "portrait") if size is not None else "portrait",
            title_page=_toggle(sect.find(w("titlePg"))) or False,
            headers=headers, mirror=mirror,
        )

    def header_has_page_field(self, kind: str) -> bool:
        """The header of page 1's section of ``kind`` (default, first, even) has a PAGE field."""
        header = self.page_setup().headers.get(kind)
        if header is None:
            return False
        found = self._header_page_fields.get(header)  # headers are parts shared by the views of SharedParts
        if found is None:
            found = self._header_page_fields[header] = has_page_field(header)
        return found

    def page_field_looks(self, kind: str) -> list[Look]:
        """What a reader sees of each paragraph holding the page number in the header ``kind``."""
        header = self.page_setup().headers.get(kind)
        if header is None:
            return []
        return [self.look(p) for p in header.iter(w("p")) if has_page_field(p)]


class SharedParts:
    """The parts of a package other than ``word/document.xml``, parsed once with the safe
    parser, for views over documents that all have them (every document rendered from
    one template: :meth:`DocxView.from_parts`). ``index`` is filled by the first view
    and shared by the next ones; views of several threads may fill it at once (each
    table holds the same values whichever thread writes them)."""

    def __init__(self, package: Package):
        self.styles = package.xml("word/styles.xml")
        self.settings = package.xml("word/settings.xml")
        self.numbering = package.xml("word/numbering.xml")
        theme = next((n for n in package.names() if n.startswith("word/theme/") and n.endswith(".xml")), None)
        self.theme_fonts = _theme_fonts(package.xml(theme) if theme else None)
        self.chinese_fonts = _chinese_fonts(package.xml("word/fontTable.xml"))
        self.headers = _headers(package)
        self.index: Optional[dict] = None


def _css_points(value: str) -> Optional[float]:
    """A CSS length of a VML style ("449.65pt", "2in", "60") in points; None if it is not one."""
    found = _CSS_LENGTH.fullmatch(value.strip())
    return float(found[1]) * _CSS_POINTS[found[2]] if found else None


def _css_pair(value: str) -> Optional[tuple]:
    parts = value.split(",")
    points = [_css_points(p) for p in parts] if len(parts) == 2 else []
    return tuple(points) if len(points) == 2 and None not in points else None


def _level_start(level) -> int:
    start = level.find(w("start"))
    value = start.get(w("val"), "1") if start is not None else "1"
    return int(value) if value.isdigit() else 1


def _level_format(level) -> str:
    found = level.find(w("numFmt"))
    return found.get(w("val"), "decimal") if found is not None else "decimal"


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _list_number(value: int, form: str) -> str:
    """A list counter as Word writes it in the format ``form`` (w:numFmt)."""
    if form in ("upperRoman", "lowerRoman") and 0 < value < 4000:
        roman = ""
        for amount, letters in _ROMAN:
            while value >= amount:
                roman, value = roman + letters, value - amount
        return roman if form == "upperRoman" else roman.lower()
    if form in ("upperLetter", "lowerLetter") and value > 0:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if form == "upperLetter" else letter
    if form == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _find(element, tag: str):
    return element.find(tag)


def _content(element) -> Optional[tuple]:
    """An element's tags and attributes, nested, as a value to compare (no namespace declarations,
    which serialising would repeat for every element): its tag, its attributes (pairs of
    text), then each child's (a child without children as its tag and attributes)."""
    if element is None:
        return None
    out = [element.tag, *element.items()]  # items(): no attribute proxy made, as attrib makes one
    for child in element:
        out.append(_content(child) if len(child) else (child.tag, *child.items()))
    return tuple(out)


def _properties_content(properties) -> tuple:
    """A paragraph's ``w:pPr`` as :func:`_content` gives it, and the ``w:val`` of its first
    ``w:pStyle`` (None for one without; :data:`_UNSET` when it has no pStyle), in one pass
    over its children."""
    out = [properties.tag, *properties.items()]
    style = _UNSET
    for child in properties:
        tag = child.tag
        if len(child):
            out.append(_content(child))
            continue
        attributes = child.items()
        out.append((tag, *attributes))
        if tag == _PARAGRAPH_STYLE and style is _UNSET:
            style = next((value for name, value in attributes if name == _VAL), None)
    if style is _UNSET:  # a pStyle with children of its own (never written so, but read the same)
        found = properties.find(_PARAGRAPH_STYLE)
        if found is not None:
            style = found.get(_VAL)
    return tuple(out), style


def _paragraph_ind_kind(chain: list, child=_find) -> Optional[str]:
    """Which of firstLine and hanging the nearest ``w:ind`` that sets either gives."""
    for ppr in chain:
        found = child(ppr, w("ind"))
        if found is None:
            continue
        if found.get(w("hangingChars")) not in (None, "0") or found.get(w("hanging")) is not None:
            return "hanging"
        if found.get(w("firstLineChars")) not in (None, "0") or found.get(w("firstLine")) is not None:
            return "firstLine"
    return None


_FONT_STYLE = re.compile(r"^(.*?)[\s,-]*(Bold\s*Italic|BoldItalic|Bold|Italic|Oblique|Regular|Roman)?$", re.IGNORECASE)
_MS_FAMILIES = {"TimesNewRoman": "Times New Roman", "TimesNewRomanPSMT": "Times New Roman",
                "TimesNewRomanPS": "Times New Roman"}


@lru_cache(maxsize=1024)
def font_family(name: Optional[str]) -> tuple:
    """(family, bold, italic) of a font name as documents write it: "Times New Roman Bold" is
    Times New Roman in bold, "TimesNewRomanPS-BoldMT" too; "Times New Roman" is itself."""
    if not name:
        return (name, False, False)
    text = name.strip()
    text = re.sub(r"(?<=\w)MT$", "", text)
    match = _FONT_STYLE.match(text)
    family, style = (match.group(1) or text).strip(), (match.group(2) or "").lower().replace(" ", "")
    if not family or style == "roman" and family.lower().endswith("times new"):  # "Times New Roman" itself
        return (name.strip(), False, False)
    family = _MS_FAMILIES.get(family.replace(" ", ""), family)
    return (family, "bold" in style, "italic" in style or "oblique" in style)


def _paragraph_element(chain: list, tag: str, attribute: str, child=_find):
    """The first ``tag`` along a chain of ``pPr`` that sets ``attribute``, or None."""
    for ppr in chain:
        found = child(ppr, w(tag))
        if found is not None and found.get(w(attribute)) is not None:
            return found
    return None


def _paragraph_value(chain: list, tag: str, attribute: str, child=_find):
    """The first ``attribute`` of a ``tag`` set along a chain of ``pPr``, or None."""
    found = _paragraph_element(chain, tag, attribute, child)
    return None if found is None else found.get(w(attribute))


def _cell_width(cell) -> Optional[int]:
    """A cell's ``w:tcPr/w:tcW`` in twips; None when it gives none, or not in twips."""
    width = next((found for properties in cell.iterchildren(w("tcPr")) for found in properties.iterchildren(w("tcW"))),
                 None)  # as find("tcPr/tcW") finds it, without ElementPath's machinery
    if width is None or width.get(w("type"), "dxa") != "dxa":
        return None
    try:
        return int(float(width.get(w("w"), "0")))
    except ValueError:
        return None


def _cell_positions(table) -> dict:
    """Each cell of ``table`` (not of tables inside it) -> its (row, column)."""
    return {cell: (r, c) for r, row in enumerate(table.iterchildren(w("tr")))
            for c, cell in enumerate(row.iterchildren(w("tc")))}


TABLE_CONDITIONS = ("wholeTable", "band1Vert", "band2Vert", "band1Horz", "band2Horz", "firstCol", "lastCol",
                    "firstRow", "lastRow", "neCell", "nwCell", "seCell", "swCell")
"""The conditional parts of a table style, the weakest first (ECMA-376 17.7.6)."""
_LOOK_BITS = {"firstRow": 0x20, "lastRow": 0x40, "firstColumn": 0x80, "lastColumn": 0x100, "noHBand": 0x200,
              "noVBand": 0x400}


def _table_look(tbl_pr) -> dict:
    """Which conditional parts of its style a table asks for (``w:tblLook``: an attribute each,
    or the older bit mask in ``w:val``); none of the first and last rows and columns when it
    says nothing."""
    look = tbl_pr.find(w("tblLook")) if tbl_pr is not None else None
    mask = 0
    if look is not None and look.get(w("val")):
        try:
            mask = int(look.get(w("val")), 16)
        except ValueError:
            mask = 0
    found = {}
    for name, bit in _LOOK_BITS.items():
        value = look.get(w(name)) if look is not None else None
        found[name] = value in ("1", "true", "on") if value is not None else bool(mask & bit)
    return found


def _frame_rows(frame) -> dict:
    """Each cell of a table laying out a page -> ("across", None, None, None) for the one cell
    of a row across the table, else ("cells", group, row, column): the rows of several cells
    between two rows across are numbered ``group``, their rows from 0."""
    positions = {}
    group, row = -1, 0
    previous_across = True
    for tr in frame.iterchildren(w("tr")):
        tcs = list(tr.iterchildren(w("tc")))
        if len(tcs) == 1:
            positions[tcs[0]] = ("across", None, None, None)
            previous_across = True
            continue
        if previous_across:
            group, row = group + 1, 0
        for column, tc in enumerate(tcs):
            positions[tc] = ("cells", group, row, column)
        row += 1
        previous_across = False
    return positions


def _theme_fonts(theme) -> dict:
    fonts = {}
    if theme is not None:
        for kind in ("major", "minor"):
            font = theme.find(f".//{{{A}}}{kind}Font/{{{A}}}latin")
            if font is not None:
                fonts[kind] = font.get("typeface")
            east_asian = theme.find(f".//{{{A}}}{kind}Font/{{{A}}}ea")
            if east_asian is not None:
                fonts[kind + "_ea"] = east_asian.get("typeface")
    return fonts


def _chinese_fonts(table) -> frozenset:
    """The fonts of the font table whose character set is Chinese (:data:`CHINESE_CHARSETS`)."""
    if table is None:
        return frozenset()
    charsets = ((font, font.find(w("charset"))) for font in table.iter(w("font")))
    return frozenset(font.get(w("name")) for font, charset in charsets
                     if charset is not None and (charset.get(w("val")) or "").upper() in CHINESE_CHARSETS)


def _headers(package: Package) -> dict:
    """Every header part of the document, parsed, by its relationship id."""
    rels = package.xml("word/_rels/document.xml.rels")
    headers = {}
    for rel in rels if rels is not None else ():
        target = rel.get("Target")
        if target and (rel.get("Type") or "").endswith("/header"):
            headers[rel.get("Id")] = package.xml("word/" + target.lstrip("/").replace("word/", ""))
    return headers


_RUN_TEXT = {f"{{{W}}}tab": "\t", f"{{{W}}}br": "\n", f"{{{W}}}cr": "\n",
             f"{{{W}}}noBreakHyphen": "-"}  # Word's no-break hyphen shows as a hyphen
_TEXT = f"{{{W}}}t"
_BODY = f"{{{W}}}body"
_P = f"{{{W}}}p"
_SECTION = f"{{{W}}}sectPr"
_RUN_PROPERTIES = f"{{{W}}}rPr"
_PARAGRAPH_PROPERTIES = f"{{{W}}}pPr"
_PARAGRAPH_STYLE = f"{{{W}}}pStyle"
_VAL = f"{{{W}}}val"
_CONDITIONAL = f"{{{W}}}tblStylePr"
_REMOVED = (w("del"), w("moveFrom"))
_RUN = w("r")
_RUN_FONTS = w("rFonts")
_HINT = w("hint")
_RUN_OWNERS = (w("p"), w("txbxContent"))


def _hints(properties) -> bool:
    """Whether a run's properties (``w:rPr``, or None) hint a font (``w:hint`` on a ``w:rFonts``)."""
    return properties is not None and any(fonts.get(_HINT) is not None for fonts in properties.iterchildren(_RUN_FONTS))


def _run_text(run) -> str:
    """The text a run shows: none for one tracked as deleted or moved away (``w:del``,
    ``w:moveFrom``: Word shows the document as it stands once the changes are accepted)."""
    if run.getparent().tag in _REMOVED:
        return ""
    parts = []
    for child in run:
        tag = child.tag
        if tag == _TEXT:
            parts.append(child.text or "")
        elif tag in _RUN_TEXT:
            parts.append(_RUN_TEXT[tag])
    return "".join(parts)


def _find_first(element, tag: str):
    """``element.find(tag)`` for a child the schema puts first (a paragraph's ``w:pPr``, its
    ``w:pStyle``): looking at the first child is several times quicker than ``find``, which
    is asked when the first child is another."""
    for child in element:
        if child.tag == tag:
            return child
        break
    return element.find(tag)


_PLAIN_IN_PARAGRAPH = frozenset(w(tag) for tag in (
    "pPr", "r", "bookmarkStart", "bookmarkEnd", "proofErr", "commentRangeStart", "commentRangeEnd", "permStart",
    "permEnd"))
"""What a paragraph may hold beside its runs without holding runs itself (a hyperlink, a field,
a tracked change, a content control hold runs)."""
_PLAIN_IN_RUN = frozenset([_TEXT, _RUN_PROPERTIES, *_RUN_TEXT] + [w(tag) for tag in (
    "softHyphen", "lastRenderedPageBreak", "fldChar", "instrText")])
"""What a run may hold without holding runs (a drawing or an object may hold a text box's)."""


def _read_runs(paragraph) -> tuple[str, list]:
    """A paragraph's text (:func:`paragraph_text`) and, for every run in it (those of text
    boxes anchored in it too), its first properties element and the text it shows, in one
    pass over the runs."""
    own, runs = [], []
    for child in paragraph:  # most paragraphs: their runs are their children, and hold nothing else
        tag = child.tag
        if tag == _RUN:
            properties, parts = None, []
            for piece in child:
                tag = piece.tag
                if tag == _TEXT:
                    parts.append(piece.text or "")
                elif tag == _RUN_PROPERTIES:
                    if properties is None:
                        properties = piece
                elif tag in _RUN_TEXT:
                    parts.append(_RUN_TEXT[tag])
                elif tag not in _PLAIN_IN_RUN:
                    break
            else:
                text = "".join(parts)
                runs.append((properties, text))
                own.append(text)
                continue
            break
        if tag not in _PLAIN_IN_PARAGRAPH:
            break
    else:
        return "".join(own), runs
    return _runs_anywhere(paragraph)  # runs deeper than the paragraph's children


def _run_signature(properties, text: str, styles_hint: bool) -> tuple:
    """What a paragraph's signature holds of one of its runs with words: its properties'
    :func:`_content`, whether it has letters beyond ASCII, and which kinds of them a hint may
    set in an East Asian font (``styles_hint``: the styles hint a font); none when no font of
    the run is hinted East Asian, since its look then does not depend on which letters it has."""
    content = None if properties is None else _content(properties)
    if text.isascii():  # no character a hint may set in an East Asian font (all beyond ASCII)
        return content, False, ()
    if styles_hint or _hints(properties):
        return content, True, hinted_kinds(text)
    return content, True, ()


def _read_paragraph(paragraph, styles_hint: bool) -> tuple[str, object]:
    """:func:`_read_runs` of a paragraph and, for one whose runs are its children, what
    :meth:`DocxView._signature` reads of it, in the same pass: its first ``w:pPr``'s content
    and style id as :func:`_properties_content` gives them (None and :data:`_UNSET` without a
    pPr), and its runs with words, each its properties' :func:`_content`, whether it has
    letters beyond ASCII and the kinds a hint may set in an East Asian font (``styles_hint``:
    the styles hint a font). (text, (own, style id, runs)); (text, runs) as
    :func:`_read_runs` gives them for any other paragraph."""
    own, signed = [], []
    ppr = None
    for child in paragraph:
        tag = child.tag
        if tag == _RUN:
            properties, text = None, ""  # most runs hold one piece of text: added, not joined
            for piece in child:
                tag = piece.tag
                if tag == _TEXT:
                    text += piece.text or ""
                elif tag == _RUN_PROPERTIES:
                    if properties is None:
                        properties = piece
                elif tag in _RUN_TEXT:
                    text += _RUN_TEXT[tag]
                elif tag not in _PLAIN_IN_RUN:
                    break
            else:
                own.append(text)
                if text and not text.isspace():  # words: as _signature takes a run
                    signed.append(_run_signature(properties, text, styles_hint))
                continue
            break
        if tag == _PARAGRAPH_PROPERTIES:
            if ppr is None:  # the first, as _signature finds it
                ppr = child
        elif tag not in _PLAIN_IN_PARAGRAPH:
            break
    else:
        properties, style = _properties_read(ppr) if ppr is not None else (None, _UNSET)
        return "".join(own), (properties, style, tuple(signed))
    return _runs_anywhere(paragraph)  # runs deeper than the paragraph's children


def _properties_read(properties) -> tuple:
    """:func:`_properties_content`, quicker where the schema's order holds: the children's
    tuples made in one comprehension, the style id taken from the first child when it is a
    ``w:pStyle`` with its ``w:val`` alone; any other pStyle is found as that function finds it."""
    children = [_content(child) if len(child) else (child.tag, *child.items()) for child in properties]
    content = (properties.tag, *properties.items(), *children)
    if not children:
        return content, _UNSET
    first = children[0]
    # (tag, (name, value)): a pStyle with one attribute (a child of its own would be a tuple of tuples)
    if first[0] == _PARAGRAPH_STYLE and len(first) == 2 and len(first[1]) == 2 and type(first[1][1]) is str:
        return content, (first[1][1] if first[1][0] == _VAL else None)
    if any(child[0] == _PARAGRAPH_STYLE for child in children):
        return content, _properties_content(properties)[1]
    return content, _UNSET


def _runs_anywhere(paragraph) -> tuple[str, list]:
    """:func:`_read_runs` of any paragraph: each run found wherever it stands in it."""
    own, runs = [], []
    for run in paragraph.iter(_RUN):
        properties, parts = None, []
        parent = run.getparent()  # one proxy for both questions: lxml makes a new one each time
        for child in run:  # the run's first rPr and its text (_run_text), in one pass
            tag = child.tag
            if tag == _TEXT:
                parts.append(child.text or "")
            elif tag in _RUN_TEXT:
                parts.append(_RUN_TEXT[tag])
            elif tag == _RUN_PROPERTIES and properties is None:
                properties = child
        text = "" if parent.tag in _REMOVED else "".join(parts)  # a removed run shows no text (_run_text)
        runs.append((properties, text))
        if parent is paragraph or next(run.iterancestors(*_RUN_OWNERS), None) is paragraph:
            own.append(text)
    return "".join(own), runs


def _own_runs(paragraph) -> list:
    """A paragraph's own runs (not those of text boxes anchored in it)."""
    owners = (w("p"), w("txbxContent"))
    return [r for r in paragraph.iter(w("r"))  # most runs stand in the paragraph itself
            if r.getparent() is paragraph or next(r.iterancestors(*owners), None) is paragraph]


def paragraph_text(paragraph) -> str:
    """The text of a paragraph's own runs (not of text boxes anchored in it)."""
    return "".join(_run_text(r) for r in _own_runs(paragraph))


def has_page_field(root) -> bool:
    """A PAGE field, simple or complex, anywhere in a header."""
    if root is None:
        return False
    for simple in root.iter(w("fldSimple")):
        if re.match(r"\s*PAGE\b", simple.get(w("instr"), "")):
            return True
    return any(re.match(r"\s*PAGE\b", t.text or "") for t in root.iter(w("instrText")))


# --- what an importer needs: each run's emphasis, a table's cells, a paragraph's style -----


@dataclass
class Span:
    """A stretch of a paragraph's text and the emphasis the reader sees on it beyond the
    paragraph's own look (a bold word in running text; not the bold of a bold heading)."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


def style_id(paragraph) -> Optional[str]:
    """The paragraph's own style id (``VBHeading1``), None when it names none."""
    ppr = paragraph.find(w("pPr"))
    style = ppr.find(w("pStyle")) if ppr is not None else None
    return style.get(w("val")) if style is not None else None


def spans(view: "DocxView", paragraph) -> list[Span]:
    """The paragraph's own runs as :class:`Span`s. A run's emphasis is what the run itself
    sets (its properties and its character style), not what it takes from the paragraph's
    style: the bold of a heading is the heading's, a word set bold inside it is the word's."""
    out: list[Span] = []
    for run in paragraph.iter(w("r")):
        if next((a for a in run.iterancestors() if a.tag in (w("p"), w("txbxContent"))), None) is not paragraph:
            continue
        text = _run_text(run)
        if not text:
            continue
        rpr = run.find(w("rPr"))
        chain = []
        if rpr is not None:
            chain.append(rpr)
            character = rpr.find(w("rStyle"))
            if character is not None:
                chain += [s.find(w("rPr")) for s in view._chain(character.get(w("val")))]
        chain = [c for c in chain if c is not None]
        found = {name: bool(view._run_value(chain, name)) if chain else False for name in ("b", "i", "u")}
        out.append(Span(text, found["b"], found["i"], found["u"]))
    return out


@dataclass
class Cell:
    """One cell of a table as a reader sees it: its paragraphs, how many grid columns it
    spans, and whether it continues the merged cell above it (``w:vMerge`` without restart)."""

    paragraphs: list
    span: int = 1
    continued: bool = False
    starts_merge: bool = False


def table_cells(table) -> list[list[Cell]]:
    """The rows of ``table`` (a ``w:tbl``, or a list of its ``w:tr``), each a list of its cells
    left to right."""
    rows = []
    for row in (table.iterchildren(w("tr")) if hasattr(table, "iterchildren") else table):
        cells = []
        for cell in row.iterchildren(w("tc")):
            tc_pr = cell.find(w("tcPr"))
            span, continued, starts = 1, False, False
            if tc_pr is not None:
                grid = tc_pr.find(w("gridSpan"))
                if grid is not None and (grid.get(w("val")) or "").isdigit():
                    span = max(1, int(grid.get(w("val"))))
                merge = tc_pr.find(w("vMerge"))
                if merge is not None:
                    continued = merge.get(w("val"), "continue") == "continue"
                    starts = not continued
            cells.append(Cell(list(cell.iterchildren(w("p"))), span, continued, starts))
        rows.append(cells)
    return rows


def outer_table(paragraph):
    """The outermost ``w:tbl`` holding ``paragraph``, None outside tables."""
    return next((a for a in reversed(list(paragraph.iterancestors())) if a.tag == w("tbl")), None)


def in_landscape_section(paragraph) -> bool:
    """Whether the section holding ``paragraph`` (a paragraph of the body) is turned: its
    ``w:sectPr`` is the first one at or after the paragraph."""
    for element in (paragraph, *paragraph.itersiblings()):
        section = element if element.tag == w("sectPr") else element.find(f"{w('pPr')}/{w('sectPr')}")
        if section is not None:
            size = section.find(w("pgSz"))
            if size is None:
                return False
            if size.get(w("orient")) == "landscape":
                return True
            width, height = size.get(w("w")), size.get(w("h"))
            return bool(width and height and width.isdigit() and height.isdigit() and int(width) > int(height))
    return False
