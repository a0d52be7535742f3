"""Writing output files: all or nothing."""

from __future__ import annotations

import errno
import io
import os
import tempfile
import zipfile
from pathlib import Path

from .errors import OutputError, OutputExistsError

_REASONS = {
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EACCES: "không có quyền ghi vào thư mục này",
    errno.EPERM: "không có quyền ghi vào thư mục này",
    errno.EROFS: "ổ đĩa chỉ đọc",
    errno.ETXTBSY: "tệp đang được một chương trình khác mở",
    errno.EISDIR: "đã có một thư mục trùng tên",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.EDQUOT: "đã hết dung lượng được phép",
}

# Zip entries carry a timestamp; a fixed one makes the same input give the same bytes.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def _reason(error: OSError) -> str:
    return _REASONS.get(error.errno, error.strerror or str(error))


def write_atomic(path: Path, data: bytes, *, overwrite: bool = False) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    Readers never see a half-written file; on any failure the temporary file is
    removed and ``path`` is left as it was. Without ``overwrite`` an existing
    file is never replaced, even one created while we were writing.
    """
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(path, f"thư mục {folder} không tồn tại; hãy tạo thư mục trước")
    if path.exists() and not overwrite:
        raise OutputExistsError(path)
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(path, _reason(error)) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)  # mkstemp makes it private to the owner
        if overwrite:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)  # fails if path appeared meanwhile
            os.unlink(temporary)
    except FileExistsError:
        _remove(temporary)
        raise OutputExistsError(path) from None
    except OSError as error:
        _remove(temporary)
        raise OutputError(path, _reason(error)) from error
    return path


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
