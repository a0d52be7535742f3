"""``vanban batch``: a folder or a list of rows in, one document per row out, failures reported."""

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import vanban
from vanban._batch import run_batch
from vanban._batch_input import _apply, merge, read_base, read_jobs
from vanban._batch_names import check_name_pattern, safe_file_name
from vanban.cli import main

from helpers import EXAMPLES, open_docx, text_lines

BATCH = EXAMPLES / "batch"
BASE = BATCH / "mau-chung.yaml"
NAMES = ["08-KH-HĐTN.docx", "09-KH-HĐTN.docx", "12-KH-HĐTN.docx", "15-KH-HĐTN.docx", "21-KH-HĐTN.docx"]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def files(folder):
    return sorted(p.name for p in Path(folder).iterdir())


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    return path


@pytest.fixture(scope="module")
def from_csv(tmp_path_factory):
    out = tmp_path_factory.mktemp("csv")
    report = run_batch(BATCH / "danh-sach.csv", out, base=BASE, jobs=2, check=False)
    assert not report.failed, report.summary()
    return out


def test_a_data_file_fills_one_document_per_row_over_the_base(from_csv):
    assert files(from_csv) == NAMES
    lines = text_lines(open_docx(from_csv / "12-KH-HĐTN.docx"))
    assert lines[:2] == ["TỈNH ĐOÀN TRÀ VINH", "BCH HUYỆN ĐOÀN CÀNG LONG"]
    assert "Số: 12-KH/HĐTN" in lines
    assert "Càng Long, ngày 15 tháng 3 năm 2021" in lines
    assert lines[-1] == "Nguyễn Văn An"
    # "+noi_nhan" adds the row's recipients after the base's, a cell line each
    start = lines.index("Nơi nhận:")
    assert lines[start + 1:start + 6] == [
        "- Ban Thường vụ Tỉnh đoàn (để b/c);",
        "- Các cơ sở Đoàn trực thuộc (để th/h);",
        "- Thường trực Huyện ủy Càng Long (để b/c);",
        "- UBND huyện Càng Long (để phối hợp);",
        "- Lưu VP.",
    ]


@pytest.mark.parametrize("source", ["danh-sach.xlsx", "danh-sach.yaml"])
def test_excel_and_yaml_lists_give_the_same_documents_as_csv(source, from_csv, tmp_path):
    report = run_batch(BATCH / source, tmp_path, base=BASE, jobs=1, check=False)
    assert not report.failed, report.summary()
    assert files(tmp_path) == NAMES
    for name in NAMES:
        assert (tmp_path / name).read_bytes() == (from_csv / name).read_bytes()


def test_each_document_is_the_same_as_rendering_it_alone(from_csv):
    data, _ = merge(read_base(BASE), next(read_jobs(BATCH / "danh-sach.csv", BASE)).row)
    assert (from_csv / "12-KH-HĐTN.docx").read_bytes() == vanban.render_bytes(vanban.parse(data))


# --- the common cases of the other types: a Giấy mời per delegate, a Quyết định per new member --

DELEGATES = ["giay-moi-le-minh-chau.docx", "giay-moi-nguyen-van-an.docx", "giay-moi-tran-thi-binh.docx"]
MEMBERS = ["ket-nap-le-thi-mai.docx", "ket-nap-pham-van-hung.docx", "ket-nap-thach-thi-sa-rin.docx"]


# each list is read here in one format and by the README's command (test_readme) in the other
def test_one_giay_moi_per_delegate_row_named_by_the_row(tmp_path):
    report = run_batch(BATCH / "dai-bieu.csv", tmp_path, base=BATCH / "giay-moi.yaml", jobs=1)
    assert not report.failed, report.summary()
    assert files(tmp_path) == DELEGATES
    lines = text_lines(open_docx(tmp_path / "giay-moi-tran-thi-binh.docx"))
    assert ("Ban Thường vụ Huyện đoàn Cầu Ngang trân trọng kính mời: Đồng chí Trần Thị Bình, Bí thư Đoàn xã "
            "Hiệp Mỹ Đông") in lines
    assert "Số: 25-GM/ĐTN" in lines and not any("Nguyễn Văn An" in line for line in lines)


def test_one_quyet_dinh_per_admitted_member_with_its_own_number_and_article_1(tmp_path):
    report = run_batch(BATCH / "ket-nap.xlsx", tmp_path, base=BATCH / "quyet-dinh-ket-nap.yaml", jobs=1)
    assert not report.failed, report.summary()
    assert files(tmp_path) == MEMBERS
    lines = text_lines(open_docx(tmp_path / "ket-nap-pham-van-hung.docx"))
    assert "Số: 32-QĐ/ĐTN" in lines
    assert ("Điều 1. Kết nạp vào Đoàn TNCS Hồ Chí Minh đối với thanh niên Phạm Văn Hùng, sinh ngày 03/9/2007, "
            "sinh hoạt tại Chi đoàn ấp Nô Công.") in lines
    assert lines[lines.index("Nơi nhận:") + 1] == "- Như Điều 4;"


@pytest.mark.parametrize("listed, base, column", [
    ("dai-bieu.csv", "giay-moi.yaml", "kinh_moi"),
    ("ket-nap.csv", "quyet-dinh-ket-nap.yaml", "dieu.1.dieu"),
])
def test_a_row_leaving_out_the_person_is_refused_and_never_becomes_a_document(listed, base, column, tmp_path):
    with open(BATCH / listed, encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    rows[2][rows[0].index(column)] = ""
    report = run_batch(write_csv(tmp_path / listed, rows), tmp_path / "ra", base=BATCH / base, jobs=1, check=False)
    assert [result.ok for result in report.results] == [True, False, True]
    assert column.split(".")[0] in report.results[1].error
    assert len(files(tmp_path / "ra")) == 2


def test_a_folder_of_documents(tmp_path):
    folder = tmp_path / "vao"
    folder.mkdir()
    for path in sorted(EXAMPLES.glob("*.yaml")):
        shutil.copy(path, folder / path.name)
    (folder / "ghi-chu.txt").write_text("không phải văn bản", encoding="utf-8")
    result = run("batch", folder, "-o", tmp_path / "ra", "--name", "{file}.docx")
    assert result.exit_code == 0, result.output
    expected = sorted(p.stem + ".docx" for p in EXAMPLES.glob("*.yaml"))
    assert files(tmp_path / "ra") == expected
    for path in EXAMPLES.glob("*.yaml"):
        made = (tmp_path / "ra" / f"{path.stem}.docx").read_bytes()
        assert made == vanban.render_bytes(vanban.load(path))
    assert f"Đã tạo {len(expected)}/{len(expected)} văn bản" in result.output


def test_one_bad_row_never_stops_the_others_and_the_summary_says_why(tmp_path):
    rows = write_csv(tmp_path / "ds.csv", [
        ["co_quan_ban_hanh.ten", "so", "ngay", "nguoi_ky.ho_ten"],
        ["BCH Huyện đoàn A", "1", "", "Lê Văn A"],
        ["BCH Huyện đoàn B", "hai", "31/02/2021", "Lê Văn B"],
        ["BCH Huyện đoàn C", "3", "", "Lê Văn C"],
    ])
    result = run("batch", rows, "--base", BASE, "-o", tmp_path / "ra", "--no-check")
    assert result.exit_code == 1
    assert files(tmp_path / "ra") == ["01-KH-HĐTN.docx", "03-KH-HĐTN.docx"]
    assert "Đã tạo 2/3 văn bản" in result.output
    assert "Không tạo được 1 văn bản:" in result.output
    assert "ds.csv, dòng 3" in result.output
    assert "so:" in result.output and "số nguyên" in result.output
    assert "ngay:" in result.output and "31/02/2021" in result.output
    assert "Traceback" not in result.output


def test_rows_failing_for_one_reason_are_said_once_with_their_count_and_first_labels(tmp_path):
    # a broken template fails every row alike: one line, not one per row
    rows = write_csv(tmp_path / "ds.csv", [["co_quan_ban_hanh.ten", "so", "nguoi_ky.ho_ten"]] + [
        [f"BCH Huyện đoàn {n}", "hai", "Lê Văn A"] for n in range(12)] + [["BCH Huyện đoàn X", "ba", "Lê Văn X"]])
    result = run("batch", rows, "--base", BASE, "-o", tmp_path / "ra", "--no-check")
    assert result.exit_code == 1
    failures = [line for line in result.output.splitlines() if line.startswith("  - ")]
    assert len(failures) == 2, result.output
    assert failures[0].startswith("  - 12 văn bản cùng một lỗi (ds.csv, dòng 2; ds.csv, dòng 3; ")
    assert "ds.csv, dòng 11 và 2 văn bản khác): " in failures[0]
    assert failures[1].startswith("  - ds.csv, dòng 14: ")
    assert result.output.count("'hai'") == 1 and result.output.count("'ba'") == 1, result.output


def test_rows_that_would_write_the_same_file_are_reported_not_overwritten(tmp_path):
    rows = write_csv(tmp_path / "ds.csv", [
        ["co_quan_ban_hanh.ten", "so", "nguoi_ky.ho_ten"],
        ["BCH Huyện đoàn A", "7", "Lê Văn A"],
        ["BCH Huyện đoàn B", "7", "Lê Văn B"],
        ["BCH Huyện đoàn C", "8", "Lê Văn C"],
    ])
    report = run_batch(rows, tmp_path / "ra", base=BASE, jobs=2, check=False)
    assert [r.ok for r in report.results] == [True, False, True]
    assert "trùng tên tệp 07-KH-HĐTN.docx với ds.csv, dòng 2" in report.results[1].error
    assert "BCH HUYỆN ĐOÀN A" in text_lines(open_docx(tmp_path / "ra" / "07-KH-HĐTN.docx"))
    assert files(tmp_path / "ra") == ["07-KH-HĐTN.docx", "08-KH-HĐTN.docx"]


def test_names_come_from_the_pattern_and_are_safe_file_names(tmp_path):
    rows = write_csv(tmp_path / "ds.csv", [
        ["co_quan_ban_hanh.ten", "so", "ten_tep", "nguoi_ky.ho_ten"],
        ["BCH Đoàn xã A/B", "5", "", "Lê Văn A"],
        ["BCH Đoàn xã C", "", "rieng: C?", "Lê Văn C"],
    ])
    report = run_batch(rows, tmp_path / "ra", base=BASE, name_pattern="{issuer} {number}-{type} {year}",
                       check=False)
    assert not report.failed, report.summary()
    assert files(tmp_path / "ra") == ["BCH Đoàn xã A-B 05-KH 2021.docx", "rieng- C-.docx"]
    assert safe_file_name(' a<b>c:"d"|e*f ') == "a-b-c-d-e-f"


def test_an_unknown_value_in_the_name_pattern_is_a_usage_error(tmp_path):
    result = run("batch", BATCH / "danh-sach.csv", "--base", BASE, "-o", tmp_path / "ra", "--name", "{so}.docx")
    assert result.exit_code == 2
    assert "{so}" in result.output and "{number}" in result.output
    assert not (tmp_path / "ra").exists()


# Words of Python's own ValueError texts for a bad format string; none may reach the user.
PYTHON_ENGLISH = ("Single", "encountered", "format", "expected", "unmatched", "unexpected", "conversion",
                  "field", "Unknown", "end of string", "specifier")


@pytest.mark.parametrize("pattern, reason", [
    ("{number}}-{type}", "dấu } ở ký tự thứ 9 không có dấu { mở trước nó (muốn có chính dấu } trong tên tệp thì viết }})"),
    ("}{number}", "dấu } ở ký tự thứ 1 không có dấu { mở trước nó"),
    ("{number}-{type", "dấu { ở ký tự thứ 10 không được đóng bằng dấu } (muốn có chính dấu { trong tên tệp thì viết {{)"),
    ("{", "dấu { ở ký tự thứ 1 không được đóng bằng dấu }"),
    ("{number:{type}}", "{number:{type}} có dấu ngoặc nhọn lồng bên trong"),
    ("x{a{b}c}", "{a{b}c} có dấu ngoặc nhọn lồng bên trong"),
    ("{number!r}", "{number!r} có dấu !; trong { } chỉ ghi tên giá trị"),
    ("{number!}", "{number!} có dấu !"),
    ("{number!rr}", "{number!rr} có dấu !"),
    ("{}-{number}", "có {} chưa ghi tên giá trị bên trong, ví dụ {number}"),
    ("{so}-{number}", "có giá trị không biết: {so}. Các giá trị dùng được: {number}, {type},"),
    ("{number.x}", "có giá trị không biết: {number.x}."),
    ("{number:d}", "có cách trình bày '{number:d}' không dùng được: các giá trị đều là chữ"),
    ("{index:0>999999999}", "có cách trình bày '{index:0>999999999}' không dùng được"),
], ids=lambda value: value if value.isascii() else "")
def test_a_bad_name_pattern_is_explained_in_vietnamese_with_the_actual_mistake(pattern, reason):
    with pytest.raises(vanban.VanbanError) as caught:
        check_name_pattern(pattern)
    message = str(caught.value)
    assert message.startswith(f"Mẫu tên tệp '{pattern}' ")
    assert reason in message
    for word in PYTHON_ENGLISH:
        assert word not in message, message


@pytest.mark.parametrize("pattern, name", [
    ("{number}-{type}", "{number}-{type}.docx"),
    ("{{{number}}}.DOCX", "{{{number}}}.DOCX"),
    ("{index:0>3} {place:.10}", "{index:0>3} {place:.10}.docx"),
    ("{index:!>3}", "{index:!>3}.docx"),
])
def test_a_good_name_pattern_is_kept_with_docx_at_the_end(pattern, name):
    assert check_name_pattern(pattern) == name


def test_braces_in_a_name_pattern_become_braces_and_a_padded_index_is_padded(tmp_path):
    rows = write_csv(tmp_path / "ds.csv", [["co_quan_ban_hanh.ten", "so", "nguoi_ky.ho_ten"],
                                           ["BCH Đoàn xã A", "8", "Lê Văn A"]])
    report = run_batch(rows, tmp_path / "ra", base=BASE, name_pattern="{{{index:0>3}}} {number}", check=False)
    assert not report.failed, report.summary()
    assert files(tmp_path / "ra") == ["{001} 08.docx"]


def test_an_unbalanced_brace_in_the_name_is_a_vietnamese_usage_error(tmp_path):
    result = run("batch", BATCH / "danh-sach.csv", "--base", BASE, "-o", tmp_path / "ra", "--name", "{number}}.docx")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "Lỗi: Mẫu tên tệp '{number}}.docx' không hợp lệ: dấu } ở ký tự thứ 9 không có dấu { mở trước nó "
        "(muốn có chính dấu } trong tên tệp thì viết }}). Mẫu đúng có dạng {number}-{type}-{issuer_code}.docx."
    )
    assert not (tmp_path / "ra").exists()


def test_existing_files_are_kept_unless_forced(tmp_path):
    out = tmp_path / "ra"
    out.mkdir()
    (out / "12-KH-HĐTN.docx").write_bytes(b"cu")
    result = run("batch", BATCH / "danh-sach.csv", "--base", BASE, "-o", out, "--no-check")
    assert result.exit_code == 1
    assert "12-KH-HĐTN.docx đã tồn tại" in result.output and "Đã tạo 4/5" in result.output
    assert (out / "12-KH-HĐTN.docx").read_bytes() == b"cu"
    result = run("batch", BATCH / "danh-sach.csv", "--base", BASE, "-o", out, "--force", "--no-check")
    assert result.exit_code == 0, result.output
    assert (out / "12-KH-HĐTN.docx").read_bytes()[:2] == b"PK"
    assert files(out) == NAMES  # and no temporary file left behind


def test_parallel_and_serial_runs_write_the_same_files(tmp_path):
    one = run_batch(BATCH / "danh-sach.csv", tmp_path / "1", base=BASE, jobs=1, check=False)
    two = run_batch(BATCH / "danh-sach.csv", tmp_path / "2", base=BASE, jobs=3, check=False)
    assert [r.output.name for r in one.results] == [r.output.name for r in two.results]
    for name in files(tmp_path / "1"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes()


def test_a_row_without_a_field_the_base_leaves_out_is_reported(tmp_path):
    rows = write_csv(tmp_path / "ds.csv", [["co_quan_ban_hanh.ten", "so"], ["BCH Huyện đoàn A", "7"]])
    report = run_batch(rows, tmp_path / "ra", base=BASE, check=False)
    assert "nguoi_ky.ho_ten" in report.results[0].error and "Thiếu" in report.results[0].error
    assert files(tmp_path / "ra") == []


def test_each_document_is_checked_against_the_layout_rules_by_default(tmp_path):
    report = run_batch(BATCH / "danh-sach.csv", tmp_path, base=BASE, jobs=1)
    assert not report.failed, report.summary()
    assert files(tmp_path) == NAMES


def test_progress_is_reported_once_per_document(tmp_path):
    seen = []
    run_batch(BATCH / "danh-sach.csv", tmp_path, base=BASE, jobs=2, check=False,
              progress=lambda result, done, total: seen.append((done, total, result.label)))
    assert [(done, total) for done, total, _ in seen] == [(i, 5) for i in range(1, 6)]
    assert len({label for _, _, label in seen}) == 5


def test_no_progress_bar_when_not_a_terminal(tmp_path):
    result = run("batch", BATCH / "danh-sach.csv", "--base", BASE, "-o", tmp_path, "--no-check")
    assert result.exit_code == 0
    assert "Đang tạo" not in result.output
    assert result.output.strip().splitlines() == [result.output.strip().splitlines()[0]]


@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
def test_a_progress_bar_on_a_terminal(tmp_path):
    import pty

    parent, child = pty.openpty()
    process = subprocess.run(
        [sys.executable, "-m", "vanban", "batch", str(BATCH / "danh-sach.csv"), "--base", str(BASE),
         "-o", str(tmp_path), "--no-check"],
        stderr=child, stdout=subprocess.PIPE, text=True, timeout=300,
    )
    os.close(child)
    shown = b""
    while True:
        try:
            chunk = os.read(parent, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(parent)
    assert process.returncode == 0
    assert "Đang tạo văn bản" in shown.decode("utf-8", "replace")
    assert "Đang tạo" not in process.stdout and "Đã tạo 5/5" in process.stdout


def test_a_cell_with_several_lines_fills_a_list_and_an_empty_cell_keeps_the_base():
    data = {"noi_nhan": ["A"], "so": 3, "nguoi_ky": {"ho_ten": "X", "chuc_vu": "Bí thư"}}
    _apply(data, "noi_nhan", "B (để b/c)\n\n C ")
    _apply(data, "+noi_nhan", "D")
    _apply(data, "nguoi_ky.ho_ten", "Y")
    _apply(data, "kinh_phi", "một dòng")
    assert data == {"noi_nhan": ["B (để b/c)", "C", "D"], "so": 3,
                    "nguoi_ky": {"ho_ten": "Y", "chuc_vu": "Bí thư"}, "kinh_phi": "một dòng"}
    base = {"so": 3, "nguoi_ky": {"ho_ten": "X"}}
    assert merge(base, {"so": None, "nguoi_ky.ho_ten": "Z", "ten_tep": "rieng"}) == (
        {"so": 3, "nguoi_ky": {"ho_ten": "Z"}}, "rieng")
    assert base == {"so": 3, "nguoi_ky": {"ho_ten": "X"}}  # the base itself is never changed


def _write(name, content):
    def make(folder):
        path = folder / name
        if content is None:
            path.mkdir()
        else:
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return path

    return make


@pytest.mark.parametrize(
    "setup, message",
    [
        (_write("vao", None), "không có tệp .yaml"),
        (_write("ds.csv", "so\n1\n".encode("utf-16")), "UTF-8"),
        (_write("ds.csv", "so\n"), "không có dòng dữ liệu"),
        (_write("mot.yaml", "loai: ke-hoach\n"), "phải là một danh sách"),
        (_write("ds.txt", "x"), ".csv hay .xlsx"),
        (_write("ds.xlsx", b"not a zip"), "Excel"),
    ],
    ids=["empty-folder", "utf16-csv", "header-only", "yaml-mapping", "unknown-suffix", "broken-xlsx"],
)
def test_unreadable_input_is_a_clear_error_and_writes_nothing(setup, message, tmp_path):
    source = setup(tmp_path)
    result = run("batch", source, "-o", tmp_path / "ra")
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Lỗi: ") and message in result.output
    assert not (tmp_path / "ra").exists()


def test_a_base_that_is_not_a_document_is_a_clear_error(tmp_path):
    base = tmp_path / "chung.yaml"
    base.write_text("- a\n- b\n", encoding="utf-8")
    result = run("batch", BATCH / "danh-sach.csv", "--base", base, "-o", tmp_path / "ra")
    assert result.exit_code == 1 and "mẫu chung" in result.output


def test_a_folder_merged_over_a_base(tmp_path):
    folder = tmp_path / "vao"
    folder.mkdir()
    (folder / "a.yaml").write_text("co_quan_ban_hanh: {ten: BCH Huyện đoàn A}\nso: 4\n"
                                   "nguoi_ky: {ho_ten: Lê Văn A}\n", encoding="utf-8")
    (folder / "b.yaml").write_text("so: [\n", encoding="utf-8")
    report = run_batch(folder, tmp_path / "ra", base=BASE, check=False)
    assert [r.ok for r in report.results] == [True, False]
    assert "b.yaml" in report.results[1].error and "Lỗi cú pháp YAML" in report.results[1].error
    assert files(tmp_path / "ra") == ["04-KH-HĐTN.docx"]


def test_when_libreoffice_will_not_start_each_pdf_reports_it_and_the_docx_is_kept(tmp_path, monkeypatch):
    from vanban import _pdf
    from vanban.errors import VanbanError

    def refuse(self):
        raise VanbanError("Không khởi động được LibreOffice (thử)")

    monkeypatch.setattr(_pdf, "find_soffice", lambda: sys.executable)
    monkeypatch.setattr(_pdf, "find_uno_python", lambda soffice: None)
    monkeypatch.setattr(_pdf.PdfConverter, "__enter__", refuse)
    report = run_batch(BATCH / "danh-sach.csv", tmp_path, base=BASE, pdf=True, jobs=2, check=False)
    assert len(report.failed) == 5
    assert all("nhưng không khởi động được LibreOffice (thử)" in r.error for r in report.failed)
    assert files(tmp_path) == NAMES


def test_documents_are_not_each_waited_onto_the_disk_but_all_once_when_the_batch_ends(tmp_path, monkeypatch):
    # an fsync a document cost more than its render; the batch syncs once, before it returns
    waits = []
    monkeypatch.setattr(os, "fsync", lambda fd: waits.append("fsync"))
    monkeypatch.setattr(os, "sync", lambda: waits.append("sync"))
    report = run_batch(BATCH / "danh-sach.csv", tmp_path, base=BASE, jobs=1, check=False)
    assert files(tmp_path) == NAMES and not report.failed
    assert waits == ["sync"]


# --- the process pool's share: documents handed over in chunks --------------------------------

class RecordedPool:
    """An engine like the process pool (chunks of four, two slots) whose documents all fail at
    once, recording the chunks it is handed."""

    synchronous = False
    chunk = 4

    def __init__(self, events):
        self.slots = 2
        self.events = events
        self.chunks = []
        self.finished = 0
        self.most_in_the_work = 0

    def submit(self, jobs, settings):
        self.chunks.append([job.index for job in jobs])
        in_the_work = sum(map(len, self.chunks)) - self.finished
        self.most_in_the_work = max(self.most_in_the_work, in_the_work)
        for job in jobs:
            self.events.put(("rendered", job.index, lambda index=job.index: (index, None, "không làm")))

    def close(self):
        pass


def test_the_pool_is_handed_whole_chunks_once_each_fits_in_the_window_and_the_last_one_as_it_is(
        tmp_path, monkeypatch):
    import vanban._batch as batch

    engines = []
    monkeypatch.setattr(batch, "local_engine",
                        lambda workers, base, events: engines.append(RecordedPool(events)) or engines[-1])
    rows = write_csv(tmp_path / "ds.csv", [["co_quan_ban_hanh.ten", "so"]]
                     + [[f"BCH Chi đoàn {number}", number] for number in range(1, 43)])
    def finished(result, done, total):
        engines[0].finished = done

    report = run_batch(rows, tmp_path / "ra", base=BASE, jobs=2, check=False, progress=finished)
    assert len(report.failed) == 42
    # a finished document frees one place: a chunk waits until four are free
    assert engines[0].chunks == [list(range(start, min(start + 4, 43))) for start in range(1, 43, 4)]
    assert engines[0].most_in_the_work == 2 * 8  # two chunks a slot, never more


def test_every_document_of_a_chunk_whose_worker_died_is_reported_as_not_made(tmp_path, monkeypatch):
    import queue

    import vanban._batch_worker as worker
    from vanban._batch_pool import ProcessPool
    from vanban._batch_worker import Settings

    real = worker.make_document
    monkeypatch.setattr(worker, "make_document",  # the pool's processes are forked with it
                        lambda job, settings: os._exit(1) if job.index == 2 else real(job, settings))
    jobs = list(read_jobs(BATCH / "danh-sach.csv", BASE))[:3]
    events = queue.Queue()
    pool = ProcessPool(2, read_base(BASE), events)
    try:
        pool.submit(jobs, Settings(str(tmp_path), "{so}", (), False, False, "d1ed0000", os.getpid()))
        reported = [events.get(timeout=60) for _ in jobs]
    finally:
        pool.close()
    assert [event[1] for event in reported] == [1, 2, 3]
    for _, _, outcome in reported:
        with pytest.raises(Exception):
            outcome()


def test_the_pool_freezes_the_batchs_heap_while_its_workers_run_and_leaves_a_hosts_freeze_alone():
    # forked workers then share the batch's pages instead of copying them as collections walk
    # its objects (memory flat with the rows: bench/README, batch memory)
    import gc
    import queue

    from vanban._batch_pool import ProcessPool

    assert gc.get_freeze_count() == 0
    pool = ProcessPool(1, {}, queue.Queue())
    try:
        assert gc.get_freeze_count() > 0
    finally:
        pool.close()
    assert gc.get_freeze_count() == 0  # a library's host collects its objects again

    gc.freeze()  # a host that froze its own heap (a pre-forking server)
    try:
        pool = ProcessPool(1, {}, queue.Queue())
        pool.close()
        assert gc.get_freeze_count() > 0  # not unfrozen by the batch
    finally:
        gc.unfreeze()
