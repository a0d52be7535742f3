"""The only module that touches docxtpl, and Jinja with ``_sandbox.py`` (its environment).

A :class:`Renderer` is configured once and reused: it finds templates by name
through its loaders (an office's own folders first, then the package's), keeps
their bytes in memory, and renders documents with a sandboxed, autoescaping,
strict Jinja environment (``_sandbox.py``: a template reads what it is given and
changes none of it). It holds no per-document state, so one Renderer may
serve many threads.

Two paths give the same bytes. The reference path is plain docxtpl: load the
.docx, patch and compile its Jinja source, render, save, for every document.
The warm path (:meth:`Renderer.render_bytes`) does the template-only work once
per template (:class:`_WarmTemplate`: the compiled Jinja templates, the text of
``word/document.xml`` before and after the body, every unchanging zip entry
already compressed) and per document renders the body, parses it once (docxtpl's
empty runs cut from the text first), finishes it, serialises it once between the
template's own text, and deflates only the entries that changed. Both run
docxtpl's own post-processing steps, so the warm output is byte-identical to the
reference one (``tests/test_warm_render.py``). :meth:`Renderer.render_bytes` parses
less: the body loop's blocks are written as lxml would serialise their tree and spliced
into the serialisation of the rest, parsed with a marker paragraph in their place
(:class:`_Splice`, ``tests/test_body_splice.py``); :meth:`Renderer.render_checked` builds
the whole tree, which its layout check reads.

A prepared template is kept on disk (``_prepared_cache``, keyed by the template's bytes
and the versions of what prepares it), so that a new process reads it instead of preparing
it again; rendering from it needs neither docxtpl nor python-docx unless the template's
text asks for their steps (a header using values, docxtpl's listing marks or table fixes).

docxtpl, Jinja and lxml are imported when the first document is rendered, not
when vanban is imported.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import threading
import zipfile
import zlib
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Optional, Protocol, Union

from markupsafe import Markup

from ._display import AnnexBlock, Block, DrawnRule, Run, Runs, display
from ._files import _ZIP_EPOCH, reproducible_zip, require_extension, write_atomic
from ._ooxml import (Footnotes, apply_annex_sections, drawn_rule_xml, keep_end_with_closing_block, runs_xml,
                     set_column_widths, style_id, table_xml, xml_text as _xml_text)
from ._tables import TableBlock
from ._template_file import check_template_name, open_template, read_in_folder, read_regular_file
from .errors import TemplateError, TemplateNotFoundError
from .profiles import STYLE_NAMES, get_profile

if TYPE_CHECKING:
    from ._check_report import Report
    from ._sandbox import TemplateLimits
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
    """Templates in an office's own folder, laid out like the package's. Nothing outside the
    folder is read, and only regular files of bounded size (``_template_file``)."""

    def __init__(self, folder: PathLike):
        self.folder = Path(folder)

    def load(self, name: str) -> Optional[bytes]:
        return read_in_folder(self.folder, name)

    def describe(self) -> str:
        return str(self.folder)


class PackageLoader:
    """The templates shipped in ``vanban/templates``: vanban's own files, as trusted as its
    code (``tools/build_templates.py`` writes them, the tests read every one), so they are not
    opened as a foreign template is (``trusted``)."""

    trusted = True

    def load(self, name: str) -> Optional[bytes]:
        path = resources.files("vanban").joinpath("templates", *name.split("/"))
        return path.read_bytes() if path.is_file() else None

    def describe(self) -> str:
        return "vanban/templates"


def _finalize(value: Any) -> Any:
    if isinstance(value, str) and not hasattr(value, "__html__"):
        # a plain {{ ... }} tag stands inside a <w:t>: a non-breaking hyphen (a number symbol in
        # a căn cứ line) is Word's own element, as in runs, not a character fonts may lack
        return Markup(_xml_text(value).replace("\u2011", '</w:t><w:noBreakHyphen/><w:t xml:space="preserve">'))
    return value


class _Xml:
    """Word XML for a ``{{r ... }}`` (runs) or ``{{p ... }}`` (a table) tag, placed as it is.
    ``runs``: written by ``runs_xml`` (whole runs, nothing else: what the body's splice takes)."""

    __slots__ = ("xml", "runs")

    def __init__(self, xml: str, runs: bool = False):
        self.xml = xml
        self.runs = runs

    def __html__(self) -> str:
        return self.xml


def _written(value: Any) -> Optional[str]:
    """What Jinja writes for ``{{ value }}`` in the renderer's environment (finalize, then
    escape), for the values the body loop holds; None for any other value."""
    if type(value) is _Xml:
        return value.xml
    if type(value) is str:
        return str(_finalize(value))
    return None


def _to_template_values(value: Any, notes: Footnotes) -> Any:
    """Display values as the template takes them: runs and tables as Word XML."""
    def runs(items: Iterable[Run]) -> _Xml:
        return _Xml(runs_xml(items, footnotes=notes), runs=True)

    if isinstance(value, Block):
        return {"style": value.style, "runs": runs(value.runs)}
    if isinstance(value, DrawnRule):
        return _Xml(drawn_rule_xml(value.element, value.length_mm, value.container_mm))
    if isinstance(value, TableBlock):
        caption = runs(value.caption) if value.caption else None
        return {"style": value.style, "caption": caption, "table": _Xml(table_xml(value)), "note": value.note}
    if isinstance(value, AnnexBlock):
        return {"label": value.label, "title": runs(value.title) if value.title else None,
                "reference": value.reference, "landscape": value.landscape,
                "body": [_to_template_values(block, notes) for block in value.body]}
    if isinstance(value, Runs):
        return runs(value)
    if isinstance(value, list):
        return [_to_template_values(item, notes) for item in value]
    return value


def _new_environment(limits: Optional[TemplateLimits] = None):
    from jinja2 import StrictUndefined

    from ._sandbox import TemplateLimits, TemplateSandbox

    return TemplateSandbox(autoescape=True, undefined=StrictUndefined, finalize=_finalize,
                           limits=limits or TemplateLimits())


_RUNTIME_ERRORS: tuple[tuple[type, str], ...] = (
    (ZeroDivisionError, "mẫu chia cho 0"),
    (RecursionError, "mẫu gọi lồng nhau quá sâu (một macro hay vòng lặp đệ quy không dừng)"),
    (OverflowError, "một phép tính của mẫu cho số quá lớn"),
    (MemoryError, "mẫu cần quá nhiều bộ nhớ"),
    (ArithmeticError, "một phép tính của mẫu không thực hiện được"),
    (TypeError, "mẫu dùng một giá trị sai kiểu (ví dụ một bộ lọc hay hàm nhận tham số không đúng)"),
    (ValueError, "mẫu dùng một giá trị không hợp lệ"),
    (LookupError, "mẫu đọc một phần tử không có"),
)
_NOT_A_NAMESPACE = "cannot assign attribute on non-namespace object"


def _template_line(error: BaseException) -> Optional[int]:
    """The line of the template's Jinja source where ``error`` happened (innermost), if known."""
    line = getattr(error, "lineno", None)
    traceback = error.__traceback__
    while traceback is not None:  # Jinja rewrites its frames to the template's own lines
        if traceback.tb_frame.f_code.co_filename == "<template>":
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def _line_text(source: Optional[str], line: Optional[int]) -> str:
    """The words of one line of a template's Jinja source (one paragraph a line), shortened."""
    if not source or not line:
        return ""
    lines = source.split("\n")
    if line > len(lines):
        return ""
    text = " ".join(re.sub(r"<[^>]*>", "", lines[line - 1]).split())
    return f" «{text if len(text) <= 80 else text[:77] + '...'}»" if text else ""


def template_error(name: str, error: Exception, source: Optional[str] = None) -> TemplateError:
    """An error a template caused, told in Vietnamese: what happened, and where in the
    template when known (``source``: the Jinja source, to quote the line); the original
    message kept after it."""
    from jinja2 import TemplateRuntimeError, TemplateSyntaxError, UndefinedError
    from jinja2.sandbox import SecurityError
    from lxml.etree import XMLSyntaxError

    from ._sandbox import _LimitExceeded, _OtherTemplateRefused, _Refused

    line = _template_line(error)
    where = f" ở dòng {line} của mẫu{_line_text(source, line)}" if line else ""
    if isinstance(error, (_Refused, _LimitExceeded, _OtherTemplateRefused)):
        message = error.message if isinstance(error, _OtherTemplateRefused) else str(error)
        detail = f"{message.rstrip('.')} ({where.strip()})." if where else message
    elif isinstance(error, SecurityError):
        attribute = re.search(r"attribute '([^']+)'", str(error))
        what = f" (thuộc tính '{attribute.group(1)}')" if attribute else ""
        detail = (f"mẫu không được phép truy cập phần bên trong của Python{what}; lệnh đã bị chặn để "
                  "bảo vệ máy. Chỉ dùng các giá trị vanban cung cấp (xem 'vanban template check').")
    elif isinstance(error, UndefinedError):
        detail = f"mẫu dùng một giá trị vanban không cung cấp{where}. Chi tiết: {error}"
    elif isinstance(error, TemplateSyntaxError):
        detail = f"lỗi cú pháp Jinja ở dòng {error.lineno}{_line_text(source, error.lineno)}. Chi tiết: {error.message}"
    elif isinstance(error, TemplateRuntimeError) and str(error) == _NOT_A_NAMESPACE:
        detail = (f"mẫu gán thuộc tính cho một giá trị vanban cung cấp{where}; mẫu chỉ đọc các giá trị đó, "
                  "và chỉ gán được cho namespace() của chính nó ({% set ns = namespace(n=0) %}{% set ns.n = 1 %}).")
    elif isinstance(error, XMLSyntaxError):
        detail = ("mẫu tạo ra XML không hợp lệ (thường do bộ lọc |safe, hay một thẻ {{r ...}} hoặc {%p ...%} "
                  f"đặt sai chỗ). Chi tiết: {error}")
    else:
        what = next((text for kind, text in _RUNTIME_ERRORS if isinstance(error, kind)), "mẫu gặp lỗi khi chạy")
        detail = f"{what}{where}. Chi tiết: {type(error).__name__}: {error}"
    return TemplateError(name, detail)


class Renderer:
    """Renders documents to .docx. Configure once, reuse everywhere (thread-safe).

    ``template_dirs`` are an office's own template folders, searched before the
    package's templates, with the same layout (``doan/van-ban.docx``).

    The first document of each template pays for loading and compiling it; the
    next ones reuse that work (:meth:`render_bytes`).

    ``limits`` bound what a template may spend on one document (time, steps, sizes:
    :class:`vanban._sandbox.TemplateLimits`).
    """

    def __init__(self, template_dirs: Iterable[PathLike] = (), *, limits: Optional[TemplateLimits] = None):
        self.loaders: list[TemplateLoader] = [FolderLoader(d) for d in template_dirs]
        self.loaders.append(PackageLoader())
        self._templates: dict[str, bytes] = {}
        self._warm: dict[str, _WarmTemplate] = {}
        self._lock = threading.Lock()
        self.environment = _new_environment(limits)

    def template_bytes(self, name: str) -> bytes:
        """The template called ``name``, from the first loader that has it (cached)."""
        with self._lock:
            cached = self._templates.get(name)
        if cached is not None:
            return cached
        check_template_name(name)
        for loader in self.loaders:
            data = loader.load(name)
            if data is not None:
                if not getattr(loader, "trusted", False):  # an office's file: checked before docxtpl opens it
                    open_template(data, name, f"{loader.describe()}/{name}")
                with self._lock:
                    self._templates[name] = data
                return data
        raise TemplateNotFoundError(name, [loader.describe() for loader in self.loaders])

    def _template_key(self, document: Document) -> tuple[str, str]:
        """(name for messages, cache key) of the template ``document`` renders with."""
        profile = get_profile(document.profile_name)
        frame_name = f"{profile.name}/{FRAME}.docx"
        body = document.body_template
        if body is None:
            return frame_name, frame_name
        body_name = str(body) if isinstance(body, Path) else f"{profile.name}/{body}.docx"
        return body_name, f"{frame_name}+{body_name}"

    def document_template(self, document: Document) -> tuple[str, bytes]:
        """The template for ``document``: the profile's frame, with the type's body template
        spliced in when the type has one (so letterhead and closing block are never copied)."""
        profile = get_profile(document.profile_name)
        frame_name = f"{profile.name}/{FRAME}.docx"
        body = document.body_template
        if body is None:
            return frame_name, self.template_bytes(frame_name)
        body_name, key = self._template_key(document)
        with self._lock:
            cached = self._templates.get(key)
        if cached is None:
            if isinstance(body, Path):
                body_bytes = read_regular_file(body, body_name)
                open_template(body_bytes, body_name, body_name)
            else:
                body_bytes = self.template_bytes(body_name)
            cached = splice_body(self.template_bytes(frame_name), body_bytes, frame_name, body_name)
            with self._lock:
                self._templates[key] = cached
        return body_name, cached

    def _values(self, document: Document) -> dict:
        notes = Footnotes()
        values = {k: _to_template_values(v, notes)
                  for k, v in display(document, get_profile(document.profile_name)).items()}
        values["document"] = document
        values[_FOOTNOTES_KEY] = notes
        return values

    def render_bytes(self, document: Document) -> bytes:
        """The .docx of ``document``, as bytes. The same document always gives the same bytes,
        identical to :meth:`reference_render_bytes`."""
        return self._render_bytes(document)

    def render_checked(self, document: Document) -> tuple[bytes, Report]:
        """The .docx of ``document`` (the bytes of :meth:`render_bytes`) and its layout check,
        as ``vanban render`` runs it (``_check.verify``: :class:`~vanban.errors.LayoutError`
        when it breaks a rule vanban must keep). The check reads the document as the render
        built it, its body tree in memory and the template's other parts parsed once per
        template, instead of unzipping and parsing the bytes again; a document it cannot
        read that way (a template with footnotes or with headers that use values) is read
        from its bytes."""
        from ._check import JUST_RENDERED, verify

        kept: dict = {}
        data = self._render_bytes(document, kept)
        view = None
        warm = kept.get("warm")
        if warm is not None:
            try:
                view = warm.view(kept["body"], data, JUST_RENDERED)
            except Exception:  # noqa: BLE001 - read from the bytes instead, where every fault has its message
                view = None
        return data, verify(data, document.profile_name, view)

    def _render_bytes(self, document: Document, kept: Optional[dict] = None) -> bytes:
        name, key = self._template_key(document)
        with self._lock:
            warm = self._warm.get(key)
        if warm is None:
            name, template_bytes = self.document_template(document)
            warm = _WarmTemplate.prepared(name, template_bytes, self.environment)
            with self._lock:
                warm = self._warm.setdefault(key, warm)
        values = self._values(document)
        with self.environment.budget():  # one budget for the body, headers and properties
            if not warm.supported:
                return self._reference(name, warm.source, values, document)
            data = warm.render(values, document, kept)
            if values[_FOOTNOTES_KEY].notes:  # added to the package after: render_checked reads the bytes
                return _with_footnotes(data, values)
            if kept is not None and not warm.parts:  # headers using values differ from one document to the next
                kept["warm"] = warm
            return data

    def reference_render_bytes(self, document: Document) -> bytes:
        """The same bytes as :meth:`render_bytes`, the plain docxtpl way: load the template,
        compile its Jinja source, render, save, every time. Several times slower; kept as
        the reference the warm path is tested and measured against."""
        name, template_bytes = self.document_template(document)
        values = self._values(document)
        return _with_footnotes(self._reference(name, template_bytes, values, document), values)

    def _reference(self, name: str, template_bytes: bytes, values: dict, document: Document) -> bytes:
        from docxtpl import DocxTemplate

        try:
            template = DocxTemplate(io.BytesIO(template_bytes))
            with self.environment.budget():
                template.render(values, jinja_env=self.environment, autoescape=True)
        except Exception as error:  # noqa: BLE001 - whatever a template does is the template's error
            raise template_error(name, error) from error
        _finish_body(template.docx.element.body, values, document)
        _set_properties(template.docx.core_properties, *_property_values(values, document))
        out = io.BytesIO()
        template.save(out)
        return reproducible_zip(out.getvalue())

    def render(self, document: Document, path: PathLike, *, overwrite: bool = False) -> Path:
        """Write ``document`` to ``path`` (a name ending in .docx) atomically; never overwrite
        unless asked."""
        require_extension(Path(path), ".docx", "vanban.render")
        data = self.render_bytes(document)
        return write_atomic(Path(path), data, overwrite=overwrite)


# --- the warm path ----------------------------------------------------------------

# docxtpl renders these core properties as Jinja templates (DocxTemplate.render_properties).
_TEMPLATED_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_CENTRAL_OFFSET_FIELD = 42  # where a central directory record holds its local header's offset


class _WarmTemplate:
    """One template, prepared once: what stays the same from one document to the next.

    Kept: the compiled Jinja template of the body (from docxtpl's own patched
    source), of each header or footer that uses values, and of each templated
    core property; the document part and the core properties as they are before
    rendering; and every other zip entry as finished bytes (local record and
    central directory record, compressed once). Immutable after construction,
    so threads share it.
    """

    def __init__(self, name: str, source: bytes, environment):
        from docx.opc.oxml import serialize_part_xml
        from docxtpl import DocxTemplate
        from jinja2 import meta

        from ._body_loop import split_body_loop

        self.name = name
        self.source = source
        self.environment = environment
        self._lock = threading.Lock()
        self._shared = self._shell = None  # the checker's view of the template's parts (view())
        self._splice: Optional[_Splice] = None  # how the body loop's text is spliced (_splice_plan())
        self.supported = True
        jinja_source = None
        try:
            template = DocxTemplate(io.BytesIO(source))
            template.render_init()
            package = template.docx.part.package
            if any(part.content_type == _FOOTNOTES for part in package.iter_parts()):
                # docxtpl renders footnotes as raw blobs; such templates take the reference path
                self.supported = False
                return
            self.body_source = jinja_source = _jinja_source(template.patch_xml(template.get_xml()))
            tree = environment.parse(jinja_source)
            # the frame's body loop, when it has the frame's shape, is written by Python (_body_loop)
            self.body_loop = split_body_loop(tree, _written)
            _strip_paragraph_newlines(tree, self.body_loop)
            self._codes: dict[str, Any] = {"outside": environment.compile(tree)}  # kept on disk (prepared())
            self._outside_loop = _from_code(environment, self._codes["outside"])
            self._body = None if self.body_loop else self._outside_loop
            self.parts: dict[str, tuple[Any, str, str]] = {}  # zip name -> (compiled header, encoding, source)
            for uri in (template.HEADER_URI, template.FOOTER_URI):
                for rel_key, part in list(template.get_headers_footers(uri)):
                    xml = template.get_part_xml(part)
                    encoding = template.get_headers_footers_encoding(xml)
                    jinja_source = _jinja_source(template.patch_xml(xml))
                    if _plain_text(jinja_source):  # Jinja would write it as it is: nothing to compile
                        template.map_headers_footers_xml(rel_key, _after_render(template, jinja_source).encode(encoding))
                        continue
                    tree = environment.parse(jinja_source)
                    uses_values = meta.find_undeclared_variables(tree)
                    code = environment.compile(tree)
                    compiled = _from_code(environment, code)
                    if uses_values:
                        self.parts[part.partname.lstrip("/")] = (compiled, encoding, jinja_source)
                        self._codes[part.partname.lstrip("/")] = code
                    else:  # the same for every document: done once, kept with the static entries
                        rendered = _after_render(template, compiled.render({}))
                        template.map_headers_footers_xml(rel_key, rendered.encode(encoding))
            core_part = package._core_properties_part  # created as docxtpl would, if missing
            core = core_part.core_properties
            jinja_source = None
            self.properties: dict[str, Any] = {}  # a compiled template, or its text when it uses no value
            for prop in _TEMPLATED_PROPERTIES:
                jinja_source = getattr(core, prop)
                if _plain_text(jinja_source):
                    self.properties[prop] = jinja_source
                    continue
                tree = environment.parse(jinja_source)
                uses_values = meta.find_undeclared_variables(tree)
                code = environment.compile(tree)
                compiled = _from_code(environment, code)
                self.properties[prop] = compiled if uses_values else compiled.render({})
                if uses_values:
                    self._codes[f"property:{prop}"] = code
            jinja_source = None
        except Exception as error:  # noqa: BLE001 - reading and compiling the template: its error
            raise template_error(name, error, jinja_source) from error
        self.core_name = core_part.partname.lstrip("/")
        self.core_xml = serialize_part_xml(core_part.element)
        self.core_pieces = _core_pieces(self.core_xml, self.properties)
        self.document_name = template.docx.part.partname.lstrip("/")
        self.document_xml = serialize_part_xml(template.docx.element)
        self.around_body = _around_body(template.docx.element)
        saved = io.BytesIO()
        template.docx.save(saved)
        self.entries = _zip_records(reproducible_zip(saved.getvalue()))
        changing = {self.document_name, self.core_name, *self.parts}
        self.static = {name: records for name, records in self.entries if name not in changing}

    @property
    def body(self):
        """The body's compiled Jinja template, loop included (compiled when first needed: the
        loop is written by :attr:`body_loop` when it can be)."""
        if self._body is None:
            compiled = self.environment.from_string(self.body_source)
            with self._lock:
                if self._body is None:
                    self._body = compiled
        return self._body

    def _render_body(self, values: dict) -> str:
        if self.body_loop is not None:
            written = self.body_loop.render(values.get(self.body_loop.iterable), self.environment)
            if written is not None:
                return self._outside_loop.render({**values, self.body_loop.slot: Markup(written)})
        return self.body.render(values)

    def _render_split_body(self, values: dict) -> tuple[str, Optional[_Head]]:
        """The rendered body as :meth:`_render_body` renders it, or, when the body loop's first
        blocks can be spliced (:class:`_Splice`), the body with the marker paragraph where
        they go and those blocks' text (:class:`_Head`). The loop's blocks are counted
        against the template's budget once either way, and the characters it writes as if
        Jinja wrote them where the loop stood."""
        loop = self.body_loop
        blocks = values.get(loop.iterable) if loop is not None else None
        if type(blocks) not in (list, tuple) or len(blocks) < 2:
            return self._render_body(values), None
        plan = self._splice_plan()
        if not plan.branches:
            return self._render_body(values), None
        split = loop.render_split(blocks, self.environment, plan.branches, _spliced_value)
        if split is None:  # a block Jinja must write (as _render_body)
            return self.body.render(values), None
        head_text, head_length, count, rest = split
        head = _spliced_bytes(head_text) if head_text else None
        if head is not None:
            text = self._outside_loop.render({**values, loop.slot: _CountedAs(plan.mark + rest, head_length + len(rest))})
            if text.count(plan.mark) == 1:
                return text, _Head(head, blocks[:count], plan)
            # the template wrote the marker's (random) text itself: Jinja writes the whole body
            return self.body.render(values), None
        written = loop.write(blocks[:count])
        if written is None:
            return self.body.render(values), None
        return self._outside_loop.render({**values, loop.slot: Markup(written + rest)}), None

    def _unsplit(self, rendered: str, head: _Head) -> str:
        """The body :meth:`_render_body` renders, from the one :meth:`_render_split_body`
        rendered with the marker (its head's blocks written again, not counted again)."""
        written = self.body_loop.write(head.blocks)
        if written is None:  # the splice wrote them: the loop writes them too
            raise AssertionError("the body loop refused blocks its splice wrote")
        return rendered.replace(head.plan.mark, written, 1)

    def _whole_body(self, rendered: str, head: Optional[_Head]) -> Any:
        """The body's tree from the text the loop rendered (with the marker when ``head`` is
        given), as without the splice: parsed whole, its drawings numbered."""
        if head is not None:
            rendered = self._unsplit(rendered, head)
        body = _parse_body(rendered, around=self.around_body)
        _renumber_drawings(body)
        return body

    def _splice_plan(self) -> _Splice:
        """How this template's body loop is spliced, worked out when first needed."""
        plan = self._splice
        if plan is None:
            plan = _Splice(self.body_source, self.body_loop.branches)
            with self._lock:
                if self._splice is None:
                    self._splice = plan
                plan = self._splice
        return plan

    def render(self, values: dict, document: Document, kept: Optional[dict] = None) -> bytes:
        """The document's bytes; ``kept`` (when given) gets its finished body tree.

        docxtpl and python-docx are imported only for what the template's text needs of
        them (a header using values, core properties not written by :func:`_core_text`,
        docxtpl's listing marks or table fixes): a prepared template read from the cache
        renders the frame without them."""
        source = self.body_source
        try:
            if kept is None:  # the body loop's text spliced into the rest's serialisation, if it can be
                body_text, head = self._render_split_body(values)
            else:  # the whole tree is wanted
                body_text, head = self._render_body(values), None
            body = _parse_body(body_text, quick_only=True) if head is not None else None
            if body is None:
                body, head = self._whole_body(body_text, head), None
            else:
                _renumber_drawings(body)
            changed: dict[str, bytes] = {}
            for name, (compiled, encoding, source) in self.parts.items():
                from docx.opc.oxml import serialize_part_xml
                from docx.oxml.parser import parse_xml

                rendered = _after_render(_docxtpl_helper(), compiled.render(values)).encode(encoding)
                changed[name] = serialize_part_xml(parse_xml(rendered))
            source = None
            rendered_properties = {prop: t if isinstance(t, str) else t.render(values)
                                   for prop, t in self.properties.items()}
        except Exception as error:  # noqa: BLE001 - the template's code and the XML it wrote
            raise template_error(self.name, error, source) from error
        _finish_body(body, values, document)
        document_xml = self._spliced_document(body, head) if head is not None else None
        if document_xml is None and head is not None:
            # the finishing steps reached the marker (the closing block's keep), or the body is
            # not written by splicing: the whole body's tree, as without the splice
            try:
                body = self._whole_body(body_text, head)
            except Exception as error:  # noqa: BLE001 - as above (the marker's body parsed, this one does too)
                raise template_error(self.name, error, self.body_source) from error
            _finish_body(body, values, document)
        changed[self.document_name] = document_xml if document_xml is not None else self._document(body)
        if kept is not None:
            kept["body"] = body

        title, author, stamp = _property_values(values, document)
        core = _core_text(self.core_pieces, rendered_properties, title, author, stamp)
        if core is None:
            from docx.opc.coreprops import CoreProperties
            from docx.opc.oxml import serialize_part_xml
            from docx.oxml.parser import parse_xml

            element = parse_xml(self.core_xml)
            properties = CoreProperties(element)
            for prop, text in rendered_properties.items():
                setattr(properties, prop, text)
            _set_properties(properties, title, author, stamp)
            core = serialize_part_xml(element)
        changed[self.core_name] = core
        return self._zip(changed)

    # -- kept on disk from one process to the next (_prepared_cache)

    @classmethod
    def prepared(cls, name: str, source: bytes, environment) -> "_WarmTemplate":
        """The template ``source`` prepared: read from the cache of prepared templates when
        it holds it, else prepared here and kept there for the next process."""
        from . import _prepared_cache

        cache_key = _cache_key(source, environment)
        if cache_key is not None:
            kept = _prepared_cache.load(cache_key)
            if kept is not None:
                try:
                    return cls._from_kept(name, source, environment, kept)
                except Exception:  # noqa: BLE001 - a file that does not hold what this vanban keeps
                    pass
        warm = cls(name, source, environment)
        if cache_key is not None and warm.supported:
            _prepared_cache.store(cache_key, warm._kept())
        return warm

    def _kept(self) -> dict:
        """What :meth:`_from_kept` needs, in the types :mod:`marshal` writes."""
        return {
            "body_source": self.body_source,
            "branches": self.body_loop.branches if self.body_loop is not None else None,
            "codes": self._codes,
            "parts": {name: (encoding, source) for name, (_, encoding, source) in self.parts.items()},
            "properties": {prop: value for prop, value in self.properties.items() if isinstance(value, str)},
            "core": (self.core_name, self.core_xml, self.core_pieces),
            "document": (self.document_name, self.document_xml, self.around_body),
            "entries": self.entries,
        }

    @classmethod
    def _from_kept(cls, name: str, source: bytes, environment, kept: dict) -> "_WarmTemplate":
        from ._body_loop import BodyLoop

        warm = cls.__new__(cls)
        warm.name, warm.source, warm.environment = name, source, environment
        warm._lock = threading.Lock()
        warm._shared = warm._shell = None
        warm._splice = None
        warm.supported = True
        warm.body_source = kept["body_source"]
        branches = kept["branches"]
        warm.body_loop = BodyLoop(branches, _written) if branches is not None else None
        warm._codes = codes = kept["codes"]
        warm._outside_loop = _from_code(environment, codes["outside"])
        warm._body = None if warm.body_loop else warm._outside_loop
        warm.parts = {part: (_from_code(environment, codes[part]), encoding, part_source)
                      for part, (encoding, part_source) in kept["parts"].items()}
        warm.properties = {prop: kept["properties"][prop] if prop in kept["properties"]
                           else _from_code(environment, codes[f"property:{prop}"])
                           for prop in _TEMPLATED_PROPERTIES}
        warm.core_name, warm.core_xml, warm.core_pieces = kept["core"]
        warm.document_name, warm.document_xml, warm.around_body = kept["document"]
        warm.entries = [(entry, tuple(records)) for entry, records in kept["entries"]]
        changing = {warm.document_name, warm.core_name, *warm.parts}
        warm.static = {entry: records for entry, records in warm.entries if entry not in changing}
        return warm

    def view(self, body, data: bytes, name: str):
        """The layout checker's view (``_docx_read.DocxView``) of a document this template
        rendered: ``body``, its finished body tree, in the template's document element (parsed
        in it, or put in a copy of it), and
        the template's other parts, which are the same in every document it renders (read
        from the first document's bytes ``data``, once)."""
        import copy

        from ._docx_read import DocxView, Package, SharedParts

        with self._lock:
            shared, shell = self._shared, self._shell
        if shared is None:
            with Package(data, name) as package:
                shared, root = SharedParts(package), package.xml("word/document.xml")
            shell = root
            old = shell.find(f"{{{_W}}}body")
            if old is not None:
                shell.replace(old, shell.makeelement(f"{{{_W}}}body"))
            with self._lock:
                if self._shared is None:
                    self._shared, self._shell = shared, shell
                shared, shell = self._shared, self._shell
        root = body.getparent()
        if root is None:  # parsed alone (docxtpl's fix_tables)
            if len(shell) == 1 and shell[0].tag == body.tag:  # the document element holds the body alone:
                return DocxView.from_parts(body, shared, name)  # read as it stands (moving it walks it all)
            root = copy.deepcopy(shell)  # the document element without its body: a few elements
            old = root.find(f"{{{_W}}}body")
            if old is None:
                raise ValueError("the body has no place of its own in the document element")
            root.replace(old, body)
        elif root.getparent() is not None or root.tag != shell.tag or len(root) != len(shell):
            raise ValueError("the body is not in a document element as the template's")
        return DocxView.from_parts(root, shared, name)

    def _document(self, body) -> bytes:
        """``word/document.xml`` around the finished ``body``, as python-docx would save it
        with ``body`` put in the template's place: the serialised body spliced between the
        template's own serialised text before and after it. The body's namespace
        declarations are the document's own (docxtpl writes them on it), which lxml drops
        when the body is moved into the document; a body declaring anything else is moved
        as a tree, as the reference path does."""
        inner = _body_inner(body, self.around_body)
        if inner is None:
            from lxml import etree
            from docx.opc.oxml import serialize_part_xml

            root = etree.fromstring(self.document_xml, _document_parser())  # as python-docx parses it
            root.replace(root.find(f"{{{_W}}}body"), body)
            return serialize_part_xml(root)
        before, after, _ = self.around_body
        return before + inner + after

    def _spliced_document(self, body, head: _Head) -> Optional[bytes]:
        """``word/document.xml`` as :meth:`_document` writes it for the whole body: ``body``
        (finished, the marker paragraph standing for the head) serialised, the head's text
        in the marker's place; None when the marker is not there once as it was written."""
        inner = _body_inner(body, self.around_body)
        if inner is None:
            return None
        mark = head.plan.mark_xml
        at = inner.find(mark)
        if at < 0 or inner.find(mark, at + len(mark)) >= 0:
            return None
        before, after, _ = self.around_body
        return b"".join((before, inner[:at], head.data, inner[at + len(mark):], after))

    def _zip(self, changed: dict[str, bytes]) -> bytes:
        """The zip reproducible_zip would write: static records as they are, changed
        entries compressed now, offsets recomputed."""
        records = dict(self.static)
        for name, data in changed.items():
            records[name] = _zip_record(name, data)
        local_parts: list[bytes] = []
        central_parts: list[bytes] = []
        offset = 0
        for name, _ in self.entries:
            local, central = records[name]
            central = bytearray(central)
            struct.pack_into("<L", central, _CENTRAL_OFFSET_FIELD, offset)
            local_parts.append(local)
            central_parts.append(bytes(central))
            offset += len(local)
        directory = b"".join(central_parts)
        end = struct.pack(
            zipfile.structEndArchive, zipfile.stringEndArchive, 0, 0,
            len(central_parts), len(central_parts), len(directory), offset, 0,
        )
        return b"".join(local_parts) + directory + end


_DOCXTPL_EMPTY_RUN = '<w:r><w:t xml:space="preserve"></w:t></w:r>'
"""The run docxtpl's patching leaves on each side of a ``{{r ... }}`` tag."""
_EMPTY_RUN_IN_CONTENT = (">" + _DOCXTPL_EMPTY_RUN + "<").encode()
"""The run between two tags, with those tags' ends: replaced by ``><``. Of two such runs in a
row the second is left (its ``>`` went with the first); ``_remove_empty_runs`` removes it."""


def _parse_body(rendered: str, quick_only: bool = False, around: Optional[tuple] = None):
    """The rendered body after docxtpl's steps (:func:`_after_render`) as docxtpl's
    ``fix_tables`` parses it, less docxtpl's own empty runs.

    docxtpl parses the body with a recovering parser and fixes the grid of each table whose
    rows have more or fewer cells than its columns. Here docxtpl's text replacements are made
    on the UTF-8 bytes (the same replacements: they replace ASCII, which UTF-8 never holds
    inside another character; searching bytes is several times quicker than searching text
    that is not Latin-1), the empty runs docxtpl leaves around ``{{r ... }}`` tags (two a
    paragraph) are cut where they stand between two tags (no text after them, which
    removing the element would also remove), and the bytes are parsed as the text would be;
    when the text was not well-formed XML (the cut could change what the parser recovers)
    or a table's grid needs fixing, docxtpl's own ``fix_tables`` parses the text as
    rendered. Either way ``_remove_empty_runs`` then removes every empty run, so the result
    is the same. ``quick_only``: None instead of docxtpl's parse. ``around``
    (``_WarmTemplate.around_body``): the quick parse reads the body inside the template's
    document element, where the layout check reads it (``_WarmTemplate.view``), instead of
    alone (moving a parsed body into another document walks all of it)."""
    from lxml import etree

    data = rendered.encode("utf-8")
    # each replacement only where what it replaces can be: a byte's absence is found at
    # memory speed, where searching for a pattern starting with '<' stops at every tag
    if b"\n" in data:  # the template's own were taken out when it was prepared
        data = data.replace(b"\n<w:p ", b"<w:p ").replace(b"\n<w:p>", b"<w:p>")
    if b"_" in data:
        data = data.replace(b"{_{", b"{{").replace(b"}_}", b"}}").replace(b"{_%", b"{%").replace(b"%_}", b"%}")
    if any(mark in data for mark in _LISTING_MARKS_UTF8):
        data = _docxtpl_helper().resolve_listing(data.decode("utf-8")).encode("utf-8")
    if (b"!" not in data and b"?" not in data) \
            or (b"<!--" not in data and b"<![CDATA[" not in data and b"<?" not in data):
        # fix_tables' parser, with nothing resolved or loaded from outside said explicitly (what a
        # template wrote comes from an office's file)
        parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, load_dtd=False)
        cut = data.replace(_EMPTY_RUN_IN_CONTENT, b"><")
        if around and around[0].endswith(b"<w:body>") and around[1].startswith(b"</w:body>"):
            body = etree.fromstring(around[0][:-8] + cut + around[1][9:], parser=parser).find(f"{{{_W}}}body")
        else:
            body = etree.fromstring(cut, parser=parser)
        if body is not None and not parser.error_log and body.nsmap.get("w") == _W \
                and not any(_grid_needs_fixing(table) for table in body.iter(f"{{{_W}}}tbl")):
            return body
    if quick_only:
        return None
    return _docxtpl_helper().fix_tables(data.decode("utf-8"))


# --- the body loop's text spliced into the serialised body --------------------------------


class _CountedAs(Markup):
    """Text written in place of longer text, counted by the template's budget as that text
    (``length`` characters): the marker paragraph that stands for the spliced blocks."""

    length = 0

    def __new__(cls, text: str, length: int) -> "_CountedAs":
        made = super().__new__(cls, text)
        made.length = length
        return made

    def __len__(self) -> int:
        return self.length


def _spliced_value(value: Any) -> Optional[str]:
    """A value as the splice writes it: runs only (``runs_xml``'s, whole ``w:r`` elements
    written as lxml writes them but for what :func:`_spliced_bytes` looks for), not empty."""
    if type(value) is _Xml and value.runs and value.xml:
        return value.xml
    return None


_SPLICE_LIMIT = 10_000_000
"""The longest spliced text: libxml2's longest text node (without ``huge_tree``), which the
tree path's parse would refuse, cannot be in a shorter one."""
_CONTROLS_AND_AMPERSANDS = bytes(range(0x20, 0x100)).replace(b"&", b"")
"""Every byte but the controls (which the parser refuses, or docxtpl turns into elements: its
listing marks tab, line feed, bell, form feed) and ``&``: deleted, what is left is those."""


def _spliced_bytes(text: str) -> Optional[bytes]:
    """The spliced blocks' text as lxml writes their tree: UTF-8, the braces vanban hides from
    docxtpl as the characters; None when lxml would write it otherwise (an empty text
    element, which lxml writes ``<w:t/>``, or an empty run the tree path removes; a character
    reference it writes as the character; a character the parser refuses) or docxtpl would
    change it (a listing mark), or when it is too long. (Each test is a search at memory
    speed: a regular expression's character class is several times slower here.)"""
    if "\ufffe" in text or "\uffff" in text or "></w:t>" in text:
        return None
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: the tree path says so
        return None
    if len(data) > _SPLICE_LIMIT:
        return None
    left = data.translate(None, _CONTROLS_AND_AMPERSANDS)
    if left.strip(b"&"):  # a control character
        return None
    if left and b"&#" in data:
        data = data.replace(b"&#123;", b"{").replace(b"&#125;", b"}")
        if b"&#" in data:
            return None
    return data


class _Head:
    """The body loop's first blocks, spliced: their text as the tree path would serialise it
    (``data``), the blocks (to write them again when the splice cannot be used), the plan."""

    __slots__ = ("data", "blocks", "plan")

    def __init__(self, data: bytes, blocks: Union[list, tuple], plan: "_Splice"):
        self.data, self.blocks, self.plan = data, blocks, plan


_SAMPLE_RUNS = '<w:r><w:t xml:space="preserve">x</w:t></w:r>'
_NEIGHBOUR = "\n<w:p><w:r><w:t>n</w:t></w:r></w:p>"
_NOT_SPLICED = re.compile(r"[\x00-\x1f\ue000\ue001]|&#|<!|<\?|xmlns")
"""What a spliced branch may not hold: controls and listing marks, the marker's characters,
character references, comments, CDATA sections and processing instructions, namespace
declarations."""
_MOST_IFS = 6
"""A branch with more ``if``s than this is not spliced (each combination is tried)."""


class _Splice:
    """How the body loop's text is written into the body's serialisation without its tree.

    The body is rendered with a marker paragraph (``mark``, random per template: a template
    cannot write it) in place of the loop's first blocks and parsed, the finishing steps run
    on that small tree, and the blocks' text goes where the marker's serialisation
    (``mark_xml``) stands. That text is what the tree path serialises when each block is
    written by a branch of ``branches`` (a style's pieces with docxtpl's newline before a
    paragraph and its empty runs taken out, and how many characters that leaves out) with
    values that are whole runs (:func:`_spliced_value`, :func:`_spliced_bytes`), and when
    the block is not the loop's last (the closing block's keep reaches back from the end).

    A branch is taken only when, for every combination of its ``if``s, the tree path gives
    its text between two paragraphs for a sample run in each value: the same steps (docxtpl's
    replacements, the parse, the empty runs removed, the serialisation) on the template's own
    body element; and only when it starts a paragraph and ends one (nothing around it is
    read with it: a tail, docxtpl's replacements and listing paragraphs stop there), holds
    no table (the letterhead's widths go to the body's first), no drawing (numbered in
    order), no paragraph of the annex label's style (a section break goes before each) and
    nothing of :data:`_NOT_SPLICED`."""

    def __init__(self, body_source: str, branches: dict[str, tuple]):
        import os

        self.mark = f"\n<w:p><w:r><w:t>\ue000vanban {os.urandom(8).hex()}\ue001</w:t></w:r></w:p>"
        self.mark_xml = self.mark[1:].encode("utf-8")
        start = body_source[:body_source.find(">") + 1]
        self.branches: dict[str, tuple] = {}
        if not start.startswith("<w:body") or "{" in start or "\ue000" in body_source:
            return
        for style, pieces in branches.items():
            spliced = _spliced_branch(pieces)
            if _splices_as_the_tree(start, pieces, spliced):
                self.branches[style] = spliced


def _spliced_branch(pieces: tuple) -> tuple:
    """A branch's pieces as the splice writes them, and the characters they leave out."""
    out: list = []
    left_out = 0
    for piece in pieces:
        if type(piece) is str:
            cleaned = piece.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>").replace(_DOCXTPL_EMPTY_RUN, "")
            left_out += len(piece) - len(cleaned)
            if out and type(out[-1]) is str:
                out[-1] += cleaned
            elif cleaned:
                out.append(cleaned)
        elif piece[0] == "value":
            out.append(piece)
        else:
            out.append(("if", piece[1], _spliced_branch(piece[2])))
    return tuple(out), left_out


def _ifs(pieces: tuple, spliced: bool) -> int:
    return sum(1 + _ifs(piece[2][0] if spliced else piece[2], spliced)
               for piece in pieces if type(piece) is tuple and piece[0] == "if")


def _sample(pieces: tuple, flags: list[bool], at: list[int], spliced: bool) -> tuple[str, int]:
    """A branch's text with a sample run for each value and the ``if``s taken as ``flags``
    says (in the order they stand, nested ones included), and the characters it leaves out."""
    if spliced:
        pieces, left_out = pieces
    else:
        left_out = 0
    out = []
    for piece in pieces:
        if type(piece) is str:
            out.append(piece)
        elif piece[0] == "value":
            out.append(_SAMPLE_RUNS)
        else:
            taken = flags[at[0]]
            at[0] += 1
            text, left = _sample(piece[2], flags, at, spliced)
            if taken:
                out.append(text)
                left_out += left
    return "".join(out), left_out


def _splices_as_the_tree(start: str, pieces: tuple, spliced: tuple) -> bool:
    """Whether the tree path serialises ``pieces`` as ``spliced`` writes them (:class:`_Splice`)."""
    from lxml import etree

    count = _ifs(pieces, False)
    if count > _MOST_IFS or count != _ifs(spliced[0], True):
        return False
    neighbour = _NEIGHBOUR[1:].encode()
    label = style_id(STYLE_NAMES["annex_label"])
    for combination in range(2 ** count):
        flags = [bool(combination >> index & 1) for index in range(count)]
        raw, _ = _sample(pieces, flags, [0], False)
        text, left_out = _sample(spliced, flags, [0], True)
        if not raw:
            if text:
                return False
            continue
        if not raw.startswith(("\n<w:p>", "\n<w:p ")) or not raw.endswith("</w:p>") \
                or len(raw) != len(text) + left_out or _NOT_SPLICED.search(text):
            return False
        body = _parse_body(f"{start}{_NEIGHBOUR}{raw}{_NEIGHBOUR}</w:body>", quick_only=True)
        if body is None:
            return False
        _remove_empty_runs(body)
        if any(True for _ in body.iter(f"{{{_W}}}tbl", f"{{{_WP}}}docPr")) \
                or any(style.get(f"{{{_W}}}val") == label for style in body.iter(f"{{{_W}}}pStyle")):
            return False
        data = etree.tostring(body, encoding="utf-8")
        if data[data.index(b">") + 1:] != neighbour + text.encode("utf-8") + neighbour + b"</w:body>":
            return False
    return True


_PARAGRAPH_NEWLINE = re.compile(r"(?<=[^\n])\n(?=<w:p[ >])")
"""A newline :func:`_jinja_source` put before a paragraph, which docxtpl takes out of the
rendered text (each newline followed by ``<w:p `` or ``<w:p>``): taken out of the template's
text beforehand where that is certain, that is where the newline and what follows it are in
one piece of the template's text and what precedes it is not a newline (in ``\n\n<w:p>``
docxtpl takes out the second only; the first, left, is then not followed by ``<w:p>`` in
the rendered text, and must not be taken out when the rendered text is searched again)."""


def _strip_paragraph_newlines(tree, body_loop) -> None:
    """Take the newlines docxtpl would take out of the rendered text out of the template's
    text (``tree``'s and the Python body loop's) instead, so that a rendered body holding
    no newline is not searched for them (:func:`_parse_body`)."""
    from jinja2 import nodes

    for data in tree.find_all(nodes.TemplateData):
        data.data = _PARAGRAPH_NEWLINE.sub("", data.data)
    if body_loop is not None:
        body_loop.branches = {style: _stripped_pieces(pieces) for style, pieces in body_loop.branches.items()}


def _stripped_pieces(pieces: tuple) -> tuple:
    return tuple(_PARAGRAPH_NEWLINE.sub("", piece) if isinstance(piece, str)
                 else (*piece[:2], _stripped_pieces(piece[2])) if piece[0] == "if" else piece
                 for piece in pieces)


def _docxtpl_helper():
    """docxtpl's post-processing steps, without a file (imported only when needed)."""
    from docxtpl import DocxTemplate

    helper = DocxTemplate.__new__(DocxTemplate)
    helper.docx_ids_index = 1000
    return helper


_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_FIRST_DRAWING_ID = 1001
"""docxtpl numbers the drawings of a rendered body from 1001 (``fix_docpr_ids``, its
``docx_ids_index`` of 1000 counted up before each)."""


def _renumber_drawings(body) -> None:
    """Give each drawing of ``body`` its own id, in document order, as docxtpl's
    ``fix_docpr_ids`` does after rendering (a body repeated by a loop repeats its ids)."""
    for number, element in enumerate(body.iter(f"{{{_WP}}}docPr"), _FIRST_DRAWING_ID):
        element.attrib["id"] = str(number)


def _from_code(environment, code):
    """The Jinja template of ``code`` (``environment.compile``'s), as ``from_string`` makes it."""
    return environment.template_class.from_code(environment, code, environment.make_globals(None), None)


_PREPARING_MODULES = ("_render", "_body_loop", "_sandbox", "_files", "_template_file")
"""vanban's modules whose code decides what a prepared template holds."""


def _cache_key(source: bytes, environment) -> Optional[str]:
    """The name of ``source``'s prepared form in the cache: its bytes, the versions of every
    program that prepares it (vanban's own modules and docxtpl's and python-docx's packages
    by their files' size and time, as Python's bytecode cache tells a changed module), and
    the environment's limits. None when a version cannot be told."""
    import sys
    from importlib.util import find_spec

    import jinja2
    from lxml import etree

    from . import __version__, _prepared_cache

    try:
        here = Path(__file__).parent
        files = [here / f"{module}.py" for module in _PREPARING_MODULES]
        for package in ("docxtpl", "docx"):  # found, not imported (importlib.metadata reads every package's)
            spec = find_spec(package)
            if spec is None or not spec.origin:
                return None
            files.append(Path(spec.origin))
        stamps = [(str(path), path.stat().st_size, path.stat().st_mtime_ns) for path in files]
        versions = (__version__, sys.version, jinja2.__version__, etree.LXML_VERSION, etree.LIBXML_VERSION)
    except (OSError, ImportError, ValueError):
        return None
    return _prepared_cache.key(_prepared_cache.FORMAT, versions, stamps, type(environment).__qualname__,
                               getattr(environment, "limits", None), source)


def _grid_needs_fixing(table) -> bool:
    """Whether docxtpl's ``fix_tables`` would change this table's grid: a row with more cells
    than the grid has columns, or no row as wide (cells counted by their span) as the grid."""
    grid = table.find(f"{{{_W}}}tblGrid")
    if grid is None:
        return True  # fix_tables fails on it: let it say so
    columns = len(grid.findall(f"{{{_W}}}gridCol"))
    widest = 0
    for row in table.iter(f"{{{_W}}}tr"):
        cells = row.findall(f"{{{_W}}}tc")
        if len(cells) > columns:
            return True
        width = 0
        for cell in cells:
            span = cell.find(f"{{{_W}}}tcPr/{{{_W}}}gridSpan")
            width += 1 if span is None else int(span.get(f"{{{_W}}}val"))
        widest = max(widest, width)
    return widest < columns


def _around_body(root) -> tuple[bytes, bytes, dict]:
    """The template's ``word/document.xml`` as python-docx saves it, cut where the body's
    content goes: (text up to ``<w:body>``, text from ``</w:body>``, the root's namespaces).
    Empty when the body cannot be cut out that way (attributes on it, a second body)."""
    import copy

    from docx.opc.oxml import serialize_part_xml

    shell = copy.deepcopy(root)
    body = shell.find(f"{{{_W}}}body")
    if body is None or body.attrib:
        return b"", b"", {}
    for child in list(body):
        body.remove(child)
    body.text = None
    text = serialize_part_xml(shell)
    parts = text.split(b"<w:body/>")
    if len(parts) != 2:
        return b"", b"", {}
    return parts[0] + b"<w:body>", b"</w:body>" + parts[1], dict(root.nsmap)


def _body_inner(body, around: tuple[bytes, bytes, dict]) -> Optional[bytes]:
    """The content of ``body`` serialised in UTF-8 (what stands between ``<w:body>`` and
    ``</w:body>`` in the document), or None when splicing it would not give python-docx's
    bytes."""
    from lxml import etree

    before, _, namespaces = around
    if not before or body.attrib or body.tail or body.tag != f"{{{_W}}}body" \
            or body.prefix != "w" or any(namespaces.get(prefix) != uri for prefix, uri in body.nsmap.items()):
        return None
    data = etree.tostring(body, encoding="utf-8")  # no XML declaration for UTF-8
    start = data.index(b">") + 1  # attribute values are written with '>' escaped
    if data[start - 2:start - 1] == b"/" or not data.endswith(b"</w:body>"):
        return None
    return data[start:-len(b"</w:body>")]


def _zip_record(name: str, data: bytes) -> tuple[bytes, bytes]:
    """The local record (header and deflated data) and the central directory record that
    :mod:`zipfile` writes for ``data`` under :func:`_zip_info`'s header, offset left at 0."""
    info = _zip_info(name)
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    compressed = compressor.compress(data) + compressor.flush()
    info.CRC = zlib.crc32(data)
    info.compress_size = len(compressed)
    info.file_size = len(data)
    info.header_offset = 0
    fresh = io.BytesIO()
    fresh.write(info.FileHeader(False))
    fresh.write(compressed)
    local = fresh.getvalue()
    return local, _central_record(info)


def _central_record(info: zipfile.ZipInfo) -> bytes:
    """The central directory record :mod:`zipfile` writes for ``info`` (no zip64, no extra)."""
    date_time = info.date_time
    dosdate = (date_time[0] - 1980) << 9 | date_time[1] << 5 | date_time[2]
    dostime = date_time[3] << 11 | date_time[4] << 5 | (date_time[5] // 2)
    filename, flag_bits = info._encodeFilenameFlags()
    header = struct.pack(
        zipfile.structCentralDir, zipfile.stringCentralDir, info.create_version, info.create_system,
        info.extract_version, info.reserved, flag_bits, info.compress_type, dostime, dosdate,
        info.CRC, info.compress_size, info.file_size, len(filename), len(info.extra),
        len(info.comment), 0, info.internal_attr, info.external_attr, info.header_offset,
    )
    return header + filename + info.extra + info.comment


_parsers = threading.local()  # an lxml parser must not be used by two threads at once


def _document_parser():
    """python-docx's parser options (blank text removed, entities kept), without its element
    classes: the serialised bytes are the same, the parse is quicker."""
    parser = getattr(_parsers, "document", None)
    if parser is None:
        from lxml import etree

        parser = _parsers.document = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
    return parser


def _zip_info(name: str) -> zipfile.ZipInfo:
    """The entry header reproducible_zip writes: fixed date, deflate, rw-r--r--."""
    info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _zip_records(data: bytes) -> list[tuple[str, tuple[bytes, bytes]]]:
    """Each entry of a zip with its local record (header and data) and its central
    directory record, in order. Only zips written by :mod:`zipfile` without comments."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    infos = archive.infolist()
    directory_start = archive.start_dir
    starts = [info.header_offset for info in infos] + [directory_start]
    out = []
    position = directory_start
    for index, info in enumerate(infos):
        name_length, extra_length, comment_length = struct.unpack_from("<3H", data, position + 28)
        end = position + 46 + name_length + extra_length + comment_length
        out.append((info.filename, (data[starts[index]:starts[index + 1]], data[position:end])))
        position = end
    return out


def _jinja_source(patched_xml: str) -> str:
    """What docxtpl compiles: the patched XML with one paragraph a line (for error line numbers)."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", patched_xml)


def _plain_text(source: str) -> bool:
    """Whether Jinja renders ``source`` as the text itself: no tag, expression or comment
    (each opens with a brace), no line ending it would normalise or trailing newline it
    would drop."""
    return "{" not in source and "\r" not in source and not source.endswith("\n")


_LISTING_MARKS = ("\t", "\a", "\n", "\f")
_LISTING_MARKS_UTF8 = tuple(mark.encode() for mark in _LISTING_MARKS)


def _after_render(helper, rendered: str) -> str:
    """docxtpl's steps after Jinja (DocxTemplate.render_xml_part)."""
    # re.sub(r"\n<w:p([ >])", r"<w:p\1", ...) as docxtpl writes it, without the regex machinery
    rendered = rendered.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
    rendered = (
        rendered.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    )
    if any(mark in rendered for mark in _LISTING_MARKS):
        return helper.resolve_listing(rendered)
    return rendered  # resolve_listing only acts on these characters: without them it changes nothing


def splice_body(frame: bytes, body: bytes, frame_name: str = f"{FRAME}.docx", body_name: str = "") -> bytes:
    """Replace the frame's body loop with the body template's paragraphs and tables.

    The body template is a .docx holding only the body part; it uses the frame's
    style names (its own styles are not copied).
    """
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    frame_zip = zipfile.ZipFile(io.BytesIO(frame))
    frame_xml = etree.fromstring(frame_zip.read("word/document.xml"), parser)
    body_xml = etree.fromstring(zipfile.ZipFile(io.BytesIO(body)).read("word/document.xml"), parser)
    frame_body = frame_xml.find(_w("body"))
    children = list(frame_body) if frame_body is not None else []
    start = next((i for i, e in enumerate(children) if _text(e) == BODY_LOOP_START), None)
    end = next((i for i in range(start + 1, len(children)) if _text(children[i]) == BODY_LOOP_END), None) \
        if start is not None else None
    if end is None:
        raise TemplateError(frame_name, f"mẫu khung không có vòng lặp thân văn bản (một đoạn '{BODY_LOOP_START}', "
                                        f"sau đó một đoạn '{BODY_LOOP_END}') để chèn mẫu thân '{body_name}' vào.")
    if body_xml.find(_w("body")) is None:
        raise TemplateError(body_name, "phần word/document.xml của mẫu không có thân văn bản (w:body).")
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
    from docxtpl import DocxTemplate

    return _jinja_source(DocxTemplate.__new__(DocxTemplate).patch_xml(document_xml))


_check_environment = None


def parse_jinja(source: str):
    """The Jinja syntax tree of ``source`` (raises jinja2.TemplateSyntaxError).

    Parsed in the renderer's own bounded environment: whoever walks the tree with Jinja's
    code generator (``jinja2.meta`` does, for the names a template reads) folds its constant
    expressions there, and only this environment keeps ``(9**9)**(9**9)`` or ``[1] * 10**9``
    from being computed while a template is merely checked."""
    global _check_environment
    if _check_environment is None:
        _check_environment = _new_environment()
    return _check_environment.parse(source)


_T, _R, _RPR = f"{{{_W}}}t", f"{{{_W}}}r", f"{{{_W}}}rPr"


def _remove_empty_runs(body) -> None:
    """docxtpl leaves an empty run on each side of a ``{{r ... }}`` tag; readers need none.

    An empty run holds one ``w:t`` without text and nothing else but its properties
    (comments and processing instructions count as something else, as they do when the
    run's children are iterated). The text elements are walked by lxml's tag filter, in C:
    a ``w:t`` whose first node is not text has no ``.text`` (a parsed tree holds no empty
    text node; a CDATA section is text), which is quicker to ask than an XPath predicate
    evaluated on every element."""
    empty = []
    for text in body.iter(_T):
        if not text.text:
            run = text.getparent()
            if run is not None and run.tag == _R and sum(1 for child in run if child.tag != _RPR) == 1:
                empty.append(run)
    for run in empty:
        run.getparent().remove(run)


_FOOTNOTES_KEY = "_footnotes"
"""Where the values carry the document's footnotes (a name a template cannot use: private)."""


def _with_footnotes(docx: bytes, values: dict) -> bytes:
    notes: Footnotes = values[_FOOTNOTES_KEY]
    return notes.add_to(docx) if notes.notes else docx


def _finish_body(body, values: dict, document: Document) -> None:
    """After docxtpl: drop its empty runs, size the letterhead's columns by their content,
    keep the text's last paragraph with the signature block, and give each annex its own section."""
    _remove_empty_runs(body)
    set_column_widths(body.find(_w("tbl")), values["header_columns_mm"])
    keep_end_with_closing_block(body)
    annexes = values["annexes"]
    if annexes:
        profile = get_profile(document.profile_name)
        apply_annex_sections(body, [annex["landscape"] for annex in annexes], profile.annex_restarts_page_numbers)


def _property_values(values: dict, document: Document) -> tuple[Any, Any, dt.datetime]:
    """The file properties each document sets: title, author, and the date it bears."""
    date = document.date
    stamp = dt.datetime(date.year, date.month or 1, date.day or 1) if date else dt.datetime(2000, 1, 1)
    return values["document_title"], values["document_author"], stamp


def _set_properties(properties, title: Any, author: Any, stamp: dt.datetime) -> None:
    """File properties (python-docx CoreProperties): title, author, language, dates."""
    properties.title = title
    properties.author = author
    properties.last_modified_by = "vanban"
    properties.language = "vi-VN"
    properties.revision = 1
    properties.created = properties.modified = stamp


_SLOT = "\ue000{}\ue001"
"""A value in the core properties while they are cut into pieces (:func:`_core_pieces`):
private-use characters, which a template's own properties are checked not to hold."""
_STAMP_SLOT = dt.datetime(1901, 2, 3, 4, 5, 6)
_STAMP = "%Y-%m-%dT%H:%M:%SZ"
"""How python-docx writes a date property."""
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")
"""The characters below the space XML refuses, and the carriage return lxml writes ``&#13;``."""


def _written_as_is(text: str) -> bool:
    """Whether lxml writes ``text`` as it is in an element's text, but for ``&``, ``<`` and
    ``>``: no character XML refuses (the controls, lone surrogates, U+FFFE, U+FFFF), no
    carriage return."""
    if _CONTROL.search(text):
        return False
    if text.isascii():
        return True
    try:
        text.encode("utf-8")  # refuses a lone surrogate
    except UnicodeEncodeError:
        return False
    return "\ufffe" not in text and "\uffff" not in text
_MAX_PROPERTY = 255
"""python-docx refuses a longer text property."""


def _core_pieces(core_xml: bytes, properties: dict) -> Optional[tuple]:
    """``docProps/core.xml`` as :func:`_core_text` writes it: the template's core properties
    with the values a document sets cut out, as (text, slot name, text, ..., text), found by
    setting them as the render does, to markers, with python-docx. None when the markers
    cannot be told from the template's own text (the render then sets them with python-docx)."""
    from docx.opc.coreprops import CoreProperties
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.parser import parse_xml

    if "\ue000".encode() in core_xml or "\ue001".encode() in core_xml:
        return None
    element = parse_xml(core_xml)
    core = CoreProperties(element)
    slots = {}
    try:
        for prop, value in properties.items():
            if not isinstance(value, str):  # rendered for each document: its text is a slot
                slots[prop] = _SLOT.format(prop)
                value = slots[prop]
            setattr(core, prop, value)
        slots["title"], slots["author"] = _SLOT.format("title"), _SLOT.format("author")
        _set_properties(core, slots["title"], slots["author"], _STAMP_SLOT)
    except ValueError:  # a property python-docx refuses: the render says so, each time
        return None
    slots["stamp"] = _STAMP_SLOT.strftime(_STAMP)
    text = serialize_part_xml(element).decode("utf-8")
    pieces: list[str] = [text]
    for name, slot in slots.items():
        if text.count(slot) != (2 if name == "stamp" else 1):  # a value the render overwrites: not in the text
            if name in ("title", "author", "stamp") or text.count(slot):
                return None
            continue
        cut = []
        for piece in pieces:
            if isinstance(piece, tuple):
                cut.append(piece)
                continue
            parts = piece.split(slot)
            for index, part in enumerate(parts):
                if index:
                    cut.append((name,))
                cut.append(part)
        pieces = cut
    return tuple(piece if isinstance(piece, tuple) else piece.encode("utf-8") for piece in pieces)


def _core_text(pieces: Optional[tuple], rendered: dict, title: Any, author: Any,
               stamp: dt.datetime) -> Optional[bytes]:
    """``docProps/core.xml`` with a document's values, the bytes python-docx writes when the
    render sets them (:func:`_set_properties`); None when a value is one this does not
    write as python-docx does (not text, too long for python-docx, a character lxml
    refuses or escapes otherwise)."""
    if pieces is None:
        return None
    for value in (*rendered.values(), title, author):  # python-docx checks each value it is given
        if not isinstance(value, str) or len(value) > _MAX_PROPERTY or not _written_as_is(value):
            return None
    values = {**rendered, "title": title, "author": author, "stamp": stamp.strftime(_STAMP)}
    out = []
    for piece in pieces:
        if type(piece) is bytes:
            out.append(piece)
        else:
            value = values[piece[0]]
            if "&" in value or "<" in value or ">" in value:
                value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            out.append(value.encode("utf-8"))
    return b"".join(out)
