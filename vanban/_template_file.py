"""A template file as vanban receives it from outside: a bounded Word .docx, or a clear refusal.

An office's template folder is read like any other input: a template's name is a path
inside the folder (no ``..``, not absolute), the file it names is a regular file inside
the folder (a symbolic link pointing elsewhere, a FIFO, a device or a folder is refused
before it is opened, so nothing hangs and nothing outside is read), and the file and its
zip are bounded: the file's size, the number of parts, each part's uncompressed size, all
parts together, and the ratio of a large part to its compressed size (a zip bomb). The
sizes are those the zip declares; :mod:`zipfile` never inflates a part past its declared
size, so what is checked is what is read.

Every XML part (by name, .xml or .rels, or by declared content type) is parsed once with
a parser that resolves no entity, loads no DTD and reads nothing from the network, and a
part with a DOCTYPE is refused: Word never writes one, and one is how entity expansion
(billion laughs) and external entities get in. UTF-16 parts, which Office may write, are
read like UTF-8 ones. The main part is the one ``_rels/.rels`` names, and it must be
``word/document.xml``, the part vanban checks and splices.

The renderer (``_render.py``) opens every template through :func:`open_template` before
docxtpl sees it, and ``vanban template check`` does the same, so both say the same thing
about the same file.
"""

from __future__ import annotations

import io
import os
import posixpath
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, Optional

from .errors import TemplateError

MAIN_PART = "word/document.xml"
CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 files, and password-protected .docx

MIB = 1024 * 1024
MAX_FILE_BYTES = 20 * MIB
"""A template file (an office's letterhead with its logo is well under 1 MiB)."""
MAX_PARTS = 1_000
MAX_PART_BYTES = 32 * MIB
"""One part, uncompressed."""
MAX_TOTAL_BYTES = 64 * MIB
"""All parts together, uncompressed."""
MAX_RATIO = 100
"""Uncompressed to compressed size of a part above :data:`RATIO_FROM_BYTES` (Word's XML: 5 to 20)."""
RATIO_FROM_BYTES = 1 * MIB

_FILE_KINDS = ((stat.S_ISDIR, "một thư mục"), (stat.S_ISFIFO, "một đường ống (FIFO)"),
               (stat.S_ISSOCK, "một socket"), (stat.S_ISCHR, "một thiết bị"), (stat.S_ISBLK, "một thiết bị"))


def _mib(size: int) -> str:
    return f"{size / MIB:.1f} MiB".replace(".", ",")


def check_template_name(name: str) -> None:
    """Refuse a template name that could lead outside a template folder."""
    parts = name.replace("\\", "/").split("/")
    if (not name or "\0" in name or PurePosixPath(name).is_absolute() or PureWindowsPath(name).anchor
            or any(part in ("", ".", "..") for part in parts)):
        raise TemplateError(name, "tên mẫu phải là một đường dẫn bên trong thư mục mẫu, như "
                                  "'doan/van-ban.docx' (không bắt đầu bằng '/', không có '..').")


def read_regular_file(path: Path, name: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file ``path`` (template ``name``), at most ``limit`` of them.

    Anything else is refused before it is opened for reading (a FIFO would block the read)."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            kind = next((text for test, text in _FILE_KINDS if test(info.st_mode)), "không phải một tệp thường")
            raise TemplateError(name, f"{path} là {kind}, không phải một tệp mẫu .docx.")
        if info.st_size > limit:
            raise TemplateError(name, f"tệp {path} có {_mib(info.st_size)}, lớn hơn giới hạn {_mib(limit)} "
                                      "của một tệp mẫu; hãy bớt hoặc nén nhỏ ảnh trong mẫu.")
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(descriptor, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):  # replaced since it was looked at
                raise TemplateError(name, f"{path} không phải một tệp thường.")
            data = file.read(limit + 1)
    except OSError as error:
        raise TemplateError(name, f"không đọc được tệp {path} ({error.strerror or error}).") from None
    if len(data) > limit:
        raise TemplateError(name, f"tệp {path} lớn hơn giới hạn {_mib(limit)} của một tệp mẫu.")
    return data


def read_in_folder(folder: Path, name: str) -> Optional[bytes]:
    """The template ``name`` of the template folder ``folder``; None if the folder has none."""
    check_template_name(name)
    path = folder / name
    if not os.path.lexists(path):
        return None
    try:
        real = path.resolve(strict=True)
        inside = real.is_relative_to(folder.resolve(strict=True))
    except (OSError, RuntimeError):  # a link to nothing, or a loop of links
        raise TemplateError(name, f"{path} là một liên kết hỏng (không trỏ tới tệp nào).") from None
    if not inside:
        raise TemplateError(name, f"{path} là một liên kết trỏ ra ngoài thư mục mẫu {folder} (tới {real}); "
                                  "vanban chỉ đọc mẫu bên trong thư mục mẫu: hãy chép tệp mẫu vào đó.")
    return read_regular_file(path, name)


@dataclass
class TemplateFile:
    """A template's zip, bounded and with every XML part parsed (zip name -> root element)."""

    name: str
    where: str
    archive: zipfile.ZipFile
    xml: dict[str, Any]

    def content_type(self, part: str) -> str:
        """The content type [Content_Types].xml declares for ``part`` (a zip name)."""
        overrides, defaults = self._content_types()
        return overrides.get(part.lower()) or defaults.get(part.rsplit(".", 1)[-1].lower(), "")

    def _content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        root = self.xml.get(CONTENT_TYPES)
        if root is None:
            return {}, {}
        overrides = {e.get("PartName", "").lstrip("/").lower(): e.get("ContentType", "")
                     for e in root.iter(f"{_CT}Override")}
        defaults = {e.get("Extension", "").lower(): e.get("ContentType", "") for e in root.iter(f"{_CT}Default")}
        return overrides, defaults


def open_template(data: bytes, name: str, where: str) -> TemplateFile:
    """The template ``name`` (the file ``where``), opened and parsed, or a TemplateError saying
    what is wrong with it."""
    if data.startswith(_OLE_SIGNATURE):
        raise TemplateError(name, f"tệp {where} là tệp Word cũ (.doc) hoặc tệp .docx có đặt mật khẩu; hãy "
                                  "mở nó trong Word, bỏ mật khẩu nếu có, rồi lưu lại dạng .docx.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise TemplateError(name, f"tệp {where} không phải tệp Word .docx (không mở được như một tệp nén "
                                  "zip); hãy mở nó trong Word và lưu lại dạng .docx.") from None
    _check_sizes(archive, name, where)
    if MAIN_PART not in archive.namelist():
        raise TemplateError(name, f"tệp {where} không phải tệp Word .docx: thiếu phần {MAIN_PART}.")
    template = TemplateFile(name, where, archive, {})
    for part in (CONTENT_TYPES, *archive.namelist()):
        if part not in template.xml and part in archive.NameToInfo and _is_xml(template, part):
            template.xml[part] = _parse(template, part)
    main = _main_part(template)
    if main != MAIN_PART:
        raise TemplateError(name, f"phần chính của tệp {where} là {main or '(không có)'}, không phải {MAIN_PART} "
                                  "như Word viết; hãy mở mẫu trong Word và lưu lại dạng .docx.")
    return template


def _is_xml(template: TemplateFile, part: str) -> bool:
    if part.lower().endswith((".xml", ".rels")):
        return True
    kind = template.content_type(part)
    return kind.endswith("+xml") or kind.endswith("/xml")


def _parse(template: TemplateFile, part: str) -> Any:
    from lxml import etree

    try:
        data = template.archive.read(part)
    except Exception as error:  # noqa: BLE001 - a bad CRC, zlib.error, a truncated entry: a damaged part
        raise TemplateError(template.name, f"phần {part} của tệp {template.where} bị hỏng ({error}); hãy "
                                           "mở mẫu trong Word và lưu lại.") from None
    if any(mark in data for mark in _DOCTYPE_MARKS):  # looked for first: nothing is expanded, even in part
        _refuse_doctype(template, part)
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        line, column = error.position
        raise TemplateError(template.name, f"phần {part} của tệp {template.where} không phải XML hợp lệ "
                                           f"(dòng {line}, cột {column}: {error.msg}); hãy mở mẫu trong Word "
                                           "và lưu lại.") from None
    if root.getroottree().docinfo.doctype:
        _refuse_doctype(template, part)
    return root


_DOCTYPE_MARKS = tuple("<!DOCTYPE".encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be"))


def _refuse_doctype(template: TemplateFile, part: str) -> None:
    raise TemplateError(template.name, f"phần {part} của tệp {template.where} có khai báo DOCTYPE; Word không "
                                       "bao giờ viết DOCTYPE, và nó có thể chứa thực thể mở rộng (entity) đọc tệp "
                                       "trên máy hay làm phình bộ nhớ, nên vanban không đọc mẫu này.")


def _main_part(template: TemplateFile) -> Optional[str]:
    rels = template.xml.get(PACKAGE_RELS)
    if rels is None:
        return None
    for relation in rels.iter(f"{_REL}Relationship"):
        if relation.get("Type") == _OFFICE_DOCUMENT and relation.get("TargetMode") != "External":
            return posixpath.normpath(relation.get("Target", "").lstrip("/"))
    return None


def _check_sizes(archive: zipfile.ZipFile, name: str, where: str) -> None:
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise TemplateError(name, f"tệp {where} có {len(parts)} phần, quá giới hạn {MAX_PARTS} phần của một mẫu.")
    total = 0
    for part in parts:
        if part.flag_bits & 0x1:
            raise TemplateError(name, f"phần {part.filename} của tệp {where} bị mã hóa; hãy lưu lại mẫu "
                                      "trong Word không đặt mật khẩu.")
        if part.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise TemplateError(name, f"phần {part.filename} của tệp {where} được nén theo cách Word không "
                                      "dùng; hãy mở mẫu trong Word và lưu lại.")
        size = part.file_size
        if size > RATIO_FROM_BYTES and size > MAX_RATIO * max(part.compress_size, 1):
            raise TemplateError(name, f"phần {part.filename} của tệp {where} giải nén ra {_mib(size)} từ "
                                      f"{part.compress_size} byte, gấp hơn {MAX_RATIO} lần (giới hạn tỉ lệ nén "
                                      "của một mẫu): có thể là một tệp nén độc hại (zip bomb).")
        if size > MAX_PART_BYTES:
            raise TemplateError(name, f"phần {part.filename} của tệp {where} giải nén ra {_mib(size)}, "
                                      f"lớn hơn giới hạn {_mib(MAX_PART_BYTES)} của một phần mẫu.")
        total += size
    if total > MAX_TOTAL_BYTES:
        raise TemplateError(name, f"tệp {where} giải nén ra {_mib(total)}, lớn hơn giới hạn "
                                  f"{_mib(MAX_TOTAL_BYTES)} của một mẫu.")
