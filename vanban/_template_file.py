"""A template file as vanban receives it from outside: a bounded Word .docx, or a clear refusal.

An office's template folder is read like any other input: a template's name is a path
inside the folder (no ``..``, not absolute), the file it names is a regular file inside
the folder (a symbolic link pointing elsewhere, a FIFO, a device or a folder is refused
before it is opened, so nothing hangs and nothing outside is read), and the file and its
zip are bounded: the file's size, each part's uncompressed size, all parts together (as
python-docx loads them all), and the ratio of a large part to its compressed size (a zip
bomb). The sizes are those the zip declares; :mod:`zipfile` never inflates a part past its
declared size, so what is checked is what is read.

The zip is opened and its XML parts (by name, .xml or .rels, or by declared content type)
parsed with the checker's reader (``_docx_read.Package``): a file that is not a .docx is
named for what it is (an old .doc, a password-protected .docx, a PDF...), each part is
bounded again while it is inflated, and parsed with no entity, no DTD, no network, a
DOCTYPE refused. UTF-16 parts, which Office may write, are read like UTF-8 ones. The main
part is the one ``_rels/.rels`` names, and it must be ``word/document.xml``, the part
vanban checks and splices.

A template may carry nothing that reaches outside or runs (:func:`unsafe_content`), as it
would go into every document made from it: external relationships (a remote or local
attached template, linked images, linked OLE objects, frames, sub-documents; only
hyperlinks to http, https and mailto addresses are kept), SVG pictures that name a file or
address outside themselves (``_svg``: LibreOffice draws a local file so named into the PDF), embedded OLE objects and
packages (a chart's own workbook excepted), ActiveX controls, macros (vbaProject.bin,
macro-enabled content types, key maps, toolbars, customUI), altChunk, mail-merge data
sources, and fields that fetch or run something (INCLUDETEXT, INCLUDEPICTURE, INCLUDE,
IMPORT, LINK, DDE, DDEAUTO, DATABASE, MACROBUTTON), in ``w:fldSimple`` or in
``w:instrText`` runs, however Word split them. Such a template is *refused*, each piece
named (its part, the relationship's target, the field's code), not stripped: the
template is the office's own file, and removing a piece silently would change every
document made from it (a logo or a paragraph gone) while hiding from the office that its
template carries something it should look at, perhaps something planted; refused, it is
fixed once, in Word, by whoever keeps it.

The renderer (``_render.py``) opens every template through :func:`open_template` before
docxtpl sees it, and ``vanban template check`` does the same (reporting each piece of
external or active content instead of refusing), so both say the same thing about the
same file.
"""

from __future__ import annotations

import os
import posixpath
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, NamedTuple, Optional

from .errors import TemplateError

MAIN_PART = "word/document.xml"
CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"

MIB = 1024 * 1024
MAX_FILE_BYTES = 20 * MIB
"""A template file (an office's letterhead with its logo is well under 1 MiB)."""
MAX_PART_BYTES = 32 * MIB
"""One part, uncompressed, whatever it is (an XML part also has the checker's own limit)."""
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


@dataclass(repr=False, eq=False)  # never shown nor compared: Python writes and compiles only __init__
class TemplateFile:
    """A template's zip, bounded and with every XML part parsed (zip name -> root element)."""

    name: str
    where: str
    archive: zipfile.ZipFile
    xml: dict[str, Any]
    pictures: frozenset = frozenset()
    """The parts that are SVG pictures (by their content): their links read by ``_svg``; not parsed
    as the template's XML unless named as XML parts are."""

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


def open_template(data: bytes, name: str, where: str, *, refuse_unsafe: bool = True) -> TemplateFile:
    """The template ``name`` (the file ``where``), opened and parsed, or a TemplateError saying
    what is wrong with it; external or active content too, unless ``refuse_unsafe`` is False."""
    from . import _svg
    from ._docx_read import Package
    from .errors import DocxReadError

    try:
        # the checker's reader: a file that is not a .docx named for what it is, the number of
        # entries, each XML part bounded while it is inflated and parsed with the safe parser
        package = Package(data, where)
        _check_sizes(package.archive, name, where)
        # a logo in SVG is the file Word was given, a DOCTYPE often included (Illustrator writes one)
        pictures = frozenset(_svg.svg_parts(package.archive))
        template = TemplateFile(name, where, package.archive, {}, pictures)
        for part in (CONTENT_TYPES, *package.names()):
            picture = part in pictures and not part.lower().endswith((".xml", ".rels"))
            if part not in template.xml and part in package.archive.NameToInfo and not picture \
                    and _is_xml(template, part):
                template.xml[part] = package.xml(part)
        package.refuse_doctypes()  # in an XML part by its first bytes only, too
    except DocxReadError as error:
        raise TemplateError(name, f"tệp {where}: {error.reason}") from None
    main = _main_part(template)
    if main != MAIN_PART:
        raise TemplateError(name, f"phần chính của tệp {where} là {main or '(không có)'}, không phải {MAIN_PART} "
                                  "như Word viết; hãy mở mẫu trong Word và lưu lại dạng .docx.")
    missing = _missing_part(template)
    if missing:
        raise TemplateError(name, f"tệp {where}: {missing[0]} trỏ tới phần {missing[1]}, phần này không có trong tệp; "
                                  "hãy mở mẫu trong Word và lưu lại dạng .docx.")
    unsafe = unsafe_content(template) if refuse_unsafe else []
    if unsafe:
        pieces = "\n".join(f"  - {piece}" for piece in unsafe[:_LISTED])
        if len(unsafe) > _LISTED:
            pieces += f"\n  - và {len(unsafe) - _LISTED:,} chỗ khác (xem 'vanban template check')".replace(",", ".")
        raise TemplateError(name, f"tệp {where} có nội dung lấy từ bên ngoài hoặc nội dung chạy được, sẽ đi vào "
                                  f"mọi văn bản tạo từ mẫu này, nên vanban không dùng mẫu:\n{pieces}\n{UNSAFE_ADVICE}")
    return template


def _is_xml(template: TemplateFile, part: str) -> bool:
    if part.lower().endswith((".xml", ".rels")):
        return True
    kind = template.content_type(part)
    return kind.endswith("+xml") or kind.endswith("/xml")


def _main_part(template: TemplateFile) -> Optional[str]:
    rels = template.xml.get(PACKAGE_RELS)
    if rels is None:
        return None
    for relation in rels.iter(f"{_REL}Relationship"):
        if relation.get("Type") == _OFFICE_DOCUMENT and relation.get("TargetMode") != "External":
            return posixpath.normpath(relation.get("Target", "").lstrip("/"))
    return None


def _missing_part(template: TemplateFile) -> Optional[tuple[str, str]]:
    """(relationships part, target) of the first relationship inside the package, reached from
    its root, whose part the zip does not hold (python-docx, loading every such part, fails on
    it); None if there is none."""
    from urllib.parse import unquote

    names = set(template.archive.namelist())
    seen: set[str] = set()
    todo = [""]  # "": the package itself, whose relationships are _rels/.rels
    while todo:
        source = todo.pop()
        folder = posixpath.dirname(source)
        rels = posixpath.join(folder, "_rels", posixpath.basename(source) + ".rels")
        root = template.xml.get(rels)
        for relation in root.iter(f"{_REL}Relationship") if root is not None else ():
            target = relation.get("Target", "")
            if (relation.get("TargetMode") or "").lower() == "external" or not target:
                continue
            part = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
            if part not in names and unquote(part) not in names:
                return rels, target
            if part not in seen:
                seen.add(part)
                todo.append(part)
    return None


def _check_sizes(archive: zipfile.ZipFile, name: str, where: str) -> None:
    """Every part, by its declared sizes: python-docx loads all of them, images and fonts too."""
    total = 0
    for part in archive.infolist():
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


# --- external and active content ----------------------------------------------------------

_LISTED = 20
"""Pieces of external or active content a refusal lists; ``vanban template check`` lists all."""

UNSAFE_ADVICE = ("Hãy mở mẫu trong Word, xóa các phần này (mẫu đính kèm: Developer > Document Template; liên "
                 "kết: File > Info > Edit Links to Files; macro, đối tượng nhúng, trường INCLUDE...), lưu lại "
                 "dạng .docx rồi kiểm tra bằng 'vanban template check'.")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_O = "{urn:schemas-microsoft-com:office:office}"


class Unsafe(NamedTuple):
    """One piece of external or active content: the part it is in, and what it is (Vietnamese).
    A named tuple (only read, never compared): cheaper to define at import than a dataclass."""

    part: str
    what: str
    element: Any = None  # where in the part, when an element

    def __str__(self) -> str:
        return f"{self.part}: {self.what}"


_RELATIONS = {  # the last segment of a relationship type -> what it is
    "attachedTemplate": "mẫu đính kèm (attachedTemplate)",
    "image": "ảnh liên kết",
    "oleObject": "đối tượng OLE",
    "package": "tài liệu nhúng (OLE)",
    "control": "điều khiển ActiveX",
    "aFChunk": "nội dung chèn từ tệp khác (altChunk)",
    "subDocument": "tài liệu con (subDocument)",
    "frame": "khung lấy trang khác (frame)",
    "vbaProject": "macro VBA",
    "wordVbaData": "dữ liệu macro VBA",
    "keyMapCustomizations": "phím tắt gán macro",
    "attachedToolbars": "thanh công cụ gắn macro",
    "extensibility": "giao diện tùy biến có macro (customUI)",
    "mailMergeSource": "nguồn dữ liệu trộn thư",
    "mailMergeHeaderSource": "nguồn dữ liệu trộn thư",
    "recipientData": "danh sách nhận trộn thư",
    "hyperlink": "siêu liên kết",
}
_ACTIVE_RELATIONS = frozenset(_RELATIONS) - {"image", "hyperlink", "package"}
"""Relationships refused even inside the package (an embedded package only outside a chart)."""
_SAFE_LINK_SCHEMES = ("http:", "https:", "mailto:")

_ACTIVE_TYPES = {
    "application/vnd.ms-office.vbaProject": "macro VBA",
    "application/vnd.ms-word.vbaData+xml": "dữ liệu macro VBA",
    "application/vnd.ms-word.document.macroEnabled.main+xml": "tài liệu có macro (.docm)",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": "mẫu có macro (.dotm)",
    "application/vnd.ms-word.keyMapCustomizations+xml": "phím tắt gán macro",
    "application/vnd.ms-word.attachedToolbars": "thanh công cụ gắn macro",
    "application/vnd.ms-office.activeX+xml": "điều khiển ActiveX",
    "application/vnd.ms-office.activeX": "điều khiển ActiveX",
    "application/vnd.openxmlformats-officedocument.oleObject": "đối tượng OLE nhúng",
}

_ACTIVE_ELEMENTS = {
    f"{_W}object": "đối tượng nhúng (OLE, w:object)",
    f"{_W}altChunk": "nội dung chèn từ tệp khác (w:altChunk)",
    f"{_W}control": "điều khiển ActiveX (w:control)",
    f"{_W}mailMerge": "trộn thư nối tới nguồn dữ liệu ngoài (w:mailMerge)",
}

_FIELDS = {
    "INCLUDETEXT": "chèn văn bản từ tệp hay địa chỉ khác",
    "INCLUDE": "chèn văn bản từ tệp hay địa chỉ khác",
    "INCLUDEPICTURE": "chèn ảnh từ tệp hay địa chỉ khác",
    "IMPORT": "chèn ảnh từ tệp hay địa chỉ khác",
    "LINK": "liên kết tới nội dung của tệp khác",
    "DDE": "lấy dữ liệu qua DDE (có thể chạy chương trình)",
    "DDEAUTO": "lấy dữ liệu qua DDE khi mở tệp (có thể chạy chương trình)",
    "DATABASE": "truy vấn cơ sở dữ liệu ngoài",
    "MACROBUTTON": "nút chạy macro",
}


def unsafe_content(template: TemplateFile) -> list[Unsafe]:
    """Every piece of external or active content of ``template``, in part order."""
    from . import _svg

    found: list[Unsafe] = []
    for part in template.archive.namelist():
        kind = template.content_type(part)
        if kind in _ACTIVE_TYPES:
            found.append(Unsafe(part, f"{_ACTIVE_TYPES[kind]} ({kind})"))
        elif part.lower().endswith("vbaproject.bin"):
            found.append(Unsafe(part, "macro VBA"))
        if part in template.pictures:
            found += [Unsafe(part, f"ảnh SVG lấy nội dung từ bên ngoài: {target}" if target != _svg.UNREADABLE else
                             "ảnh SVG không đọc được, nên không biết nó lấy gì từ bên ngoài")
                      for target in _svg.links(template.archive.read(part))]
        root = template.xml.get(part)
        if root is None:
            continue
        if part.lower().endswith(".rels"):
            found += _unsafe_relations(part, root)
        else:
            found += _unsafe_elements(part, root)
            found += _unsafe_fields(part, root)
    return found


def _unsafe_relations(part: str, root: Any) -> list[Unsafe]:
    found = []
    from_chart = "/charts/" in f"/{part}"
    for relation in root.iter(f"{_REL}Relationship"):
        kind = relation.get("Type", "").rsplit("/", 1)[-1]
        target = relation.get("Target", "")
        what = _RELATIONS.get(kind, f"quan hệ {kind}")
        if (relation.get("TargetMode") or "").lower() == "external":
            if kind == "hyperlink" and target.strip().lower().startswith(_SAFE_LINK_SCHEMES):
                continue
            found.append(Unsafe(part, f"{what} lấy từ bên ngoài: {target}"))
        elif kind in _ACTIVE_RELATIONS or (kind == "package" and not from_chart):
            found.append(Unsafe(part, f"{what}: {target}"))
    return found


def _unsafe_elements(part: str, root: Any) -> list[Unsafe]:
    found = []
    for element in root.iter(*_ACTIVE_ELEMENTS):
        what = _ACTIVE_ELEMENTS[element.tag]
        ole = next(element.iter(f"{_O}OLEObject"), None)
        if ole is not None and ole.get("ProgID"):
            what += f" {ole.get('ProgID')}"
        found.append(Unsafe(part, what, element))
    return found


def _field_codes(root: Any) -> list[tuple[str, Any]]:
    """Each field's code in ``root`` (``w:fldSimple``, or ``w:instrText`` runs between a
    field's begin and separate marks, nested fields apart), with the element it starts at."""
    codes: list[tuple[str, Any]] = []
    open_fields: list[tuple[list[str], Any, list[bool]]] = []  # pieces, first element, [still reading]
    for element in root.iter(f"{_W}fldSimple", f"{_W}fldChar", f"{_W}instrText"):
        if element.tag == f"{_W}fldSimple":
            codes.append((element.get(f"{_W}instr", ""), element))
        elif element.tag == f"{_W}instrText":
            if open_fields and open_fields[-1][2][0]:
                open_fields[-1][0].append(element.text or "")
            else:  # an instruction outside any field mark: read on its own
                codes.append((element.text or "", element))
        else:
            mark = element.get(f"{_W}fldCharType")
            if mark == "begin":
                open_fields.append(([], element, [True]))
            elif mark == "separate" and open_fields:
                open_fields[-1][2][0] = False
            elif mark == "end" and open_fields:
                pieces, start, _ = open_fields.pop()
                codes.append(("".join(pieces), start))
    codes += [("".join(pieces), start) for pieces, start, _ in open_fields]  # fields never closed
    return codes


_FIELD_NAME = re.compile(r"\s*([A-Za-z]+)")


def _unsafe_fields(part: str, root: Any) -> list[Unsafe]:
    found = []
    for code, element in _field_codes(root):
        # the field's name is its first word's letters: Word reads 'INCLUDEPICTURE"http://..."'
        # (no space before the quote) as the field INCLUDEPICTURE
        keyword = _FIELD_NAME.match(code)
        keyword = keyword[1].upper() if keyword else ""
        if keyword in _FIELDS:
            shown = " ".join(code.split())
            shown = shown if len(shown) <= 100 else shown[:97] + "..."
            found.append(Unsafe(part, f"trường {keyword} ({_FIELDS[keyword]}): «{shown}»", element))
    return found
