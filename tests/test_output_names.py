"""Output names: vanban writes Word documents, so every name it writes one under ends in .docx.

A name meant for the PDF (``-o ke-hoach.pdf``) or for another format is refused before any work,
saying what to write instead; nothing is written.
"""

import pytest
from click.testing import CliRunner

from vanban._batch import run_batch
from vanban.cli import main

from helpers import EXAMPLES

PLAN = EXAMPLES / "ke_hoach_114.yaml"
BATCH = EXAMPLES / "batch"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_render_refuses_a_pdf_name_and_says_to_ask_for_the_pdf_beside_the_docx(tmp_path):
    result = run("render", PLAN, "-o", tmp_path / "ke-hoach.pdf")
    assert result.exit_code == 2, result.output
    assert "có đuôi .pdf" in result.output
    assert f"-o {tmp_path / 'ke-hoach.docx'} --pdf" in result.output
    assert list(tmp_path.iterdir()) == []


def test_render_with_pdf_and_force_never_writes_the_pdf_over_the_docx(tmp_path):
    (tmp_path / "ke-hoach.pdf").write_bytes(b"old")
    result = run("render", PLAN, "-o", tmp_path / "ke-hoach.pdf", "--pdf", "--force")
    assert result.exit_code == 2 and "có đuôi .pdf" in result.output
    assert (tmp_path / "ke-hoach.pdf").read_bytes() == b"old"


@pytest.mark.parametrize("name, words", [
    ("ke-hoach.doc", ["có đuôi .doc", "-o ke-hoach.docx"]),
    ("ke-hoach.odt", ["có đuôi .odt", "-o ke-hoach.docx"]),
    ("ke-hoach", ["phải có đuôi .docx", "-o ke-hoach.docx"]),
    ("KH 12.2021", ["phải có đuôi .docx", "-o KH 12.2021.docx"]),
])
def test_render_refuses_any_name_not_ending_in_docx(tmp_path, monkeypatch, name, words):
    monkeypatch.chdir(tmp_path)
    result = run("render", PLAN, "-o", name)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Lỗi: Tệp ra ")
    assert all(word in result.output for word in words), result.output
    assert list(tmp_path.iterdir()) == []


def test_render_takes_docx_in_any_case(tmp_path):
    result = run("render", PLAN, "-o", tmp_path / "ke-hoach.DOCX")
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["ke-hoach.DOCX"]


@pytest.mark.parametrize("pattern, words", [
    ("{number}-{type}.pdf", ["có đuôi .pdf", "--name '{number}-{type}.docx' --pdf"]),
    ("{number}.docx.pdf", ["có đuôi .pdf", "--name '{number}.docx' --pdf"]),
    ("{number}.doc", ["có đuôi .doc", "bỏ đuôi"]),
])
def test_batch_refuses_a_name_pattern_with_another_extension(tmp_path, pattern, words):
    result = run("batch", BATCH / "danh-sach.csv", "--base", BATCH / "mau-chung.yaml", "-o", tmp_path / "ra",
                 "--name", pattern)
    assert result.exit_code == 2, result.output
    assert all(word in result.output for word in words), result.output
    assert not (tmp_path / "ra").exists()


@pytest.mark.parametrize("pattern, name", [
    ("{number}", "08.docx"),
    ("KH.{number}", "KH.08.docx"),
    ("{number}.2021", "08.2021.docx"),  # a number after the dot is no extension
])
def test_a_name_pattern_without_an_extension_gets_docx(tmp_path, pattern, name):
    report = run_batch(BATCH / "danh-sach.csv", tmp_path, base=BATCH / "mau-chung.yaml", jobs=1, check=False,
                       name_pattern=pattern)
    assert not report.failed, report.summary()
    assert sorted(p.name for p in tmp_path.iterdir())[0] == name


def test_a_row_naming_its_file_with_another_extension_is_refused_and_the_others_made(tmp_path):
    rows = tmp_path / "ds.csv"
    rows.write_text("co_quan_ban_hanh.ten,so,nguoi_ky.ho_ten,ten_tep\n"
                    "BCH Huyện đoàn A,1,Lê Văn A,ke-hoach-a.pdf\n"
                    "BCH Huyện đoàn B,2,Lê Văn B,ke-hoach-b\n", encoding="utf-8")
    report = run_batch(rows, tmp_path / "ra", base=BATCH / "mau-chung.yaml", jobs=1, check=False)
    assert [r.ok for r in report.results] == [False, True]
    assert "'ke-hoach-a.pdf' (cột ten_tep) có đuôi .pdf" in report.results[0].error
    assert "'ke-hoach-a.docx' trong cột ten_tep và --pdf" in report.results[0].error
    assert [p.name for p in (tmp_path / "ra").iterdir()] == ["ke-hoach-b.docx"]


# --- the same from Python: vanban.render, vanban.render_pdf, vanban.to_pdf -------------------------


@pytest.fixture
def no_libreoffice(monkeypatch):
    """A refused name is refused before LibreOffice is started (or a document rendered)."""
    from vanban._pdf import PdfConverter

    def started(self):
        raise AssertionError("LibreOffice was started")

    monkeypatch.setattr(PdfConverter, "__enter__", started)


@pytest.mark.parametrize("name, said", [
    ("ke-hoach.pdf", "có đuôi .pdf: hãy đặt tên ke-hoach.docx; muốn có tệp PDF, dùng vanban.render_pdf("),
    ("ke-hoach.PDF", "có đuôi .PDF: hãy đặt tên ke-hoach.docx"),
    ("ke-hoach.odt", "có đuôi .odt: hãy đặt tên ke-hoach.docx."),
    ("KH 12.2021", "không có đuôi .docx: hãy đặt tên KH 12.2021.docx."),
])
def test_vanban_render_refuses_a_name_not_ending_in_docx(tmp_path, name, said):
    import vanban

    with pytest.raises(vanban.OutputError) as error:
        vanban.render(vanban.load(PLAN), tmp_path / name)
    assert "vanban.render ghi văn bản Word (.docx)" in str(error.value) and said in str(error.value)
    assert list(tmp_path.iterdir()) == []


def test_vanban_render_pdf_refuses_a_docx_name_before_any_work(tmp_path, no_libreoffice):
    import vanban

    with pytest.raises(vanban.OutputError) as error:
        vanban.render_pdf(vanban.load(PLAN), tmp_path / "ke-hoach.docx")
    assert ("vanban.render_pdf ghi tệp PDF, nhưng tên này có đuôi .docx: hãy đặt tên ke-hoach.pdf; muốn có văn "
            "bản Word (.docx), dùng vanban.render(") in str(error.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("source, target, said", [
    ("ke-hoach.docx", "ke-hoach.docx", "có đuôi .docx: hãy đặt tên ke-hoach.pdf."),
    ("ke-hoach.pdf", None, "đây là chính tệp cần chuyển, tệp PDF sẽ ghi đè lên nó"),
])
def test_vanban_to_pdf_never_writes_a_pdf_over_its_source_or_under_another_name(tmp_path, no_libreoffice,
                                                                               source, target, said):
    import vanban

    (tmp_path / source).write_bytes(b"original")
    with pytest.raises(vanban.OutputError) as error:
        vanban.to_pdf(tmp_path / source, None if target is None else tmp_path / target, overwrite=True)
    assert said in str(error.value)
    assert [p.name for p in tmp_path.iterdir()] == [source] and (tmp_path / source).read_bytes() == b"original"


# --- names too long for the file system ---------------------------------------------------------


def test_render_says_a_name_is_too_long_and_what_to_do(tmp_path):
    result = run("render", PLAN, "-o", tmp_path / ("a" * 300 + ".docx"))
    assert result.exit_code == 2, result.output
    assert "dài 305 byte, quá giới hạn 255 byte của một tên tệp" in result.output
    assert "hãy đặt tên ngắn hơn (-o)" in result.output and "OSError" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_vietnamese_letters_count_for_the_bytes_they_take(tmp_path):
    name = "Kế hoạch " * 19 + ".docx"  # 176 letters, 252 bytes: written
    assert run("render", PLAN, "-o", tmp_path / name).exit_code == 0
    longer = "Kế hoạch " * 20 + ".docx"  # 185 letters, 265 bytes: refused
    assert "dài 265 byte" in run("render", PLAN, "-o", tmp_path / longer).output


@pytest.mark.parametrize("command", ["render", "import", "fix", "check --png"])
def test_a_path_too_long_for_the_system_is_an_error_not_a_traceback(tmp_path, command):
    import vanban

    too_long = tmp_path / ("thu-muc/" * 600)
    source = vanban.render(vanban.load(PLAN), tmp_path / "ke-hoach.docx")
    arguments = {
        "render": ["render", PLAN, "-o", too_long / "ke-hoach.docx"],
        "import": ["import", source, "-o", too_long / "ke-hoach.yaml"],
        "fix": ["fix", source, "-o", too_long / "ke-hoach.docx"],
        "check --png": ["check", source, "--png", too_long],
    }[command]
    result = run(*arguments)
    assert result.exit_code == 1, result.output
    assert "tên tệp quá dài" in result.output and "Lỗi của vanban" not in result.output


def test_a_row_whose_name_is_too_long_is_refused_with_the_reason_and_the_others_made(tmp_path):
    rows = tmp_path / "ds.csv"
    rows.write_text("co_quan_ban_hanh.ten,so,nguoi_ky.ho_ten,ten_tep\n"
                    f"BCH Huyện đoàn A,1,Lê Văn A,{'ă' * 150}\nBCH Huyện đoàn B,2,Lê Văn B,\n", encoding="utf-8")
    report = run_batch(rows, tmp_path / "ra", base=BATCH / "mau-chung.yaml", jobs=1, check=False)
    assert [r.ok for r in report.results] == [False, True]
    assert "dài 305 byte, quá giới hạn 255 byte" in report.results[0].error
    assert "(cột ten_tep)" in report.results[0].error and "Lỗi không mong đợi" not in report.results[0].error
