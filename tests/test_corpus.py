"""Real published documents, typed as data, render as they read.

Each ``tests/corpus/<name>.yaml`` is a real document (the source texts are in
``tests/corpus/sources``, its address in the YAML's first line); its oracle
``<name>.expected.txt`` was written by hand from the source text, not from vanban's
output. The rendered .docx, reopened, must read exactly as the oracle: every
paragraph in its order, with its number, every table row cell by cell; and
``vanban check`` finds no error in it."""

from __future__ import annotations

import pytest

import vanban
from vanban import check

from helpers import ROOT, open_docx, oracle, reading_lines

CORPUS = ROOT / "tests" / "corpus"
NAMES = sorted(path.stem for path in CORPUS.glob("*.yaml"))


def test_the_corpus_holds_real_documents_each_with_its_source_and_oracle():
    assert len(NAMES) >= 15
    for name in NAMES:
        first, second = (CORPUS / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[:2]
        assert first.startswith("# Nguồn: http"), name
        assert second.startswith(("# Bản công bố: complete", "# Bản công bố: cut: ")), name
        assert (CORPUS / "sources" / f"{name}.txt").is_file(), name
        assert (CORPUS / f"{name}.expected.txt").is_file(), name


@pytest.mark.parametrize("name", NAMES)
def test_a_real_document_renders_paragraph_by_paragraph_as_it_reads_and_passes_the_check(name):
    data = vanban.render_bytes(vanban.load(CORPUS / f"{name}.yaml"))
    assert reading_lines(open_docx(data)) == oracle(CORPUS / f"{name}.expected.txt")
    report = check(data)
    assert report.errors == [], report.to_text()
