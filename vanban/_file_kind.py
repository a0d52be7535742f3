"""What kind of file some bytes are, to name a file that was given in the wrong place.

A Word file given where YAML is expected; an old .doc, a password-protected .docx,
an RTF or a PDF renamed .docx. Only for messages: nothing here decides what is read,
and nothing here reads more than the headers and directories of a file.
"""

from __future__ import annotations

import struct
import zipfile
from typing import BinaryIO, Optional

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: .doc, .xls, an encrypted .docx
MAX_ZIP_ENTRIES = 10_000  # a .docx has tens of entries; one with images, a few hundred

# What a kind is called, and what to do with it where a .docx is expected.
KINDS = {
    "docx": ("một tệp Word (.docx)", ""),
    "encrypted": (
        "một tệp Word có đặt mật khẩu (Word mã hóa cả tệp, nên không đọc được nội dung)",
        "Hãy mở tệp trong Word, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ tài liệu > Mã hóa bằng mật khẩu, "
        "xóa mật khẩu rồi bấm OK), lưu lại rồi thử lại.",
    ),
    "doc": (
        "một tệp Word cũ (.doc, Word 97-2003)",
        "Hãy mở tệp trong Word và chọn Lưu thành > Word Document (.docx), hoặc chuyển bằng LibreOffice: "
        "soffice --headless --convert-to docx <tệp>.",
    ),
    "xls": ("một tệp Excel cũ (.xls)", ""),
    "ole": ("một tệp Office cũ (định dạng OLE), không phải .docx",
            "Hãy mở tệp trong Word và lưu thành Word Document (.docx)."),
    "xlsx": ("một tệp Excel (.xlsx)", ""),
    "pptx": ("một tệp PowerPoint (.pptx)", ""),
    "odt": ("một tệp OpenDocument (.odt)",
            "Hãy mở tệp trong Word hoặc LibreOffice và lưu thành Word Document (.docx)."),
    "zip": ("một tệp nén ZIP không chứa văn bản Word", ""),
    "pdf": ("một tệp PDF", "vanban chỉ đọc tệp Word .docx; hãy dùng tệp .docx gốc của văn bản."),
    "rtf": ("một tệp RTF", "Hãy mở tệp trong Word và lưu thành Word Document (.docx)."),
}

_ZIP_MARKERS = (("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"), ("ppt/presentation.xml", "pptx"))


def kind_of(stream: BinaryIO) -> Optional[str]:
    """One of the :data:`KINDS`, or None for anything else (text, an image, random bytes)."""
    stream.seek(0)
    head = stream.read(8)
    if head == OLE_SIGNATURE:
        return _ole_kind(stream)
    if head.startswith(b"PK"):
        return _zip_kind(stream)
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    return None


def zip_entry_count(stream: BinaryIO) -> Optional[int]:
    """The number of entries a zip declares in its end record, read before its directory is
    (so that a zip of a million entries is refused before a million records are built);
    None when there is no end record, so the file is not a zip."""
    stream.seek(0, 2)
    size = stream.tell()
    start = max(0, size - (22 + 0xFFFF))  # the end record, then a comment of at most 64 KiB
    stream.seek(start)
    tail = stream.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return None
    entries = struct.unpack_from("<H", tail, at + 10)[0]
    if entries == 0xFFFF and at >= 20 and tail[at - 20:at - 16] == b"PK\x06\x07":
        offset = struct.unpack_from("<Q", tail, at - 20 + 8)[0]  # where the ZIP64 end record is
        stream.seek(min(offset, size))
        record = stream.read(56)
        if record[:4] == b"PK\x06\x06" and len(record) >= 40:
            entries = struct.unpack_from("<Q", record, 32)[0]
    return entries


def _zip_kind(stream: BinaryIO) -> Optional[str]:
    count = zip_entry_count(stream)
    if count is None:  # "PK" and no zip end record: some text that starts with PK
        return None
    if count > MAX_ZIP_ENTRIES:
        return "zip"
    try:
        archive = zipfile.ZipFile(stream)
        names = set(archive.namelist())
        for marker, kind in _ZIP_MARKERS:
            if marker in names:
                return kind
        if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
            if archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument.text"):
                return "odt"
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        pass
    return "zip"


def _ole_kind(stream: BinaryIO) -> str:
    streams = _ole_stream_names(stream, ("EncryptedPackage", "WordDocument", "Workbook", "Book"))
    if "EncryptedPackage" in streams:
        return "encrypted"
    if "WordDocument" in streams:
        return "doc"
    if streams & {"Workbook", "Book"}:
        return "xls"
    return "ole"


def _ole_stream_names(stream: BinaryIO, wanted: tuple[str, ...]) -> set[str]:
    """Which of ``wanted`` name a stream in an OLE compound file's directory.

    Directory entries are 128 bytes long and start on 128-byte boundaries of the file
    (sectors are 512 or 4096 bytes, after a header of one sector), each with its name in
    UTF-16 and the name's length in bytes at offset 64. Reading whole 1 MiB chunks, a
    multiple of 128, no entry is cut in two; matching the boundary and the length keeps
    the same words inside a stream's content from counting.
    """
    patterns = {name: name.encode("utf-16-le") + b"\0\0" for name in wanted}
    found: set[str] = set()
    stream.seek(0)
    while chunk := stream.read(1 << 20):
        for name, pattern in patterns.items():
            at = chunk.find(pattern)
            while at >= 0:
                if at % 128 == 0 and at + 66 <= len(chunk) and struct.unpack_from("<H", chunk, at + 64)[0] == len(pattern):
                    found.add(name)
                    break
                at = chunk.find(pattern, at + 1)
        if "EncryptedPackage" in found:
            break
    return found
