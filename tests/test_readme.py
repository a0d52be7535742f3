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


def test_the_first_command_installs_in_a_virtual_environment_and_renders_an_example(reader_folder):
    from click.testing import CliRunner

    from vanban.cli import main

    first = COMMANDS.splitlines()[1]
    steps = [shlex.split(step) for step in first.split("&&")]
    assert steps[0] == ["python3", "-m", "venv", ".venv"]
    assert steps[1] == [".", ".venv/bin/activate"]
    assert steps[2] == ["pip", "install", "."]
    assert steps[3][:2] == ["vanban", "render"]
    for _ in range(2):  # as written, and again: run twice, it still works
        result = CliRunner().invoke(main, steps[3][1:])
        assert result.exit_code == 0, result.output
    made = reader_folder / steps[3][steps[3].index("-o") + 1]
    assert made.read_bytes()[:2] == b"PK"


def test_ci_runs_the_readmes_test_command():
    test_command = next(line for line in COMMANDS.splitlines() if "pytest" in line)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci



BATCH_COMMANDS = re.findall(r"^\s*vanban (batch examples/batch/\S+ .*)$", README, flags=re.M)
"""The README's ``vanban batch`` commands on the lists of ``examples/batch``."""


@pytest.mark.parametrize("command", [c for c in BATCH_COMMANDS if "danh-sach" not in c])  # test_batch runs it
def test_the_batch_examples_of_the_other_types_run_as_written_one_document_per_row(command, reader_folder):
    import csv

    from click.testing import CliRunner

    from vanban.cli import main

    arguments = shlex.split(command)
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    with open((EXAMPLES.parent / arguments[1]).with_suffix(".csv"), encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    made = sorted(path.stem for path in (reader_folder / arguments[arguments.index("-o") + 1]).iterdir())
    assert made == sorted(row["ten_tep"] for row in rows), result.output


def test_the_readme_gives_a_batch_example_for_a_delegate_list_and_for_new_members():
    assert {command.split()[1] for command in BATCH_COMMANDS} == {
        "examples/batch/danh-sach.xlsx", "examples/batch/dai-bieu.xlsx", "examples/batch/ket-nap.csv"}


def test_the_list_of_types_has_every_type_once_with_its_name_code_and_when_to_use_it():
    import vanban

    rows = re.findall(r"^\| `([a-z-]+)` \| ([^|(]+) \(([^|;)]+)[^|]*\| ([^|]+) \|$", README, flags=re.M)
    assert sorted(key for key, *_ in rows) == sorted(vanban.document_types())
    for key, name, code, use in rows:
        kind = vanban.get_document_type(key)
        assert (name.strip(), code) == (kind.type_name, kind.type_code), key
        assert len(use.split()) >= 5, key  # a line on when to use it
