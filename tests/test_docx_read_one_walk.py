"""The reader's one pass over a paragraph (its text, runs and what its signature reads, read
together for the part's own paragraphs and those of its plain tables) gives exactly what the
paragraph-by-paragraph path gives: every paragraph's place, text, runs, look, signature and
label weight, the page, and the check's report, for every example, starter and corpus plan
rendered, read from its bytes and as the self-check reads the render's tree, as Google Docs,
WPS and Word save it, and laid out in one table."""

import io
import zipfile
from dataclasses import asdict, replace

import pytest
import yaml
from lxml import etree

import vanban
from vanban import _docx_read
from vanban._check import JUST_RENDERED, check_view
from vanban._docx_read import DocxView, spans
from vanban._render import Renderer

from helpers import CORPUS, EXAMPLES
from producers import PRODUCERS, as_saved_by, in_one_table


def _documents():
    documents = {path.stem: vanban.load(path) for path in sorted(EXAMPLES.glob("*.yaml"))}
    for name, model in vanban.document_types().items():
        documents[f"starter {name}"] = vanban.parse(yaml.safe_load(model.starter_yaml()))
    for path in sorted(CORPUS.glob("*.yaml")):
        documents[f"corpus {path.stem}"] = vanban.load(path)
    return documents


def _dump(view: DocxView) -> dict:
    """Everything the checker reads of a view, as plain values (the report first: it runs
    the view's own re-readings, the page's header and a page laid out in one table)."""
    report = check_view(view, None, "văn bản")
    paragraphs = []
    for para in view.paragraphs:
        look = view.look(para)
        paragraphs.append((
            para.index, para.place, para.text, para.table, para.row, para.column, para.nested, para.label,
            para.framed, para.top_level,
            [asdict(span) for span in spans(view, para.element)],
            asdict(look), view._signatures.get(para.element), view.label_look(para) if para.label else None,
            [asdict(view.look(line)) for line in view.lines(para)],
        ))
    page = view.page_setup()
    headers = {kind: etree.tostring(root) for kind, root in page.headers.items()}
    return {"paragraphs": paragraphs, "page": (repr(replace(page, headers={})), headers),
            "report": [str(finding) for finding in report.findings], "notes": report.notes}


def _both(read) -> tuple:
    """``read()`` (a view) dumped with the one pass, then without it."""
    after = _dump(read())
    DocxView._one_walk = False
    try:
        before = _dump(read())
    finally:
        DocxView._one_walk = True
    return before, after


@pytest.fixture(scope="module")
def rendered():
    renderer = Renderer()
    return renderer, {name: (model, renderer.render_bytes(model)) for name, model in _documents().items()}


def test_every_rendered_document_is_read_alike_from_its_bytes_and_as_the_self_check_reads_its_tree(rendered):
    renderer, documents = rendered
    for name, (model, data) in documents.items():
        before, after = _both(lambda: DocxView(data))
        assert after == before, name
        assert after["paragraphs"], name

        def self_check_view():
            kept: dict = {}
            renderer._render_bytes(model, kept)
            return kept["warm"].view(kept["body"], data, JUST_RENDERED)

        before, after = _both(self_check_view)
        assert after == before, name


SAVED_EVERY_RUN = ["ke_hoach_114", "cong_van_ubnd", "quyet_dinh_112_bnv", "bien_ban_hop_lop"]


def _saved_alike(documents: dict, producer: str, names) -> None:
    for name in names:
        saved = as_saved_by(documents[name][1], producer)
        before, after = _both(lambda: DocxView(saved))
        assert after == before, (producer, name)


@pytest.mark.parametrize("producer", PRODUCERS)
def test_a_document_as_another_program_saves_it_is_read_alike(rendered, producer):
    _saved_alike(rendered[1], producer, SAVED_EVERY_RUN)


@pytest.mark.slow
@pytest.mark.parametrize("producer", PRODUCERS)
def test_every_other_document_as_another_program_saves_it_is_read_alike(rendered, producer):
    _saved_alike(rendered[1], producer, [name for name in rendered[1] if name not in SAVED_EVERY_RUN])


@pytest.mark.parametrize("form", [{}, {"nested": True}, {"signature_in_body": True}])
def test_a_document_laid_out_in_one_table_is_read_alike(rendered, form):
    for name in SAVED_EVERY_RUN:
        data = in_one_table(rendered[1][name][1], **form)
        before, after = _both(lambda: DocxView(data))
        assert after == before, name
        assert any("trong một bảng" in note for note in after["notes"]), name  # read as a page in a table


def test_plain_paragraphs_go_the_one_pass_and_one_whose_runs_stand_deeper_the_long_way(rendered):
    data = _with_body_elements(rendered[1]["ke_hoach_114"][1], UNUSUAL["runs in a hyperlink and a tracked deletion"])
    view = DocxView(data)
    deeper, *plain = view.paragraphs
    assert deeper.text == "liên kếtký hiệu"
    assert deeper.element in view._runs_read and deeper.element not in view._signature_parts
    assert all(para.element in view._signature_parts for para in plain if para.place == "body")
    assert any(para.element in view._signature_parts for para in plain if para.place.startswith("table"))
    for para in view.paragraphs:
        view.look(para)
    assert not view._signature_parts and not view._runs_read  # each taken once, by the signature


# --- forms the one pass leaves to the long way, built where a rendered body stands ----------------

_NAMESPACES = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
               'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
               'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
               'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
               'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')
_RUN = '<w:r><w:rPr><w:b/><w:rFonts w:ascii="Arial" w:hint="eastAsia"/></w:rPr><w:t>{}</w:t></w:r>'
_CELL = '<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>{}</w:tc>'


def _p(text: str, properties: str = "") -> str:
    return f"<w:p>{properties}{_RUN.format(text)}</w:p>"


def _box(text: str) -> str:
    return (f'<w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>{_p(text)}'
            '</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>')


UNUSUAL = {
    "properties after the runs, twice": '<w:p><w:r><w:t>Chữ trước</w:t></w:r><w:pPr><w:jc w:val="center"/></w:pPr>'
                                        '<w:pPr><w:jc w:val="right"/><w:pStyle w:val="Heading1"/></w:pPr></w:p>',
    "two properties first": ''.join(f'<w:p><w:pPr><w:jc w:val="{side}"/></w:pPr><w:pPr><w:jc w:val="right"/></w:pPr>'
                                    f'{_RUN.format(side)}</w:p>' for side in ("center", "left", "both")),
    "a style with children": '<w:p><w:pPr><w:pStyle w:val="Heading1"><w:x/></w:pStyle><w:rPr><w:i/></w:rPr>'
                             '<w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>' + _RUN.format("Đề mục") + '</w:p>',
    "an empty paragraph": "<w:p/>",
    "spaces and hinted letters": _p("   ") + _p("漢字 và chữ Việt") + _p("ASCII only"),
    "a text box in a run": f'<w:p><w:r><w:t>Khung: </w:t></w:r><w:r>{_box("Trong khung")}</w:r></w:p>',
    "a text box twice, for old readers": (
        f'<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps">{_box("Lựa chọn")}</mc:Choice>'
        f'<mc:Fallback><w:pict><w:txbxContent>{_p("Dự phòng")}</w:txbxContent></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r></w:p>'),
    "runs in a hyperlink and a tracked deletion": (
        '<w:p><w:hyperlink><w:r><w:t>liên kết</w:t></w:r></w:hyperlink><w:del><w:r><w:delText>xoá</w:delText>'
        '</w:r></w:del><w:r><w:sym w:char="F0B7"/><w:t>ký hiệu</w:t></w:r></w:p>'),
    "a table with a nested table and a hyperlink": (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr><w:tr>'
        + _CELL.format(_p("ô một") + _p("ô một, dòng hai"))
        + _CELL.format('<w:tbl><w:tr>' + _CELL.format(_p("lồng")) + '</w:tr></w:tbl>' + _p("sau bảng lồng"))
        + '</w:tr><w:tr>' + _CELL.format('<w:p><w:hyperlink><w:r><w:t>ô liên kết</w:t></w:r></w:hyperlink></w:p>')
        + _CELL.format(_p("ô cuối")) + '</w:tr></w:tbl>'),
    "a table and a paragraph in content controls": (
        '<w:sdt><w:sdtContent><w:tbl><w:tr>' + _CELL.format(_p("trong điều khiển")) + '</w:tr></w:tbl>'
        + _p("đoạn trong điều khiển") + '</w:sdtContent></w:sdt>'),
    "a row in a content control": (
        '<w:tbl><w:sdt><w:sdtContent><w:tr>' + _CELL.format(_p("hàng trong điều khiển")) + '</w:tr>'
        '</w:sdtContent></w:sdt></w:tbl>'),
}


def _with_body_elements(data: bytes, xml: str) -> bytes:
    """``data`` with the elements of ``xml`` added before the body's first paragraph."""
    source = zipfile.ZipFile(io.BytesIO(data))
    document = etree.fromstring(source.read("word/document.xml"))
    body = document.find(f"{{{_docx_read.W}}}body")
    for position, element in enumerate(etree.fromstring(f"<root {_NAMESPACES}>{xml}</root>")):
        body.insert(position, element)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, etree.tostring(document) if item.filename == "word/document.xml"
                            else source.read(item.filename))
    return out.getvalue()


@pytest.mark.parametrize("form", list(UNUSUAL))
def test_a_paragraph_or_table_of_an_unusual_form_is_read_alike(rendered, form):
    data = _with_body_elements(rendered[1]["ke_hoach_114"][1], UNUSUAL[form])
    before, after = _both(lambda: DocxView(data))
    assert after == before
    assert len(after["paragraphs"]) > len(DocxView(rendered[1]["ke_hoach_114"][1]).paragraphs)  # read, not lost


@pytest.mark.parametrize("properties", [
    "<w:pPr/>",
    '<w:pPr w:rsid="1"><w:pStyle w:val="A"/><w:jc w:val="center"/></w:pPr>',
    '<w:pPr><w:pStyle w:other="x"/></w:pPr>',
    '<w:pPr><w:pStyle/><w:pStyle w:val="B"/></w:pPr>',
    '<w:pPr><w:pStyle w:val="A" w:other="x"/></w:pPr>',
    '<w:pPr><w:pStyle><w:val w:val="x"/></w:pStyle><w:pStyle w:val="B"/></w:pPr>',
    '<w:pPr><w:pStyle><w:val/></w:pStyle></w:pPr>',
    '<w:pPr><w:jc w:val="both"/><w:pStyle w:val="C"/><w:rPr><w:b/></w:rPr></w:pPr>',
    '<w:pPr><w:rPr><w:pStyle w:val="D"/></w:rPr></w:pPr>',
])
def test_a_paragraphs_properties_are_read_in_the_one_pass_as_the_long_way_reads_them(properties):
    element = etree.fromstring(properties.replace("<w:pPr", f"<w:pPr {_NAMESPACES}", 1))
    assert _docx_read._properties_read(element) == _docx_read._properties_content(element)
