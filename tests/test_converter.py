"""PDF and page images through LibreOffice: one warm LibreOffice for many documents,
failures and hangs reported per document, and no process left behind."""

import os
import shutil
import signal
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import vanban
from vanban import ConversionError, PdfConverter
from vanban._batch import run_batch
from vanban._pdf import ConversionTimeout, find_soffice, find_uno_python
from vanban.cli import main

from helpers import EXAMPLES

pytestmark = pytest.mark.libreoffice

PLAN = EXAMPLES / "ke_hoach_114.yaml"
BATCH = EXAMPLES / "batch"


@pytest.fixture(scope="module", autouse=True)
def libreoffice():
    if find_soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI: .ci/run must install it")
        pytest.skip("LibreOffice is not installed")


@pytest.fixture(scope="module")
def uno():
    if find_uno_python(find_soffice()) is None:
        if os.environ.get("CI"):
            pytest.fail("A Python with LibreOffice's uno module is required in CI (python3-uno)")
        pytest.skip("no Python with the uno module: the warm converter cannot run")


@pytest.fixture(scope="module")
def docx(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docx")
    return vanban.render(vanban.load(PLAN), folder / "ke-hoach.docx")


@pytest.fixture
def own_temp(tmp_path, monkeypatch):
    """Converters make their folders (LibreOffice profile) under this test's own folder,
    so that the processes started by this test are the ones whose command line names it."""
    folder = tmp_path / "tam"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def processes_naming(text):
    """Live processes whose command line mentions ``text`` (a converter's own folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if str(text) in command and state != "Z":
            found.append(int(entry.name))
    return found


def no_process_left(text):
    deadline = time.monotonic() + 10
    while processes_naming(text) and time.monotonic() < deadline:
        time.sleep(0.1)
    return processes_naming(text) == []


def pages(path):
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


needs_proc = pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads /proc")


@needs_proc
def test_one_libreoffice_converts_many_documents_a_broken_one_failing_alone_then_stops(uno, docx, own_temp,
                                                                                       tmp_path):
    broken = tmp_path / "hong.docx"
    broken.write_bytes(os.urandom(4000))
    with PdfConverter() as converter:
        assert converter.warm
        running = processes_naming(converter.folder)
        assert running, "LibreOffice should be running inside the block"
        with pytest.raises(ConversionError) as error:
            converter.convert(broken)
        assert "hong.docx" in str(error.value) and "không mở được" in str(error.value)
        assert not (tmp_path / "hong.pdf").exists()
        with pytest.raises(ConversionError) as error:
            converter.convert(tmp_path / "khong-co.docx")
        assert "không tìm thấy tệp" in str(error.value)
        for number in range(3):
            converter.convert(docx, tmp_path / f"{number}.pdf")
        assert converter.starts == 1
        assert processes_naming(converter.folder) == running  # the same processes, reused
        folder = converter.folder
    assert [pages(tmp_path / f"{n}.pdf") for n in range(3)] == [4, 4, 4]
    assert no_process_left(folder)
    assert not folder.exists()


@needs_proc
def test_no_process_is_left_when_the_block_fails(uno, docx, own_temp):
    with pytest.raises(RuntimeError):
        with PdfConverter() as converter:
            folder = converter.folder
            converter.convert_bytes(docx.read_bytes())
            raise RuntimeError("a bug in the caller")
    assert no_process_left(folder)
    assert not folder.exists()


@pytest.mark.slow  # waits out the conversion time limit (about 11 s); the batch pool's twin is slow too
@needs_proc
@pytest.mark.skipif(os.name != "posix", reason="stops LibreOffice with SIGSTOP")
def test_a_hung_libreoffice_is_killed_and_started_again(uno, docx, own_temp, tmp_path):
    with PdfConverter(timeout=5) as converter:
        converter.convert(docx, tmp_path / "truoc.pdf")
        hung = processes_naming(converter.folder)
        os.killpg(converter.office_pid, signal.SIGSTOP)  # LibreOffice stops answering
        with pytest.raises(ConversionTimeout) as error:
            converter.convert(docx, tmp_path / "treo.pdf")
        assert "5 giây" in str(error.value)
        assert not (tmp_path / "treo.pdf").exists()
        assert not [pid for pid in processes_naming(converter.folder) if pid in hung]
        assert pages(converter.convert(docx, tmp_path / "sau.pdf")) == 4
        assert converter.starts == 2
        folder = converter.folder
    assert no_process_left(folder)


@needs_proc
def test_without_uno_each_document_gets_its_own_soffice(docx, own_temp, tmp_path, monkeypatch):
    monkeypatch.setattr("vanban._pdf.find_uno_python", lambda soffice: None)
    with PdfConverter() as converter:
        assert not converter.warm
        assert pages(converter.convert(docx, tmp_path / "a.pdf")) == 4
        folder = converter.folder
    assert no_process_left(folder)


def test_render_pdf_and_to_pdf(uno, converter, tmp_path):
    plan = vanban.load(PLAN)
    assert pages(vanban.render_pdf(plan, tmp_path / "kh.pdf")) == 4
    with pytest.raises(vanban.OutputExistsError):
        vanban.render_pdf(plan, tmp_path / "kh.pdf")
    source = vanban.render(plan, tmp_path / "khac.docx")
    made = vanban.to_pdf(source, converter=converter)
    assert made == tmp_path / "khac.pdf" and pages(made) == 4


def test_a_document_whose_name_is_near_the_length_limit_is_converted_beside_it(uno, converter, docx, tmp_path):
    # LibreOffice's lock file (".~lock.<name>#") and output are named after what it is given
    source = tmp_path / ("k" * 248 + ".docx")  # 253 bytes: the PDF's name is 252
    source.write_bytes(docx.read_bytes())
    made = converter.convert(source)
    assert made == source.with_suffix(".pdf") and pages(made) == 4
    assert converter.convert_bytes(docx.read_bytes(), source.name).startswith(b"%PDF-")


@pytest.fixture
def pdftoppm():
    if shutil.which("pdftoppm") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftoppm is required in CI: .ci/run must install poppler-utils")
        pytest.skip("pdftoppm is not installed")


def test_render_with_pdf_and_png_writes_them_beside_the_docx(uno, pdftoppm, tmp_path):
    out = tmp_path / "kh.docx"
    result = CliRunner().invoke(main, ["render", str(PLAN), "-o", str(out), "--pdf", "--png", "--dpi", "50"])
    assert result.exit_code == 0, result.output
    assert files(tmp_path) == ["kh-1.png", "kh-2.png", "kh-3.png", "kh-4.png", "kh.docx", "kh.pdf"]
    assert pages(tmp_path / "kh.pdf") == 4
    image = (tmp_path / "kh-1.png").read_bytes()
    assert image[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(image[16:20], "big"), int.from_bytes(image[20:24], "big")
    assert abs(width - 210 / 25.4 * 50) <= 1 and abs(height - 297 / 25.4 * 50) <= 1  # A4 at 50 dpi
    assert "Đã tạo " + str(tmp_path / "kh.pdf") in result.output


def test_render_with_pdf_refuses_an_existing_pdf_and_writes_nothing(tmp_path):
    (tmp_path / "kh.pdf").write_bytes(b"cu")
    result = CliRunner().invoke(main, ["render", str(PLAN), "-o", str(tmp_path / "kh.docx"), "--pdf"])
    assert result.exit_code == 1 and "--force" in result.output
    assert files(tmp_path) == ["kh.pdf"] and (tmp_path / "kh.pdf").read_bytes() == b"cu"


@needs_proc
def test_batch_with_pdf_reports_each_failure_and_leaves_no_process(uno, own_temp, tmp_path):
    rows = tmp_path / "ds.csv"
    rows.write_text(
        "co_quan_ban_hanh.ten,so,nguoi_ky.ho_ten\n"
        "BCH Huyện đoàn A,1,Lê Văn A\nBCH Huyện đoàn B,x,Lê Văn B\nBCH Huyện đoàn C,3,Lê Văn C\n",
        encoding="utf-8",
    )
    report = run_batch(rows, tmp_path / "ra", base=BATCH / "mau-chung.yaml", pdf=True, jobs=2, check=False)
    assert [r.ok for r in report.results] == [True, False, True]
    assert files(tmp_path / "ra") == ["01-KH-HĐTN.docx", "01-KH-HĐTN.pdf", "03-KH-HĐTN.docx", "03-KH-HĐTN.pdf"]
    assert pages(tmp_path / "ra" / "03-KH-HĐTN.pdf") >= 1
    assert no_process_left(own_temp)


def test_a_pdf_failure_keeps_the_docx_and_is_reported(uno, tmp_path, monkeypatch):
    from vanban import _pdf

    original = _pdf.PdfConverter._convert_file

    def fail_for_c(self, source, shown=None, **options):
        if str(shown or source).endswith("-2.docx"):  # LibreOffice gets a copy under a short name
            raise ConversionError(shown or source, "LibreOffice báo lỗi (thử)")
        return original(self, source, shown, **options)

    monkeypatch.setattr(_pdf.PdfConverter, "_convert_file", fail_for_c)
    rows = tmp_path / "ds.csv"
    rows.write_text("co_quan_ban_hanh.ten,so,nguoi_ky.ho_ten\nBCH Huyện đoàn A,1,Lê Văn A\n"
                    "BCH Huyện đoàn C,3,Lê Văn C\n", encoding="utf-8")
    report = run_batch(rows, tmp_path / "ra", base=BATCH / "mau-chung.yaml", pdf=True, jobs=1, check=False,
                       name_pattern="{issuer_code}-{index}")
    assert [r.ok for r in report.results] == [True, False]
    assert "đã tạo HĐTN-2.docx, nhưng" in report.results[1].error
    assert files(tmp_path / "ra") == ["HĐTN-1.docx", "HĐTN-1.pdf", "HĐTN-2.docx"]


def files(folder):
    return sorted(p.name for p in Path(folder).iterdir())
