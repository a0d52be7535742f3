"""``import vanban`` and ``vanban --help`` load no heavy library (speed itself is in bench/)."""

import gc
import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from vanban import __version__

HEAVY = ["pydantic", "docxtpl", "docx", "jinja2", "lxml", "babel", "markdown_it", "yaml", "openpyxl"]


FLAGSHIP = Path(__file__).resolve().parent.parent / "examples" / "ke_hoach_114.yaml"
FOR_OTHER_COMMANDS = ["vanban._batch", "vanban._batch_input", "vanban._xlsx", "vanban._pdf", "vanban._fonts", "openpyxl"]
"""What ``vanban batch`` and the PDF options need, and ``vanban render`` of a .docx does not."""


def loaded_after(code, watched=HEAVY):
    probe = f"import sys, json\n{code}\nprint(json.dumps([m for m in {watched!r} if m in sys.modules]))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_import_vanban_loads_no_heavy_library():
    assert loaded_after("import vanban") == []


def test_help_loads_no_heavy_library():
    code = "import contextlib, io\nfrom vanban.cli import main\n" \
           "with contextlib.redirect_stdout(io.StringIO()):\n" \
           "    try:\n        main(['--help'])\n    except SystemExit:\n        pass"
    assert loaded_after(code) == []


def test_public_names_still_import_on_first_use():
    code = "import vanban\nfrom vanban import *\n" \
           "missing = [n for n in vanban.__all__ if not hasattr(vanban, n)]\nassert not missing, missing"
    assert "pydantic" in loaded_after(code)


def test_unknown_attribute_is_an_attribute_error():
    code = "import vanban\ntry:\n    vanban.khong_co\nexcept AttributeError:\n    pass\nelse:\n    raise SystemExit(3)"
    loaded_after(code)


def test_render_of_a_docx_loads_neither_the_batch_reader_nor_the_pdf_converter(tmp_path):
    output = tmp_path / "ke-hoach.docx"
    code = "from vanban.cli import main\n" \
           f"try:\n    main(['render', {str(FLAGSHIP)!r}, '-o', {str(output)!r}])\nexcept SystemExit as done:\n" \
           "    assert not done.code, done.code"
    assert loaded_after(code, FOR_OTHER_COMMANDS) == []
    assert output.stat().st_size > 0



def models_built_after(code):
    probe = (f"import json, sys\n{code}\nfrom vanban.schemas.common import Issuer, Signer\n"
             "from vanban.schemas.body import Bullet\nfrom vanban.schemas.ke_hoach import KeHoach\n"
             "print(json.dumps([m.__name__ for m in (KeHoach, Issuer, Signer, Bullet) if m.__pydantic_complete__]))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_reading_a_plan_builds_a_validator_for_its_type_not_for_the_models_inside_it():
    # a nested model is validated inside its parent's validator, and its errors are translated
    # with the parent's: none of its own is built on the way (a few milliseconds each)
    assert models_built_after(f"import vanban\nvanban.load({str(FLAGSHIP)!r})") == ["KeHoach"]


def test_a_nested_model_made_on_its_own_still_says_its_errors_in_vietnamese():
    from pydantic import ValidationError

    from vanban.schemas.common import Signer

    try:
        Signer(ho_ten="")
    except ValidationError as error:
        assert "ho_ten" in str(error) or "họ tên" in str(error).lower()
        assert "String should" not in str(error)
    else:
        raise AssertionError("an empty name was accepted")


def test_no_field_of_a_document_type_has_a_default_factory_whose_signature_is_text_to_parse():
    # pydantic reads each default factory's signature when it builds a schema; for a builtin
    # such as list, inspect tokenises its text signature (a few milliseconds at the first one)
    import inspect

    import vanban
    from pydantic import BaseModel

    seen, factories = set(), []

    def visit(model):
        if model in seen:
            return
        seen.add(model)
        for name, info in model.model_fields.items():
            if info.default_factory is not None:
                factories.append((model.__name__, name, info.default_factory))
            for kind in _types_in(info.annotation):
                if isinstance(kind, type) and issubclass(kind, BaseModel):
                    visit(kind)

    for kind in vanban.document_types().values():
        visit(kind)
    assert factories
    assert [(m, n) for m, n, f in factories if inspect.isbuiltin(f) or isinstance(f, type)] == []


def _types_in(annotation):
    import typing

    yield annotation
    for argument in typing.get_args(annotation):
        yield from _types_in(argument)


# --- what the command's own process sets ------------------------------------------------------

PLUGINS = "PYDANTIC_DISABLE_PLUGINS"


def plugins_setting_seen_by_the_command(monkeypatch):
    """What the command's code finds in PYDANTIC_DISABLE_PLUGINS when the process starts at run()."""
    import vanban.cli

    seen = []
    monkeypatch.setattr(vanban.cli, "main", lambda: seen.append(os.environ.get(PLUGINS)))
    try:
        vanban.cli.run()
    finally:
        gc.enable()  # run() turns it off for the command's process
    return seen


def test_the_command_turns_pydantic_plugins_off_when_the_environment_does_not_say(monkeypatch):
    monkeypatch.setenv(PLUGINS, "")  # so that the test process gets its own setting back
    monkeypatch.delenv(PLUGINS)
    assert plugins_setting_seen_by_the_command(monkeypatch) == ["__all__"]


def test_a_users_own_pydantic_plugins_setting_is_kept_by_the_command(monkeypatch):
    for choice in ("logfire", ""):
        monkeypatch.setenv(PLUGINS, choice)
        assert plugins_setting_seen_by_the_command(monkeypatch) == [choice]


def test_python_dash_m_vanban_and_the_console_script_start_at_run(monkeypatch):
    import runpy
    import tomllib

    import vanban.cli

    started = []
    monkeypatch.setattr(vanban.cli, "run", lambda: started.append("run"))
    runpy.run_module("vanban", run_name="__main__")
    assert started == ["run"]
    project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["vanban"] == "vanban.cli:run"


def test_vanban_imported_as_a_library_leaves_pydantic_plugins_to_its_host(tmp_path):
    # the command line (vanban.cli imported, main called as click's CliRunner calls it) included
    output = tmp_path / "ke-hoach.docx"
    probe = ("import json, os\nimport vanban\nfrom vanban.cli import main\nfrom pydantic.plugin import _loader\n"
             f"vanban.load({str(FLAGSHIP)!r})\n"
             f"try:\n    main(['render', {str(FLAGSHIP)!r}, '-o', {str(output)!r}])\nexcept SystemExit:\n    pass\n"
             f"print(json.dumps([os.environ.get({PLUGINS!r}), _loader._plugins is not None]))")
    environment = {key: value for key, value in os.environ.items() if key != PLUGINS}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=environment)
    # the variable is not set, and pydantic looked for plugins as it does in any program
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [None, True]
    assert output.stat().st_size > 0


@pytest.fixture
def collector_restored():
    yield
    gc.enable()


def test_the_command_runs_without_the_cyclic_garbage_collector(monkeypatch, collector_restored):
    # a one-document command builds long-lived objects or frees them by reference counting:
    # the collector would only walk the libraries' young objects again and again as they load
    import vanban.cli

    seen = []
    monkeypatch.setattr(vanban.cli, "main", lambda: seen.append(gc.isenabled()))
    vanban.cli.run()
    assert seen == [False]


def test_vanban_batch_runs_its_rows_with_the_collector_on(monkeypatch, tmp_path, collector_restored):
    from click.testing import CliRunner

    import vanban._batch
    from vanban.cli import main

    seen = []

    def run_batch(*args, **kwargs):
        seen.append(gc.isenabled())
        return SimpleNamespace(summary=lambda: "", failed=0, stopped=False)

    monkeypatch.setattr(vanban._batch, "run_batch", run_batch)
    gc.disable()  # as run() leaves it
    result = CliRunner().invoke(main, ["batch", str(tmp_path), "-o", str(tmp_path / "ra")])
    assert result.exit_code == 0, result.output
    assert seen == [True]


# --- how the command's process ends ---------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def run_command_process(body: str, *arguments: str) -> subprocess.CompletedProcess:
    """``body`` run before vanban.cli.run() with ``arguments``, in a process of its own."""
    probe = f"import sys\nimport vanban.cli\nsys.argv = ['vanban', *{list(arguments)!r}]\n{body}\nvanban.cli.run()\n"
    return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, encoding="utf-8", cwd=ROOT,
                          env=BUFFERED)


BUFFERED = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
"""The environment with standard streams buffered, as they are by default on a pipe."""


def test_the_commands_output_reaches_a_pipe_whole_and_its_exit_status_is_kept(tmp_path):
    from click.testing import CliRunner

    from vanban.cli import main

    starter = CliRunner().invoke(main, ["new", "ke-hoach"]).output
    made = subprocess.run([sys.executable, "-m", "vanban", "new", "ke-hoach"], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, env=BUFFERED)
    assert (made.returncode, made.stdout, made.stderr) == (0, starter, "")
    assert len(starter) < 8192  # all of it still in the stream's buffer when the command returns
    missing = subprocess.run([sys.executable, "-m", "vanban", "render", str(tmp_path / "khong-co.yaml")],
                             capture_output=True, text=True, encoding="utf-8", cwd=ROOT)
    assert missing.returncode == 1 and missing.stderr.startswith("Lỗi: ") and missing.stdout == ""


def test_output_still_in_a_streams_buffer_is_written_out_when_the_command_ends():
    ended = run_command_process("vanban.cli.main = lambda: (print('còn trong bộ đệm'), sys.exit(3))")
    assert (ended.returncode, ended.stdout) == (3, "còn trong bộ đệm\n")


def test_exit_handlers_still_run_when_the_command_ends():
    ended = run_command_process("import atexit\natexit.register(print, 'đã chạy')", "--version")
    assert (ended.returncode, ended.stdout) == (0, f"vanban {__version__}\nđã chạy\n")


def test_an_exit_that_is_not_a_number_ends_as_python_ends_it():
    ended = run_command_process("vanban.cli.main = lambda: sys.exit('thông điệp')")
    assert (ended.returncode, ended.stderr) == (1, "thông điệp\n")


def test_a_thread_still_running_is_waited_for_as_python_waits():
    body = ("import threading, time\n"
            "threading.Thread(target=lambda: (time.sleep(0.3), print('luồng xong', flush=True))).start()")
    ended = run_command_process(body, "--version")
    assert (ended.returncode, ended.stdout) == (0, f"vanban {__version__}\nluồng xong\n")


def test_python_dash_i_still_reaches_its_prompt_after_the_command():
    ended = subprocess.run([sys.executable, "-i", "-m", "vanban", "--version"], input="print('tới dấu nhắc')\n",
                           capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=BUFFERED)
    assert ended.stdout.startswith(f"vanban {__version__}\n") and "tới dấu nhắc" in ended.stdout
