"""``vanban batch``: many documents in one run, across every core.

Input is a folder of YAML/JSON documents, or one data file (a YAML/JSON list,
CSV, or Excel .xlsx) with one document per row, each row filled in over a base
YAML (``--base``): the same plan sent by a Tỉnh đoàn to every Huyện đoàn, each
with its own name, number and recipients.

A row's keys are field paths: ``so``, ``co_quan_ban_hanh.ten``,
``nguoi_ky.ho_ten``. A cell with several lines fills a list field (each line
one item) when the base has a list there; a key starting with ``+``
(``+noi_nhan``) adds its lines to the base's list instead of replacing it. An
empty cell keeps the base's value. ``ten_tep`` names that row's output file.

Documents are rendered by a pool of processes, each with its own warm
:class:`~vanban.Renderer`, and written under temporary names in the output
folder; PDFs (``pdf=True``) are made by one warm LibreOffice per job slot.
Only at the end do files take their names, in input order, so two rows that
would write the same file are reported, never silently overwritten. One row's
failure never stops the others; every failure is in the report with its reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import queue
import re
import secrets
import string
import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional, Sequence, Union

from .errors import (
    BatchSourceError,
    InputError,
    MissingToolError,
    NamePatternError,
    OutputExistsError,
    OutputFolderError,
    Problem,
    SourceNotFoundError,
    VanbanError,
)

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

PathLike = Union[str, Path]

DEFAULT_NAME = "{number}-{type}-{issuer_code}.docx"
NAME_FIELDS = {
    "number": "số văn bản, có số 0 đứng trước nếu nhỏ hơn 10 (chưa có số: chua-so)",
    "type": "ký hiệu loại văn bản (KH, HD, BC)",
    "loai": "tên loại trong tệp dữ liệu (ke-hoach)",
    "issuer_code": "ký hiệu cơ quan ban hành (ĐTN)",
    "issuer": "tên cơ quan ban hành (dòng đầu)",
    "place": "địa danh",
    "date": "ngày ban hành, dạng 2021-03-05",
    "year": "năm ban hành",
    "index": "số thứ tự của văn bản trong đợt (1, 2, 3...)",
    "file": "tên tệp dữ liệu (không có phần mở rộng)",
}
"""The values an output name may use, with what each holds."""
NAME_KEY = "ten_tep"
"""A row's own output file name, instead of the pattern."""
DOCUMENT_SUFFIXES = (".yaml", ".yml", ".json")
DATA_SUFFIXES = (".yaml", ".yml", ".json", ".csv", ".xlsx")


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


@dataclass
class ItemResult:
    """What became of one document: its files, or why it failed."""

    index: int
    label: str
    output: Optional[Path] = None
    pdf: Optional[Path] = None
    error: Optional[str] = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class BatchReport:
    """Every document of a batch, in input order."""

    results: list[ItemResult]
    out_dir: Path
    seconds: float = 0.0

    @property
    def done(self) -> list[ItemResult]:
        return [r for r in self.results if r.ok]

    @property
    def failed(self) -> list[ItemResult]:
        return [r for r in self.results if not r.ok]

    def summary(self) -> str:
        """The end-of-run summary, in Vietnamese."""
        total = len(self.results)
        seconds = f"{self.seconds:.1f}".replace(".", ",")
        lines = [f"Đã tạo {len(self.done)}/{total} văn bản trong {self.out_dir} ({seconds} giây)."]
        if self.failed:
            lines.append(f"Không tạo được {len(self.failed)} văn bản:")
            for result in self.failed:
                reason = result.error.replace("\n", "\n      ")
                lines.append(f"  - {result.label}: {reason}")
        return "\n".join(lines)


class _Skip(Exception):
    """A row given to a worker that could not be made; the message is for the report."""


# --- reading the input -----------------------------------------------------------------


def check_name_pattern(pattern: str) -> str:
    """The pattern with ``.docx`` at the end; a clear Vietnamese error for a mistake in it."""
    mistake = _brace_mistake(pattern)
    try:
        fields = [(name, spec) for _, name, spec, _ in string.Formatter().parse(pattern) if name is not None]
    except ValueError:  # _brace_mistake finds every mistake Python refuses; this is a safety net
        fields = []
        mistake = mistake or "các dấu ngoặc nhọn { } không đúng cách viết"
    if mistake:
        raise NamePatternError(f"Mẫu tên tệp '{pattern}' không hợp lệ: {mistake}. Mẫu đúng có dạng {DEFAULT_NAME}.",
                               pattern)
    if any(name == "" for name, _ in fields):
        raise NamePatternError(f"Mẫu tên tệp '{pattern}' có {{}} chưa ghi tên giá trị bên trong, ví dụ {{number}}.",
                               pattern)
    unknown = [name for name, _ in fields if name not in NAME_FIELDS]
    if unknown:
        known = ", ".join("{" + n + "}" for n in NAME_FIELDS)
        raise NamePatternError(
            f"Mẫu tên tệp '{pattern}' có giá trị không biết: "
            f"{', '.join('{' + n + '}' for n in unknown)}. Các giá trị dùng được: {known}.",
            pattern,
        )
    for name, spec in fields:
        if not _text_spec_works(spec):
            raise NamePatternError(
                f"Mẫu tên tệp '{pattern}' có cách trình bày '{{{name}:{spec}}}' không dùng được: "
                "các giá trị đều là chữ, chỉ canh lề được (rộng tối đa 255 ký tự), "
                "ví dụ {index:0>3} cho 001, 002...",
                pattern,
            )
    return pattern if pattern.lower().endswith(".docx") else pattern + ".docx"


def _text_spec_works(spec: str) -> bool:
    """Whether a value's format spec (after ``:``) works on text, as every value of a name
    is, and keeps within a file name's length."""
    if any(int(digits) > 255 for digits in re.findall(r"\d+", spec)):
        return False
    try:
        format("", spec)
    except ValueError:
        return False
    return True


def _brace_mistake(pattern: str) -> Optional[str]:
    """What is wrong with the braces of a name pattern, in Vietnamese; None if nothing.

    Read as :meth:`str.format` reads it: ``{{`` and ``}}`` are the braces themselves, and a
    value is a ``{`` up to its matching ``}``.
    """
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char in "{}" and pattern.startswith(char * 2, i):
            i += 2
            continue
        if char == "}":
            return (f"dấu }} ở ký tự thứ {i + 1} không có dấu {{ mở trước nó "
                    "(muốn có chính dấu } trong tên tệp thì viết }})")
        if char == "{":
            depth, end = 0, i
            nested = False
            while end < len(pattern):
                depth += {"{": 1, "}": -1}.get(pattern[end], 0)
                nested = nested or depth > 1
                if depth == 0:
                    break
                end += 1
            if depth:
                return (f"dấu {{ ở ký tự thứ {i + 1} không được đóng bằng dấu }} "
                        "(muốn có chính dấu { trong tên tệp thì viết {{)")
            field = pattern[i:end + 1]
            if nested:
                return f"{field} có dấu ngoặc nhọn lồng bên trong; mỗi giá trị là một tên trong một cặp {{ }}"
            if "!" in field.split(":")[0]:  # after the name, ! starts a conversion (!r)
                return f"{field} có dấu !; trong {{ }} chỉ ghi tên giá trị"
            i = end + 1
            continue
        i += 1
    return None


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
            raise BatchSourceError(f"Thư mục {source} không có tệp .yaml, .yml hay .json nào.", source)
        return [Job(i, p.name, path=str(p), over_base=base is not None) for i, p in enumerate(files, start=1)]
    if not source.is_file():
        raise SourceNotFoundError(source)
    suffix = source.suffix.lower()
    if suffix not in DATA_SUFFIXES:
        raise BatchSourceError(
            f"Không đọc được {source.name}: cần một thư mục tệp YAML/JSON, hoặc một tệp danh sách "
            ".yaml, .json, .csv hay .xlsx.",
            source,
        )
    if suffix == ".csv":
        rows = _csv_rows(source)
    elif suffix == ".xlsx":
        rows = _xlsx_rows(source)
    else:
        rows = _list_rows(source)
    if not rows:
        raise BatchSourceError(f"Tệp {source.name} không có dòng dữ liệu nào.", source)
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
        raise BatchSourceError(
            f"Tệp {path.name} không phải UTF-8. Trong Excel, chọn Lưu thành > 'CSV UTF-8 (phân cách bằng dấu phẩy)'.",
            path,
        ) from None
    except OSError as error:
        raise BatchSourceError(f"Không đọc được {path}: {error.strerror}.", path) from None
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, None)
    if not header:
        raise BatchSourceError(
            f"Tệp {path.name} trống: dòng đầu phải là tên các trường (so, co_quan_ban_hanh.ten...).", path
        )
    keys = [_cell(key) for key in header]
    rows = []
    line = reader.line_num + 1
    for cells in reader:
        row = {key: _cell(cell) for key, cell in zip(keys, cells) if key}
        if any(value is not None for value in row.values()):
            rows.append((f"{path.name}, dòng {line}", row))
        line = reader.line_num + 1
    return rows


def _xlsx_rows(path: Path) -> list[tuple[str, dict]]:
    import zipfile

    try:
        from openpyxl import load_workbook
    except ImportError:
        raise MissingToolError("openpyxl", "đọc được tệp .xlsx", "python3 -m pip install openpyxl") from None
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise BatchSourceError(f"Không đọc được {path.name} như một tệp Excel .xlsx ({error}).", path) from None
    try:
        sheet = workbook.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header = next(lines, None)
        if not header or not any(header):
            raise BatchSourceError(f"Trang tính đầu của {path.name} trống: dòng 1 phải là tên các trường.", path)
        keys = [_cell(key) if key is not None else None for key in header]
        rows = []
        for number, cells in enumerate(lines, start=2):
            row = {str(key): _cell(cell) for key, cell in zip(keys, cells) if key}
            if any(value is not None for value in row.values()):
                rows.append((f"{path.name}, dòng {number}", row))
        return rows
    finally:
        workbook.close()


def _list_rows(path: Path) -> list[tuple[str, dict]]:
    from ._loading import read_data

    data, node = read_data(path)
    if not isinstance(data, list):
        raise BatchSourceError(
            f"Tệp {path.name} phải là một danh sách, mỗi mục bắt đầu bằng '- ' là một văn bản "
            "(một văn bản riêng lẻ thì dùng 'vanban render').",
            path,
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


# --- output names ----------------------------------------------------------------------------

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_file_name(name: str) -> str:
    """A file name that works on Windows, macOS and Linux: no / \\ : * ? " < > |."""
    name = unicodedata.normalize("NFC", name)
    name = _UNSAFE.sub("-", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    return name


def output_name(pattern: str, document, job: Job, own_name: Optional[str] = None) -> str:
    """The file name of ``document`` from ``pattern`` (or the row's own ``ten_tep``)."""
    if own_name:
        name = own_name if own_name.lower().endswith(".docx") else own_name + ".docx"
    else:
        date = document.date
        values = {
            "number": f"{document.number:02d}" if document.number is not None else "chua-so",
            "type": document.type_code,
            "loai": document.type_key(),
            "issuer_code": document.issuer.code,
            "issuer": document.issuer.name[0] if document.issuer.name else "",
            "place": document.place,
            "date": "-".join(f"{part:02d}" for part in (date.year, date.month, date.day) if part),
            "year": str(date.year),
            "index": str(job.index),
            "file": Path(job.path).stem if job.path else Path(job.label.split(",")[0]).stem,
        }
        name = pattern.format(**values)
    stem = safe_file_name(name[:-5])
    if not stem:
        raise _Skip(f"Tên tệp '{name}' rỗng sau khi bỏ các ký tự không dùng được trong tên tệp.")
    return stem + ".docx"


# --- the worker (runs in a pool process) -----------------------------------------------------

_worker_renderers: dict = {}
_worker_base: dict = {}


def _init_worker(base: dict) -> None:
    """Each pool process receives the base once, not with every row."""
    global _worker_base
    _worker_base = base


def _renderer(template_dirs: tuple):
    renderer = _worker_renderers.get(template_dirs)
    if renderer is None:
        from ._render import Renderer

        renderer = _worker_renderers[template_dirs] = Renderer(template_dirs)
    return renderer


@dataclass(frozen=True)
class _Settings:
    out_dir: str
    pattern: str
    template_dirs: tuple
    overwrite: bool
    check: bool
    token: str


def _temporary(settings: _Settings, index: int, suffix: str) -> Path:
    return Path(settings.out_dir) / f".vanban-{settings.token}-{index}{suffix}"


def make_document(job: Job, settings: _Settings) -> tuple[int, Optional[str], Optional[str]]:
    """Validate, render and write one document under a temporary name.

    Returns (index, final file name, error message); never raises for the
    document's own problems, so one bad row never stops the others."""
    from ._files import write_atomic
    from ._loading import load, parse, read_data

    try:
        own_name = None
        if job.error is not None:
            raise _Skip(job.error)
        if job.path is not None and not job.over_base:
            document = load(job.path)
        else:
            row = job.row
            if job.path is not None:
                row, _ = read_data(Path(job.path))
                if not isinstance(row, dict):
                    raise _Skip("Tệp phải chứa các trường của văn bản dạng 'tên_trường: giá trị'.")
            data, own_name = merge(_worker_base, row)
            document = parse(data)
        name = output_name(settings.pattern, document, job, own_name)
        if not settings.overwrite and (Path(settings.out_dir) / name).exists():
            raise OutputExistsError(Path(settings.out_dir) / name)
        data = _renderer(settings.template_dirs).render_bytes(document)
        if settings.check:
            from ._check import verify

            verify(data, document.profile_name)  # as vanban render: never a document that breaks a MUST rule
        write_atomic(_temporary(settings, job.index, ".docx"), data, overwrite=True)
        return job.index, name, None
    except (_Skip, VanbanError) as error:
        return job.index, None, str(error)
    except Exception as error:  # a bug must not stop the batch; it is reported with the row
        return job.index, None, f"Lỗi không mong đợi ({type(error).__name__}: {error})"


# --- the run -------------------------------------------------------------------------------------


def run_batch(
    source: PathLike,
    out_dir: PathLike,
    *,
    base: Optional[PathLike] = None,
    pdf: bool = False,
    jobs: Optional[int] = None,
    name_pattern: str = DEFAULT_NAME,
    overwrite: bool = False,
    template_dirs: Sequence[PathLike] = (),
    check: bool = True,
    pdf_timeout: float = 120.0,
    progress: Optional[Callable[[ItemResult, int, int], None]] = None,
) -> BatchReport:
    """Make one document for each file of a folder, or each row of a data file.

    ``jobs`` processes render (default: every core); with ``pdf`` as many warm
    LibreOffice converters make the PDFs. ``progress(result, finished, total)``
    is called once per document, when it is finished or has failed. Documents that fail are in
    the report with their reason; the others are made regardless.
    """
    started = time.monotonic()
    pattern = check_name_pattern(name_pattern)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise OutputFolderError(out)
    if pdf:
        from ._pdf import find_soffice

        if find_soffice() is None:
            raise MissingToolError("libreoffice", "tạo được PDF")
    base_data = read_base(base)
    all_jobs = read_jobs(source, base)
    out.mkdir(parents=True, exist_ok=True)
    settings = _Settings(str(out), pattern, tuple(str(d) for d in template_dirs), overwrite, check,
                         secrets.token_hex(4))
    workers = max(1, min(jobs or os.cpu_count() or 1, len(all_jobs)))
    results = {job.index: ItemResult(job.index, job.label) for job in all_jobs}
    try:
        names = _Run(all_jobs, settings, workers, pdf, pdf_timeout, results, progress, base_data).run()
        _finish(settings, results, names, pdf, overwrite)
    finally:
        for leftover in out.glob(f".vanban-{settings.token}-*"):
            leftover.unlink(missing_ok=True)
    return BatchReport([results[i] for i in sorted(results)], out, time.monotonic() - started)


class _Run:
    """The event loop of one batch, in the calling thread: render results and PDF results
    arrive on one queue; the progress callback is only ever called from here."""

    def __init__(self, jobs, settings, workers, pdf, pdf_timeout, results, progress, base):
        self.base = base
        self.jobs = jobs
        self.settings = settings
        self.workers = workers
        self.pdf = pdf
        self.pdf_timeout = pdf_timeout
        self.results = results
        self.progress = progress
        self.events: queue.Queue = queue.Queue()
        self.pending = len(jobs)
        self.names: dict[int, str] = {}
        self.stage: Optional[_PdfStage] = None
        self.pool: Optional[ProcessPoolExecutor] = None
        self.waiting = iter(jobs)
        self.in_flight = 0

    def run(self) -> dict[int, str]:
        try:
            if self.workers > 1:
                from concurrent.futures import ProcessPoolExecutor

                self.pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_init_worker,
                                                initargs=(self.base,))
                self._fill()  # starts the worker processes before any thread of ours exists
            if self.pdf:
                self.stage = _PdfStage(self.workers, self.settings, self.pdf_timeout, self.events)
            if self.pool is None:
                _init_worker(self.base)
                for job in self.jobs:
                    self._rendered(*make_document(job, self.settings))
                    self._drain()
            while self.pending:
                self._handle(self.events.get())
        finally:
            _init_worker({})
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)
            if self.stage is not None:
                self.stage.close()
        return self.names

    def _fill(self) -> None:
        """Keep a bounded window of rows in the pool: memory stays flat however many rows."""
        while self.in_flight < self.workers * 4:
            job = next(self.waiting, None)
            if job is None:
                return
            future: Future = self.pool.submit(make_document, job, self.settings)
            future.add_done_callback(lambda f, i=job.index: self.events.put(("rendered", i, f)))
            self.in_flight += 1

    def _drain(self) -> None:
        while True:
            try:
                event = self.events.get_nowait()
            except queue.Empty:
                return
            self._handle(event)

    def _handle(self, event) -> None:
        kind = event[0]
        if kind == "rendered":
            _, index, future = event
            self.in_flight -= 1
            try:
                self._rendered(*future.result())
            except Exception as error:  # the worker process itself died
                self._rendered(index, None, f"Tiến trình tạo văn bản dừng đột ngột ({error}).")
            self._fill()
        elif kind == "pdf":
            _, index, name, error = event
            if error is not None:
                error = f"đã tạo {name}, nhưng {error[0].lower()}{error[1:]}"
            self._finished(index, name, error)

    def _rendered(self, index: int, name: Optional[str], error: Optional[str]) -> None:
        if error is None and self.stage is not None:
            self.stage.submit(index, name)
        else:
            self._finished(index, name, error)

    def _finished(self, index: int, name: Optional[str], error: Optional[str]) -> None:
        """One document is as finished as it gets. A .docx whose PDF failed is still kept."""
        self.pending -= 1
        result = self.results[index]
        result.error = error
        if name is not None:
            self.names[index] = name
        if self.progress is not None:
            self.progress(result, len(self.jobs) - self.pending, len(self.jobs))


class _PdfStage:
    """One warm LibreOffice per thread, converting the rendered documents as they come."""

    def __init__(self, count: int, settings: _Settings, timeout: float, events: queue.Queue):
        from ._pdf import PdfConverter

        self.settings = settings
        self.events = events
        self.tasks: queue.Queue = queue.Queue()
        self.converters = [PdfConverter(timeout=timeout) for _ in range(count)]
        self.threads = [threading.Thread(target=self._work, args=(c,), daemon=True, name="vanban-pdf")
                        for c in self.converters]
        for thread in self.threads:
            thread.start()

    def submit(self, index: int, name: str) -> None:
        self.tasks.put((index, name))

    def _work(self, converter) -> None:
        try:
            converter.__enter__()
            broken = None
        except VanbanError as problem:  # LibreOffice would not start: every task gets the reason
            broken = str(problem)
        try:
            while True:
                task = self.tasks.get()
                if task is None:
                    return
                index, name = task
                source = _temporary(self.settings, index, ".docx")
                target = _temporary(self.settings, index, ".pdf")
                error = broken
                if error is None:
                    try:
                        converter.convert(source, target, overwrite=True)
                    except VanbanError as problem:
                        error = str(problem).replace(str(source), name)
                    except Exception as problem:  # reported with the row, never a silent stop
                        error = f"Lỗi không mong đợi khi tạo PDF ({type(problem).__name__}: {problem})"
                self.events.put(("pdf", index, name, error))
        finally:
            converter.close()

    def close(self) -> None:
        for _ in self.threads:
            self.tasks.put(None)
        for thread in self.threads:
            thread.join()
        for converter in self.converters:
            converter.close()


def _finish(settings: _Settings, results: dict, names: dict, pdf: bool, overwrite: bool) -> None:
    """Give the finished documents their names, in input order; a name taken twice is an error.

    A document whose PDF failed keeps its .docx (its result still carries the PDF error)."""
    from .errors import OutputError

    out = Path(settings.out_dir)
    owner: dict[str, ItemResult] = {}
    for index in sorted(names):
        result = results[index]
        name = names[index]
        key = name.casefold()
        if key in owner:
            result.error = (
                f"trùng tên tệp {name} với {owner[key].label}; hãy sửa số văn bản, "
                f"đặt cột {NAME_KEY}, hoặc dùng --name với {{index}}"
            )
            continue
        owner[key] = result
        moves = [(_temporary(settings, index, ".docx"), out / name)]
        pdf_made = pdf and result.ok
        if pdf_made:
            moves.append((_temporary(settings, index, ".pdf"), out / (name[:-5] + ".pdf")))
        try:
            for temporary, target in moves:
                if not overwrite and target.exists():
                    raise OutputExistsError(target)
            for temporary, target in moves:
                _move(temporary, target, overwrite)
        except VanbanError as error:
            result.error = str(error)
            continue
        except OSError as error:
            result.error = str(OutputError(moves[0][1], error.strerror or str(error)))
            continue
        result.output = moves[0][1]
        result.pdf = moves[1][1] if pdf_made else None


def _move(temporary: Path, target: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(temporary, target)
        return
    try:
        os.link(temporary, target)  # fails if the name was taken meanwhile
    except FileExistsError:
        raise OutputExistsError(target) from None
    except OSError:  # file systems without hard links
        if target.exists():
            raise OutputExistsError(target) from None
        os.replace(temporary, target)
        return
    temporary.unlink()
