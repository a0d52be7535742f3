"""A template file as vanban receives it from outside: a Word .docx, or a clear refusal.

The renderer (``_render.py``) opens every template through :func:`open_template` before
docxtpl sees it, and ``vanban template check`` does the same, so both say the same thing
about the same file.
"""

from __future__ import annotations

import io
import zipfile

from .errors import TemplateError

MAIN_PART = "word/document.xml"
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 files, and password-protected .docx


def open_template(data: bytes, name: str, where: str) -> zipfile.ZipFile:
    """The zip of the template ``name`` (the file ``where``), or a TemplateError saying what it is."""
    if data.startswith(_OLE_SIGNATURE):
        raise TemplateError(name, f"tệp {where} là tệp Word cũ (.doc) hoặc tệp .docx có đặt mật khẩu; hãy "
                                  "mở nó trong Word, bỏ mật khẩu nếu có, rồi lưu lại dạng .docx.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise TemplateError(name, f"tệp {where} không phải tệp Word .docx (không mở được như một tệp nén "
                                  "zip); hãy mở nó trong Word và lưu lại dạng .docx.") from None
    if MAIN_PART not in archive.namelist():
        raise TemplateError(name, f"tệp {where} không phải tệp Word .docx: thiếu phần {MAIN_PART}.")
    return archive
