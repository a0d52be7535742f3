"""``vanban import``: a Word document read back into vanban's data.

The property that ties import to render: a document vanban renders, imported, is the same
document again. Two models are the same document when every word the page shows, with its
emphasis, its element (heading, bullet, table cell ...) and its number, is the same
(:func:`page`): the type's own fields (``muc_dich``, ``to_chuc_thuc_hien``...) come back as
the generic outline (``noi_dung``) they render to, and what vanban writes in capitals comes
back in capitals."""

from __future__ import annotations

import io
import re
from collections import Counter
import unicodedata

import docx
import pytest

import vanban
from vanban._display import display
from vanban._docx_read import DocxView
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
    if document.is_letter:  # a công văn shows its trích yếu as the V/v line (``subject``), in plain words
        del shown["title"], shown["title_rule"], shown["document_title"]
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


# --- real files: nothing is lost ---------------------------------------------------------------

SHARED = ROOT.parent / "shared"
REFERENCE = SHARED / "reference" / "nd30-2020"
SEEDS = SHARED / "seeds"
_LABEL = re.compile(r"^\s*(?:(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]|[-–—•+]|Phần\s+[IVXLC]+|PHẦN\s+THỨ\s+\S+)(?=\s|$)")


def words(line: str) -> list[str]:
    """The words of a line as a reader compares them: the number or dash vanban writes itself
    taken off, capitals as small letters, rule lines (____) not words."""
    line = _LABEL.sub("", unicodedata.normalize("NFC", line.replace("\u00a0", " ")))
    return [word.lower() for word in re.findall(r"\w+", line) if set(word) != {"_"}]


def lost_lines(source, result) -> list[str]:
    """Lines of ``source`` whose words stand in the document the import renders fewer times
    than in the source (a line written twice is looked for twice)."""
    rendered = DocxView(vanban.render_bytes(result.document))
    found = " " + " ".join(w for p in rendered.paragraphs for line in p.text.split("\n") for w in words(line)) + " "
    original = source if isinstance(source, DocxView) else DocxView(source)
    lines = Counter(" ".join(words(line)) for p in original.paragraphs for line in p.text.split("\n"))
    lines.pop("", None)
    return [line for line, count in lines.items() if len(re.findall(f"(?= {re.escape(line)} )", found)) < count]


def requires(path):
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is not on this machine")


@requires(REFERENCE)
@pytest.mark.parametrize("name", ["30_2020_ND_CP.docx", "Phuluc1.docx", "Phuluc3.docx"])
def test_every_line_of_the_governments_own_files_is_kept_and_what_was_not_placed_is_listed(name):
    result = import_document(REFERENCE / name)
    assert lost_lines(REFERENCE / name, result) == []
    assert "".join(str(u) for u in result.unplaced) in result.to_yaml().replace("\n#   - ", "")


def typed_document(text: str) -> bytes:
    """A .docx as someone types one in Word with no styles: one paragraph per line of ``text``."""
    document = docx.Document()
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@requires(SEEDS)
@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")) if SEEDS.exists() else [])
def test_every_line_of_a_real_text_typed_into_word_is_kept(name):
    data = typed_document((SEEDS / name).read_text(encoding="utf-8"))
    result = import_document(data, name=name)
    assert lost_lines(DocxView(data), result) == []
