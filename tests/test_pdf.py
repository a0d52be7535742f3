"""The examples through LibreOffice: the page count and the page numbers a reader sees."""

import pytest

import vanban

from helpers import EXAMPLES

pytestmark = pytest.mark.libreoffice

A4_HEIGHT_PT = 297 / 25.4 * 72
TOP_MARGIN_PT = 20 / 25.4 * 72
TEXT_CENTRE_PT = (30 + (210 - 20)) / 2 / 25.4 * 72  # between the 30 mm and 20 mm margins


PAGES = {"ke_hoach_114": 4, "huong_dan_yeu_the": 6, "bao_cao_yeu_the_2019": 6,
         "ke_hoach_ubnd": 4, "cong_van_doan": 2, "cong_van_ubnd": 1}


@pytest.fixture(scope="module")
def pdfs(example_pdfs):
    """Each example converted by the library's own converter (once, in conftest.py)."""
    import io

    from pypdf import PdfReader

    return {name: PdfReader(io.BytesIO(example_pdfs[name][1])) for name in PAGES}


@pytest.fixture(params=list(PAGES))
def named_pdf(request, pdfs):
    return request.param, pdfs[request.param]


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


def test_fits_the_expected_number_of_a4_pages(named_pdf):
    name, pdf = named_pdf
    assert len(pdf.pages) == PAGES[name]
    for page in pdf.pages:
        assert float(page.mediabox.height) == pytest.approx(A4_HEIGHT_PT, abs=1)


def test_page_one_has_no_number(named_pdf):
    _, pdf = named_pdf
    assert top_margin_text(pdf.pages[0]) == []


def test_pages_from_two_are_numbered_at_the_top_centre(named_pdf):
    _, pdf = named_pdf
    for number, page in enumerate(pdf.pages[1:], start=2):
        ((text, x),) = top_margin_text(page)
        assert text == str(number)
        assert x == pytest.approx(TEXT_CENTRE_PT, abs=12)


def skeleton(text: str) -> str:
    """The unaccented letters and digits of ``text``, in order. Some LibreOffice versions write
    a Vietnamese letter with a stacked accent as two glyphs that PDF text extraction puts
    apart ('Nguy n ... ễ'); the letters without accents still come in order."""
    return "".join(char for char in text if char.isascii() and char.isalnum())


def test_the_signature_block_is_whole_on_the_last_page(named_pdf):
    name, pdf = named_pdf
    document = vanban.load(EXAMPLES / f"{name}.yaml")
    text = skeleton(pdf.pages[-1].extract_text())
    profile = vanban.get_profile(document.profile_name)
    archive = profile.archive_format.format(archive=vanban._display.archive_of(document, profile))
    for line in (document.signer.name, "Nơi nhận:", f"- {archive}."):
        assert skeleton(line) in text
    assert skeleton(vanban._display.upper(document.signer.position)) in text


def test_flagship_page_one_starts_with_the_letterhead(pdfs):
    text = skeleton(pdfs["ke_hoach_114"].pages[0].extract_text())
    assert text.startswith(skeleton("TỈNH ĐOÀN TRÀ VINH"))
