"""Scratch databases: what would grow with the input, kept on disk instead of in memory.

A SQLite file in the temporary folder, with a bounded page cache, no journal, and no waiting for
the disk: it holds nothing that must survive the process. On POSIX systems the file is unlinked
as soon as it is open, so that nothing is left behind even when the process is killed; elsewhere
it is removed when the connection is closed or collected.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import weakref

CACHE_KIB = 1024
"""SQLite's page cache per database: the memory it takes, however large the file grows."""


class Scratch:
    """One scratch database; ``db`` is its connection (any thread may use it, one at a time)."""

    def __init__(self, prefix: str, schema: tuple[str, ...]):
        handle, path = tempfile.mkstemp(prefix=prefix, suffix=".sqlite")
        os.close(handle)
        self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._finalizer = weakref.finalize(self, _close, self.db, path)
        try:
            self.db.execute("PRAGMA journal_mode=OFF")
            self.db.execute("PRAGMA synchronous=OFF")
            self.db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            for statement in schema:
                self.db.execute(statement)
        except BaseException:
            self.close()
            raise
        try:
            os.unlink(path)
        except OSError:
            pass  # Windows: an open file cannot be removed; it is at close

    def close(self) -> None:
        self._finalizer()


def _close(db: sqlite3.Connection, path: str) -> None:
    db.close()
    try:
        os.unlink(path)
    except OSError:
        pass
