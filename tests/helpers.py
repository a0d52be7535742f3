"""Reading a rendered .docx the way a reader sees it: text in order, effective formatting."""

from __future__ import annotations

import io
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional, Union

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from vanban._docx_read import DocxView, Look

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"


def open_docx(source: Union[bytes, Path]):
    return docx.Document(io.BytesIO(source) if isinstance(source, bytes) else str(source))


@dataclass
class Located:
    """A paragraph and where it sits: ``body``, or ``table<t>[row][col]``."""

    paragraph: Paragraph
    place: str

    @property
    def text(self) -> str:
        return self.paragraph.text


def paragraphs_in_order(document) -> Iterator[Located]:
    """Every paragraph in reading order; tables row by row, cell by cell."""
    table_index = 0
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            yield Located(Paragraph(child, document), "body")
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            for r, row in enumerate(table.rows):
                for c, cell in enumerate(row.cells):
                    for paragraph in cell.paragraphs:
                        yield Located(paragraph, f"table{table_index}[{r}][{c}]")
            table_index += 1


def text_lines(document) -> list[str]:
    return [p.text for p in paragraphs_in_order(document) if p.text.strip()]


# --- effective formatting: the same reader ``vanban check`` uses -------------------

_views: dict = {}  # id(document) -> (weak reference, view); python-docx Documents are unhashable


def _view(document):
    cached = _views.get(id(document))
    if cached is None or cached[0]() is not document:
        cached = (weakref.ref(document), DocxView.of(document))
        _views[id(document)] = cached
    return cached[1]


def look(document, paragraph: Paragraph) -> Look:
    """What the reader sees of ``paragraph``: sizes in points, weights, alignment, spacing."""
    return _view(document).look(paragraph._p)


def run_property(document, paragraph: Paragraph, run_element, name: str):
    """Effective ``sz``, ``b``, ``i``, ``u`` of one run of ``paragraph``."""
    return _view(document).run_property(paragraph._p, run_element, name)
