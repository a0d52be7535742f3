"""What became of every document of a ``vanban batch`` run, kept on disk, not in memory.

A national run makes hundreds of thousands of documents: the batch keeps in memory only those
in the work (a bounded window), and writes each finished one to a scratch database
(:mod:`vanban._scratch`), with the name it took (two rows that want one name are found there).
The :class:`BatchReport` reads the results back from it as they are asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional, Sequence, overload


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


class Record(Sequence[ItemResult]):
    """The finished documents of one run, in input order, and the names they took.

    Memory stays flat however many rows: SQLite keeps a bounded page cache, the rest is in the
    file. Used from the batch's own thread while it runs; read from any thread afterwards."""

    def __init__(self) -> None:
        from ._scratch import Scratch

        self._scratch = Scratch("vanban-batch-", (
            "CREATE TABLE result (idx INTEGER PRIMARY KEY, label TEXT, output TEXT, pdf TEXT, error TEXT)",
            "CREATE TABLE name (key TEXT PRIMARY KEY, label TEXT)",
        ))
        self._db = self._scratch.db
        self._db.execute("BEGIN")
        self._count = 0

    def add(self, result: ItemResult) -> None:
        self._db.execute("INSERT INTO result VALUES (?, ?, ?, ?, ?)",
                         (result.index, result.label, _text(result.output), _text(result.pdf), result.error))
        self._count += 1

    def owner(self, name: str) -> Optional[str]:
        """The label of the document of this run that took ``name`` (in any case), or None."""
        found = self._db.execute("SELECT label FROM name WHERE key = ?", (name.casefold(),)).fetchone()
        return None if found is None else found[0]

    def take(self, name: str, label: str) -> None:
        """The document ``label`` took ``name``: no later document of the run may have it."""
        self._db.execute("INSERT INTO name VALUES (?, ?)", (name.casefold(), label))

    def finish(self) -> None:
        """Every result is in: the record is only read from now on."""
        if self._db.in_transaction:
            self._db.execute("COMMIT")

    def where(self, failed: bool) -> list[ItemResult]:
        condition = "error IS NOT NULL" if failed else "error IS NULL"
        rows = self._db.execute(f"SELECT * FROM result WHERE {condition} ORDER BY idx")
        return [_result(row) for row in rows]

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, position: int) -> ItemResult: ...
    @overload
    def __getitem__(self, position: slice) -> list[ItemResult]: ...

    def __getitem__(self, position):
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(position)
        row = self._db.execute("SELECT * FROM result ORDER BY idx LIMIT 1 OFFSET ?", (position,)).fetchone()
        return _result(row)

    def __iter__(self) -> Iterator[ItemResult]:
        last = 0
        while True:  # in pages: a large run is never all in memory at once
            rows = self._db.execute("SELECT * FROM result WHERE idx > ? ORDER BY idx LIMIT 1000", (last,)).fetchall()
            if not rows:
                return
            for row in rows:
                yield _result(row)
            last = rows[-1][0]


def _text(path: Optional[Path]) -> Optional[str]:
    return None if path is None else str(path)


def _result(row) -> ItemResult:
    index, label, output, pdf, error = row
    return ItemResult(index, label, Path(output) if output else None, Path(pdf) if pdf else None, error)


SHOWN_LABELS = 10
"""Documents named for a reason many share (a broken template fails every row alike)."""


def _same_reason(failed) -> list[tuple[list[str], int, str]]:
    """The failures grouped by their reason, in the order each reason first came: the first
    labels of each (at most SHOWN_LABELS), how many share it, the reason."""
    groups: dict[str, tuple[list[str], list[int]]] = {}
    for result in failed:
        labels, count = groups.setdefault(result.error, ([], [0]))
        count[0] += 1
        if len(labels) < SHOWN_LABELS:
            labels.append(result.label)
    return [(labels, count[0], error) for error, (labels, count) in groups.items()]


class BatchReport:
    """Every document of a batch, in input order (``results``, read from the run's record)."""

    def __init__(self, results: Sequence[ItemResult], out_dir: Path, seconds: float = 0.0,
                 stopped: Optional[str] = None):
        self.results = results
        self.out_dir = out_dir
        self.seconds = seconds
        self.stopped = stopped
        """Why the input was not read to its end (a broken row, a limit); None if it was."""

    @property
    def done(self) -> list[ItemResult]:
        if isinstance(self.results, Record):
            return self.results.where(failed=False)
        return [r for r in self.results if r.ok]

    @property
    def failed(self) -> list[ItemResult]:
        if isinstance(self.results, Record):
            return self.results.where(failed=True)
        return [r for r in self.results if not r.ok]

    def summary(self) -> str:
        """The end-of-run summary, in Vietnamese."""
        total = len(self.results)
        failed = self.failed
        seconds = f"{self.seconds:.1f}".replace(".", ",")
        lines = [f"Đã tạo {total - len(failed)}/{total} văn bản trong {self.out_dir} ({seconds} giây)."]
        if failed:
            lines.append(f"Không tạo được {len(failed)} văn bản:")
            for labels, count, error in _same_reason(failed):
                reason = error.replace("\n", "\n      ")
                if count == 1:
                    lines.append(f"  - {labels[0]}: {reason}")
                    continue
                more = f" và {count - len(labels)} văn bản khác" if count > len(labels) else ""
                lines.append(f"  - {count} văn bản cùng một lỗi ({'; '.join(labels)}{more}): {reason}")
        if self.stopped:
            lines.append(f"Dừng đọc dữ liệu: {self.stopped}")
        return "\n".join(lines)
