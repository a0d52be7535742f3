"""Reading any .docx the way a reader sees it: paragraphs in reading order, each with
its place on the page and its effective formatting.

Effective formatting is resolved as Word does: direct run properties, then the
run's character style (and its basedOn chain), then the paragraph style chain,
then the table style of the enclosing table, then the document defaults; theme
fonts are resolved through the theme. Units stay Word's: sizes in half-points,
spacing in twentieths of a point, indents and margins in twips.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional, Union

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _toggle(element) -> Optional[bool]:
    if element is None:
        return None
    return element.get(w("val"), "true") not in ("0", "false", "off", "none")


@dataclass
class Look:
    """What a reader sees of one paragraph. Sets hold one value per distinct run."""

    sizes: set = field(default_factory=set)  # points
    bold: set = field(default_factory=set)
    italic: set = field(default_factory=set)
    underline: set = field(default_factory=set)
    caps: set = field(default_factory=set)  # w:caps, shown upper case whatever the text
    fonts: set = field(default_factory=set)
    align: str = "left"
    first_line: int = 0  # twips; negative for a hanging indent
    left: int = 0
    before: int = 0  # twentieths of a point
    after: int = 0
    line: int = 240  # w:line
    line_rule: str = "auto"
    border_bottom: bool = False


@dataclass
class Para:
    """One paragraph of the document and where it sits."""

    index: int  # 1-based, in reading order
    element: object
    text: str
    place: str  # "body", "table<t>[r][c]", "textbox<n>"
    table: Optional[int] = None
    row: Optional[int] = None
    column: Optional[int] = None
    nested: bool = False  # inside a table that is inside another table

    @property
    def excerpt(self) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= 70 else text[:67] + "..."


@dataclass
class PageSetup:
    width: int
    height: int
    top: int
    bottom: int
    left: int
    right: int
    orientation: str
    title_page: bool
    headers: dict  # kind ("default", "first", "even") -> header root element
    mirror: bool = False


class DocxView:
    """A read-only view of a .docx; built once, queried by the checker."""

    def __init__(self, source: Union[str, Path, bytes]):
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
        self.archive = zipfile.ZipFile(io.BytesIO(data))
        self.document = self._xml("word/document.xml")
        self.styles = self._xml("word/styles.xml")
        self.settings = self._xml("word/settings.xml")
        self.theme_fonts = self._theme_fonts()
        self._index_styles()

    @classmethod
    def of(cls, document) -> "DocxView":
        """A view over a python-docx ``Document`` already in memory, sharing its elements."""
        buffer = io.BytesIO()
        document.save(buffer)
        view = cls(buffer.getvalue())
        view.document = document.element
        view.styles = document.styles.element
        view._index_styles()
        return view

    def _index_styles(self) -> None:
        self._chains: dict = {}
        self._looks: dict = {}
        self._default_parts = {kind: self._find_defaults(kind) for kind in ("rPr", "pPr")}
        self._styles_by_id = {}
        self._default_paragraph_style = None
        if self.styles is not None:
            for style in self.styles.iter(w("style")):
                self._styles_by_id[style.get(w("styleId"))] = style
                if style.get(w("type")) == "paragraph" and style.get(w("default")) in ("1", "true"):
                    self._default_paragraph_style = style.get(w("styleId"))
        self.paragraphs = list(self._paragraphs())

    # --- parts -------------------------------------------------------------

    def _xml(self, name: str):
        try:
            return etree.fromstring(self.archive.read(name))
        except KeyError:
            return None

    def _relationship_targets(self) -> dict:
        rels = self._xml("word/_rels/document.xml.rels")
        targets = {}
        if rels is not None:
            for rel in rels:
                targets[rel.get("Id")] = rel.get("Target")
        return targets

    def _theme_fonts(self) -> dict:
        theme = None
        for name in self.archive.namelist():
            if name.startswith("word/theme/") and name.endswith(".xml"):
                theme = self._xml(name)
                break
        fonts = {}
        if theme is not None:
            for kind in ("major", "minor"):
                font = theme.find(f".//{{{A}}}{kind}Font/{{{A}}}latin")
                if font is not None:
                    fonts[kind] = font.get("typeface")
        return fonts

    # --- paragraphs in reading order -------------------------------------------

    def _paragraphs(self) -> Iterator[Para]:
        body = self.document.find(w("body"))
        index = 0
        # Keyed by the element itself: lxml proxies are created on access and freed at once,
        # so id() of one may be reused by the next table's proxy.
        tables: dict = {}
        textboxes: dict = {}
        for element in body.iter(w("p")):
            if any(a.tag == f"{{{MC}}}Fallback" for a in element.iterancestors()):
                continue  # the same text box again, for old readers
            index += 1
            place, table, row, column, nested = "body", None, None, None, False
            box = next((a for a in element.iterancestors() if a.tag == w("txbxContent")), None)
            cell = next((a for a in element.iterancestors() if a.tag == w("tc")), None)
            if box is not None:
                number = textboxes.setdefault(box, len(textboxes))
                place = f"textbox{number}"
            elif cell is not None:
                tbl = cell.getparent().getparent()
                outer = [a for a in tbl.iterancestors() if a.tag == w("tbl")]
                top = outer[-1] if outer else tbl
                table = tables.setdefault(top, len(tables))
                nested = bool(outer)
                if not nested:
                    tr = cell.getparent()
                    row = list(tbl.iterchildren(w("tr"))).index(tr)
                    column = list(tr.iterchildren(w("tc"))).index(cell)
                place = f"table{table}" + (f"[{row}][{column}]" if not nested else "[nested]")
            yield Para(index, element, paragraph_text(element), place, table, row, column, nested)

    # --- styles ----------------------------------------------------------------

    def _chain(self, style_id: Optional[str]) -> list:
        """The style and its basedOn ancestors (computed once per style)."""
        if style_id in self._chains:
            return self._chains[style_id]
        start = style_id
        chain = []
        while style_id and style_id in self._styles_by_id:
            style = self._styles_by_id[style_id]
            if style in chain:
                break
            chain.append(style)
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        self._chains[start] = chain
        return chain

    def _paragraph_style_chain(self, paragraph) -> list:
        ppr = paragraph.find(w("pPr"))
        style = ppr.find(w("pStyle")) if ppr is not None else None
        style_id = style.get(w("val")) if style is not None else self._default_paragraph_style
        return self._chain(style_id)

    def _table_style_chain(self, paragraph) -> list:
        table = next((a for a in paragraph.iterancestors() if a.tag == w("tbl")), None)
        if table is None:
            return []
        tbl_pr = table.find(w("tblPr"))
        style = tbl_pr.find(w("tblStyle")) if tbl_pr is not None else None
        return self._chain(style.get(w("val"))) if style is not None else []

    def _defaults(self, kind: str):
        return self._default_parts[kind]

    def _find_defaults(self, kind: str):
        if self.styles is None:
            return None
        defaults = self.styles.find(w("docDefaults"))
        outer = defaults.find(w(f"{kind}Default")) if defaults is not None else None
        return outer.find(w(kind)) if outer is not None else None

    def _run_properties_chain(self, paragraph, run) -> list:
        chain = []
        rpr = run.find(w("rPr")) if run is not None else None
        if rpr is not None:
            chain.append(rpr)
            rstyle = rpr.find(w("rStyle"))
            if rstyle is not None:
                chain += [s.find(w("rPr")) for s in self._chain(rstyle.get(w("val")))]
        chain += [s.find(w("rPr")) for s in self._paragraph_style_chain(paragraph)]
        chain += [s.find(w("rPr")) for s in self._table_style_chain(paragraph)]
        chain.append(self._defaults("rPr"))
        return [c for c in chain if c is not None]

    def run_property(self, paragraph, run, name: str):
        """Effective ``sz`` (half-points), ``b``, ``i``, ``u``, ``caps`` or ``font`` of a run."""
        for rpr in self._run_properties_chain(paragraph, run):
            if name == "font":
                fonts = rpr.find(w("rFonts"))
                if fonts is None:
                    continue
                if fonts.get(w("ascii")):
                    return fonts.get(w("ascii"))
                theme = fonts.get(w("asciiTheme"))
                if theme:
                    return self.theme_fonts.get("major" if theme.startswith("major") else "minor", theme)
                continue
            found = rpr.find(w(name))
            if found is None:
                continue
            if name == "sz":
                return int(found.get(w("val")))
            if name == "u":
                return found.get(w("val")) not in (None, "none")
            return _toggle(found)
        return {"sz": 20, "font": None}.get(name, False)

    def paragraph_property(self, paragraph, tag: str, attribute: str):
        chain = [paragraph.find(w("pPr"))]
        chain += [s.find(w("pPr")) for s in self._paragraph_style_chain(paragraph)]
        chain += [s.find(w("pPr")) for s in self._table_style_chain(paragraph)]
        chain.append(self._defaults("pPr"))
        for ppr in chain:
            if ppr is None:
                continue
            found = ppr.find(w(tag))
            if found is not None and found.get(w(attribute)) is not None:
                return found.get(w(attribute))
        return None

    def look(self, para: Union[Para, object]) -> Look:
        """What a reader sees of a paragraph (computed once per paragraph)."""
        element = para.element if isinstance(para, Para) else para
        if element not in self._looks:
            self._looks[element] = self._look(element)
        return self._looks[element]

    def _look(self, element) -> Look:
        runs = [r for r in element.iter(w("r")) if _run_text(r).strip()]
        runs = runs or [None]
        shown = Look()
        for run in runs:
            shown.sizes.add(self.run_property(element, run, "sz") / 2)
            shown.bold.add(self.run_property(element, run, "b"))
            shown.italic.add(self.run_property(element, run, "i"))
            shown.underline.add(self.run_property(element, run, "u"))
            shown.caps.add(self.run_property(element, run, "caps"))
            shown.fonts.add(self.run_property(element, run, "font"))
        align = self.paragraph_property(element, "jc", "val") or "left"
        shown.align = {"both": "justify", "start": "left", "end": "right", "distribute": "justify"}.get(align, align)
        hanging = self.paragraph_property(element, "ind", "hanging")
        shown.first_line = -int(hanging) if hanging else int(self.paragraph_property(element, "ind", "firstLine") or 0)
        shown.left = int(self.paragraph_property(element, "ind", "left") or self.paragraph_property(element, "ind", "start") or 0)
        shown.before = int(self.paragraph_property(element, "spacing", "before") or 0)
        shown.after = int(self.paragraph_property(element, "spacing", "after") or 0)
        shown.line = int(self.paragraph_property(element, "spacing", "line") or 240)
        shown.line_rule = self.paragraph_property(element, "spacing", "lineRule") or "auto"
        shown.border_bottom = self._has_bottom_border(element)
        return shown

    def _has_bottom_border(self, paragraph) -> bool:
        chain = [paragraph.find(w("pPr"))] + [s.find(w("pPr")) for s in self._paragraph_style_chain(paragraph)]
        for ppr in chain:
            if ppr is None:
                continue
            borders = ppr.find(w("pBdr"))
            if borders is not None and borders.find(w("bottom")) is not None:
                return borders.find(w("bottom")).get(w("val")) not in ("nil", "none")
        return False

    # --- page --------------------------------------------------------------------

    def page_setup(self) -> PageSetup:
        # the page of page 1: the first section's (annexes after it may be landscape)
        sect = next(self.document.iter(w("sectPr")))
        size = sect.find(w("pgSz"))
        margin = sect.find(w("pgMar"))
        targets = self._relationship_targets()
        headers = {}
        for reference in sect.iter(w("headerReference")):
            target = targets.get(reference.get(f"{{{R}}}id"))
            if target:
                headers[reference.get(w("type"), "default")] = self._xml("word/" + target.lstrip("/").replace("word/", ""))
        mirror = self.settings is not None and self.settings.find(w("mirrorMargins")) is not None

        def value(element, name, default=0):
            return int(float(element.get(w(name), default))) if element is not None else default

        return PageSetup(
            width=value(size, "w"), height=value(size, "h"),
            top=abs(value(margin, "top")), bottom=abs(value(margin, "bottom")),
            left=value(margin, "left"), right=value(margin, "right"),
            orientation=size.get(w("orient"), "portrait") if size is not None else "portrait",
            title_page=_toggle(sect.find(w("titlePg"))) or False,
            headers=headers, mirror=mirror,
        )


def _run_text(run) -> str:
    parts = []
    for child in run:
        if child.tag == w("t"):
            parts.append(child.text or "")
        elif child.tag == w("tab"):
            parts.append("\t")
        elif child.tag in (w("br"), w("cr")):
            parts.append("\n")
    return "".join(parts)


def paragraph_text(paragraph) -> str:
    """The text of a paragraph's own runs (not of text boxes anchored in it)."""
    runs = [r for r in paragraph.iter(w("r"))
            if next((a for a in r.iterancestors() if a.tag in (w("p"), w("txbxContent"))), None) is paragraph]
    return "".join(_run_text(r) for r in runs)


def has_page_field(root) -> bool:
    """A PAGE field, simple or complex, anywhere in a header."""
    if root is None:
        return False
    for simple in root.iter(w("fldSimple")):
        if re.match(r"\s*PAGE\b", simple.get(w("instr"), "")):
            return True
    return any(re.match(r"\s*PAGE\b", t.text or "") for t in root.iter(w("instrText")))
