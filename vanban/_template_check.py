"""``vanban template check``: what is wrong with a Word template, paragraph by paragraph.

Reports Jinja syntax errors, values the document does not provide, document
fields the template never shows, Word's curly quotes inside tags, tags that
Word split over several runs (differently formatted pieces of one tag), tags
that load another template, calls that would change the document or reach the data
model's API or Python's insides, and external or active content (linked templates,
images and objects, macros, OLE objects, altChunk, INCLUDE/LINK/DDE fields): the
last two are refused when rendering.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from lxml import etree

from ._display import TEMPLATE_VALUES
from ._render import BODY_LOOP_START, jinja_source, parse_jinja
from ._template_file import MAIN_PART, Unsafe, open_template, read_regular_file, unsafe_content
from .schemas.document import Document

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
_SMART_QUOTES = re.compile("[“”‘’„]")
_WORD = re.compile(r"[^\W\d]\w*")
"""A name as Jinja reads one (a letter or underscore, then letters, digits, underscores)."""


@dataclass(frozen=True)
class Finding:
    severity: str  # "lỗi" or "cảnh báo"
    paragraph: int  # 1-based, in document order (table cells included); 0: whole template
    excerpt: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == "lỗi"

    def __str__(self) -> str:
        where = f"đoạn {self.paragraph} «{self.excerpt}»" if self.paragraph else "toàn mẫu"
        return f"[{self.severity}] {where}: {self.message}"


def _paragraphs(root) -> list:
    return list(root.iter(f"{_W}p"))


def _runs_text(paragraph) -> list[str]:
    return ["".join(t.text or "" for t in run.iter(f"{_W}t")) for run in paragraph.iter(f"{_W}r")]


def _excerpt(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def _tag_findings(paragraphs: list) -> Iterator[Finding]:
    for number, paragraph in enumerate(paragraphs, start=1):
        runs = _runs_text(paragraph)
        text = "".join(runs)
        starts, ends, position = [], [], 0
        for run in runs:
            starts.append(position)
            position += len(run)
            ends.append(position)
        for match in _TAG.finditer(text):
            tag = match.group()
            if _SMART_QUOTES.search(tag):
                yield Finding("lỗi", number, _excerpt(text),
                              f"thẻ {tag} có dấu nháy cong của Word; hãy tắt AutoFormat "
                              "'Straight quotes with smart quotes' và gõ lại dấu nháy thẳng (\" hoặc ').")
            # the run the tag starts in (the last one starting at or before it: runs are in order)
            run = bisect_right(starts, match.start()) - 1
            if run < 0 or match.end() > ends[run]:
                yield Finding("cảnh báo", number, _excerpt(text),
                              f"thẻ {tag} bị Word tách thành nhiều đoạn định dạng (run); hãy xóa và "
                              "gõ lại cả thẻ một lần, không đổi định dạng giữa chừng.")
        unclosed = re.sub(_TAG, "", text)
        if "{{" in unclosed or "{%" in unclosed:
            yield Finding("lỗi", number, _excerpt(text), "thẻ mở '{{' hoặc '{%' không có dấu đóng trong cùng đoạn.")


_BLOCK_TAG = re.compile(r"\{%-?(?:p|tr|tc|r)?\s+(\w+)")
_OPENERS = {"if", "for", "with", "macro", "block", "filter", "call"}


def _unbalanced_block(paragraphs: list) -> Optional[int]:
    """The paragraph of a block tag left open, or of a closing tag with nothing to close."""
    stack: list[tuple[str, int]] = []
    for number, paragraph in enumerate(paragraphs, start=1):
        for keyword in _BLOCK_TAG.findall("".join(_runs_text(paragraph))):
            if keyword in _OPENERS:
                stack.append((keyword, number))
            elif keyword.startswith("end"):
                if not stack or stack[-1][0] != keyword[3:]:
                    return number
                stack.pop()
    return stack[-1][1] if stack else None


def _used_names(tree) -> tuple[set[str], set[str]]:
    """Top-level names the template reads, and the attributes it reads on ``document``."""
    from jinja2 import meta, nodes

    names = set(meta.find_undeclared_variables(tree))
    fields = {
        node.attr for node in tree.find_all(nodes.Getattr)
        if isinstance(node.node, nodes.Name) and node.node.name == "document"
    }
    return names, fields


def _unsafe_finding(piece: Unsafe, paragraphs: list, numbers: dict) -> Finding:
    """External or active content: an error (rendering refuses the template), with its paragraph
    when it is one of the main part's (``numbers``: each paragraph's number)."""
    paragraph = None
    if piece.part == MAIN_PART and piece.element is not None:
        paragraph = next(piece.element.iterancestors(f"{_W}p"), None)
        if paragraph is None and piece.element.tag == f"{_W}p":
            paragraph = piece.element
    number = numbers.get(paragraph, 0) if paragraph is not None else 0
    text = "".join(_runs_text(paragraphs[number - 1])) if number else ""
    return Finding("lỗi", number, _excerpt(text), f"{piece}; vanban không dùng mẫu có nội dung lấy từ bên ngoài "
                                                  "hoặc chạy được (xóa nó trong Word).")


def _reached_attributes(tree) -> Iterator[str]:
    """Every attribute the template reads: ``a.b``, and ``a|attr('b')`` with a constant name."""
    from jinja2 import nodes

    for node in tree.find_all((nodes.Getattr, nodes.Filter)):
        if isinstance(node, nodes.Getattr):
            yield node.attr
        elif node.name == "attr" and node.args and isinstance(node.args[0], nodes.Const):
            if isinstance(node.args[0].value, str):
                yield node.args[0].value


def _changing_calls(tree, texts: list[str], first_use: dict[str, int],
                    model: type[Document]) -> Iterator[Finding]:
    """Attributes rendering refuses, said before any render: methods that would change what
    the template is given (``document.recipients.clear()``), the data model's own API
    (``document.model_copy()``) and Python's insides (``document.__dict__``)."""
    from ._sandbox import is_model_api, mutating_methods

    changing = mutating_methods()
    seen: set[str] = set()
    for attr in _reached_attributes(tree):
        if attr in seen:
            continue
        if attr.startswith("_"):
            message = (f"'{attr}' là phần bên trong của Python; khi tạo văn bản vanban chặn lệnh này để bảo vệ "
                       "máy. Chỉ dùng các giá trị vanban cung cấp.")
        elif attr in changing:
            message = (f"'.{attr}(...)' thay đổi dữ liệu mẫu nhận ({changing[attr]}); khi tạo văn bản vanban "
                       f"từ chối mẫu này. Hãy bỏ '.{attr}(...)' khỏi mẫu: mẫu chỉ đọc các giá trị.")
        elif is_model_api(model, attr):
            message = (f"'{attr}' là hàm của mô hình dữ liệu, không phải một trường của văn bản; khi tạo văn bản "
                       "vanban từ chối mẫu này. Mẫu chỉ đọc các trường của văn bản.")
        else:
            continue
        seen.add(attr)
        number = first_use.get(attr, 0)
        yield Finding("lỗi", number, _excerpt(texts[number - 1]) if number else "", message)


def check_template(path: Path, model: type[Document]) -> list[Finding]:
    """Every problem found in the template at ``path`` for documents of type ``model``."""
    # a FIFO or a device is refused before it is opened; the zip is bounded, every XML part
    # parsed without entities, a DOCTYPE refused (TemplateError, a VanbanError)
    template = open_template(read_regular_file(path, path.name), path.name, str(path), refuse_unsafe=False)
    root = template.xml[MAIN_PART]
    paragraphs = _paragraphs(root)
    numbers = {paragraph: number for number, paragraph in enumerate(paragraphs, 1)}  # one look-up per piece
    findings = [_unsafe_finding(piece, paragraphs, numbers) for piece in unsafe_content(template)]
    findings += _tag_findings(paragraphs)

    from jinja2 import TemplateSyntaxError

    source = jinja_source(etree.tostring(root, encoding="unicode"))  # UTF-16 parts too
    try:
        tree = parse_jinja(source)
    except TemplateSyntaxError as error:
        number = _unbalanced_block(paragraphs)
        if number is None:
            # jinja_source starts every paragraph on a new line: line N is paragraph N-1
            number = max((error.lineno or 1) - 1, 1)
        text = "".join(_runs_text(paragraphs[number - 1])) if number <= len(paragraphs) else ""
        findings.append(Finding("lỗi", number, _excerpt(text), f"lỗi cú pháp Jinja: {error.message}"))
        return findings

    from ._sandbox import OTHER_TEMPLATE_NODES, other_template_message

    texts = ["".join(_runs_text(p)) for p in paragraphs]
    for node in tree.find_all(OTHER_TEMPLATE_NODES):
        keyword = re.compile(r"\{%-?\s*" + type(node).__name__.lower().replace("fromimport", "from") + r"\b")
        number = next((i for i, text in enumerate(texts, 1) if keyword.search(text)), 0)
        findings.append(Finding("lỗi", number, _excerpt(texts[number - 1]) if number else "",
                                other_template_message(node)))

    first_use: dict[str, int] = {}  # each word of the template's text: the paragraph it is first in
    for number, text in enumerate(texts, 1):
        for word in _WORD.findall(text):
            first_use.setdefault(word, number)
    findings += _changing_calls(tree, texts, first_use, model)
    names, fields = _used_names(tree)
    available = set(TEMPLATE_VALUES) | {"document"}
    for name in sorted(names - available):
        number = first_use.get(name, 0)
        text = texts[number - 1] if number else ""
        findings.append(Finding("lỗi", number, _excerpt(text),
                                f"'{name}' không phải giá trị vanban cung cấp; các giá trị có: "
                                f"{', '.join(sorted(available))}."))
    for field in sorted(fields - set(model.model_fields)):
        findings.append(Finding("lỗi", 0, "", f"'document.{field}': loại văn bản {model.type_key()} không có trường này."))

    is_frame = BODY_LOOP_START in (text.strip() for text in texts)
    if is_frame:
        # values a profile may do without (the Đoàn frame has no line under its motto)
        optional = {"document_title", "document_author", "motto_rule"}
        unused = set(TEMPLATE_VALUES) - names - optional
        for name in sorted(unused):
            findings.append(Finding("cảnh báo", 0, "", f"mẫu không dùng '{name}' ({TEMPLATE_VALUES[name]})."))
    else:
        own = set(model.model_fields) - set(Document.model_fields) - {"type"}
        for name in sorted(own - fields):
            findings.append(Finding("cảnh báo", 0, "", f"trường '{name}' của {model.type_key()} không được mẫu dùng đến."))
    return findings
