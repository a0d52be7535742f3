"""``vanban batch``: many documents in one run, across every core.

Rows are read as the work goes, never all at once: a bounded window of documents is
read ahead of the work (the first window before the output folder is made, so a file that
cannot be read there writes nothing), and a problem found later stops the reading, keeping what
was made (:attr:`BatchReport.stopped`). Documents are rendered by a pool of processes, each with
its own warm :class:`~vanban.Renderer`, and written under temporary names in the output
folder; PDFs (``pdf=True``) are made by one warm LibreOffice per job slot.
Only at the end do files take their names, in input order, so two rows that
would write the same file are reported, never silently overwritten. One row's
failure never stops the others; every failure is in the report with its reason.
Reading the input is :mod:`vanban._batch_input`; naming the files, :mod:`vanban._batch_names`.
"""

from __future__ import annotations

import itertools
import os
import queue
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional, Sequence, Union

from ._batch_input import NAME_KEY, Job, Limits, _Skip, merge, read_base, read_jobs
from ._batch_names import DEFAULT_NAME, NAME_FIELDS, check_name_pattern, output_name
from .errors import MissingToolError, OutputExistsError, OutputFolderError, VanbanError

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

PathLike = Union[str, Path]

__all__ = ["DEFAULT_NAME", "NAME_FIELDS", "BatchReport", "ItemResult", "check_name_pattern", "run_batch"]


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
    stopped: Optional[str] = None
    """Why the input was not read to its end (a broken row, a limit); None if it was."""

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
        if self.stopped:
            lines.append(f"Dừng đọc dữ liệu: {self.stopped}")
        return "\n".join(lines)



# --- the worker (runs in a pool process) -----------------------------------------------------

_worker_renderers: dict = {}
_worker_base: dict = {}


def _init_worker(base: dict) -> None:
    """Each worker receives the base once, not with every row."""
    global _worker_base
    _worker_base = base


def _init_pool_worker(base: dict) -> None:
    """A pool process: the base, and a process that stops with the batch.

    Ctrl-C (SIGINT, sent to the terminal's whole process group) is the batch's to handle: it
    stops the pool itself, and a worker interrupted half way would only print a traceback.
    SIGTERM keeps its plain meaning here (the batch's own handler was copied by fork). And the
    worker ends when the batch's process dies, however it dies (:func:`vanban._guard.watch_parent`)."""
    import signal

    from ._guard import watch_parent

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    watch_parent()
    _init_worker(base)


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
    owner: int
    """The pid of the process running the batch: in the name of every temporary file."""


def _temporary(settings: _Settings, index: int, suffix: str) -> Path:
    from ._files import temporary_name

    return Path(settings.out_dir) / temporary_name(settings.owner, f"{settings.token}-{index}", suffix)


def make_document(job: Job, settings: _Settings) -> tuple[int, Optional[str], Optional[str]]:
    """Validate, render and write one document under a temporary name.

    Returns (index, final file name, error message); never raises for the
    document's own problems, so one bad row never stops the others. The name comes with the
    error of a file that exists already, which may be one this run wrote for an earlier row."""
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
        if not settings.overwrite and _exists(Path(settings.out_dir) / name):
            # the name too: the file may be one this very run wrote for an earlier row
            return job.index, name, str(OutputExistsError(Path(settings.out_dir) / name))
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


def _exists(path: Path) -> bool:
    """Whether ``path`` exists; an error of the file system (a path too long, a drive gone)
    said in Vietnamese as the reason the document cannot be written."""
    from ._files import _reason
    from .errors import OutputError

    try:
        return path.exists()
    except OSError as error:
        raise OutputError(path, _reason(error)) from None


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
    progress: Optional[Callable[[ItemResult, int, Optional[int]], None]] = None,
    limits: Optional[Limits] = None,
) -> BatchReport:
    """Make one document for each file of a folder, or each row of a data file.

    ``jobs`` processes render (default: every core); with ``pdf`` as many warm
    LibreOffice converters make the PDFs. Rows are read as the work goes, never all at once.
    ``progress(result, finished, total)`` is called once per document, when it is finished or
    has failed; ``total`` is None while rows are still being read. Documents that fail are in
    the report with their reason; the others are made regardless. ``limits`` bound what is read
    (default: :meth:`Limits.from_environment`).

    Each document takes its name as soon as it and every document before it are rendered, so
    a run stopped half way (KeyboardInterrupt, raised again after the cleanup) keeps every
    document it finished; the temporary files of this run are removed, and those an earlier run
    left in the folder when it was killed are removed when the next one starts.
    """
    from ._files import remove_stray_temporaries

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
    waiting = read_jobs(source, base, limits or Limits.from_environment())
    workers = max(1, jobs or os.cpu_count() or 1)
    head = list(itertools.islice(waiting, workers * _WINDOW))  # a file of 3 rows needs no 8 processes
    workers = min(workers, len(head))
    out.mkdir(parents=True, exist_ok=True)
    remove_stray_temporaries(out, before=time.time())
    settings = _Settings(str(out), pattern, tuple(str(d) for d in template_dirs), overwrite, check,
                         secrets.token_hex(4), os.getpid())
    run = _Run(itertools.chain(head, waiting), settings, workers, pdf, pdf_timeout, progress, base_data)
    try:
        run.run()
    finally:
        close = getattr(waiting, "close", None)
        if close is not None:
            close()  # an .xlsx or CSV read half way is closed now, not when collected
        _remove_temporaries(settings)
    results = run.results
    return BatchReport([results[i] for i in sorted(results)], out, time.monotonic() - started, run.stopped)


def _remove_temporaries(settings: _Settings) -> None:
    """This run's temporary files: its documents' (``.vanban-<pid>-<token>-<index>``), and those
    a write of this process left when interrupted (``.vanban-<pid>-...tmp``)."""
    from ._files import temporary_name

    out = Path(settings.out_dir)
    for pattern in (temporary_name(settings.owner, settings.token, "-*"), temporary_name(settings.owner, "*", ".tmp")):
        for leftover in out.glob(pattern):
            leftover.unlink(missing_ok=True)


_WINDOW = 4
"""Documents read but not finished, per worker: enough to keep every worker busy, few enough
that memory stays flat and few temporary files wait however many rows."""
_NOT_READ = object()


class _Run:
    """The event loop of one batch, in the calling thread: rows are read, render results and PDF
    results arrive on one queue, documents take their names; the progress callback is only ever
    called from here."""

    def __init__(self, jobs, settings, workers, pdf, pdf_timeout, progress, base):
        self.base = base
        self.waiting = jobs
        self.settings = settings
        self.out = Path(settings.out_dir)
        self.workers = workers
        self.pdf = pdf
        self.pdf_timeout = pdf_timeout
        self.progress = progress
        self.events: queue.Queue = queue.Queue()
        self.results: dict[int, ItemResult] = {}
        self.unfinished = 0
        self.reading = True
        self.ahead: Any = _NOT_READ
        self.stopped: Optional[str] = None
        self.rendered: dict[int, tuple[Optional[str], Optional[str]]] = {}
        self.next_to_name = 1
        self.owners: dict[str, ItemResult] = {}
        self.stage: Optional[_PdfStage] = None
        self.pool: Optional[ProcessPoolExecutor] = None

    def run(self) -> None:
        try:
            if self.workers > 1:
                from concurrent.futures import ProcessPoolExecutor

                self.pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_init_pool_worker,
                                                initargs=(self.base,))
                self._fill()  # starts the worker processes before any thread of ours exists
            if self.pdf:
                self.stage = _PdfStage(self.workers, self.settings, self.pdf_timeout, self.events)
            if self.pool is None:
                _init_worker(self.base)
                self._make_here()
            while self.unfinished:
                self._handle(self.events.get())
                if self.pool is None:
                    self._make_here()
        except BaseException:
            if self.stage is not None:
                self.stage.abort()  # Ctrl-C: LibreOffice is stopped, not waited for
            raise
        finally:
            _init_worker({})
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)
            if self.stage is not None:
                self.stage.close()

    def _make_here(self) -> None:
        """Without a pool: render in this thread, up to a window ahead of the PDFs."""
        while self.unfinished < _WINDOW and (job := self._read()) is not None:
            self._rendered(*make_document(job, self.settings))
            self._drain()

    def _read(self) -> Optional[Job]:
        """The next document of the input, or None at its end or when it cannot be read further.
        One document is read ahead, so that the last one is known to be the last."""
        if self.ahead is _NOT_READ:
            self.ahead = self._pull()
        job, self.ahead = self.ahead, None
        if job is None:
            return None
        self.ahead = self._pull()
        self.reading = self.ahead is not None
        self.results[job.index] = ItemResult(job.index, job.label)
        self.unfinished += 1
        return job

    def _pull(self) -> Optional[Job]:
        try:
            return next(self.waiting, None)
        except VanbanError as error:  # a broken row or a limit, found as the rows are read
            self.stopped = str(error)
            return None

    def _fill(self) -> None:
        """Keep a bounded window of documents in the work: memory stays flat however many rows."""
        while self.unfinished < self.workers * _WINDOW:
            job = self._read()
            if job is None:
                return
            future: Future = self.pool.submit(make_document, job, self.settings)
            future.add_done_callback(lambda f, i=job.index: self.events.put(("rendered", i, f)))

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
            try:
                self._rendered(*future.result())
            except Exception as error:  # the worker process itself died
                self._rendered(index, None, f"Tiến trình tạo văn bản dừng đột ngột ({error}).")
        elif kind == "pdf":
            _, index, name, error = event
            if error is None:
                error = self._take_name(index, _temporary(self.settings, index, ".pdf"),
                                        self.out / (name[:-5] + ".pdf"), pdf=True)
            if error is not None:
                error = f"đã tạo {name}, nhưng {error[0].lower()}{error[1:]}"
            self._finished(index, error)
        if self.pool is not None:
            self._fill()

    def _rendered(self, index: int, name: Optional[str], error: Optional[str]) -> None:
        """A document is rendered (or failed): it and those after it take their names in input
        order, so that of two rows wanting one name the first always has it."""
        self.rendered[index] = (name, error)
        while self.next_to_name in self.rendered:
            index = self.next_to_name
            self.next_to_name += 1
            self._name(index, *self.rendered.pop(index))

    def _name(self, index: int, name: Optional[str], error: Optional[str]) -> None:
        if name is not None and name.casefold() in self.owners:
            error = self._claim(index, name)  # an earlier row of this run has the name
        elif error is None:
            error = self._claim(index, name)
        if error is None and self.stage is not None:
            self.stage.submit(index, name)
        else:
            self._finished(index, error)

    def _claim(self, index: int, name: str) -> Optional[str]:
        """Give the document its name (and its PDF's): why it cannot have it, or None."""
        temporary = _temporary(self.settings, index, ".docx")
        key = name.casefold()
        if key in self.owners:
            temporary.unlink(missing_ok=True)
            return (f"trùng tên tệp {name} với {self.owners[key].label}; hãy sửa số văn bản, "
                    f"đặt cột {NAME_KEY}, hoặc dùng --name với {{index}}")
        self.owners[key] = self.results[index]
        if self.pdf and not self.settings.overwrite and (self.out / (name[:-5] + ".pdf")).exists():
            temporary.unlink(missing_ok=True)
            return str(OutputExistsError(self.out / (name[:-5] + ".pdf")))
        return self._take_name(index, temporary, self.out / name, pdf=False)

    def _take_name(self, index: int, temporary: Path, target: Path, *, pdf: bool) -> Optional[str]:
        from .errors import OutputError

        try:
            _move(temporary, target, self.settings.overwrite)
        except VanbanError as error:
            temporary.unlink(missing_ok=True)
            return str(error)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            return str(OutputError(target, error.strerror or str(error)))
        if pdf:
            self.results[index].pdf = target
        else:
            self.results[index].output = target
        return None

    def _finished(self, index: int, error: Optional[str]) -> None:
        """One document is as finished as it gets. A .docx whose PDF failed is still kept."""
        self.unfinished -= 1
        result = self.results[index]
        result.error = error
        if self.progress is not None:
            total = None if self.reading else len(self.results)
            self.progress(result, len(self.results) - self.unfinished, total)


class _PdfStage:
    """One warm LibreOffice per thread, converting the named documents as they come."""

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
                source = Path(self.settings.out_dir) / name
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

    def abort(self) -> None:
        """Stop at once: no task waiting is started, and LibreOffice is killed mid-conversion."""
        while True:
            try:
                self.tasks.get_nowait()
            except queue.Empty:
                break
        for converter in self.converters:
            converter.abort()

    def close(self) -> None:
        for _ in self.threads:
            self.tasks.put(None)
        for thread in self.threads:
            thread.join()
        for converter in self.converters:
            converter.close()


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
