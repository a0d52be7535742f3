"""When LibreOffice cannot do its work, the message says whose fault it is.

A LibreOffice that crashes while converting is started again and the document tried once more:
only a document that crashes it twice is blamed, and as a crash, not as a file it cannot open. A
temporary folder without room is said up front, not after a minute's wait; a LibreOffice that
stops as it starts is said at once.
"""

import errno
import os
import signal
import sys

import pytest

import vanban
from vanban import ConversionError, PdfConverter
from vanban._pdf import CRASHED_TWICE, _Office, find_soffice, find_uno_python
from vanban.errors import OfficeStartError

from helpers import EXAMPLES


@pytest.fixture(scope="module")
def uno():
    soffice = find_soffice()
    if soffice is None or find_uno_python(soffice) is None:
        pytest.skip("needs LibreOffice and a Python with its uno module")


@pytest.fixture(scope="module")
def docx():
    return vanban.render_bytes(vanban.load(EXAMPLES / "ke_hoach_114.yaml"))


def crash_libreoffice(times, monkeypatch):
    """LibreOffice is killed as each of the next ``times`` documents is sent to it."""
    left = [times]
    original = _Office.send

    def send(self, request):
        if left[0]:
            left[0] -= 1
            os.killpg(self.office.pid, signal.SIGKILL)
        original(self, request)

    monkeypatch.setattr(_Office, "send", send)


@pytest.mark.libreoffice
@pytest.mark.slow
def test_a_crash_is_not_blamed_on_the_document_libreoffice_is_started_again(uno, docx, monkeypatch):
    with PdfConverter() as converter:
        converter.convert_bytes(docx, "truoc.docx")
        crash_libreoffice(1, monkeypatch)
        assert converter.convert_bytes(docx, "luc-hong.docx").startswith(b"%PDF")  # tried again, converted
        assert (converter.starts, converter.crashes) == (2, 1)
        crash_libreoffice(2, monkeypatch)
        with pytest.raises(ConversionError) as error:
            converter.convert_bytes(docx, "lam-hong.docx")
        assert CRASHED_TWICE in str(error.value) and "lam-hong.docx" in str(error.value)
        assert "không mở được" not in str(error.value)
        assert converter.convert_bytes(docx, "sau.docx").startswith(b"%PDF")
        assert converter.crashes == 3


def test_a_full_temporary_folder_is_said_before_libreoffice_starts(tmp_path, monkeypatch):
    import shutil

    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr("vanban._pdf.shutil.disk_usage", lambda path: usage._replace(free=5 << 20))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)
    with pytest.raises(OfficeStartError) as error:
        PdfConverter(soffice=sys.executable)
    assert f"Thư mục tạm {tmp_path} chỉ còn 5 MB trống" in str(error.value)
    assert "TMPDIR" in str(error.value)
    assert list(tmp_path.iterdir()) == []


def test_no_room_for_the_converters_folder_is_said_as_such(tmp_path, monkeypatch):
    def full(*arguments, **options):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("vanban._pdf.tempfile.mkdtemp", full)
    with pytest.raises(OfficeStartError) as error:
        PdfConverter(soffice=sys.executable)
    assert "đã hết chỗ trống" in str(error.value)


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands for LibreOffice")
def test_a_libreoffice_that_stops_as_it_starts_is_said_at_once(uno, tmp_path):
    broken = tmp_path / "soffice"
    broken.write_text("#!/bin/sh\nexit 3\n")
    broken.chmod(0o755)
    converter = PdfConverter(soffice=str(broken), start_timeout=600)  # never waited for
    with pytest.raises(OfficeStartError) as error:
        converter.__enter__()
    converter.close()
    assert "LibreOffice dừng ngay khi khởi động (mã thoát 3)" in str(error.value)
