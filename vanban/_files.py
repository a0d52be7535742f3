"""Writing output files: all or nothing."""

from __future__ import annotations

import errno
import io
import os
import tempfile
import time
import zipfile
from pathlib import Path

from ._lazy_pattern import lazy_pattern
from .errors import OutputError, OutputExistsError

_REASONS = {
    errno.ENOSPC: "ổ đĩa đã đầy; hãy xóa bớt tệp hoặc lưu vào ổ khác",
    errno.EDQUOT: "đã hết dung lượng được phép; hãy xóa bớt tệp hoặc lưu vào ổ khác",
    errno.EACCES: "không có quyền ghi vào thư mục này; hãy chọn thư mục khác (-o)",
    errno.EPERM: "không có quyền ghi vào thư mục này; hãy chọn thư mục khác (-o)",
    errno.EROFS: "ổ đĩa chỉ đọc; hãy lưu vào ổ khác",
    errno.ETXTBSY: "tệp đang được một chương trình khác mở; hãy đóng tệp rồi chạy lại",
    errno.EBUSY: "tệp đang được một chương trình khác mở; hãy đóng tệp rồi chạy lại",
    errno.EISDIR: "đã có một thư mục trùng tên; hãy chọn tên khác (-o)",
    errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
    errno.ENOENT: "thư mục không còn tồn tại",
    errno.ENAMETOOLONG: "tên tệp quá dài; hãy chọn tên ngắn hơn (-o)",
    errno.EINVAL: "tên tệp có ký tự không được phép (như : * ? \" < > |); hãy chọn tên khác (-o)",
    errno.EIO: "lỗi đọc ghi ổ đĩa (ổ USB bị rút, ổ mạng mất kết nối?)",
}
_LOCKED = "tệp đang được mở trong chương trình khác (ví dụ Word) hoặc chỉ cho đọc; hãy đóng tệp rồi chạy lại"
# Windows: ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION (a file open in Word)
_WINDOWS_LOCKED = {32, 33}
# No hard links on this file system (FAT/exFAT USB drives, some network shares).
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.ENOSYS, errno.EMLINK}

# Zip entries carry a timestamp; a fixed one makes the same input give the same bytes.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

# Every temporary file vanban writes beside an output is named .vanban-<pid>-<tag><suffix>: the pid
# of the process it belongs to, so that one left by a process that was killed can be told from one
# of a run still going on (two batches may write to the same folder).
_TEMPORARY = lazy_pattern(r"\.vanban-(\d+)-[0-9a-z_]{6,16}(?:-\d+)?\.(?:docx|pdf|tmp)")
_ABANDONED_AFTER = 24 * 3600
"""Seconds after which a temporary file is stray whoever wrote it (a pid can be reused)."""


def temporary_name(owner: int, tag: str, suffix: str) -> str:
    """The name of a temporary file of process ``owner``: ``.vanban-1234-<tag><suffix>``."""
    return f".vanban-{owner}-{tag}{suffix}"


def remove_stray_temporaries(folder: Path, before: float) -> list[Path]:
    """Remove the temporary files an earlier vanban left in ``folder`` when it was killed.

    Only vanban's own (named as :func:`temporary_name` names them), last changed before
    ``before`` (a time.time()), of a process that is gone; one of a live process is left alone
    unless a day old. Returns what was removed."""
    removed = []
    try:
        entries = os.scandir(folder)  # read as it goes: a folder of 100,000 documents is never a list
    except OSError:
        return removed
    with entries:
        for entry in entries:
            if _remove_if_stray(entry, before):
                removed.append(Path(entry.path))
    return removed


def _remove_if_stray(entry: os.DirEntry, before: float) -> bool:
    found = _TEMPORARY.fullmatch(entry.name)
    if found is None or int(found.group(1)) == os.getpid():
        return False
    try:
        if not entry.is_file(follow_symlinks=False):
            return False
        changed = entry.stat(follow_symlinks=False).st_mtime
        if changed >= before:
            return False
        if _process_alive(int(found.group(1))) and time.time() - changed < _ABANDONED_AFTER:
            return False
        os.unlink(entry.path)
    except OSError:
        return False
    return True


def _process_alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill would end the process there: only age tells
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:  # another user's process
        return True
    try:  # a zombie is dead: killed, but not yet reaped (a container's init may never reap it)
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def _reason(error: OSError) -> str:
    if getattr(error, "winerror", None) in _WINDOWS_LOCKED:
        return _LOCKED
    return _REASONS.get(error.errno, f"lỗi của hệ thống tệp ({error.strerror or error})")


EXTENSION = lazy_pattern(r"\.[A-Za-z][A-Za-z0-9]{0,4}$")
"""How a file name's extension looks (.pdf, .doc, .txt, .mp4): a name ending ``.2021`` has none."""

_WRITES = {".docx": ("văn bản Word (.docx)", "vanban.render"), ".pdf": ("tệp PDF", "vanban.render_pdf")}
"""What vanban's Python functions write, by the extension the output's name must have, and which one."""


def require_extension(path: Path, extension: str, writer: str) -> None:
    """Refuse, before any work, an output name not ending in ``extension`` (``.docx``, ``.pdf``):
    Word's bytes under a .pdf name (or a PDF's under a .docx name) would open as a broken file.
    ``writer`` names the function called (``vanban.render``), since the message is for its caller."""
    found = path.suffix.lower()
    if found == extension:
        return
    known = EXTENSION.search(found) is not None  # "KH 12.2021" has no extension
    stem = path.name[:-len(found)] if known else path.name
    what, _ = _WRITES[extension]
    said = f"tên này có đuôi {path.suffix}" if known else "tên này không có đuôi " + extension
    reason = f"{writer} ghi {what}, nhưng {said}: hãy đặt tên {stem}{extension}"
    if found in _WRITES and writer in (writes for _, writes in _WRITES.values()):
        other, other_writer = _WRITES[found]
        reason += f"; muốn có {other}, dùng {other_writer}(văn_bản, '{path.name}')"
    raise OutputError(path, reason)


def check_output(path: Path, *, overwrite: bool = False) -> None:
    """Raise now what writing ``path`` would refuse: its folder missing, a folder in its place,
    the file already there (without ``overwrite``), or even looking at it failing (a path too
    long, a drive gone). A command calls it before spending seconds on what it will write."""
    folder = path.parent
    try:
        if not folder.is_dir():
            what = "là một tệp, không phải thư mục" if folder.exists() else "không tồn tại; hãy tạo thư mục trước"
            raise OutputError(path, f"thư mục {folder} {what}")
        if path.is_dir():
            raise OutputError(path, _REASONS[errno.EISDIR])
        if path.exists() and not overwrite:
            raise OutputExistsError(path)
    except OSError as error:  # a name too long, a drive gone: even looking fails
        raise OutputError(path, _reason(error)) from error


def write_atomic(path: Path, data: bytes, *, overwrite: bool = False, durable: bool = True) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    Readers never see a half-written file; on any failure the temporary file is
    removed and ``path`` is left as it was. Without ``overwrite`` an existing
    file is never replaced, even one created while we were writing.

    ``durable``: the data reaches the disk before the file takes its name, so that a
    crash of the whole machine never leaves an empty file under it. ``vanban batch``
    writes its documents without waiting for the disk (several milliseconds a file,
    more than a document's render) and waits once, at its end, for all of them.
    """
    folder = path.parent
    check_output(path, overwrite=overwrite)
    try:
        # a short name of its own: the output's name may already be near the length limit
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=temporary_name(os.getpid(), "", ""), suffix=".tmp")
    except OSError as error:
        raise OutputError(path, _reason(error)) from error
    try:
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                if durable:
                    os.fsync(stream.fileno())
            os.chmod(temporary, 0o644)  # mkstemp makes it private to the owner
        except OSError as error:
            raise OutputError(path, _reason(error)) from error
        try:
            _move_into_place(temporary, path, overwrite)
        except FileExistsError:
            raise OutputExistsError(path) from None
        except OSError as error:
            # the temporary file was written in the folder, so the folder is writable:
            # what refuses is the output file itself
            locked = error.errno in (errno.EACCES, errno.EPERM, errno.EBUSY, errno.ETXTBSY)
            raise OutputError(path, _LOCKED if locked else _reason(error)) from error
    except BaseException:  # Ctrl-C or SIGTERM half way too: no temporary file is left behind
        _remove(temporary)
        raise
    return path


def _move_into_place(temporary: str, path: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(temporary, path)
        return
    try:
        os.link(temporary, path)  # fails if path appeared meanwhile
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in _NO_LINKS:
            raise
        # No hard links here: rename, after a last look (Windows' rename never replaces).
        if path.exists():
            raise FileExistsError(errno.EEXIST, "exists", str(path)) from None
        os.rename(temporary, path)
        return
    _remove(temporary)


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def reproducible_zip(data: bytes) -> bytes:
    """The same .docx with fixed entry timestamps and permissions."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()
