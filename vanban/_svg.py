"""SVG pictures inside a Word package, and the files they name outside themselves.

An SVG picture may name another file (``<image xlink:href="file:///...">``). LibreOffice's
SVG reader opens a local file so named while it draws the picture: its settings against
linked content (``_pdf._SETTINGS``) do not reach that reader, so the PDF of a document whose
picture names a file of this machine would carry that file's picture. A part is taken for
an SVG by its content, as LibreOffice takes it (gzip-compressed too: svgz), whatever its
name or declared type, since a picture's declared type does not decide how it is read.

What counts as naming something outside: an ``href`` (in any namespace) that is not a
reference inside the picture (``#id``) or inline data (``data:``), or that is inline data of
an SVG picture itself naming something outside (LibreOffice draws the inner picture too); a
CSS ``url()`` or ``@import`` that is not inside the picture. An SVG that cannot be read
safely (broken, or past the parser's limits) cannot be vouched for and counts as one.

:func:`links` lists them (``vanban template check`` and the renderer refuse an office's
template with such a picture); :func:`without_links` gives the package the converter hands
to LibreOffice, those names removed from its copy (the picture drawn without what it names).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import Optional

SNIFF_BYTES = 64 * 1024
"""How much of a part is looked at to tell an SVG (LibreOffice looks at the first 2,048 bytes)."""
MAX_SVG_BYTES = 32 * 1024 * 1024
"""An SVG larger than this, uncompressed, is not read (and so counts as naming something outside)."""
UNREADABLE = "(không đọc được)"
"""What :func:`links` gives for an SVG it cannot read."""
_GZIP = b"\x1f\x8b"
_SVG_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?svg[\s>/]", re.IGNORECASE)
_CSS_OUTSIDE = re.compile(r"url\(\s*['\"]?\s*(?!#|data:)([^'\")\s]+)|@import\s+(?:url\()?\s*['\"]?([^'\");\s]+)",
                          re.IGNORECASE)
_BLANK = b'<svg xmlns="http://www.w3.org/2000/svg"/>'


def _inflate(data: bytes, limit: int) -> Optional[bytes]:
    """A gzip stream's content, at most ``limit`` bytes of it; None if it is longer or broken."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        content = inflater.decompress(data, limit + 1)
    except zlib.error:
        return None
    return content if len(content) <= limit else None


def is_svg(head: bytes) -> bool:
    """Whether a part beginning with ``head`` is an SVG picture (or a compressed one)."""
    if head.startswith(_GZIP):
        try:  # a cut stream gives what it holds
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, SNIFF_BYTES)
        except zlib.error:
            return False
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if head.startswith(bom):
            head = head.decode(codec, "ignore").encode("utf-8")
            break
    return _SVG_START.search(head) is not None


def _content(data: bytes) -> Optional[bytes]:
    """The SVG text of ``data`` (inflated when compressed); None past the size limit."""
    if data.startswith(_GZIP):
        return _inflate(data, MAX_SVG_BYTES)
    return data if len(data) <= MAX_SVG_BYTES else None


def _parse(data: bytes):
    from lxml import etree

    content = _content(data)
    if content is None:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(content, parser).getroottree()
    except (etree.XMLSyntaxError, ValueError):
        return None


_NESTING = 4
"""How deep SVG pictures inlined in one another (``data:image/svg+xml``) are read; deeper counts
as naming something outside."""


def _inline(target: str) -> Optional[bytes]:
    """The bytes of a ``data:`` address; None if they cannot be decoded."""
    import base64
    from urllib.parse import unquote_to_bytes

    header, comma, payload = target.partition(",")
    if not comma:
        return None
    try:
        if header.lower().endswith(";base64"):
            return base64.b64decode("".join(payload.split()))
        return unquote_to_bytes(payload)
    except ValueError:
        return None


def _names_outside(target: str, depth: int) -> bool:
    """Whether an ``href`` leads outside the picture: anything but ``#id`` and inline data, and
    inline data that is itself an SVG picture naming something outside (LibreOffice draws it)."""
    if not target or target.startswith("#"):
        return False
    if not target.lower().startswith("data:"):
        return True
    content = _inline(target)
    if content is None or not is_svg(content[:SNIFF_BYTES]):
        return False  # not a picture LibreOffice reads as SVG: no name of a file in it is opened
    inner = _parse(content)
    return inner is None or depth >= _NESTING or bool(_outside(inner, depth + 1))


def _outside(tree, depth: int = 0) -> list[tuple[object, str, str]]:
    """(element, attribute or "" for its text, the name it points at) of each link outside."""
    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or a processing instruction
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local == "href":
                target = value.strip()
                if _names_outside(target, depth):
                    shown = target if not target.lower().startswith("data:") else \
                        target.split(",", 1)[0] + ",... (ảnh SVG lồng bên trong)"
                    found.append((element, name, shown))
            elif local == "style" or "url(" in value.lower():
                found += [(element, name, a or b) for a, b in _CSS_OUTSIDE.findall(value)]
        if element.tag.rsplit("}", 1)[-1].lower() == "style" and element.text:
            found += [(element, "", a or b) for a, b in _CSS_OUTSIDE.findall(element.text)]
    return found


def links(data: bytes) -> list[str]:
    """What the SVG picture ``data`` names outside itself; ``[UNREADABLE]`` if it cannot be read."""
    tree = _parse(data)
    if tree is None:
        return [UNREADABLE]
    return [target for _, _, target in _outside(tree)]


def _without(data: bytes) -> Optional[bytes]:
    """``data`` with every name of something outside removed; None if it names nothing."""
    from lxml import etree

    tree = _parse(data)
    if tree is None:
        return _BLANK
    found = _outside(tree)
    if not found:
        return None
    for element, attribute, _ in found:
        if attribute:
            element.attrib.pop(attribute, None)
        else:
            element.text = None
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


def svg_parts(archive: zipfile.ZipFile) -> list[str]:
    """The parts of ``archive`` that are SVG pictures, by their content."""
    found = []
    for info in archive.infolist():
        if info.is_dir() or info.file_size == 0:
            continue
        with archive.open(info) as member:
            head = member.read(SNIFF_BYTES)
        if is_svg(head):
            found.append(info.filename)
    return found


MAX_PACKAGE_BYTES = 512 * 1024 * 1024
"""The parts of a package written again with its SVG pictures cleaned, uncompressed, together."""


def without_links(docx: bytes, shown: str) -> Optional[bytes]:
    """The package ``docx`` with no SVG picture naming anything outside
    itself (each such name removed; an unreadable SVG made blank); None if it has no such
    picture, or is no zip. Raises :class:`~vanban.errors.ConversionError` (``shown`` names the
    file) for a package with such a picture and parts too large to copy."""
    from .errors import ConversionError

    try:
        archive = zipfile.ZipFile(io.BytesIO(docx))
        changed = {}
        for name in svg_parts(archive):
            info = archive.getinfo(name)
            rewritten = _without(archive.read(info)) if info.file_size <= MAX_SVG_BYTES else _BLANK
            if rewritten is not None:
                changed[name] = rewritten
        if changed and sum(info.file_size for info in archive.infolist()) > MAX_PACKAGE_BYTES:
            raise ConversionError(shown, f"tệp có ảnh SVG lấy nội dung từ bên ngoài, và lớn hơn {MAX_PACKAGE_BYTES >> 20} "
                                         "MB nên vanban không tạo được bản an toàn để chuyển")
        if not changed:
            return None
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in archive.infolist():
                target.writestr(info, changed[info.filename] if info.filename in changed else archive.read(info))
        return out.getvalue()
    except ConversionError:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        return None  # not a package this module can read: LibreOffice says what the file is
