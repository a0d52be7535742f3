"""The README works as written: its Python examples run top to bottom in one folder, as a
reader would run them, and CI runs the README's test command."""

from __future__ import annotations

import os
import re
import shlex

import pytest

from helpers import EXAMPLES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
PYTHON_BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.S)
COMMANDS = re.search(r"```bash\n(.*?)```", README, flags=re.S).group(1)


def needs_libreoffice(code: str) -> bool:
    return "pdf" in code.lower()


@pytest.fixture
def reader_folder(tmp_path, monkeypatch):
    """A folder holding the examples, where the reader runs the README's code."""
    (tmp_path / "examples").symlink_to(EXAMPLES, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_blocks(blocks: list[str]) -> None:
    for code in blocks:
        exec(compile(code, "README.md", "exec"), {"__name__": "__readme__"})


def test_the_python_examples_without_pdf_run_as_written(reader_folder):
    blocks = [code for code in PYTHON_BLOCKS if not needs_libreoffice(code)]
    assert len(blocks) >= 2
    run_blocks(blocks)
    assert (reader_folder / "ke-hoach.docx").read_bytes()[:2] == b"PK"


@pytest.mark.libreoffice
def test_the_pdf_example_runs_as_written_after_the_others(reader_folder):
    from vanban._pdf import find_soffice

    if find_soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI: .ci/run must install it")
        pytest.skip("LibreOffice is not installed")
    run_blocks(PYTHON_BLOCKS)  # all of them, in order: no name one writes stops a later one
    for name in ("ke-hoach-114.pdf", "ke_hoach_114.pdf", "huong_dan_yeu_the.pdf"):
        assert (reader_folder / name).read_bytes()[:5] == b"%PDF-", name


def test_the_first_command_installs_in_a_virtual_environment_and_renders_an_example():
    first = COMMANDS.splitlines()[1]
    steps = [shlex.split(step) for step in first.split("&&")]
    assert steps[0] == ["python3", "-m", "venv", ".venv"]
    assert steps[1] == [".", ".venv/bin/activate"]
    assert steps[2] == ["pip", "install", "."]
    assert steps[3][:2] == ["vanban", "render"] and (ROOT / steps[3][2]).is_file()


def test_ci_runs_the_readmes_test_command():
    test_command = next(line for line in COMMANDS.splitlines() if "pytest" in line)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci
