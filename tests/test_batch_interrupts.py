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


_STARTED: list = []
"""The markers of the batches this module started: what is left of them is killed after each test."""


@pytest.fixture(autouse=True)
def _nothing_left_running():
    """A test that fails because a process outlived its batch does not leave it running."""
    yield
    while _STARTED:
        for pid in marked(_STARTED.pop()):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


def start(rows, out, *options):
    marker = uuid.uuid4().hex
    _STARTED.append(marker)
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


def killed(process):
    """Wait for the batch's own process to end, without reading its output: a process that
    outlived it may hold its pipes open, and reading them would wait for that one too."""
    process.wait(timeout=60)
    process.stdout.close()
    process.stderr.close()


def ctrl_c(process):
    os.killpg(process.pid, signal.SIGINT)  # the terminal sends it to the whole foreground group


def sigterm(process):
    process.send_signal(signal.SIGTERM)


def sigterm_to_the_group(process):
    os.killpg(process.pid, signal.SIGTERM)  # a service manager stopping vanban: its workers die at once


@pytest.mark.parametrize("stop", [ctrl_c, sigterm, sigterm_to_the_group])
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
    killed(process)
    assert none_left(marker) == []  # the workers saw their parent die and stopped
    made = assert_whole_and_in_order(out, 300)
    # what a killed run may leave, besides its own real temporaries; and what is not vanban's
    # or not stray: another's file, a temporary of a run still going on (this test's process)
    (out / f".vanban-{process.pid}-deadbeef-7.docx").write_bytes(b"half")
    (out / f".vanban-{process.pid}-x1y2z3w4.tmp").write_bytes(b"half")
    (out / f".vanban-{process.pid}-deadbeef-8.pdf").write_bytes(b"%PDF-half")  # a PDF not yet named
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
    killed(process)
    assert none_left(marker) == []
    made = assert_whole_and_in_order(out, 40)
    pdfs = visible(out, ".pdf")
    assert pdfs and all(name[:-4] + ".docx" in made for name in pdfs)
    if stop == signal.SIGTERM:
        assert temporaries(out) == []


class StoppedWhileConverting:
    """Stands for the PDF pool (:class:`vanban._batch_pdf.PdfStage`) of a batch stopped half way:
    the first document gets its PDF, the second is still converting when Ctrl-C comes, with the
    third."""

    def __init__(self, count, settings, timeout, events):
        self.settings = settings
        self.events = events
        self.given = 0

    def submit(self, index, name):
        from vanban._batch_worker import temporary

        self.given += 1
        if self.given == 1:
            temporary(self.settings, index, ".pdf").write_bytes(b"%PDF-1.7")
            self.events.put(("pdf", index, name, None))
        elif self.given == 3:
            raise KeyboardInterrupt

    def abort(self):
        pass

    def close(self):
        pass


def test_a_batch_stopped_before_its_pdfs_says_which_documents_have_no_pdf_yet(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from vanban.cli import main

    monkeypatch.setattr("vanban._pdf.find_soffice", lambda: "soffice")
    monkeypatch.setattr("vanban._batch_pdf.check_before", lambda: None)
    monkeypatch.setattr("vanban._batch_pdf.PdfStage", StoppedWhileConverting)
    out = tmp_path / "ra"
    result = CliRunner().invoke(main, ["batch", str(write_rows(tmp_path / "ds.csv", 5)), "--base", str(BASE),
                                       "-o", str(out), "--no-check", "--jobs", "1", "--pdf"])
    assert result.exit_code == 1, result.output
    assert (f"Đã tạo xong 1 văn bản trước khi dừng; 2 văn bản khác đã có tệp .docx nhưng chưa có PDF. "
            f"Các tệp này được giữ trong {out}.") in result.output
    assert finished(out) == names(3) and visible(out, ".pdf") == ["01-KH-HĐTN.pdf"] and temporaries(out) == []


# --- the process after a batch -----------------------------------------------------------------


def _own_handler(signum, frame):
    """Stands for what a program calling vanban's commands installed for itself."""


@pytest.mark.parametrize("refused", ["a row", "the input"])
def test_a_batch_gives_back_the_termination_handlers_it_found(tmp_path, refused):
    from click.testing import CliRunner

    from vanban.cli import main

    rows = tmp_path / "ds.csv"
    # a row refused: the batch runs to its end; no row at all: the input is refused before any work
    rows.write_text("so\n0\n" if refused == "a row" else "so\n", encoding="utf-8")
    before = {number: signal.signal(number, _own_handler) for number in (signal.SIGTERM, signal.SIGHUP)}
    try:
        result = CliRunner().invoke(main, ["batch", str(rows), "--base", str(BASE), "-o", str(tmp_path / "ra"),
                                           "--no-check", "--jobs", "1"])
        assert result.exit_code == 1, result.output
        assert ("Không tạo được 1 văn bản" if refused == "a row" else "không có dòng dữ liệu nào") in result.output
        assert signal.getsignal(signal.SIGTERM) is _own_handler
        assert signal.getsignal(signal.SIGHUP) is _own_handler
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


# --- a LibreOffice of the PDF pool that hangs ------------------------------------------------------


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="stops LibreOffice with SIGSTOP")
def test_a_hung_libreoffice_of_the_pool_costs_one_pdf_and_is_started_again(tmp_path):
    from vanban._batch import run_batch
    from vanban._pdf import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    rows = write_rows(tmp_path / "ds.csv", 4)
    stopped = []

    def stop_libreoffice_after_the_first_pdf(result, done, total):
        if result.pdf is not None and not stopped:
            for entry in Path("/proc").iterdir():
                try:
                    command = (entry / "cmdline").read_bytes()
                except OSError:
                    continue
                if b"soffice.bin" in command and f"vanban-libreoffice-{os.getpid()}-".encode() in command:
                    os.kill(int(entry.name), signal.SIGSTOP)  # it stops answering, as a hung one does
                    stopped.append(int(entry.name))

    report = run_batch(rows, tmp_path / "ra", base=BASE, pdf=True, jobs=1, check=False, pdf_timeout=3,
                       progress=stop_libreoffice_after_the_first_pdf)
    assert stopped
    failed = report.failed
    assert len(failed) == 1 and "LibreOffice không xong sau 3 giây" in failed[0].error
    assert len(visible(tmp_path / "ra", ".pdf")) == 3  # the documents after it had a new LibreOffice
    assert len(finished(tmp_path / "ra")) == 4


def test_a_pdf_time_limit_under_a_second_is_a_usage_error(tmp_path):
    from click.testing import CliRunner

    from vanban.cli import main

    result = CliRunner().invoke(main, ["batch", str(write_rows(tmp_path / "ds.csv", 1)), "--base", str(BASE),
                                       "-o", str(tmp_path / "ra"), "--pdf", "--pdf-timeout", "0"])
    assert result.exit_code == 2 and "--pdf-timeout phải là một số nguyên từ 1 trở lên" in result.output
    assert not (tmp_path / "ra").exists()


def test_a_stopped_batch_removes_what_its_workers_left_when_a_signal_ended_them_half_way(tmp_path):
    from vanban._batch import _remove_temporaries
    from vanban._batch_worker import Settings

    worker = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    left = tmp_path / f".vanban-{int(worker.stdout)}-k3j9x2ab.tmp"  # its process has ended
    left.write_bytes(b"half")
    another_run = tmp_path / f".vanban-{os.getppid()}-cafebabe-3.docx"  # a live process's: not stray
    another_run.write_bytes(b"in progress")
    _remove_temporaries(Settings(str(tmp_path), "", (), False, False, "deadbeef", os.getpid()))
    assert not left.exists() and another_run.exists()


# --- a folder of many documents ----------------------------------------------------------------


def test_cleaning_temporaries_reads_a_folder_of_many_documents_as_it_goes_not_as_a_list(tmp_path):
    # a national run's folder holds 100,000 documents: listing it at the start and the end of a
    # batch raised the batch's peak memory by 30 MiB (a list of every entry); memory, not time,
    # is what is measured here, so the figure does not depend on the machine's speed
    import tracemalloc

    from vanban._batch import _remove_temporaries
    from vanban._batch_worker import Settings
    from vanban._files import remove_stray_temporaries

    for number in range(20_000):
        (tmp_path / f"{number:05d}-KH-HĐTN.docx").touch()
    ours = tmp_path / f".vanban-{os.getpid()}-cafebabe-7.docx"
    stray = tmp_path / ".vanban-999999999-deadbeef-1.docx"  # no such process
    for leftover in (ours, stray):
        leftover.touch()
        os.utime(leftover, (0, 0))
    tracemalloc.start()
    try:
        removed = remove_stray_temporaries(tmp_path, before=time.time())
        _remove_temporaries(Settings(str(tmp_path), "", (), False, False, "cafebabe", os.getpid()))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert removed == [stray] and not ours.exists()
    assert len(list(tmp_path.iterdir())) == 20_000
    assert peak < 512 * 1024, f"{peak / 1024:.0f} KiB"  # a list of the 20,000 entries: over 8 MiB


def test_a_stop_arriving_while_a_document_is_handed_to_the_pool_waits_until_it_is_handed_over(tmp_path):
    # interrupted between recording a work item and queuing it, ProcessPoolExecutor waits for
    # that item for ever when it is shut down: the stop is raised once the hand-over is done
    import queue

    from vanban._batch_input import read_base, read_jobs
    from vanban._batch_pool import ProcessPool
    from vanban._batch_worker import Settings

    job = next(read_jobs(EXAMPLES / "batch" / "danh-sach.csv", BASE))
    settings = Settings(str(tmp_path), "{so}-{ky_hieu}", (), False, False, "feedc0de", os.getpid())
    events: queue.Queue = queue.Queue()
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    pool = ProcessPool(2, read_base(BASE), events)
    real_submit = pool.executor.submit

    def submit_stopped_half_way(*args):
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C lands inside the executor's submit
        return real_submit(*args)

    pool.executor.submit = submit_stopped_half_way
    try:
        with pytest.raises(KeyboardInterrupt):
            pool.submit([job], settings)
        assert events.get(timeout=60)[:2] == ("rendered", job.index)  # handed over, made, reported
    finally:
        pool.close()
        signal.signal(signal.SIGINT, previous)


@pytest.mark.parametrize("pdf", [False, True])
def test_a_stop_arriving_while_a_document_takes_its_name_is_raised_once_it_is_counted(tmp_path, monkeypatch, pdf):
    # between taking its name and being counted, a document stopped there was in the folder but
    # not in the count said on stopping ("Đã tạo xong 28 văn bản" beside 29 files)
    import vanban._batch as batch

    real_move = batch._move
    counted = []

    def moved_then_stopped(temporary_file, target, overwrite):
        real_move(temporary_file, target, overwrite)
        if target.suffix == (".pdf" if pdf else ".docx"):
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C lands once the file has its name

    if pdf:  # the .pdf is "converted" by copying the .docx: the stage's part here is naming it
        monkeypatch.setattr("vanban._pdf.find_soffice", lambda: "soffice")
        monkeypatch.setattr("vanban._batch_pdf.check_before", lambda: None)
        monkeypatch.setattr("vanban._batch_pdf.PdfStage", CopiedAsPdf)
    monkeypatch.setattr(batch, "_move", moved_then_stopped)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            batch.run_batch(write_rows(tmp_path / "ds.csv", 5), tmp_path / "ra", base=BASE, jobs=1, check=False,
                            pdf=pdf, progress=lambda result, done, total: counted.append(result))
    finally:
        signal.signal(signal.SIGINT, previous)
    assert [result.output.name for result in counted] == finished(tmp_path / "ra") == names(5)[:1]
    assert [result.pdf is not None for result in counted] == [pdf]


class CopiedAsPdf:
    """A PDF stage whose "conversion" copies the .docx to the PDF's temporary name."""

    def __init__(self, workers, settings, timeout, events):
        self.settings = settings
        self.events = events

    def submit(self, index, name):
        from vanban._batch_worker import temporary

        source = Path(self.settings.out_dir) / name
        temporary(self.settings, index, ".pdf").write_bytes(source.read_bytes())
        self.events.put(("pdf", index, name, None))

    def abort(self):
        pass

    def close(self):
        pass
