"""The ``vanban`` command as a Union staff member uses it."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from vanban.cli import main

from helpers import EXAMPLES, open_docx, text_lines


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


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
    assert schema["properties"]["nguoi_ky"]["description"] == "Thể thức đề ký, chức vụ, họ tên."


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
