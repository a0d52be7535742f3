"""``import vanban`` and ``vanban --help`` load no heavy library (speed itself is in bench/)."""

import json
import subprocess
import sys

HEAVY = ["pydantic", "docxtpl", "docx", "jinja2", "lxml", "babel", "markdown_it", "yaml", "openpyxl"]


def loaded_after(code):
    probe = f"import sys, json\n{code}\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
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
