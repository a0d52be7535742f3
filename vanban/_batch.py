"""``vanban batch``: many documents in one run, across every core or a cluster.

Rows are streamed, never all in memory: a bounded window of documents is read ahead of the
work (the first window before the output folder is made, so a file that cannot be read there
writes nothing), and a problem found later stops the reading, keeping what was made
(:attr:`BatchReport.stopped`). Each document is made by an engine: the local pool
(:mod:`vanban._batch_pool`, a process per job with its own warm renderer) or a Dask cluster
(:mod:`vanban._batch_cluster`), and waits under a temporary name in the output folder; PDFs
(``pdf=True``) come from a pool of LibreOffice processes (:mod:`vanban._batch_pdf`). Documents
take their names in input order, so two rows that would write the same file are reported,
never silently overwritten. One row's failure never stops the others; every failure is in the
report with its reason, and the report is kept on disk (:mod:`vanban._batch_report`).

The other parts: reading and merging the input, :mod:`vanban._batch_input`; naming the files,
:mod:`vanban._batch_names`; one document's work, :mod:`vanban._batch_worker`.
"""

from __future__ import annotations

import itertools
import os
import queue
import secrets
import time
from pathlib import Path
from typing import Any, Callable, Optional, Sequence, Union

from ._batch_input import NAME_KEY, Job, Limits, read_base, read_jobs
from ._batch_names import DEFAULT_NAME, NAME_FIELDS, check_name_pattern
from ._batch_pool import WINDOW, local_engine, stop_deferred, window
from ._batch_report import BatchReport, ItemResult, Record
from ._batch_worker import Settings, temporary
from .errors import MissingToolError, OutputExistsError, OutputFolderError, VanbanError

PathLike = Union[str, Path]

__all__ = ["DEFAULT_NAME", "NAME_FIELDS", "BatchReport", "ItemResult", "check_name_pattern", "run_batch"]


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
    cluster: Optional[str] = None,
) -> BatchReport:
    """Make one document for each file of a folder, or each row of a data file.

    ``jobs`` processes render (default: every core); with ``pdf`` as many LibreOffice processes
    make the PDFs, each document given ``pdf_timeout`` seconds. With ``cluster`` (a Dask
    scheduler's address, ``tcp://host:8786``) the documents are made by that cluster's workers
    instead, and written here. Rows are read as the work goes, never all at once.
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
        from ._batch_pdf import check_before
        from ._pdf import find_soffice

        if find_soffice() is None:
            raise MissingToolError("libreoffice", "tạo được PDF")
        check_before()
    base_data = read_base(base)
    waiting = read_jobs(source, base, limits or Limits.from_environment())
    connect = None
    if cluster is not None:
        from ._batch_cluster import connect as connect_cluster

        try:
            connect = connect_cluster(cluster)  # before any work: an address that does not answer writes nothing
        except BaseException:
            getattr(waiting, "close", lambda: None)()
            raise
    try:
        workers = connect.slots if connect is not None else max(1, jobs or os.cpu_count() or 1)
        head = list(itertools.islice(waiting, workers * WINDOW))  # a file of 3 rows needs no 8 processes
        workers = min(workers, len(head))
        out.mkdir(parents=True, exist_ok=True)
        remove_stray_temporaries(out, before=time.time())
        settings = Settings(str(out), pattern, tuple(str(d) for d in template_dirs), overwrite, check,
                            secrets.token_hex(4), os.getpid())
        run = _Run(itertools.chain(head, waiting), settings, workers, pdf, pdf_timeout, progress, base_data,
                   connect, jobs)
        try:
            run.run()
        finally:
            close = getattr(waiting, "close", None)
            if close is not None:
                close()  # an .xlsx or CSV read half way is closed now, not when collected
            _remove_temporaries(settings)
    finally:
        if connect is not None:
            connect.close()
        _wait_for_the_disk()
    run.record.finish()
    return BatchReport(run.record, out, time.monotonic() - started, run.stopped)


def _wait_for_the_disk() -> None:
    """The documents are written without waiting for the disk one by one (``write_atomic``'s
    ``durable``: an fsync a file took longer than its render, and the workers waited on the
    disk's journal in turn); the batch waits once for all of them before it returns. Killing
    the batch loses nothing it named (the system keeps what was written); only a crash of the
    whole machine during the run can leave a document named and empty, to make again."""
    sync = getattr(os, "sync", None)  # POSIX; on Windows a file's data is the system's to keep
    if sync is not None:
        sync()


def _remove_temporaries(settings: Settings) -> None:
    """This run's temporary files: its documents' (``.vanban-<pid>-<token>-<index>``), those a
    write of this process left when interrupted (``.vanban-<pid>-...tmp``), and those of any
    process now gone: a pool worker ended by a signal half way through a write (SIGTERM sent to
    the whole process group, as a service manager does) left its own. The folder is read as it
    goes (a glob would list its 100,000 documents in memory first)."""
    from ._files import _remove_if_stray, temporary_name

    ours = temporary_name(settings.owner, settings.token, "-")
    mine = temporary_name(settings.owner, "", "")
    now = time.time()
    try:
        entries = os.scandir(settings.out_dir)
    except OSError:
        return
    with entries:
        for entry in entries:
            if entry.name.startswith(ours) or (entry.name.startswith(mine) and entry.name.endswith(".tmp")):
                Path(entry.path).unlink(missing_ok=True)
            elif entry.name.startswith(".vanban-"):
                _remove_if_stray(entry, before=now)


_NOT_READ = object()


class _Run:
    """The event loop of one batch, in the calling thread: rows are read and fed to the engine
    (a chunk at a time, at most :func:`~vanban._batch_pool.window` in the work), render results
    and PDF results arrive on one queue, documents take their names; the progress callback is
    only ever called from here."""

    def __init__(self, jobs, settings, workers, pdf, pdf_timeout, progress, base, cluster, pdf_jobs):
        self.base = base
        self.waiting = jobs
        self.settings = settings
        self.out = Path(settings.out_dir)
        self.workers = workers
        self.pdf = pdf
        self.pdf_workers = max(1, min(pdf_jobs or os.cpu_count() or 1, workers)) if cluster else workers
        self.pdf_timeout = pdf_timeout
        self.progress = progress
        self.cluster = cluster
        self.events: queue.Queue = queue.Queue()
        self.record = Record()
        self.active: dict[int, ItemResult] = {}
        """The documents read and not finished: never more than the window."""
        self.read = 0
        self.reading = True
        self.ahead: Any = _NOT_READ
        self.stopped: Optional[str] = None
        self.rendered: dict[int, tuple[Optional[str], Optional[str]]] = {}
        self.next_to_name = 1
        self.stage = None
        self.engine = None

    def run(self) -> None:
        try:
            if self.cluster is not None:
                self.engine = self.cluster.engine(self.base, self.events)
            else:
                self.engine = local_engine(self.workers, self.base, self.events)
            if not self.engine.synchronous:
                self._fill()  # starts the worker processes before any thread of ours exists
            if self.pdf:
                from ._batch_pdf import PdfStage

                self.stage = PdfStage(self.pdf_workers, self.settings, self.pdf_timeout, self.events)
            while True:
                self._fill()
                if not self.active:
                    return
                self._handle(self.events.get())
        except BaseException:
            if self.stage is not None:
                self.stage.abort()  # Ctrl-C: LibreOffice is stopped, not waited for
                self._without_pdf()
            raise
        finally:
            if self.engine is not None:
                self.engine.close()
            if self.stage is not None:
                self.stage.close()

    def _without_pdf(self) -> None:
        """Stopped: the documents named whose PDF will not come are finished as they are, kept,
        and said so (the progress callback is told: what was made is counted right)."""
        for index, result in sorted(self.active.items()):
            if result.output is not None:
                self._finished(index, f"đã tạo {result.output.name}, nhưng chưa tạo PDF: lệnh bị dừng trước đó")

    def _fill(self) -> None:
        """Keep a bounded window of documents in the work: memory stays flat however many rows.
        Documents go to the engine a chunk at a time, once a whole chunk fits in the window (the
        last one as the input ends). Documents made in this thread are named as each is made, as
        they would be by a pool."""
        chunk = self.engine.chunk
        while window(self.engine) - len(self.active) >= chunk:
            jobs = []
            while len(jobs) < chunk:
                job = self._read()
                if job is None:
                    break
                jobs.append(job)
            if jobs:
                self.engine.submit(jobs, self.settings)
                if self.engine.synchronous:
                    self._drain()
            if len(jobs) < chunk:
                return

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
        self.active[job.index] = ItemResult(job.index, job.label)
        self.read += 1
        return job

    def _pull(self) -> Optional[Job]:
        try:
            return next(self.waiting, None)
        except VanbanError as error:  # a broken row or a limit, found as the rows are read
            self.stopped = str(error)
            return None

    def _drain(self) -> None:
        while True:
            try:
                event = self.events.get_nowait()
            except queue.Empty:
                return
            self._handle(event)

    def _handle(self, event) -> None:
        kind = event[0]
        # A stop arriving while a document takes its name is raised once it is counted: between
        # the two, the file would be there and the count said on stopping would miss it.
        if kind == "rendered":
            _, index, outcome = event
            try:
                made = outcome()  # a cluster's fetches the document: a stop is not deferred for it
                with stop_deferred():
                    self._rendered(*made)
            except Exception as error:  # the worker process itself died
                self._rendered(index, None, f"Tiến trình tạo văn bản dừng đột ngột ({error}).")
        elif kind == "pdf":
            _, index, name, error = event
            with stop_deferred():
                if error is None:
                    error = self._take_name(index, temporary(self.settings, index, ".pdf"),
                                            self.out / (name[:-5] + ".pdf"), pdf=True)
                if error is not None:
                    error = f"đã tạo {name}, nhưng {error[0].lower()}{error[1:]}"
                self._finished(index, error)

    def _rendered(self, index: int, name: Optional[str], error: Optional[str]) -> None:
        """A document is rendered (or failed): it and those after it take their names in input
        order, so that of two rows wanting one name the first always has it."""
        self.rendered[index] = (name, error)
        while self.next_to_name in self.rendered:
            index = self.next_to_name
            self.next_to_name += 1
            self._name(index, *self.rendered.pop(index))

    def _name(self, index: int, name: Optional[str], error: Optional[str]) -> None:
        if name is not None and self.record.owner(name) is not None:
            error = self._claim(index, name)  # an earlier row of this run has the name
        elif error is None:
            error = self._claim(index, name)
        if error is None and self.stage is not None:
            self.stage.submit(index, name)
        else:
            self._finished(index, error)

    def _claim(self, index: int, name: str) -> Optional[str]:
        """Give the document its name (and its PDF's): why it cannot have it, or None."""
        temporary_docx = temporary(self.settings, index, ".docx")
        owner = self.record.owner(name)
        if owner is not None:
            temporary_docx.unlink(missing_ok=True)
            return (f"trùng tên tệp {name} với {owner}; hãy sửa số văn bản, "
                    f"đặt cột {NAME_KEY}, hoặc dùng --name với {{index}}")
        taken = [self.out / name] + ([self.out / (name[:-5] + ".pdf")] if self.pdf else [])
        for target in taken if not self.settings.overwrite else ():
            if target.exists():  # found by the worker too, where it can see the folder
                temporary_docx.unlink(missing_ok=True)
                if target.suffix == ".pdf":
                    self.record.take(name, self.active[index].label)
                return str(OutputExistsError(target))
        self.record.take(name, self.active[index].label)
        return self._take_name(index, temporary_docx, self.out / name, pdf=False)

    def _take_name(self, index: int, temporary_file: Path, target: Path, *, pdf: bool) -> Optional[str]:
        from .errors import OutputError

        try:
            _move(temporary_file, target, self.settings.overwrite)
        except VanbanError as error:
            temporary_file.unlink(missing_ok=True)
            return str(error)
        except OSError as error:
            temporary_file.unlink(missing_ok=True)
            return str(OutputError(target, error.strerror or str(error)))
        if pdf:
            self.active[index].pdf = target
        else:
            self.active[index].output = target
        return None

    def _finished(self, index: int, error: Optional[str]) -> None:
        """One document is as finished as it gets. A .docx whose PDF failed is still kept."""
        result = self.active.pop(index)
        result.error = error
        self.record.add(result)
        if self.progress is not None:
            self.progress(result, len(self.record), None if self.reading else self.read)


def _move(temporary_file: Path, target: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(temporary_file, target)
        return
    try:
        os.link(temporary_file, target)  # fails if the name was taken meanwhile
    except FileExistsError:
        raise OutputExistsError(target) from None
    except OSError:  # file systems without hard links
        if target.exists():
            raise OutputExistsError(target) from None
        os.replace(temporary_file, target)
        return
    temporary_file.unlink()
