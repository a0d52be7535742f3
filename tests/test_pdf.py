"""The flagship plan through LibreOffice: the page count and the page numbers a reader sees."""

import os
import shutil
import subprocess

import pytest

import vanban

from helpers import EXAMPLES

pytestmark = pytest.mark.libreoffice

A4_HEIGHT_PT = 297 / 25.4 * 72
TOP_MARGIN_PT = 20 / 25.4 * 72
TEXT_CENTRE_PT = (30 + (210 - 20)) / 2 / 25.4 * 72  # between the 30 mm and 20 mm margins


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI: .ci/run must install it")
        pytest.skip("LibreOffice is not installed")
    from pypdf import PdfReader

    folder = tmp_path_factory.mktemp("pdf")
    source = vanban.render(vanban.load(EXAMPLES / "ke_hoach_114.yaml"), folder / "ke-hoach-114.docx")
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{folder}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    return PdfReader(str(folder / "ke-hoach-114.pdf"))


def top_margin_text(page):
    """Text drawn in the top margin, with its horizontal position."""
    found = []

    def visit(text, cm, tm, font, size):
        y = tm[5] * cm[3] + cm[5] if cm[3] else tm[5]
        x = tm[4] + cm[4]
        if text.strip() and y > A4_HEIGHT_PT - TOP_MARGIN_PT:
            found.append((text.strip(), x))

    page.extract_text(visitor_text=visit)
    return found


def test_plan_fits_on_four_a4_pages(pdf):
    assert len(pdf.pages) == 4
    for page in pdf.pages:
        assert float(page.mediabox.height) == pytest.approx(A4_HEIGHT_PT, abs=1)


def test_page_one_has_no_number(pdf):
    assert top_margin_text(pdf.pages[0]) == []
    assert pdf.pages[0].extract_text().lstrip().startswith("TỈNH ĐOÀN TRÀ VINH")


def test_pages_from_two_are_numbered_at_the_top_centre(pdf):
    for number, page in enumerate(pdf.pages[1:], start=2):
        ((text, x),) = top_margin_text(page)
        assert text == str(number)
        assert x == pytest.approx(TEXT_CENTRE_PT, abs=12)


def test_last_page_ends_with_signature_and_archive_line(pdf):
    text = pdf.pages[-1].extract_text()
    assert "Nguyễn Trọng Nhân" in text and "- Lưu VP." in text
