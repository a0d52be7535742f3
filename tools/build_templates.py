"""Write the package's Word templates from the profiles' figures.

    python tools/build_templates.py          # rewrites vanban/templates/<profile>/van-ban.docx

The template is a normal .docx a maintainer can open and adjust in Word: every
element has its own paragraph style (``VB Body``, ``VB Heading 1`` ...) carrying
its font, size and spacing, and the docxtpl tags (``{{ date_line }}``,
``{%p for block in body %}`` ...) mark where vanban puts the document's words.
This script is how the first version of each template is made; the tests check
every rendered document against the profile, so a template edited in Word that
drifts from the rules is caught.
"""

from __future__ import annotations

import io
import sys
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vanban._files import reproducible_zip  # noqa: E402
from vanban._ooxml import TABLE_STYLE  # noqa: E402
from vanban.profiles import BODY_ELEMENTS, PROFILES, STYLE_NAMES, DrawnLine, Profile, TextFigure  # noqa: E402

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
KEEP_STYLES = {"Normal", "Default Paragraph Font", "Normal Table", "No List"}
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}

# The order ECMA-376 Part 1 (17.4.60 CT_TblPr, 17.3.2.28 CT_RPr) gives the children of the
# elements this script adds to: Word refuses or "repairs" a document whose children are out of order.
TBL_PR_ORDER = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
    "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar",
    "tblLook", "tblCaption", "tblDescription", "tblPrChange",
)
R_PR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
    "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
    "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
    "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath", "rPrChange",
)


def _insert_in_order(parent, child, order):
    """Insert ``child`` into ``parent`` where the schema's sequence ``order`` puts it: before
    the first existing child that the sequence puts after it, else at the end."""
    name = child.tag.rpartition("}")[2]
    later = {qn(f"w:{tag}") for tag in order[order.index(name) + 1 :]}
    for index, sibling in enumerate(parent):
        if sibling.tag in later:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def _set_fonts(rpr) -> None:
    """Times New Roman on all four font slots, no theme fonts, Vietnamese language."""
    for tag in ("w:rFonts", "w:lang"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    fonts = OxmlElement("w:rFonts")
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    _insert_in_order(rpr, fonts, R_PR_ORDER)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    _insert_in_order(rpr, lang, R_PR_ORDER)


def _prepare_styles(document, profile: Profile) -> None:
    styles = document.styles
    for style in list(styles):
        if style.name not in KEEP_STYLES:
            style.element.getparent().remove(style.element)
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr)
    for size_tag in ("w:sz", "w:szCs"):
        rpr.find(qn(size_tag)).set(qn("w:val"), str(int(profile.figures["normal"].size * 2)))
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")

    for key, figure in profile.figures.items():
        name = STYLE_NAMES[key]
        if key == "normal":
            style = styles["Normal"]
        else:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            style.quick_style = True
        _apply_figure(style, figure)


def _apply_figure(style, figure: TextFigure) -> None:
    font = style.font
    font.name = FONT
    _set_fonts(style.element.get_or_add_rPr())
    font.size = Pt(figure.size)
    font.bold = figure.bold
    font.italic = figure.italic
    font.underline = figure.underline
    paragraph = style.paragraph_format
    paragraph.alignment = ALIGN[figure.align]
    paragraph.first_line_indent = Twips(figure.first_line_indent_twips)
    paragraph.left_indent = Twips(figure.left_indent_twips)
    paragraph.space_before = Pt(figure.space_before_pt)
    paragraph.space_after = Pt(figure.space_after_pt)
    paragraph.line_spacing = figure.line_spacing
    paragraph.widow_control = True
    paragraph.keep_with_next = figure.keep_with_next
    if figure.border_bottom:
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for name, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")):
            bottom.set(qn(f"w:{name}"), value)
        borders.append(bottom)
        properties = style.element.get_or_add_pPr()
        # w:pBdr stands after w:keepNext ... w:pageBreakBefore and before w:shd, w:tabs, w:spacing
        later = [c for c in properties if c.tag in (qn("w:shd"), qn("w:tabs"), qn("w:spacing"), qn("w:ind"),
                                                     qn("w:jc"), qn("w:outlineLvl"))]
        if later:
            later[0].addprevious(borders)
        else:
            properties.append(borders)
    if figure.boxed:
        # a character border frames just the words, and boxes on consecutive lines stay apart
        border = OxmlElement("w:bdr")
        for name, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")):
            border.set(qn(f"w:{name}"), value)
        _insert_in_order(style.element.get_or_add_rPr(), border, R_PR_ORDER)


def _paragraph(container, text: str, key: str):
    paragraph = container.add_paragraph(style=STYLE_NAMES[key])
    if text:
        paragraph.add_run(text)
    return paragraph


def _mark(container, spec, key: str) -> None:
    """The mark under a text: typed (``{{ x }}`` in its style) or a drawn line that vanban
    writes whole (``{{p x }}``: an empty paragraph of that style, its border the line)."""
    if isinstance(spec, DrawnLine):
        container.add_paragraph(f"{{{{p {key} }}}}", style="Normal")
    else:
        _paragraph(container, f"{{{{ {key} }}}}", key)


def _tag(container, tag: str):
    """A paragraph holding only a ``{%p ... %}`` tag; docxtpl removes it when rendering."""
    return container.add_paragraph(tag, style="Normal")


def _each(container, loop: str, text: str, key: str) -> None:
    """One styled paragraph repeated ``{%p for <loop> %}``."""
    _tag(container, f"{{%p for {loop} %}}")
    _paragraph(container, text, key)
    _tag(container, "{%p endfor %}")


def _when(container, condition: str, text: str, key: str) -> None:
    """One styled paragraph shown ``{%p if <condition> %}``."""
    _tag(container, f"{{%p if {condition} %}}")
    _paragraph(container, text, key)
    _tag(container, "{%p endif %}")


def _table(document, widths_mm, rows: int, border: str):
    """A fixed-width table; ``border`` is ``nil`` (letterhead, signature) or ``single``."""
    table = document.add_table(rows=rows, cols=len(widths_mm))
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), border)
        if border != "nil":
            edge.set(qn("w:sz"), "4")
            edge.set(qn("w:space"), "0")
            edge.set(qn("w:color"), "auto")
        borders.append(edge)
    _insert_in_order(tbl_pr, borders, TBL_PR_ORDER)
    width = tbl_pr.find(qn("w:tblW"))
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(Mm(sum(widths_mm)).twips))
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    _insert_in_order(tbl_pr, layout, TBL_PR_ORDER)
    table.autofit = False
    for column, width_mm in zip(table.columns, widths_mm):
        column.width = Mm(width_mm)
        for cell in column.cells:
            cell.width = Mm(width_mm)
    return table


def _borderless_table(document, widths_mm, rows: int = 2):
    """Two columns, no borders, empty cells ready for styled paragraphs."""
    table = _table(document, widths_mm, rows=rows, border="nil")
    margins = OxmlElement("w:tblCellMar")  # the columns' full width is for text
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "0")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    _insert_in_order(table._tbl.tblPr, margins, TBL_PR_ORDER)
    for cell in table._cells:
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return table


def _letterhead(document, profile: Profile) -> None:
    table = _borderless_table(document, profile.header_columns_mm)
    names, motto = table.cell(0, 0), table.cell(0, 1)
    _each(names, "line in parent_lines", "{{ line }}", "parent")
    _each(names, "line in issuer_lines", "{{ line }}", "issuer")
    _mark(names, profile.agency_mark, "agency_mark")
    for index, (_, element) in enumerate(profile.motto):  # each motto line has its own style
        _paragraph(motto, f"{{{{ motto_lines[{index}] }}}}", element)
    if profile.motto_rule:
        _mark(motto, profile.motto_rule, "motto_rule")

    number, date = table.cell(1, 0), table.cell(1, 1)
    _tag(number, "{%p if number_line %}")
    _paragraph(number, "{{ number_line }}", "number")
    _tag(number, "{%p elif not subject and not marks %}")  # a cell holds at least one paragraph
    _paragraph(number, "", "number")
    _tag(number, "{%p endif %}")
    _when(number, "subject", "{{ subject }}", "subject")
    _tag(number, "{%p for mark in marks %}")
    _tag(number, "{%p if mark.boxed %}")
    _paragraph(number, "{{ mark.text }}", "boxed_mark")
    _tag(number, "{%p else %}")
    _paragraph(number, "{{ mark.text }}", "mark")
    _tag(number, "{%p endif %}")
    _tag(number, "{%p endfor %}")
    _paragraph(date, "{{ date_line }}", "date")


def _title_and_body(document, profile: Profile) -> None:
    _tag(document, "{%p if type_name %}")  # a công văn has none: its trích yếu is under the number
    _paragraph(document, "{{ type_name }}", "type_name")
    _paragraph(document, "{{r title }}", "title")
    _mark(document, profile.title_rule, "title_rule")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p if addressee_label %}")
    _paragraph(document, "{{r addressee_label }}", "addressee")
    _each(document, "line in addressee_items", "{{ line }}", "addressee_item")
    _tag(document, "{%p endif %}")
    _when(document, "issuing_authority", "{{r issuing_authority }}", "issuing_authority")
    _each(document, "line in bases", "{{ line }}", "basis")
    _each(document, "paragraph in opening", "{{r paragraph }}", "body")
    _when(document, "operative", "{{ operative }}", "operative")
    _body_loop(document, "body")
    _when(document, "closing", "{{r closing }}", "closing")


def _body_loop(document, blocks: str) -> None:
    """Each block of ``blocks`` in the paragraph style of its element; a table as vanban
    writes it (``{{p block.table }}``), between its caption and its note."""
    _tag(document, f"{{%p for block in {blocks} %}}")
    for index, key in enumerate(BODY_ELEMENTS):
        keyword = "if" if index == 0 else "elif"
        _tag(document, f'{{%p {keyword} block.style == "{key}" %}}')
        _paragraph(document, "{{r block.runs }}", key)
    _tag(document, '{%p elif block.style == "table" %}')
    _when(document, "block.caption", "{{r block.caption }}", "table_caption")
    document.add_paragraph("{{p block.table }}", style="Normal")
    _when(document, "block.note", "{{ block.note }}", "table_note")
    _paragraph(document, "", "table_after")  # a little air before the next heading
    _tag(document, "{%p endif %}")
    _tag(document, "{%p endfor %}")


def _annexes(document) -> None:
    """Each Phụ lục after the signature block; vanban puts each on its own page (a section)."""
    _tag(document, "{%p for annex in annexes %}")
    _paragraph(document, "{{ annex.label }}", "annex_label")
    _when(document, "annex.title", "{{r annex.title }}", "annex_title")
    _paragraph(document, "{{ annex.reference }}", "annex_reference")
    _body_loop(document, "annex.body")
    _tag(document, "{%p endfor %}")


def _table_style(document) -> None:
    """``VB Table``: single borders and cell margins of every body table (vanban writes the
    table's shape; its look is here, for a maintainer to adjust in Word)."""
    style = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    style.base_style = document.styles["Normal Table"]
    properties = style.element.find(qn("w:tblPr"))
    if properties is None:
        properties = OxmlElement("w:tblPr")
        style.element.append(properties)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        for name, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "auto")):
            edge.set(qn(f"w:{name}"), value)
        borders.append(edge)
    _insert_in_order(properties, borders, TBL_PR_ORDER)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):  # 1.5 mm each side
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "85")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    _insert_in_order(properties, margins, TBL_PR_ORDER)


def _closing_block(document, profile: Profile) -> None:
    """Nơi nhận (left) and signature (right).

    Đoàn: two rows, so that "Nơi nhận:" is level with the position line under the
    TM./KT. line (29-HD III.8). NĐ 30: one row, "Nơi nhận:" level with the TM./KT. line.
    """
    rows = 1 if profile.recipients_beside_authority else 2
    _tag(document, "{%p if recipients_label or signer_name %}")  # a copy cut before its end has neither
    table = _borderless_table(document, profile.closing_columns_mm, rows=rows)
    for row in table.rows:  # never split the signature block over two pages
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    recipients, signer = table.cell(rows - 1, 0), table.cell(rows - 1, 1)
    if rows == 2:
        _paragraph(table.cell(0, 0), "", "signer_authority")  # same height as the TM. line, kept with it
        authority = table.cell(0, 1)
        _tag(authority, "{%p if signer_authority %}")
        _each(authority, "line in signer_authority", "{{ line }}", "signer_authority")
        _tag(authority, "{%p else %}")  # a cell needs a paragraph even when the head signs directly
        _paragraph(authority, "", "signer_authority")
        _tag(authority, "{%p endif %}")
    else:
        _each(signer, "line in signer_authority", "{{ line }}", "signer_authority")
    # a second signature on the left (a Biên bản's THƯ KÝ), level with the right one's; a Nơi
    # nhận, where the form has one (NĐ 30 PL III Mẫu 1.9), stands under it
    _tag(recipients, "{%p if left_signer_name %}")
    _each(recipients, "line in left_signer_authority", "{{ line }}", "signer_authority")
    _tag(recipients, "{%p if left_signer_authority %}")
    _paragraph(recipients, "{{ left_signer_position }}", "signer_position")
    _tag(recipients, "{%p else %}")
    _paragraph(recipients, "{{ left_signer_position }}", "signer_authority")
    _tag(recipients, "{%p endif %}")
    _paragraph(recipients, "{{ left_signer_name }}", "signer_name")
    _tag(recipients, "{%p if recipients_label %}")
    _paragraph(recipients, "{{ recipients_label }}", "recipients_label")
    _each(recipients, "line in recipients", "{{ line }}", "recipient")
    _tag(recipients, "{%p endif %}")
    _tag(recipients, "{%p elif recipients_label %}")
    _paragraph(recipients, "{{ recipients_label }}", "recipients_label")
    _each(recipients, "line in recipients", "{{ line }}", "recipient")
    _tag(recipients, "{%p else %}")  # no Nơi nhận: the cell still holds a paragraph
    _paragraph(recipients, "", "recipient")
    _tag(recipients, "{%p endif %}")
    _tag(signer, "{%p if signer_authority %}")
    _paragraph(signer, "{{ signer_position }}", "signer_position")
    _tag(signer, "{%p else %}")  # the head signs with the bare title: the first line, in its style
    _paragraph(signer, "{{ signer_position }}", "signer_authority")
    _tag(signer, "{%p endif %}")
    _paragraph(signer, "{{ signer_name }}", "signer_name")
    _tag(document, "{%p endif %}")


def _page_setup(document, profile: Profile) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = (Mm(v) for v in profile.page_size_mm)
    top, bottom, left, right = profile.margins_mm
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    # No number on page 1 (29-HD II, NĐ 30 PL I): a different, empty first-page header.
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].style = document.styles["Normal"]
    header = section.header.paragraphs[0]
    header.style = document.styles[STYLE_NAMES["page_number"]]
    _page_field(header)


def _page_field(paragraph) -> None:
    def char(kind: str):
        run = OxmlElement("w:r")
        fld = OxmlElement("w:fldChar")
        fld.set(qn("w:fldCharType"), kind)
        run.append(fld)
        return run

    instruction = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = " PAGE "
    instruction.append(text)
    shown = OxmlElement("w:r")
    value = OxmlElement("w:t")
    value.text = "2"
    shown.append(value)
    for element in (char("begin"), instruction, char("separate"), shown, char("end")):
        paragraph._p.append(element)


_UNUSED_PARTS = ("/stylesWithEffects", "/customXml", "/thumbnail", "/numbering")
_APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>vanban</Application></Properties>"
)


def _drop_unused_parts(document) -> None:
    """python-docx's default document carries parts no Union document needs."""
    package = document.part.package
    for owner in (document.part, package):
        for rid, rel in list(owner.rels.items()):
            if rel.reltype.endswith(_UNUSED_PARTS):
                owner.rels.pop(rid)
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = _APP_XML


def _clear_properties(document) -> None:
    properties = document.core_properties
    for name in ("title", "subject", "author", "keywords", "comments", "category"):
        setattr(properties, name, "")
    properties.last_modified_by = "vanban"
    properties.revision = 1
    properties.created = properties.modified = datetime(2021, 1, 1)


def build(profile: Profile, path: Path) -> None:
    document = Document()
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _prepare_styles(document, profile)
    settings = document.settings.element
    # a line break (Shift+Enter) in a justified paragraph must not stretch the line before it
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        settings.append(compat)
    compat.insert(0, OxmlElement("w:doNotExpandShiftReturn"))
    tab = settings.find(qn("w:defaultTabStop"))
    if tab is not None:
        tab.set(qn("w:val"), "720")
    _page_setup(document, profile)
    _letterhead(document, profile)
    _table_style(document)
    _title_and_body(document, profile)
    _closing_block(document, profile)
    _annexes(document)
    _clear_properties(document)
    _drop_unused_parts(document)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(reproducible_zip(buffer.getvalue()))


def main() -> None:
    for profile in PROFILES.values():
        path = ROOT / "vanban" / "templates" / profile.name / "van-ban.docx"
        build(profile, path)
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
