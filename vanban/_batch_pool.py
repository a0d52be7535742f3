"""Where ``vanban batch`` makes its documents on this machine: a pool of processes, each with
its own warm renderer, or (one job) the batch's own thread.

An engine takes documents a few at a time (``submit``, at most its ``chunk``) and puts a
``("rendered", index, outcome)`` event on the batch's queue for each when it is made,
``outcome()`` giving (index, file name, error). The batch feeds it from the rows as they are
read, never more than :func:`window` documents in the work, so that memory stays flat however
many rows. The cluster engine (:mod:`vanban._batch_cluster`) has the same shape.
"""

from __future__ import annotations

import gc
import queue
import signal
import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator

from ._batch_input import Job
from ._batch_worker import Settings, init_pool_worker, init_worker, make_document, make_documents

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

WINDOW = 4
"""Documents read but not finished, per slot: enough to keep every worker busy, few enough
that memory stays flat and few temporary files wait however many rows."""
CHUNK = 4
"""Documents handed to a pool worker at once. Each hand-over wakes the pool's threads in the
batch's process (a result read, a future finished, a selector built to wait again) for about
as long as the batch's own work on a document; in fours, a quarter of that."""


def window(engine) -> int:
    """Documents in the work at most: :data:`WINDOW` per slot, and two chunks per slot, so that
    a worker has its next chunk while the last one's documents take their names."""
    return engine.slots * max(WINDOW, 2 * engine.chunk)


class InThread:
    """One job: each document is made in the batch's own thread as it is submitted."""

    synchronous = True
    chunk = 1

    def __init__(self, base: dict, events: queue.Queue):
        self.slots = 1
        self.events = events
        init_worker(base)

    def submit(self, jobs: list[Job], settings: Settings) -> None:
        for job in jobs:
            outcome = make_document(job, settings)
            self.events.put(("rendered", job.index, lambda outcome=outcome: outcome))

    def close(self) -> None:
        init_worker({})


class ProcessPool:
    """``workers`` processes, each given the base once when it starts."""

    synchronous = False
    chunk = CHUNK

    def __init__(self, workers: int, base: dict, events: queue.Queue):
        from concurrent.futures import ProcessPoolExecutor

        self.slots = workers
        self.events = events
        # The workers are forked: the batch's objects (modules, schemas, the base) are shared
        # with them until written. A collection in a worker writes in every object it walks,
        # and a process that loaded its libraries with the collector off (cli.run) leaves them
        # all young, walked by every collection: the workers' copies of their pages made the
        # processes' PSS grow with the run (x1.19 from 1,000 to 100,000 rows, bench/README).
        # Frozen, the collector leaves them be (x0.96). A host program that froze its own heap
        # keeps its freeze as it is.
        self._froze = gc.get_freeze_count() == 0
        if self._froze:
            gc.freeze()
        self.executor: ProcessPoolExecutor = ProcessPoolExecutor(
            max_workers=workers, initializer=init_pool_worker, initargs=(base,))

    def submit(self, jobs: list[Job], settings: Settings) -> None:
        indexes = [job.index for job in jobs]
        with stop_deferred():
            future = self.executor.submit(make_documents, jobs, settings)
            future.add_done_callback(lambda done: self._made(done, indexes))

    def _made(self, done, indexes: list[int]) -> None:
        # one event a document, each outcome raising if the worker died before sending them
        for position, index in enumerate(indexes):
            self.events.put(("rendered", index, lambda position=position: done.result()[position]))

    def close(self) -> None:
        try:
            self.executor.shutdown(wait=True, cancel_futures=True)
        finally:
            if self._froze:
                gc.unfreeze()  # the host program's objects are collected again


_STOP_SIGNALS = tuple(int(getattr(signal, name)) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
try:  # signal's own C functions: the module's wrappers turn every handler into an enum and back,
    # ten times the cost (about 50 µs a block, and the batch enters one or two for every document)
    import _signal as _handlers
except ImportError:  # pragma: no cover - an interpreter without CPython's module
    _handlers = signal


@contextmanager
def stop_deferred() -> Iterator[None]:
    """A stop (Ctrl-C, or SIGTERM/SIGHUP while the batch runs) that arrives inside this block
    is raised as KeyboardInterrupt when the block ends, not in the middle of it.

    ``ProcessPoolExecutor.submit`` records a work item and then queues it: interrupted between
    the two, the item is never queued nor cancelled, and ``shutdown(wait=True)`` then waits
    for it for ever (a batch stopped at that moment hung, saying nothing). A document given its
    name is counted as made before the stop is raised (:class:`vanban._batch._Run`). Only signals whose
    handler raises KeyboardInterrupt are deferred; handlers can be changed in the main thread only."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    deferred = [number for number in _STOP_SIGNALS if _handlers.getsignal(number) is signal.default_int_handler]
    for number in deferred:
        _handlers.signal(number, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        for number in deferred:
            _handlers.signal(number, signal.default_int_handler)
    if caught:
        raise KeyboardInterrupt


def local_engine(workers: int, base: dict, events: queue.Queue):
    return ProcessPool(workers, base, events) if workers > 1 else InThread(base, events)
