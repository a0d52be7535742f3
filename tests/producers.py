"""vanban's documents as other programs save them: the same page, in the XML forms Google Docs,
WPS Office and Microsoft Word write.

``as_saved_by(data, producer)`` rewrites a .docx vanban rendered; what each form is:

- ``google``: Google Docs' export. Its own small style sheet (Normal, Heading 1-6, Title,
  Subtitle; Arial 11 by default, line 1.15) and everything else set directly on each paragraph
  and run: every run names its fonts (ascii, hAnsi, eastAsia, cs), its size and weight
  (``w:b w:val="1"``/``"0"``), ``w:rtl w:val="0"``; indents as ``w:left``/``w:right``;
  line spacing as ``auto`` multiples written as floating point (``264.00000000000006``); typed
  bullets "- " become a list (numbering.xml, one abstractNum per list, the level's own
  ``left 720 hanging 360`` overridden by the paragraph); Mục headings take Heading 1 with direct
  run properties over its 20 pt; each table its own table style (``Table1``...); ``rsid``
  attributes all zero; the document's language (Vietnamese: ``vi``) in the defaults.
- ``wps``: WPS Office. Styles renamed to its numeric ids ("1" Normal, "2"...), the defaults'
  theme fonts, ``kern`` and ``en-US``/``zh-CN`` languages, and direct formatting everywhere on
  top: indents in character units beside twips (``w:firstLineChars``, ``w:leftChars``,
  ``w:rightChars``, ``w:hangingChars``), ``w:snapToGrid w:val="0"`` on each paragraph in a
  section with a line grid (``w:docGrid w:type="lines" w:linePitch="312"``), run fonts with
  ``w:hint="eastAsia"`` (their East Asian font Times New Roman too, so that the hint changes
  nothing shown), run languages ``vi-VN`` with ``zh-CN`` for East Asian text, the
  kingsoft namespace ``wpsCustomData`` declared and listed in ``mc:Ignorable``.
- ``word``: Microsoft Word 2016+. ``w14``/``w15``/``w16se`` namespaces in ``mc:Ignorable``,
  ``w14:paraId``/``w14:textId`` and ``rsid`` on paragraphs; fonts only through the theme
  (``w:asciiTheme="minorHAnsi"`` in the defaults, ``majorHAnsi`` in the Mục heading styles,
  Times New Roman as theme1.xml's minor and major font, no style naming a font); Word's own defaults (spacing after 8 pt, line 259);
  headings numbered by a multi-level list linked to the heading styles through a list style
  (``w:numStyleLink`` -> ``w:styleLink``, the levels' ``w:pStyle``), their typed numbers
  removed; the letterhead and signature tables in a table style that sets their paragraphs'
  size, alignment and spacing (and a bold first row, which their ``w:tblLook`` does not ask
  for), their paragraphs in Normal with only what differs set directly.

The rewriting resolves vanban's styles with a resolver of its own (defaults, then the style and
its ``basedOn`` ancestors, then direct formatting; ``w:ind`` and ``w:spacing`` merged attribute
by attribute), not with the checker's reader: the reader is what the forms test.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from typing import Callable, Optional

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
W16SE = "http://schemas.microsoft.com/office/word/2015/wordml/symex"
WPS_DATA = "http://www.wps.cn/officeDocument/2013/wpsCustomData"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NUMBERING_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
NUMBERING_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"

PRODUCERS = ("google", "wps", "word")


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _el(tag: str, **attributes) -> etree._Element:
    element = etree.Element(w(tag))
    for key, value in attributes.items():
        element.set(w(key), str(value))
    return element


# --- resolving vanban's styles (independent of vanban's reader) ------------------------------

_MERGED = {w("ind"), w("spacing"), w("rFonts"), w("lang")}
_SKIPPED = {w("pStyle"), w("rStyle"), w("rPr"), w("sectPr"), w("pPrChange"), w("rPrChange"), w("numPr")}
_PPR_ORDER = ["keepNext", "keepLines", "pageBreakBefore", "widowControl", "numPr", "pBdr", "shd", "tabs",
              "snapToGrid", "spacing", "ind", "jc", "outlineLvl"]
_RPR_ORDER = ["rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "color", "kern", "sz", "szCs",
              "u", "bdr", "shd", "vertAlign", "rtl", "lang"]
_TOGGLES = {"b", "bCs", "i", "iCs", "caps", "smallCaps", "strike"}


def _merge(sources) -> dict:
    """tag -> element, later sources over earlier; w:ind, w:spacing, w:rFonts, w:lang merged by
    attribute (a first-line indent and a hanging one exclude each other)."""
    merged: dict = {}
    for source in sources:
        if source is None:
            continue
        for child in source:
            if not isinstance(child.tag, str) or child.tag in _SKIPPED:
                continue
            if child.tag in _MERGED and child.tag in merged:
                target = merged[child.tag]
                if child.tag == w("ind"):
                    for one, other in (("firstLine", "hanging"), ("hanging", "firstLine")):
                        if child.get(w(one)) is not None or child.get(w(one + "Chars")) is not None:
                            for gone in (other, other + "Chars"):
                                target.attrib.pop(w(gone), None)
                for key, value in child.attrib.items():
                    target.set(key, value)
            else:
                merged[child.tag] = copy.deepcopy(child)
    return merged


class _Styles:
    def __init__(self, root):
        self.root = root
        self.by_id = {s.get(w("styleId")): s for s in root.iter(w("style"))}
        defaults = root.find(w("docDefaults"))
        self.default_ppr = defaults.find(f"{w('pPrDefault')}/{w('pPr')}") if defaults is not None else None
        self.default_rpr = defaults.find(f"{w('rPrDefault')}/{w('rPr')}") if defaults is not None else None
        self.default_paragraph = next((s.get(w("styleId")) for s in root.iter(w("style"))
                                       if s.get(w("type")) == "paragraph" and s.get(w("default")) == "1"), None)

    def chain(self, style_id: Optional[str]) -> list:
        """The style and its ancestors, the farthest ancestor first."""
        out = []
        while style_id and style_id in self.by_id and self.by_id[style_id] not in out:
            out.append(self.by_id[style_id])
            based = self.by_id[style_id].find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        return out[::-1]

    def paragraph_style(self, paragraph) -> Optional[str]:
        style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
        return style.get(w("val")) if style is not None else self.default_paragraph

    def paragraph(self, paragraph) -> dict:
        chain = self.chain(self.paragraph_style(paragraph))
        return _merge([self.default_ppr] + [s.find(w("pPr")) for s in chain] + [paragraph.find(w("pPr"))])

    def run(self, paragraph, run) -> dict:
        chain = self.chain(self.paragraph_style(paragraph))
        direct = run.find(w("rPr")) if run is not None else None
        character = direct.find(w("rStyle")) if direct is not None else None
        characters = self.chain(character.get(w("val"))) if character is not None else []
        return _merge([self.default_rpr] + [s.find(w("rPr")) for s in chain]
                      + [s.find(w("rPr")) for s in characters] + [direct])


def _properties(tag: str, merged: dict, order: list, boolean: Callable) -> etree._Element:
    element = _el(tag)
    known = [merged[w(name)] for name in order if w(name) in merged]
    rest = [e for t, e in merged.items() if etree.QName(t).localname not in order]
    for child in known + rest:
        name = etree.QName(child).localname
        if name in _TOGGLES:
            child = boolean(name, child.get(w("val"), "true") not in ("0", "false", "off"))
        element.append(child)
    return element


def _runs(paragraph) -> list:
    """The paragraph's own runs (hyperlinks' and fields' included, text boxes' not)."""
    return [r for r in paragraph.iter(w("r"))
            if next((a for a in r.iterancestors() if a.tag in (w("p"), w("txbxContent"))), None) is paragraph]


def _text(paragraph) -> str:
    return "".join(t.text or "" for r in _runs(paragraph) for t in r.iter(w("t")))


def _paragraphs(root) -> list:
    return [p for p in root.iter(w("p"))
            if not any(a.tag == f"{{{MC}}}Fallback" for a in p.iterancestors())]


def _place_ppr(paragraph, ppr) -> None:
    """Put ``ppr`` as the paragraph's pPr, keeping its section break and its list numbering."""
    old = paragraph.find(w("pPr"))
    if old is not None:
        for kept in ("numPr", "sectPr"):
            found = old.find(w(kept))
            if found is not None:
                if kept == "numPr":
                    ppr.insert(0, found)
                else:
                    ppr.append(found)
        paragraph.remove(old)
    paragraph.insert(0, ppr)


def _set_rpr(run, rpr) -> None:
    old = run.find(w("rPr"))
    if old is not None:
        run.remove(old)
    run.insert(0, rpr)


# --- the package -----------------------------------------------------------------------------


class Package:
    """The parts of a .docx: XML parts parsed (``xml``), the others as bytes."""

    def __init__(self, data: bytes):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.raw = {name: archive.read(name) for name in archive.namelist()}
        self.xml = {name: etree.fromstring(body) for name, body in self.raw.items()
                    if name.endswith((".xml", ".rels"))}

    def add(self, name: str, root, content_type: str, relationship: str) -> None:
        self.xml[name] = root
        types = self.xml["[Content_Types].xml"]
        if not any(o.get("PartName") == "/" + name for o in types):
            override = etree.SubElement(types, "{http://schemas.openxmlformats.org/package/2006/content-types}Override")
            override.set("PartName", "/" + name)
            override.set("ContentType", content_type)
        rels = self.xml["word/_rels/document.xml.rels"]
        if not any(r.get("Type") == relationship for r in rels):
            rel = etree.SubElement(rels, f"{{{REL}}}Relationship")
            rel.set("Id", "rIdProducer1")
            rel.set("Type", relationship)
            rel.set("Target", name.split("/", 1)[1])

    def content(self) -> list:
        """document.xml and every header and footer part."""
        return [root for name, root in self.xml.items()
                if name == "word/document.xml" or re.fullmatch(r"word/(header|footer)\d*\.xml", name)]

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, body in self.raw.items():
                if name in self.xml:
                    body = etree.tostring(self.xml[name], xml_declaration=True, encoding="UTF-8", standalone=True)
                archive.writestr(name, body)
            for name in self.xml.keys() - self.raw.keys():
                archive.writestr(name, etree.tostring(self.xml[name], xml_declaration=True, encoding="UTF-8",
                                                      standalone=True))
        return buffer.getvalue()


def _with_namespaces(root, namespaces: dict, ignorable: str):
    """``root`` again, declaring ``namespaces`` and listing ``ignorable`` in mc:Ignorable."""
    nsmap = dict(root.nsmap)
    nsmap.update(namespaces)
    nsmap.setdefault("mc", MC)
    fresh = etree.Element(root.tag, nsmap=nsmap)
    for key, value in root.attrib.items():
        fresh.set(key, value)
    fresh.set(f"{{{MC}}}Ignorable", ignorable)
    fresh.extend(list(root))
    return fresh


def _numbering_root():
    return etree.Element(w("numbering"), nsmap={"w": W})


def _bullet_list(numbering, list_id: int, text: str, level_ind: dict) -> None:
    """One list whose level 0 shows ``text`` (nine levels, as Google Docs and Word write them)."""
    abstract = etree.SubElement(numbering, w("abstractNum"))
    abstract.set(w("abstractNumId"), str(list_id))
    for level in range(9):
        lvl = etree.SubElement(abstract, w("lvl"))
        lvl.set(w("ilvl"), str(level))
        lvl.append(_el("start", val=1))
        lvl.append(_el("numFmt", val="bullet"))
        lvl.append(_el("lvlText", val=text if level == 0 else "○"))
        lvl.append(_el("lvlJc", val="left"))
        ppr = etree.SubElement(lvl, w("pPr"))
        ppr.append(_el("ind", **{k: (int(v) + 720 * level if k == "left" else v) for k, v in level_ind.items()}))
        rpr = etree.SubElement(lvl, w("rPr"))
        rpr.append(_el("u", val="none"))


def _add_num(numbering, num_id: int, abstract_id: int) -> None:
    num = etree.SubElement(numbering, w("num"))
    num.set(w("numId"), str(num_id))
    num.append(_el("abstractNumId", val=abstract_id))


def _drop_typed_label(paragraph, label: str) -> bool:
    """Remove the typed ``label`` ("- ", "I. ") that opens the paragraph, when a run holds
    exactly it (vanban writes a label as its own run); False when it cannot."""
    runs = [r for r in _runs(paragraph) if "".join(t.text or "" for t in r.iter(w("t")))]
    if not runs or "".join(t.text or "" for t in runs[0].iter(w("t"))) != label:
        return False
    runs[0].getparent().remove(runs[0])
    return True


# --- Google Docs -------------------------------------------------------------------------------

_GOOGLE_STYLES = """<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr>
<w:rFonts w:ascii="Arial" w:cs="Arial" w:eastAsia="Arial" w:hAnsi="Arial"/><w:sz w:val="22"/><w:szCs w:val="22"/>
<w:lang w:val="vi"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="276" w:lineRule="auto"/>
</w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="normal"/><w:qFormat/></w:style>
{headings}
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:after="60"/></w:pPr><w:rPr><w:sz w:val="52"/><w:szCs w:val="52"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:after="320"/></w:pPr><w:rPr><w:color w:val="666666"/><w:sz w:val="30"/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0.0" w:type="dxa"/>
<w:tblCellMar><w:top w:w="0.0" w:type="dxa"/><w:left w:w="0.0" w:type="dxa"/><w:bottom w:w="0.0" w:type="dxa"/><w:right w:w="0.0" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>"""
_GOOGLE_HEADING = ('<w:style w:type="paragraph" w:styleId="Heading{n}"><w:name w:val="heading {n}"/><w:basedOn w:val="Normal"/>'
                   '<w:next w:val="Normal"/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="120"/>'
                   '<w:outlineLvl w:val="{level}"/></w:pPr><w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:style>')
_ROMAN_HEADING = re.compile(r"^([IVXLC]+\. )")


def _google_float(value: str) -> str:
    """A line spacing as Google Docs writes it: the multiple, times 240, in floating point."""
    try:
        return repr(round(float(value) / 240, 2) * 240)
    except ValueError:
        return value


def _google(package: Package) -> None:
    styles = _Styles(package.xml["word/styles.xml"])
    headings = "".join(_GOOGLE_HEADING.format(n=n, level=n - 1, size=size, before=before) for n, size, before in
                       ((1, 40, 400), (2, 32, 360), (3, 28, 320), (4, 24, 280), (5, 22, 240), (6, 22, 240)))
    sheet = etree.fromstring(_GOOGLE_STYLES.format(W=W, headings=headings).encode())
    numbering = _numbering_root()
    lists = 0
    tables = 0
    for root in package.content():
        plan = []
        for paragraph in _paragraphs(root):
            ppr = styles.paragraph(paragraph)
            runs = [(run, styles.run(paragraph, run)) for run in _runs(paragraph)]
            plan.append((paragraph, ppr, runs))
        for paragraph, ppr, runs in plan:
            for key in ("rsidR", "rsidDel", "rsidP", "rsidRDefault", "rsidRPr"):
                paragraph.set(w(key), "00000000")
            text = _text(paragraph)
            new_ppr = _properties("pPr", ppr, _PPR_ORDER, lambda n, on: _el(n, val=1 if on else 0))
            spacing = new_ppr.find(w("spacing"))
            if spacing is not None and spacing.get(w("line")) and spacing.get(w("lineRule"), "auto") == "auto":
                spacing.set(w("line"), _google_float(spacing.get(w("line"))))
            if _ROMAN_HEADING.match(text) and paragraph.getparent().tag == w("body"):
                new_ppr.insert(0, _el("pStyle", val="Heading1"))
            if text.startswith("- ") and paragraph.getparent().tag == w("body") and _drop_typed_label(paragraph, "- "):
                lists += 1
                _bullet_list(numbering, lists, "-", {"left": "720", "hanging": "360"})
                _add_num(numbering, lists, lists)
                new_ppr.insert(0, etree.fromstring(
                    f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/><w:numId w:val="{lists}"/></w:numPr>'))
            _place_ppr(paragraph, new_ppr)
            for run, rpr in runs:
                if run.getparent() is None:
                    continue
                run.set(w("rsidDel"), "00000000")
                run.set(w("rsidR"), "00000000")
                run.set(w("rsidRPr"), "00000000")
                fonts = rpr.get(w("rFonts"))
                if fonts is not None:  # Google names all four slots
                    name = fonts.get(w("ascii")) or fonts.get(w("hAnsi"))
                    for slot in ("ascii", "cs", "eastAsia", "hAnsi"):
                        fonts.set(w(slot), name)
                if w("sz") in rpr:
                    rpr[w("szCs")] = _el("szCs", val=rpr[w("sz")].get(w("val")))
                rpr.pop(w("lang"), None)  # the language is the document's
                rpr[w("rtl")] = _el("rtl", val=0)
                _set_rpr(run, _properties("rPr", rpr, _RPR_ORDER, lambda n, on: _el(n, val=1 if on else 0)))
        for table in root.iter(w("tbl")):
            tables += 1
            tbl_pr = table.find(w("tblPr"))
            old = tbl_pr.find(w("tblStyle"))
            if old is not None:
                tbl_pr.remove(old)
            tbl_pr.insert(0, _el("tblStyle", val=f"Table{tables}"))
            sheet.append(etree.fromstring(
                f'<w:style xmlns:w="{W}" w:type="table" w:styleId="Table{tables}"><w:basedOn w:val="TableNormal"/>'
                '<w:tblPr><w:tblStyleRowBandSize w:val="1"/><w:tblStyleColBandSize w:val="1"/></w:tblPr></w:style>'))
            for width in table.iter(w("tcW"), w("tblW")):
                width.set(w("w"), width.get(w("w")) + ".0")
    package.xml["word/styles.xml"] = sheet
    if lists:
        package.add("word/numbering.xml", _order_numbering(numbering), NUMBERING_TYPE, NUMBERING_REL)


def _order_numbering(numbering):
    """abstractNum elements before num elements, as the schema orders them."""
    children = sorted(numbering, key=lambda e: e.tag != w("abstractNum"))
    for child in children:
        numbering.append(child)
    return numbering


# --- WPS Office --------------------------------------------------------------------------------


def _in_chars(twips: int, size_pt: float) -> Optional[int]:
    """``twips`` in hundredths of a character of ``size_pt``, when that unit gives it back to the twip."""
    chars = round(twips / (size_pt * 20) * 100)
    return chars if round(chars / 100 * size_pt * 20) == twips else None


def _wps(package: Package) -> None:
    styles_root = package.xml["word/styles.xml"]
    styles = _Styles(styles_root)
    renamed = {}
    for number, style in enumerate(styles_root.iter(w("style")), start=1):
        renamed[style.get(w("styleId"))] = str(number)
    plans = []
    for root in package.content():
        plans.append([(p, styles.paragraph(p), [(r, styles.run(p, r)) for r in _runs(p)]) for p in _paragraphs(root)])
    for style in styles_root.iter(w("style")):
        style.set(w("styleId"), renamed[style.get(w("styleId"))])
        for link in ("basedOn", "next", "link"):
            found = style.find(w(link))
            if found is not None and found.get(w("val")) in renamed:
                found.set(w("val"), renamed[found.get(w("val"))])
    defaults = styles_root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    for child in list(defaults):
        defaults.remove(child)
    defaults.extend([
        _el("rFonts", asciiTheme="minorHAnsi", hAnsiTheme="minorHAnsi", eastAsiaTheme="minorEastAsia",
            cstheme="minorBidi"),
        _el("kern", val=2), _el("sz", val=21), _el("szCs", val=24),
        _el("lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")])
    for plan in plans:
        for paragraph, ppr, runs in plan:
            style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
            worded = [rpr for run, rpr in runs if "".join(t.text or "" for t in run.iter(w("t"))).strip()]
            sizes = [float(rpr[w("sz")].get(w("val"))) / 2 for rpr in worded or [styles.run(paragraph, None)]
                     if w("sz") in rpr] or [10.0]
            ind = ppr.get(w("ind"))
            if ind is not None:
                for attribute in ("firstLine", "hanging", "left", "right"):
                    value = ind.get(w(attribute))
                    if value not in (None, "0"):
                        chars = _in_chars(int(value), max(sizes))
                        if chars is not None:
                            ind.set(w(attribute + "Chars"), str(chars))
            ppr[w("snapToGrid")] = _el("snapToGrid", val=0)
            new_ppr = _properties("pPr", ppr, _PPR_ORDER, lambda n, on: _el(n) if on else _el(n, val=0))
            if style is not None:
                new_ppr.insert(0, _el("pStyle", val=renamed.get(style.get(w("val")), style.get(w("val")))))
            _place_ppr(paragraph, new_ppr)
            for run, rpr in runs:
                fonts = rpr.get(w("rFonts"))
                if fonts is not None:
                    fonts.set(w("hint"), "eastAsia")
                    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
                        if fonts.get(w(slot)) is None and fonts.get(w("ascii")):
                            fonts.set(w(slot), fonts.get(w("ascii")))
                lang = rpr.get(w("lang"))
                if lang is not None:
                    lang.set(w("eastAsia"), "zh-CN")
                _set_rpr(run, _properties("rPr", rpr, _RPR_ORDER, lambda n, on: _el(n) if on else _el(n, val=0)))
    for section in package.xml["word/document.xml"].iter(w("sectPr")):
        old = section.find(w("docGrid"))
        if old is not None:
            section.remove(old)
        section.append(_el("docGrid", type="lines", linePitch=312, charSpace=0))
    document = package.xml["word/document.xml"]
    ignorable = " ".join(dict.fromkeys((document.get(f"{{{MC}}}Ignorable") or "").split() + ["w14", "w15", "wp14"]))
    package.xml["word/document.xml"] = _with_namespaces(
        document, {"w15": W15, "wpsCustomData": WPS_DATA}, ignorable)


# --- Microsoft Word ----------------------------------------------------------------------------

_THEME = """<a:theme xmlns:a="{A}" name="Office Theme"><a:themeElements><a:clrScheme name="Office"/>
<a:fontScheme name="Office"><a:majorFont><a:latin typeface="{major}"/><a:ea typeface=""/><a:cs typeface=""/>
</a:majorFont><a:minorFont><a:latin typeface="{minor}"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont>
</a:fontScheme><a:fmtScheme name="Office"/></a:themeElements></a:theme>"""

_WORD_LEVELS = (("upperRoman", "%1.", "VBHeading1"), ("decimal", "%2.", "VBHeading2"),
                ("decimal", "%2.%3.", "VBHeading3"), ("decimal", "%2.%3.%4.", "VBHeading4"))
_TYPED_LABEL = (re.compile(r"^[IVXLC]+\. $"), re.compile(r"^\d+\. $"), re.compile(r"^\d+\.\d+\. $"),
                re.compile(r"^\d+\.\d+\.\d+\. $"))


def theme(minor: str = "Times New Roman", major: str = "Times New Roman"):
    return etree.fromstring(_THEME.format(A=A, minor=minor, major=major).encode())


def _word(package: Package) -> None:
    styles_root = package.xml["word/styles.xml"]
    styles = _Styles(styles_root)
    document = package.xml["word/document.xml"]
    plans = [(p, styles.paragraph(p), [(r, styles.run(p, r)) for r in _runs(p)]) for p in _paragraphs(document)]
    # Word's Normal sets nothing: what vanban's Normal sets goes to the defaults, with Word's own
    # spacing (after 8 pt, line 1.08) there
    normal = styles.by_id[styles.default_paragraph]
    defaults = styles_root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    for kind in ("pPr", "rPr"):
        found = normal.find(w(kind))
        if found is not None:
            normal.remove(found)
            if kind == "rPr":
                for child in found:
                    old = defaults.find(child.tag)
                    if old is not None:
                        defaults.remove(old)
                    defaults.append(child)
    spacing = styles_root.find(f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}/{w('spacing')}")
    spacing.set(w("after"), "160")
    spacing.set(w("line"), "259")
    styles = _Styles(styles_root)
    # the letterhead and signature tables: Normal paragraphs in a table style, what differs set directly
    table_style = _el("style", type="table", customStyle="1", styleId="VBFrame")
    table_style.extend([_el("name", val="VB Frame"), _el("basedOn", val="TableNormal"), _el("uiPriority", val=59)])
    frame_ppr = etree.SubElement(table_style, w("pPr"))
    frame_ppr.extend([_el("spacing", before=0, after=0, line=240, lineRule="auto"), _el("jc", val="center")])
    frame_rpr = etree.SubElement(table_style, w("rPr"))
    frame_rpr.extend([_el("sz", val=26), _el("szCs", val=26)])
    header_row = etree.SubElement(table_style, w("tblStylePr"))  # a heading row in bold, where a table asks
    header_row.set(w("type"), "firstRow")
    etree.SubElement(header_row, w("rPr")).append(_el("b"))
    styles_root.append(table_style)
    frame_look = _merge([styles.default_ppr, frame_ppr])
    frame_run = _merge([styles.default_rpr, frame_rpr])
    for table in document.iter(w("tbl")):
        borders = table.find(f"{w('tblPr')}/{w('tblBorders')}")
        if borders is None or any(b.get(w("val")) not in ("nil", "none") for b in borders):
            continue  # a ruled table of the body keeps its own
        tbl_pr = table.find(w("tblPr"))
        tbl_pr.insert(0, _el("tblStyle", val="VBFrame"))
        old_look = tbl_pr.find(w("tblLook"))
        if old_look is not None:
            tbl_pr.remove(old_look)
        tbl_pr.append(_el("tblLook", val="0600", firstRow=0, lastRow=0, firstColumn=0, lastColumn=0, noHBand=1,
                          noVBand=1))
        for paragraph, wanted, runs in plans:
            if not any(a is table for a in paragraph.iterancestors(w("tbl"))):
                continue
            direct = {tag: element for tag, element in wanted.items()
                      if tag not in frame_look or etree.tostring(frame_look[tag]) != etree.tostring(element)}
            direct.pop(w("rFonts"), None)
            _place_ppr(paragraph, _properties("pPr", direct, _PPR_ORDER, lambda n, on: _el(n) if on else _el(n, val=0)))
            for run, rpr in runs:
                own = {tag: element for tag, element in rpr.items() if tag != w("rFonts") and (
                    tag not in frame_run or etree.tostring(frame_run[tag]) != etree.tostring(element))}
                _set_rpr(run, _properties("rPr", own, _RPR_ORDER, lambda n, on: _el(n) if on else _el(n, val=0)))
    # fonts only through the theme
    for fonts in list(styles_root.iter(w("rFonts"))):
        fonts.getparent().remove(fonts)
    defaults.insert(0, _el("rFonts", asciiTheme="minorHAnsi", eastAsiaTheme="minorHAnsi", hAnsiTheme="minorHAnsi",
                           cstheme="minorBidi"))
    for heading in ("VBHeading1", "VBHeading1Leaf"):  # Word's headings take the theme's heading font
        rpr = styles.by_id[heading].find(w("rPr")) if heading in styles.by_id else None
        if rpr is not None:
            rpr.insert(0, _el("rFonts", asciiTheme="majorHAnsi", hAnsiTheme="majorHAnsi", eastAsiaTheme="majorEastAsia",
                              cstheme="majorBidi"))
    theme_name = next((n for n in package.xml if n.startswith("word/theme/")), "word/theme/theme1.xml")
    package.xml[theme_name] = theme()
    # headings numbered by a list linked to their styles through a list style
    numbering = _numbering_root()
    linked = etree.SubElement(numbering, w("abstractNum"))
    linked.set(w("abstractNumId"), "0")
    linked.extend([_el("multiLevelType", val="multilevel"), _el("styleLink", val="VBHeadingList")])
    for level, (form, text, style) in enumerate(_WORD_LEVELS):
        lvl = etree.SubElement(linked, w("lvl"))
        lvl.set(w("ilvl"), str(level))
        lvl.extend([_el("start", val=1), _el("numFmt", val=form), _el("pStyle", val=style),
                    _el("suff", val="space"), _el("lvlText", val=text), _el("lvlJc", val="left")])
        etree.SubElement(lvl, w("pPr")).append(_el("ind", left=0, firstLine=720))
    follower = etree.SubElement(numbering, w("abstractNum"))
    follower.set(w("abstractNumId"), "1")
    follower.extend([_el("multiLevelType", val="multilevel"), _el("numStyleLink", val="VBHeadingList")])
    _add_num(numbering, 1, 0)
    _add_num(numbering, 2, 1)
    list_style = _el("style", type="numbering", customStyle="1", styleId="VBHeadingList")
    list_style.append(_el("name", val="VB Heading List"))
    etree.SubElement(etree.SubElement(list_style, w("pPr")), w("numPr")).append(_el("numId", val=1))
    styles_root.append(list_style)
    numbered = set()
    for paragraph in _paragraphs(document):
        style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
        name = style.get(w("val")) if style is not None else None
        for level, (_, _, heading) in enumerate(_WORD_LEVELS):
            if name in (heading, heading + "Leaf"):
                runs = [r for r in _runs(paragraph) if "".join(t.text or "" for t in r.iter(w("t")))]
                label = "".join(t.text or "" for t in runs[0].iter(w("t"))) if runs else ""
                if not _TYPED_LABEL[level].match(label):
                    break
                _drop_typed_label(paragraph, label)
                numbered.add(name)
    for style_id in numbered:
        level = next(i for i, (_, _, h) in enumerate(_WORD_LEVELS) if style_id in (h, h + "Leaf"))
        ppr = styles.by_id[style_id].find(w("pPr"))
        ppr.insert(0, etree.fromstring(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{level}"/>'
                                       '<w:numId w:val="2"/></w:numPr>'))
    if numbered:
        package.add("word/numbering.xml", numbering, NUMBERING_TYPE, NUMBERING_REL)
    for number, paragraph in enumerate(_paragraphs(document)):
        paragraph.set(f"{{{W14}}}paraId", f"{0x10000000 + number * 7919:08X}")
        paragraph.set(f"{{{W14}}}textId", "77777777")
        paragraph.set(w("rsidR"), "00A51C2D")
        paragraph.set(w("rsidRDefault"), "00A51C2D")
    package.xml["word/document.xml"] = _with_namespaces(
        package.xml["word/document.xml"], {"w14": W14, "w15": W15, "w16se": W16SE}, "w14 w15 w16se wp14")


_REWRITERS = {"google": _google, "wps": _wps, "word": _word}


def as_saved_by(data: bytes, producer: str, change: Optional[Callable[[Package], None]] = None) -> bytes:
    """vanban's document ``data`` as ``producer`` saves it, then ``change`` (a mistake made in
    that program, on the parts) applied."""
    package = Package(data)
    _REWRITERS[producer](package)
    if change is not None:
        change(package)
    return package.bytes()


# --- finding what to change in a rewritten package --------------------------------------------


def paragraph(package: Package, pattern: str):
    """The first paragraph of document.xml whose text matches ``pattern``."""
    for found in _paragraphs(package.xml["word/document.xml"]):
        if re.search(pattern, _text(found)):
            return found
    raise AssertionError(f"no paragraph matches {pattern!r}")


def runs(paragraph_element) -> list:
    return [r for r in _runs(paragraph_element) if "".join(t.text or "" for t in r.iter(w("t"))).strip()]


# --- a whole document in one table --------------------------------------------------------------


def _cell(width: int, content: list, span: int = 1):
    cell = _el("tc")
    tc_pr = etree.SubElement(cell, w("tcPr"))
    tc_pr.append(_el("tcW", w=width, type="dxa"))
    if span > 1:
        tc_pr.append(_el("gridSpan", val=span))
    cell.extend(content)
    if not len(content) or content[-1].tag != w("p"):
        cell.append(_el("p"))  # a cell ends with a paragraph
    return cell


def in_one_table(data: bytes, nested: bool = False, signature_in_body: bool = False) -> bytes:
    """vanban's document ``data`` laid out in one table without borders, as many offices write
    in Word: the letterhead's rows, a row across the table holding the body (type name, title,
    body and its tables), the Nơi nhận and signature's row. ``nested``: a table of one column
    whose first and last cells hold the letterhead and signature tables. ``signature_in_body``:
    the Nơi nhận and signature table inside the body's cell, after the body."""
    package = Package(data)
    body = package.xml["word/document.xml"].find(w("body"))
    tables = [child for child in body if child.tag == w("tbl")]
    letterhead, closing = tables[0], tables[-1]
    children = list(body)
    middle = children[children.index(letterhead) + 1:children.index(closing) + (1 if signature_in_body else 0)]
    widths = [int(c.get(w("w"))) for c in letterhead.find(w("tblGrid"))]
    total = sum(widths)
    frame = _el("tbl")
    tbl_pr = etree.SubElement(frame, w("tblPr"))
    tbl_pr.append(_el("tblW", w=total, type="dxa"))
    borders = etree.SubElement(tbl_pr, w("tblBorders"))
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_el(side, val="nil"))
    tbl_pr.append(_el("tblLayout", type="fixed"))
    grid = etree.SubElement(frame, w("tblGrid"))
    for width in ([total] if nested else widths):
        grid.append(_el("gridCol", w=width))

    def row(cells: list):
        tr = etree.SubElement(frame, w("tr"))
        tr.extend(cells)

    body.insert(children.index(letterhead), frame)
    if nested:
        row([_cell(total, [letterhead])])
        row([_cell(total, middle)])
        if not signature_in_body:
            row([_cell(total, [closing])])
    else:
        for tr in letterhead.iterchildren(w("tr")):
            frame.append(tr)
        row([_cell(total, middle, span=len(widths))])
        body.remove(letterhead)
        if not signature_in_body:
            for tr in closing.iterchildren(w("tr")):
                frame.append(tr)
            body.remove(closing)
    return package.bytes()
