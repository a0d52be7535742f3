"""Prepared templates kept on disk, so that a new process need not prepare them again.

Preparing a template (``_render._WarmTemplate``: docxtpl's patching of its XML, Jinja's
parse and compile of the body, the unchanging zip entries compressed) costs a one-shot
``vanban render`` more than rendering the document does, and needs docxtpl and python-docx,
whose imports cost as much again. What it makes depends only on the template's bytes and
the versions of the programs that made it, so it is kept in a file named by a hash of
those (:func:`key`), in the user's cache folder (``VANBAN_CACHE_DIR``, else the system's
usual place: ``$XDG_CACHE_HOME/vanban``, ``~/.cache/vanban``, ``%LOCALAPPDATA%\\vanban``).
``VANBAN_CACHE_DIR`` set empty turns the cache off.

The file holds Python code (Jinja's compiled templates), so it is read only from a folder
and a file that belong to the user and that no one else may write (as Jinja's own
bytecode cache requires of its folder), and only when its checksum and key match. Any
doubt (a folder that cannot be made or is not the user's, a file changed or cut short,
an error reading or writing) means the template is prepared as if there were no cache:
the cache only ever saves time, it never changes a document or fails a command.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Optional

CACHE_VARIABLE = "VANBAN_CACHE_DIR"
SUBFOLDER = "prepared-templates"
"""The folder of the cache folder that vanban writes in: a name no other folder there has
(an office may keep its templates beside its cache), and only its own files are removed."""
FORMAT = b"vanban-prepared-template-1\n"
"""The first bytes of every cache file; a new layout of the file gets a new one."""
MAX_FILE_BYTES = 64 * 1024 * 1024
"""A cache file larger than this is not read (a template is bounded well below it)."""
MAX_FILES = 64
"""Files kept in the folder: the oldest are removed when a new one is written (each
vanban or template version makes its own)."""
_DIGEST = 32


def folder() -> Optional[Path]:
    """The cache folder, or None when the cache is turned off or there is no home to put
    it in (a service account without one)."""
    try:
        return _folder()
    except (RuntimeError, KeyError, OSError):  # Path.home() without HOME or a password entry
        return None


def _folder() -> Optional[Path]:
    configured = os.environ.get(CACHE_VARIABLE)
    if configured is not None:
        return Path(configured).expanduser() / SUBFOLDER if configured.strip() else None
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "vanban" / SUBFOLDER if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "vanban" / SUBFOLDER
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "vanban" / SUBFOLDER


def key(*parts: Any) -> str:
    """The name of the cache file for ``parts`` (bytes, or anything with a stable repr)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else repr(part).encode("utf-8")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def _private(path: Path, kind: int) -> bool:
    """Whether ``path`` (not followed if a link) is of ``kind`` (stat.S_IFDIR or S_IFREG),
    belongs to this user and cannot be written by anyone else."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if stat.S_IFMT(info.st_mode) != kind:
        return False
    if os.name == "nt":  # no owner in st_mode; the folder is under the user's own profile
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def load(name: str) -> Optional[Any]:
    """What :func:`store` kept under ``name``, or None (no cache, no file, any doubt)."""
    where = folder()
    if where is None or not _private(where, stat.S_IFDIR):
        return None
    path = where / name
    try:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        descriptor = os.open(path, flags)
    except OSError:
        return None
    try:
        with os.fdopen(descriptor, "rb") as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES or (
                    os.name != "nt" and (info.st_uid != os.getuid()
                                         or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH))):
                return None
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None
    head = len(FORMAT) + len(name) + _DIGEST
    if len(data) < head or not data.startswith(FORMAT) or data[len(FORMAT):len(FORMAT) + len(name)] != name.encode():
        return None
    payload = data[head:]
    if hashlib.sha256(payload).digest() != data[head - _DIGEST:head]:
        return None
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None


def store(name: str, value: Any) -> None:
    """Keep ``value`` (what :mod:`marshal` writes: code, bytes, text, numbers, tuples,
    lists, dicts) under ``name``, written whole or not at all; silently nothing when the
    folder cannot be made or used."""
    where = folder()
    if where is None:
        return
    try:
        payload = marshal.dumps(value)
        if len(payload) + 1024 > MAX_FILE_BYTES:
            return
        if not where.is_dir():
            where.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(where, stat.S_IFDIR):
            return
        _make_room(where)
        descriptor, temporary = tempfile.mkstemp(dir=where, prefix=_TEMPORARY)  # mode 0600
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(FORMAT + name.encode() + hashlib.sha256(payload).digest() + payload)
            os.replace(temporary, where / name)
        except BaseException:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise
    except (OSError, ValueError):  # a read-only home, a full disk, a value marshal cannot write
        return


_KEY_NAME = re.compile(r"[0-9a-f]{64}")
_TEMPORARY = ".writing-"
_STRAY_AFTER = 3600
"""Seconds after which a file being written is one a killed process left."""


def _make_room(where: Path) -> None:
    """Remove the oldest cache files until one more fits under :data:`MAX_FILES`, and files
    left half-written by a process that was killed; nothing else in the folder."""
    try:
        files = []
        now = time.time()
        with os.scandir(where) as entries:
            for entry in entries:
                if not entry.is_file(follow_symlinks=False):
                    continue
                changed = entry.stat(follow_symlinks=False).st_mtime
                if _KEY_NAME.fullmatch(entry.name):
                    files.append((changed, entry.path))
                elif entry.name.startswith(_TEMPORARY) and now - changed > _STRAY_AFTER:
                    os.unlink(entry.path)
        files.sort()
        for _, path in files[:max(0, len(files) - MAX_FILES + 1)]:
            os.unlink(path)
    except OSError:
        pass
