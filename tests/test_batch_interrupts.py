"""A batch stopped half way: Ctrl-C, SIGTERM, or killed outright with SIGKILL.

Finished documents stay finished (each written whole under its final name as soon as it and the
rows before it are done), no temporary file is left for good (a run cleans its own; the next run
in the folder cleans those of a killed one), and no pool worker or LibreOffice outlives the vanban
process that started it. Each test runs vanban as a real child process and finds what it started
by a marker in the environment, which every process it starts inherits.
"""

import csv
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from helpers import EXAMPLES, ROOT, open_docx

pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc")

BASE = EXAMPLES / "batch" / "mau-chung.yaml"


def write_rows(path, count):
    with open(path, "w", encoding="utf-8", newline="") as stream:
        rows = csv.writer(stream)
        rows.writerow(["co_quan_ban_hanh.ten", "so", "dia_danh", "nguoi_ky.ho_ten"])
        for number in range(1, count + 1):
            rows.writerow([f"BCH Chi đoàn {number}", number, "Càng Long", "Nguyễn Văn An"])
    return path


def names(count):
    """The files a batch of ``count`` rows writes, in input order."""
    return [f"{number:02d}-KH-HĐTN.docx" for number in range(1, count + 1)]


def start(rows, out, *options):
    marker = uuid.uuid4().hex
    process = subprocess.Popen(
        [sys.executable, "-m", "vanban", "batch", str(rows), "--base", str(BASE), "-o", str(out), "--no-check",
         *options],
        cwd=ROOT, env={**os.environ, "VANBAN_TEST_MARKER": marker},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,  # its own process group, as a command typed in a terminal has
    )
    return process, marker


def marked(marker):
    """Live processes whose environment carries ``marker``."""
    found = []
    needle = f"VANBAN_TEST_MARKER={marker}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            environment = (entry / "environ").read_bytes()
        except OSError:
            continue
        if state != "Z" and needle in environment.split(b"\0"):
            found.append(int(entry.name))
    return found


def none_left(marker, seconds=5.0):
    deadline = time.monotonic() + seconds
    while marked(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    return marked(marker)


def visible(out, suffix):
    """The files named as the user sees them (a temporary file's name starts with a dot)."""
    return sorted(p.name for p in out.glob("*" + suffix) if not p.name.startswith("."))


def wait_for(out, suffix, count, process, seconds=60.0):
    deadline = time.monotonic() + seconds
    while len(visible(out, suffix)) < count:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the batch made too few documents in time"
        time.sleep(0.02)


def finished(out):
    return visible(out, ".docx")


def temporaries(out):
    return sorted(p.name for p in out.iterdir() if p.name.startswith(".vanban-"))


def assert_whole_and_in_order(out, total):
    made = finished(out)
    assert set(made) == set(names(total)[:len(made)])  # names are given in input order, none skipped
    for name in made:
        assert "Càng Long" in open_docx(out / name).paragraphs[-1]._parent.part.blob.decode("utf-8")
    return made


def ctrl_c(process):
    os.killpg(process.pid, signal.SIGINT)  # the terminal sends it to the whole foreground group


def sigterm(process):
    process.send_signal(signal.SIGTERM)


@pytest.mark.parametrize("stop", [pytest.param(ctrl_c, marks=pytest.mark.slow), sigterm])
def test_ctrl_c_and_sigterm_stop_keeping_every_finished_document(tmp_path, stop):
    rows = write_rows(tmp_path / "ds.csv", 300)
    out = tmp_path / "ra"
    process, marker = start(rows, out, "--jobs", "2")
    wait_for(out, ".docx", 3, process)
    stop(process)
    _, errors = process.communicate(timeout=30)
    assert process.returncode == 1
    assert "Traceback" not in errors
    made = assert_whole_and_in_order(out, 300)
    assert 3 <= len(made) < 300
    assert f"Đã tạo xong {len(made)} văn bản trước khi dừng" in errors and errors.rstrip().endswith("Đã dừng.")
    assert temporaries(out) == []
    assert none_left(marker) == []


def test_sigkill_leaves_no_worker_and_the_next_run_cleans_its_temporaries(tmp_path):
    rows = write_rows(tmp_path / "ds.csv", 300)
    out = tmp_path / "ra"
    process, marker = start(rows, out, "--jobs", "2")
    wait_for(out, ".docx", 3, process)
    process.kill()
    process.communicate()
    assert none_left(marker) == []  # the workers saw their parent die and stopped
    made = assert_whole_and_in_order(out, 300)
    # what a killed run may leave, besides its own real temporaries; and what is not vanban's
    # or not stray: another's file, a temporary of a run still going on (this test's process)
    (out / f".vanban-{process.pid}-deadbeef-7.docx").write_bytes(b"half")
    (out / f".vanban-{process.pid}-x1y2z3w4.tmp").write_bytes(b"half")
    (out / ".vanban-ghi-chu.txt").write_text("not vanban's", encoding="utf-8")
    (out / f".vanban-{os.getpid()}-cafebabe-1.docx").write_bytes(b"in progress")
    again, _ = start(write_rows(tmp_path / "mot.csv", 1), out, "--name", "lan-hai-{index}")
    again.communicate(timeout=60)
    assert again.returncode == 0
    assert temporaries(out) == sorted([".vanban-ghi-chu.txt", f".vanban-{os.getpid()}-cafebabe-1.docx"])
    assert finished(out) == sorted(made + ["lan-hai-1.docx"])


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_no_libreoffice_outlives_a_stopped_batch(tmp_path, stop):
    from vanban._pdf import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    rows = write_rows(tmp_path / "ds.csv", 40)
    out = tmp_path / "ra"
    process, marker = start(rows, out, "--jobs", "1", "--pdf")
    wait_for(out, ".pdf", 1, process, seconds=120)
    assert any(b"soffice" in Path(f"/proc/{pid}/cmdline").read_bytes() for pid in marked(marker))
    process.send_signal(stop)
    process.communicate(timeout=60)
    assert none_left(marker) == []
    made = assert_whole_and_in_order(out, 40)
    pdfs = visible(out, ".pdf")
    assert pdfs and all(name[:-4] + ".docx" in made for name in pdfs)
    if stop == signal.SIGTERM:
        assert temporaries(out) == []
