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
    assert len(next(read_jobs(source)).row["mo_dau"]) == MAX_CELL_CHARS


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
    assert report.results[1].label == "ds.xlsx, trang tính 'Sheet', dòng 3"
    error = report.results[1].error
    assert error.startswith('Ô C3 có công thức (=UPPER("Cầu Kè")) nhưng tệp không lưu kết quả')
    assert "mở tệp bằng Excel hoặc LibreOffice Calc rồi lưu lại" in error and "gõ thẳng giá trị" in error
    assert sorted(p.name for p in (tmp_path / "ra").iterdir()) == ["12-KH-HĐTN.docx"]


@pytest.mark.parametrize("value", ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!"])
def test_an_excel_error_value_is_refused_never_written_as_document_text(tmp_path, value):
    source = workbook(tmp_path / "ds.xlsx", [HEADER + ["+noi_nhan"], ROW + [value]])
    result = run("batch", source, "--base", BASE, "-o", tmp_path / "ra")
    assert result.exit_code == 1, result.output
    assert f"ds.xlsx, trang tính 'Sheet', dòng 2: Ô E2 có {value}, giá trị lỗi của Excel" in result.output
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


def test_the_sheet_read_is_named_with_the_row_since_a_workbook_may_have_several(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Danh sách"
    for row in (HEADER, ROW[:2] + ["#N/A"] + ROW[3:]):
        book.active.append(row)
    book.create_sheet("Ghi chú").append(["so"])
    book.save(tmp_path / "ds.xlsx")
    result = run("batch", tmp_path / "ds.xlsx", "--base", BASE, "-o", tmp_path / "ra")
    assert result.exit_code == 1
    assert "ds.xlsx, trang tính 'Danh sách', dòng 2: Ô C2 có #N/A" in result.output


def test_a_sheet_name_no_excel_would_write_is_quoted_short_and_printable(tmp_path):
    import zipfile

    source = workbook(tmp_path / "ds.xlsx", [HEADER, ROW[:2] + ["=A1"] + ROW[3:]])
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b'name="Sheet"', b'name="' + b"Trang&#10;" + b"x" * 100_000 + b'"')
    with zipfile.ZipFile(source, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    label = next(read_jobs(source)).label
    assert label == "ds.xlsx, trang tính 'Trang " + "x" * 24 + "…', dòng 2"


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
    assert next(read_jobs(source)).row["dia_danh"] == "Càng Long"


def test_a_formula_or_error_in_a_column_without_a_field_name_is_ignored_as_the_column_is(tmp_path):
    source = workbook(tmp_path / "ds.xlsx", [HEADER, ROW + ["=A2", "#N/A"]])
    assert next(read_jobs(source)).error is None


def test_an_error_value_in_the_field_names_refuses_the_file(tmp_path):
    source = workbook(tmp_path / "ds.xlsx", [["so", "#REF!"], [1, 2]])
    result = run("batch", source, "-o", tmp_path / "ra")
    assert result.exit_code == 1 and "Dòng tên trường của ds.xlsx (dòng 1, trang tính 'Sheet'): ô B1 có #REF!" in result.output


def test_an_error_value_excel_wrote_into_a_csv_is_refused_with_its_address(tmp_path):
    source = write_csv(tmp_path / "ds.csv", [HEADER, ROW, ["BCH Huyện đoàn Cầu Kè", 8, "#N/A", "Trần Thị Bình"]])
    report = run_batch(source, tmp_path / "ra", base=BASE, jobs=1, check=False)
    assert [r.ok for r in report.results] == [True, False]
    assert report.results[1].error.startswith("Ô C3 có #N/A, giá trị lỗi của Excel")


@pytest.mark.parametrize("value, program", [("Err:502", "LibreOffice Calc"), ("#ERROR!", "Excel")])
def test_error_values_libreoffice_calc_and_google_sheets_write_into_a_csv_are_refused(tmp_path, value, program):
    source = write_csv(tmp_path / "ds.csv", [HEADER, ROW[:3] + [value]])
    error = next(read_jobs(source)).error
    assert error.startswith(f"Ô D2 có {value}, giá trị lỗi của {program}")


def test_text_that_only_looks_like_an_error_value_is_kept(tmp_path):
    source = write_csv(tmp_path / "ds.csv", [HEADER, ROW[:3] + ["Err:502 của máy chủ"]])
    assert next(read_jobs(source)).row["nguoi_ky.ho_ten"] == "Err:502 của máy chủ"


# --- rows are read as the work goes, within limits -------------------------------------------


def many_rows(path, count, broken_at=None):
    rows = [HEADER]
    for number in range(1, count + 1):
        cells = [f"BCH Chi đoàn {number}", number, "Càng Long", "Nguyễn Văn An"]
        if number == broken_at:
            cells[2] = "x" * (MAX_CELL_CHARS + 1)
        rows.append(cells)
    return write_csv(path, rows)


def test_the_first_documents_are_made_before_the_last_rows_are_read(tmp_path):
    seen = []
    report = run_batch(many_rows(tmp_path / "ds.csv", 30), tmp_path / "ra", base=BASE, jobs=1, check=False,
                       progress=lambda result, done, total: seen.append((done, total)))
    assert not report.failed, report.summary()
    assert seen[0] == (1, None)  # the total is not known yet: the file is still being read
    assert seen[-1] == (30, 30)
    assert [done for done, _ in seen] == list(range(1, 31))


def test_a_row_that_cannot_be_read_late_in_the_file_keeps_the_documents_made_before_it(tmp_path):
    source = many_rows(tmp_path / "ds.csv", 30, broken_at=25)
    result = run("batch", source, "--base", BASE, "-o", tmp_path / "ra", "--no-check", "--jobs", "1")
    assert result.exit_code == 1, result.output
    assert "Dừng đọc dữ liệu: Tệp ds.csv, dòng 26: có ô dài hơn 1.000.000 ký tự" in result.output
    made = sorted(p.name for p in (tmp_path / "ra").iterdir())
    assert len(made) == 24 and made[0] == "01-KH-HĐTN.docx"  # every row before the broken one


def test_rows_beyond_the_limit_are_not_read_and_the_message_says_how_to_raise_it(tmp_path):
    source = many_rows(tmp_path / "ds.csv", 8)
    result = run("batch", source, "--base", BASE, "-o", tmp_path / "ra", "--no-check", "--max-rows", "5",
                 "--jobs", "1")
    assert result.exit_code == 1, result.output
    assert "Đã tạo 5/5" in result.output
    assert "có hơn 5 dòng dữ liệu, quá giới hạn 5 văn bản một lần chạy" in result.output
    assert "--max-rows" in result.output and "VANBAN_MAX_ROWS" in result.output
    assert len(list((tmp_path / "ra").iterdir())) == 5
    again = run("batch", source, "--base", BASE, "-o", tmp_path / "ra2", "--no-check", "--max-rows", "8")
    assert again.exit_code == 0 and "Đã tạo 8/8" in again.output


def test_a_problem_in_the_first_rows_read_refuses_the_run_before_any_work(tmp_path):
    # the first rows are read before the output folder is made: a file that stops there writes nothing
    source = many_rows(tmp_path / "ds.csv", 3)
    result = run("batch", source, "--base", BASE, "-o", tmp_path / "ra", "--max-rows", "2")
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Lỗi: Tệp ds.csv có hơn 2 dòng dữ liệu")
    assert not (tmp_path / "ra").exists()


def rewrite(path, change):
    """The .xlsx at ``path`` with its parts changed by ``change(parts)`` (a dict name -> bytes)."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    change(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_an_excel_sheet_of_a_million_rows_is_refused_before_any_work(tmp_path, monkeypatch):
    # Excel writes the sheet's size first: a sheet filled down to its last row says so
    def declare(parts):
        sheet = parts["xl/worksheets/sheet1.xml"].decode()
        parts["xl/worksheets/sheet1.xml"] = sheet.replace('<dimension ref="A1:D2"/>',
                                                          '<dimension ref="A1:D1048576"/>').encode()

    source = rewrite(workbook(tmp_path / "ds.xlsx", [HEADER, ROW]), declare)
    result = run("batch", source, "--base", BASE, "-o", tmp_path / "ra")
    assert result.exit_code == 1, result.output
    assert "Lỗi: Tệp ds.xlsx có 1.048.575 dòng dữ liệu, quá giới hạn 100.000 văn bản" in result.output
    assert "--max-rows 1048575" in result.output and not (tmp_path / "ra").exists()
    monkeypatch.setenv("VANBAN_MAX_ROWS", "2000000")
    assert run("batch", source, "--base", BASE, "-o", tmp_path / "ra", "--no-check").exit_code == 0


def test_more_field_names_than_the_limit_are_refused(tmp_path):
    source = workbook(tmp_path / "ds.xlsx", [HEADER + [f"cot_{n}" for n in range(1000)], ROW])
    result = run("batch", source, "--base", BASE, "-o", tmp_path / "ra")
    assert result.exit_code == 1
    assert "có hơn 1.000 cột, quá giới hạn 1.000 cột" in result.output and "VANBAN_MAX_COLUMNS" in result.output


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    def inflate(parts):  # 8 MB of blanks inside the sheet: valid XML, packed a thousand times over
        sheet = parts["xl/worksheets/sheet1.xml"]
        parts["xl/worksheets/sheet1.xml"] = sheet.replace(b"<sheetData>", b"<sheetData>" + b" " * (8 << 20))

    source = rewrite(workbook(tmp_path / "ds.xlsx", [HEADER, ROW]), inflate)
    result = run("batch", source, "--base", BASE, "-o", tmp_path / "ra")
    assert result.exit_code == 1, result.output
    assert "Phần xl/worksheets/sheet1.xml của tệp ds.xlsx giải nén lớn gấp" in result.output
    assert "zip bomb" in result.output and "VANBAN_MAX_XLSX_RATIO=" in result.output


def test_an_excel_file_too_large_once_inflated_is_refused_naming_the_limit(tmp_path, monkeypatch):
    import base64
    import os

    def add_picture(parts):  # what does not pack: a photo pasted in the sheet
        parts["xl/media/image1.png"] = base64.b64encode(os.urandom(1_600_000))

    source = rewrite(workbook(tmp_path / "ds.xlsx", [HEADER, ROW]), add_picture)
    monkeypatch.setenv("VANBAN_MAX_XLSX_MB", "2")
    result = run("batch", source, "--base", BASE, "-o", tmp_path / "ra")
    assert result.exit_code == 1, result.output
    assert "khi giải nén lớn 3 MB, quá giới hạn 2 MB" in result.output and "VANBAN_MAX_XLSX_MB=3" in result.output


def test_a_limit_set_to_something_not_a_number_is_said(tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_MAX_ROWS", "nhiều")
    result = run("batch", many_rows(tmp_path / "ds.csv", 1), "--base", BASE, "-o", tmp_path / "ra")
    assert result.exit_code == 1 and "VANBAN_MAX_ROWS phải là một số nguyên dương (đang là 'nhiều')" in result.output


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/worksheets/sheet1.xml", "[Content_Types].xml"])
def test_an_excel_part_declaring_a_doctype_is_refused(tmp_path, part):
    def declare(parts):
        text = parts[part].decode()
        body = text.split("?>", 1)[1] if text.startswith("<?xml") else text
        parts[part] = ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
                       + body).encode()

    source = rewrite(workbook(tmp_path / "ds.xlsx", [HEADER, ROW]), declare)
    result = run("batch", source, "--base", BASE, "-o", tmp_path / "ra")
    assert result.exit_code == 1, result.output
    assert f"Phần {part} của tệp ds.xlsx có khai báo DOCTYPE" in result.output


# --- values as Excel stores them ---------------------------------------------------------------


def as_excel_writes_it(path):
    """The workbook at ``path`` with its text in a shared string table, as Excel writes it
    (openpyxl writes each text in its cell), one of them in runs with a phonetic hint."""
    import re

    strings = []

    def share(found):
        strings.append(found.group(2))
        return f'<c r="{found.group(1)}" t="s"><v>{len(strings) - 1}</v></c>'

    def change(parts):
        sheet = parts["xl/worksheets/sheet1.xml"].decode()
        sheet = re.sub(r'<c r="([A-Z]+\d+)" t="inlineStr"><is><t>([^<]*)</t></is></c>', share, sheet)
        parts["xl/worksheets/sheet1.xml"] = sheet.encode()
        items = [f"<si><t>{text}</t></si>" for text in strings]
        first = strings[0]
        items[0] = (f"<si><r><t>{first[:2]}</t></r><r><rPr><b/></rPr><t>{first[2:]}</t></r>"
                    "<rPh sb=\"0\" eb=\"1\"><t>không phải chữ của ô</t></rPh></si>")
        parts["xl/sharedStrings.xml"] = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                         + "".join(items) + "</sst>").encode()
        rels = parts["xl/_rels/workbook.xml.rels"].decode()
        parts["xl/_rels/workbook.xml.rels"] = rels.replace("</Relationships>", (
            '<Relationship Id="rIdChuoi" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')).encode()
        types = parts["[Content_Types].xml"].decode()
        parts["[Content_Types].xml"] = types.replace("</Types>", (
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')).encode()

    return rewrite(path, change)


@pytest.mark.parametrize("system_1904", [False, True], ids=["1900", "1904"])
def test_values_are_read_as_excel_shows_them(tmp_path, system_1904):
    import datetime as dt

    from openpyxl import load_workbook

    from vanban._batch_input import Limits
    from vanban._xlsx import xlsx_rows

    rows = [
        ["so", "ngay", "ty_le", "dung", "gio", "ten"],
        [114, dt.date(2021, 3, 5), 0.25, True, dt.time(7, 30), "Hà Nội"],
        [114.0, dt.datetime(2021, 3, 15, 8, 0), 1e21, False, None, "Trần Thị Bình"],
    ]
    source = workbook(tmp_path / "ds.xlsx", rows)
    if system_1904:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904

        book = load_workbook(source)
        book.epoch = CALENDAR_MAC_1904
        book.save(source)
    source = as_excel_writes_it(source)
    expected = [tuple(row) for row in load_workbook(source, data_only=True).active.iter_rows(values_only=True)]
    got = [values for _, values, problems in xlsx_rows(source, Limits())]
    assert got == expected
    assert got[1][5] == "Hà Nội" and got[0][0] == "so"
    assert next(read_jobs(source)).row["ngay"] == "2021-03-05"


def test_the_first_rows_of_a_sheet_are_read_before_its_end(tmp_path):
    # a sheet broken after its 30th row: the rows before it are made, then reading stops there
    rows = [HEADER] + [[f"BCH Chi đoàn {n}", n, "Càng Long", "Nguyễn Văn An"] for n in range(1, 31)]

    def break_the_end(parts):
        sheet = parts["xl/worksheets/sheet1.xml"]
        parts["xl/worksheets/sheet1.xml"] = sheet.replace(b"</sheetData>", b"<row r=\"32\"><c></sheetData>")

    source = rewrite(workbook(tmp_path / "ds.xlsx", rows), break_the_end)
    report = run_batch(source, tmp_path / "ra", base=BASE, jobs=1, check=False)
    assert len(report.done) == 30
    assert report.stopped.startswith("Tệp ds.xlsx hỏng sau dòng 31: trang tính không phải XML hợp lệ")


def test_a_cell_pointing_before_or_past_the_shared_strings_is_refused_with_its_address(tmp_path):
    # -1 is no string of the table (a list read from its end would give the last one)
    def point_outside(parts):
        import re

        sheet = parts["xl/worksheets/sheet1.xml"].decode()
        sheet = re.sub(r'(<c r="D2" t="s"><v>)\d+', r"\g<1>-1", sheet)
        sheet = re.sub(r'(<c r="A3" t="s"><v>)\d+', r"\g<1>99", sheet)
        parts["xl/worksheets/sheet1.xml"] = sheet.encode()

    rows = [HEADER, ROW, ["BCH Huyện đoàn Cầu Kè", 8, "Cầu Kè", "Trần Thị Bình"]]
    source = rewrite(as_excel_writes_it(workbook(tmp_path / "ds.xlsx", rows)), point_outside)
    report = run_batch(source, tmp_path / "ra", base=BASE, jobs=1, check=False)
    assert [r.ok for r in report.results] == [False, False]
    assert report.results[0].error.startswith("Ô D2 có giá trị '-1' không đọc được")
    assert report.results[1].error.startswith("Ô A3 có giá trị '99' không đọc được")


def test_many_distinct_texts_of_a_sheet_are_each_read_back_in_their_cell(tmp_path):
    from vanban._batch_input import Limits
    from vanban._xlsx import xlsx_rows

    rows = [HEADER] + [[f"BCH Chi đoàn {n}", n, f"Xã {n}", f"Người ký {n}"] for n in range(1, 501)]
    source = as_excel_writes_it(workbook(tmp_path / "ds.xlsx", rows))
    got = [values for _, values, _ in xlsx_rows(source, Limits())]
    assert got == [tuple(row) for row in rows]
