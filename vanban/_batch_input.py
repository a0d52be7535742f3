"""``vanban batch``'s input: the documents of a folder or the rows of a data file, and how a
row is filled in over the base.

Input is a folder of YAML/JSON documents, or one data file (a YAML/JSON list,
CSV, or Excel .xlsx) with one document per row, each row filled in over a base
YAML (``--base``): the same plan sent by a Tỉnh đoàn to every Huyện đoàn, each
with its own name, number and recipients.

A row's keys are field paths: ``so``, ``co_quan_ban_hanh.ten``,
``nguoi_ky.ho_ten``. A cell with several lines fills a list field (each line
one item) when the base has a list there; a key starting with ``+``
(``+noi_nhan``) adds its lines to the base's list instead of replacing it. An
empty cell keeps the base's value. ``ten_tep`` names that row's output file.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional, Union

from ._xlsx import cell_address, is_error_value
from .errors import BatchSourceError, InputError, LimitSettingError, Problem, SourceNotFoundError, VanbanError

PathLike = Union[str, Path]

NAME_KEY = "ten_tep"
"""A row's own output file name, instead of the pattern."""
DOCUMENT_SUFFIXES = (".yaml", ".yml", ".json")
DATA_SUFFIXES = (".yaml", ".yml", ".json", ".csv", ".xlsx")
MAX_CELL_CHARS = 1_000_000
"""The longest cell of a CSV file: ten times the longest paragraph vanban renders (100,000
characters). Python's csv module stops at 131,072 by default."""
MAX_LINE_CHARS = 2 * MAX_CELL_CHARS
"""The longest row of a CSV file, all its cells together: what one row may hold in memory."""


@dataclass(frozen=True)
class Limits:
    """How much one batch reads. Each refusal names its limit and how to raise it: an option
    (``--max-rows``) or an environment variable (``VANBAN_MAX_ROWS``...)."""

    rows: int = 100_000
    """Documents (rows of a data file, files of a folder) in one run."""
    columns: int = 1_000
    """Field names in a data file's first row."""
    xlsx_bytes: int = 512 << 20
    """All the parts of an .xlsx file together, inflated."""
    xlsx_ratio: int = 100
    """How many times over one part of an .xlsx may inflate (Excel's own: about 5 to 20)."""

    ENVIRONMENT = {"rows": "VANBAN_MAX_ROWS", "columns": "VANBAN_MAX_COLUMNS",
                   "xlsx_bytes": "VANBAN_MAX_XLSX_MB", "xlsx_ratio": "VANBAN_MAX_XLSX_RATIO"}

    @classmethod
    def from_environment(cls, rows: Optional[int] = None) -> "Limits":
        """The defaults, each replaced by its environment variable if set (``--max-rows`` given
        as ``rows`` wins over ``VANBAN_MAX_ROWS``)."""
        values = {}
        for field, variable in cls.ENVIRONMENT.items():
            text = os.environ.get(variable, "").strip()
            if not text:
                continue
            if not text.isdigit() or int(text) < 1:
                raise LimitSettingError(f"Biến môi trường {variable} phải là một số nguyên dương (đang là '{text}').")
            values[field] = int(text) << 20 if field == "xlsx_bytes" else int(text)
        if rows is not None:
            values["rows"] = rows
        return cls(**values)

    def too_many_rows(self, name: str, count: int) -> str:
        return (f"Tệp {name} có {_thousands(count)} dòng dữ liệu, quá giới hạn {_thousands(self.rows)} văn bản "
                f"một lần chạy. Muốn tạo hết, dùng --max-rows {count} (hoặc đặt biến môi trường "
                f"VANBAN_MAX_ROWS={count}), hoặc chia tệp thành nhiều tệp nhỏ.")

    def stopped_at_rows(self, name: str) -> str:
        return (f"Tệp {name} có hơn {_thousands(self.rows)} dòng dữ liệu, quá giới hạn {_thousands(self.rows)} "
                f"văn bản một lần chạy: đã dừng đọc sau {_thousands(self.rows)} dòng đầu. Muốn tạo hết, dùng "
                "--max-rows với số dòng của tệp (hoặc đặt biến môi trường VANBAN_MAX_ROWS), hoặc chia tệp "
                "thành nhiều tệp nhỏ.")

    def too_many_columns(self, name: str) -> str:
        return (f"Dòng tên trường của {name} có hơn {_thousands(self.columns)} cột, quá giới hạn "
                f"{_thousands(self.columns)} cột. Hãy xóa các cột thừa ở cuối dòng 1; nếu thật sự cần nhiều "
                "cột hơn, đặt biến môi trường VANBAN_MAX_COLUMNS.")

    def too_large(self, name: str, size: int) -> str:
        needed = -(-size >> 20)
        return (f"Tệp {name} khi giải nén lớn {_thousands(needed)} MB, quá giới hạn "
                f"{_thousands(self.xlsx_bytes >> 20)} MB của vanban cho một tệp Excel. Hãy chia thành nhiều "
                f"tệp nhỏ, hoặc đặt biến môi trường VANBAN_MAX_XLSX_MB={needed} nếu máy đủ bộ nhớ.")

    def inflates_too_much(self, name: str, part: str, size: int, packed: int) -> str:
        ratio = size // max(packed, 1)
        return (f"Phần {part} của tệp {name} giải nén lớn gấp {_thousands(ratio)} lần khi nén "
                f"({_thousands(-(-size >> 20))} MB từ {_thousands(-(-packed >> 10))} KB), quá giới hạn "
                f"{self.xlsx_ratio} lần: Excel không ghi ra tệp như vậy, đây có thể là tệp độc hại (zip bomb). "
                f"Nếu chắc chắn tệp đúng, đặt biến môi trường VANBAN_MAX_XLSX_RATIO={ratio + 1}.")


@dataclass(frozen=True)
class Job:
    """One document to make: a document file (``path``), or a row (``row``) or a file
    (``path`` with ``over_base``) filled in over the base. Rows stay as they were read: the
    worker merges them, so the main process never holds a copy of the base per row."""

    index: int
    label: str
    path: Optional[str] = None
    row: Optional[dict] = None
    over_base: bool = False
    error: Optional[str] = None
    raw: Optional[bytes] = None
    """The file's bytes, read by the batch for a worker that cannot see ``path`` (a cluster's)."""




class _Skip(Exception):
    """A row given to a worker that could not be made; the message is for the report."""



def read_base(base: Optional[PathLike]) -> dict:
    """The base document's fields (empty without a base)."""
    return _read_base(Path(base)) if base is not None else {}


def read_jobs(source: PathLike, base: Optional[PathLike] = None, limits: Optional[Limits] = None) -> Iterator[Job]:
    """The documents of ``source`` (a folder, or a data file), as they are read; with ``base``,
    each is filled in over it (by :func:`merge`, in the worker).

    Reads up to the first document before returning, so that a file that cannot be read, or has
    no document, is refused before any work. The rest is read as the caller takes it: a problem
    found later (a broken row, a limit) is raised then, as a :class:`VanbanError`."""
    limits = limits or Limits()
    source = Path(source)
    if source.is_dir():
        files = sorted((p for p in source.iterdir() if p.suffix.lower() in DOCUMENT_SUFFIXES and p.is_file()),
                       key=lambda p: _natural(p.name))
        if not files:
            raise BatchSourceError(f"Thư mục {source} không có tệp .yaml, .yml hay .json nào.")
        if len(files) > limits.rows:
            raise BatchSourceError(limits.too_many_rows(source.name, len(files)).replace("dòng dữ liệu", "tệp văn bản"))
        return iter([Job(i, p.name, path=str(p), over_base=base is not None) for i, p in enumerate(files, start=1)])
    if not source.is_file():
        raise SourceNotFoundError(source)
    suffix = source.suffix.lower()
    if suffix not in DATA_SUFFIXES:
        raise BatchSourceError(
            f"Không đọc được {source.name}: cần một thư mục tệp YAML/JSON, hoặc một tệp danh sách "
            ".yaml, .json, .csv hay .xlsx."
        )
    if suffix == ".csv":
        rows = _csv_rows(source, limits)
    elif suffix == ".xlsx":
        rows = _xlsx_rows(source, limits)
    else:
        rows = _list_rows(source, limits)
    first = next(rows, None)
    if first is None:
        raise BatchSourceError(f"Tệp {source.name} không có dòng dữ liệu nào.")
    return _jobs(itertools.chain([first], rows))


def _jobs(rows: Iterator[tuple[str, dict]]) -> Iterator[Job]:
    for index, (label, row) in enumerate(rows, start=1):
        yield Job(index, label, error=row["__error__"]) if "__error__" in row else Job(index, label, row=row)


def _natural(name: str) -> list:
    """``2.yaml`` before ``10.yaml``."""
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", name)]


def _read_base(path: Path) -> dict:
    from ._loading import read_data

    data, _ = read_data(path)
    if not isinstance(data, dict):
        raise InputError([Problem("", "Tệp mẫu chung phải chứa các trường của văn bản dạng 'tên_trường: giá trị'.")], path)
    return data


def _cell(value: Any) -> Any:
    """A spreadsheet value as the schema reads it: dates as 2021-03-05, 114.0 as 114."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", value).strip()
        return value or None
    return value


def _csv_rows(path: Path, limits: Limits) -> Iterator[tuple[str, dict]]:
    try:
        stream = open(path, encoding="utf-8-sig", newline="")
    except OSError as error:
        raise BatchSourceError(f"Không đọc được {path}: {error.strerror}.") from None
    with stream:
        reader = _BoundedReader(stream, path)
        header = next(reader, None)
        if not header:
            raise BatchSourceError(f"Tệp {path.name} trống: dòng đầu phải là tên các trường (so, co_quan_ban_hanh.ten...).")
        keys = [_cell(key) for key in header]
        while keys and keys[-1] is None:
            keys.pop()
        if len(keys) > limits.columns:
            raise BatchSourceError(limits.too_many_columns(path.name))
        line = reader.line_num + 1
        for count, cells in enumerate(reader, start=1):
            if count > limits.rows:
                raise BatchSourceError(limits.stopped_at_rows(path.name))
            label = f"{path.name}, dòng {line}"
            refused = [_csv_error_value(cell_address(column, line), cell.strip())
                       for column, (key, cell) in enumerate(zip(keys, cells), start=1)
                       if key and is_error_value(cell)]
            if refused:
                yield label, {"__error__": _refusal(refused)}
            else:
                row = {key: _cell(cell) for key, cell in zip(keys, cells) if key}
                if any(value is not None for value in row.values()):
                    yield label, row
            line = reader.line_num + 1


def _csv_error_value(address: str, value: str) -> str:
    program = "LibreOffice Calc" if value.startswith("Err:") else "Excel"
    return (f"ô {address} có {value}, giá trị lỗi của {program} (công thức của ô không tính được khi lưu "
            "thành CSV): hãy sửa công thức trong bảng tính rồi lưu lại, hoặc gõ thẳng giá trị vào ô")


def _thousands(number: int) -> str:
    """1.000.000: digits grouped as Vietnamese writes them."""
    return f"{number:,}".replace(",", ".")


class _BoundedReader:
    """A csv reader over an open file whose rows hold at most :data:`MAX_LINE_CHARS` and cells
    at most :data:`MAX_CELL_CHARS` characters; its errors said in Vietnamese with the line. The
    cell limit is the csv module's, global to the process: it is set only while a row is read,
    and given back."""

    def __init__(self, stream, path: Path):
        self.stream = stream
        self.path = path
        self.taken = 0
        try:
            sample = stream.read(8192)
            stream.seek(0)
        except UnicodeDecodeError:
            raise self._not_utf8() from None
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        self.reader = csv.reader(self._lines(), dialect)

    @property
    def line_num(self) -> int:
        return self.reader.line_num

    def _lines(self) -> Iterator[str]:
        while True:
            line = self.stream.readline(MAX_LINE_CHARS + 1)
            if not line:
                return
            self.taken += len(line)
            if self.taken > MAX_LINE_CHARS:
                raise BatchSourceError(
                    f"Tệp {self.path.name}, dòng {self.reader.line_num + 1}: một dòng dữ liệu dài hơn "
                    f"{_thousands(MAX_LINE_CHARS)} ký tự, quá giới hạn một dòng của vanban. " + _UNCLOSED_QUOTE
                )
            yield line

    def __iter__(self):
        return self

    def __next__(self) -> list[str]:
        line = self.reader.line_num + 1
        self.taken = 0
        previous = csv.field_size_limit(MAX_CELL_CHARS)
        try:
            return next(self.reader)
        except UnicodeDecodeError:
            raise self._not_utf8(line) from None
        except csv.Error as error:
            if "field limit" in str(error):
                raise BatchSourceError(
                    f"Tệp {self.path.name}, dòng {line}: có ô dài hơn {_thousands(MAX_CELL_CHARS)} ký tự, "
                    "quá giới hạn một ô của vanban. " + _UNCLOSED_QUOTE
                ) from None
            raise BatchSourceError(f"Tệp {self.path.name}, dòng {line}: không đọc được như tệp CSV ({error}).") from None
        finally:
            csv.field_size_limit(previous)

    def _not_utf8(self, line: Optional[int] = None) -> VanbanError:
        where = f", dòng {line}," if line else ""
        return BatchSourceError(f"Tệp {self.path.name}{where} không phải UTF-8. Trong Excel, chọn Lưu thành > "
                           "'CSV UTF-8 (phân cách bằng dấu phẩy)'.")


_UNCLOSED_QUOTE = ("Thường do một dấu ngoặc kép \" không được đóng (phần còn lại của tệp thành một ô): hãy "
                   "kiểm tra dòng này; nếu văn bản thật sự dài như vậy, hãy chia thành nhiều đoạn, mỗi đoạn "
                   "một dòng trong ô.")


def _xlsx_rows(path: Path, limits: Limits) -> Iterator[tuple[str, dict]]:
    from ._xlsx import xlsx_rows

    sheet = xlsx_rows(path, limits)
    lines = iter(sheet)
    _, header, problems = next(lines, (1, (), {}))
    if problems:
        raise BatchSourceError(f"Dòng tên trường của {path.name} (dòng 1, trang tính '{sheet.sheet}'): "
                               + "; ".join(problems.values()) + ".")
    if not header or not any(header):
        raise BatchSourceError(f"Trang tính đầu ('{sheet.sheet}') của {path.name} trống: dòng 1 phải là tên "
                               "các trường.")
    keys = [_cell(key) if key is not None else None for key in header]
    for count, (number, cells, problems) in enumerate(lines, start=1):
        if count > limits.rows:
            raise BatchSourceError(limits.stopped_at_rows(path.name))
        label = f"{path.name}, trang tính '{sheet.sheet}', dòng {number}"
        refused = [problem for column, problem in sorted(problems.items())
                   if column <= len(keys) and keys[column - 1]]
        if refused:
            yield label, {"__error__": _refusal(refused)}
            continue
        row = {str(key): _cell(cell) for key, cell in zip(keys, cells) if key}
        if any(value is not None for value in row.values()):
            yield label, row


def _refusal(problems: list[str]) -> str:
    """A row's cells that cannot be read, as one sentence (each problem starts with ``ô C7``)."""
    text = "; ".join(problems)
    return text[0].upper() + text[1:] + "."


def _list_rows(path: Path, limits: Limits) -> Iterator[tuple[str, dict]]:
    from ._loading import read_data

    data, node = read_data(path)
    if not isinstance(data, list):
        raise BatchSourceError(
            f"Tệp {path.name} phải là một danh sách, mỗi mục bắt đầu bằng '- ' là một văn bản "
            "(một văn bản riêng lẻ thì dùng 'vanban render')."
        )
    if len(data) > limits.rows:
        raise BatchSourceError(limits.too_many_rows(path.name, len(data)).replace("dòng dữ liệu", "mục"))
    rows = []
    for number, item in enumerate(data, start=1):
        line = ""
        if node is not None and number - 1 < len(getattr(node, "value", [])):
            line = f" (dòng {node.value[number - 1].start_mark.line + 1})"
        label = f"{path.name}, mục {number}{line}"
        rows.append((label, item if isinstance(item, dict) else {"__error__": (
            "Mỗi mục phải là các trường của văn bản dạng 'tên_trường: giá trị'.")}))
    return iter(rows)


def merge(base: dict, row: dict) -> tuple[dict, Optional[str]]:
    """The row filled in over a copy of the base, and the row's own file name (``ten_tep``).
    Raises _Skip with the reason when the row cannot be merged."""
    data = _copy(base)
    for key, value in _changes(row):
        _apply(data, key, value)
    name = None
    for key, value in row.items():
        if str(key).strip() == NAME_KEY:
            name = None if value is None else str(value)
    return data, name


def written_fields(row: dict) -> frozenset:
    """The top-level fields of the base that :func:`merge` changes for ``row`` (``so`` for
    ``so``, ``co_quan_ban_hanh`` for ``co_quan_ban_hanh.ten``, ``noi_nhan`` for ``+noi_nhan``):
    every other field of the merged document is the base's as it stands."""
    return frozenset(_parts(key)[0] for key, _ in _changes(row))


def _changes(row: dict) -> Iterator[tuple[str, Any]]:
    """The cells of ``row`` that change the base, (column name stripped, value): the file's
    name (``ten_tep``) and empty cells change nothing."""
    for key, value in row.items():
        key = str(key).strip()
        if key != NAME_KEY and value is not None:
            yield key, value


def _parts(key: str) -> list[str]:
    """``+a.b.c`` as ``["a", "b", "c"]``."""
    return [part.strip() for part in key.lstrip("+").split(".")]


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _lines(value: Any) -> list:
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        return [line.strip() for line in value.splitlines() if line.strip()]
    return [value]


def _item(key: str, name: str, part: str, items: list) -> int:
    """The position of item ``part`` (1, 2 ...) of the base's list ``name``, for column ``key``."""
    if not part.isdigit() or not 1 <= int(part) <= len(items):
        raise _Skip(f"Cột '{key}': '{name}' trong tệp mẫu chung là danh sách {len(items)} mục, ghi số thứ tự "
                    f"mục từ 1 đến {len(items)} sau '{name}.' (ví dụ {name}.1), không phải '{part}'.")
    return int(part) - 1


def _apply(data: dict, key: str, value: Any) -> None:
    """Set ``key`` (``a.b.c``, or ``+a.b`` to add to a list) in ``data`` from a row; a number
    picks an item of a list of the base, counted from 1 (``dieu.1.dieu``)."""
    append = key.startswith("+")
    parts = _parts(key)
    if not all(parts):
        raise _Skip(f"Tên cột '{key}' không hợp lệ: dùng dạng so, co_quan_ban_hanh.ten hoặc +noi_nhan.")
    target: Any = data
    for position, part in enumerate(parts[:-1]):
        if isinstance(target, list):  # dieu.1.dieu: the base's first Điều (counted from 1)
            inner = target[_item(key, parts[position - 1], part, target)]
        else:
            inner = target.get(part)
            if inner is None:
                inner = target[part] = {}
        if not isinstance(inner, (dict, list)):
            raise _Skip(f"Cột '{key}': trường '{part}' trong tệp mẫu chung không phải một nhóm trường.")
        target = inner
    last = parts[-1]
    if isinstance(target, list):
        target[_item(key, parts[-2], last, target)] = value
        return
    current = target.get(last)
    if append:
        existing = current if isinstance(current, list) else ([] if current is None else [current])
        target[last] = existing + _lines(value)
    elif isinstance(value, dict) and isinstance(current, dict):
        for inner_key, inner_value in value.items():
            _apply(current, str(inner_key), inner_value)
    elif isinstance(current, list) and not isinstance(value, list):
        target[last] = _lines(value)
    else:
        target[last] = value
