"""The examples are real documents: what the seed says is what the .docx says."""

import importlib.util
import os
import subprocess
import sys

import pytest

import vanban

from helpers import DATA, EXAMPLES, open_docx, oracle, paragraphs_in_order, reading_lines, text_lines

EXAMPLE_NAMES = sorted(p.stem for p in EXAMPLES.glob("*.yaml"))


def load_script(name):
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_text_equals_the_expected_text_paragraph_by_paragraph(name):
    document = open_docx(vanban.render_bytes(vanban.load(EXAMPLES / f"{name}.yaml")))
    assert reading_lines(document) == oracle(DATA / f"{name}.expected.txt")


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_python_twin_builds_the_same_document_as_the_yaml(name):
    assert load_script(name).build() == vanban.load(EXAMPLES / f"{name}.yaml")


# Each script run as __main__ in its own folder, all in one new Python process: a process
# apiece cost 0.7 s of start-up for each of the ~30 examples. What a script raised is kept as
# text in its folder, so one broken example fails alone.
_RUN_EACH_AS_MAIN = """
import os, runpy, sys, traceback
for script, folder in zip(sys.argv[1::2], sys.argv[2::2]):
    os.chdir(folder)
    try:
        runpy.run_path(script, run_name="__main__")
    except BaseException:
        with open("raised.txt", "w", encoding="utf-8") as out:
            out.write(traceback.format_exc())
"""


@pytest.fixture(scope="module")
def scripts_run(tmp_path_factory):
    """The folder each example script wrote into, run as a user runs it."""
    folders = {name: tmp_path_factory.mktemp(name) for name in EXAMPLE_NAMES}
    # the scripts import the vanban under test (this checkout's), not whichever one is installed
    root = str(EXAMPLES.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
    arguments = [str(a) for name, folder in folders.items() for a in (EXAMPLES / f"{name}.py", folder)]
    subprocess.run([sys.executable, "-c", _RUN_EACH_AS_MAIN, *arguments], check=True, env=env,
                   capture_output=True)
    return folders


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_python_twin_runs_as_a_script_and_writes_the_same_docx(name, scripts_run):
    folder = scripts_run[name]
    assert not (folder / "raised.txt").exists(), (folder / "raised.txt").read_text(encoding="utf-8")
    (written,) = folder.glob("*.docx")
    assert written.read_bytes() == vanban.render_bytes(vanban.load(EXAMPLES / f"{name}.yaml"))


def test_flagship_inline_emphasis_survives():
    document = open_docx(vanban.render_bytes(vanban.load(EXAMPLES / "ke_hoach_114.yaml")))
    located = list(paragraphs_in_order(document))
    bold = next(p for p in located if "thực hiện 02 mô hình" in p.text).paragraph
    assert [r.text for r in bold.runs if r.bold] == ["02"]
    italic = next(p for p in located if "Đồng hành cùng thanh" in p.text).paragraph
    assert [r.text for r in italic.runs if r.italic] == ["Đồng hành cùng thanh, thiếu nhi yếu thế"]


def test_report_table_computes_percentages_the_vietnamese_way():
    document = open_docx(vanban.render_bytes(vanban.load(EXAMPLES / "bao_cao_yeu_the_2019.yaml")))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "TT")
    header = [c.text for c in table.rows[0].cells]
    assert header[-2:] == ["Tỷ lệ so với kế hoạch", "So với cùng kỳ"]
    for row in table.rows[1:]:
        cells = [c.text for c in row.cells]
        assert cells[5] == "" or cells[5].endswith("%") and "." not in cells[5]
    assert any(line.endswith("550.000.000 đồng (Năm trăm năm mươi triệu đồng).") for line in text_lines(document))
