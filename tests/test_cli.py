"""The ``vanban`` command as a Union staff member uses it."""

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from vanban import Renderer
from vanban.cli import _Command, main

from helpers import EXAMPLES, open_docx, text_lines


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="vanban")


def test_render_example_writes_a_docx_next_to_the_input_by_default(tmp_path):
    source = tmp_path / "ke_hoach.yaml"
    source.write_bytes((EXAMPLES / "ke_hoach_114.yaml").read_bytes())
    result = run("render", source)
    assert result.exit_code == 0, result.output
    assert "Đã tạo" in result.output
    assert "Số: 114-KH/ĐTN" in text_lines(open_docx(tmp_path / "ke_hoach.docx"))


def test_render_refuses_to_overwrite_without_force(tmp_path):
    out = tmp_path / "kh.docx"
    out.write_bytes(b"old")
    result = run("render", EXAMPLES / "ke_hoach_114.yaml", "-o", out)
    assert result.exit_code == 1 and "--force" in result.output
    assert out.read_bytes() == b"old"
    assert run("render", EXAMPLES / "ke_hoach_114.yaml", "-o", out, "--force").exit_code == 0
    assert out.read_bytes()[:2] == b"PK"


def test_new_prints_a_starter_that_renders(tmp_path):
    result = run("new", "ke-hoach")
    assert result.exit_code == 0 and result.output.startswith("#")
    starter = tmp_path / "moi.yaml"
    starter.write_text(result.output, encoding="utf-8")
    assert run("render", starter).exit_code == 0
    assert "KẾ HOẠCH" in text_lines(open_docx(tmp_path / "moi.docx"))


def test_schema_prints_json_schema_with_vietnamese_titles():
    result = run("schema", "ke-hoach")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "Kế hoạch"
    assert schema["$defs"]["Signer"]["title"] == "Người ký"
    assert schema["properties"]["nguoi_ky"]["description"].startswith("Thể thức đề ký, chức vụ, họ tên.")


def test_types_lists_ke_hoach():
    result = run("types")
    assert result.exit_code == 0 and "ke-hoach" in result.output and "Kế hoạch" in result.output


def test_unknown_type_exits_1_with_a_vietnamese_message():
    result = run("new", "khong-co")
    assert result.exit_code == 1 and "Không có loại văn bản" in result.output


def test_invalid_data_exits_1_lists_problems_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("loai: ke-hoach\nso: abc\n", encoding="utf-8")
    result = run("render", bad)
    assert result.exit_code == 1
    assert "so, dòng 2" in result.output and "số nguyên" in result.output
    assert not (tmp_path / "bad.docx").exists()


def test_misused_command_exits_2():
    assert run("render").exit_code == 2


# What click would have said in English; none of it may reach the user.
ENGLISH = ("Usage", "Error", "Missing", "Invalid", "No such", "Try ", "Got unexpected", "Did you mean",
           "does not exist", "requires", "is not", "Aborted")


def misuse(*args) -> list[str]:
    """Run a misused command; check the common shape and return its three lines."""
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == "", "a misuse is told on stderr only"
    for word in ENGLISH:
        assert word not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 3, result.stderr
    assert lines[0].startswith("Lỗi: ")
    assert lines[1].startswith("Cách dùng: vanban")
    assert lines[2].startswith("Xem thêm: vanban") and lines[2].endswith(" -h")
    return lines


RENDER_USAGE = "Cách dùng: vanban render [TÙY CHỌN] TỆP"
MAIN_USAGE = "Cách dùng: vanban [TÙY CHỌN] LỆNH [THAM_SỐ]..."


@pytest.mark.parametrize("args, error, usage", [
    (["render"], "Lỗi: Thiếu tham số TỆP.", RENDER_USAGE),
    (["render", "a.yaml", "--pfd"], "Lỗi: Không có tùy chọn --pfd. Có phải ý bạn là --pdf, --png hay --dpi?",
     RENDER_USAGE),
    (["rendr"], "Lỗi: Không có lệnh rendr. Có phải ý bạn là render?", MAIN_USAGE),
    (["render", "a.yaml", "x"], "Lỗi: Thừa tham số: x.", RENDER_USAGE),
    (["types", "a", "b"], "Lỗi: Thừa tham số: a b.", "Cách dùng: vanban types [TÙY CHỌN]"),
    (["render", "a.yaml", "--dpi", "5"], "Lỗi: --dpi phải là một số nguyên từ 30 đến 600.", RENDER_USAGE),
    (["render", "a.yaml", "--dpi", "nhiều"], "Lỗi: --dpi phải là một số nguyên từ 30 đến 600.", RENDER_USAGE),
    (["check", "a.docx", "--profile", "x"], "Lỗi: --profile phải là một trong các giá trị doan, nha-nuoc.",
     "Cách dùng: vanban check [TÙY CHỌN] TỆP"),
    (["render", "a.yaml", "-o"], "Lỗi: Tùy chọn -o cần đi kèm đường dẫn tới một tệp hoặc thư mục.", RENDER_USAGE),
    (["render", "a.yaml", "--dpi"], "Lỗi: Tùy chọn --dpi cần đi kèm một số nguyên từ 30 đến 600.", RENDER_USAGE),
    (["render", "a.yaml", "--force=yes"], "Lỗi: Tùy chọn --force không nhận giá trị: chỉ ghi --force.",
     RENDER_USAGE),
    (["batch", EXAMPLES], "Lỗi: Thiếu tùy chọn bắt buộc -o/--output.", "Cách dùng: vanban batch [TÙY CHỌN] ĐẦU_VÀO"),
    (["batch", EXAMPLES, "-o", "ra", "-j", "0"], "Lỗi: -j/--jobs phải là một số nguyên từ 1 trở lên.",
     "Cách dùng: vanban batch [TÙY CHỌN] ĐẦU_VÀO"),
    (["template", "chek"], "Lỗi: Không có lệnh chek. Có phải ý bạn là check?",
     "Cách dùng: vanban template [TÙY CHỌN] LỆNH [THAM_SỐ]..."),
    (["template", "check", EXAMPLES / "ke_hoach_114.yaml"], "Lỗi: Thiếu tùy chọn bắt buộc --type.",
     "Cách dùng: vanban template check [TÙY CHỌN] TỆP"),
    (["--"], "Lỗi: Thiếu tên lệnh.", MAIN_USAGE),
    (["-x"], "Lỗi: Không có tùy chọn -x.", MAIN_USAGE),
], ids=lambda value: " ".join(Path(str(a)).name or str(a) for a in value) if isinstance(value, list) else "")
def test_every_usage_mistake_is_told_in_vietnamese_in_one_shape_with_exit_code_2(args, error, usage):
    lines = misuse(*args)
    assert lines[0] == error
    assert lines[1] == usage
    assert lines[2] == usage.replace("Cách dùng:", "Xem thêm:").split(" [")[0] + " -h"


def test_a_mistyped_option_suggests_the_closest_option_first():
    assert "Có phải ý bạn là --pdf," in misuse("render", "a.yaml", "--pfd")[0]
    assert misuse("check", "a.docx", "--fromat")[0].endswith("Có phải ý bạn là --format?")


def test_a_mistyped_command_suggests_the_command_it_resembles():
    assert misuse("rendr")[0].endswith("Có phải ý bạn là render?")
    assert misuse("doctr")[0].endswith("Có phải ý bạn là doctor?")
    assert "Có phải" not in misuse("xyz")[0]


def test_a_path_that_is_not_there_is_named_with_the_parameter_that_needs_it(tmp_path):
    missing = tmp_path / "khong-co"
    assert misuse("render", "a.yaml", "--templates", missing)[0] == (
        f"Lỗi: Không tìm thấy thư mục {missing} (--templates).")
    assert misuse("batch", missing, "-o", tmp_path / "ra")[0] == (
        f"Lỗi: Không tìm thấy tệp hoặc thư mục {missing} (ĐẦU_VÀO).")
    assert misuse("template", "check", missing, "--type", "ke-hoach")[0] == (
        f"Lỗi: Không tìm thấy tệp {missing} (TỆP).")
    assert not (tmp_path / "ra").exists()


def test_a_file_given_for_a_folder_and_a_folder_given_for_a_file_are_both_named(tmp_path):
    a_file = tmp_path / "mau.docx"
    a_file.write_bytes(b"PK")
    assert misuse("render", "a.yaml", "--templates", a_file)[0] == (
        f"Lỗi: Cần một thư mục, nhưng {a_file} là một tệp (--templates).")
    assert misuse("check", tmp_path)[0] == f"Lỗi: Cần một tệp, nhưng {tmp_path} là một thư mục (TỆP)."
    assert misuse("batch", tmp_path, "-o", tmp_path / "ra", "--base", tmp_path)[0] == (
        f"Lỗi: Cần một tệp, nhưng {tmp_path} là một thư mục (--base).")


def test_a_bad_name_pattern_is_a_misuse_told_in_the_same_shape(tmp_path):
    lines = misuse("batch", EXAMPLES, "-o", tmp_path / "ra", "--name", "{so}.docx")
    assert lines[0].startswith("Lỗi: Mẫu tên tệp '{so}.docx'") and "{number}" in lines[0]
    assert lines[1] == "Cách dùng: vanban batch [TÙY CHỌN] ĐẦU_VÀO"


def test_help_and_version_still_work_and_exit_0():
    from vanban import __version__

    for args in (["--help"], ["-h"], ["render", "-h"], ["template", "check", "--help"]):
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)
        assert "Lỗi" not in result.output
    assert "Tạo tệp .docx" in run("render", "--help").output
    result = run("--version")
    assert result.exit_code == 0 and result.output.strip() == f"vanban {__version__}"


# What click writes on a help page in English; none of it may reach the user.
ENGLISH_HELP = ("Usage", "Options", "Commands", "Show this message", "Show the version", "OPTIONS", "COMMAND",
                "ARGS", "PATH", "FILE", "DIRECTORY", "INTEGER", "TEXT", "INPUT", "default:", "required")


def every_command(group=main, path=()):
    """The words that call each command and group of vanban: (), ("render",), ("template", "check")..."""
    yield path
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from every_command(command, (*path, name))
        else:
            yield (*path, name)


def assert_vietnamese_help(text, group):
    for word in ENGLISH_HELP:
        assert word not in text, (word, text)
    assert text.startswith("Cách dùng: vanban")
    assert "\nTùy chọn:\n" in text
    assert "-h, --help  " in text and "Hiện trang trợ giúp này rồi thoát." in text
    assert ("\nLệnh:\n" in text) == group


@pytest.mark.parametrize("path", list(every_command()), ids=lambda path: " ".join(path) or "vanban")
def test_the_help_page_of_every_command_is_vietnamese_and_exits_0(path):
    result = run(*path, "-h")
    assert result.exit_code == 0, result.output
    command = main
    for name in path:
        command = command.commands[name]
    assert_vietnamese_help(result.output, isinstance(command, click.Group))


def test_no_arguments_at_all_shows_the_vietnamese_help_not_an_error():
    result = run()
    assert "soạn văn bản Đoàn, Nhà nước" in result.output and "Lỗi" not in result.output
    assert_vietnamese_help(result.output, group=True)
    assert "Hiện số phiên bản rồi thoát." in result.output
    assert result.output.startswith(MAIN_USAGE + "\n")
    assert "render    Tạo tệp .docx" in result.output


@pytest.mark.parametrize("path", [("render",), ("batch",), ("template",), ("template", "check"), ("types",)],
                         ids=" ".join)
def test_a_help_page_starts_with_the_usage_line_a_misuse_shows(path):
    usage = misuse(*path, "--khong-co")[1]
    assert run(*path, "-h").output.splitlines()[0] == usage


def test_option_values_defaults_ranges_and_required_options_are_described_in_vietnamese():
    render_help = " ".join(run("render", "-h").output.split())
    assert "-o, --output TỆP " in render_help
    assert "--templates THƯ_MỤC " in render_help
    assert "--dpi SỐ Độ phân giải ảnh trang (điểm ảnh mỗi inch). [mặc định: 100; từ 30 đến 600]" in render_help
    batch_help = " ".join(run("batch", "-h").output.split())
    assert "-o, --output THƯ_MỤC Thư mục ghi các văn bản (tạo mới nếu chưa có). [bắt buộc]" in batch_help
    assert "-j, --jobs SỐ Số văn bản làm song song (mặc định: số nhân CPU). [từ 1 trở lên]" in batch_help
    assert "--base TỆP " in batch_help and "--name MẪU " in batch_help
    assert "[mặc định: {number}-{type}-{issuer_code}.docx]" in batch_help
    assert "--profile [doan|nha-nuoc] " in " ".join(run("check", "-h").output.split())
    assert "--type LOẠI " in run("template", "check", "-h").output


def test_version_option_is_described_in_vietnamese():
    assert "--version   Hiện số phiên bản rồi thoát." in run("-h").output


def interrupt(*args, **kwargs):
    raise KeyboardInterrupt


@pytest.mark.parametrize("args, target", [
    (["types"], "vanban.document_types"),
    (["render", EXAMPLES / "ke_hoach_114.yaml"], "vanban.load"),
    (["template", "check", EXAMPLES / "ke_hoach_114.yaml", "--type", "ke-hoach"],
     "vanban._template_check.check_template"),
], ids=["types", "render", "template check"])
def test_ctrl_c_during_a_command_says_it_stopped_in_vietnamese_and_exits_1(monkeypatch, args, target):
    monkeypatch.setattr(target, interrupt)
    result = run(*args)
    assert result.exit_code == 1
    assert "Aborted" not in result.output
    assert result.stderr.splitlines() == ["", "Đã dừng."]  # a new line first, after the ^C the terminal shows


def test_a_command_stopped_on_purpose_says_it_stopped_in_vietnamese_and_exits_1(monkeypatch):
    def abort():
        raise click.Abort()

    monkeypatch.setattr("vanban.document_types", abort)
    result = run("types")
    assert result.exit_code == 1
    assert result.stderr == "Đã dừng.\n"


def test_a_document_that_cannot_be_made_still_exits_1_without_the_usage_lines(tmp_path):
    result = run("render", tmp_path / "khong-co.yaml")
    assert result.exit_code == 1
    assert result.stderr.startswith("Lỗi: ") and "Cách dùng" not in result.stderr


def test_the_installed_command_tells_misuse_in_vietnamese_on_stderr():
    script = Path(sys.executable).with_name("vanban")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "vanban"]
    name = "vanban" if script.exists() else "python -m vanban"
    result = subprocess.run([*command, "render", "a.yaml", "--pfd"], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "Lỗi: Không có tùy chọn --pfd. Có phải ý bạn là --pdf, --png hay --dpi?",
        f"Cách dùng: {name} render [TÙY CHỌN] TỆP",
        f"Xem thêm: {name} render -h",
    ]


def test_console_script_shows_no_traceback_for_user_mistakes(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("loai: ke-hoach\n  so: [\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "vanban", "render", str(bad)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "dòng 2, cột" in result.stderr


def test_new_for_a_type_without_a_starter_explains_what_is_missing(monkeypatch):
    import vanban
    from vanban import _registry

    class Bare(vanban.KeHoach):
        pass

    monkeypatch.setitem(_registry._TYPES, "khong-mau", Bare)
    monkeypatch.setattr(Bare, "type_key", classmethod(lambda cls: "khong-mau"))
    result = run("new", "khong-mau")
    assert result.exit_code == 1 and "starter_yaml" in result.output


@pytest.mark.parametrize("kind", ["ke-hoach", "huong-dan", "bao-cao"])
def test_every_type_has_a_starter_that_renders_and_a_schema(kind, tmp_path):
    assert kind in run("types").output
    starter = tmp_path / f"{kind}.yaml"
    starter.write_text(run("new", kind).output, encoding="utf-8")
    assert run("render", starter).exit_code == 0
    assert json.loads(run("schema", kind).output)["properties"]["loai"]["default"] == kind


# --- errors reach the user at one place ------------------------------------------------------


@pytest.mark.parametrize("path", [path for path in every_command() if path and path != ("template",)],
                         ids=" ".join)
def test_every_command_reports_vanbans_errors_through_the_one_boundary(path):
    command = main
    for name in path:
        command = command.commands[name]
    assert isinstance(command, _Command)


def test_an_error_in_a_command_without_its_own_handling_is_said_with_its_exit_code(monkeypatch):
    import vanban

    class Unusual(vanban.VanbanError):
        exit_code = 3

    def broken():
        raise Unusual("Sổ đăng ký các loại văn bản bị hỏng.")

    monkeypatch.setattr(vanban, "document_types", broken)
    result = run("types")
    assert result.exit_code == 3
    assert result.stderr == "Lỗi: Sổ đăng ký các loại văn bản bị hỏng.\n"
    assert result.stdout == ""


def test_checking_a_path_that_is_not_a_file_names_it_and_exits_1(tmp_path):
    missing = tmp_path / "khong-co.docx"
    result = run("check", missing)
    assert result.exit_code == 1
    assert result.stderr == f"Lỗi: Không tìm thấy tệp {missing}.\n"


def test_a_batch_that_cannot_start_exits_1_with_the_reason_and_no_usage_lines(tmp_path):
    empty = tmp_path / "trong.csv"
    empty.write_text("", encoding="utf-8")
    result = run("batch", empty, "-o", tmp_path / "ra")
    assert result.exit_code == 1
    assert result.stderr.startswith("Lỗi: Tệp trong.csv trống") and "Cách dùng" not in result.stderr


def test_a_fault_of_vanban_itself_is_said_in_one_vietnamese_line_with_exit_code_70(tmp_path, monkeypatch):
    def broken(self, document, kept=None):
        raise RuntimeError("hỏng bên trong")

    monkeypatch.setattr(Renderer, "_render_bytes", broken)  # what render_bytes and render_checked run
    output = tmp_path / "out.docx"
    result = run("render", EXAMPLES / "ke_hoach_114.yaml", "-o", output)
    assert result.exit_code == 70
    assert "Lỗi của vanban (không phải lỗi trong dữ liệu của bạn): RuntimeError: hỏng bên trong" in result.output
    assert "VANBAN_DEBUG=1" in result.output and "Traceback" not in result.output
    assert not output.exists()


def test_output_read_by_a_command_that_stops_reading_ends_quietly_not_as_a_fault_of_vanban():
    # `vanban new ke-hoach | head -1`: the reader is gone before the starter is written
    process = subprocess.Popen([sys.executable, "-m", "vanban", "new", "ke-hoach"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, cwd=Path(__file__).resolve().parent.parent)
    process.stdout.close()
    said = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=60) == 141  # 128 + SIGPIPE, as the shell reports a reader gone
    assert said == ""


def test_vanban_debug_lets_the_traceback_of_a_fault_through(tmp_path, monkeypatch):
    def broken(self, document, kept=None):
        raise RuntimeError("hỏng bên trong")

    monkeypatch.setattr(Renderer, "_render_bytes", broken)  # what render_bytes and render_checked run
    monkeypatch.setenv("VANBAN_DEBUG", "1")
    result = run("render", EXAMPLES / "ke_hoach_114.yaml", "-o", tmp_path / "out.docx")
    assert isinstance(result.exception, RuntimeError)
