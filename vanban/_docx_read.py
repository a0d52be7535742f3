"""Reading any .docx the way a reader sees it: paragraphs in reading order, each with
its place on the page and its effective formatting.

Effective formatting is resolved as Word does: direct run properties, then the
run's character style (and its basedOn chain), then the paragraph style chain,
then the table style of the enclosing table, then the document defaults; theme
fonts are resolved through the theme. Units stay Word's: sizes in half-points,
spacing in twentieths of a point, indents and margins in twips.
"""

from __future__ import annotations

import io
import os
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional, Union

from lxml import etree

from ._file_kind import KINDS, MAX_ZIP_ENTRIES, kind_of, zip_entry_count
from .errors import DocxReadError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


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
    align: str = "left"
    first_line: int = 0  # twips; negative for a hanging indent
    left: int = 0
    before: int = 0  # twentieths of a point
    after: int = 0
    line: int = 240  # w:line
    line_rule: str = "auto"
    border_bottom: bool = False


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

    @property
    def top_level(self) -> bool:
        """A paragraph of the body itself, not of a table, text box or content control."""
        return self.element.getparent().tag == w("body")

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
        text = " ".join(self.text.split())
        return text if len(text) <= 70 else text[:67] + "..."


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


# --- measurements in every form the standard allows ------------------------------------------
# ST_TwipsMeasure, ST_SignedTwipsMeasure, ST_HpsMeasure and ST_SignedHpsMeasure are each
# a bare number, already in the unit (twips, half-points), or a number and a unit
# (ST_UniversalMeasure: 14pt, 0.50in, 20mm, 1.5cm, 2pc, 2pi, -0.5in).

_NUMBER = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?")
_WITH_UNIT = re.compile(r"(-?[0-9]+(?:\.[0-9]+)?)(mm|cm|in|pt|pc|pi)")
_POINTS_PER = {"pt": 1.0, "pc": 12.0, "pi": 12.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4}
TWIPS, HALF_POINTS = 20, 2  # per point


def measure(value: str, per_point: int) -> Optional[float]:
    """``value`` in twips (``per_point`` 20) or half-points (2); None if it is not a measurement."""
    text = value.strip()
    if _NUMBER.fullmatch(text):
        return float(text)
    found = _WITH_UNIT.fullmatch(text)
    return float(found[1]) * _POINTS_PER[found[2]] * per_point if found else None


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
        self._stream = _open(source, name)
        try:
            count = zip_entry_count(self._stream)
            if count is None:
                raise _not_a_docx(self._stream, name)
            self._refuse_entries(count)
            try:
                self.archive = zipfile.ZipFile(self._stream)
            except _ZIP_ERRORS:
                raise _not_a_docx(self._stream, name) from None
            self._refuse_entries(len(self.archive.infolist()))
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
        return None if data is None else parse_part(data, part, self.name)


def check_package(source: Union[str, Path, bytes], name: str) -> None:
    """Read every XML part of a .docx within the limits and with the safe parser, or raise
    :class:`DocxReadError`. For a foreign .docx that python-docx or docxtpl is about to open
    (an office's template): they parse with a parser of their own and read every part."""
    with Package(source, name) as package:
        for part in package.names():
            if part.endswith((".xml", ".rels")):
                package.xml(part)


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
            self.styles = package.xml("word/styles.xml")
            self.settings = package.xml("word/settings.xml")
            theme = next((n for n in package.names() if n.startswith("word/theme/") and n.endswith(".xml")), None)
            self.theme_fonts = _theme_fonts(package.xml(theme) if theme else None)
            self._headers = _headers(package)
        if self.document.tag != w("document"):
            strict = self.document.tag == "{http://purl.oclc.org/ooxml/wordprocessingml/main}document"
            raise DocxReadError(self.name, (
                "văn bản được lưu dạng 'Strict Open XML', vanban chưa đọc được dạng này." if strict else
                "phần word/document.xml không phải nội dung một văn bản Word.")
                + " Hãy mở tệp trong Word và lưu thành Word Document (.docx).")
        self._index_styles()

    @classmethod
    def of(cls, document) -> "DocxView":
        """A view over a python-docx ``Document`` already in memory, sharing its elements."""
        buffer = io.BytesIO()
        document.save(buffer)
        view = cls(buffer.getvalue())
        view.document = document.element
        view.styles = document.styles.element
        view._index_styles()
        return view

    def _index_styles(self) -> None:
        self._chains: dict = {}
        self._looks: dict = {}
        self._table_styles: dict = {}
        self._default_parts = {kind: self._find_defaults(kind) for kind in ("rPr", "pPr")}
        self._styles_by_id = {}
        self._default_paragraph_style = None
        if self.styles is not None:
            for style in self.styles.iter(w("style")):
                self._styles_by_id[style.get(w("styleId"))] = style
                if style.get(w("type")) == "paragraph" and style.get(w("default")) in ("1", "true"):
                    self._default_paragraph_style = style.get(w("styleId"))
        self.paragraphs = list(self._paragraphs())

    # --- paragraphs in reading order -------------------------------------------

    def _paragraphs(self) -> Iterator[Para]:
        body = self.document.find(w("body"))
        if body is None:  # schema-valid: a document without a body has no paragraphs
            return
        index = 0
        # Keyed by the element itself: lxml proxies are created on access and freed at once,
        # so id() of one may be reused by the next table's proxy.
        tables: dict = {}
        textboxes: dict = {}
        # Row and column of every cell, counted once per table: an index() per paragraph
        # made a table of n rows cost n² (552 s for 20,000 rows).
        cells: dict = {}
        for element in body.iter(w("p")):
            if any(a.tag == f"{{{MC}}}Fallback" for a in element.iterancestors()):
                continue  # the same text box again, for old readers
            index += 1
            place, table, row, column, nested = "body", None, None, None, False
            box = next((a for a in element.iterancestors() if a.tag == w("txbxContent")), None)
            cell = next((a for a in element.iterancestors() if a.tag == w("tc")), None)
            if box is not None:
                number = textboxes.setdefault(box, len(textboxes))
                place = f"textbox{number}"
            elif cell is not None:
                tbl = cell.getparent().getparent()
                outer = [a for a in tbl.iterancestors() if a.tag == w("tbl")]
                top = outer[-1] if outer else tbl
                table = tables.setdefault(top, len(tables))
                nested = bool(outer)
                if not nested:
                    if tbl not in cells:
                        cells[tbl] = _cell_positions(tbl)
                    row, column = cells[tbl][cell]
                place = f"table{table}" + (f"[{row}][{column}]" if not nested else "[nested]")
            yield Para(index, element, paragraph_text(element), place, table, row, column, nested)

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

    def _paragraph_style_chain(self, paragraph) -> list:
        ppr = paragraph.find(w("pPr"))
        style = ppr.find(w("pStyle")) if ppr is not None else None
        style_id = style.get(w("val")) if style is not None else self._default_paragraph_style
        return self._chain(style_id)

    def _table_style_chain(self, paragraph) -> list:
        table = next((a for a in paragraph.iterancestors() if a.tag == w("tbl")), None)
        if table is None:
            return []
        if table not in self._table_styles:  # once per table: find() walks every row of one without tblPr
            tbl_pr = table.find(w("tblPr"))
            style = tbl_pr.find(w("tblStyle")) if tbl_pr is not None else None
            self._table_styles[table] = self._chain(style.get(w("val"))) if style is not None else []
        return self._table_styles[table]

    def _defaults(self, kind: str):
        return self._default_parts[kind]

    def _find_defaults(self, kind: str):
        if self.styles is None:
            return None
        defaults = self.styles.find(w("docDefaults"))
        outer = defaults.find(w(f"{kind}Default")) if defaults is not None else None
        return outer.find(w(kind)) if outer is not None else None

    def _inherited(self, paragraph, kind: str) -> list:
        """``kind`` (``rPr`` or ``pPr``) of the paragraph's styles, its table's styles and the defaults."""
        chain = [s.find(w(kind)) for s in self._paragraph_style_chain(paragraph)]
        chain += [s.find(w(kind)) for s in self._table_style_chain(paragraph)]
        chain.append(self._defaults(kind))
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

    def _paragraph_properties_chain(self, paragraph) -> list:
        chain = [paragraph.find(w("pPr"))] + self._inherited(paragraph, "pPr")
        return [c for c in chain if c is not None]

    def run_property(self, paragraph, run, name: str):
        """Effective ``sz`` (half-points), ``b``, ``i``, ``u``, ``caps`` or ``font`` of a run."""
        return self._run_value(self._run_properties_chain(paragraph, run), name)

    def _run_value(self, chain: list, name: str):
        for rpr in chain:
            if name == "font":
                fonts = rpr.find(w("rFonts"))
                if fonts is None:
                    continue
                if fonts.get(w("ascii")):
                    return fonts.get(w("ascii"))
                theme = fonts.get(w("asciiTheme"))
                if theme:
                    return self.theme_fonts.get("major" if theme.startswith("major") else "minor", theme)
                continue
            found = rpr.find(w(name))
            if found is None:
                continue
            if name == "sz":
                if found.get(w("val")) is None:
                    continue
                size = self._measure(found, "val", HALF_POINTS)
                return int(size) if size.is_integer() else size
            if name == "u":
                return found.get(w("val")) not in (None, "none")
            return _toggle(found)
        return {"sz": 20, "font": None}.get(name, False)

    def label_look(self, para: Para) -> tuple:
        """(bold, italic) of the paragraph's first run with words: how its number "1.2." is set."""
        runs = [r for r in para.element.iter(w("r")) if "".join(t.text or "" for t in r.iter(w("t"))).strip()]
        return (self.run_property(para.element, runs[0], "b"), self.run_property(para.element, runs[0], "i"))

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
        """What a reader sees of a paragraph (computed once per paragraph)."""
        element = para.element if isinstance(para, Para) else para
        if element not in self._looks:
            self._looks[element] = self._look(element)
        return self._looks[element]

    def _look(self, element) -> Look:
        runs = [r for r in element.iter(w("r")) if _run_text(r).strip()]
        runs = runs or [None]
        shown = Look()
        inherited = self._inherited(element, "rPr")  # the same for every run of the paragraph
        for run in runs:
            chain = self._run_properties_chain(element, run, inherited)
            shown.sizes.add(self._run_value(chain, "sz") / 2)
            shown.bold.add(self._run_value(chain, "b"))
            shown.italic.add(self._run_value(chain, "i"))
            shown.underline.add(self._run_value(chain, "u"))
            shown.caps.add(self._run_value(chain, "caps"))
            shown.fonts.add(self._run_value(chain, "font"))
        chain = self._paragraph_properties_chain(element)

        def value(tag: str, attribute: str):
            return _paragraph_value(chain, tag, attribute)

        def twips(tag: str, *attributes: str, default: int = 0) -> int:
            for attribute in attributes:
                found = _paragraph_element(chain, tag, attribute)
                if found is not None:
                    return round(self._measure(found, attribute, TWIPS))
            return default

        align = value("jc", "val") or "left"
        shown.align = {"both": "justify", "start": "left", "end": "right", "distribute": "justify"}.get(align, align)
        hanging = _paragraph_element(chain, "ind", "hanging")
        shown.first_line = -twips("ind", "hanging") if hanging is not None else twips("ind", "firstLine")
        shown.left = twips("ind", "left", "start")
        shown.before = twips("spacing", "before")
        shown.after = twips("spacing", "after")
        shown.line = twips("spacing", "line", default=240)
        shown.line_rule = value("spacing", "lineRule") or "auto"
        shown.border_bottom = self._has_bottom_border(element)
        return shown

    def _has_bottom_border(self, paragraph) -> bool:
        chain = [paragraph.find(w("pPr"))] + [s.find(w("pPr")) for s in self._paragraph_style_chain(paragraph)]
        for ppr in chain:
            if ppr is None:
                continue
            borders = ppr.find(w("pBdr"))
            if borders is not None and borders.find(w("bottom")) is not None:
                return borders.find(w("bottom")).get(w("val")) not in ("nil", "none")
        return False

    def cell_width(self, para: Para) -> Optional[int]:
        """The width of the table cell a paragraph sits in (its w:tcW in twips), if it says."""
        cell = next((a for a in para.element.iterancestors(w("tc"))), None)
        width = cell.find(f"{w('tcPr')}/{w('tcW')}") if cell is not None else None
        if width is None or width.get(w("type"), "dxa") != "dxa":
            return None
        try:
            return int(float(width.get(w("w"), "0")))
        except ValueError:
            return None

    # --- page --------------------------------------------------------------------

    def page_setup(self) -> PageSetup:
        # the page of page 1: the first section's (annexes after it may be landscape)
        sect = next(self.document.iter(w("sectPr")), None)
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
        return has_page_field(self.page_setup().headers.get(kind))

    def page_field_looks(self, kind: str) -> list[Look]:
        """What a reader sees of each paragraph holding the page number in the header ``kind``."""
        header = self.page_setup().headers.get(kind)
        if header is None:
            return []
        return [self.look(p) for p in header.iter(w("p")) if has_page_field(p)]


def _paragraph_element(chain: list, tag: str, attribute: str):
    """The first ``tag`` along a chain of ``pPr`` that sets ``attribute``, or None."""
    for ppr in chain:
        found = ppr.find(w(tag))
        if found is not None and found.get(w(attribute)) is not None:
            return found
    return None


def _paragraph_value(chain: list, tag: str, attribute: str):
    """The first ``attribute`` of a ``tag`` set along a chain of ``pPr``, or None."""
    found = _paragraph_element(chain, tag, attribute)
    return None if found is None else found.get(w(attribute))


def _cell_positions(table) -> dict:
    """Each cell of ``table`` (not of tables inside it) -> its (row, column)."""
    return {cell: (r, c) for r, row in enumerate(table.iterchildren(w("tr")))
            for c, cell in enumerate(row.iterchildren(w("tc")))}


def _theme_fonts(theme) -> dict:
    fonts = {}
    if theme is not None:
        for kind in ("major", "minor"):
            font = theme.find(f".//{{{A}}}{kind}Font/{{{A}}}latin")
            if font is not None:
                fonts[kind] = font.get("typeface")
    return fonts


def _headers(package: Package) -> dict:
    """Every header part of the document, parsed, by its relationship id."""
    rels = package.xml("word/_rels/document.xml.rels")
    headers = {}
    for rel in rels if rels is not None else ():
        target = rel.get("Target")
        if target and (rel.get("Type") or "").endswith("/header"):
            headers[rel.get("Id")] = package.xml("word/" + target.lstrip("/").replace("word/", ""))
    return headers


def _run_text(run) -> str:
    parts = []
    for child in run:
        if child.tag == w("t"):
            parts.append(child.text or "")
        elif child.tag == w("tab"):
            parts.append("\t")
        elif child.tag in (w("br"), w("cr")):
            parts.append("\n")
        elif child.tag == w("noBreakHyphen"):  # Word's no-break hyphen shows as a hyphen
            parts.append("-")
    return "".join(parts)


def paragraph_text(paragraph) -> str:
    """The text of a paragraph's own runs (not of text boxes anchored in it)."""
    runs = [r for r in paragraph.iter(w("r"))
            if next((a for a in r.iterancestors() if a.tag in (w("p"), w("txbxContent"))), None) is paragraph]
    return "".join(_run_text(r) for r in runs)


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
    """The rows of ``table`` (a ``w:tbl``), each a list of its cells left to right."""
    rows = []
    for row in table.iterchildren(w("tr")):
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
