"""Shared test set-up.

Tests marked ``slow`` run only when asked for (``pytest -m slow``, or VANBAN_SLOW=1): they
start LibreOffice many times over (crash recovery, batches stopped while converting) and would
add half a minute to every run.

The tests that look at pages share one LibreOffice for the session and every example
converted once (the page counts, the page-quality measures and the golden page images all
read the same PDFs)."""

import os
import shutil
import tempfile

import pytest

# Prepared templates are kept in a cache folder of the test run's own (every process the tests
# start inherits it), not in the user's: tests never read what another vanban prepared.
os.environ["VANBAN_CACHE_DIR"] = tempfile.mkdtemp(prefix="vanban-test-cache-")

import vanban  # noqa: E402

from helpers import EXAMPLES  # noqa: E402


def pytest_collection_modifyitems(config, items):
    if os.environ.get("VANBAN_SLOW") or "slow" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with pytest -m slow, or VANBAN_SLOW=1")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


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
