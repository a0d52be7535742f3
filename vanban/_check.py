"""``vanban check``: find the parts of any .docx and test them against the rules.

Three steps. :func:`locate` finds the elements (letterhead lines, number, date,
type name, trích yếu, body, headings, Nơi nhận, signature) by their words and
positions, in documents vanban did not write: header tables, text boxes or plain
paragraphs. Each rule of :mod:`vanban.rules` names an element and a check kind;
:data:`CHECKS` maps a kind to the function that compares what the reader sees
(``_docx_read.Look``) with the rule's parameters. An element that cannot be found
gives a NOT_EVALUATED finding, never a silent pass.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional, Union

from ._docx_read import DocxView, Para, has_page_field, w
from ._display import to_roman
from ._measure import text_width_mm
from .errors import DocxReadError, LayoutError, ProfileNotDetectedError, ProfileNotFoundError
from .rules import HEADING_NUMBER, ISSUING_BODY_START, Rule, rules_for

PROFILE_NAMES = {"doan": "Đoàn (29-HD/TWĐTN-VP)", "nha-nuoc": "Nhà nước (NĐ 30/2020/NĐ-CP)"}
SEVERITY_WORDS = {"error": "LỖI", "warning": "CẢNH BÁO", "info": "THÔNG TIN", "not_evaluated": "CHƯA KIỂM TRA"}
ELEMENT_WORDS = {
    "page": "trang", "page_numbers": "số trang (đầu trang)", "all_text": "toàn văn bản",
    "union_title": "tiêu đề góc phải", "national_name": "quốc hiệu", "national_motto": "tiêu ngữ",
    "agency": "tên cơ quan", "agency_mark": "dấu *** dưới tên cơ quan", "number": "số, ký hiệu",
    "date": "địa danh, ngày tháng", "type_name": "tên loại văn bản", "title": "trích yếu",
    "title_rule": "đường gạch dưới trích yếu", "body": "nội dung", "headings": "các tiêu đề mục",
    "headings_roman": "mục I., II.", "headings_khoan": "khoản 1., 2.", "headings_diem": "điểm 1.1., 1.1.1.",
    "closing": "câu kết", "recipients_label": "chữ 'Nơi nhận:'", "recipients": "các nơi nhận",
    "signature_first": "dòng đầu khối chữ ký", "signature_position": "dòng chức vụ",
    "signature_name": "họ tên người ký", "signature_titles": "quyền hạn, chức vụ người ký",
    "subject": "trích yếu công văn (V/v)", "addressees": "Kính gửi",
}

UNION_TITLE = "ĐOÀN TNCS HỒ CHÍ MINH"
NATIONAL_NAME = re.compile(r"^CỘNG HO?[ÀÒ]A XÃ HỘI CHỦ NGHĨA VIỆT NAM$")
NATIONAL_MOTTO = re.compile(r"^Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc$")
NUMBER = re.compile(r"^Số\s*(?::|\d)")  # "Số: 114-KH/ĐTN", not "Số đoàn viên" in a table
DATE = re.compile(r",\s*ngày\b.*\btháng\b.*\bnăm\b")
RULE_LINE = re.compile(r"^[-_–—─\s]{3,}$")
LABEL = re.compile(HEADING_NUMBER)
HEADING_LIKE = re.compile(rf"{HEADING_NUMBER}|^[a-zđ]+\)\s")  # and the điểm a), b) of NĐ 30
AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q)\.\s")
PLACEHOLDER = re.compile(r"^[\[(].*[\])]$|^\[?\s*\(")
ISSUER_START = re.compile(ISSUING_BODY_START)
SUBJECT = re.compile(r"^[\"“]?V/v\b", re.IGNORECASE)
ANNEX_LABEL = re.compile(r"^Phụ lục(\s+[IVXLC\d]+)?$", re.IGNORECASE)
STRUCTURAL = re.compile(r"^(Phần|Chương|Mục|Tiểu mục)\s+([IVXLC\d]+|thứ\s+\w+)", re.IGNORECASE)
# A part lettered A., B. above the Mục: its title is in capitals (a sentence starting
# "A. " is not one).
_LETTERED = re.compile(r"^(?![IVXL]\.)[A-Z]\.\s+(\S.*)$")


def lettered_part(text: str) -> bool:
    """``A. BÁO CÁO TỔNG KẾT``: a capital letter (not a Roman I, V, X, L) and a title in capitals."""
    match = _LETTERED.match(text)
    return bool(match) and match.group(1) == match.group(1).upper() and any(c.isalpha() for c in match.group(1))


def clean(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@dataclass
class Finding:
    rule_id: str
    severity: str  # error, warning, info, not_evaluated
    rule: str
    source: str
    element: str
    paragraph: Optional[int] = None
    excerpt: str = ""
    expected: str = ""
    found: str = ""

    def __str__(self) -> str:
        where = ELEMENT_WORDS.get(self.element, self.element)
        if self.paragraph:
            where += f", đoạn {self.paragraph}: «{self.excerpt}»"
        lines = [f"[{SEVERITY_WORDS[self.severity]}] {self.rule_id} — {self.rule} ({self.source})",
                 f"    Vị trí: {where}"]
        if self.expected or self.found:
            lines.append(f"    Cần: {self.expected} — Thấy: {self.found}")
        return "\n".join(lines)


@dataclass
class Report:
    path: str
    profile: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    def to_json(self) -> str:
        return json.dumps(
            {"path": self.path, "profile": self.profile,
             "summary": {s: self.count(s) for s in SEVERITY_WORDS},
             "findings": [asdict(f) for f in self.findings]},
            ensure_ascii=False, indent=2,
        )

    def to_text(self) -> str:
        lines = [str(f) for f in self.findings]
        lines.append(
            f"{self.path} (thể thức {PROFILE_NAMES[self.profile]}): {self.count('error')} lỗi, "
            f"{self.count('warning')} cảnh báo, {self.count('info')} thông tin, "
            f"{self.count('not_evaluated')} chưa kiểm tra."
        )
        return "\n".join(lines)


# --- finding the elements ---------------------------------------------------------


@dataclass
class Elements:
    """The parts of the page; an empty list means the part was not found."""

    view: DocxView
    parts: dict[str, list[Para]] = field(default_factory=dict)

    def __getitem__(self, name: str) -> list[Para]:
        return self.parts.get(name, [])


def detect_profile(view: DocxView) -> Optional[str]:
    texts = [clean(p.text) for p in view.paragraphs[:60]]
    if UNION_TITLE in texts:
        return "doan"
    if any(NATIONAL_NAME.match(t) for t in texts):
        return "nha-nuoc"
    return None


def _first(paragraphs: Iterable[Para], test: Callable[[Para], bool]) -> Optional[Para]:
    return next((p for p in paragraphs if test(p)), None)


def _same_place(a: Para, b: Para) -> bool:
    return a.place == b.place


def locate(view: DocxView) -> Elements:
    found = Elements(view)
    paragraphs = [p for p in view.paragraphs if not p.nested]
    head = paragraphs[:60]
    number = _first(head, lambda p: bool(NUMBER.match(clean(p.text))))
    # a place name holds no colon: "Thời gian bắt đầu: 14 giờ, ngày ..." of a Biên bản is no date line
    date = _first(head, lambda p: bool(DATE.search(clean(p.text))) and ":" not in clean(p.text).split(",")[0])
    union = _first(head, lambda p: clean(p.text) == UNION_TITLE)
    national = _first(head, lambda p: bool(NATIONAL_NAME.match(clean(p.text))))
    motto = _first(head, lambda p: bool(NATIONAL_MOTTO.match(clean(p.text))))
    for name, para in (("number", number), ("date", date), ("union_title", union),
                       ("national_name", national), ("national_motto", motto)):
        if para:
            found.parts[name] = [para]

    header_end = max((p.index for p in (number, date, union, national, motto) if p), default=0)
    anchor = number or _first(head, lambda p: clean(p.text) == "***")
    if anchor:
        _locate_agency(found, paragraphs, anchor)
    elif national is not None and national.table is not None:  # no number line (NĐ 30 Mẫu 1.9)
        names = [p for p in paragraphs if p.table == national.table and p.row == national.row
                 and p.column < national.column and clean(p.text) and not RULE_LINE.match(clean(p.text))]
        if names:
            found.parts["agency"] = names
    # the V/v line stands under the number; a letter without a number line has it in its
    # letterhead table
    letterhead = date.table if date is not None and date.table is not None else None
    candidates = [p for p in paragraphs if p.index > number.index and p.place == number.place] if number \
        else [p for p in head if letterhead is not None and p.table == letterhead]
    if candidates:
        subject = _first(candidates, lambda p: bool(SUBJECT.match(clean(p.text))))
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
"""Types signed by two people side by side, with no Nơi nhận (NĐ 30 PL III Mẫu 1.9)."""


def _locate_decision_lines(found: Elements, paragraphs: list[Para]) -> None:
    """A Quyết định's or Nghị quyết's ``QUYẾT ĐỊNH:`` line, and the CAPS issuing authority the
    first line after the title block (NĐ 30 PL III Mẫu 1.1-1.3): centred lines, not running text."""
    start = max((p.index for name in ("title_rule", "title", "type_name") for p in found[name]), default=None)
    if start is None:
        return
    after = [p for p in paragraphs if p.index > start and p.place == "body" and clean(p.text)][:40]
    operative = _first(after, lambda p: bool(OPERATIVE.match(clean(p.text))))
    if operative is None:
        return
    found.parts["operative"] = [operative]
    first = after[0]
    text = clean(first.text)
    if first is not operative and text == text.upper() and any(c.isalpha() for c in text):
        found.parts["issuing_authority"] = [first]


def _decision_lines(found: Elements) -> set[int]:
    return {p.index for name in ("operative", "issuing_authority") for p in found[name]}


def document_kind(found: Elements) -> str:
    """The type name the document carries (``QUYẾT ĐỊNH``), upper-cased; empty when none is found."""
    return clean(found["type_name"][0].text).upper() if found["type_name"] else ""


def _locate_addressees(found: Elements, paragraphs: list[Para], header_end: int) -> None:
    label = _first((p for p in paragraphs if p.index > header_end and p.place == "body"),
                   lambda p: clean(p.text).startswith("Kính gửi"))
    if label is None:
        return
    lines = [label]
    # "Kính gửi: X" names its one addressee; "Kính gửi:" opens a list "- A;" ... "- B."
    # that ends at the first item ending with ".": bullets after that are the body's.
    if clean(label.text).endswith(":"):
        for para in paragraphs:
            if para.index > label.index and para.place == "body" and clean(para.text).startswith("- "):
                if para.index != lines[-1].index + 1:
                    break
                lines.append(para)
                if clean(para.text).endswith("."):
                    break
    found.parts["addressees"] = lines


def _locate_agency(found: Elements, paragraphs: list[Para], number: Para) -> None:
    """The names above ``number`` (the number line, or the *** when the document has none)."""
    before = [p for p in paragraphs if clean(p.text) and (
        p.index < number.index or p is number and clean(p.text) == "***")]
    if number.table is not None:  # the names sit above the number, in its column of the header table
        before = [p for p in before if p.table == number.table and p.column == number.column]
    else:
        before = [p for p in before if p.place == number.place]
    lines = []
    for para in before:
        text = clean(para.text)
        if text in ("***", "*"):
            found.parts["agency_mark"] = [para]
        elif RULE_LINE.match(text):
            continue
        elif text not in (UNION_TITLE,) and not NATIONAL_NAME.match(text) and not DATE.search(text):
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
    after = [p for p in paragraphs if p.index > header_end and p.place == "body" and clean(p.text)]
    type_name = _first(after[:8], lambda p: clean(p.text).upper() in KNOWN_TYPES)
    if type_name is None:
        return
    found.parts["type_name"] = [type_name]
    following = [p for p in after if p.index > type_name.index][:5]
    title = []
    for para in following:
        if RULE_LINE.match(clean(para.text)):
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
    labels = [p for p in paragraphs if re.fullmatch(r"Nơi nhận\s*:?", clean(p.text))]
    label = labels[-1] if labels else None  # the block is at the end; a sentence may start with the words
    if label is None:
        _locate_signature_alone(found, paragraphs)
        return
    found.parts["recipients_label"] = [label]
    same = [p for p in paragraphs if p.index > label.index and _same_place(p, label) and clean(p.text)]
    if label.place == "body":  # plain paragraphs: entries run while they look like entries
        entries = []
        for para in same:
            if not (clean(para.text).startswith("-") or entries and not AUTHORITY.match(clean(para.text))):
                break
            entries.append(para)
            if clean(para.text).rstrip().endswith("."):
                break
        same = entries
    found.parts["recipients"] = same
    if label.table is not None:
        signer = [p for p in paragraphs if p.table == label.table and p.column != label.column
                  and clean(p.text) and not PLACEHOLDER.match(clean(p.text))]
    else:
        last = same[-1].index if same else label.index
        signer = [p for p in paragraphs if p.index > last and clean(p.text)
                  and not PLACEHOLDER.match(clean(p.text))][:4]
    if signer:
        first = signer[0]
        found.parts["signature_first"] = [first]
        found.parts["signature_name"] = [signer[-1]]
        found.parts["signature_titles"] = signer[:-1]
        titles = [p for p in signer[:-1] if not AUTHORITY.match(clean(p.text))]
        if AUTHORITY.match(clean(first.text)) and titles:
            found.parts["signature_position"] = [titles[0]]


def _locate_signature_alone(found: Elements, paragraphs: list[Para]) -> None:
    """A document without Nơi nhận: its signature is the right column of its last table that
    reads as one (the header table aside; the tables of the body and of annexes after it do
    not), read like the one beside a Nơi nhận."""
    header = {p.table for name in ("number", "date") for p in found[name]}
    annex = next((p.index for p in paragraphs if ANNEX_LABEL.match(clean(p.text))), None)
    tables = list(dict.fromkeys(p.table for p in paragraphs if p.table is not None and p.table not in header
                                and (annex is None or p.index < annex)))
    for table in reversed(tables):
        signer = _signer_lines(table, paragraphs)
        if signer:
            found.parts["signature_first"] = [signer[0]]
            found.parts["signature_name"] = [signer[-1]]
            found.parts["signature_titles"] = signer[:-1]
            titles = [p for p in signer[:-1] if not AUTHORITY.match(clean(p.text))]
            if AUTHORITY.match(clean(signer[0].text)) and titles:
                found.parts["signature_position"] = [titles[0]]
            left = [p for p in paragraphs if p.table == table and p.column < signer[0].column
                    and clean(p.text) and not PLACEHOLDER.match(clean(p.text))]
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
    signer = [p for p in cells if p.column == right and clean(p.text) and not PLACEHOLDER.match(clean(p.text))]
    written = [p for p in cells if clean(p.text)]
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
        lines = [clean(p.text) for p in written if p.column == column]
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
    body = [p for p in paragraphs if start < p.index < end and p.place == "body" and clean(p.text)]
    if not body:
        return
    structural = {p.index for p in _structural(body)} | _decision_lines(found)
    found.parts["body"] = [p for p in body if p.element.getparent().tag == w("body")
                           and p.index not in structural and not _is_caption(p)]
    found.parts["articles"] = [p for p in found["body"] if ARTICLE.match(clean(p.text))]
    found.parts["parts"] = [p for p in _structural(body) if STRUCTURAL.match(clean(p.text))
                            or lettered_part(clean(p.text))]
    found.parts["closing"] = [body[-1]]
    listed = _list_items(body, found.view)
    headings = [p for p in body if LABEL.match(clean(p.text)) and p.index not in listed]
    found.parts["headings"] = headings
    found.parts["headings_roman"] = [p for p in headings if LABEL.match(clean(p.text)).group(1)]
    found.parts["headings_khoan"] = [p for p in headings if _depth(p) == 1]
    found.parts["headings_diem"] = [p for p in headings if _depth(p) in (2, 3)]


ANNEX_LABEL = re.compile(r"^(Phụ lục|PHỤ LỤC)(\s+([IVXLC]+|\d+))?$")


def _annex_labels(paragraphs: list[Para], start: int) -> list[Para]:
    """``Phụ lục I`` lines after the body (an annex's label, its reference line in brackets,
    ``(Kèm theo ...)`` or the author's own, within the next three lines): the body ends before
    the first, signed or not."""
    written = [p for p in paragraphs if p.index > start and p.place == "body" and clean(p.text)]
    return [p for i, p in enumerate(written) if ANNEX_LABEL.match(clean(p.text))
            and any(clean(q.text).startswith("(") and clean(q.text).endswith(")") for q in written[i + 1:i + 4])]


def _is_caption(para: Para) -> bool:
    """A paragraph standing right above a table names the table; it is not running text."""
    following = para.element.getnext()
    return following is not None and following.tag == w("tbl")


def _list_items(body: list[Para], view: DocxView) -> set[int]:
    """Entries of a numbered list (1., 2. of their own, as a list of people): a "1." right
    after a sentence ending ":", or a "1." where the khoản count had gone past 1, and the
    "2.", "3." that follow it with a number of the same look (a bold "2." after a one-entry
    list is the next khoản). They are not khoản: their numbers restart."""
    items: set[int] = set()
    following = None
    look = None
    khoan = 0
    for position, para in enumerate(body):
        match = LABEL.match(clean(para.text))
        if following is not None:
            if match and match.group(2) == f"{following}." and _label_run_look(view, para) == look:
                items.add(para.index)
                following += 1
                continue
            following = None
        if not match:
            continue
        if match.group(1) or STRUCTURAL.match(clean(para.text)):
            khoan = 0
            continue
        previous = clean(body[position - 1].text) if position else ""
        lead_in = previous.endswith(":") and not LABEL.match(previous)
        if match.group(2) == "1." and (lead_in or khoan >= 1):
            items.add(para.index)
            following = 2
            look = _label_run_look(view, para)
        elif match.group(2).count(".") == 1:
            khoan += 1
    return items


def _structural(body: list[Para]) -> list[Para]:
    """Centred Phần/Chương/Mục headings and their caps titles, and lettered parts (A. ...):
    not running text."""
    out = []
    for index, para in enumerate(body):
        if lettered_part(clean(para.text)):
            out.append(para)
        elif STRUCTURAL.match(clean(para.text)):
            out.append(para)
            if index + 1 < len(body) and clean(body[index + 1].text).isupper():
                out.append(body[index + 1])
    return out


def _depth(para: Para) -> int:
    match = LABEL.match(clean(para.text))
    return match.group(2).count(".") if match and match.group(2) else 0


# --- what the reader sees, in words ------------------------------------------------------


def _pt(value: float) -> str:
    return f"{value:g}"


def _describe(look, keys: Iterable[str]) -> str:
    words = []
    for key in keys:
        if key in ("size", "sizes"):
            words.append("cỡ " + "/".join(_pt(s) for s in sorted(look.sizes)))
        elif key == "bold":
            words.append({frozenset({True}): "đậm", frozenset({False}): "không đậm"}.get(frozenset(look.bold), "đậm một phần"))
        elif key == "italic":
            words.append({frozenset({True}): "nghiêng", frozenset({False}): "đứng"}.get(frozenset(look.italic), "nghiêng một phần"))
        elif key == "align":
            words.append(f"căn {_ALIGN_WORDS.get(look.align, look.align)}")
    return ", ".join(words)


_ALIGN_WORDS = {"center": "giữa", "justify": "đều hai bên", "left": "trái", "right": "phải"}


def _expect_words(params: dict) -> str:
    words = []
    if "size" in params:
        words.append(f"cỡ {_pt(params['size'])}")
    if "sizes" in params:
        words.append(f"cỡ {_pt(params['sizes'][0])}-{_pt(params['sizes'][1])}")
    if "bold" in params:
        words.append("đậm" if params["bold"] else "không đậm")
    if "italic" in params:
        words.append("nghiêng" if params["italic"] else "đứng")
    if params.get("caps"):
        words.append("IN HOA")
    if params.get("underlined"):
        words.append("có gạch dưới")
    if "align" in params:
        words.append(f"căn {_ALIGN_WORDS[params['align']]}")
    return ", ".join(words)


def _size_ok(look, params: dict) -> bool:
    if "size" in params:
        return look.sizes == {params["size"]}
    if "sizes" in params:
        low, high = params["sizes"]
        return all(low <= s <= high for s in look.sizes)
    return True


def _format_problems(view: DocxView, para: Para, params: dict) -> list[str]:
    look = view.look(para)
    text = clean(para.text)
    problems = []
    if not _size_ok(look, params):
        problems.append(_describe(look, ["size"]))
    for key in ("bold", "italic"):
        if key in params and getattr(look, key) != {params[key]}:
            problems.append(_describe(look, [key]))
    if params.get("caps") and text != text.upper() and look.caps != {True}:
        problems.append("không IN HOA")
    if params.get("underlined") and look.underline != {True} and not look.border_bottom:
        problems.append("không có gạch dưới")
    if "align" in params and look.align != params["align"]:
        problems.append(_describe(look, ["align"]))
    if "first_line_min" in params and look.first_line + look.left < params["first_line_min"]:
        problems.append(f"thụt {look.first_line + look.left} twip")
    if "pattern" in params and not re.search(params["pattern"], text):
        problems.append(f"chữ «{text[:60]}» không đúng mẫu")
    return problems


# --- the check kinds --------------------------------------------------------------------
# Each returns (paragraph or None, expected, found, severity or None for the rule's own).

Issue = tuple[Optional[Para], str, str, Optional[str]]


def check_text_format(elements: Elements, rule: Rule) -> list[Issue]:
    issues = []
    for para in elements[rule.element]:
        problems = _format_problems(elements.view, para, rule.params)
        if problems:
            issues.append((para, _expect_words(rule.params) or "đúng mẫu", "; ".join(problems), None))
    return issues


def check_number_line(elements: Elements, rule: Rule) -> list[Issue]:
    para = elements[rule.element][0]
    text = clean(para.text)
    issues = []
    if not re.match(rule.params["pattern"], text):
        lenient = rule.params.get("lenient")
        severity = "warning" if lenient and re.match(lenient, text) else None
        issues.append((para, "dạng chuẩn, ví dụ " + ("'Số: 114-KH/ĐTN'" if "lenient" in rule.params
                                                     else "'Số: 08/KH-UBND'"), f"«{text}»", severity))
    look = elements.view.look(para)
    if not _size_ok(look, rule.params) or look.italic != {False}:
        issues.append((para, f"cỡ {_pt(rule.params['size'])}, đứng", _describe(look, ["size", "italic"]), None))
    return issues


def check_agency_lines(elements: Elements, rule: Rule) -> list[Issue]:
    issues = []
    lines = elements[rule.element]
    bolds = []
    for para in lines:
        look = elements.view.look(para)
        text = clean(para.text)
        if text != text.upper() and look.caps != {True}:
            issues.append((para, "IN HOA", "có chữ thường", None))
        if not _size_ok(look, {"sizes": rule.params["sizes"]}):
            issues.append((para, f"cỡ {_pt(rule.params['sizes'][0])}-{_pt(rule.params['sizes'][1])}",
                           _describe(look, ["size"]), None))
        bolds.append(look.bold == {True})
    # Where the issuing body's name starts: at a line like "BCH ĐOÀN ..." (the parent may
    # start so too: "BCH ĐOÀN TRƯỜNG" above "BCH CHI ĐOÀN 12A1", so the start that fits the
    # page best is taken), or at the first bold line below every such line (a one-level name
    # is all bold).
    starts = [i for i, p in enumerate(lines) if ISSUER_START.match(clean(p.text))]
    first_bold = bolds.index(True) if True in bolds else len(bolds) - 1
    if not starts or first_bold > starts[-1]:  # "BCH ..." may also end a parent's name
        starts.append(first_bold)

    def misplaced(first_issuer: int) -> list[Issue]:
        found = []
        for position, (para, bold) in enumerate(zip(lines, bolds)):
            if position < first_issuer and bold:
                found.append((para, "tên cơ quan cấp trên không đậm", "đậm", None))
            elif position >= first_issuer and not bold:
                found.append((para, "tên cơ quan ban hành đậm", "không đậm", None))
        return found

    return issues + min((misplaced(start) for start in starts), key=len)


def check_page(elements: Elements, rule: Rule) -> list[Issue]:
    page = elements.view.page_setup()
    issues = []
    width, height = rule.params["size_mm"]
    if not page.declared:
        return [(None, f"A4 {width}×{height} mm và lề theo quy định",
                 "văn bản không khai báo khổ giấy và lề (không có w:sectPr): "
                 "mỗi máy in theo khổ và lề mặc định của mình", None)]
    if page.width is None or page.height is None:
        issues.append((None, f"A4 {width}×{height} mm", "không khai báo khổ giấy (w:pgSz)", None))
    elif abs(page.width / 56.693 - width) > 1 or abs(page.height / 56.693 - height) > 1:
        issues.append((None, f"A4 {width}×{height} mm", f"{page.width / 56.693:.0f}×{page.height / 56.693:.0f} mm", None))
    if page.orientation != "portrait":
        issues.append((None, "khổ đứng", "khổ ngang", None))
    names = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
    for side, expected in rule.params["margins_mm"].items():
        low, high = expected if isinstance(expected, tuple) else (expected, expected)
        want = f"{low:g}-{high:g}" if low != high else f"{low:g}"
        if getattr(page, side) is None:
            issues.append((None, f"lề {names[side]} {want} mm", "không khai báo (w:pgMar)", None))
            continue
        actual = getattr(page, side) / 56.693
        if not low - 0.03 <= actual <= high + 0.03:
            issues.append((None, f"lề {names[side]} {want} mm", f"{actual:.1f} mm", None))
    return issues


def check_page_numbers(elements: Elements, rule: Rule) -> list[Issue]:
    page = elements.view.page_setup()
    default = page.headers.get("default")
    first = page.headers.get("first")
    issues = []
    if not has_page_field(default):
        return [(None, "số trang ở đầu trang từ trang 2", "không có trường số trang (PAGE)", None)]
    if not page.title_page or has_page_field(first):
        issues.append((None, "trang 1 không có số trang", "trang 1 có số trang", None))
    for paragraph in default.iter(w("p")):
        if has_page_field(paragraph):
            look = elements.view.look(paragraph)
            low, high = rule.params["sizes"]
            if look.align != "center" or not all(low <= s <= high for s in look.sizes) or True in look.italic:
                issues.append((None, f"căn giữa, cỡ {low}-{high}, đứng",
                               _describe(look, ["align", "size", "italic"]), None))
    return issues


def check_font(elements: Elements, rule: Rule) -> list[Issue]:
    allowed = set(rule.params["fonts"])
    for para in elements.view.paragraphs:
        if clean(para.text):
            fonts = elements.view.look(para).fonts - {None}
            if fonts - allowed:
                return [(para, " / ".join(sorted(allowed)), ", ".join(sorted(fonts - allowed)), None)]
    return []


def _limited(issues: list[Issue], limit: int = 5) -> list[Issue]:
    if len(issues) <= limit:
        return issues
    para, expected, found_, severity = issues[limit - 1]
    return issues[:limit - 1] + [(para, expected, f"{found_} (và {len(issues) - limit} đoạn khác)", severity)]


def check_body_format(elements: Elements, rule: Rule) -> list[Issue]:
    issues = []
    low, high = rule.params["first_line"]
    for para in elements[rule.element]:
        look = elements.view.look(para)
        problems = []
        if not _size_ok(look, rule.params):
            problems.append(_describe(look, ["size"]))
        # a heading may be set flush left (a wrapped heading is then not stretched)
        heading = look.align == "left" and HEADING_LIKE.match(clean(para.text))
        if look.align != rule.params["align"] and not heading:
            problems.append(_describe(look, ["align"]))
        indent = look.first_line
        if not low <= indent <= high:
            problems.append(f"thụt đầu dòng {indent / 567:.2f} cm")
        if problems:
            issues.append((para, _expect_words(rule.params) + f", thụt đầu dòng {low / 567:.2f}-{high / 567:.2f} cm",
                           "; ".join(problems), None))
    return _limited(issues)


def check_line_spacing(elements: Elements, rule: Rule) -> list[Issue]:
    issues = []
    low, high = rule.params["lines"]
    for para in elements[rule.element]:
        look = elements.view.look(para)
        if look.line_rule == "auto":
            lines = look.line / 240
        else:  # exact or at least, in twentieths: compare with a single line of the font
            lines = look.line / (max(look.sizes) * 20 * 1.15)
        if not low - 0.01 <= lines <= high + 0.01:
            issues.append((para, f"giãn dòng {low:g}-{high:g}", f"giãn dòng {lines:.2f}", None))
    return _limited(issues)


def check_paragraph_spacing(elements: Elements, rule: Rule) -> list[Issue]:
    issues = []
    for para in elements[rule.element]:
        look = elements.view.look(para)
        total = look.before + look.after
        if "max" in rule.params and total > rule.params["max"]:
            issues.append((para, f"tối đa {rule.params['max'] / 20:g} pt", f"{total / 20:g} pt", None))
        if "min" in rule.params and total < rule.params["min"]:
            issues.append((para, f"tối thiểu {rule.params['min'] / 20:g} pt", f"{total / 20:g} pt", None))
    return _limited(issues)


def _label_run_look(view: DocxView, para: Para):
    runs = [r for r in para.element.iter(w("r")) if "".join(t.text or "" for t in r.iter(w("t"))).strip()]
    return (view.run_property(para.element, runs[0], "b"), view.run_property(para.element, runs[0], "i"))


def check_label_format(elements: Elements, rule: Rule) -> list[Issue]:
    issues = []
    for para in elements[rule.element]:
        bold, _ = _label_run_look(elements.view, para)
        if bold != rule.params["bold"]:
            label = rule.params.get("label", "số khoản")
            issues.append((para, f"{label} đậm", f"{label} không đậm", None))
    return issues


def check_diem_format(elements: Elements, rule: Rule) -> list[Issue]:
    expected = {2: (True, True), 3: (None, True)}  # 1.1. bold italic; 1.1.1. italic
    issues = []
    for para in elements[rule.element]:
        bold, italic = _label_run_look(elements.view, para)
        want_bold, want_italic = expected[_depth(para)]
        if italic != want_italic or (want_bold is not None and bold != want_bold):
            words = "đậm nghiêng" if want_bold else "nghiêng"
            found_ = ("đậm" if bold else "không đậm") + ", " + ("nghiêng" if italic else "đứng")
            issues.append((para, words, found_, None))
    return issues


def check_numbering(elements: Elements, rule: Rule) -> list[Issue]:
    issues = []
    romans = 0
    path: list[int] = []
    parts = {p.index for p in elements["parts"]}  # the Mục restart at I. in each part
    for para in sorted(elements[rule.element] + elements["parts"], key=lambda p: p.index):
        if para.index in parts:
            romans, path = 0, []
            continue
        match = LABEL.match(clean(para.text))
        if match.group(1):
            expected = to_roman(romans + 1)
            if match.group(1) != expected:
                issues.append((para, f"mục {expected}.", f"mục {match.group(1)}.", None))
            romans += 1
            path = []
            continue
        numbers = [int(n) for n in match.group(2).split(".") if n]
        depth = len(numbers)
        following = path[depth - 1] + 1 if len(path) >= depth else 1
        expected_numbers = path[:depth - 1] + [following]
        if numbers != expected_numbers:
            issues.append((para, ".".join(map(str, expected_numbers)) + ".", match.group(2), None))
        path = numbers
    return issues


def _entries(paragraphs: list[Para]) -> list[tuple[Para, str]]:
    """Recipient entries; a line not starting with '-' continues the entry above."""
    entries: list[tuple[Para, str]] = []
    for para in paragraphs:
        text = clean(para.text)
        if entries and not text.startswith("-"):
            entries[-1] = (entries[-1][0], entries[-1][1] + " " + text)
        else:
            entries.append((para, text))
    return entries


def check_recipient_list(elements: Elements, rule: Rule) -> list[Issue]:
    issues = []
    paragraphs = elements[rule.element]
    for para in paragraphs:
        look = elements.view.look(para)
        if look.sizes != {rule.params["size"]}:
            issues.append((para, f"cỡ {rule.params['size']}", _describe(look, ["size"]), None))
    entries = _entries(paragraphs)
    for position, (para, text) in enumerate(entries):
        last = position == len(entries) - 1
        if not text.startswith("- "):
            issues.append((para, "bắt đầu bằng '- '", f"«{text[:40]}»", None))
        if last and not text.endswith("."):
            issues.append((para, "nơi cuối kết thúc bằng '.'", f"«{text[-30:]}»", None))
        if not last and not text.endswith(";"):
            issues.append((para, "kết thúc bằng ';'", f"«{text[-30:]}»", None))
    return issues


def check_archive_line(elements: Elements, rule: Rule) -> list[Issue]:
    entries = _entries(elements[rule.element])
    para, text = entries[-1]
    if not re.match(rule.params["pattern"], text):
        return [(para, "dòng Lưu cuối cùng", f"«{text[:60]}»", None)]
    return []


def _is_rule(view: DocxView, para: Optional[Para]) -> bool:
    if para is None:
        return False
    drawing = any(e.tag in (w("drawing"), w("pict")) for e in para.element.iter())
    drawn = not clean(para.text) and view.look(para).border_bottom  # an empty paragraph's border
    return drawing or drawn or bool(RULE_LINE.match(clean(para.text))) and "_" in para.text or "─" in para.text


def check_rule_below(elements: Elements, rule: Rule) -> list[Issue]:
    last = elements[rule.element][-1]
    view = elements.view
    look = view.look(last)
    if look.border_bottom or _is_rule(view, last):
        return []
    nearby = [p for p in view.paragraphs if p.index > last.index and p.place == last.place][:2]
    if any(_is_rule(view, p) for p in nearby):
        return []
    return [(last, "đường kẻ ngang nét liền bên dưới", "không thấy đường kẻ", None)]


def _cell_width_twips(element) -> Optional[int]:
    """The width of the table cell a paragraph sits in (its w:tcW in twips), if it says."""
    cell = next((a for a in element.iterancestors(w("tc"))), None)
    width = cell.find(f"{w('tcPr')}/{w('tcW')}") if cell is not None else None
    if width is None or width.get(w("type"), "dxa") != "dxa":
        return None
    try:
        return int(float(width.get(w("w"), "0")))
    except ValueError:
        return None


def check_fits_column(elements: Elements, rule: Rule) -> list[Issue]:
    """Each line of the name fits its column: a line too long wraps where nobody broke it."""
    issues = []
    for para in elements[rule.element]:
        cell = _cell_width_twips(para.element)
        look = elements.view.look(para)
        if not cell or not look.sizes:
            continue
        column_mm = cell / 56.693 - (look.left + max(look.first_line, 0)) / 56.693
        length = text_width_mm(clean(para.text), max(look.sizes), True in look.bold, True in look.italic)
        if length > column_mm:
            issues.append((para, f"nằm trên một dòng (cột rộng {_mm(column_mm)} mm)",
                           f"dài khoảng {_mm(length)} mm nên sẽ xuống dòng giữa chừng; hãy tách tên thành "
                           "hai dòng ở chỗ muốn ngắt (trong YAML ghi tên thành danh sách dòng: ten: [dòng 1, dòng 2]; "
                           "cap_tren cũng vậy)", None))
    return issues


def _mm(value: float) -> str:
    return f"{value:.0f}"


CHECKS: dict[str, Callable[[Elements, Rule], list[Issue]]] = {
    "fits_column": check_fits_column,
    "text_format": check_text_format,
    "number_line": check_number_line,
    "agency_lines": check_agency_lines,
    "page": check_page,
    "page_numbers": check_page_numbers,
    "font": check_font,
    "body_format": check_body_format,
    "line_spacing": check_line_spacing,
    "paragraph_spacing": check_paragraph_spacing,
    "label_format": check_label_format,
    "diem_format": check_diem_format,
    "numbering": check_numbering,
    "recipient_list": check_recipient_list,
    "archive_line": check_archive_line,
    "rule_below": check_rule_below,
}

_WHOLE_DOCUMENT = {"page", "page_numbers", "all_text"}
_OPTIONAL = {"headings", "headings_roman", "headings_khoan", "headings_diem", "signature_position",
             "articles", "issuing_authority", "signature_left_name"}
_OPTIONAL_FOR = {kind: {"number", "date", "recipients_label", "recipients"} for kind in TWO_SIGNATURES}
"""Parts a type may lack without a finding: minutes are filed, not sent (no number, no Nơi nhận)."""


def check_document(source: Union[str, Path, bytes], profile: Optional[str] = None,
                   name: str = "") -> Report:
    """Check a .docx (path or bytes) against the rules of ``profile`` (detected when None)."""
    try:
        view = DocxView(source, name)
    except DocxReadError:
        raise
    except MemoryError:
        raise DocxReadError(name or str(source), "không đủ bộ nhớ để đọc tệp. Hãy đóng bớt chương trình khác, "
                            "hoặc giảm giới hạn VANBAN_MAX_DOCX_MB để vanban từ chối sớm hơn.") from None
    except Exception as error:  # a case the reader does not foresee: say it is vanban's, not the file's
        raise DocxReadError(name or str(source), f"vanban gặp lỗi khi đọc tệp ({type(error).__name__}: {error}); "
                            "xin báo lại cho người bảo trì, kèm tệp nếu được.") from None
    profile = profile or detect_profile(view)
    if profile is None:
        raise ProfileNotDetectedError()
    if profile not in PROFILE_NAMES:
        raise ProfileNotFoundError(profile, list(PROFILE_NAMES))
    elements = locate(view)
    report = Report(name or str(source if not isinstance(source, bytes) else "văn bản"), profile)
    letter = bool(elements["subject"]) and not elements["type_name"]
    kind = document_kind(elements)
    for rule in rules_for(profile):
        if rule.scope == ("typed" if letter else "letter"):
            continue
        if rule.kinds and kind not in rule.kinds or kind in rule.not_kinds:
            continue
        base = dict(rule_id=rule.id, rule=rule.text, source=rule.source, element=rule.element)
        if rule.element not in _WHOLE_DOCUMENT and not elements[rule.element]:
            if rule.params.get("required"):
                report.findings.append(Finding(severity=rule.severity, expected="có", found="không thấy", **base))
            elif rule.element not in _OPTIONAL | _OPTIONAL_FOR.get(kind, set()):
                report.findings.append(Finding(severity="not_evaluated", found="không tìm thấy phần này", **base))
            continue
        for para, expected, found_, severity in CHECKS[rule.check](elements, rule):
            severity = severity or rule.severity
            report.findings.append(Finding(
                severity=severity, paragraph=para.index if para else None,
                excerpt=para.excerpt if para else "", expected=expected, found=found_, **base))
    return report


def verify(data: bytes, profile: str) -> Report:
    """Raise :class:`LayoutError` if a document vanban just rendered breaks a rule it must keep;
    else the report, whose warnings (a missing number, a name that wraps) the user should see."""
    report = check_document(data, profile, name="văn bản vừa tạo")
    if report.errors:
        raise LayoutError(report)
    return report
