"""Reading a rendered .docx the way a reader sees it: text in order, effective formatting."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional, Union

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

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


# --- effective formatting --------------------------------------------------------


def _style_chain(document, style_id: Optional[str]) -> list:
    """The paragraph style and its basedOn ancestors; no style means the default one."""
    styles = [s for s in document.styles.element.findall(qn("w:style"))
              if s.get(qn("w:type")) == "paragraph"]
    by_id = {s.get(qn("w:styleId")): s for s in styles}
    if style_id is None:
        style_id = next((s.get(qn("w:styleId")) for s in styles
                         if s.get(qn("w:default")) in ("1", "true")), None)
    chain = []
    while style_id in by_id and by_id[style_id] not in chain:
        style = by_id[style_id]
        chain.append(style)
        based = style.find(qn("w:basedOn"))
        style_id = based.get(qn("w:val")) if based is not None else None
    return chain


def _paragraph_style_id(paragraph: Paragraph) -> Optional[str]:
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.find(qn("w:pStyle")) is not None:
        return ppr.find(qn("w:pStyle")).get(qn("w:val"))
    return None


def _defaults(document, kind: str):
    defaults = document.styles.element.find(qn("w:docDefaults"))
    outer = defaults.find(qn(f"w:{kind}Default")) if defaults is not None else None
    return outer.find(qn(f"w:{kind}")) if outer is not None else None


def _toggle(element) -> Optional[bool]:
    if element is None:
        return None
    return element.get(qn("w:val"), "true") not in ("0", "false", "off", "none")


def run_property(document, paragraph: Paragraph, run_element, name: str):
    """Effective run property: the run, then paragraph styles, then document defaults.

    ``name`` is ``sz`` (half-points), ``b``, ``i``, ``u`` or ``rFonts`` (element).
    """
    chain = []
    if run_element is not None:
        chain.append(run_element.find(qn("w:rPr")))
    chain += [s.find(qn("w:rPr")) for s in _style_chain(document, _paragraph_style_id(paragraph))]
    chain.append(_defaults(document, "rPr"))
    for rpr in chain:
        if rpr is None:
            continue
        found = rpr.find(qn(f"w:{name}"))
        if found is None:
            continue
        if name == "sz":
            return int(found.get(qn("w:val")))
        if name in ("b", "i"):
            return _toggle(found)
        if name == "u":
            return found.get(qn("w:val")) not in (None, "none")
        return found
    return False if name in ("b", "i", "u") else None


def paragraph_property(document, paragraph: Paragraph, tag: str, attribute: str):
    """Effective ``w:<tag> w:<attribute>`` of pPr (``jc/val``, ``ind/firstLine``, ``spacing/line``)."""
    chain = [paragraph._p.pPr]
    chain += [s.find(qn("w:pPr")) for s in _style_chain(document, _paragraph_style_id(paragraph))]
    chain.append(_defaults(document, "pPr"))
    for ppr in chain:
        if ppr is None:
            continue
        found = ppr.find(qn(f"w:{tag}"))
        if found is not None and found.get(qn(f"w:{attribute}")) is not None:
            return found.get(qn(f"w:{attribute}"))
    return None


@dataclass
class Look:
    """What the reader sees of one paragraph: every run's size, weight and slant."""

    sizes: set
    bold: set
    italic: set
    underline: set
    align: Optional[str]
    first_line: int
    before: int
    after: int
    line: Optional[int]


def look(document, paragraph: Paragraph) -> Look:
    runs = [r for r in paragraph._p.iter(qn("w:r")) if (r.find(qn("w:t")) is not None and r.find(qn("w:t")).text)]
    runs = runs or [None]
    return Look(
        sizes={run_property(document, paragraph, r, "sz") / 2 for r in runs},
        bold={run_property(document, paragraph, r, "b") for r in runs},
        italic={run_property(document, paragraph, r, "i") for r in runs},
        underline={run_property(document, paragraph, r, "u") for r in runs},
        align=paragraph_property(document, paragraph, "jc", "val"),
        first_line=int(paragraph_property(document, paragraph, "ind", "firstLine") or 0),
        before=int(paragraph_property(document, paragraph, "spacing", "before") or 0),
        after=int(paragraph_property(document, paragraph, "spacing", "after") or 0),
        line=int(paragraph_property(document, paragraph, "spacing", "line") or 240),
    )
