"""Tests marked ``slow`` run only when asked for (``pytest -m slow``, or VANBAN_SLOW=1): they
start LibreOffice many times over (crash recovery, batches stopped while converting) and would
add half a minute to every run."""

import os
import shutil

import pytest

import vanban


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
