"""Reading a rendered .docx the way a reader sees it: text in order, effective formatting."""

from __future__ import annotations

import io
import re
import weakref
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Union

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

import vanban
from vanban._docx_read import DocxView, Look

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"
CORPUS = Path(__file__).resolve().parent / "corpus"


def tool(name: str):
    """A script of ``tools/`` imported as a module (``tool("page_quality")``)."""
    import importlib
    import sys

    folder = str(ROOT / "tools")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return importlib.import_module(name)


def as_read(text: str) -> str:
    """Text as a reader reads it: vanban keeps some phrases on one line with no-break spaces
    ("(để b/c)", "ngày 05 tháng 3"), which read as spaces."""
    return text.replace("\u00a0", " ")


def open_docx(source: Union[bytes, Path]):
    return docx.Document(io.BytesIO(source) if isinstance(source, bytes) else str(source))


@dataclass
class Located:
    """A paragraph and where it sits: ``body``, or ``table<t>[row][col]``."""

    paragraph: Paragraph
    place: str

    @property
    def text(self) -> str:
        return self.paragraph.text


def paragraphs_in_order(document) -> Iterator[Located]:
    """Every paragraph in reading order; tables row by row, cell by cell."""
    table_index = 0
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            yield Located(Paragraph(child, document), "body")
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            for r, row in enumerate(table.rows):
                for c, cell in enumerate(row.cells):
                    for paragraph in cell.paragraphs:
                        yield Located(paragraph, f"table{table_index}[{r}][{c}]")
            table_index += 1


def text_lines(document) -> list[str]:
    """The lines of text a reader sees, in order: a paragraph's line breaks start new lines."""
    return [as_read(line) for p in paragraphs_in_order(document) for line in p.text.split("\n") if line.strip()]


# --- the text as a reader reads it: the format of the oracles (*.expected.txt) ------------


def _is_layout_table(table: Table) -> bool:
    """A table that only places text (letterhead, signature block): it draws no border."""
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    return borders is not None and all(edge.get(qn("w:val")) in ("nil", "none") for edge in borders)


def _row_cells(row) -> list[str]:
    """The cells a reader sees in a row: a merged cell once, where it starts."""
    seen, cells = set(), []
    for cell in row.cells:
        tc = cell._tc
        merge = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
        if tc in seen or merge is not None and merge.get(qn("w:val"), "continue") == "continue":
            continue
        seen.add(tc)  # the element itself: ids of lxml proxies are reused once they are freed
        cells.append(" ¶ ".join(" ".join(p.text.split()) for p in cell.paragraphs if p.text.strip()))
    return cells


def reading_lines(document) -> list[str]:
    """The document as it reads, one line per line: each line of a paragraph (a line break
    starts a new one), layout tables paragraph by paragraph, cell after cell, and each row
    of a body table as its cells joined by " | ". Empty lines are left out, and a run of
    spaces reads as one space: the blank of an unnumbered "Số:      -HD/..." is no word."""
    lines: list[str] = []

    def add(text: str) -> None:
        lines.extend(" ".join(line.split()) for line in text.split("\n") if line.strip())

    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            add(Paragraph(child, document).text)
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            if _is_layout_table(table):
                seen = set()
                for row in table.rows:
                    for cell in row.cells:
                        if cell._tc not in seen:
                            seen.add(cell._tc)
                            for paragraph in cell.paragraphs:
                                add(paragraph.text)
            else:
                lines.extend(" | ".join(cells) for cells in map(_row_cells, table.rows) if any(cells))
    return lines


def oracle(path: Path) -> list[str]:
    """An oracle file: the expected :func:`reading_lines` of a rendered document."""
    return path.read_text(encoding="utf-8").splitlines()


# --- effective formatting: the same reader ``vanban check`` uses -------------------

_views: dict = {}  # id(document) -> (weak reference, view); python-docx Documents are unhashable


def _view(document):
    cached = _views.get(id(document))
    if cached is None or cached[0]() is not document:
        cached = (weakref.ref(document), DocxView.of(document))
        _views[id(document)] = cached
    return cached[1]


def look(document, paragraph: Paragraph) -> Look:
    """What the reader sees of ``paragraph``: sizes in points, weights, alignment, spacing."""
    return _view(document).look(paragraph._p)


def run_property(document, paragraph: Paragraph, run_element, name: str):
    """Effective ``sz``, ``b``, ``i``, ``u`` of one run of ``paragraph``."""
    return _view(document).run_property(paragraph._p, run_element, name)


# --- deliberate mistakes, for the checker's tests ---------------------------------------


def find_paragraph(document, pattern):
    """The first paragraph, in the body or in a table cell, whose text matches ``pattern``."""
    candidates = list(document.paragraphs)
    candidates += [p for table in document.tables for cell in table._cells for p in cell.paragraphs]
    for p in candidates:
        if re.search(pattern, p.text):
            return p
    raise AssertionError(f"no paragraph matches {pattern!r}")


def restyle(document, pattern, **formatting):
    """Set ``bold``, ``italic``, ``size`` (points) or ``font`` on every run of a paragraph."""
    from docx.shared import Pt

    for run in find_paragraph(document, pattern).runs:
        for key, value in formatting.items():
            if key == "size":
                run.font.size = Pt(value)
            elif key == "font":
                run.font.name = value
            else:
                setattr(run, key, value)


def retext(document, pattern, old, new):
    """Replace ``old`` by ``new`` in a paragraph's text, keeping its first run's formatting."""
    p = find_paragraph(document, pattern)
    text = p.text.replace(old, new)
    for run in p.runs[1:]:
        run._r.getparent().remove(run._r)
    p.runs[0].text = text


def remove_paragraph(document, pattern):
    p = find_paragraph(document, pattern)
    p._p.getparent().remove(p._p)


def mutated(data: bytes, mutate) -> bytes:
    """The .docx ``data`` after ``mutate(document)``, as bytes."""
    document = docx.Document(io.BytesIO(data))
    mutate(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def starter_data(kind: str, **changes) -> dict:
    """The data of ``vanban new KIND``, with ``changes`` on top."""
    import yaml

    import vanban

    data = yaml.safe_load(vanban.get_document_type(kind).starter_yaml())
    data.update(changes)
    return data


def rendered_lines(data: dict) -> list[str]:
    """The lines a reader sees in the document ``data`` renders to."""
    import vanban

    return reading_lines(open_docx(vanban.render_bytes(vanban.parse(data))))


def refusal(data: dict) -> str:
    """The message vanban refuses ``data`` with (the test fails if it does not)."""
    import pytest

    import vanban
    from vanban.errors import InputError

    with pytest.raises(InputError) as caught:
        vanban.parse(data)
    return str(caught.value)


# --- shared inputs of the loading, reading-safety and template tests ---

MINIMAL = """\
loai: ke-hoach
co_quan_ban_hanh:
  ten: BCH Đoàn xã Mỹ Long Nam
  ky_hieu: ĐTN
so: 7
dia_danh: Mỹ Long Nam
ngay: 2021-02-03
trich_yeu: Tổ chức Tháng Thanh niên
muc_dich: [Phát huy vai trò xung kích]
noi_dung:
  - tieu_de: Nội dung
    noi_dung: [Đoạn văn.]
to_chuc_thuc_hien:
  - don_vi: Các chi đoàn
    nhiem_vu: [{y: Thực hiện}]
noi_nhan: [Các chi đoàn]
nguoi_ky: {chuc_vu: Bí thư, ho_ten: Nguyễn Văn A}
"""
"""A minimal valid plan in YAML, as staff write one."""


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["ha ha ha ha ha ha ha ha ha ha"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels + 1)]
    return "\n".join(lines) + f"\nmuc_dich: *a{levels}\n"


def copy_package_template(folder):
    source = vanban.default_renderer().template_bytes("doan/van-ban.docx")
    (folder / "doan").mkdir(parents=True)
    (folder / "doan" / "van-ban.docx").write_bytes(source)
    return folder / "doan" / "van-ban.docx"


def edit_template(path, old, new, part="word/document.xml"):
    """Replace ``old`` by ``new`` in one XML part of the .docx at ``path``."""
    data = io.BytesIO(path.read_bytes())
    out = io.BytesIO()
    with zipfile.ZipFile(data) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == part:
                content = content.replace(old.encode(), new.encode())
            target.writestr(item, content)
    path.write_bytes(out.getvalue())


LONG_PLACE = "Thị trấn Long Thành huyện Long Thành tỉnh Đồng Nai thuộc miền Đông Nam Bộ"
"""A place name no date line column holds on one line."""
