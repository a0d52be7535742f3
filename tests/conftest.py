"""Fixtures shared by the tests that look at pages: one LibreOffice for the session, and
every example converted once (the page counts, the page-quality measures and the golden
page images all read the same PDFs)."""

import os
import shutil

import pytest

import vanban

from helpers import EXAMPLES


@pytest.fixture(scope="session")
def converter():
    """vanban's own converter, kept running for every test that converts."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice and poppler-utils are required in CI: .ci/run installs them")
        pytest.skip("LibreOffice or poppler-utils is not installed")
    with vanban.PdfConverter(soffice=soffice) as running:
        yield running


@pytest.fixture(scope="session")
def example_pdfs(converter):
    """Each example's .docx and PDF, as ``{name: (docx, pdf)}``."""
    out = {}
    for path in sorted(EXAMPLES.glob("*.yaml")):
        docx = vanban.render_bytes(vanban.load(path))
        out[path.stem] = (docx, converter.convert_bytes(docx, f"{path.stem}.docx"))
    return out
