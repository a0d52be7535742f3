"""``vanban batch``'s work on one document, wherever it runs: a process of the local pool, the
batch's own thread (one job), or a worker of a cluster (:mod:`vanban._batch_cluster`).

A worker receives the base once (:func:`init_worker`), then rows: each is merged over the
base, validated, named, rendered and checked. On this machine the document is written under a
temporary name in the output folder (:func:`make_document`); a cluster worker, which may be on
another machine, sends the bytes back instead (:func:`render_document`). Either way a row's own
problem is returned as its message, never raised: one bad row never stops the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ._batch_input import Job, _Skip, merge, written_fields
from ._batch_names import output_name
from .errors import OutputExistsError, VanbanError

_renderers: dict = {}
_base: dict = {}


@dataclass(frozen=True)
class Settings:
    """What every document of one run shares, sent to each worker with its rows."""

    out_dir: str
    pattern: str
    template_dirs: tuple
    overwrite: bool
    check: bool
    token: str
    owner: int
    """The pid of the process running the batch: in the name of every temporary file."""


def temporary(settings: Settings, index: int, suffix: str) -> Path:
    """Where a document waits (in the output folder) until it takes its name."""
    from ._files import temporary_name

    return Path(settings.out_dir) / temporary_name(settings.owner, f"{settings.token}-{index}", suffix)


def init_worker(base: dict) -> None:
    """Each worker receives the base once, not with every row."""
    global _base
    _base = base


def init_pool_worker(base: dict) -> None:
    """A process of the local pool: the base, and a process that stops with the batch.

    Ctrl-C (SIGINT, sent to the terminal's whole process group) is the batch's to handle: it
    stops the pool itself, and a worker interrupted half way would only print a traceback.
    SIGTERM keeps its plain meaning here (the batch's own handler was copied by fork). And the
    worker ends when the batch's process dies, however it dies (:func:`vanban._guard.watch_parent`)."""
    import signal

    from ._guard import watch_parent

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    watch_parent()
    init_worker(base)


def _renderer(template_dirs: tuple):
    renderer = _renderers.get(template_dirs)
    if renderer is None:
        from ._render import Renderer

        renderer = _renderers[template_dirs] = Renderer(template_dirs)
    return renderer


def make_document(job: Job, settings: Settings) -> tuple[int, Optional[str], Optional[str]]:
    """Validate, render and write one document under a temporary name.

    Returns (index, final file name, error message). A file that exists already is found
    before rendering (its name comes with the error: it may be one this very run wrote for an
    earlier row)."""
    from ._files import write_atomic

    index, name, error, data = _render(job, settings, _base, look_in=Path(settings.out_dir))
    if data is not None:
        try:
            write_atomic(temporary(settings, index, ".docx"), data, overwrite=True, durable=False)
        except VanbanError as problem:
            return index, None, str(problem)
    return index, name, error


def make_documents(jobs: list[Job], settings: Settings) -> list[tuple[int, Optional[str], Optional[str]]]:
    """:func:`make_document` of each job of a chunk, handed to a pool worker at once."""
    return [make_document(job, settings) for job in jobs]


def render_document(job: Job, settings: Settings, base: dict) -> tuple[int, Optional[str], Optional[str], Optional[bytes]]:
    """Validate and render one document, for a worker that cannot see the output folder:
    (index, final file name, error message, the .docx bytes). Whether the name is free is
    for the batch to find, when the document takes it."""
    return _render(job, settings, base, look_in=None)


def _render(job: Job, settings: Settings, base: dict, look_in: Optional[Path]):
    try:
        if job.error is not None:
            raise _Skip(job.error)
        document, own_name = _document(job, base)
        name = output_name(settings.pattern, document, job, own_name)
        if look_in is not None and not settings.overwrite and _exists(look_in / name):
            return job.index, name, str(OutputExistsError(look_in / name)), None
        renderer = _renderer(settings.template_dirs)
        if settings.check:  # as vanban render: never a document that breaks a MUST rule
            data, _ = renderer.render_checked(document)
        else:
            data = renderer.render_bytes(document)
        return job.index, name, None, data
    except (_Skip, VanbanError) as error:
        return job.index, None, str(error), None
    except Exception as error:  # a bug must not stop the batch; it is reported with the row
        return job.index, None, f"Lỗi không mong đợi ({type(error).__name__}: {error})", None


def _document(job: Job, base: dict):
    """The document of a job, and the row's own file name (``ten_tep``) if it has one. A file
    is read from its path, or from the bytes sent with it (``job.raw``, to a cluster worker):
    either way its messages name it by its path, with line and column."""
    from ._loading import parse, read_data

    if job.path is not None and not job.over_base:
        data, node = read_data(Path(job.path), raw=job.raw)
        return parse(data, source=Path(job.path), node=node), None
    row = job.row
    if job.path is not None:
        row, _ = read_data(Path(job.path), raw=job.raw)
        if not isinstance(row, dict):
            raise _Skip("Tệp phải chứa các trường của văn bản dạng 'tên_trường: giá trị'.")
    from ._batch_validation import validator_for

    data, own_name = merge(base, row)
    return validator_for(base).document(data, written_fields(row)), own_name


def _exists(path: Path) -> bool:
    """Whether ``path`` exists; an error of the file system (a path too long, a drive gone)
    said in Vietnamese as the reason the document cannot be written."""
    from ._files import _reason
    from .errors import OutputError

    try:
        return path.exists()
    except OSError as error:
        raise OutputError(path, _reason(error)) from None
