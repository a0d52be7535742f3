"""``vanban import``: a Word document, vanban's or anyone's, read back into vanban's data.

The checker's :func:`~vanban._check.locate` finds the parts of the page (letterhead, number,
date, type name, trích yếu, Kính gửi, Nơi nhận, signature); this module reads each part's
words into the fields of the schema, and the body into the tree vanban numbers itself:
parts (``phan``), Mục, khoản and điểm (``tieu_de``), numbered paragraphs (``doan_so``),
numbered lists (``danh_sach_so``), bullets (``y``, ``y_con``), tables (``cot``, ``dong``)
and paragraphs, with the numbers and dashes the author typed taken off, since vanban writes
them. Bold, italic and underlined words inside a paragraph become ``**``, ``*`` and ``++``.

The types whose page vanban writes from fields of their own (Quyết định, Biên bản, Giấy mời,
Chương trình, the named parts of a Kế hoạch ...) are then given those fields by
:mod:`vanban._import_types`.

Nothing is dropped: a paragraph whose role is not recognised stays in the body as a
paragraph and is listed in :attr:`ImportResult.unplaced`; wherever the reader had to guess,
the YAML says so in a comment (``# vanban đoán: ...``). Each part is checked against the
schema as it is read; a part the schema refuses is kept as body text and listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Optional, Union

from pydantic import TypeAdapter, ValidationError

from ._check_parts import (
    ANNEX_LABEL, AUTHORITY, DATE, NUMBER, SUBJECT, detect_profile, lettered_part, locate, read_layout_frame,
)
from ._docx_read import DocxView, Para, Span, clean, excerpt, in_landscape_section, spans, style_id, table_cells
from ._numbers import format_number
from .errors import InputError
from .profiles import PROFILES
from .schemas.common import Text as CellText
from .schemas.common import (
    ArticleText, BasisText, BulletText, HeadingText, Issuer, Line, ListText, NumberedText, ParagraphText, Recipient,
    RecipientText, Signer,
)

TYPE_NAMES = {"KẾ HOẠCH": "ke-hoach", "HƯỚNG DẪN": "huong-dan", "BÁO CÁO": "bao-cao",
              "THÔNG BÁO": "thong-bao", "TỜ TRÌNH": "to-trinh", "QUYẾT ĐỊNH": "quyet-dinh",
              "NGHỊ QUYẾT": "nghi-quyet", "BIÊN BẢN": "bien-ban", "GIẤY MỜI": "giay-moi",
              "CHƯƠNG TRÌNH": "chuong-trinh"}
TYPE_CODES = {"KH": "ke-hoach", "HD": "huong-dan", "BC": "bao-cao", "CV": "cong-van", "TB": "thong-bao",
              "TTr": "to-trinh", "QĐ": "quyet-dinh", "NQ": "nghi-quyet", "BB": "bien-ban", "GM": "giay-moi",
              "CTr": "chuong-trinh"}
FALLBACK_TYPE = "ke-hoach"
END_MARK = "./."
DECISIONS = {"quyet-dinh", "nghi-quyet"}
"""Types whose body is Điều 1, Điều 2 ... under the issuing authority, the căn cứ and ``QUYẾT ĐỊNH:``."""
BODY_ENDS_IT = {"quyet-dinh", "nghi-quyet", "giay-moi"}
"""Types without a closing sentence: the end mark closes the body's last paragraph, which stays in the body."""
CLOSING_IF_WRITTEN = {"thong-bao", "to-trinh", "chuong-trinh"}
"""Types with no conventional closing: their last paragraph is a closing sentence only when it is
written as one (vanban's closing style; in another's file, a ``Kính trình``/``Trên đây`` sentence)."""
_CLOSING_WORDS = re.compile(r"^(?:\S+\s+){0,12}?(?:kính trình|trên đây)\b", re.IGNORECASE)

_LABEL = re.compile(
    r"^(?:(?P<roman>[IVXLC]+)\.|(?P<arabic>(?:\d+\.)+)|(?P<letter>[a-zđ]{1,2})\))[ \t\u00a0]+(?P<rest>\S.*)$",
    re.DOTALL,
)
_BULLET = re.compile(r"^(?P<mark>[-–—•+])[ \t\u00a0]+(?P<rest>\S.*)$", re.DOTALL)
_LETTERED_PART = re.compile(r"^(?![IVXLC]+\.)([A-Z])\1{0,2}\.\s+\S")
"""vanban's lettered part label (A., B. ... AA.), not a Roman Mục (I., II.)."""
_PART_LABEL = re.compile(r"^(Phần\s+[IVXLC]+|PHẦN\s+THỨ\s+\S+.*)$")
_MARK_DRAFT = re.compile(r"^DỰ THẢO(?: LẦN THỨ (\d+))?$")
_URGENCY = {"KHẨN", "THƯỢNG KHẨN", "HỎA TỐC", "HOẢ TỐC"}
_NUMBER_LINE = re.compile(r"^Số\s*:?\s*(?P<number>\d*)\s*(?P<sep>[-/])\s*(?P<symbol>[^\s]+)\s*$")
_DATE_LINE = re.compile(
    r"^(?P<place>[^,]+),\s*ngày\s*(?P<day>\d{1,2})?[\s.…]*tháng\s*(?P<month>\d{1,2})?[\s.…]*năm\s*(?P<year>\d{4})\s*$"
)
_PURPOSE = re.compile(r"^(?P<name>.*\S)[ \u00a0]\((?P<purpose>[^()]*)\)$")
"""A Nơi nhận entry's purpose in brackets after the name, as people write it."""
_VANBAN_PURPOSE = re.compile(r"^(?P<name>.*\S) \((?P<purpose>[^ ]+)\)$")
"""A Nơi nhận entry's purpose as vanban writes it: one plain space after the name, then in
brackets with every space a no-break space, so that it may hold brackets of its own."""
_VIETNAMESE_NUMBER = re.compile(r"^-?\d{1,3}(?:\.\d{3})*(?:,\d+)?$")
_ARTICLE = re.compile(r"^Điều\s+(?P<number>\d+)\s*[.:]\s+(?P<rest>\S.*)$", re.DOTALL)


@dataclass
class Unplaced:
    """A paragraph whose role the reader did not recognise (kept in the body as a paragraph)."""

    paragraph: int
    text: str
    reason: str

    def __str__(self) -> str:
        return f"đoạn {self.paragraph}: «{excerpt(self.text)}» ({self.reason})"


@dataclass
class ImportResult:
    """What ``vanban import`` read: the data (YAML keys), the model it validates to, the
    guesses (``path`` in the data -> what was guessed) and what it could not place."""

    source: str
    data: dict
    document: Any
    guesses: dict = field(default_factory=dict)
    unplaced: list[Unplaced] = field(default_factory=list)
    converted_from: Optional[str] = None
    invented: list[str] = field(default_factory=list)
    """What the data holds that the document does not say (a placeholder for a part vanban did not
    find, another type's name): a copy rendered from it would not be the document word for word."""
    in_one_table: bool = False
    """The page was laid out in one table (letterhead, body and signature in its cells), read as
    the checker reads it: the rows across the table as the body, the rows of cells as the
    letterhead's and the signature's tables."""
    annex_of: Optional[str] = None
    """The reference line of a document that is an annex on its own ("Kèm theo Nghị định số ..."):
    its letterhead, signature and Nơi nhận are its main document's, so those parts are not there."""

    def to_yaml(self) -> str:
        from ._yaml_out import dump

        lines = [f"# Nhập từ {Path(self.source).name} bằng vanban import."]
        if self.converted_from:
            lines.append("# Tệp .doc đã được LibreOffice chuyển sang .docx trước khi đọc.")
        if self.annex_of:
            lines.append(f"# Văn bản là một phụ lục đứng riêng {self.annex_of}: phần đầu, chữ ký và nơi nhận là của "
                         "văn bản chính; vanban ghi các chữ của phụ lục vào nội dung.")
        if self.in_one_table:
            lines.append("# Cả văn bản được trình bày trong một bảng: vanban đọc hàng trải hết bề ngang bảng như "
                         "thân văn bản, các hàng chia ô như phần đầu và chữ ký; bản vanban viết lại không dùng bảng đó.")
        lines.append("# Hãy xem các dòng '# vanban đoán:' và sửa nếu vanban đoán sai.")
        if self.unplaced:
            lines.append("# Các đoạn vanban chưa xếp được (đã ghi vào nội dung dưới dạng đoạn văn):")
            lines += [f"#   - {item}" for item in self.unplaced]
        return "\n".join(lines) + "\n\n" + dump(self.data, self.guesses)

    def report(self) -> str:
        lines = []
        if self.guesses:
            lines.append(f"vanban đã đoán {len(self.guesses)} chỗ (xem các dòng '# vanban đoán:' trong tệp YAML).")
        if self.unplaced:
            lines.append(f"{len(self.unplaced)} đoạn chưa xếp được vào phần nào, đã ghi vào nội dung như đoạn văn:")
            lines += [f"  - {item}" for item in self.unplaced]
        return "\n".join(lines)


def _valid(annotation, value) -> bool:
    try:
        TypeAdapter(annotation).validate_python(value)
    except (ValidationError, ValueError):
        return False
    return True


def _kept(annotation, value) -> bool:
    """Whether the schema takes ``value`` exactly as it is (not trimmed or otherwise changed)."""
    try:
        return TypeAdapter(annotation).validate_python(value) == value
    except (ValidationError, ValueError):
        return False


def plain(text: str) -> str:
    """A paragraph's words as typed: tabs and runs of plain spaces as one space, no blank
    lines. Other spaces (no-break, thin, zero-width) are the author's, or vanban's own
    (a phrase kept on one line), and stay: vanban writes them back as they are."""
    lines = (re.sub(r"[ \t]+", " ", line).strip(" ") for line in text.split("\n"))
    return unkept("\n".join(line for line in lines if line.strip()))


def unkept(text: str) -> str:
    """``text`` with the no-break spaces vanban itself puts in a phrase it keeps on one line
    ("năm\u00a02021", "Hồ\u00a0Chí\u00a0Minh") as the spaces the author typed: vanban puts them back
    when it writes the text. A no-break space vanban would not write there is the author's and stays."""
    if NO_BREAK_SPACE not in text:
        return text
    from ._display import keep_together

    spaced = text.replace(NO_BREAK_SPACE, " ")
    kept = keep_together(spaced)
    if len(kept) != len(text):
        return text
    return "".join(" " if c == NO_BREAK_SPACE and k == NO_BREAK_SPACE else c for c, k in zip(text, kept))


NO_BREAK_SPACE = "\u00a0"


def _purpose_words(shown: str) -> str:
    """A Nơi nhận purpose as typed, from the page: vanban keeps "(để b/c)" on one line by
    making each of its spaces a no-break space, and the text types keep a typed no-break space.
    In a run of no-break spaces, one is vanban's (a typed run of plain spaces is one space) and
    the rest were typed ("để\u00a0 b/c" is shown "để\u00a0\u00a0b/c"): the run comes back as
    them and one plain space, which vanban shows as the same run."""
    return re.sub("\u00a0+", lambda run: run.group()[1:] + " ", shown)


def one_line(text: str) -> str:
    """A text for a field of one line: its line breaks as spaces."""
    return re.sub(r" *\n *", " ", text)


def _escape(text: str) -> str:
    return text.replace("\\*", "\\\\*").replace("*", "\\*")


def marked(view: DocxView, para: Para, drop: tuple = ()) -> str:
    """The paragraph's words with its inline emphasis as vanban's Markdown (``**``, ``*``, ``++``);
    emphasis that covers the whole paragraph is the paragraph's look, not a word's, and
    ``drop`` names the kinds never written (the bold of a heading)."""
    pieces = [Span(plain_run(s.text), s.bold, s.italic, s.underline) for s in spans(view, para.element)]
    pieces = [s for s in pieces if s.text]
    written = [s for s in pieces if s.text.strip()]
    if not written:
        return plain(para.text)
    # emphasis over the whole paragraph is its style's look, unless vanban's style has none of that
    # kind: a body paragraph bold from end to end is bold words (a "**LƯU Ý:**" line), an italic
    # caption italic words
    own = _style_emphasis(style_id(para.element) or "")
    kinds = [k for k in ("bold", "italic", "underline") if k not in drop
             and (own is not None and k not in own or not all(getattr(s, k) for s in written))]
    out = []
    for piece in pieces:
        text = _escape(piece.text)
        on = [k for k in kinds if getattr(piece, k)]
        if not on or not text.strip():
            out.append(text)
            continue
        lead = text[:len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):]
        core = text.strip()
        for kind in on:
            mark = {"bold": "**", "italic": "*", "underline": "++"}[kind]
            core = f"{mark}{core}{mark}"
        out.append(lead + core + trail)
    result = "".join(out)
    for mark in ("**", "*", "++"):  # "**a** **b**" is one bold stretch, but "**a** *b*" is not
        edge = re.escape(mark[0])
        result = re.sub(rf"(?<!{edge}){re.escape(mark)} {re.escape(mark)}(?!{edge})", " ", result)
    return plain(result)


def _style_emphasis(style: str) -> Optional[set]:
    """The emphasis vanban's paragraph style ``style`` gives its words in some profile; None for
    another's style (whose look is not known)."""
    key = _style_keys().get(style) if style.startswith("VB") else None
    if key is None:
        return None
    figures = [profile.figures.get(key) for profile in PROFILES.values()]
    return {kind for kind in ("bold", "italic", "underline") for figure in figures
            if figure is not None and getattr(figure, kind, False)}


@lru_cache(maxsize=1)
def _style_keys() -> dict:
    from .profiles import STYLE_NAMES

    return {name.replace(" ", ""): key for key, name in STYLE_NAMES.items()}


def before_end_mark(shown: str) -> str:
    """The words of a paragraph vanban closed with its end mark ("... năm 2023./."): a full stop
    typed before "/." or not is the same page (vanban writes "./." after one without doubling it);
    one is kept after words, none after a bracket or a mark, as long as vanban writes the same line."""
    from ._display import with_end_mark

    if not shown.endswith(END_MARK):
        return shown.rstrip("/.")
    words = shown[:-len(END_MARK)]
    if words.endswith(tuple(".!?…:;)]”\"'*")) and with_end_mark(words, END_MARK) == shown:
        return words  # "(... kèm theo)./.": a bracket or a mark ends it, no full stop was typed
    if with_end_mark(shown[:-2], END_MARK) == shown:
        return shown[:-2]
    return words.rstrip()


def sentence(text: str) -> str:
    """``text`` that stood before vanban's end mark, with the full stop the mark may have taken:
    only where vanban writes the same "./." after both (not after "/", say)."""
    from ._display import with_end_mark

    full = text + "."
    return full if with_end_mark(full, END_MARK) == with_end_mark(text, END_MARK) else text


def plain_run(text: str) -> str:
    return text.replace("\t", " ")


def strip_label(text: str, label: str) -> str:
    """``text`` without its leading ``label`` (and the emphasis marks around the label)."""
    for opener in ("***", "**", "*", ""):
        candidate = f"{opener}{label}"
        if text.startswith(candidate):
            rest = text[len(candidate):]
            closer = opener if rest.startswith(opener) else ""
            rest = rest[len(closer):] if closer else rest
            if opener and not closer:
                return (opener + rest.lstrip()).strip()
            return rest.strip()
    return text


# --- the reader ----------------------------------------------------------------------------


class _Reader:
    def __init__(self, view: DocxView, profile: Optional[str]):
        self.view = view
        self.elements = locate(view)
        # the layout the page has: a Union issuer under the Quốc hiệu is laid out as NĐ 30 says
        # (the checker tells it as a mistake; the copy keeps it)
        self.profile = profile or ("nha-nuoc" if self.elements["national_name"] else detect_profile(view))
        self.guesses: dict = {}
        self.unplaced: list[Unplaced] = []
        self.invented: list[str] = []
        self.used: set[int] = set()
        self.paragraphs = [p for p in view.paragraphs if not p.nested]
        self.nested = [p for p in view.paragraphs if p.nested]
        self.kind = FALLBACK_TYPE

    def guess(self, path: tuple, text: str) -> None:
        self.guesses.setdefault(path, []).append(text)

    def use(self, *paras: Para) -> None:
        self.used.update(p.index for p in paras)

    def part(self, name: str) -> list[Para]:
        return self.elements[name]

    # --- the whole document ---------------------------------------------------------------

    def read(self) -> dict:
        data: dict = {}
        kind = self.kind = self._type()
        data["loai"] = kind
        if self.profile is None:
            self.profile = "nha-nuoc" if kind == "cong-van" and not self.part("union_title") else "doan"
            self.guess(("the_thuc",), "văn bản không có 'ĐOÀN TNCS HỒ CHÍ MINH' hay Quốc hiệu; chọn thể thức "
                       f"'{self.profile}'")
            data["the_thuc"] = self.profile
        elif self.profile == "nha-nuoc":
            data["the_thuc"] = "nha-nuoc"
        self.use(*self.part("union_title"), *self.part("national_name"), *self.part("national_motto"),
                 *self.part("agency_mark"))
        self._marks(data)
        self._issuer(data)
        self._number(data, kind)
        self._date(data)
        self._title(data, kind)
        self._addressees(data, kind)
        if kind in DECISIONS:
            self._authority(data)
        header_end = max(self.used, default=0)
        closing_start, closing_end = self._closing_block(data)
        annex_start = self._annex_start(header_end) if closing_start is None else None
        body_end = closing_start if closing_start is not None else annex_start
        self._body(data, header_end, body_end)
        self._annexes(data, closing_end if closing_end is not None else
                      annex_start - 1 if annex_start is not None else None)
        self._leftovers(data)
        return data

    # --- the head of the page ---------------------------------------------------------------

    def _type(self) -> str:
        type_name = self.part("type_name")
        if type_name:
            self.use(*type_name)
            name = clean(type_name[0].text).upper()
            if name in TYPE_NAMES:
                return TYPE_NAMES[name]
            self.guess(("loai",), f"vanban chưa có loại '{name}'; tạm ghi là '{FALLBACK_TYPE}' "
                       f"(tên loại '{name}' sẽ đổi thành tên của loại này)")
            self.unplaced.append(Unplaced(type_name[0].index, type_name[0].text, "tên loại vanban chưa có"))
            self.invented.append(f"vanban chưa có loại văn bản '{name}'")
            self.used.discard(type_name[0].index)
            return FALLBACK_TYPE
        if not self.part("subject"):  # a letter without a number line: its V/v stands in the letterhead
            table = self._letterhead_table()
            subject = next((p for p in self.paragraphs if table is not None and p.table == table
                            and SUBJECT.match(clean(p.text))), None)
            if subject is not None:
                self.elements.parts["subject"] = [subject]
        if self.part("subject"):
            return "cong-van"
        number = self.part("number")
        code = re.search(rf"[-/]({'|'.join(TYPE_CODES)})\\b", clean(number[0].text)) if number else None
        if code:
            self.guess(("loai",), f"không thấy tên loại; đoán theo ký hiệu '{code.group(1)}' trong số")
            if TYPE_CODES[code.group(1)] != "cong-van":
                self.invented.append("không thấy tên loại văn bản (vanban sẽ viết tên loại)")
            return TYPE_CODES[code.group(1)]
        self.guess(("loai",), f"không thấy tên loại văn bản; tạm ghi là '{FALLBACK_TYPE}'")
        self.invented.append("không thấy tên loại văn bản (vanban sẽ viết tên loại)")
        return FALLBACK_TYPE

    def _letterhead_table(self) -> Optional[int]:
        for name in ("national_name", "union_title", "number", "date", "agency"):
            for para in self.part(name):
                if para.table is not None:
                    return para.table
        return None

    def _in_head(self, para: Para) -> bool:
        """In the letterhead table, or above the type name, the trích yếu and Kính gửi."""
        stop = min((p.index for name in ("type_name", "title", "addressees") for p in self.part(name)), default=None)
        table = self._letterhead_table()
        return table is not None and para.table == table or stop is not None and para.index < stop

    def _marks(self, data: dict) -> None:
        for para in self.paragraphs:
            if para.index in self.used or not self._in_head(para):
                continue
            text = clean(para.text).upper()
            draft = _MARK_DRAFT.match(text)
            if draft:
                data["du_thao"] = int(draft.group(1)) if draft.group(1) else True
            elif text == "MẬT":
                data["do_mat"] = "MẬT"
            elif text in _URGENCY:
                data["do_khan"] = text.replace("HOẢ", "HỎA")
            else:
                continue
            self.use(para)

    def _agency_without_number(self) -> list[Para]:
        """The names of a letterhead with no number line (nor ***, which ``locate`` starts from):
        the lines beside the national name or the Union's title, in the other column of their table."""
        motto = (self.part("national_name") or self.part("union_title"))
        stop = min((p.index for name in ("type_name", "title", "subject", "number", "date") for p in self.part(name)),
                   default=None)
        if not motto or motto[0].table is None:
            return []
        return [p for p in self.paragraphs if p.table == motto[0].table and p.column != motto[0].column
                and (stop is None or p.index < stop) and clean(p.text) and p.index not in self.used
                and not DATE.search(clean(p.text)) and not NUMBER.match(clean(p.text))
                and not SUBJECT.match(clean(p.text))
                and clean(p.text) not in ("***", "*")]

    def _issuer(self, data: dict) -> None:
        agency = self.part("agency") or self._agency_without_number()
        lines = [(p, line) for p in agency for line in plain(p.text).split("\n") if line.strip()]
        if not lines:
            data["co_quan_ban_hanh"] = {"ten": ["(chưa rõ)"]}
            self.invented.append("không thấy tên cơ quan ban hành")
            self.guess(("co_quan_ban_hanh",), "không thấy tên cơ quan ban hành: hãy ghi tên cơ quan")
            return
        bold = [i for i, (p, _) in enumerate(lines) if self.view.look(p).bold == {True}]
        first = bold[0] if bold else 0
        if not bold and len(lines) > 1:
            self.guess(("co_quan_ban_hanh",), "không dòng nào in đậm: xếp mọi dòng vào tên cơ quan ban hành")
        texts = [line for _, line in lines]
        issuer = {"cap_tren": texts[:first], "ten": texts[first:]}
        if not _valid(Issuer, issuer):  # a line opening "BCH ..." below the first: the parent is above it
            from .rules import ISSUING_BODY_START

            starts = [i for i, t in enumerate(texts) if i and re.match(ISSUING_BODY_START, t.upper())]
            if starts:
                issuer = {"cap_tren": texts[:starts[-1]], "ten": texts[starts[-1]:]}
        if not issuer["cap_tren"]:
            del issuer["cap_tren"]
        data["co_quan_ban_hanh"] = issuer
        self.use(*(p for p, _ in lines))

    def _number(self, data: dict, kind: str) -> None:
        number = self.part("number")
        if not number:
            data["so"] = "khong"
            if not self.part("agency"):
                return
            self.guess(("so",), "không thấy dòng 'Số:'; văn bản không có số")
            return
        para = number[0]
        text = plain(para.text)
        found = _NUMBER_LINE.match(text)
        if not found:  # not a number line after all
            data["so"] = "khong"
            return
        self.use(para)
        if found.group("number"):
            data["so"] = int(found.group("number"))
        else:
            self.guess(("so",), "số để trống (điền tay)")
        symbol = found.group("symbol")
        type_codes = {code for code, name in TYPE_CODES.items() if name == kind}
        if self.profile == "nha-nuoc":
            pieces = symbol.replace("/", "-").split("-")
            if pieces[0] in type_codes | set(TYPE_CODES):
                pieces = pieces[1:]
        else:
            head, _, rest = symbol.partition("/")
            pieces = rest.split("-") if rest else head.split("-")
        issuer = data.setdefault("co_quan_ban_hanh", {})
        if pieces and pieces[0]:
            issuer["ky_hieu"] = pieces[0]
        if len(pieces) > 1:
            data["don_vi_soan_thao"] = "-".join(pieces[1:])

    def _date(self, data: dict) -> None:
        date = self.part("date")
        if not date:
            return
        para = date[0]
        found = _DATE_LINE.match(plain(para.text).replace("\n", " "))
        if not found:  # not a date line after all: a body paragraph that names a day
            return
        year, month, day = found.group("year"), found.group("month"), found.group("day")
        value = year + (f"-{int(month):02d}" + (f"-{int(day):02d}" if day else "") if month else "")
        if day and not month:
            self.guess(("ngay",), f"có ngày {day} nhưng thiếu tháng: chỉ ghi năm")
        if not _valid(Line, found.group("place").strip()) or "," in found.group("place"):
            self.unplaced.append(Unplaced(para.index, para.text, "địa danh không đọc được"))
            return
        self.use(para)
        data["dia_danh"] = found.group("place").strip()
        data["ngay"] = value

    def _title(self, data: dict, kind: str) -> None:
        if kind == "cong-van" and self.part("subject"):
            para = self.part("subject")[0]
            text = plain(para.text)
            text = re.sub(r"^V/v\s*", "", text, flags=re.IGNORECASE)
            data["trich_yeu"] = text
            self.use(para)
            return
        title = self.part("title")
        if title:
            # the author's line breaks stay: vanban breaks a title itself only where none is written
            text = "\n".join(marked(self.view, p) for p in title)
            data["trich_yeu"] = self._unbalanced(self._unbroken(text, title))
            self.use(*title, *self.part("title_rule"))
        else:
            data["trich_yeu"] = "(chưa có trích yếu)"
            self.invented.append("không thấy trích yếu")
            self.guess(("trich_yeu",), "không thấy trích yếu: hãy ghi trích yếu của văn bản")

    def _unbroken(self, title: str, paragraphs: list[Para]) -> str:
        """A long trích yếu on one line, bold from end to end: vanban balances a long one over two
        lines unless it holds emphasis, so this one was typed in bold ("**...**"), which the title's
        own bold hides; without the marks it would come back broken in two."""
        if "\n" in title or "*" in title or self.profile not in PROFILES \
                or any(self.view.look(p).bold != {True} for p in paragraphs):
            return title
        from ._display import balanced_title

        return f"**{title}**" if balanced_title(title, PROFILES[self.profile]) != title else title

    def _unbalanced(self, title: str) -> str:
        """The trích yếu without the line breaks vanban makes itself (balancing a long one over
        two lines); breaks it would not make are the author's and stay."""
        if "\n" not in title or self.profile not in PROFILES:
            return title
        from ._display import balanced_title

        joined = re.sub(r" *\n *", " ", title)
        return joined if balanced_title(joined, PROFILES[self.profile]) == title else title

    def _addressees(self, data: dict, kind: str) -> None:
        lines = self.part("addressees")
        if not lines:
            if kind == "cong-van":
                self.guess(("kinh_gui",), "công văn không có 'Kính gửi': hãy ghi nơi nhận trực tiếp")
                data["kinh_gui"] = ["(chưa rõ)"]
                self.invented.append("công văn không có 'Kính gửi'")
            return
        first = plain(lines[0].text)
        names = []
        after = re.sub(r"^Kính gửi\s*:?\s*", "", first).strip()
        if after:
            names.append(after)
        for para in lines[1:]:
            names.append(re.sub(r"^[-–]\s*", "", plain(para.text)).rstrip(";.,").strip())
        if all(_valid(RecipientText, n) for n in names) and names:
            data["kinh_gui"] = names
            self.use(*lines)

    def _authority(self, data: dict) -> None:
        """A decision's issuing authority, the line in capitals above its căn cứ (as the page
        shows it: vanban writes it in capitals whatever the case it is given in)."""
        from .schemas.common import Text

        authority = self.part("issuing_authority")
        text = marked(self.view, authority[0]) if authority else ""
        if authority and _valid(Text, text):
            data["tham_quyen_ban_hanh"] = text
            self.use(authority[0])

    # --- the end of the page ------------------------------------------------------------------

    def _closing_block(self, data: dict) -> tuple[Optional[int], Optional[int]]:
        """Nơi nhận and signer; returns the first and the last paragraph index of the block."""
        if self.kind == "bien-ban" and not self.part("signature_left_first"):
            self._styled_signatures()
        label = self.part("recipients_label")
        entries = self.part("recipients")
        signer = self.part("signature_titles") + self.part("signature_name")
        block = label + entries + signer
        if not block:
            return None, None
        start = min(p.index for p in block)
        table = next((p.table for p in block if p.table is not None), None)
        members = [p for p in self.paragraphs if table is not None and p.table == table]
        end = max(p.index for p in block + members)
        if label:
            self.use(*label)
            self._recipients(data, entries)
        if signer and self.kind == "bien-ban" and self.part("signature_left_first"):
            self._two_signatures(data)
        elif signer:
            self._signer(data, self.part("signature_titles"), self.part("signature_name")[0])
        return start, end

    def _styled_signatures(self) -> None:
        """A Biên bản's two signatures in vanban's signature styles, where the words did not tell
        them (a name in capitals reads as a title)."""
        names = [p for p in self.paragraphs if style_id(p.element) == "VBSignerName" and clean(p.text)]
        if len(names) != 2 or names[0].table is None or names[0].table != names[1].table \
                or names[0].column == names[1].column:
            return
        left, right = sorted(names, key=lambda p: p.column)
        for name, first, last, titles in ((left, "signature_left_first", "signature_left_name", None),
                                          (right, "signature_first", "signature_name", "signature_titles")):
            column = [p for p in self.paragraphs if p.table == name.table and p.column == name.column
                      and clean(p.text) and p.index <= name.index]
            self.elements.parts[first] = [column[0]]
            self.elements.parts[last] = [name]
            if titles:
                self.elements.parts[titles] = column[:-1]

    def _two_signatures(self, data: dict) -> None:
        """A Biên bản's two signatures side by side: (title lines, name) of each, left then right,
        for the minutes' reading (``_import_types``) to match with the thư ký and the chủ tọa."""
        first = self.part("signature_left_first")[0]
        # NĐ 30 Mẫu 1.9: a state body's minutes have their Nơi nhận under the thư ký's signature
        label = next((p.index for p in self.part("recipients_label") if p.table == first.table), None)
        left = [p for p in self.paragraphs if p.table == first.table and p.column == first.column
                and p.index >= first.index and clean(p.text) and (label is None or p.index < label)]
        right = self.part("signature_titles") + self.part("signature_name")
        data["_signatures"] = [([plain(p.text) for p in column[:-1]], one_line(plain(column[-1].text)), column)
                               for column in (left, right)]
        self.use(*left, *right)

    def _recipients(self, data: dict, entries: list[Para]) -> None:
        recipients = []
        lines = [(p, line) for p in entries for line in plain(p.text).split("\n") if line.strip()]
        for para, line in lines:
            text = re.sub(r"^[-–+•]\s*", "", line).rstrip(";.,").strip()
            archive = re.match(r"^Lưu\s*:?\s*(.*)$", text)
            if archive and (para, line) == lines[-1]:
                if archive.group(1).strip():
                    data["luu"] = archive.group(1).strip().rstrip(";.,: ")
                self.use(para)
                continue
            if text == "Như trên" and data.get("kinh_gui"):
                self.use(para)
                continue
            purpose = _VANBAN_PURPOSE.match(text) or _PURPOSE.match(text)
            entry: Union[str, dict] = text
            purpose_words = _purpose_words(purpose.group("purpose")) if purpose else ""
            if purpose and _valid(Recipient, {"ten": purpose.group("name"), "muc_dich_gui": purpose_words}):
                entry = {"ten": purpose.group("name"), "muc_dich_gui": purpose_words}
            if not _valid(Recipient, entry):
                self.unplaced.append(Unplaced(para.index, line, "nơi nhận không đọc được"))
                continue
            recipients.append(entry)
            self.use(para)
        if recipients:
            data["noi_nhan"] = recipients

    def _signer(self, data: dict, titles: list[Para], name: Para) -> None:
        lines = [line for p in titles for line in plain(p.text).split("\n") if line.strip()]
        signer: dict = {}
        rest = []
        for line in lines:
            found = AUTHORITY.match(line)
            if found and not rest:
                authority, whom = line.split(".", 1)
                if "tham_quyen" not in signer:
                    signer["tham_quyen"] = authority + "."
                    signer["thay_mat"] = whom.strip()
                elif authority == "KT" and signer["tham_quyen"] == "TM." and "ky_thay" not in signer:
                    signer["ky_thay"] = whom.strip()
                else:
                    rest.append(line)
            else:
                rest.append(line)
        signer["chuc_vu"] = " ".join(rest) if rest else ""
        signer["ho_ten"] = one_line(plain(name.text))
        if not rest:
            self.guess(("nguoi_ky",), "không thấy chức vụ người ký")
        if _valid(Signer, signer):
            data["nguoi_ky"] = signer
            self.use(*titles, name)
        else:
            self.guess(("nguoi_ky",), "khối chữ ký không đọc được; các dòng của nó ghi vào nội dung")

    def _annex_start(self, header_end: int) -> Optional[int]:
        """A ``Phụ lục`` label after some body text (a file that opens with one is an annex itself)."""
        written = [p for p in self.paragraphs if p.index > header_end and clean(p.text) and p.index not in self.used]
        labels = [p.index for p in written[1:] if p.place == "body" and ANNEX_LABEL.match(clean(p.text))]
        return labels[0] if labels else None

    # --- the body ------------------------------------------------------------------------------

    def _body_paragraphs(self, start: int, end: Optional[int]) -> list[Para]:
        closing_tables = {p.table for p in self.paragraphs if p.table is not None and p.index in self.used}
        return [p for p in self.paragraphs if p.index > start and (end is None or p.index < end)
                and p.index not in self.used and p.table not in closing_tables]

    def _body(self, data: dict, start: int, end: Optional[int]) -> None:
        paragraphs = self._body_paragraphs(start, end)
        operative = self.part("operative") if self.kind in DECISIONS else []
        if operative and operative[0] in paragraphs:
            before = [p for p in paragraphs if p.index < operative[0].index]
            bases = self._bases(before, every=True)
            self.use(operative[0])
        else:
            bases = self._bases(paragraphs)
        if bases:
            data["can_cu"] = bases
        paragraphs = [p for p in paragraphs if p.index not in self.used]
        body = _Body(self, paragraphs, data)
        body.build()

    def _bases(self, paragraphs: list[Para], every: bool = False) -> list[str]:
        """The căn cứ opening the body: vanban's căn cứ style, or italic lines opening "Căn cứ";
        ``every``: all of ``paragraphs`` (a decision's lines above its ``QUYẾT ĐỊNH:``)."""
        written = [p for p in paragraphs if clean(p.text)]
        bases = []
        for para in written:
            text = plain(para.text)
            style = style_id(para.element) or ""
            styled = style == "VBBasis"
            # above a decision's QUYẾT ĐỊNH: the căn cứ, then what vanban writes as the opening (mo_dau)
            if every and style.startswith("VB") and not styled:
                break
            if not (every or styled or text.startswith("Căn cứ") and self.view.look(para).italic == {True}):
                break
            bases.append((para, text))
        if not bases:
            return []
        last_mark = "." if self.profile == "nha-nuoc" else ","
        out = []
        for i, (para, text) in enumerate(bases):
            mark = ";" if i < len(bases) - 1 else last_mark
            out.append(text[:-1].rstrip() if text.endswith(mark) else text)
        if self.profile in PROFILES:
            from ._display import basis_lines

            # a mark vanban would not have added ("... soạn ,": typed with its space) is the author's
            shown = basis_lines(out, PROFILES[self.profile])
            out = [base if line == text else text for base, line, (_, text) in zip(out, shown, bases)]
        if all(_valid(BasisText, t) for t in out):
            self.use(*(p for p, _ in bases))
            return out
        return []

    def _annexes(self, data: dict, closing_end: Optional[int]) -> None:
        if closing_end is None:
            return
        after = [p for p in self.paragraphs if p.index > closing_end and p.index not in self.used]
        if not any(clean(p.text) for p in after):
            return
        annexes = []
        groups: list[list[Para]] = []
        for para in after:
            if para.place == "body" and ANNEX_LABEL.match(clean(para.text)) or not groups:
                groups.append([])
            groups[-1].append(para)
        for index, group in enumerate(groups):
            annex: dict = {}
            rest = group
            written = [p for p in group if clean(p.text)]
            if written and ANNEX_LABEL.match(clean(written[0].text)):
                self.use(written[0])
                if in_landscape_section(written[0].element):
                    annex["huong"] = "ngang"
                following = written[1:3]
                if following and not clean(following[0].text).startswith("("):
                    annex["tieu_de"] = one_line(marked(self.view, following[0]))
                    self.use(following[0])
                    following = written[2:4]
                if following and clean(following[0].text).startswith("(") and clean(following[0].text).endswith(")"):
                    reference = plain(following[0].text).replace("\n", " ")[1:-1].strip(" ")
                    annex["kem_theo"] = reference
                    self.use(following[0])
            if not annex and not written:
                continue  # the empty paragraphs after the signature
            rest = [p for p in group if p.index not in self.used]
            holder: dict = {}
            _Body(self, rest, holder, annex=True).build()
            if not holder.get("noi_dung"):
                continue  # a label without content, or text before the first label: listed as unplaced
            annex["noi_dung"] = holder["noi_dung"]
            annexes.append(annex)
        if annexes:
            data["phu_luc"] = annexes

    def _leftovers(self, data: dict) -> None:
        """Every paragraph not read into a field goes into the body as a paragraph, listed."""
        listed = {u.paragraph for u in self.unplaced}
        for para in self.paragraphs + self.nested:
            if para.index in self.used or not clean(para.text) or para.index in listed:
                continue
            self.unplaced.append(Unplaced(para.index, para.text, "không nhận ra vai trò"))
        if not self.unplaced:
            return
        self.unplaced.sort(key=lambda u: u.paragraph)
        content = data.setdefault("noi_dung", [])
        first_body = _first_index(data.get("_indices", []))
        before = [u for u in self.unplaced if first_body is not None and u.paragraph < first_body]
        after = [u for u in self.unplaced if u not in before]
        items = [_safe_paragraph(plain(u.text)) for u in before]
        opening = data.pop("mo_dau", [])
        data["noi_dung"] = items + [*opening, *content] + [_safe_paragraph(plain(u.text)) for u in after]
        for offset, _ in enumerate(before):
            self.guess(("noi_dung", offset), "đoạn chưa rõ vai trò, tạm ghi là đoạn văn")
        for offset, _ in enumerate(after):
            self.guess(("noi_dung", len(data["noi_dung"]) - len(after) + offset),
                       "đoạn chưa rõ vai trò, tạm ghi là đoạn văn")


def _safe_text(text: str) -> str:
    return text


def _first_index(indices: list) -> Optional[int]:
    return min(indices) if indices else None


def _safe_paragraph(text: str) -> Union[str, dict]:
    """A paragraph the schema takes: one that starts like a number is a numbered paragraph."""
    one = text.replace("\n", " ")
    if _valid(ParagraphText, text):
        return text
    found = _LABEL.match(one)
    if found and _valid(NumberedText, found.group("rest")):
        return {"doan_so": found.group("rest")}
    return {"doan_so": one} if _valid(NumberedText, one) else text


# --- the body as a tree ---------------------------------------------------------------------


@dataclass
class _Item:
    kind: str  # part, heading, numbered, list, bullet, sub, paragraph, table, closing
    depth: int = 0
    text: Any = ""
    para: Optional[Para] = None
    label: str = ""


class _Body:
    def __init__(self, reader: _Reader, paragraphs: list[Para], data: dict, annex: bool = False):
        self.reader = reader
        self.view = reader.view
        self.paragraphs = paragraphs
        self.data = data
        self.annex = annex
        # typed with no emphasis at all: a numbered line that reads as a title is a heading
        self.unformatted = not any(True in self.view.look(p).bold for p in paragraphs if clean(p.text))

    def build(self) -> None:
        items = self._items()
        if not self.annex:
            items = self._closing(items)
        # under Điều, headings numbered 1., 2. are its khoản, not Mục numbered 1., 2.
        first = next((i for i in items if i.kind in ("article", "heading", "numbered", "part", "part_label")), None)
        numbering = "la-ma" if first is not None and first.kind == "article" else self._numbering(items)
        if numbering == "so" and not self.annex:
            self.data["danh_so_muc"] = "so"
        offset = 1 if numbering == "so" else 0
        top = self._tree(items, offset)
        if not self.annex:
            opening = []
            operative = self.reader.part("operative") if self.reader.kind in DECISIONS else []
            # a decision's opening stands above its QUYẾT ĐỊNH: line; what follows the line is its body
            limit = sum(1 for i in items if i.para is not None and i.para.index < operative[0].index) \
                if operative and operative[0].index in self.reader.used else None
            while top and isinstance(top[0], str) and _valid(ParagraphText, top[0]) \
                    and (limit is None or len(opening) < limit):
                opening.append(top.pop(0))
            if opening:
                self.data["mo_dau"] = opening
        if top:
            self.data["noi_dung"] = top
        self.data.setdefault("_indices", []).extend(i.para.index for i in items if i.para is not None)

    # one item per paragraph or table

    def _items(self) -> list[_Item]:
        items: list[_Item] = []
        seen_tables: set = set()
        skip: set = set()
        paragraphs = self.paragraphs
        position = 0
        while position < len(paragraphs):
            para = paragraphs[position]
            position += 1
            if para.table is not None:
                if para.table in seen_tables:
                    continue
                seen_tables.add(para.table)
                table = self._table(para)
                members = [p for p in paragraphs if p.table == para.table]
                self.reader.use(*members)
                if table is None:  # a table the schema cannot hold: its rows as paragraphs, in order
                    self.reader.guess(("noi_dung",), "một bảng không đọc được thành cột và dòng; mỗi dòng của nó "
                                      "được ghi thành một đoạn văn, các ô cách nhau bằng ' | '")
                    items += [_Item("paragraph", text=_safe_text(row), para=para) for row in self._table_rows(para)]
                else:
                    caption = items[-1] if items and items[-1].kind == "paragraph" and items[-1].para is not None \
                        and _stands_above_table(items[-1].para) else None
                    if caption is not None:
                        items.pop()
                        table = {"ten_bang": caption.text, **table}
                    following = next((p for p in paragraphs[position:] if p.table != para.table), None)
                    if following is not None and self._words_note(table, following):
                        self.reader.use(following)
                        skip.add(following.index)
                    items.append(_Item("table", text=table, para=para))
                continue
            if para.index in skip:
                continue
            if not clean(para.text):
                self.reader.use(para)
                continue
            self.reader.use(para)
            items.append(self._classify(para, paragraphs[position:position + 1]))
        return items

    def _classify(self, para: Para, following: list[Para]) -> _Item:
        text = plain(para.text)
        one = " ".join(text.split())
        style = style_id(para.element) or ""
        look = self.view.look(para)
        article = _ARTICLE.match(one) if self.reader.kind in DECISIONS else None
        if article:
            label = one[:one.index(article.group("rest"))].strip()
            text = strip_label(marked(self.view, para), label)
            if look.bold == {True} and text and "**" not in text:  # its words bold, as its label
                text = f"**{text}**"
            if _valid(ArticleText, text):
                return _Item("article", text=text, para=para, label=label)
        if _PART_LABEL.match(one) or style == "VBPartLabel":
            return _Item("part_label", text=one, para=para)
        if style == "VBPartTitle":
            return _Item("part_title", text=one_line(marked(self.view, para)), para=para)
        if lettered_part(one) or style == "VBHeading1" and _LETTERED_PART.match(one):
            # (vanban's own part heading "B. 2024" is one however few letters its title has)
            return _Item("part", text=marked(self.view, para).split(" ", 1)[1], para=para,
                         label="chu-cai")
        first = spans(self.view, para.element)[:1]
        if (style.startswith("VBHeading") or style == "VBBody" and self.reader.profile == "nha-nuoc") \
                and first and first[0].text == "- " and len(text) > 2:
            # NĐ 30 numbers the levels under điểm a) with a dash: vanban writes it as a run of its own
            depth = int(re.sub(r"\D", "", style) or 4) if style.startswith("VBHeading") else 4
            rest = text[2:]
            kind = "heading" if style.startswith("VBHeading") else "numbered"
            body = strip_label(marked(self.view, para), "-")
            if _valid(HeadingText if kind == "heading" else NumberedText, body):
                return _Item(kind, depth, body, para, "-")
        found = _LABEL.match(text)
        if found and not style.startswith(("VBBullet", "VBSubBullet")):
            label = found.group(0)[:len(found.group(0)) - len(found.group("rest"))].strip()
            depth = 1 if found.group("roman") else 3 if found.group("letter") else found.group("arabic").count(".") + 1
            bold = look.bold == {True}
            rest_text = " ".join(found.group("rest").split())
            heading = style.startswith("VBHeading") or (not style.startswith("VB") and (
                bold or found.group("roman") and rest_text.upper() == rest_text
                or self.unformatted and len(rest_text) <= 120 and rest_text[-1] not in ".;:,!?…"))
            if heading and "\n" not in found.group("rest"):
                title = strip_label(marked(self.view, para), label)
                if _valid(HeadingText, title):
                    return _Item("heading", depth, title, para, label)
            rest = strip_label(marked(self.view, para), label)
            label_bold = bool(spans(self.view, para.element)) and spans(self.view, para.element)[0].bold
            if not _valid(NumberedText, rest):
                return _Item("paragraph", text=marked(self.view, para), para=para)
            title = one_line(strip_label(marked(self.view, para), label))
            if found.group("roman") and _valid(HeadingText, title):
                return _Item("heading", depth, title, para, label)
            kind = "numbered" if (label_bold or depth != 2) else "maybe_list"
            return _Item(kind, depth, rest, para, label)
        bullet = _BULLET.match(text)
        if bullet and (style in ("VBBullet", "VBSubBullet") or not style.startswith("VB")):
            rest = marked(self.view, para)
            rest = re.sub(r"^[-–—•+]\s+", "", rest, count=1)
            kind = "sub" if bullet.group("mark") == "+" or style == "VBSubBullet" else "bullet"
            if _valid(BulletText, rest):
                return _Item(kind, text=rest, para=para, label=bullet.group("mark"))
        return _Item("paragraph", text=marked(self.view, para), para=para)

    def _closing(self, items: list[_Item]) -> list[_Item]:
        kind = self.reader.kind
        if items and items[-1].kind == "paragraph" and plain(items[-1].para.text) == END_MARK:
            # the end mark on a line of its own, after a table or its total in words
            if kind not in BODY_ENDS_IT | CLOSING_IF_WRITTEN:
                self.data["ket_thuc"] = "khong"
            return items[:-1]
        last = next((i for i in reversed(items) if i.kind != "table"), None)
        closes = last is not None and last is items[-1] and plain(last.para.text).endswith(END_MARK)
        written_as_closing = closes and (style_id(last.para.element) == "VBClosing" or not (
            style_id(last.para.element) or "").startswith("VB") and bool(_CLOSING_WORDS.match(plain(last.para.text))))
        if closes and (kind in BODY_ENDS_IT or kind in CLOSING_IF_WRITTEN and not written_as_closing) \
                and last.kind in ("paragraph", "numbered", "maybe_list", "bullet", "sub", "heading", "article"):
            # the body's last paragraph, closed by vanban's end mark: its words stay in the body
            # (a full stop before the mark is kept: vanban writes "./." after one without doubling it)
            shown = str(last.text)
            last.text = before_end_mark(shown)
            return items
        if kind in BODY_ENDS_IT | CLOSING_IF_WRITTEN and not (closes and written_as_closing):
            self.data["ket_thuc"] = "khong"  # no end mark at all: the author's "ket_thuc: khong"
            return items
        if last is not None and last is items[-1] and last.kind in ("paragraph", "numbered", "maybe_list", "bullet") \
                and plain(last.para.text).endswith(END_MARK):
            text = marked(self.view, last.para)
            if text.endswith(END_MARK):
                from ._display import with_end_mark

                words = text[:-len(END_MARK)].rstrip()
                # "... hệ ./." was typed "... hệ .": the full stop, spaced, is not vanban's
                text = words if with_end_mark(words, END_MARK) == text else before_end_mark(text)
            else:
                text = text.rstrip("/.")
            if _valid(ParagraphText, text):
                self.data["ket_thuc"] = text
                return items[:-1]
        self.data["ket_thuc"] = "khong"
        return items

    def _numbering(self, items: list[_Item]) -> str:
        if any(i.kind == "heading" and i.label.endswith(".") and re.match(r"^[IVXLC]+\.$", i.label) for i in items):
            return "la-ma"
        if any(i.kind == "heading" and i.depth == 2 for i in items):
            return "so"
        return "la-ma"

    # the tree

    def _tree(self, items: list[_Item], offset: int) -> list:
        root: list = []
        stack: list[tuple[int, list, Any]] = [(0, root, None)]
        khoan = 0  # khoản and numbered paragraphs so far in the current Mục (a "1." after one starts a list)
        position = 0
        part_scheme = None
        while position < len(items):
            item = items[position]
            position += 1
            if item.kind in ("part_label", "part"):
                title = item.text
                if item.kind == "part_label":
                    following = items[position] if position < len(items) else None
                    if following is not None and (following.kind == "part_title" or following.kind == "paragraph"
                                                  and clean(str(following.text)).upper() == clean(str(following.text))):
                        title = following.text
                        position += 1
                    part_scheme = "phan-thu" if "THỨ" in item.text.upper() else "phan-la-ma"
                    if title == item.text:
                        self.reader.guess(("noi_dung",), f"phần '{item.text}' không có tên riêng")
                else:
                    part_scheme = "chu-cai"
                part = {"phan": one_line(str(title)), "noi_dung": []}
                root.append(part)
                stack = [(0, part["noi_dung"], part)]
                khoan = 0
                continue
            if item.kind == "part_title":
                item.kind = "paragraph"
            if item.kind == "article":  # Điều 1., Điều 2.: a level above the khoản, below the parts
                node = {"dieu": item.text, "noi_dung": []}
                stack = stack[:1]
                stack[-1][1].append(node)
                stack.append((1, node["noi_dung"], node))
                khoan = 0
                continue
            if item.kind in ("heading", "numbered"):
                depth = max(1, item.depth - offset)
                while len(stack) > 1 and stack[-1][0] >= depth:
                    stack.pop()
                if stack[-1][0] != depth - 1:
                    self.reader.guess(("noi_dung",), f"mục '{item.label} {_short(item.text)}' đứng dưới một cấp còn "
                                      "thiếu; vanban sẽ đánh lại số")
                if depth == 1:
                    khoan = 0
                elif depth == 2:
                    khoan += 1
                node = {"tieu_de" if item.kind == "heading" else "doan_so": item.text, "noi_dung": []}
                stack[-1][1].append(node)
                if not (item.para is not None and (style_id(item.para.element) or "").endswith("Leaf")):
                    stack.append((depth, node["noi_dung"], node))  # vanban's leaf style: nothing under it
                continue
            children = stack[-1][1]
            if item.kind == "maybe_list":
                previous = children[-1] if children else None
                # a list's lead-in: the paragraph above it, or the words of the Điều it opens
                lead_in = _ends_with_colon(previous if children else stack[-1][2] if stack[-1][2] is not None
                                           and "dieu" in stack[-1][2] else None)
                if item.label == "1." and (lead_in or khoan) and not self._label_bold_doan(item):
                    entries = [item.text]
                    expected = 2
                    while position < len(items) and items[position].kind == "maybe_list" \
                            and items[position].label == f"{expected}." and _valid(ListText, items[position].text):
                        entries.append(items[position].text)
                        position += 1
                        expected += 1
                    children.append({"danh_sach_so": entries})
                    continue
                item.kind = "numbered"
                position -= 1
                items[position] = item
                continue
            if item.kind == "bullet":
                children.append({"y": item.text})
            elif item.kind == "sub":
                previous = children[-1] if children else None
                if isinstance(previous, dict) and "y" in previous:
                    previous.setdefault("y_con", []).append(item.text)
                else:
                    children.append({"y": item.text})
                    self.reader.guess(("noi_dung",), f"ý '+ {_short(item.text)}' không có ý '-' bên trên; ghi thành ý '-'")
            elif item.kind == "table":
                children.append(item.text)
            else:
                children.append(_safe_paragraph(item.text))
        if part_scheme and part_scheme != "phan-la-ma" and not self.annex:
            self.data["danh_so_phan"] = part_scheme
        return [_pruned(node) for node in root]

    def _label_bold_doan(self, item: _Item) -> bool:
        """In the Union's layout a numbered paragraph's number is bold; a list's is not."""
        if self.reader.profile != "doan" or item.para is None:
            return False
        found = spans(self.view, item.para.element)
        return bool(found) and found[0].bold

    # tables

    def _table(self, para: Para) -> Optional[dict]:
        table = self.view.table_rows(para)
        rows = table_cells(table)
        rows = [row for row in rows if row]
        if not rows:
            return None

        def text(cell) -> str:
            return "\n".join(plain(_paragraph_text(p)) for p in cell.paragraphs if plain(_paragraph_text(p)))

        width = max(sum(c.span for c in row) for row in rows)
        header_rows = self._header_rows(rows, text)
        columns, leaves = self._columns(rows[:header_rows], text)
        starts = {start: index for index, (start, _) in enumerate(leaves)}
        body_rows = []
        for row in rows[header_rows:]:
            if len(row) == 1 and row[0].span == width and width > 1 and text(row[0]):
                body_rows.append({"nhom": text(row[0])})
                continue
            values: list = [None] * len(leaves)
            position = 0
            for cell in row:
                words = text(cell) if not cell.continued else ""
                if words:
                    if position not in starts:
                        return None  # a cell that does not start under a column: no cot/dong for it
                    # a cell of several paragraphs: its paragraphs, one under another
                    pieces = words.split("\n")
                    values[starts[position]] = pieces if len(pieces) > 1 and all(_kept(CellText, t) for t in pieces) \
                        else words
                position += cell.span
            body_rows.append(values)
        if not body_rows:
            body_rows = [[None] * len(leaves)]
        out: dict = {"cot": columns, "dong": body_rows}
        self._numbers(out)
        self._total_row(out, rows[-1], text, starts)
        _index_column(out)
        if not _valid_table(out):
            return None
        return out

    def _table_rows(self, para: Para) -> list[str]:
        table = self.view.table_rows(para)
        out = []
        for row in table_cells(table):
            cells = [" ".join(plain(_paragraph_text(p)) for p in c.paragraphs if plain(_paragraph_text(p)))
                     for c in row if not c.continued]
            if any(cells):
                out.append(" | ".join(c for c in cells if c))
        return out

    def _header_rows(self, rows: list, text) -> int:
        """How many rows the header has: a row is the next header row when the one above is merged
        down over it (a column group's title beside columns of their own), or spans its cells and
        they are all written as a header; a body row follows at least."""
        count = 1
        while count + 1 < len(rows):
            above, row = rows[count - 1], rows[count]
            merged = any(c.starts_merge or c.continued for c in above) and any(c.continued for c in row)
            spanned = any(c.span > 1 for c in above) and len(row) > 1 and self._sub_header(above, row, text)
            # vanban's own header style says it outright (a group over one column spans nothing)
            styled = all(style_id(p) == "VBTableHeader" for c in row for p in c.paragraphs if plain(_paragraph_text(p)))
            if not ((merged or spanned or styled) and all(self._header_cell(c) for c in row if not c.continued)):
                break
            count += 1
        return count

    def _header_cell(self, cell) -> bool:
        """A cell that reads as a header: vanban's header style, or all in bold."""
        written = [p for p in cell.paragraphs if plain(_paragraph_text(p))]
        def header(p) -> bool:
            style = style_id(p) or ""
            return style == "VBTableHeader" if style.startswith("VB") else self.view.look(p).bold == {True}

        return bool(written) and all(header(p) for p in written)

    @staticmethod
    def _sub_header(top: list, below: list, text) -> bool:
        """Whether ``below`` is the second row of a header: under every cell of ``top`` that
        spans one column it only continues that cell (merged down)."""
        single, position = set(), 0
        for cell in top:
            if cell.span == 1:
                single.add(position)
            position += cell.span
        position = 0
        for cell in below:
            if position in single and not cell.continued and text(cell):
                return False
            position += cell.span
        return True

    def _columns(self, header: list, text) -> tuple[list, list]:
        """The columns (a header cell over cells of the next header row becomes a group of them)
        and each leaf column's place on the table's grid: (first grid column, span)."""
        def title(cell) -> str:
            return text(cell) or "-"

        placed = []  # per header row: (first grid column, cell)
        for row in header:
            at, cells = 0, []
            for cell in row:
                cells.append((at, cell))
                at += cell.span
            placed.append(cells)
        leaves: list = []

        def build(level: int, at: int, cell) -> Union[str, dict]:
            below = [(a, c) for a, c in placed[level + 1] if at <= a < at + cell.span and not c.continued] \
                if level + 1 < len(placed) else []
            if not below:
                leaves.append((at, cell.span))
                return title(cell)
            return {"ten": title(cell), "cot": [build(level + 1, a, c) for a, c in below]}

        columns = [build(0, at, cell) for at, cell in placed[0]]
        return columns, leaves

    @staticmethod
    def _words_note(table: dict, para: Para) -> bool:
        """Whether ``para`` is the total in words vanban writes under ``table``; if so, the
        table says so (``tong_bang_chu``)."""
        if "dong_tong" not in table or not clean(para.text).startswith("(Bằng chữ:"):
            return False
        from ._tables import general_table
        from .schemas.body import Table

        candidate = {**table, "tong_bang_chu": True}
        if not _valid(Table, candidate):
            return False
        note = general_table(Table.model_validate(candidate), 150.0, None).note
        said = clean(para.text)
        if note is not None and clean(note) != said and said.endswith(".)") and said.startswith(clean(note)[:-2] + " "):
            # the words name the column's unit ("... đồng."), which the page shows nowhere else
            summed = next(c for c in _leaves(table["cot"]) if isinstance(c, dict) and c.get("cong"))
            summed["don_vi"] = plain(para.text)[len(clean(note)) - 1:-2]
            if not _valid(Table, candidate):
                del summed["don_vi"]
                return False
            note = general_table(Table.model_validate(candidate), 150.0, None).note
            if clean(note) != said:
                del summed["don_vi"]
        if note is None or clean(note) != said:
            return False
        table["tong_bang_chu"] = True
        return True

    def _total_row(self, table: dict, last: list, text, starts: dict) -> None:
        """A last row that opens with a header-like label over the first columns and holds the
        sums of the number columns after it is the total row vanban computes (``dong_tong``)."""
        if len(last) < 2 or not text(last[0]) or not self._header_cell(last[0]) or len(table["dong"]) < 2:
            return
        row = table["dong"][-1]
        leaves = _leaves(table["cot"])
        span = last[0].span
        if not isinstance(row, list) or span not in starts:
            return
        summed = [i for i in range(starts[span], len(leaves)) if row[i] is not None]
        kinds = [isinstance(c, dict) and c.get("kieu") == "so" for c in leaves]
        if not summed or not all(kinds[i] for i in summed):
            return
        data = [r for r in table["dong"][:-1] if isinstance(r, list)]
        for i in summed:
            total = sum((r[i] for r in data if isinstance(r[i], Decimal)), Decimal(0))
            if format_number(total) != format_number(row[i]):
                return
        table["dong_tong"] = text(last[0])
        table["dong"] = table["dong"][:-1]
        for i in summed:
            _set_number_column(table["cot"], i, total=True)

    def _numbers(self, table: dict) -> None:
        """A column whose every cell is a number written the Vietnamese way, that vanban would
        write back the same, is a number column (``kieu: so``)."""
        leaves = _leaves(table["cot"])
        rows = [r for r in table["dong"] if isinstance(r, list)]
        for index in range(len(leaves)):
            values = [r[index] for r in rows if r[index] is not None]
            if not values or not all(isinstance(v, str) and _VIETNAMESE_NUMBER.match(v) for v in values):
                continue
            numbers = [_number(v) for v in values]
            if any(n is None or format_number(n) != v for n, v in zip(numbers, values)):
                continue
            for row in rows:
                if row[index] is not None:
                    row[index] = _number(row[index])
            _set_number_column(table["cot"], index)


_INDEX_TITLE = re.compile(r"^(?:STT|TT|Số TT|Số thứ tự)$", re.IGNORECASE)


def _index_column(table: dict) -> None:
    """A first column headed STT (TT, Số TT) that numbers the rows 1, 2, 3 ... is the one vanban
    numbers itself (``stt: true``; ``ten_cot_stt`` when its header is not "STT")."""
    first = table["cot"][0]
    if not isinstance(first, (str, dict)) or isinstance(first, dict) and (first.get("cot") or first.get("cong")):
        return
    title = _plain_title(first)
    rows = [row for row in table["dong"] if isinstance(row, list)]
    if not _INDEX_TITLE.match(title) or len(table["cot"]) < 2:
        return
    if [str(row[0]) for row in rows] != [str(n) for n in range(1, len(rows) + 1)]:
        return  # (a table of group rows only: a column headed STT with nothing to number is one)
    table["cot"] = table["cot"][1:]
    table["dong"] = [row[1:] if isinstance(row, list) else row for row in table["dong"]]
    table["stt"] = True
    if title != "STT":
        table["ten_cot_stt"] = title


def _paragraph_text(element) -> str:
    from ._docx_read import paragraph_text

    return paragraph_text(element)


def _leaves(columns: list) -> list:
    out = []
    for column in columns:
        if isinstance(column, dict) and column.get("cot"):
            out += _leaves(column["cot"])
        else:
            out.append(column)
    return out


def _leaf_count(columns: list) -> int:
    return len(_leaves(columns))


def _set_number_column(columns: list, index: int, total: bool = False) -> None:
    position = 0
    for i, column in enumerate(columns):
        if isinstance(column, dict) and column.get("cot"):
            count = len(_leaves(column["cot"]))
            if position <= index < position + count:
                _set_number_column(column["cot"], index - position, total)
                return
            position += count
            continue
        if position == index:
            columns[i] = {"ten": column if isinstance(column, str) else column["ten"], "kieu": "so"}
            if total:
                columns[i]["cong"] = True
            return
        position += 1


def _plain_title(column) -> str:
    return column if isinstance(column, str) else column["ten"]


def _number(text: str) -> Optional[Decimal]:
    try:
        return Decimal(text.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


def _valid_table(table: dict) -> bool:
    from .schemas.body import Table

    return _valid(Table, table)


def _stands_above_table(para: Para) -> bool:
    """A table's caption: vanban's caption style, or (in another's document) the paragraph right above it."""
    style = style_id(para.element) or ""
    if style.startswith("VB"):
        return style == "VBTableCaption"
    return para.before_table


def _ends_with_colon(node) -> bool:
    if isinstance(node, str):
        return node.rstrip().endswith(":")
    if isinstance(node, dict) and "dieu" in node:
        return node["dieu"].rstrip().endswith(":")
    if isinstance(node, dict) and "y" in node:
        last = (node.get("y_con") or [node["y"]])[-1]
        return last.rstrip().endswith(":")
    return False


def _short(text) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= 40 else text[:37] + "..."


def _pruned(node):
    """Sections without content are written without an empty ``noi_dung``."""
    if isinstance(node, dict) and "noi_dung" in node and ("tieu_de" in node or "doan_so" in node or "dieu" in node):
        children = [_pruned(c) for c in node["noi_dung"]]
        if children:
            node["noi_dung"] = children
        else:
            del node["noi_dung"]
    elif isinstance(node, dict) and "phan" in node:
        node["noi_dung"] = [_pruned(c) for c in node["noi_dung"]]
    return node


# --- the public entry point -----------------------------------------------------------------------


def word_bytes(source: Union[str, Path, bytes], name: str = "",
               converter=None) -> tuple[Union[Path, bytes], Optional[str]]:
    """``source`` as a .docx to read: a .doc (the old Word format) is converted to .docx by
    LibreOffice first. Returns the .docx (path or bytes) and ``"doc"`` when it was converted."""
    from ._doc_convert import is_old_word

    if isinstance(source, (bytes, bytearray)):
        return bytes(source), None
    path = Path(source)
    if is_old_word(path):  # never opens a FIFO or a device (it would wait for ever): the reader refuses them
        from ._doc_convert import doc_to_docx

        return doc_to_docx(path, str(path), converter=converter), "doc"
    return path, None


def import_document(source: Union[str, Path, bytes], *, profile: Optional[str] = None,
                    name: str = "", converter=None) -> ImportResult:
    """Read a .docx (or .doc) into vanban's data: see :class:`ImportResult`.

    Raises :class:`~vanban.errors.DocxReadError` for a file that is not a readable Word document
    and :class:`~vanban.errors.InputError` if what was read is not a document vanban can write
    (the message names the field). ``converter``: a running :class:`~vanban.PdfConverter` for a .doc."""
    from ._loading import parse

    docx, converted = word_bytes(source, name, converter)
    view = DocxView(docx, name or (str(source) if not isinstance(source, (bytes, bytearray)) else ""))
    shown = view.name
    in_one_table = read_layout_frame(view)  # its cells read as the checker reads them
    reader = _Reader(view, profile)
    data = reader.read()
    data.pop("_indices", None)
    from ._import_types import shape

    data = shape(data, reader)
    if not data.get("noi_dung"):
        data.pop("noi_dung", None)
    if not any(data.get(key) for key in _BODY_KEYS):
        data["noi_dung"] = ["(văn bản không có nội dung)"]
        reader.invented.append("không thấy nội dung")
        reader.guess(("noi_dung",), "không thấy nội dung văn bản")
    if data.get("loai") == "cong-van" and not data.get("noi_dung"):
        data["noi_dung"] = data.pop("mo_dau")
    data = _ordered(data)
    for _ in range(_REPAIRS):
        try:
            document = parse(data, source=Path(shown))
            break
        except InputError as error:
            if not _repair(data, error.problems, reader):
                raise
            data = _ordered(data)
    else:
        document = parse(data, source=Path(shown))
    if _written_references(data, document, lambda changed: parse(changed, source=Path(shown))):
        document = parse(data, source=Path(shown))
    guesses = {path: "; ".join(texts) for path, texts in reader.guesses.items()}
    return ImportResult(shown, data, document, guesses, reader.unplaced, converted, reader.invented, in_one_table,
                        reader.elements.annex)


def _written_references(data: dict, document, parse_data) -> bool:
    """Drop each annex's "(Kèm theo ...)" line that is the one vanban writes from the document's
    number, date and issuer (it would not follow a change of them); True if one was dropped.

    The line names the issuer as typed, the letterhead (and the signer's collective, and a
    decision's authority) in capitals: where the line is vanban's own but for the case of those
    words, the issuer's name is taken in the line's case (the same letterhead), so that the line
    is again the one vanban writes. ``parse_data`` validates data into a document."""
    from ._display import annex_reference

    profile = PROFILES[document.profile_name]
    written = annex_reference(document, profile)
    annexes = [a for a in data.get("phu_luc", []) if isinstance(a, dict) and a.get("kem_theo")]
    if annexes and all(f"({a['kem_theo']})" != written for a in annexes):
        recased = _in_the_case_of(data, document, annexes[0]["kem_theo"])
        if recased is not None:
            try:
                again = parse_data(recased)
            except InputError:
                again = None
            if again is not None and annex_reference(again, profile) == f"({annexes[0]['kem_theo']})":
                data.update(recased)
                written = f"({annexes[0]['kem_theo']})"
    dropped = False
    for annex in annexes:
        if f"({annex['kem_theo']})" == written:
            del annex["kem_theo"]
            dropped = True
    return dropped


def _in_the_case_of(data: dict, document, reference: str) -> Optional[dict]:
    """``data`` with the words of the issuer's name, the collective the signer signs for and the
    first line of a decision's authority in the case ``reference`` (an annex's "Kèm theo ... của
    ..." line) shows them, where that line ends with the issuing body vanban cites but for the
    case of its words; None where it does not, or names one word in two cases."""
    import copy

    from ._display import issuing_body_phrase

    phrase = issuing_body_phrase(document)
    shown = reference[len(reference) - len(phrase):] if len(reference) > len(phrase) else ""
    if shown == phrase or shown.upper() != phrase.upper() or not reference[:-len(phrase)].endswith(" của "):
        return None
    cases: dict = {}
    for typed, seen in zip(phrase.split(" "), shown.split(" ")):
        if cases.setdefault(typed, seen) != seen:
            return None

    def recased(line: str) -> str:
        return " ".join(cases.get(word, word) for word in line.split(" "))

    out = copy.deepcopy({key: data[key] for key in ("co_quan_ban_hanh", "nguoi_ky", "tham_quyen_ban_hanh")
                         if key in data})
    issuer = out.get("co_quan_ban_hanh")
    if isinstance(issuer, dict) and isinstance(issuer.get("ten"), list):
        issuer["ten"] = [recased(line) for line in issuer["ten"]]
    signer = out.get("nguoi_ky")
    if isinstance(signer, dict) and isinstance(signer.get("thay_mat"), str):
        signer["thay_mat"] = recased(signer["thay_mat"])
    if isinstance(out.get("tham_quyen_ban_hanh"), str):
        first, *rest = out["tham_quyen_ban_hanh"].split("\n")
        out["tham_quyen_ban_hanh"] = "\n".join([recased(first), *rest])
    return {**data, **out}


_BODY_KEYS = ("noi_dung", "mo_dau", "dieu", "lich", "bat_dau", "toi_du", "muc_dich", "yeu_cau", "muc_dich_yeu_cau",
              "doi_tuong", "dac_diem_tinh_hinh", "thuan_loi", "kho_khan", "ket_qua", "tien_do", "kinh_phi",
              "danh_gia", "uu_diem", "han_che", "nguyen_nhan_khach_quan", "nguyen_nhan_chu_quan", "bai_hoc",
              "phuong_huong", "de_xuat", "to_chuc_thuc_hien")
"""Where a document's words can stand: one of them given, the document has a body."""

_ORDER = ("loai", "the_thuc", "du_thao", "do_mat", "do_khan", "co_quan_ban_hanh", "so", "don_vi_soan_thao",
          "dia_danh", "ngay", "trich_yeu", "kinh_gui", "tham_quyen_ban_hanh", "can_cu",
          # Biên bản, Giấy mời: their lines in the order the page shows them
          "bat_dau", "dia_diem", "cuoc_hop", "so_luong", "thanh_phan", "chu_toa", "thu_ky",
          "ben_moi", "kinh_moi", "toi_du", "chu_tri", "thoi_gian", "den",
          "mo_dau", "danh_so_phan", "danh_so_muc", "dieu", "hieu_luc", "thi_hanh",
          # Kế hoạch, Hướng dẫn, Báo cáo: their named parts in the order the page shows them
          "ky_bao_cao", "ky_toi", "muc_dich", "yeu_cau", "muc_dich_yeu_cau", "doi_tuong", "dac_diem_tinh_hinh",
          "thuan_loi", "kho_khan", "ket_qua", "noi_dung", "tien_do", "kinh_phi", "danh_gia", "uu_diem", "han_che",
          "nguyen_nhan_khach_quan", "nguyen_nhan_chu_quan", "bai_hoc", "phuong_huong", "de_xuat",
          "to_chuc_thuc_hien", "che_do_bao_cao", "ten_bang", "lich", "sau_bang", "bieu_quyet", "ket_thuc_luc", "mang_theo", "luu_y",
          "ket_thuc", "noi_nhan", "luu", "nguoi_ky", "phu_luc")


def _ordered(data: dict) -> dict:
    """``data`` with its keys in the order the page shows them; a key the order does not name
    follows the others (never dropped: what was read is written)."""
    issuer = data.get("co_quan_ban_hanh")
    if isinstance(issuer, dict):
        data["co_quan_ban_hanh"] = _in_order(issuer, ("cap_tren", "ten", "ky_hieu"))
    return _in_order(data, _ORDER)


def _in_order(data: dict, order: tuple) -> dict:
    known = {key: data[key] for key in order if key in data}
    return {**known, **{key: value for key, value in data.items()
                        if key not in known and not str(key).startswith("_")}}


# --- what the schema refuses is kept as text ---------------------------------------------------

_REPAIRS = 40
_HEADER_LINES = {"so": "number", "ky_hieu": "number", "don_vi_soan_thao": "number", "ngay": "date", "dia_danh": "date",
                 "co_quan_ban_hanh": "agency", "kinh_gui": "addressees", "trich_yeu": "title"}


def _location(text: str) -> list:
    return [int(part.group()) if part.group().isdigit() else part.group() for part in re.finditer(r"[^.\[\]]+", text)]


def _texts(node) -> list[str]:
    """Every text of a body node, in reading order."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [t for item in node for t in _texts(item)]
    if isinstance(node, dict):
        out = []
        for key in ("phan", "tieu_de", "doan_so", "dieu", "ten_bang", "y", "doan", "nhom"):
            if isinstance(node.get(key), str):
                out.append(node[key])
        for key in ("y_con", "danh_sach_so", "noi_dung"):
            out += _texts(node.get(key, []))
        if "cot" in node:
            for row in node.get("dong", []):
                cells = [row["nhom"]] if isinstance(row, dict) else [str(c) for c in row if c is not None]
                if cells:
                    out.append(" | ".join(cells))
        return out
    return [str(node)] if node is not None else []


def _flatten(node) -> list:
    return [_safe_paragraph(text) for text in _texts(node)]


def _repair(data: dict, problems: list, reader: _Reader) -> bool:
    """Make the data one the schema takes, keeping every word: a refused body node becomes
    its paragraphs, a refused header field goes into the body as text. False if nothing changed."""
    changed = False
    for problem in problems:
        path = _location(problem.location)
        if not path:
            changed |= _repair_structure(data, problem.message, reader)
            continue
        head = path[0]
        if head in ("noi_dung", "mo_dau", "phu_luc", "can_cu"):
            changed |= _repair_body(data, path, reader)
        elif head in _HEADER_LINES or head in ("noi_nhan", "luu", "nguoi_ky", "ket_thuc"):
            changed |= _repair_header(data, head, path, reader)
    return changed


def _repair_body(data: dict, path: list, reader: _Reader) -> bool:
    if path[0] in ("mo_dau", "can_cu"):
        moved = data.pop(path[0], [])
        data["noi_dung"] = [_safe_paragraph(t) for t in moved] + data.get("noi_dung", [])
        return bool(moved)
    container = data.get(path[0])
    steps = path[1:]
    # walk to the deepest list entry the path names
    trail = []
    for step in steps:
        if isinstance(step, int) and isinstance(container, list) and step < len(container):
            trail.append((container, step))
            container = container[step]
        elif isinstance(step, str) and isinstance(container, dict) and step in container:
            if step in ("dong", "cot", "y_con", "danh_sach_so"):
                break
            container = container[step]
        else:
            break
    body_trail = [(c, i) for c, i in trail if isinstance(c[i], (dict, str))]
    if not body_trail:
        return False
    container, index = body_trail[-1]
    node = container[index]
    flat = _flatten(node)
    if flat == [node]:
        if len(body_trail) < 2:
            return False
        container, index = body_trail[-2]
        node = container[index]
        flat = _flatten(node)
    container[index:index + 1] = flat
    reader.guess((), "một phần nội dung không viết được đúng cấu trúc của vanban nên được ghi thành đoạn văn")
    return True


def _repair_header(data: dict, head: str, path: list, reader: _Reader) -> bool:
    if head in ("so", "ky_hieu", "don_vi_soan_thao") or head == "co_quan_ban_hanh" and "ky_hieu" in path:
        element = "number"
        data["so"] = "khong"
        data.pop("don_vi_soan_thao", None)
        issuer = data.get("co_quan_ban_hanh", {})
        issuer.pop("ky_hieu", None)
    elif head in ("ngay", "dia_danh"):
        element = "date"
        data.pop("ngay", None)
        data.pop("dia_danh", None)
    elif head == "luu":
        text = str(data.pop("luu", ""))
        cleaned = text.rstrip(";.,: ")
        if cleaned and cleaned != text:
            data["luu"] = cleaned
            return True
        data.setdefault("noi_dung", []).append(_safe_paragraph(f"Lưu {text}"))
        return True
    elif head == "noi_nhan" and len(path) > 1 and isinstance(path[1], int):
        entry = data["noi_nhan"].pop(path[1])
        text = entry if isinstance(entry, str) else " ".join(str(v) for v in entry.values())
        data.setdefault("noi_dung", []).append(_safe_paragraph(text))
        if not data["noi_nhan"]:
            del data["noi_nhan"]
        return True
    elif head == "nguoi_ky":
        signer = data.pop("nguoi_ky", {})
        data.setdefault("noi_dung", []).extend(_safe_paragraph(str(v)) for v in signer.values())
        return True
    elif head == "ket_thuc":
        text = data.pop("ket_thuc", None)
        if isinstance(text, str) and text != "khong":
            data.setdefault("noi_dung", []).append(_safe_paragraph(text))
        data["ket_thuc"] = "khong"
        return True
    else:
        return False
    for para in reader.elements[element]:
        if any(u.paragraph == para.index for u in reader.unplaced):
            continue
        reader.unplaced.append(Unplaced(para.index, para.text, "vanban chưa viết được dòng này theo đúng thể thức"))
        data.setdefault("noi_dung", []).insert(0, _safe_paragraph(plain(para.text)))
    return True


def _repair_structure(data: dict, message: str, reader: _Reader) -> bool:
    """A rule of the whole body: numbered paragraphs at the top read as Mục, a numbered list
    with no lead-in reads as khoản, a Mục outside the parts."""
    changed = False

    def walk(nodes: list, top: bool) -> None:
        nonlocal changed
        for position, node in enumerate(list(nodes)):
            if not isinstance(node, dict):
                continue
            if "danh_sach_so" in node and "danh_sach_so" in message:
                index = nodes.index(node)
                nodes[index:index + 1] = [{"doan_so": item} for item in node["danh_sach_so"]]
                changed = True
                continue
            if top and "doan_so" in node and "doan_so" in message:
                title = one_line(node["doan_so"])
                if _valid(HeadingText, title):
                    node["tieu_de"] = title
                    del node["doan_so"]
                    changed = True
            if "phan" in node:
                walk(node.get("noi_dung", []), True)
            elif "noi_dung" in node:
                walk(node["noi_dung"], False)

    content = data.get("noi_dung", [])
    walk(content, True)
    for annex in data.get("phu_luc", []):
        walk(annex.get("noi_dung", []), True)
    if not changed and "phan" in message and content:
        first = next((i for i, n in enumerate(content) if isinstance(n, dict) and "phan" in n), None)
        if first is not None:
            stray = [n for n in content[first:] if not (isinstance(n, dict) and "phan" in n)]
            parts = [n for n in content[first:] if isinstance(n, dict) and "phan" in n]
            if stray:
                parts[-1]["noi_dung"].extend(stray)
                data["noi_dung"] = content[:first] + parts
                changed = True
    if not changed and content:  # nothing else helped: the body as paragraphs, in order
        flat = _flatten(content)
        if flat != content:
            data["noi_dung"] = flat
            changed = True
    if changed:
        reader.guess((), "cấu trúc mục của văn bản được viết lại để vanban đánh số được")
    return changed
