"""``vanban import``: a Word document read back into vanban's data.

The property that ties import to render: a document vanban renders, imported, is the same
document again. Two models are the same document when every word the page shows, with its
emphasis, its element (heading, bullet, table cell ...) and its number, is the same
(:func:`page`): the type's own fields (``muc_dich``, ``to_chuc_thuc_hien``...) come back as
the generic outline (``noi_dung``) they render to, and what vanban writes in capitals comes
back in capitals."""

from __future__ import annotations

import dataclasses

import pytest

import vanban
from vanban._display import display
from vanban._import import import_document
from vanban._tables import TableBlock
from vanban._loading import parse
from vanban.profiles import PROFILES

from helpers import EXAMPLES, ROOT

CORPUS = ROOT / "tests" / "corpus"
SOURCES = sorted(EXAMPLES.glob("*.yaml")) + sorted(CORPUS.glob("*.yaml"))


def _block(block):
    if isinstance(block, TableBlock):
        return ("table", block.caption, block.text_rows(), block.note)
    return (block.style, block.runs)


def page(document) -> dict:
    """Everything the page shows of ``document``: the values vanban's templates place, with the
    opening paragraphs counted as the body's first paragraphs and tables by their cells' words."""
    shown = display(document, PROFILES[document.profile_name])
    shown["body"] = [("body", runs) for runs in shown.pop("opening")] + [_block(b) for b in shown["body"]]
    shown["annexes"] = [(a.label, a.title, a.reference, a.landscape, [_block(b) for b in a.body])
                        for a in shown["annexes"]]
    shown.pop("header_columns_mm")  # widths measured from the words, which are compared
    # the file's author property holds the issuer's name as typed; the page shows it in capitals
    shown["document_author"] = shown["document_author"].upper()
    return shown


def round_trip(document):
    result = import_document(vanban.render_bytes(document), name="văn bản")
    reread = parse(__import__("yaml").safe_load(result.to_yaml()))
    return result, reread


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_a_rendered_example_or_corpus_document_imports_as_the_same_document(source):
    document = vanban.load(source)
    result, reread = round_trip(document)
    assert type(reread) is type(document)
    expected, found = page(document), page(reread)
    for key in expected:
        assert found[key] == expected[key], key
