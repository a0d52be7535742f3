"""One exception tree, and the public names a program uses.

Every error vanban raises is a :class:`vanban.VanbanError` defined in ``vanban/errors.py``
and exported from ``vanban``, with a class a program can tell apart; a model built in
Python says its mistakes in the same Vietnamese as the command line.
"""

from __future__ import annotations

import ast
import inspect
import sys
import typing
from pathlib import Path

import pydantic
import pytest

import vanban
from vanban import errors

from helpers import EXAMPLES, ROOT

PACKAGE = Path(vanban.__file__).resolve().parent
SOURCES = sorted(PACKAGE.rglob("*.py"))


def error_classes() -> list[type]:
    return [value for _, value in inspect.getmembers(errors, inspect.isclass)
            if issubclass(value, BaseException) and value.__module__ == errors.__name__]


def parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


# --- one tree -----------------------------------------------------------------------------


def test_every_error_class_descends_from_vanban_error_and_is_exported_from_vanban():
    for kind in error_classes():
        assert issubclass(kind, vanban.VanbanError), kind
        assert getattr(vanban, kind.__name__) is kind
        assert kind.__name__ in vanban.__all__


def test_no_module_but_errors_defines_a_public_exception():
    # Misuse is click's usage error worded in Vietnamese (the command line's own, exit code 2);
    # a private class such as _batch._Skip never leaves its module.
    found = []
    for path in SOURCES:
        if path.name == "errors.py":
            continue
        for node in ast.walk(parsed(path)):
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_") and node.name != "Misuse":
                bases = [ast.unparse(base) for base in node.bases]
                if any(base.endswith(("Error", "Exception", "Timeout")) for base in bases):
                    found.append(f"{path.relative_to(PACKAGE)}: {node.name}")
    assert found == []


def test_no_module_raises_the_bare_root_error():
    bare = []
    for path in SOURCES:
        for node in ast.walk(parsed(path)):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                if ast.unparse(node.exc.func).endswith("VanbanError"):
                    bare.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert bare == []


def test_the_converter_errors_are_the_ones_in_errors_and_still_importable_from_the_converter():
    from vanban import _pdf

    assert _pdf.ConversionError is errors.ConversionError
    assert _pdf.ConversionTimeout is errors.ConversionTimeout
    assert _pdf.MissingToolError is errors.MissingToolError


# --- what each failure raises --------------------------------------------------------------


@pytest.fixture(scope="module")
def plan_bytes() -> bytes:
    return vanban.render_bytes(vanban.load(EXAMPLES / "ke_hoach_114.yaml"))


def test_an_unknown_profile_is_the_same_error_when_rendering_and_when_checking(plan_bytes):
    with pytest.raises(vanban.ProfileNotFoundError) as rendering:
        vanban.get_profile("dang")
    with pytest.raises(vanban.ProfileNotFoundError) as checking:
        vanban.check(plan_bytes, "dang")
    assert rendering.value.name == checking.value.name == "dang"
    assert str(rendering.value) == str(checking.value)


def test_a_document_without_a_letterhead_cannot_have_its_profile_detected(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Một đoạn văn không có tiêu đề.")
    path = tmp_path / "khong-tieu-de.docx"
    document.save(path)
    with pytest.raises(vanban.ProfileNotDetectedError) as error:
        vanban.check(path)
    assert "--profile" in str(error.value)


def test_a_file_that_is_not_a_word_document_is_named_by_its_error(tmp_path):
    path = tmp_path / "ghi-chu.docx"
    path.write_text("không phải Word", encoding="utf-8")
    with pytest.raises(vanban.NotADocxError) as error:
        vanban.check(path)
    assert error.value.path == path and str(path) in str(error.value)
    assert isinstance(error.value, vanban.SourceError)


def test_more_top_level_sections_than_roman_numerals_has_its_own_error():
    from vanban._display import to_roman

    assert to_roman(3999) == "MMMCMXCIX"
    with pytest.raises(vanban.TooManySectionsError) as error:
        to_roman(4000)
    assert error.value.count == 4000 and "3999" in str(error.value)


def written(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("make, kind", [
    (lambda folder: folder / "khong-co.csv", vanban.SourceNotFoundError),
    (lambda folder: written(folder / "trong.csv", ""), vanban.BatchSourceError),
    (lambda folder: written(folder / "danh-sach.txt", "so\n1\n"), vanban.BatchSourceError),
], ids=["missing", "empty", "wrong-kind"])
def test_a_batch_source_that_cannot_be_read_is_a_source_error(tmp_path, make, kind):
    with pytest.raises(kind) as error:
        vanban.run_batch(make(tmp_path), tmp_path / "ra")
    assert isinstance(error.value, vanban.SourceError)
    assert not (tmp_path / "ra").exists()


def test_a_batch_output_folder_that_is_a_file_is_an_output_error(tmp_path):
    out = tmp_path / "ra"
    out.write_text("", encoding="utf-8")
    with pytest.raises(vanban.OutputFolderError) as error:
        vanban.run_batch(EXAMPLES / "batch" / "danh-sach.yaml", out, base=EXAMPLES / "batch" / "mau-chung.yaml")
    assert isinstance(error.value, vanban.OutputError) and error.value.path == out


def test_a_mistyped_name_pattern_is_a_name_pattern_error_said_as_a_misuse(tmp_path):
    with pytest.raises(vanban.NamePatternError) as error:
        vanban.run_batch(EXAMPLES / "batch", tmp_path, name_pattern="{so}")
    assert error.value.pattern == "{so}" and error.value.exit_code == 2


def test_a_closed_converter_and_a_failed_page_drawing_have_their_own_errors(monkeypatch):
    from vanban import _pdf

    monkeypatch.setattr(_pdf, "find_uno_python", lambda soffice: None)
    converter = vanban.PdfConverter(soffice=sys.executable)
    converter.close()
    with pytest.raises(vanban.ConverterClosedError):
        converter.convert_bytes(b"PK", "a.docx")
    monkeypatch.setattr(_pdf, "find_pdftoppm", lambda: "false")  # a program that always fails
    with pytest.raises(vanban.PageImageError):
        _pdf.pdf_to_png(b"%PDF-1.4")


def test_a_missing_program_says_how_to_install_it():
    error = vanban.MissingToolError("pdftoppm", "tạo được ảnh trang")
    assert error.tool == "pdftoppm" and "poppler-utils" in str(error) and "vanban doctor" in str(error)
    own = vanban.MissingToolError("openpyxl", "đọc được tệp .xlsx", "python3 -m pip install openpyxl")
    assert "python3 -m pip install openpyxl" in str(own) and "vanban doctor" not in str(own)


# --- the public names ---------------------------------------------------------------------


def test_all_is_sorted_and_every_name_in_it_exists():
    assert vanban.__all__ == sorted(vanban.__all__)
    assert [name for name in vanban.__all__ if not hasattr(vanban, name)] == []


def test_check_is_typed_and_returns_the_exported_report(plan_bytes):
    hints = typing.get_type_hints(vanban.check)
    assert hints["return"] is vanban.Report
    assert hints["profile"] == typing.Optional[str]
    report = vanban.check(plan_bytes)
    assert isinstance(report, vanban.Report) and report.profile == "doan"
    assert all(isinstance(finding, vanban.Finding) for finding in report.findings)


def test_the_package_says_it_is_typed_and_ships_the_marker():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11 and later

    assert (PACKAGE / "py.typed").is_file()
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "py.typed" in package_data["tool"]["setuptools"]["package-data"]["vanban"]


# --- models built in Python -------------------------------------------------------------------

MISTAKES = {
    "co_quan_ban_hanh": {"cap_tren": "Tỉnh đoàn Trà Vinh", "ten": "BCH Đoàn Khối", "ky_hieu": "ĐTN"},
    "so": "một trăm",
    "dia_danh": "Trà Vinh",
    "ngay": "31/02/2021",
    "trich_yeu": "Tổ chức thực hiện mô hình",
    "muc_dich_yeu_cau": [True],
    "noi_dung": [{"tieu_de": "Nội dung", "noi_dung": ["Khám bệnh."]}],
    "to_chuc_thuc_hien": [],
    "noi_nhnan": [{"ten": "TT Tỉnh đoàn"}],
    "nguoi_ky": {"tham_quyen": "XX", "thay_mat": "Ban Thường vụ", "chuc_vu": "Bí thư", "ho_ten": "Nguyễn Văn An"},
}
"""A Kế hoạch with six mistakes: a number in words, a 31 February, a purpose that is not text,
no assignment, a misspelt field, an unknown authority: pydantic's own errors, one with a context
(the minimum length), and vanban's."""


def test_a_model_built_in_python_says_its_mistakes_as_the_command_line_does():
    with pytest.raises(pydantic.ValidationError) as built:
        vanban.KeHoach(**MISTAKES)
    with pytest.raises(vanban.InputError) as read:
        vanban.parse({"loai": "ke-hoach", **MISTAKES})
    messages = [item["msg"] for item in built.value.errors()]
    assert messages == [problem.message for problem in read.value.problems]
    assert len(messages) >= 6
    assert "Cần ít nhất 1 mục." in messages
    assert any("Có phải ý bạn là 'noi_nhan'?" in message for message in messages)
    for english in ("Field required", "Input should", "Extra inputs", "List should"):
        assert english not in str(built.value)


def test_a_model_validated_from_data_or_json_says_its_mistakes_in_vietnamese_and_keeps_pydantics_types():
    import json

    mistakes = {"so": "x", "du_thao": "x"}
    with pytest.raises(pydantic.ValidationError) as plain:
        vanban.KeHoach.model_validate(mistakes)
    with pytest.raises(pydantic.ValidationError) as from_json:
        vanban.KeHoach.model_validate_json(json.dumps(mistakes))
    for error in (plain.value, from_json.value):
        kinds = {item["type"] for item in error.errors()}
        assert {"missing", "vanban_draft", "vanban_document_number"} <= kinds
        assert "Thiếu trường bắt buộc 'trich_yeu'." in str(error)
        assert "'du_thao' ghi true (có dấu DỰ THẢO), false" in str(error)
        assert "hoặc 'khong' nếu văn bản không có dòng số" in str(error)


def test_a_part_built_on_its_own_says_its_mistakes_in_vietnamese():
    with pytest.raises(pydantic.ValidationError) as error:
        vanban.Signer(position="Bí thư")
    assert [item["msg"] for item in error.value.errors()] == ["Thiếu trường bắt buộc 'ho_ten'."]


def test_a_valid_model_is_built_as_before():
    plan = vanban.load(EXAMPLES / "ke_hoach_114.yaml")
    again = vanban.KeHoach(**plan.model_dump())
    assert again == plan == vanban.KeHoach.model_validate(plan.model_dump())
