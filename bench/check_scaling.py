"""How ``vanban check`` scales with the length of a document: the time per paragraph of a
long table against a table ten times shorter. Linear reading keeps the ratio near 1; the
reader once looked up each row's index in a list of every row (quadratic: 552 s for a
table of 20,000 rows).

    python3 bench/check_scaling.py             # 2,000 against 20,000 rows
    python3 bench/check_scaling.py --check     # exit 1 if the ratio is above the target
"""

from __future__ import annotations

import argparse
import io
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import vanban  # noqa: E402

TARGET = 2.0  # time per paragraph at ten times the rows, against the shorter table
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def table_document(rows: int) -> bytes:
    """A Đoàn letterhead line and a table of ``rows`` rows of two cells (no tblPr, as some tools write)."""
    table = "".join(f"<w:tr><w:tc>{_paragraph(str(r))}</w:tc><w:tc>{_paragraph(f'Nguyễn Văn {r}')}</w:tc></w:tr>"
                    for r in range(rows))
    xml = (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>'
           f"{_paragraph('ĐOÀN TNCS HỒ CHÍ MINH')}<w:tbl>{table}</w:tbl>"
           '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", xml)
    return buffer.getvalue()


def seconds_per_paragraph(rows: int) -> float:
    data = table_document(rows)
    start = time.perf_counter()
    vanban.check(data, profile="doan")
    return (time.perf_counter() - start) / (2 * rows)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000, help="rows of the shorter table")
    parser.add_argument("--check", action="store_true", help="exit 1 if the target is missed")
    options = parser.parse_args(argv)
    seconds_per_paragraph(200)  # warm the imports
    short = seconds_per_paragraph(options.rows)
    long = seconds_per_paragraph(options.rows * 10)
    ratio = long / short
    print(f"vanban check, table of {options.rows:,} rows:  {short * 1e6:7.1f} µs a paragraph")
    print(f"vanban check, table of {options.rows * 10:,} rows: {long * 1e6:7.1f} µs a paragraph "
          f"({long * 2 * options.rows * 10:.1f} s in all)")
    print(f"ratio {ratio:.2f}; target <= {TARGET} (linear is 1, quadratic 10)")
    return 1 if options.check and ratio > TARGET else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
