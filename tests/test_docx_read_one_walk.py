"""The reader's one pass over a paragraph (its text, runs and what its signature reads, read
together for the part's own paragraphs and those of its plain tables) gives exactly what the
paragraph-by-paragraph path gives: every paragraph's place, text, runs, look, signature and
label weight, the page, and the check's report, for every example, starter and corpus plan
rendered, read from its bytes and as the self-check reads the render's tree, as Google Docs,
WPS and Word save it, and laid out in one table."""

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


def test_the_one_pass_reads_what_the_signature_reads_and_the_other_path_is_still_taken():
    """The plain paragraphs of the part and of its tables go the one pass; a paragraph whose
    runs stand deeper (a hyperlink) goes the long way, and is read the same."""
    data = vanban.render_bytes(vanban.load(EXAMPLES / "ke_hoach_114.yaml"))
    view = DocxView(data)
    assert view._signature_parts  # read with the text, waiting for the signature
    for para in view.paragraphs:
        view.look(para)
    assert not view._signature_parts  # each taken once
    assert _docx_read.MEMOISE
