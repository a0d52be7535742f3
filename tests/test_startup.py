"""``import vanban`` and ``vanban --help`` load no heavy library (speed itself is in bench/)."""

import json
import subprocess
import sys
from pathlib import Path

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
