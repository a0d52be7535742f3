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
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Union

from ._xlsx import cell_address, is_error_value
from .errors import InputError, Problem, VanbanError

PathLike = Union[str, Path]

NAME_KEY = "ten_tep"
"""A row's own output file name, instead of the pattern."""
DOCUMENT_SUFFIXES = (".yaml", ".yml", ".json")
DATA_SUFFIXES = (".yaml", ".yml", ".json", ".csv", ".xlsx")
MAX_CELL_CHARS = 1_000_000
"""The longest cell of a CSV file: ten times the longest paragraph vanban renders (100,000
characters). Python's csv module stops at 131,072 by default."""


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




class _Skip(Exception):
    """A row given to a worker that could not be made; the message is for the report."""



def read_base(base: Optional[PathLike]) -> dict:
    """The base document's fields (empty without a base)."""
    return _read_base(Path(base)) if base is not None else {}


def read_jobs(source: PathLike, base: Optional[PathLike] = None) -> list[Job]:
    """The documents of ``source`` (a folder, or a data file); with ``base``, each is filled in
    over it (by :func:`merge`, in the worker)."""
    source = Path(source)
    if source.is_dir():
        files = sorted((p for p in source.iterdir() if p.suffix.lower() in DOCUMENT_SUFFIXES and p.is_file()),
                       key=lambda p: _natural(p.name))
        if not files:
            raise VanbanError(f"Thư mục {source} không có tệp .yaml, .yml hay .json nào.")
        return [Job(i, p.name, path=str(p), over_base=base is not None) for i, p in enumerate(files, start=1)]
    if not source.is_file():
        raise VanbanError(f"Không tìm thấy {source}.")
    suffix = source.suffix.lower()
    if suffix not in DATA_SUFFIXES:
        raise VanbanError(
            f"Không đọc được {source.name}: cần một thư mục tệp YAML/JSON, hoặc một tệp danh sách "
            ".yaml, .json, .csv hay .xlsx."
        )
    if suffix == ".csv":
        rows = _csv_rows(source)
    elif suffix == ".xlsx":
        rows = _xlsx_rows(source)
    else:
        rows = _list_rows(source)
    if not rows:
        raise VanbanError(f"Tệp {source.name} không có dòng dữ liệu nào.")
    return [
        Job(i, label, error=row["__error__"]) if "__error__" in row else Job(i, label, row=row)
        for i, (label, row) in enumerate(rows, start=1)
    ]


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


def _csv_rows(path: Path) -> list[tuple[str, dict]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise VanbanError(
            f"Tệp {path.name} không phải UTF-8. Trong Excel, chọn Lưu thành > 'CSV UTF-8 (phân cách bằng dấu phẩy)'."
        ) from None
    except OSError as error:
        raise VanbanError(f"Không đọc được {path}: {error.strerror}.") from None
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = _BoundedReader(csv.reader(io.StringIO(text), dialect), path)
    header = next(reader, None)
    if not header:
        raise VanbanError(f"Tệp {path.name} trống: dòng đầu phải là tên các trường (so, co_quan_ban_hanh.ten...).")
    keys = [_cell(key) for key in header]
    rows = []
    line = reader.line_num + 1
    for cells in reader:
        label = f"{path.name}, dòng {line}"
        refused = [_csv_error_value(cell_address(column, line), cell.strip())
                   for column, (key, cell) in enumerate(zip(keys, cells), start=1) if key and is_error_value(cell)]
        if refused:
            rows.append((label, {"__error__": _refusal(refused)}))
        else:
            row = {key: _cell(cell) for key, cell in zip(keys, cells) if key}
            if any(value is not None for value in row.values()):
                rows.append((label, row))
        line = reader.line_num + 1
    return rows


def _csv_error_value(address: str, value: str) -> str:
    return (f"ô {address} có {value}, giá trị lỗi của Excel (công thức của ô không tính được khi lưu "
            "thành CSV): hãy sửa công thức trong bảng tính rồi lưu lại, hoặc gõ thẳng giá trị vào ô")


def _thousands(number: int) -> str:
    """1.000.000: digits grouped as Vietnamese writes them."""
    return f"{number:,}".replace(",", ".")


class _BoundedReader:
    """A csv reader whose cells may be up to :data:`MAX_CELL_CHARS` long; its errors said in
    Vietnamese with the line. The limit is the csv module's, global to the process: it is set
    only while a line is read, and given back."""

    def __init__(self, reader, path: Path):
        self.reader = reader
        self.path = path

    @property
    def line_num(self) -> int:
        return self.reader.line_num

    def __iter__(self):
        return self

    def __next__(self) -> list[str]:
        line = self.reader.line_num + 1
        previous = csv.field_size_limit(MAX_CELL_CHARS)
        try:
            return next(self.reader)
        except csv.Error as error:
            if "field limit" in str(error):
                raise VanbanError(
                    f"Tệp {self.path.name}, dòng {line}: có ô dài hơn {_thousands(MAX_CELL_CHARS)} ký tự, "
                    "quá giới hạn một ô của vanban. Thường do một dấu ngoặc kép \" không được đóng "
                    "(phần còn lại của tệp thành một ô): hãy kiểm tra dòng này; nếu văn bản thật sự dài "
                    "như vậy, hãy chia thành nhiều đoạn, mỗi đoạn một dòng trong ô."
                ) from None
            raise VanbanError(f"Tệp {self.path.name}, dòng {line}: không đọc được như tệp CSV ({error}).") from None
        finally:
            csv.field_size_limit(previous)


def _xlsx_rows(path: Path) -> list[tuple[str, dict]]:
    from ._xlsx import xlsx_rows

    lines = xlsx_rows(path)
    _, header, problems = next(lines, (1, (), {}))
    if problems:
        raise VanbanError(f"Dòng tên trường của {path.name}: " + "; ".join(problems.values()) + ".")
    if not header or not any(header):
        raise VanbanError(f"Trang tính đầu của {path.name} trống: dòng 1 phải là tên các trường.")
    keys = [_cell(key) if key is not None else None for key in header]
    rows = []
    for number, cells, problems in lines:
        label = f"{path.name}, dòng {number}"
        refused = [problem for column, problem in sorted(problems.items())
                   if column <= len(keys) and keys[column - 1]]
        if refused:
            rows.append((label, {"__error__": _refusal(refused)}))
            continue
        row = {str(key): _cell(cell) for key, cell in zip(keys, cells) if key}
        if any(value is not None for value in row.values()):
            rows.append((label, row))
    return rows


def _refusal(problems: list[str]) -> str:
    """A row's cells that cannot be read, as one sentence (each problem starts with ``ô C7``)."""
    text = "; ".join(problems)
    return text[0].upper() + text[1:] + "."


def _list_rows(path: Path) -> list[tuple[str, dict]]:
    from ._loading import read_data

    data, node = read_data(path)
    if not isinstance(data, list):
        raise VanbanError(
            f"Tệp {path.name} phải là một danh sách, mỗi mục bắt đầu bằng '- ' là một văn bản "
            "(một văn bản riêng lẻ thì dùng 'vanban render')."
        )
    rows = []
    for number, item in enumerate(data, start=1):
        line = ""
        if node is not None and number - 1 < len(getattr(node, "value", [])):
            line = f" (dòng {node.value[number - 1].start_mark.line + 1})"
        label = f"{path.name}, mục {number}{line}"
        rows.append((label, item if isinstance(item, dict) else {"__error__": (
            "Mỗi mục phải là các trường của văn bản dạng 'tên_trường: giá trị'.")}))
    return rows


def merge(base: dict, row: dict) -> tuple[dict, Optional[str]]:
    """The row filled in over a copy of the base, and the row's own file name (``ten_tep``).
    Raises _Skip with the reason when the row cannot be merged."""
    data = _copy(base)
    name = None
    for key, value in row.items():
        key = str(key).strip()
        if key == NAME_KEY:
            name = None if value is None else str(value)
            continue
        if value is None:
            continue
        _apply(data, key, value)
    return data, name


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


def _apply(data: dict, key: str, value: Any) -> None:
    """Set ``key`` (``a.b.c``, or ``+a.b`` to add to a list) in ``data`` from a row."""
    append = key.startswith("+")
    parts = [part.strip() for part in key.lstrip("+").split(".")]
    if not all(parts):
        raise _Skip(f"Tên cột '{key}' không hợp lệ: dùng dạng so, co_quan_ban_hanh.ten hoặc +noi_nhan.")
    target = data
    for part in parts[:-1]:
        inner = target.get(part)
        if inner is None:
            inner = target[part] = {}
        elif not isinstance(inner, dict):
            raise _Skip(f"Cột '{key}': trường '{part}' trong tệp mẫu chung không phải một nhóm trường.")
        target = inner
    last = parts[-1]
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
