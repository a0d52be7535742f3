"""The rows of an Excel .xlsx file's first sheet, one at a time, read in one streaming pass.

vanban reads the sheet's XML itself, with lxml, one row in memory at a time. openpyxl's
read-only loader is not used for it: on opening it looks for the sheet's size and, in a sheet
that does not state it first (openpyxl's own files), parses the whole sheet before the first row
(a minute for a million rows). openpyxl's utilities still read number formats and dates.

Values are the results the file stored (what Excel shows). What they would hide is refused:
a formula whose result the file never stored (openpyxl and some other programs save formulas
so; read as an empty cell, the base's value would silently be used instead) and Excel's error
values (``#N/A``, ``#REF!``...: they would become document text). Such a cell refuses its row,
naming the cell (``ô C7``) and what to do.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Optional

from .errors import BatchSourceError

if TYPE_CHECKING:
    from ._batch_input import Limits

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORKSHEET = _DOC_RELS + "/worksheet"

ERROR_VALUES = frozenset({
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
    "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#EXTERNAL!",
    "#PYTHON!", "#ERROR!",
})
"""Excel's error values: what a cell shows when its formula cannot be calculated (``#ERROR!``:
Google Sheets')."""
CALC_ERROR = re.compile(r"Err:\d{3}")
"""LibreOffice Calc's own error values (``Err:502``), written as shown when it saves a CSV."""
MAX_PARTS = 10_000
"""Parts of one .xlsx: a workbook of a few sheets has some tens."""
RATIO_FROM_BYTES = 1 << 20
"""Parts smaller than this inflate to nothing worth refusing, whatever their ratio."""


def uncached_formula(address: str, formula: str) -> str:
    shown = f" (={formula[:60]}{'...' if len(formula) > 60 else ''})" if formula else ""
    return (f"ô {address} có công thức{shown} nhưng tệp không lưu kết quả của công thức (tệp được ghi "
            "bằng một chương trình không tính công thức): hãy mở tệp bằng Excel hoặc LibreOffice Calc "
            "rồi lưu lại để kết quả được lưu, hoặc gõ thẳng giá trị vào ô")


def error_value(address: str, value: str) -> str:
    return (f"ô {address} có {value}, giá trị lỗi của Excel (công thức của ô không tính được): "
            "hãy sửa công thức, hoặc gõ thẳng giá trị vào ô")


class xlsx_rows:
    """(row number, values, problems) for each row of the first sheet, from row 1 (the header,
    read up to ``limits.columns`` + 1 cells): ``problems`` maps a column number (1 for A) to
    what is wrong with that cell. Data rows are as wide as the header (cells beyond it have no
    field name to go under). Rows the sheet leaves out are not given.

    ``sheet`` is the sheet's name (as its tab shows it) once the first row is read: messages
    name it with the row, since a workbook may have several."""

    def __init__(self, path: Path, limits: "Limits"):
        self.path = path
        self.limits = limits
        self.sheet = ""

    def __iter__(self) -> Iterator[tuple[int, tuple, dict[int, str]]]:
        path = self.path
        try:
            archive = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile, ValueError) as error:
            raise BatchSourceError(f"Không đọc được {path.name} như một tệp Excel .xlsx ({error}).") from None
        with archive:
            _inspect(archive, path, self.limits)
            try:
                book = _Book(archive, path)
            except (KeyError, ValueError) as error:
                raise BatchSourceError(f"Không đọc được {path.name} như một tệp Excel .xlsx ({error}).") from None
            self.sheet = book.sheet_name
            try:
                yield from _sheet_rows(book, path, self.limits)
            finally:
                book.strings.close()


def _sheet_rows(book: "_Book", path: Path, limits: "Limits") -> Iterator[tuple[int, tuple, dict[int, str]]]:
    declared = book.declared_rows()
    if declared and declared - 1 > limits.rows:
        raise BatchSourceError(limits.too_many_rows(path.name, declared - 1))
    width = limits.columns + 1
    for number, values, problems in book.rows(lambda: width):
        if number == 1:
            width = max((i + 1 for i, value in enumerate(values) if value is not None), default=0)
            if width > limits.columns:
                raise BatchSourceError(limits.too_many_columns(path.name))
            yield 1, values[:width], problems
            if not width:
                return
            continue
        if width == limits.columns + 1:  # the sheet has no row 1: its header is empty
            yield 1, (), {}
            return
        yield number, values, problems


_T, _R, _RPH = f"{{{_MAIN}}}t", f"{{{_MAIN}}}r", f"{{{_MAIN}}}rPh"


class _Book:
    """What reading the first sheet needs: where it is, the shared strings, which cell styles
    are dates, and the date system (1900 or 1904)."""

    def __init__(self, archive: zipfile.ZipFile, path: Path):
        from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH

        self.archive = archive
        self.path = path
        workbook_part = "xl/workbook.xml"
        for relation in _relations(archive, path, "_rels/.rels"):
            if relation.get("Type", "").endswith("/officeDocument"):
                workbook_part = relation.get("Target", workbook_part).lstrip("/")
        folder, name = posixpath.split(workbook_part)
        targets: dict[str, str] = {}
        found: dict[str, str] = {}
        for relation in _relations(archive, path, posixpath.join(folder, "_rels", name + ".rels")):
            target = relation.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            kind = relation.get("Type", "").rsplit("/", 1)[-1]
            if kind == "worksheet":
                targets[relation.get("Id")] = target
            elif kind in ("sharedStrings", "styles"):
                found[kind] = target
        workbook = _parse(archive.read(workbook_part), path, workbook_part)
        first = next((sheet for sheet in workbook.iter(f"{{{_MAIN}}}sheet")
                      if sheet.get(f"{{{_DOC_RELS}}}id") in targets), None)
        if first is None:
            raise KeyError("không có trang tính nào")
        self.sheet = targets[first.get(f"{{{_DOC_RELS}}}id")]
        self.sheet_name = _shown_name(first.get("name", ""))
        properties = workbook.find(f"{{{_MAIN}}}workbookPr")
        system_1904 = properties is not None and properties.get("date1904", "") in ("1", "true")
        self.epoch = MAC_EPOCH if system_1904 else WINDOWS_EPOCH
        self.strings = self._strings(found.get("sharedStrings"))
        self.dates, self.durations = self._date_styles(found.get("styles"))

    def _strings(self, part: Optional[str]) -> "_SharedStrings":
        from lxml import etree

        strings = _SharedStrings()
        if not part or part not in self.archive.namelist():
            return strings
        with self.archive.open(part) as stream:
            for _, item in etree.iterparse(stream, events=("end",), tag=f"{{{_MAIN}}}si",
                                           resolve_entities=False, no_network=True, load_dtd=False):
                strings.append(_text(item))
                item.clear()
                while item.getprevious() is not None:  # strings already read: free them
                    del item.getparent()[0]
        strings.done()
        return strings

    def _date_styles(self, part: Optional[str]) -> tuple[set[int], set[int]]:
        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

        dates: set[int] = set()
        durations: set[int] = set()
        if not part or part not in self.archive.namelist():
            return dates, durations
        styles = _parse(self.archive.read(part), self.path, part)
        formats = dict(BUILTIN_FORMATS)
        for number_format in styles.iter(f"{{{_MAIN}}}numFmt"):
            formats[_int(number_format.get("numFmtId"))] = number_format.get("formatCode", "")
        cell_formats = styles.find(f"{{{_MAIN}}}cellXfs")
        for index, style in enumerate(cell_formats if cell_formats is not None else ()):
            code = formats.get(_int(style.get("numFmtId")))
            if code and is_date_format(code):
                (durations if is_timedelta_format(code) else dates).add(index)
        return dates, durations

    def declared_rows(self) -> int:
        """The last row the sheet says it has (its ``<dimension>``, which Excel writes first);
        0 if it says nothing before its rows. Read up to the rows only."""
        from lxml import etree

        with self.archive.open(self.sheet) as stream:
            for _, element in etree.iterparse(stream, events=("start",), resolve_entities=False,
                                              no_network=True, load_dtd=False):
                if element.tag == f"{{{_MAIN}}}dimension":
                    return _int(element.get("ref", "").rpartition(":")[2].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
                if element.tag == f"{{{_MAIN}}}sheetData":
                    return 0
        return 0

    def rows(self, width) -> Iterator[tuple[int, tuple, dict[int, str]]]:
        """Each row of the sheet: (number, values up to ``width()`` cells, problems)."""
        from lxml import etree

        row_tag, cell_tag = f"{{{_MAIN}}}row", f"{{{_MAIN}}}c"
        number = 0
        with self.archive.open(self.sheet) as stream:
            events = etree.iterparse(stream, events=("end",), tag=row_tag, resolve_entities=False,
                                     no_network=True, load_dtd=False)
            try:
                for _, row in events:
                    number = _int(row.get("r")) or number + 1
                    size = width()
                    values: list = [None] * size
                    problems: dict[int, str] = {}
                    column = 0
                    for cell in row.iterchildren(cell_tag):
                        address = cell.get("r")
                        column = _column(address) or column + 1
                        if column > size:
                            continue
                        value, problem = self._value(cell, address or cell_address(column, number))
                        values[column - 1] = value
                        if problem:
                            problems[column] = problem
                    row.clear()
                    while row.getprevious() is not None:  # rows already read: free them
                        del row.getparent()[0]
                    yield number, tuple(values), problems
            except etree.XMLSyntaxError as error:
                raise BatchSourceError(f"Tệp {self.path.name} hỏng sau dòng {number}: trang tính không phải "
                                  f"XML hợp lệ ({error}).") from None

    def _value(self, cell, address: str) -> tuple[Any, Optional[str]]:
        """The value of a cell as Excel shows it, or why it cannot be had."""
        from openpyxl.utils.datetime import from_excel, from_ISO8601

        kind = cell.get("t", "n")
        formula = cell.find(f"{{{_MAIN}}}f")
        stored = cell.find(f"{{{_MAIN}}}v")
        text = stored.text if stored is not None and stored.text is not None else ""
        if kind == "e":
            return None, error_value(address, text or "#N/A")
        if formula is not None and (stored is None or (not text and kind != "str")):
            return None, uncached_formula(address, formula.text or "")
        try:
            if kind == "inlineStr":
                inline = cell.find(f"{{{_MAIN}}}is")
                return (_text(inline) if inline is not None else None), None
            if not text:
                return ("" if kind == "str" else None), None
            if kind == "s":
                return self.strings[int(text)], None
            if kind == "str":
                return text, None
            if kind == "b":
                return bool(int(text)), None
            if kind == "d":
                return from_ISO8601(text), None
            number = float(text) if any(mark in text for mark in ".eE") else int(text)
            style = _int(cell.get("s"))
            if style in self.dates or style in self.durations:
                return from_excel(number, self.epoch, timedelta=style in self.durations), None
            return number, None
        except (ValueError, IndexError, OverflowError):
            return None, (f"ô {address} có giá trị '{text[:40]}' không đọc được (tệp không do Excel ghi "
                          "ra, hoặc đã hỏng): hãy mở tệp bằng Excel, gõ lại giá trị vào ô rồi lưu lại")


class _SharedStrings:
    """The sheet's shared strings, on disk (:mod:`vanban._scratch`): a list of a million rows'
    worth of distinct texts stays out of memory. Looked up by index, the most used kept at hand
    (a column of one district's name, a signer's)."""

    _BATCH = 1000

    def __init__(self) -> None:
        from ._scratch import Scratch

        self._scratch = Scratch("vanban-xlsx-", ("CREATE TABLE string (i INTEGER PRIMARY KEY, text TEXT)",))
        self._db = self._scratch.db
        self._db.execute("BEGIN")
        self._waiting: list[tuple[int, str]] = []
        self._count = 0
        self._recent: dict[int, str] = {}

    def append(self, text: str) -> None:
        self._waiting.append((self._count, text))
        self._count += 1
        if len(self._waiting) >= self._BATCH:
            self._flush()

    def _flush(self) -> None:
        self._db.executemany("INSERT INTO string VALUES (?, ?)", self._waiting)
        self._waiting = []

    def done(self) -> None:
        self._flush()
        self._db.execute("COMMIT")

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: int) -> str:
        text = self._recent.get(index)
        if text is not None:
            return text
        found = self._db.execute("SELECT text FROM string WHERE i = ?", (index,)).fetchone()
        if found is None:
            raise IndexError(index)
        if len(self._recent) >= 4096:
            self._recent.clear()
        self._recent[index] = found[0]
        return found[0]

    def close(self) -> None:
        self._scratch.close()


def _text(element) -> str:
    """The text of a shared or inline string, its runs joined; phonetic hints (rPh) left out."""
    return "".join(t.text or "" for t in element.iter(_T) if t.getparent().tag != _RPH)


def _shown_name(name: str) -> str:
    """A sheet's name as a message may quote it: Excel's are at most 31 characters, printable."""
    name = "".join(char if char.isprintable() else " " for char in name[:32])
    return name if len(name) <= 31 else name[:30] + "…"


def _relations(archive: zipfile.ZipFile, path: Path, part: str):
    if part not in archive.namelist():
        return []
    return list(_parse(archive.read(part), path, part).iter(f"{{{_RELS}}}Relationship"))


def _inspect(archive: zipfile.ZipFile, path: Path, limits: "Limits") -> None:
    """Refuse, before anything is read, a file whose parts would take more memory or time than
    any real list: too many parts, too large once inflated, inflating too many times over (a zip
    bomb), or an XML part with a DOCTYPE (entities: a way to read other files or blow up)."""
    entries = archive.infolist()
    if len(entries) > MAX_PARTS:
        raise BatchSourceError(f"Tệp {path.name} có {len(entries)} phần nén, quá nhiều cho một tệp Excel "
                          f"(tối đa {MAX_PARTS}): đây không phải tệp do Excel ghi ra.")
    total = sum(entry.file_size for entry in entries)
    if total > limits.xlsx_bytes:
        raise BatchSourceError(limits.too_large(path.name, total))
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > RATIO_FROM_BYTES and ratio > limits.xlsx_ratio:
            raise BatchSourceError(limits.inflates_too_much(path.name, entry.filename, entry.file_size,
                                                       entry.compress_size))
    for entry in entries:
        if entry.filename.lower().endswith((".xml", ".rels")) and _has_doctype(archive, entry.filename):
            raise BatchSourceError(
                f"Phần {entry.filename} của tệp {path.name} có khai báo DOCTYPE, điều Excel không bao giờ "
                "ghi (khai báo này có thể dùng để đọc trộm tệp khác trên máy): vanban không đọc tệp này. "
                "Hãy mở tệp bằng Excel và lưu thành một tệp .xlsx mới."
            )


def _has_doctype(archive: zipfile.ZipFile, part: str) -> bool:
    """Whether the part declares a DOCTYPE: read only up to its first element."""
    from lxml import etree

    with archive.open(part) as stream:
        try:
            for _, element in etree.iterparse(stream, events=("start",), resolve_entities=False,
                                              no_network=True, load_dtd=False):
                return bool(element.getroottree().docinfo.doctype)
        except etree.XMLSyntaxError:
            return False  # not XML at all: the reader says the file is broken
    return False


def _parse(data: bytes, path: Path, part: str):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise BatchSourceError(f"Tệp {path.name} hỏng: phần {part} không phải XML hợp lệ ({error}).") from None


def _int(text: Optional[str]) -> int:
    return int(text) if text and text.isdigit() else 0


def _column(address: Optional[str]) -> int:
    """3 for ``C7``; 0 without an address."""
    number = 0
    for char in address or "":
        if not "A" <= char <= "Z":
            break
        number = number * 26 + ord(char) - ord("A") + 1
    return number


def cell_address(column: int, row: int) -> str:
    """``C7`` for column 3 of row 7."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row}"


def is_error_value(value: Any) -> bool:
    """Whether a CSV cell is a spreadsheet's error value, as Excel or LibreOffice Calc writes it."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    return text in ERROR_VALUES or CALC_ERROR.fullmatch(text) is not None
