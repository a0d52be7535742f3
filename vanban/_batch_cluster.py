"""``vanban batch --cluster ADDRESS``: the documents made by the workers of a Dask cluster.

For a national run (a Giấy mời or a certificate for every delegate, hundreds of thousands of
rows) one machine's cores are not enough: the rows go to the workers of an existing Dask
distributed cluster (``pip install 'vanban[cluster]'``; a scheduler and its workers started with
``dask scheduler`` and ``dask worker``). Everything else stays here, as in a local batch: the
rows are read and streamed (at most :data:`~vanban._batch_pool.WINDOW` per worker in the work),
documents take their names in input order, PDFs are made by this machine's LibreOffice pool.
A worker, which may be on another machine, receives the base once and each row (or a file's
bytes, with its path for messages), and sends back the .docx bytes, written here under a
temporary name: the files are byte for byte those of a local batch, and a row's failure is
reported the same way.

Why Dask distributed and not Ray: it installs from PyPI alone (pure Python over tornado and
msgpack, no binary runtime of its own), its workers are plain processes started with one
command, and its futures are those of :mod:`concurrent.futures`, the local pool's.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import replace
from pathlib import Path

from ._batch_input import Job
from ._batch_worker import Settings, render_document, temporary
from .errors import ClusterError, MissingToolError, VanbanError

CONNECT_SECONDS = 20
INSTALL = "pip install 'vanban[cluster]' (cài Dask distributed) trên máy này và trên mọi máy làm"

_one_at_a_time = threading.Lock()


def _render_on_worker(job: Job, settings: Settings, base: dict):
    """A cluster worker's task. A Dask worker may run several tasks at once in threads; vanban's
    renderer is made for one document at a time per process, so they take turns (the work is
    Python, which runs one thread at a time anyway: a worker process per core is the way to use
    the cores)."""
    with _one_at_a_time:
        return render_document(job, settings, base)


def _vanban_version() -> str:
    from . import __version__

    return __version__


def connect(address: str) -> "Cluster":
    """The cluster at ``address`` (``tcp://host:8786``), checked before any work: it answers, has
    workers, and they run this version of vanban."""
    try:
        from distributed import Client
    except ImportError:
        raise MissingToolError("Dask distributed", "chạy được trên cụm máy (--cluster)", INSTALL) from None
    try:
        client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterError(
            f"Không kết nối được tới bộ điều phối Dask tại {address} sau {CONNECT_SECONDS} giây ({error}). "
            "Hãy kiểm tra địa chỉ (dạng tcp://may-chu:8786) và chắc chắn 'dask scheduler' đang chạy ở đó."
        ) from None
    try:
        workers = client.scheduler_info().get("workers", {})
        if not workers:
            raise ClusterError(f"Bộ điều phối Dask tại {address} chưa có máy làm nào: hãy chạy "
                               f"'dask worker {address}' trên các máy làm rồi chạy lại.")
        from . import __version__

        versions = client.run(_vanban_version)
        others = sorted({version for version in versions.values() if version != __version__})
        if others:
            raise ClusterError(f"Các máy làm của cụm {address} chạy vanban {', '.join(others)}, máy này chạy "
                               f"vanban {__version__}: văn bản sẽ khác nhau. Hãy cài cùng một phiên bản trên mọi máy.")
    except BaseException:
        client.close()
        raise
    return Cluster(client, len(workers))


class Cluster:
    """A connected cluster: its client, and how many documents it makes at once (its workers)."""

    def __init__(self, client, slots: int):
        self.client = client
        self.slots = slots

    def engine(self, base: dict, events: queue.Queue) -> "ClusterEngine":
        return ClusterEngine(self, base, events)

    def close(self) -> None:
        self.client.close()


class ClusterEngine:
    """Submits each document to the cluster; its outcome writes the returned bytes here."""

    synchronous = False
    chunk = 1  # Dask sends its tasks on its own

    def __init__(self, cluster: Cluster, base: dict, events: queue.Queue):
        self.client = cluster.client
        self.slots = cluster.slots
        self.events = events
        # once per worker, not per row; in a list, as Dask scatters a dict's values one by one
        self.base = self.client.scatter([base], broadcast=True, hash=False)[0]
        self.futures: dict = {}

    def submit(self, jobs: list[Job], settings: Settings) -> None:
        for job in jobs:
            self._submit(job, settings)

    def _submit(self, job: Job, settings: Settings) -> None:
        if job.path is not None and job.raw is None:
            try:
                job = replace(job, raw=Path(job.path).read_bytes())  # a worker may not see this machine's files
            except OSError:
                pass  # the worker reads the path itself, and says why it cannot, as a local batch would
        future = self.client.submit(_render_on_worker, job, settings, self.base, pure=False,
                                    key=f"vanban-{settings.token}-{job.index}")
        self.futures[job.index] = future
        future.add_done_callback(
            lambda done, index=job.index: self.events.put(("rendered", index, lambda: self._outcome(index, settings))))

    def _outcome(self, index: int, settings: Settings):
        from ._files import write_atomic

        future = self.futures.pop(index)
        try:
            index, name, error, data = future.result()
        finally:
            future.release()
        if data is not None:
            try:
                write_atomic(temporary(settings, index, ".docx"), data, overwrite=True, durable=False)
            except VanbanError as problem:  # the disk here is full...: this row's failure
                return index, None, str(problem)
        return index, name, error

    def close(self) -> None:
        """Documents still in the work are cancelled on the cluster (the batch was stopped)."""
        if self.futures:
            self.client.cancel(list(self.futures.values()))
            self.futures.clear()
        self.client.cancel([self.base])
