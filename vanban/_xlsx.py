"""The rows of an Excel .xlsx file's first sheet, one at a time.

openpyxl (read-only, values as last calculated) gives the values. What its values hide is
found by a scan of the sheet's XML alongside, row by row: a formula whose result the file never
stored (openpyxl and some other programs save formulas so; read as an empty cell, the base's
value would silently be used instead) and Excel's error values (``#N/A``, ``#REF!``...: they
would become document text). Such a cell refuses its row, naming the cell (``ô C7``) and what
to do.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Optional

from .errors import VanbanError

if TYPE_CHECKING:
    from ._batch_input import Limits

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORKSHEET = _DOC_RELS + "/worksheet"

ERROR_VALUES = frozenset({
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
    "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#EXTERNAL!",
    "#PYTHON!",
})
"""Excel's error values: what a cell shows when its formula cannot be calculated."""
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


def xlsx_rows(path: Path, limits: "Limits") -> Iterator[tuple[int, tuple, dict[int, str]]]:
    """(row number, values, problems) for each row of the first sheet, from row 1 (the header):
    ``problems`` maps a column number (1 for A) to what is wrong with that cell. Data rows are
    as wide as the header (cells beyond it have no field name to go under)."""
    try:
        from openpyxl import load_workbook
    except ImportError:
        raise VanbanError("Đọc tệp .xlsx cần gói openpyxl: python3 -m pip install openpyxl.") from None
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile, ValueError) as error:
        raise VanbanError(f"Không đọc được {path.name} như một tệp Excel .xlsx ({error}).") from None
    workbook = None
    try:
        _inspect(archive, path, limits)
        try:
            sheet_part = _first_sheet(archive)
            workbook = load_workbook(path, read_only=True, data_only=True)
        except (OSError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError, TypeError) as error:
            raise VanbanError(f"Không đọc được {path.name} như một tệp Excel .xlsx ({error}).") from None
        if not workbook.worksheets:
            raise VanbanError(f"Tệp {path.name} không có trang tính nào.")
        sheet = workbook.worksheets[0]
        declared = sheet.max_row  # from the sheet's own <dimension>: right in every file Excel writes
        if declared and declared - 1 > limits.rows:
            raise VanbanError(limits.too_many_rows(path.name, declared - 1))
        sheet.reset_dimensions()  # never trust it to pad rows: widths come from the header
        problems = _Lockstep(_problem_cells(archive, sheet_part, path))
        number = 1
        try:
            header = next(sheet.iter_rows(max_row=1, max_col=limits.columns + 1, values_only=True), ())
            width = max((i + 1 for i, value in enumerate(header) if value is not None), default=0)
            if width > limits.columns:
                raise VanbanError(limits.too_many_columns(path.name))
            yield 1, header[:width], problems.at(1)
            if not width:
                return
            rows = sheet.iter_rows(min_row=2, max_col=width, values_only=True)
            for number, values in enumerate(rows, start=2):
                yield number, values, problems.at(number)
        except VanbanError:
            raise
        except Exception as error:  # openpyxl on a file no spreadsheet program wrote
            raise VanbanError(f"Tệp {path.name} hỏng ở dòng {number}, không đọc tiếp được "
                              f"({type(error).__name__}: {error}).") from None
    finally:
        if workbook is not None:
            workbook.close()
        archive.close()


class _Lockstep:
    """The problem cells of each row, taken from the scan as openpyxl reaches that row."""

    def __init__(self, scan: Iterator[tuple[int, dict[int, str]]]):
        self.scan = scan
        self.pending = next(scan, None)

    def at(self, number: int) -> dict[int, str]:
        found: dict[int, str] = {}
        while self.pending is not None and self.pending[0] <= number:
            if self.pending[0] == number:
                found = self.pending[1]
            self.pending = next(self.scan, None)
        return found


def _inspect(archive: zipfile.ZipFile, path: Path, limits: "Limits") -> None:
    """Refuse, before anything is read, a file whose parts would take more memory or time than
    any real list: too many parts, too large once inflated, inflating too many times over (a zip
    bomb), or an XML part with a DOCTYPE (entities: a way to read other files or blow up)."""
    entries = archive.infolist()
    if len(entries) > MAX_PARTS:
        raise VanbanError(f"Tệp {path.name} có {len(entries)} phần nén, quá nhiều cho một tệp Excel "
                          f"(tối đa {MAX_PARTS}): đây không phải tệp do Excel ghi ra.")
    total = sum(entry.file_size for entry in entries)
    if total > limits.xlsx_bytes:
        raise VanbanError(limits.too_large(path.name, total))
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > RATIO_FROM_BYTES and ratio > limits.xlsx_ratio:
            raise VanbanError(limits.inflates_too_much(path.name, entry.filename, entry.file_size,
                                                       entry.compress_size))
    for entry in entries:
        if entry.filename.lower().endswith((".xml", ".rels")) and _has_doctype(archive, entry.filename):
            raise VanbanError(
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
        raise VanbanError(f"Tệp {path.name} hỏng: phần {part} không phải XML hợp lệ ({error}).") from None


def _first_sheet(archive: zipfile.ZipFile) -> str:
    """The zip path of the first worksheet, as openpyxl's ``worksheets[0]`` finds it."""
    path = Path(archive.filename or "?")
    workbook_part = "xl/workbook.xml"
    for relation in _parse(archive.read("_rels/.rels"), path, "_rels/.rels").iter(f"{{{_RELS}}}Relationship"):
        if relation.get("Type", "").endswith("/officeDocument"):
            workbook_part = relation.get("Target", workbook_part).lstrip("/")
    folder, name = posixpath.split(workbook_part)
    rels_part = posixpath.join(folder, "_rels", name + ".rels")
    targets = {
        relation.get("Id"): relation.get("Target", "")
        for relation in _parse(archive.read(rels_part), path, rels_part).iter(f"{{{_RELS}}}Relationship")
        if relation.get("Type") == _WORKSHEET
    }
    for sheet in _parse(archive.read(workbook_part), path, workbook_part).iter(f"{{{_MAIN}}}sheet"):
        target = targets.get(sheet.get(f"{{{_DOC_RELS}}}id"))
        if target:
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
    raise KeyError("no worksheet")


def _problem_cells(archive: zipfile.ZipFile, part: str, path: Path) -> Iterator[tuple[int, dict[int, str]]]:
    """(row number, {column: problem}) for each row that has a formula without a stored result
    or an error value, in order. Streams the sheet: one row in memory at a time."""
    from lxml import etree

    row_tag, cell_tag = f"{{{_MAIN}}}row", f"{{{_MAIN}}}c"
    formula_tag, value_tag = f"{{{_MAIN}}}f", f"{{{_MAIN}}}v"
    number = 0
    with archive.open(part) as stream:
        events = etree.iterparse(stream, events=("end",), tag=row_tag, resolve_entities=False,
                                 no_network=True, load_dtd=False)
        try:
            for _, row in events:
                number = _int(row.get("r")) or number + 1
                column = 0
                found: dict[int, str] = {}
                for cell in row.iterchildren(cell_tag):
                    address = cell.get("r")
                    column = _column(address) or column + 1
                    address = address or cell_address(column, number)
                    formula = cell.find(formula_tag)
                    value = cell.find(value_tag)
                    text = value.text if value is not None and value.text else ""
                    kind = cell.get("t", "n")
                    if kind == "e":
                        found[column] = error_value(address, text or "#N/A")
                    elif formula is not None and (value is None or (not text and kind != "str")):
                        found[column] = uncached_formula(address, formula.text or "")
                row.clear()
                while row.getprevious() is not None:  # rows already read: free them
                    del row.getparent()[0]
                if found:
                    yield number, found
        except etree.XMLSyntaxError as error:
            raise VanbanError(f"Tệp {path.name} hỏng: trang tính không phải XML hợp lệ ({error}).") from None


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
    """Whether a CSV cell is an Excel error value, as Excel writes it to CSV."""
    return isinstance(value, str) and value.strip() in ERROR_VALUES
