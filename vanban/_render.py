"""The only module that touches docxtpl and Jinja.

A :class:`Renderer` is configured once and reused: it finds templates by name
through its loaders (an office's own folders first, then the package's), keeps
their bytes in memory, and renders documents with a sandboxed, autoescaping,
strict Jinja environment. It holds no per-document state, so one Renderer may
serve many threads.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
import zipfile
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Optional, Protocol, Union

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2 import TemplateError as JinjaTemplateError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup

from ._display import Block, Run, Runs, TableBlock, display
from ._files import reproducible_zip, write_atomic
from .errors import TemplateError, TemplateNotFoundError
from .profiles import get_profile
from .schemas.document import Document

PathLike = Union[str, Path]

FRAME = "van-ban"
"""Every profile's frame template: letterhead, title, the body loop, closing block."""
BODY_LOOP_START = "{%p for block in body %}"
BODY_LOOP_END = "{%p endfor %}"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"



class TemplateLoader(Protocol):
    """Finds a template's bytes by name (``doan/van-ban.docx``), or None."""

    def load(self, name: str) -> Optional[bytes]: ...

    def describe(self) -> str: ...


class FolderLoader:
    """Templates in an office's own folder, laid out like the package's."""

    def __init__(self, folder: PathLike):
        self.folder = Path(folder)

    def load(self, name: str) -> Optional[bytes]:
        path = self.folder / name
        return path.read_bytes() if path.is_file() else None

    def describe(self) -> str:
        return str(self.folder)


class PackageLoader:
    """The templates shipped in ``vanban/templates``."""

    def load(self, name: str) -> Optional[bytes]:
        path = resources.files("vanban").joinpath("templates", *name.split("/"))
        return path.read_bytes() if path.is_file() else None

    def describe(self) -> str:
        return "vanban/templates"


def _xml_text(text: str) -> str:
    """Escape for XML, and hide braces from docxtpl, which rewrites ``{_{`` after rendering."""
    return escape(text, quote=False).replace("{", "&#123;").replace("}", "&#125;")


def _finalize(value: Any) -> Any:
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return Markup(_xml_text(value))
    return value


class _Runs:
    """Word runs for a ``{{r ... }}`` tag; emphasis adds to the paragraph style."""

    def __init__(self, runs: Iterable[Run]):
        parts = []
        for run in runs:
            props = ("<w:b/>" if run.bold else "") + ("<w:i/>" if run.italic else "")
            props = f"<w:rPr>{props}</w:rPr>" if props else ""
            text = _xml_text(run.text).replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
            parts.append(f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>')
        self.xml = "".join(parts)

    def __html__(self) -> str:
        return self.xml


def _to_template_values(value: Any) -> Any:
    if isinstance(value, Block):
        return {"style": value.style, "runs": _Runs(value.runs)}
    if isinstance(value, TableBlock):
        caption = _Runs(value.caption) if value.caption else None
        return {"style": value.style, "caption": caption, "header": value.header, "rows": value.rows}
    if isinstance(value, Runs):
        return _Runs(value)
    if isinstance(value, list):
        return [_to_template_values(item) for item in value]
    return value


class Renderer:
    """Renders documents to .docx. Configure once, reuse everywhere (thread-safe).

    ``template_dirs`` are an office's own template folders, searched before the
    package's templates, with the same layout (``doan/van-ban.docx``).
    """

    def __init__(self, template_dirs: Iterable[PathLike] = ()):
        self.loaders: list[TemplateLoader] = [FolderLoader(d) for d in template_dirs]
        self.loaders.append(PackageLoader())
        self._templates: dict[str, bytes] = {}
        self._lock = threading.Lock()
        self.environment = SandboxedEnvironment(
            autoescape=True, undefined=StrictUndefined, finalize=_finalize
        )

    def template_bytes(self, name: str) -> bytes:
        """The template called ``name``, from the first loader that has it (cached)."""
        with self._lock:
            cached = self._templates.get(name)
        if cached is not None:
            return cached
        for loader in self.loaders:
            data = loader.load(name)
            if data is not None:
                with self._lock:
                    self._templates[name] = data
                return data
        raise TemplateNotFoundError(name, [loader.describe() for loader in self.loaders])

    def document_template(self, document: Document) -> tuple[str, bytes]:
        """The template for ``document``: the profile's frame, with the type's body template
        spliced in when the type has one (so letterhead and closing block are never copied)."""
        profile = get_profile(document.profile)
        frame_name = f"{profile.name}/{FRAME}.docx"
        body = document.body_template
        if body is None:
            return frame_name, self.template_bytes(frame_name)
        body_name = str(body) if isinstance(body, Path) else f"{profile.name}/{body}.docx"
        key = f"{frame_name}+{body_name}"
        with self._lock:
            cached = self._templates.get(key)
        if cached is None:
            body_bytes = body.read_bytes() if isinstance(body, Path) else self.template_bytes(body_name)
            cached = splice_body(self.template_bytes(frame_name), body_bytes)
            with self._lock:
                self._templates[key] = cached
        return body_name, cached

    def render_bytes(self, document: Document) -> bytes:
        """The .docx of ``document``, as bytes. The same document always gives the same bytes."""
        profile = get_profile(document.profile)
        name, template_bytes = self.document_template(document)
        values = {k: _to_template_values(v) for k, v in display(document, profile).items()}
        values["document"] = document
        template = DocxTemplate(io.BytesIO(template_bytes))
        try:
            template.render(values, jinja_env=self.environment, autoescape=True)
        except JinjaTemplateError as error:
            raise TemplateError(name, str(error)) from error
        _remove_empty_runs(template.docx.element.body)
        _set_properties(template, values, document)
        out = io.BytesIO()
        template.save(out)
        return reproducible_zip(out.getvalue())

    def render(self, document: Document, path: PathLike, *, overwrite: bool = False) -> Path:
        """Write ``document`` to ``path`` atomically; never overwrite unless asked."""
        data = self.render_bytes(document)
        return write_atomic(Path(path), data, overwrite=overwrite)


def splice_body(frame: bytes, body: bytes) -> bytes:
    """Replace the frame's body loop with the body template's paragraphs and tables.

    The body template is a .docx holding only the body part; it uses the frame's
    style names (its own styles are not copied).
    """
    frame_zip = zipfile.ZipFile(io.BytesIO(frame))
    frame_xml = etree.fromstring(frame_zip.read("word/document.xml"))
    body_xml = etree.fromstring(zipfile.ZipFile(io.BytesIO(body)).read("word/document.xml"))
    frame_body = frame_xml.find(_w("body"))
    children = list(frame_body)
    start = next(i for i, e in enumerate(children) if _text(e) == BODY_LOOP_START)
    end = next(i for i in range(start + 1, len(children)) if _text(children[i]) == BODY_LOOP_END)
    for element in children[start:end + 1]:
        frame_body.remove(element)
    insert_at = start
    for element in body_xml.find(_w("body")):
        if element.tag != _w("sectPr"):
            frame_body.insert(insert_at, element)
            insert_at += 1
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in frame_zip.infolist():
            data = frame_zip.read(item.filename)
            if item.filename == "word/document.xml":
                data = etree.tostring(frame_xml, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(item, data)
    return out.getvalue()


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(_w("t"))).strip()


def jinja_source(document_xml: str) -> str:
    """The Jinja source docxtpl would compile from a template's document.xml, one paragraph a line."""
    patched = DocxTemplate.__new__(DocxTemplate).patch_xml(document_xml)
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)


def parse_jinja(source: str):
    """The Jinja syntax tree of ``source`` (raises jinja2.TemplateSyntaxError)."""
    return _CHECK_ENVIRONMENT.parse(source)


_CHECK_ENVIRONMENT = SandboxedEnvironment()


def _remove_empty_runs(body) -> None:
    """docxtpl leaves an empty run on each side of a ``{{r ... }}`` tag; readers need none."""
    for run in list(body.iter(_w("r"))):
        children = [c for c in run if c.tag != _w("rPr")]
        if len(children) == 1 and children[0].tag == _w("t") and not children[0].text:
            run.getparent().remove(run)


def _set_properties(template: DocxTemplate, values: dict, document: Document) -> None:
    properties = template.docx.core_properties
    properties.title = values["document_title"]
    properties.author = values["document_author"]
    properties.last_modified_by = "vanban"
    properties.language = "vi-VN"
    properties.revision = 1
    date = document.date
    stamp = dt.datetime(date.year, date.month or 1, date.day or 1)
    properties.created = properties.modified = stamp
