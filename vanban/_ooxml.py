"""Word XML that vanban writes itself, beside what docxtpl renders from the template.

Runs of text, body tables (their shape varies with every document: merged header cells,
column widths, group and total rows), and the section breaks that put each annex on its
own page. Only structure is written here; the look comes from the template's styles
(``VB Table`` for borders and cell margins, ``VB Table Header``... for the words), named
by the profile's ``STYLE_NAMES``. Nothing here imports docxtpl or Jinja.
"""

from __future__ import annotations

import copy
from typing import Iterable, Optional, Sequence

from ._display import Run
from ._tables import Cell, TableBlock
from .profiles import STYLE_NAMES

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TABLE_STYLE = "VB Table"
TWIPS_PER_MM = 1440 / 25.4
TABLE_INDENT_TWIPS = 108
"""Borders inside the margins, not hanging out by the cell margin."""


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def style_id(name: str) -> str:
    """Word's id of a style named ``name`` (python-docx and Word drop the spaces)."""
    return name.replace(" ", "")


def xml_text(text: str) -> str:
    """Escape for XML, and hide braces from docxtpl, which rewrites ``{_{`` after rendering."""
    # most text holds none of these: five searches are quicker than five replacements
    if "&" in text or "<" in text or ">" in text or "{" in text or "}" in text:
        # html.escape(text, quote=False), written here: importing html (its table of entities)
        # was a millisecond of vanban render's start
        return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("{", "&#123;").replace("}", "&#125;"))
    return text


class Footnotes:
    """The footnotes of one document, numbered as their references are written."""

    def __init__(self) -> None:
        self.notes: list[str] = []

    def reference(self, runs: Iterable[Run]) -> str:
        """The reference mark in the text; the note itself goes to ``word/footnotes.xml``."""
        number = len(self.notes) + 1
        mark = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        space = '<w:r><w:t xml:space="preserve"> </w:t></w:r>'
        self.notes.append(f'<w:footnote w:id="{number}">{_paragraph("footnote", mark + space + runs_xml(runs))}'
                          "</w:footnote>")
        return f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{number}"/></w:r>'

    def add_to(self, docx: bytes) -> bytes:
        """``docx`` with these footnotes: the part, its relationship and its content type."""
        import io
        import zipfile

        from ._files import reproducible_zip

        separators = "".join(
            f'<w:footnote w:type="{kind}" w:id="{number}"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
            f'w:lineRule="auto"/></w:pPr><w:r><w:{kind}/></w:r></w:p></w:footnote>'
            for number, kind in ((-1, "separator"), (0, "continuationSeparator"))
        )
        part = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W}">'
                f'{separators}{"".join(self.notes)}</w:footnotes>').encode("utf-8")
        source = zipfile.ZipFile(io.BytesIO(docx))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    data = data.replace(b"</Types>", (
                        b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                        b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>'))
                elif item.filename == "word/_rels/document.xml.rels":
                    data = data.replace(b"</Relationships>", (
                        b'<Relationship Id="rIdVanbanFootnotes" Type="http://schemas.openxmlformats.org/'
                        b'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>'))
                target.writestr(item, data)
            target.writestr("word/footnotes.xml", part)
        return reproducible_zip(out.getvalue())


def runs_xml(runs: Iterable[Run], bold: bool = False, footnotes: Optional[Footnotes] = None) -> str:
    """Word runs; emphasis adds to the paragraph style, a line break is a ``<w:br/>``,
    a footnote a reference mark (its words kept by ``footnotes``)."""
    parts = []
    for run in runs:
        if run.footnote is not None:
            if footnotes is None:
                raise ValueError("a footnote where the page has no room for one")
            parts.append(footnotes.reference(run.footnote))
            continue
        props = (("<w:b/>" if run.bold or bold else "") + ("<w:i/>" if run.italic else "")
                 + ('<w:u w:val="single"/>' if run.underline else ""))
        props = f"<w:rPr>{props}</w:rPr>" if props else ""
        text = xml_text(run.text)
        if "\n" in text:
            text = text.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
        if "\u2011" in text:
            text = text.replace("\u2011", '</w:t><w:noBreakHyphen/><w:t xml:space="preserve">')
        parts.append(f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>')
    return "".join(parts)


def _twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def _paragraph(style: str, content: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id(STYLE_NAMES[style])}"/></w:pPr>{content}</w:p>'


def _cell(cell: Cell, width_twips: int, merge: str = "") -> str:
    properties = f'<w:tcW w:w="{width_twips}" w:type="dxa"/>'
    if cell.span > 1:
        properties += f'<w:gridSpan w:val="{cell.span}"/>'
    if merge:
        properties += f'<w:vMerge w:val="{merge}"/>' if merge == "restart" else "<w:vMerge/>"
    properties += '<w:vAlign w:val="center"/>'
    # each line of the cell's words is a paragraph of its own, as Enter makes one in Word
    lines = cell.text.split("\n") if cell.text and merge != "continue" else [""]
    paragraphs = "".join(_paragraph(cell.style, runs_xml((Run(line),), bold=cell.bold) if line else "")
                         for line in lines)
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{paragraphs}</w:tc>"


def _header_grid(header: Sequence[Sequence[Cell]], columns: int) -> list[list[tuple[Cell, str]]]:
    """Lay the header cells on the grid: a cell spanning rows down is written once with
    ``vMerge restart`` and continued below with ``vMerge``, as Word requires."""
    grid: list[list] = [[None] * columns for _ in header]
    for level, row in enumerate(header):
        column = 0
        for cell in row:
            while grid[level][column] is not None:
                column += 1
            for down in range(cell.down):
                merge = "" if cell.down == 1 else ("restart" if down == 0 else "continue")
                grid[level + down][column] = (cell, merge)
                for extra in range(1, cell.span):
                    grid[level + down][column + extra] = (cell, "spanned")
            column += cell.span
    return grid


def table_xml(block: TableBlock) -> str:
    """A body table: fixed column widths, header rows repeated on every page and never split."""
    widths = [_twips(width) for width in block.widths_mm]
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    properties = (
        f'<w:tblStyle w:val="{style_id(TABLE_STYLE)}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:tblInd w:w="{TABLE_INDENT_TWIPS}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="1" w:noVBand="1"/>'
    )
    rows = []
    for level in _header_grid(block.header, len(widths)):
        cells, column = [], 0
        for placed in level:
            if placed is not None and placed[1] != "spanned":
                cell, merge = placed
                cells.append(_cell(cell, sum(widths[column:column + cell.span]), merge))
            column += 1
        rows.append(f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{''.join(cells)}</w:tr>")
    for row in block.rows:
        cells, column = [], 0
        for cell in row:
            cells.append(_cell(cell, sum(widths[column:column + cell.span])))
            column += cell.span
        rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>")
    return f"<w:tbl><w:tblPr>{properties}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def drawn_rule_xml(element: str, length_mm: float, container_mm: float) -> str:
    """An empty paragraph whose style draws its bottom border, indented from both sides so
    that the line is ``length_mm`` long, centred in ``container_mm``."""
    side = _twips(max(container_mm - length_mm, 0) / 2)
    return (f'<w:p><w:pPr><w:pStyle w:val="{style_id(STYLE_NAMES[element])}"/>'
            f'<w:ind w:left="{side}" w:right="{side}" w:firstLine="0"/></w:pPr></w:p>')


def set_column_widths(table, widths_mm: Sequence[float]) -> None:
    """Give a table (a ``w:tbl`` of two or more columns, no merged cells) these column widths."""
    twips = [_twips(width) for width in widths_mm]
    for column, width in zip(table.find(w("tblGrid")).findall(w("gridCol")), twips):
        column.set(w("w"), str(width))
    for row in table.findall(w("tr")):
        for cell, width in zip(row.findall(w("tc")), twips):
            size = cell.find(f"{w('tcPr')}/{w('tcW')}")
            if size is not None:
                size.set(w("w"), str(width))
                size.set(w("type"), "dxa")


# --- annexes: one section each ------------------------------------------------------

# The children of w:sectPr in schema order (ECMA-376 CT_SectPr), to insert at the right place.
_SECT_ORDER = (
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
    "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg",
    "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
)


def _set_child(parent, tag: str, attributes: dict[str, str]) -> None:
    """Set (or add at its schema place) the child ``tag`` of a ``w:sectPr``."""
    child = parent.find(w(tag))
    if child is None:
        from lxml import etree

        child = etree.Element(w(tag))
        rank = _SECT_ORDER.index(tag)
        later = [c for c in parent if c.tag.startswith(f"{{{W}}}")
                 and c.tag[len(W) + 2:] in _SECT_ORDER and _SECT_ORDER.index(c.tag[len(W) + 2:]) > rank]
        if later:
            later[0].addprevious(child)
        else:
            parent.append(child)
    for name, value in attributes.items():
        child.set(w(name), value)


def _orient(section, landscape: bool) -> None:
    size = section.find(w("pgSz"))
    if size is None:
        return
    width, height = int(size.get(w("w"))), int(size.get(w("h")))
    short, long_ = sorted((width, height))
    size.set(w("w"), str(long_ if landscape else short))
    size.set(w("h"), str(short if landscape else long_))
    if landscape:
        size.set(w("orient"), "landscape")
    elif w("orient") in size.attrib:
        del size.attrib[w("orient")]


def _annex_section(final, landscape: bool, restart_numbers: bool):
    """The section of one annex: the document's page, turned if landscape; page numbers
    restarting from 1 with none on its first page (NĐ 30), or running on (Đoàn)."""
    section = copy.deepcopy(final)
    _set_child(section, "type", {"val": "nextPage"})
    _orient(section, landscape)
    title_page = section.find(w("titlePg"))
    if restart_numbers:
        _set_child(section, "pgNumType", {"start": "1"})
        _set_child(section, "titlePg", {})
    elif title_page is not None:
        section.remove(title_page)
    return section


def apply_annex_sections(body, landscape: Sequence[bool], restart_numbers: bool) -> None:
    """Give each annex its own section: a section break before each ``Phụ lục`` label line.

    The break closing the main text keeps the main section's page (the body's last
    ``w:sectPr`` as the template has it); each annex's section is a copy of it, turned
    for a landscape annex; the body's last ``w:sectPr`` becomes the last annex's."""
    if not landscape:
        return
    from lxml import etree

    label_style = style_id(STYLE_NAMES["annex_label"])
    labels = [p for p in body.iter(w("p"))
              if (s := p.find(f"{w('pPr')}/{w('pStyle')}")) is not None and s.get(w("val")) == label_style]
    final = body.find(w("sectPr"))
    main = copy.deepcopy(final)
    sections = [main] + [_annex_section(final, flag, restart_numbers) for flag in landscape]
    for label, closing in zip(labels, sections):
        breaker = etree.Element(w("p"))
        properties = etree.SubElement(breaker, w("pPr"))
        spacing = etree.SubElement(properties, w("spacing"))
        spacing.set(w("before"), "0")
        spacing.set(w("after"), "0")
        mark = etree.SubElement(etree.SubElement(properties, w("rPr")), w("sz"))
        mark.set(w("val"), "2")  # the break's own paragraph takes (almost) no room
        properties.append(closing)
        label.addprevious(breaker)
    last = sections[len(labels)]
    final.getparent().replace(final, last)


# --- the closing block: never on a page without the text that ends the document --------------


def keep_end_with_closing_block(body) -> None:
    """Keep the paragraph that ends the text (the closing sentence, or the body's last paragraph
    or end mark when the body closes the document) on the page of the signature block under it.

    A signature alone at the top of a page, with none of the text it signs above it, is what a
    reader must never see; the closing block's table rows never split, and the paragraph before
    the table carries keep-with-next. The closing sentence's style already does; a body that
    ends the document (a Quyết định's last Điều, a table's end mark) ends with a paragraph of
    any body style, so the keep is set on that paragraph itself, and on the empty paragraphs
    between (the air under a table ending the body). Word then moves only its last lines (widow
    control) with the block; LibreOffice never splits a keep-with-next paragraph, so for the PDF
    vanban's bridge cuts a long one first (``_uno_bridge._split_kept_paragraphs``;
    ``docs/testing.md``, foot gaps)."""
    from lxml import etree

    signer_name = style_id(STYLE_NAMES["signer_name"])
    closing = style_id(STYLE_NAMES["closing"])
    for table in body.findall(w("tbl")):
        styles = {s.get(w("val")) for s in table.iter(w("pStyle"))}
        if signer_name not in styles:
            continue
        # back over empty paragraphs (the air under a table) to the text's last words: each is
        # kept with the next, so the chain holds
        before = table.getprevious()
        while before is not None and before.tag == w("p"):
            properties = before.find(w("pPr"))
            if properties is None:
                properties = etree.Element(w("pPr"))
                before.insert(0, properties)
            style = properties.find(w("pStyle"))
            kept = (style is not None and style.get(w("val")) == closing) or properties.find(w("keepNext")) is not None
            if not kept:
                keep = etree.Element(w("keepNext"))
                if style is not None:
                    style.addnext(keep)
                else:
                    properties.insert(0, keep)
            if "".join(before.itertext()).strip():
                break
            before = before.getprevious()
