"""An old Word file (.doc, Word 97-2003) turned into a .docx by LibreOffice, so that the
checker reads it as it reads any .docx.

LibreOffice runs headless with a profile of its own in a temporary folder (the same safe
settings as the PDF converter: no macro, no link followed), in its own process group,
killed with everything it started when it is done or when it takes too long.
"""

from __future__ import annotations

import os
import stat
import subprocess
import tempfile
from pathlib import Path
from typing import Union

from ._file_kind import KINDS, kind_of
from .errors import DocxReadError, MissingToolError

TIMEOUT_VARIABLE = "VANBAN_DOC_TIMEOUT"
DEFAULT_TIMEOUT = 120  # seconds: a long .doc converts in a few


def is_old_word(source: Union[str, Path, bytes]) -> bool:
    """The file is an OLE Word document (.doc), whatever its name says."""
    import io

    if isinstance(source, (bytes, bytearray)):
        return kind_of(io.BytesIO(source)) == "doc"
    try:
        if not stat.S_ISREG(os.stat(source).st_mode):  # opening a FIFO would wait for a writer for ever
            return False  # the reader refuses what is not a regular file
        with open(source, "rb") as stream:
            return kind_of(stream) == "doc"
    except OSError:
        return False  # the reader says what is wrong with it


def doc_to_docx(source: Union[str, Path, bytes], name: str = "", *, converter=None) -> bytes:
    """The .docx LibreOffice writes for the .doc ``source`` (a path or its bytes), bounded
    like a .docx part (``VANBAN_MAX_DOCX_MB``) before LibreOffice is given it. With a running
    :class:`~vanban.PdfConverter` (``converter``) its LibreOffice does the work; otherwise one is
    started for this file alone."""
    from ._pdf import _kill_tree, _popen, _write_settings, find_soffice

    name = name or (str(source) if not isinstance(source, (bytes, bytearray)) else "van-ban.doc")
    data = source if isinstance(source, (bytes, bytearray)) else _read_bounded(Path(source), name)
    if converter is not None:
        return converter.convert_bytes(data, "van-ban.doc", to="docx")
    soffice = find_soffice()
    if soffice is None:
        raise MissingToolError("libreoffice", "đọc tệp Word cũ (.doc)")
    timeout = _timeout(name)
    with tempfile.TemporaryDirectory(prefix="vanban-doc-") as folder:
        work = Path(folder)
        document = work / "van-ban.doc"
        document.write_bytes(data)
        profile = work / "profile"
        _write_settings(profile)
        out = work / "out"
        args = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                "--nolockcheck", "--nologo", "--nofirststartwizard",
                "--infilter=MS Word 97", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(document)]
        environment = dict(os.environ, TMPDIR=str(work), TMP=str(work), TEMP=str(work))
        process = _popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, env=environment)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise DocxReadError(name, f"LibreOffice chuyển tệp .doc sang .docx quá {timeout} giây nên vanban đã dừng. "
                                "Hãy mở tệp trong Word và lưu thành Word Document (.docx), "
                                f"hoặc cho thêm thời gian (biến môi trường {TIMEOUT_VARIABLE}).") from None
        finally:
            _kill_tree(process)  # nothing it started may outlive it
        converted = out / "van-ban.docx"
        if not converted.is_file():
            what, advice = KINDS["doc"]
            raise DocxReadError(name, f"không phải tệp .docx hợp lệ: đây là {what} mà LibreOffice không chuyển "
                                f"được sang .docx (tệp hỏng?). {advice}")
        return converted.read_bytes()


def _read_bounded(path: Path, name: str) -> bytes:
    from ._docx_read import DEFAULT_PART_MB, SIZE_VARIABLE, _limit

    limit = _limit(SIZE_VARIABLE, DEFAULT_PART_MB, name) << 20
    try:
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except OSError as error:
        raise DocxReadError(name, f"không mở được tệp ({error.strerror or error}).") from None
    if len(data) > limit:
        raise DocxReadError(name, f"tệp .doc lớn hơn {limit >> 20} MB, giới hạn của vanban (đặt biến môi trường "
                            f"{SIZE_VARIABLE} để đọc văn bản lớn hơn).")
    return data


def _timeout(name: str) -> int:
    raw = os.environ.get(TIMEOUT_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_TIMEOUT
    if not raw.isdigit() or int(raw) == 0:
        raise DocxReadError(name, f"biến môi trường {TIMEOUT_VARIABLE} phải là một số giây nguyên dương (đang là '{raw}').")
    return int(raw)
