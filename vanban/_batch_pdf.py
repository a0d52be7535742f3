"""``vanban batch --pdf``: a pool of isolated LibreOffice processes converting the named
documents as they come.

One warm :class:`~vanban.PdfConverter` per job slot (``--jobs``), each a LibreOffice process
with its own user profile folder and its own thread here: conversions run side by side, and a
document that hangs (longer than the time limit) gets only its own LibreOffice killed and
started again. Before any conversion the font LibreOffice will use for Times New Roman is
checked, and each PDF's embedded fonts after it (:mod:`vanban._fonts`): a PDF in other fonts is
reported for its row, not kept.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path

from ._batch_worker import Settings, temporary
from .errors import VanbanError


def check_before() -> None:
    """Refuse the run, before any work, when this machine would draw Times New Roman in a font
    of other widths."""
    from ._fonts import require_times

    require_times()


class PdfStage:
    """The converters and their threads. ``submit`` a named document; a ``("pdf", index, name,
    error)`` event arrives on ``events`` when its PDF waits under its temporary name, or failed."""

    def __init__(self, count: int, settings: Settings, timeout: float, events: queue.Queue):
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
                self.events.put(("pdf", index, name, broken or self._convert(converter, index, name)))
        finally:
            converter.close()

    def _convert(self, converter, index: int, name: str):
        """The PDF of one document under its temporary name: None, or why it could not be made."""
        from ._fonts import embedded_font_problem

        source = Path(self.settings.out_dir) / name
        target = temporary(self.settings, index, ".pdf")
        try:
            converter.convert(source, target, overwrite=True)
            problem = embedded_font_problem(target.read_bytes())
        except VanbanError as error:
            return str(error).replace(str(source), name)
        except Exception as error:  # reported with the row, never a silent stop
            return f"Lỗi không mong đợi khi tạo PDF ({type(error).__name__}: {error})"
        if problem:
            target.unlink(missing_ok=True)
            return f"{problem}."
        return None

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
