"""Where the parts of a page are, in any .docx: letterhead lines, number, date, type name,
trích yếu, body and its headings, Kính gửi, Nơi nhận and signature.

Found by their words and positions (header tables, text boxes or plain paragraphs), in
documents vanban did not write; :class:`Elements` names the paragraphs of each part,
an empty list when a part was not found. The paragraphs come from the reader
(:mod:`vanban._docx_read`), which alone walks the XML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Optional

from ._docx_read import DocxView, Para, clean
from ._lazy_pattern import lazy_pattern
from .rules import HEADING_NUMBER, ISSUING_BODY_START, leading_bases

UNION_TITLE = "ĐOÀN TNCS HỒ CHÍ MINH"
# The title as 29-HD writes it, or spelled out in full as many offices write it.
UNION_TITLES = re.compile(r"^ĐOÀN (?:TNCS|THANH NIÊN CỘNG SẢN) HỒ CHÍ MINH$")
# "HÒA" as NĐ 30 writes it, or "HOÀ" with the older placement of the accent.
NATIONAL_NAME = re.compile(r"^CỘNG H(?:ÒA|OÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM$")
# What tells a Union document that carries the Quốc hiệu by mistake: a Union number
# ("Số: 12-KH/TĐTN", a hyphen before the slash) or a Union body's name in its letterhead.
UNION_NUMBER = lazy_pattern(r"^Số\s*:?\s*[\d\s.…_]*-\s*[A-ZĐ][A-Za-zĐđ]*\s*/")
UNION_BODY = lazy_pattern(r"\b(?:TỈNH|THÀNH|HUYỆN|QUẬN|THỊ|TRUNG ƯƠNG|BCH|BAN CHẤP HÀNH|BAN THƯỜNG VỤ|CHI|LIÊN CHI)"
                        r" ĐOÀN\b|^ĐOÀN (?:TRƯỜNG|KHỐI|THANH NIÊN)\b|\bĐTN\b")
NATIONAL_MOTTO = re.compile(r"^Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc$")
NUMBER = re.compile(r"^Số\s*(?::|\d)")  # "Số: 114-KH/ĐTN", not "Số đoàn viên" in a table
DATE = re.compile(r",\s*ngày\b.*\btháng\b.*\bnăm\b")
RULE_LINE = re.compile(r"^[-_–—─\s]{3,}$")
LABEL = re.compile(HEADING_NUMBER)
# and the điểm a), b) of NĐ 30, and a label written "2/." (its own finding, not the body's)
HEADING_LIKE = re.compile(rf"{HEADING_NUMBER}|^[a-zđ]+\)\s|^(?:[IVXLC]+|\d+(?:\.\d+)*)\s*/\s*\.?\s")
AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q)\.\s")
PLACEHOLDER = re.compile(r"^[\[(].*[\])]$|^\[?\s*\(")
ISSUER_START = re.compile(ISSUING_BODY_START)
SUBJECT = lazy_pattern(r"^[\"“]?V/v\b", re.IGNORECASE)
# Points lettered "a.", "b)" (NĐ 30's điểm; not in the Union's scheme of 1.1., 1.1.1.).
POINT_LABEL = re.compile(r"^[a-zđ][.)]\s")
# A label written with a slash: "I/.", "1/.", "1.1/." where "I.", "1.", "1.1." is meant.
SLASH_LABEL = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*)\s*/\s*\.?\s")
STRUCTURAL = re.compile(r"^(Phần|Chương|Mục|Tiểu mục)\s+([IVXLC\d]+|thứ\s+\w+)", re.IGNORECASE)
# A part lettered A., B. above the Mục: its title is in capitals (a sentence starting
# "A. " is not one).
_LETTERED = re.compile(r"^(?![IVXL]\.)[A-Z]\.\s+(\S.*)$")


@lru_cache(maxsize=8192)  # asked of every paragraph of the body, several times
def lettered_part(text: str) -> bool:
    """``A. BÁO CÁO TỔNG KẾT``: a capital letter (not a Roman I, V, X, L) and a title in capitals."""
    match = _LETTERED.match(text)
    return bool(match) and match.group(1) == match.group(1).upper() and any(c.isalpha() for c in match.group(1))


RECIPIENTS_LABEL = re.compile(r"Nơi nhận\s*:?")
"""The line that opens the Nơi nhận block (matched whole), asked of every paragraph."""


def is_union_title(text: str) -> bool:
    return bool(UNION_TITLES.match(text))


def has_letterhead(view: DocxView) -> bool:
    """The top of the body carries a letterhead: the Union title, the Quốc hiệu or a number line."""
    texts = [p.words for p in view.paragraphs[:60]]
    return any(is_union_title(t) or NATIONAL_NAME.match(t) or NUMBER.match(t) for t in texts)


def union_under_national_name(view: DocxView) -> bool:
    """A Union document that carries the Quốc hiệu and Tiêu ngữ in place of its own title."""
    texts = [p.words for p in view.paragraphs[:60]]
    if not any(NATIONAL_NAME.match(t) for t in texts):
        return False
    number = next((t for t in texts if NUMBER.match(t)), "")
    head = texts[:texts.index(number)] if number else texts[:12]
    return bool(UNION_NUMBER.match(number)) or any(UNION_BODY.search(t) for t in head if not NATIONAL_NAME.match(t))



def layout_frame(view: DocxView) -> Optional[Para]:
    """A paragraph of the table the whole page is laid out in (letterhead, type name or
    Kính gửi, Nơi nhận in its cells, as many offices write in Word), or None: a letterhead
    table holds the letterhead alone."""
    letterhead = _first(view.paragraphs[:60], lambda p: p.table is not None and bool(
        is_union_title(p.words) or NATIONAL_NAME.match(p.words) or NUMBER.match(p.words)))
    if letterhead is None:
        return None
    cells = [p.words for p in view.paragraphs if p.table == letterhead.table]
    beyond = any(text.upper() in KNOWN_TYPES or text.startswith("Kính gửi") or RECIPIENTS_LABEL.fullmatch(text)
                 for text in cells)
    return letterhead if beyond else None


@dataclass
class Elements:
    """The parts of the page; an empty list means the part was not found."""

    view: DocxView
    parts: dict[str, list[Para]] = field(default_factory=dict)
    annex: Optional[str] = None
    """The reference line of a document that is an annex on its own: it has no letterhead,
    no signature and no Nơi nhận of its own (those are its main document's)."""

    def __getitem__(self, name: str) -> list[Para]:
        return self.parts.get(name, [])


def read_layout_frame(view: DocxView) -> bool:
    """Whether the page is laid out in one table (:func:`layout_frame`); when it is, ``view``
    now reads its cells as the page's parts (:meth:`DocxView.read_frame`)."""
    frame = layout_frame(view)
    return frame is not None and view.read_frame(frame)


def detect_profile(view: DocxView) -> Optional[str]:
    texts = [p.words for p in view.paragraphs[:60]]
    if any(is_union_title(t) for t in texts) or union_under_national_name(view):
        return "doan"
    if any(NATIONAL_NAME.match(t) for t in texts):
        return "nha-nuoc"
    annex = annex_reference(view)
    if annex is not None:
        return "doan" if UNION_REFERENCE.search(annex) else "nha-nuoc"
    return None


ANNEX_HEAD = re.compile(r"^(Phụ lục|PHỤ LỤC)(\s+([IVXLC]+|\d+))?$")
UNION_REFERENCE = lazy_pattern(r"\d+\s*-\s*[A-ZĐ][A-Za-zĐđ]*\s*/|ĐTN\b")


def annex_reference(view: DocxView) -> Optional[str]:
    """The reference line of a document that is an annex on its own ("Phụ lục I", its title,
    "(Kèm theo Nghị định số 30/2020/NĐ-CP ...)"), or None for any other document."""
    written = [p.words for p in view.paragraphs[:12] if p.words]
    if not written or not ANNEX_HEAD.match(written[0]):
        return None
    for position, text in enumerate(written[1:6], start=1):
        if text.startswith("(") and re.match(r"^\(\s*(Kèm theo|Ban hành kèm theo)\b", text, re.IGNORECASE):
            closing = next((i for i in range(position, len(written)) if written[i].endswith(")")), position)
            return " ".join(written[position:closing + 1])
    return None


def _a_place(text: str) -> bool:
    """Whether what stands before ", ngày" can be a place name: no colon ("Thời gian bắt đầu: 14 giờ,
    ngày ..." of a Biên bản) and no time of day ("Cuộc họp kết thúc vào 16 giờ 30 phút, ngày ..."
    closing a state Biên bản)."""
    return ":" not in text and not _TIME_OF_DAY.search(text)


_TIME_OF_DAY = re.compile(r"\d\s*(?:giờ|h)\b", re.IGNORECASE)


def _first(paragraphs: Iterable[Para], test: Callable[[Para], bool]) -> Optional[Para]:
    return next((p for p in paragraphs if test(p)), None)


def _same_place(a: Para, b: Para) -> bool:
    return a.place == b.place


def locate(view: DocxView) -> Elements:
    found = Elements(view)
    found.annex = annex_reference(view)
    if found.annex is not None:
        return found
    paragraphs = [p for p in view.paragraphs if not p.nested]
    head = paragraphs[:60]
    words = [(p, p.words) for p in head]  # each paragraph's words once, for the five searches
    number = next((p for p, text in words if NUMBER.match(text)), None)
    date = next((p for p, text in words if DATE.search(text) and _a_place(text.split(",")[0])), None)
    union = next((p for p, text in words if is_union_title(text)), None)
    national = next((p for p, text in words if NATIONAL_NAME.match(text)), None)
    motto = next((p for p, text in words if NATIONAL_MOTTO.match(text)), None)
    for name, para in (("number", number), ("date", date), ("union_title", union),
                       ("national_name", national), ("national_motto", motto)):
        if para:
            found.parts[name] = [para]

    header_end = max((p.index for p in (number, date, union, national, motto) if p), default=0)
    heading = national or union  # the Quốc hiệu, or the Union's title: the letterhead's right cell
    type_line = next((p for p, text in words if text.upper() in KNOWN_TYPES), None)

    def in_letterhead(para: Para) -> bool:
        # a lone '*' typed in the body (under the title) is no mark under the names
        if heading is not None and heading.table is not None and para.table == heading.table:
            return True
        return type_line is None or para.index < type_line.index

    anchor = number or _first(head, lambda p: in_letterhead(p) and bool(STAR_LINE.match(clean(p.text.split("\n")[-1]))))
    if anchor:
        _locate_agency(found, paragraphs, anchor)
    elif heading is not None and heading.table is not None:
        # neither a number line nor a typed *** (a state document without a number: its mark is
        # drawn; NĐ 30 Mẫu 1.9): the names stand left of the Quốc hiệu, in its row
        _agency_lines(found, [p for p in paragraphs if p.words and p.table == heading.table
                              and p.row == heading.row and p.column < heading.column
                              and not SUBJECT.match(p.words)])
    # the V/v line stands under the number; a letter without a number line has it in its
    # letterhead table (found by its date line, or by its Quốc hiệu when it has none)
    letterhead = next((p.table for p in (date, heading) if p is not None and p.table is not None), None)
    candidates = [p for p in paragraphs if p.index > number.index and p.place == number.place] if number \
        else [p for p in head if letterhead is not None and p.table == letterhead]
    if candidates:
        subject = _first(candidates, lambda p: bool(SUBJECT.match(p.words)))
        if subject:
            found.parts["subject"] = [subject]
            header_end = max(header_end, subject.index)
    _locate_title(found, paragraphs, header_end)
    _locate_addressees(found, paragraphs, header_end)
    _locate_closing_block(found, paragraphs)
    _locate_decision_lines(found, paragraphs)
    _locate_body(found, paragraphs)
    return found


# --- the parts of particular types: a decision's lines, a Biên bản's two signatures ---------

OPERATIVE = re.compile(r"^(QUYẾT ĐỊNH|QUYẾT NGHỊ)\s*:?$")
ARTICLE = re.compile(r"^Điều\s+\d+\s*[.:]")
TWO_SIGNATURES = {"BIÊN BẢN"}
"""Types signed by two people side by side (NĐ 30 PL III Mẫu 1.9): a Union one has no Nơi nhận, a
state one may have it under the left signature."""


def _locate_decision_lines(found: Elements, paragraphs: list[Para]) -> None:
    """A Quyết định's or Nghị quyết's ``QUYẾT ĐỊNH:`` line, and the CAPS issuing authority the
    first line after the title block (NĐ 30 PL III Mẫu 1.1-1.3): centred lines, not running text."""
    start = max((p.index for name in ("title_rule", "title", "type_name", "addressees") for p in found[name]),
                default=None)
    if start is None:
        return
    end = min((p.index for p in found["recipients_label"] + found["signature_first"]), default=None)
    after = [p for p in paragraphs if p.index > start and p.place == "body" and p.words
             and (end is None or p.index < end)]
    operative = _first(after, lambda p: bool(OPERATIVE.match(p.words)))
    if operative is None:
        return
    found.parts["operative"] = [operative]
    first = after[0]
    text = first.words
    if first is not operative and text == text.upper() and any(c.isalpha() for c in text):
        found.parts["issuing_authority"] = [first]


def _decision_lines(found: Elements) -> set[int]:
    return {p.index for name in ("operative", "issuing_authority") for p in found[name]}


def document_kind(found: Elements) -> str:
    """The type name the document carries (``QUYẾT ĐỊNH``), upper-cased; empty when none is found."""
    return found["type_name"][0].words.upper() if found["type_name"] else ""


def _locate_addressees(found: Elements, paragraphs: list[Para], header_end: int) -> None:
    label = _first((p for p in paragraphs if p.index > header_end and p.place == "body"),
                   lambda p: p.words.startswith("Kính gửi"))
    if label is None:
        return
    lines = [label]
    # "Kính gửi: X" names its one addressee; "Kính gửi:" opens a list "- A;" ... "- B."
    # that ends at the first item ending with ".": bullets after that are the body's.
    if label.words.endswith(":"):
        for para in paragraphs:
            if para.index > label.index and para.place == "body" and para.words.startswith("- "):
                if para.index != lines[-1].index + 1:
                    break
                lines.append(para)
                if para.words.endswith("."):
                    break
    found.parts["addressees"] = lines


def _locate_agency(found: Elements, paragraphs: list[Para], number: Para) -> None:
    """The names above ``number`` (the number line, or the *** when the document has none)."""
    before = [p for p in paragraphs if p.words and (
        p.index < number.index or p is number and not NUMBER.match(p.words))]
    if number.table is not None:  # the names sit above the number, in its column of the header table
        before = [p for p in before if p.table == number.table and p.column == number.column]
    else:
        before = [p for p in before if p.place == number.place]
    _agency_lines(found, before)


# The mark under the names: "***", or stars typed with spaces ("* * *", its own finding).
STAR_LINE = re.compile(r"^\*(?:\s*\*)*$")


def _agency_lines(found: Elements, cell: list[Para]) -> None:
    """The names among the letterhead paragraphs ``cell`` (the mark ``***`` set apart), line
    by line where a paragraph holds several (names typed with Shift+Enter)."""
    lines = []
    for para in (line for para in cell for line in found.view.lines(para)):
        text = para.words
        if STAR_LINE.match(text):
            found.parts["agency_mark"] = [para]
        elif RULE_LINE.match(text):
            continue
        elif not is_union_title(text) and not NATIONAL_NAME.match(text) and not NATIONAL_MOTTO.match(text) and not DATE.search(text):
            lines.append(para)
    if lines:
        found.parts["agency"] = lines


KNOWN_TYPES = {
    "KẾ HOẠCH", "HƯỚNG DẪN", "BÁO CÁO", "THÔNG BÁO", "CHƯƠNG TRÌNH", "QUYẾT ĐỊNH", "QUY ĐỊNH",
    "NGHỊ QUYẾT", "CHỈ THỊ", "THÔNG TRI", "TỜ TRÌNH", "ĐỀ ÁN", "BIÊN BẢN", "QUY CHẾ", "THÔNG CÁO",
    "PHƯƠNG ÁN", "DỰ ÁN", "HỢP ĐỒNG", "CÔNG ĐIỆN", "GIẤY MỜI", "THƯ MỜI", "GIẤY GIỚI THIỆU",
    "NGHỊ ĐỊNH", "THÔNG TƯ", "GIẤY ỦY QUYỀN", "GIẤY NGHỈ PHÉP", "BẢN GHI NHỚ", "BẢN THỎA THUẬN",
}


def _locate_title(found: Elements, paragraphs: list[Para], header_end: int) -> None:
    after = [p for p in paragraphs if p.index > header_end and p.place == "body" and p.words]
    type_name = _first(after[:8], lambda p: p.words.upper() in KNOWN_TYPES)
    if type_name is None:
        return
    found.parts["type_name"] = [type_name]
    following = [p for p in after if p.index > type_name.index][:5]
    title = []
    for para in following:
        if RULE_LINE.match(para.words):
            found.parts["title_rule"] = [para]
            break
        title.append(para)
        if len(title) == 3:
            break
    if "title_rule" not in found.parts:
        title = title[:1]
    if title:
        found.parts["title"] = title


def _locate_closing_block(found: Elements, paragraphs: list[Para]) -> None:
    labels = [p for p in paragraphs if RECIPIENTS_LABEL.fullmatch(p.words)]
    label = labels[-1] if labels else None  # the block is at the end; a sentence may start with the words
    if label is None:
        _locate_signature_alone(found, paragraphs)
        return
    found.parts["recipients_label"] = [label]
    same = [p for p in paragraphs if p.index > label.index and _same_place(p, label) and p.words]
    if label.place == "body":  # plain paragraphs: entries run while they look like entries
        entries = []
        for para in same:
            if not (para.words.startswith("-") or entries and not AUTHORITY.match(para.words)):
                break
            entries.append(para)
            if para.words.rstrip().endswith("."):
                break
        same = entries
    found.parts["recipients"] = same
    if label.table is not None:
        signer = [p for p in paragraphs if p.table == label.table and p.column != label.column
                  and p.words and not PLACEHOLDER.match(p.words)]
        left = [p for p in paragraphs if p.table == label.table and p.column == label.column
                and p.index < label.index and p.words and not PLACEHOLDER.match(p.words)]
        if len(left) >= 2:  # a second signature above the Nơi nhận (NĐ 30 PL III Mẫu 1.9: THƯ KÝ)
            found.parts["signature_left_first"] = [left[0]]
            found.parts["signature_left_name"] = [left[-1]]
    else:
        last = same[-1].index if same else label.index
        signer = [p for p in paragraphs if p.index > last and p.words
                  and not PLACEHOLDER.match(p.words)][:4]
    if signer:
        first = signer[0]
        found.parts["signature_first"] = [first]
        found.parts["signature_name"] = [signer[-1]]
        found.parts["signature_titles"] = signer[:-1]
        titles = [p for p in signer[:-1] if not AUTHORITY.match(p.words)]
        if AUTHORITY.match(first.words) and titles:
            found.parts["signature_position"] = [titles[0]]


def _locate_signature_alone(found: Elements, paragraphs: list[Para]) -> None:
    """A document without Nơi nhận: its signature is the right column of its last table that
    reads as one (the header table aside; the tables of the body and of annexes after it do
    not), read like the one beside a Nơi nhận."""
    header = {p.table for name in ("number", "date") for p in found[name]}
    annex = next((p.index for p in paragraphs if ANNEX_LABEL.match(p.words)), None)
    tables = list(dict.fromkeys(p.table for p in paragraphs if p.table is not None and p.table not in header
                                and (annex is None or p.index < annex)))
    for table in reversed(tables):
        signer = _signer_lines(table, paragraphs)
        if signer:
            found.parts["signature_first"] = [signer[0]]
            found.parts["signature_name"] = [signer[-1]]
            found.parts["signature_titles"] = signer[:-1]
            titles = [p for p in signer[:-1] if not AUTHORITY.match(p.words)]
            if AUTHORITY.match(signer[0].words) and titles:
                found.parts["signature_position"] = [titles[0]]
            left = [p for p in paragraphs if p.table == table and p.column < signer[0].column
                    and p.words and not PLACEHOLDER.match(p.words)]
            if len(left) >= 2:  # a second signature beside it (a Biên bản's THƯ KÝ)
                found.parts["signature_left_first"] = [left[0]]
                found.parts["signature_left_name"] = [left[-1]]
            return


def _signer_lines(table: int, paragraphs: list[Para]) -> list[Para]:
    """The lines of a signature standing alone in ``table``, or none if it is not one: a table
    of the body has a header row with words from its first column on, where a signature's
    table is blank on the left of its top."""
    cells = [p for p in paragraphs if p.table == table]
    right = max(p.column for p in cells)
    signer = [p for p in cells if p.column == right and p.words and not PLACEHOLDER.match(p.words)]
    written = [p for p in cells if p.words]
    top = min((p.row for p in written), default=0)
    header_like = any(p.column == min(q.column for q in cells) for p in written if p.row == top)
    return signer if len(signer) >= 2 and (not header_like or _two_signatures(written)) else []


def _two_signatures(written: list[Para]) -> bool:
    """Two signatures side by side (a Biên bản's THƯ KÝ and CHỦ TỌA): two columns, each a CAPS
    title over a name, where a body table's header row has words in every column too."""
    columns = sorted({p.column for p in written})
    if len(columns) != 2:
        return False
    for column in columns:
        lines = [p.words for p in written if p.column == column]
        if len(lines) < 2 or lines[0] != lines[0].upper() or lines[-1] == lines[-1].upper():
            return False
    return True


def _locate_body(found: Elements, paragraphs: list[Para]) -> None:
    start = max((p.index for name in ("title_rule", "title", "type_name", "subject", "addressees")
                 for p in found[name]), default=None)
    if start is None:
        return
    end_candidates = [p.index for p in found["recipients_label"] + found["signature_first"]]
    closing = (found["recipients_label"] or found["signature_first"])
    closing_table = closing[0].table if closing else None
    if closing_table is not None:
        end_candidates += [p.index for p in paragraphs if p.table == closing_table]
    end_candidates += [p.index for p in _annex_labels(paragraphs, start)][:1]
    end = min(end_candidates, default=paragraphs[-1].index + 1 if paragraphs else 0)
    body = [p for p in paragraphs if start < p.index < end and p.place == "body" and p.words]
    if not body:
        return
    outside = _structural(body)
    structural = {p.index for p in outside} | _decision_lines(found)
    # the paragraph above the signature's table ends the body; it names no table
    found.parts["body"] = [p for p in body if p.top_level and p.index not in structural
                           and not (_is_caption(p) and not (closing and p.above_table_of(closing[0])))]
    found.parts["articles"] = [p for p in found["body"] if ARTICLE.match(p.words)]
    found.parts["parts"] = [p for p in outside if STRUCTURAL.match(p.words)
                            or lettered_part(p.words)]
    found.parts["closing"] = [body[-1]]
    found.parts["bases"] = body[:leading_bases(para.words for para in body)]  # they open the body
    found.parts["point_labels"] = [p for p in body if POINT_LABEL.match(p.words)]
    found.parts["slash_labels"] = [p for p in body if SLASH_LABEL.match(p.words)]
    listed = _list_items(body, found.view)
    headings = [p for p in body if LABEL.match(p.words) and p.index not in listed]
    found.parts["headings"] = headings
    found.parts["headings_roman"] = [p for p in headings if LABEL.match(p.words).group(1)]
    found.parts["headings_khoan"] = [p for p in headings if _depth(p) == 1]
    found.parts["headings_diem"] = [p for p in headings if _depth(p) in (2, 3)]


ANNEX_LABEL = re.compile(r"^(Phụ lục|PHỤ LỤC)(\s+([IVXLC]+|\d+))?$")


def _annex_labels(paragraphs: list[Para], start: int) -> list[Para]:
    """``Phụ lục I`` lines after the body (an annex's label, its reference line in brackets,
    ``(Kèm theo ...)`` or the author's own, within the next three lines): the body ends before
    the first, signed or not."""
    written = [p for p in paragraphs if p.index > start and p.place == "body" and p.words]
    return [p for i, p in enumerate(written) if ANNEX_LABEL.match(p.words)
            and any(q.words.startswith("(") and q.words.endswith(")") for q in written[i + 1:i + 4])]


def _is_caption(para: Para) -> bool:
    """A paragraph standing right above a table names the table; it is not running text."""
    return para.before_table


def _list_items(body: list[Para], view: DocxView) -> set[int]:
    """Entries of a numbered list (1., 2. of their own, as a list of people): a "1." not in
    bold right after a sentence ending ":", or a "1." where the khoản count had gone past 1, and the
    "2.", "3." that follow it with a number of the same look (a bold "2." after a one-entry
    list is the next khoản). They are not khoản: their numbers restart."""
    items: set[int] = set()
    following = None
    look = None
    khoan = 0
    for position, para in enumerate(body):
        match = LABEL.match(para.words)
        if lettered_part(para.words):  # A., B. above khoản numbered 1., 2.: the count restarts
            khoan = 0
        if following is not None:
            if match and match.group(2) == f"{following}." and view.label_look(para) == look:
                items.add(para.index)
                following += 1
                continue
            following = None
        if not match:
            continue
        if match.group(1) or STRUCTURAL.match(para.words):
            khoan = 0
            continue
        previous = body[position - 1].words if position else ""
        lead_in = previous.endswith(":") and not LABEL.match(previous)
        # a bold "1." after "... như sau:" is a khoản heading (vanban's list entries are plain)
        if match.group(2) == "1." and (lead_in and view.label_look(para)[0] is not True or khoan >= 1):
            items.add(para.index)
            following = 2
            look = view.label_look(para)
        elif match.group(2).count(".") == 1:
            khoan += 1
    return items


def _structural(body: list[Para]) -> list[Para]:
    """Centred Phần/Chương/Mục headings and their caps titles, and lettered parts (A. ...):
    not running text."""
    out = []
    for index, para in enumerate(body):
        if lettered_part(para.words):
            out.append(para)
        elif STRUCTURAL.match(para.words):
            out.append(para)
            # in capitals: as upper as it gets ("º", "ĸ" have no capital, "2020 - 2025" no letter;
            # str.isupper says no to both)
            title = body[index + 1].words if index + 1 < len(body) else ""
            if title and title == title.upper():
                out.append(body[index + 1])
    return out


def _depth(para: Para) -> int:
    match = LABEL.match(para.words)
    return match.group(2).count(".") if match and match.group(2) else 0
