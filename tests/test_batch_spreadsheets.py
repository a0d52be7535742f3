"""What a data file for ``vanban batch`` may hold, as offices fill them in and as an attacker
might: long cells, formulas without values, Excel's error values, sizes beyond any real list.

Every refusal names the place (file, line, cell address) and says what to do; a refused row
never becomes a document, and the other rows still do.
"""

import csv

import pytest
from click.testing import CliRunner

from vanban._batch import run_batch
from vanban._batch_input import MAX_CELL_CHARS, read_jobs
from vanban.cli import main

from helpers import EXAMPLES, open_docx, text_lines

BASE = EXAMPLES / "batch" / "mau-chung.yaml"
HEADER = ["co_quan_ban_hanh.ten", "so", "dia_danh", "nguoi_ky.ho_ten"]
ROW = ["BCH Huyện đoàn Càng Long", 12, "Càng Long", "Nguyễn Văn An"]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    return path


# --- CSV cells longer than Python's csv module takes by default (131,072 characters) ---------


def test_a_csv_cell_longer_than_the_csv_module_default_is_read_whole_and_rendered(tmp_path):
    paragraph = ("Đoàn viên thanh niên tham gia hoạt động tình nguyện. " * 2700).strip()
    assert len(paragraph) > 140_000
    source = write_csv(tmp_path / "ds.csv", [HEADER + ["+mo_dau"], ROW + [paragraph]])
    result = run("batch", source, "--base", BASE, "-o", tmp_path / "ra", "--no-check")
    assert result.exit_code == 0, result.output
    assert paragraph in text_lines(open_docx(tmp_path / "ra" / "12-KH-HĐTN.docx"))
    assert csv.field_size_limit() == 131_072  # the process-wide limit is given back


def test_a_csv_cell_beyond_the_limit_is_refused_with_its_line_and_the_likely_cause(tmp_path):
    source = write_csv(tmp_path / "ds.csv", [HEADER + ["+mo_dau"], ROW + ["x"], ROW + ["y" * (MAX_CELL_CHARS + 1)]])
    result = run("batch", source, "--base", BASE, "-o", tmp_path / "ra")
    assert result.exit_code == 1, result.output
    assert "ds.csv, dòng 3: có ô dài hơn 1.000.000 ký tự" in result.output
    assert "dấu ngoặc kép" in result.output and "Traceback" not in result.output


def test_a_cell_of_exactly_the_limit_is_read(tmp_path):
    source = write_csv(tmp_path / "ds.csv", [["so", "mo_dau"], ["1", "z" * MAX_CELL_CHARS]])
    assert len(read_jobs(source)[0].row["mo_dau"]) == MAX_CELL_CHARS
