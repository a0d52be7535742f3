"""A PDF is drawn in Times New Roman or a font of the same widths, or vanban says so.

Before converting, the font the machine gives for Times New Roman (fontconfig's fc-match); after,
the fonts the PDF embeds (poppler's pdffonts). PDFs for the second check are written here by a
small generator: pdffonts reads a font's name and whether its file is embedded, not its glyphs.
"""

import csv
import os
import shutil
import stat

import pytest
from click.testing import CliRunner

import vanban
from vanban import _fonts
from vanban._batch import run_batch
from vanban.cli import main

from helpers import EXAMPLES

BASE = EXAMPLES / "batch" / "mau-chung.yaml"
needs_pdffonts = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="needs poppler's pdffonts")


def tiny_pdf(fonts):
    """A one-page PDF using ``fonts`` ((font name, embedded) pairs), a letter in each."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", None]
    references = []
    for name, embedded in fonts:
        number = len(objects) + 1
        if embedded:
            objects.append(f"<< /Type /Font /Subtype /TrueType /BaseFont /{name} /FirstChar 32 /LastChar 32 "
                           f"/Widths [250] /FontDescriptor {number + 1} 0 R >>")
            objects.append(f"<< /Type /FontDescriptor /FontName /{name} /Flags 32 /FontBBox [0 0 1000 1000] "
                           f"/ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 "
                           f"/FontFile2 {number + 2} 0 R >>")
            objects.append("<< /Length 4 >>\nstream\n\x00\x01\x00\x00\nendstream")
        else:
            objects.append(f"<< /Type /Font /Subtype /TrueType /BaseFont /{name} >>")
        references.append(f"/F{len(references) + 1} {number} 0 R")
    content = " ".join(f"BT /F{i + 1} 12 Tf 10 {20 * (i + 1)} Td (a) Tj ET" for i in range(len(fonts)))
    objects.append(f"<< /Length {len(content)} >>\nstream\n{content}\nendstream")
    objects[2] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /Font << "
                  f"{' '.join(references)} >> >> /Contents {len(objects)} 0 R >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    start = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{start}\n%%EOF\n".encode()
    return bytes(out)


# --- after: the fonts in the PDF --------------------------------------------------------------


@needs_pdffonts
@pytest.mark.parametrize("fonts", [
    [("BAAAAA+LiberationSerif", True), ("CAAAAA+LiberationSerif-BoldItalic", True)],
    [("TimesNewRomanPSMT", True), ("TimesNewRomanPS-BoldMT", True)],
    [("DAAAAA+Tinos-Italic", True)],
], ids=["liberation-serif", "times-new-roman", "tinos"])
def test_a_pdf_in_times_new_roman_or_a_font_of_its_widths_embedded_is_accepted(fonts):
    assert _fonts.embedded_fonts(tiny_pdf(fonts)) == fonts
    assert _fonts.embedded_font_problem(tiny_pdf(fonts)) is None


@needs_pdffonts
def test_a_character_drawn_in_another_font_is_said_naming_that_font():
    problem = _fonts.embedded_font_problem(tiny_pdf([("BAAAAA+LiberationSerif", True), ("EAAAAA+DejaVuSans", True)]))
    assert problem.startswith("Có chữ trong PDF được vẽ bằng phông DejaVuSans thay cho Times New Roman")
    assert "LiberationSerif" not in problem


@needs_pdffonts
def test_a_font_left_out_of_the_pdf_is_said():
    problem = _fonts.embedded_font_problem(tiny_pdf([("LiberationSerif", False)]))
    assert problem.startswith("Phông LiberationSerif không được nhúng vào PDF")


# --- before: the font the machine gives for Times New Roman ---------------------------------------


@pytest.fixture
def fc_match_gives(tmp_path, monkeypatch):
    """Put an fc-match first on PATH that answers ``family`` for every font asked, and an fc-list
    that finds it with every Vietnamese letter, or (``vietnamese=False``) finds nothing."""
    def install(family, vietnamese=True):
        folder = tmp_path / "bin"
        folder.mkdir()
        for name, output in (("fc-match", family), ("fc-list", family if vietnamese else "")):
            program = folder / name
            program.write_text(f"#!/bin/sh\nprintf '%s' '{output}'\n", encoding="utf-8")
            program.chmod(program.stat().st_mode | stat.S_IEXEC)
        monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
        _fonts.times_substitute_problem.cache_clear()
    yield install
    _fonts.times_substitute_problem.cache_clear()


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands for fc-match")
@pytest.mark.parametrize("family", ["Liberation Serif", "Times New Roman", "Tinos"])
def test_times_new_roman_or_a_font_of_its_widths_from_fontconfig_is_accepted(fc_match_gives, family):
    fc_match_gives(family)
    assert _fonts.times_substitute_problem() is None


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands for fc-match")
def test_a_font_of_the_right_widths_without_vietnamese_letters_is_said(fc_match_gives):
    fc_match_gives("Liberation Serif", vietnamese=False)  # Liberation Serif 1: no ư, ơ, ạ, ệ, ự
    problem = _fonts.times_substitute_problem()
    assert problem.startswith("Phông Liberation Serif của máy này thiếu chữ Việt có dấu (ư, ơ, ạ, ệ, ự)")
    assert "fonts-liberation2" in problem


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands for fc-match")
def test_a_batch_with_pdf_on_a_machine_without_times_new_roman_widths_is_refused_before_any_work(
        fc_match_gives, tmp_path):
    if vanban._pdf.find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    fc_match_gives("DejaVu Serif")
    with pytest.raises(vanban.FontError) as refused:
        run_batch(EXAMPLES / "batch" / "danh-sach.csv", tmp_path / "ra", base=BASE, pdf=True, check=False)
    assert "LibreOffice sẽ vẽ chữ bằng DejaVu Serif" in str(refused.value)
    assert "fonts-liberation" in str(refused.value)
    assert not (tmp_path / "ra").exists()


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands for fc-match")
def test_render_with_pdf_on_such_a_machine_says_so_and_writes_nothing(fc_match_gives, tmp_path):
    if vanban._pdf.find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    fc_match_gives("DejaVu Serif")
    result = CliRunner().invoke(main, ["render", str(EXAMPLES / "ke_hoach_114.yaml"), "-o",
                                       str(tmp_path / "kh.docx"), "--pdf"])
    assert result.exit_code == 1
    assert "Lỗi: Máy này không có phông Times New Roman" in result.output
    assert list(tmp_path.iterdir()) == [tmp_path / "bin"]


# --- in a batch ------------------------------------------------------------------------------------


@pytest.mark.libreoffice
@needs_pdffonts
def test_a_row_whose_pdf_needs_another_font_keeps_its_docx_and_says_which_font(tmp_path):
    if vanban._pdf.find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    rows = tmp_path / "ds.csv"
    with open(rows, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["co_quan_ban_hanh.ten", "so", "dia_danh", "nguoi_ky.ho_ten", "+noi_nhan"])
        writer.writerow(["BCH Chi đoàn 1", 1, "Càng Long", "Nguyễn Văn An", ""])
        writer.writerow(["BCH Chi đoàn 2", 2, "Càng Long", "Nguyễn Văn An", "Chi bộ ★ (để b/c)"])
    out = tmp_path / "ra"
    report = run_batch(rows, out, base=BASE, pdf=True, jobs=1, check=False)
    assert [r.ok for r in report.results] == [True, False]
    error = report.results[1].error
    assert error.startswith("đã tạo 02-KH-HĐTN.docx, nhưng có chữ trong PDF được vẽ bằng phông ")
    assert "thay cho Times New Roman" in error
    assert sorted(p.name for p in out.iterdir()) == ["01-KH-HĐTN.docx", "01-KH-HĐTN.pdf", "02-KH-HĐTN.docx"]
