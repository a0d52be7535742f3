"""The display step of tables: every cell's words, merged header cells, STT, totals, widths.

Pure, like ``_display``: a :class:`~vanban.schemas.body.Table` (or a Báo cáo's results
table, one case of it) in, a :class:`TableBlock` out. The renderer only turns the block
into Word's table XML; the widths, spans and words are all decided here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple, Optional, Sequence

from ._measure import text_width_mm
from ._numbers import amount_in_words, format_number, format_percent, percent_of
from .schemas.body import Column, GroupRow, ResultsTable, Table

CELL_SIZE_PT = 13
"""The size of a table's words (VB Table Text, VB Table Header)."""
CELL_PADDING_MM = 3.5
"""A cell's margins (VB Table: 1.5 mm each side) and a little air."""
NATURAL_CAP_MM = 120.0
"""A cell longer than this wraps anyway: it asks for no more width."""


class Cell(NamedTuple):
    """One cell: its words, the element it is (a key of ``STYLE_NAMES``), and its spans.

    The cell and the block are named tuples, as the display's ``Run`` and ``Block`` are: only
    read, and a new process defines a tuple class in a fraction of a dataclass's time."""

    text: str
    style: str
    span: int = 1
    """Columns this cell covers (a merged header cell, a group row)."""
    down: int = 1
    """Header rows this cell covers (a header without sub-columns beside one with them)."""
    bold: bool = False


class TableBlock(NamedTuple):
    """A table of the body: caption, header rows, body rows, column widths and a note under it."""

    caption: Optional[tuple]
    """The caption's runs (``_display.Runs``), or None."""
    header: tuple[tuple[Cell, ...], ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths_mm: tuple[float, ...]
    note: Optional[str] = None
    """A line under the table, e.g. the total in words."""
    style: str = "table"

    def text_rows(self) -> list[list[str]]:
        """Every row's cell texts, header first (for tests and messages)."""
        return [[cell.text for cell in row] for row in (*self.header, *self.rows)]


# --- results table (Báo cáo) ---------------------------------------------------------

RESULTS_HEADER = (
    "TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Tỷ lệ so với kế hoạch", "So với cùng kỳ",
)
_RESULTS_STYLES = ("table_index", "table_text", "table_text", *["table_number"] * 4)


def _cell_number(value) -> str:
    return "" if value is None else format_number(value)


def _cell_percent(part, whole) -> str:
    ratio = percent_of(part, whole) if part is not None and whole is not None else None
    return "" if ratio is None else format_percent(ratio)


def results_table(table: ResultsTable, widths_mm: Sequence[float], caption) -> TableBlock:
    """Indicators with target, achieved and same period; percentages computed by vanban."""
    header = (tuple(Cell(text, "table_header") for text in RESULTS_HEADER),)
    rows = tuple(
        tuple(Cell(text, style) for text, style in zip((
            str(index), row.name, row.unit or "", _cell_number(row.target), _cell_number(row.achieved),
            _cell_percent(row.achieved, row.target), _cell_percent(row.achieved, row.same_period),
        ), _RESULTS_STYLES))
        for index, row in enumerate(table.rows, start=1)
    )
    return TableBlock(caption, header, rows, tuple(widths_mm))


# --- the general table -------------------------------------------------------------------


def _header_rows(columns: list[Column], index_title: Optional[str]) -> tuple[tuple[Cell, ...], ...]:
    """Header rows: a column with sub-columns spans them; one without spans down to the last row."""
    depth = max(column.depth() for column in columns)
    rows: list[list[Cell]] = [[] for _ in range(depth)]
    if index_title is not None:
        rows[0].append(Cell(index_title, "table_header", down=depth))

    def place(column: Column, level: int) -> None:
        if column.columns:
            rows[level].append(Cell(column.title, "table_header", span=len(column.leaves())))
            for child in column.columns:
                place(child, level + 1)
        else:
            rows[level].append(Cell(column.title, "table_header", down=depth - level))

    for column in columns:
        place(column, 0)
    return tuple(tuple(row) for row in rows)


def _cell_text(value, column: Column) -> str:
    """A cell's words; its paragraphs one a line (a list of texts, or a text's line breaks)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(value)
    if column.kind == "so":
        return format_number(value)
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(int(value))  # a year or a code in a text column: as typed, no separators
    return str(value)


def _column_style(column: Column) -> str:
    return "table_number" if column.kind == "so" else "table_text"


def general_table(table: Table, width_mm: float, caption) -> TableBlock:
    """Header (merged cells), rows (STT numbered, group rows across), total row and words."""
    leaves = table.leaf_columns()
    span = len(leaves) + (1 if table.numbered else 0)
    rows: list[tuple[Cell, ...]] = []
    index = 0
    for row in table.rows:
        if isinstance(row, GroupRow):
            rows.append((Cell(row.group, "table_text", span=span, bold=True),))
            continue
        index += 1
        cells = [Cell(str(index), "table_index")] if table.numbered else []
        cells += [Cell(_cell_text(value, column), _column_style(column)) for value, column in zip(row, leaves)]
        rows.append(tuple(cells))
    note = None
    if table.total_label:
        totals = _totals(table, leaves)
        rows.append(_total_row(table, leaves, totals))
        if table.total_in_words:
            (column, total), = ((c, totals[i]) for i, c in enumerate(leaves) if c.total)
            note = _in_words(total, column)
    index_title = table.index_header() if table.numbered else None
    header = _header_rows(table.columns, index_title)
    texts = [[cell.text for cell in row] for row in rows if len(row) == span]
    columns_texts = [[row[i] for row in texts] for i in range(span)]
    titles = ([index_title] if index_title else []) + [leaf.title for leaf in leaves]
    return TableBlock(caption, header, tuple(rows), column_widths(titles, columns_texts, width_mm), note)


def _totals(table: Table, leaves: list[Column]) -> list[Optional[Decimal]]:
    sums: list[Optional[Decimal]] = [Decimal(0) if column.total else None for column in leaves]
    for row in table.rows:
        if isinstance(row, GroupRow):
            continue
        for i, (column, value) in enumerate(zip(leaves, row)):
            if column.total and value is not None:
                sums[i] += value
    return sums


def _total_row(table: Table, leaves: list[Column], totals: list[Optional[Decimal]]) -> tuple[Cell, ...]:
    """The label over the leading columns that are not summed (STT included), then the totals."""
    first_summed = next(i for i, column in enumerate(leaves) if column.total)
    label_span = first_summed + (1 if table.numbered else 0)
    cells = [Cell(table.total_label, "table_header", span=label_span, bold=True)]
    for column, total in zip(leaves[first_summed:], totals[first_summed:]):
        text = format_number(total) if total is not None else ""
        cells.append(Cell(text, _column_style(column), bold=True))
    return tuple(cells)


def _in_words(total: Decimal, column: Column) -> str:
    if total != total.to_integral_value():
        words = format_number(total)
    else:
        words = amount_in_words(int(total), column.unit or "").strip()
    return f"(Bằng chữ: {words}.)"


def column_widths(titles: list[str], columns_texts: list[list[str]], total_mm: float) -> tuple[float, ...]:
    """Share ``total_mm`` between columns by what they hold.

    Each column gets at least its longest word (header included: a header wraps between
    words, never inside one) and, while there is room, its longest cell up to
    ``NATURAL_CAP_MM``; what is left over is shared in proportion to that."""
    minimum, natural = [], []
    for title, texts in zip(titles, columns_texts):
        words = max([text_width_mm(word, CELL_SIZE_PT) for text in texts for word in text.split()]
                    + [text_width_mm(word, CELL_SIZE_PT, bold=True) for word in title.split()] + [0.0])
        # a cell's paragraphs (its lines) each ask for their own length
        longest = max([text_width_mm(line, CELL_SIZE_PT) for text in texts for line in text.split("\n")] or [0.0])
        minimum.append(words + CELL_PADDING_MM)
        natural.append(max(min(longest, NATURAL_CAP_MM), words) + CELL_PADDING_MM)
    if sum(minimum) >= total_mm:
        scale = total_mm / sum(minimum)
        return tuple(round(width * scale, 1) for width in minimum)
    if sum(natural) <= total_mm:
        scale = total_mm / sum(natural)
        return tuple(round(width * scale, 1) for width in natural)
    room = total_mm - sum(minimum)
    wants = [n - m for n, m in zip(natural, minimum)]
    return tuple(round(m + room * want / sum(wants), 1) for m, want in zip(minimum, wants))
