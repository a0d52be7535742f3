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


# --- formulas without a stored result, and Excel's error values -------------------------------


def workbook(path, rows, cells=None):
    """An .xlsx of ``rows`` written by openpyxl; ``cells`` maps an address to (value, data type)
    for cells openpyxl would not type so by itself (an error value it does not know)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for address, (value, kind) in (cells or {}).items():
        sheet[address] = value
        sheet[address].data_type = kind
    book.save(path)
    return path


def test_a_formula_cell_without_a_cached_value_is_refused_with_its_address(tmp_path):
    # openpyxl stores a formula without its result: read as empty, the base's place would be used
    source = workbook(tmp_path / "ds.xlsx", [
        HEADER,
        ROW,
        ["BCH Huyện đoàn Cầu Kè", 8, '=UPPER("Cầu Kè")', "Trần Thị Bình"],
    ])
    report = run_batch(source, tmp_path / "ra", base=BASE, jobs=1, check=False)
    assert [r.ok for r in report.results] == [True, False]
    assert report.results[1].label == "ds.xlsx, dòng 3"
    error = report.results[1].error
    assert error.startswith('Ô C3 có công thức (=UPPER("Cầu Kè")) nhưng tệp không lưu kết quả')
    assert "mở tệp bằng Excel hoặc LibreOffice Calc rồi lưu lại" in error and "gõ thẳng giá trị" in error
    assert sorted(p.name for p in (tmp_path / "ra").iterdir()) == ["12-KH-HĐTN.docx"]


@pytest.mark.parametrize("value", ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"])
def test_an_excel_error_value_is_refused_never_written_as_document_text(tmp_path, value):
    source = workbook(tmp_path / "ds.xlsx", [HEADER + ["+noi_nhan"], ROW + [value]])
    result = run("batch", source, "--base", BASE, "-o", tmp_path / "ra")
    assert result.exit_code == 1, result.output
    assert f"ds.xlsx, dòng 2: Ô E2 có {value}, giá trị lỗi của Excel" in result.output
    assert "Đã tạo 0/1" in result.output and list((tmp_path / "ra").iterdir()) == []


def test_an_error_value_openpyxl_does_not_know_is_refused_too(tmp_path):
    source = workbook(tmp_path / "ds.xlsx", [HEADER, ROW], cells={"B2": ("#SPILL!", "e")})
    report = run_batch(source, tmp_path / "ra", base=BASE, jobs=1, check=False)
    assert report.results[0].error.startswith("Ô B2 có #SPILL!, giá trị lỗi của Excel")


def test_every_unreadable_cell_of_a_row_is_named_at_once(tmp_path):
    source = workbook(tmp_path / "ds.xlsx", [HEADER, ["=A1", "=1/0", "Càng Long", "Nguyễn Văn An"]],
                      cells={"B2": ("#DIV/0!", "e")})
    error = run_batch(source, tmp_path / "ra", base=BASE, jobs=1, check=False).results[0].error
    assert error.startswith("Ô A2 có công thức (=A1)") and "; ô B2 có #DIV/0!" in error


def test_a_formula_with_its_result_stored_is_read_as_its_result(tmp_path):
    import zipfile

    source = workbook(tmp_path / "ds.xlsx", [HEADER, ROW[:2] + ['=UPPER("x")'] + ROW[3:]])
    # what Excel writes on saving: the formula and, beside it, its last result
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    assert '<c r="C2"><f>UPPER("x")</f><v></v></c>' in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        '<c r="C2"><f>UPPER("x")</f><v></v></c>', '<c r="C2" t="str"><f>UPPER("x")</f><v>Càng Long</v></c>').encode()
    with zipfile.ZipFile(source, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert read_jobs(source)[0].row["dia_danh"] == "Càng Long"


def test_a_formula_or_error_in_a_column_without_a_field_name_is_ignored_as_the_column_is(tmp_path):
    source = workbook(tmp_path / "ds.xlsx", [HEADER, ROW + ["=A2", "#N/A"]])
    assert read_jobs(source)[0].error is None


def test_an_error_value_in_the_field_names_refuses_the_file(tmp_path):
    source = workbook(tmp_path / "ds.xlsx", [["so", "#REF!"], [1, 2]])
    result = run("batch", source, "-o", tmp_path / "ra")
    assert result.exit_code == 1 and "Dòng tên trường của ds.xlsx: ô B1 có #REF!" in result.output


def test_an_error_value_excel_wrote_into_a_csv_is_refused_with_its_address(tmp_path):
    source = write_csv(tmp_path / "ds.csv", [HEADER, ROW, ["BCH Huyện đoàn Cầu Kè", 8, "#N/A", "Trần Thị Bình"]])
    report = run_batch(source, tmp_path / "ra", base=BASE, jobs=1, check=False)
    assert [r.ok for r in report.results] == [True, False]
    assert report.results[1].error.startswith("Ô C3 có #N/A, giá trị lỗi của Excel")
