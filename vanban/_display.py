"""The pure step: a document model and a profile in, the words of the page out.

Nothing here touches Word or Jinja. It decides every character the reader sees:
upper-casing, the number line, the date line, section labels (``I.``, ``1.``,
``1.1.``), bullets, Nơi nhận punctuation and the end mark. The renderer only
places these values into the template's styled paragraphs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Optional, Union

from ._numbers import format_amount, format_number, number_in_words
from ._tables import TableBlock, general_table, results_table
from .profiles import HEADING_LEVELS, Profile
from .schemas.body import (
    Annex, Bullet, DocumentPart, Figure, NumberedList, NumberedParagraph, Paragraph, ResultsTable, Section, Table,
)
from .schemas.common import IssueDate, Signer
from .schemas.document import Document


@dataclass(frozen=True)
class Run:
    """A stretch of text with one emphasis, on top of its paragraph's style."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


class Runs(tuple):
    """The runs of one paragraph (or of a line in the letterhead), in order."""


@dataclass(frozen=True)
class Block:
    """One body paragraph: the element it is (a key of ``STYLE_NAMES``) and its runs."""

    style: str
    runs: Runs

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Mark:
    """DỰ THẢO and MẬT are framed; the urgency marks are not (29-HD Mẫu 3)."""

    text: str
    boxed: bool


# --- words ---------------------------------------------------------------------


def upper(text: str) -> str:
    """Vietnamese-aware upper case (``đoàn`` -> ``ĐOÀN``), kept in NFC."""
    return unicodedata.normalize("NFC", text.upper())


def format_day(day: int) -> str:
    """Days below 10 take a leading zero (29-HD III.4.2, NĐ 30)."""
    return f"{day:02d}"


def format_month(month: int) -> str:
    """Months 1 and 2 take a leading zero; 3 to 12 do not."""
    return f"{month:02d}" if month <= 2 else str(month)


def format_date_line(place: str, date: IssueDate) -> str:
    """``Trà Vinh, ngày 05 tháng 3 năm 2021``; unknown parts stay ``...`` to fill by hand."""
    day = format_day(date.day) if date.day else "..."
    month = format_month(date.month) if date.month else "..."
    return f"{place}, ngày {day} tháng {month} năm {date.year}"


def format_document_number(number: Optional[int], profile: Profile) -> str:
    """Numbers below 10 take a leading zero; a missing number is a blank to fill in."""
    return profile.number_blank if number is None else f"{number:02d}"


def format_number_line(
    profile: Profile,
    number: Optional[int],
    type_code: str,
    agency_code: str,
    unit_code: Optional[str] = None,
) -> str:
    """``Số: 114-KH/ĐTN``, ``Số: 29-HD/TWĐTN-VP`` (29-HD III.3); ``Số: 08/KH-UBND``,
    and for a công văn with no type code ``Số: 12/UBND-VX`` (NĐ 30 PL I)."""
    symbol = profile.symbol_format.format(type=type_code, agency=agency_code) if type_code else agency_code
    symbol += f"-{unit_code}" if unit_code else ""
    return profile.number_format.format(number=format_document_number(number, profile), symbol=symbol)


def to_roman(number: int) -> str:
    if not 0 < number < 4000:
        from .errors import VanbanError

        raise VanbanError(
            f"Văn bản có {number} mục lớn: số La Mã chỉ viết được đến 3999 (MMMCMXCIX); "
            "hãy gộp bớt các mục."
        )
    numerals = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ]
    out = []
    for value, letters in numerals:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


VIETNAMESE_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()
"""The điểm sequence of NĐ 30: the Vietnamese alphabet, so đ follows d and f, j, w, z never appear."""


def letter(index: int) -> str:
    """``1`` -> ``a``, ``5`` -> ``đ``; past ``y`` the letters double (``aa``), never z."""
    count = len(VIETNAMESE_LETTERS)
    return VIETNAMESE_LETTERS[(index - 1) % count] * ((index - 1) // count + 1)


def section_label(path: tuple[int, ...], scheme: str = "arabic-points") -> str:
    """The label of a section by its position.

    ``arabic-points`` (29-HD III.6): ``II.``, ``1.``, ``1.3.``, ``1.3.2.``; khoản and
    điểm numbers restart under each Mục, so the Roman level is not in the label.
    ``letter-points`` (NĐ 30 PL I): ``II.``, ``1.``, then điểm ``a)``, ``b)`` ... ``đ)``,
    and ``-`` below that.
    """
    if len(path) == 1:
        return f"{to_roman(path[0])}."
    if scheme == "letter-points" and len(path) >= 3:
        return f"{letter(path[2])})" if len(path) == 3 else "-"
    return "".join(f"{index}." for index in path[1:])


def heading_style(depth: int) -> str:
    """Mục, khoản, then điểm levels; deeper levels keep the last (upright) style."""
    return f"heading{min(depth, HEADING_LEVELS)}"


def with_end_mark(text: str, end_mark: str) -> str:
    """Close the body with ``./.`` without doubling a full stop the user typed."""
    if text.endswith(end_mark) or text.endswith(end_mark[1:]):
        return text
    if text.endswith(end_mark[0]):
        return text + end_mark[1:]
    return text + end_mark


def recipient_lines(entries: Iterable[str], archive: str, profile: Profile,
                    same_as_above: bool = False) -> list[str]:
    """``- Như trên;`` when there are Kính gửi addressees, each entry as ``- name;``,
    then the archive line ending with ``.``."""
    lines = ["- Như trên;"] if same_as_above else []
    lines += [f"- {entry};" for entry in entries]
    lines.append(f"- {profile.archive_format.format(archive=archive)}.")
    return lines


def archive_of(document: Document, profile: Profile) -> str:
    """What the document names, or the profile's default: ``VP``; NĐ 30 ``VT, <named>``,
    ``VT, <drafting unit>``."""
    if not profile.archive_opens_with_default:
        return document.archive or profile.default_archive
    first = profile.default_archive
    named = document.archive or document.drafting_unit
    if not named or re.match(rf"{re.escape(first)}\b", named):
        return named or first
    return f"{first}, {named}"


def basis_lines(bases: list[str], profile: Profile) -> list[str]:
    """Each căn cứ ends with ``;``, the last with the profile's mark (``,`` or ``.``);
    a line the author ended with ``;``, ``.`` or ``,`` keeps the author's mark (a last
    căn cứ ending ``;`` or ``.`` before a separate lead-in sentence)."""
    def ended(base: str, mark: str) -> str:
        return base if base[-1] in ";.,:" else base + mark

    return [ended(base, ";" if i < len(bases) - 1 else profile.bases_last_mark) for i, base in enumerate(bases)]


def addressee_lines(addressees: list[str], profile: Profile) -> tuple[Runs, list[str]]:
    """``Kính gửi: X`` for one addressee; for several, the label then ``- X;`` ... ``- Y.``."""
    label = Run("Kính gửi:", italic=profile.addressee_label_italic)
    if len(addressees) == 1:
        return Runs((label, Run(f" {addressees[0]}"))), []
    items = [f"- {a}" + (";" if i < len(addressees) - 1 else ".") for i, a in enumerate(addressees)]
    return Runs((label,)), items


def draft_mark(draft: Union[bool, int]) -> Optional[str]:
    """``DỰ THẢO``, or ``DỰ THẢO LẦN THỨ 2`` for a numbered draft (29-HD III.9)."""
    if draft is True:
        return "DỰ THẢO"
    if draft:
        return f"DỰ THẢO LẦN THỨ {draft}"
    return None


def signer_lines(signer: Signer) -> tuple[list[str], str, str]:
    """(đề ký lines, chức vụ line, họ tên).

    With TM./KT./TL./TUQ./Q. the prefix line stands above the position, and a deputy
    signing a collegial body's document adds a second one (TM. ỦY BAN NHÂN DÂN /
    KT. CHỦ TỊCH / PHÓ CHỦ TỊCH). A head who signs directly has no prefix line and
    signs with the bare title (29-HD III.7, NĐ 30 Điều 13).
    """
    lines = [upper(f"{signer.authority} {signer.on_behalf_of}")] if signer.authority else []
    if signer.deputy_for:
        lines.append(upper(f"KT. {signer.deputy_for}"))
    return lines, upper(signer.position), signer.name


# --- inline emphasis -------------------------------------------------------


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    return MarkdownIt("zero").enable(["emphasis", "escape"])


# Only asterisks mark emphasis: underscores are common in real text (blanks to
# fill in, file names), so they are hidden from the Markdown parser behind a
# Unicode noncharacter, which never occurs in interchanged text.
_UNDERSCORE_STANDIN = "\ufdd0"


# Only a backslash before an asterisk is an escape; any other backslash is text.
_LONE_BACKSLASH = re.compile(r"\\(?!\*)")
# An asterisk between two letters or digits (5*3*2) is text, not emphasis.
_INTRAWORD_ASTERISK = re.compile(r"(?<=\w)\*(?=\w)")


# ``++gạch chân++`` (as Markdown extensions write it): the pair is marked with another
# noncharacter before parsing, and the marks toggle underlining in the runs after.
_UNDERLINE = re.compile(r"\+\+(?=\S)(.+?)(?<=\S)\+\+", re.DOTALL)
_UNDERLINE_MARK = "\ufdd1"


def parse_inline(text: str) -> Runs:
    """Markdown emphasis to runs: ``**đậm**``, ``*nghiêng*``, ``++gạch chân++``;
    ``\\*`` is a literal ``*``.

    Everything else the user typed is kept: underscores, backslashes, asterisks
    inside a word or without a partner, a ``++`` without a partner.
    """
    if "++" in text:
        marked = _UNDERLINE.sub(lambda m: f"{_UNDERLINE_MARK}{m.group(1)}{_UNDERLINE_MARK}", text)
        if marked != text:
            return Runs(_merge(_underlined(_parse_emphasis(marked))))
    return _parse_emphasis(text)


def _underlined(runs: Iterable[Run]) -> Iterator[Run]:
    underline = False
    for run in runs:
        for index, piece in enumerate(run.text.split(_UNDERLINE_MARK)):
            if index:
                underline = not underline
            if piece:
                yield Run(piece, run.bold, run.italic, underline)


def _parse_emphasis(text: str) -> Runs:
    if "*" not in text:
        return Runs((Run(text),))
    hidden = text.replace("_", _UNDERSCORE_STANDIN)
    hidden = _LONE_BACKSLASH.sub(r"\\\\", hidden)
    hidden = _INTRAWORD_ASTERISK.sub(r"\\*", hidden)
    bold = italic = 0
    runs: list[Run] = []
    for token in _markdown().parseInline(hidden)[0].children or ():
        if token.type == "strong_open":
            bold += 1
        elif token.type == "strong_close":
            bold -= 1
        elif token.type == "em_open":
            italic += 1
        elif token.type == "em_close":
            italic -= 1
        elif token.content:
            content = token.content.replace(_UNDERSCORE_STANDIN, "_")
            runs.append(Run(content, bold > 0, italic > 0))
    return Runs(_merge(runs))


def _merge(runs: Iterable[Run]) -> Iterator[Run]:
    pending: Optional[Run] = None
    for run in runs:
        if pending and (pending.bold, pending.italic, pending.underline) == (run.bold, run.italic, run.underline):
            pending = Run(pending.text + run.text, run.bold, run.italic, run.underline)
            continue
        if pending:
            yield pending
        pending = run
    if pending:
        yield pending


def _upper_runs(runs: Runs) -> Runs:
    return Runs(Run(upper(run.text), run.bold, run.italic, run.underline) for run in runs)


def _prefixed(prefix: str, runs: Runs) -> Runs:
    return Runs((Run(prefix), *runs))


# --- body ------------------------------------------------------------------


BodyBlock = Union[Block, TableBlock]


def body_blocks(document: Document, profile: Profile) -> list[BodyBlock]:
    """The numbered outline of the body, from the document type's sections."""
    return list(_top_blocks(document.sections(), document.part_numbering, profile))


def _top_blocks(nodes, part_numbering: str, profile: Profile) -> Iterator[BodyBlock]:
    """Parts above the Mục are numbered in turn, and the Mục restart at I. in each."""
    part = 0
    rest = []
    for node in nodes:
        if isinstance(node, DocumentPart):
            yield from _children_blocks(rest, (), profile)
            rest = []
            part += 1
            yield from _part_blocks(node, part, part_numbering)
            yield from _children_blocks(node.children, (), profile)
        else:
            rest.append(node)
    yield from _children_blocks(rest, (), profile)


ORDINALS = {1: "nhất", 4: "tư"}


def part_label(index: int, scheme: str) -> str:
    """``Phần I`` (29-HD III.6), ``PHẦN THỨ NHẤT``, ``PHẦN THỨ TƯ`` or ``A.``."""
    if scheme == "chu-cai":
        return f"{_capital_letter(index)}."
    if scheme == "phan-thu":
        return upper(f"Phần thứ {ORDINALS.get(index) or number_in_words(index)}")
    return f"Phần {to_roman(index)}"


def _capital_letter(index: int) -> str:
    letters = "ABCDEGHIKLMNOPQRSTUVXY"  # A., B.: the Latin letters Vietnamese uses, no F, J, W, Z
    return letters[(index - 1) % len(letters)] * ((index - 1) // len(letters) + 1)


def _part_blocks(part: DocumentPart, index: int, scheme: str) -> Iterator[BodyBlock]:
    title = _upper_runs(parse_inline(part.part))
    if scheme == "chu-cai":
        yield Block("heading1", _prefixed(part_label(index, scheme) + " ", title))
        return
    yield Block("part_label", Runs((Run(part_label(index, scheme)),)))
    yield Block("part_title", title)


def _children_blocks(children, path: tuple[int, ...], profile: Profile) -> Iterator[BodyBlock]:
    """Paragraphs, bullets, figures and tables as they come; sections and numbered
    paragraphs numbered in turn (they share the count at their depth)."""
    subsection = 0
    for child in children:
        if isinstance(child, (Section, NumberedParagraph)):
            subsection += 1
            yield from _numbered_blocks(child, (*path, subsection), profile)
        else:
            yield from _leaf_blocks(child, profile)


def _numbered_blocks(node: Union[Section, NumberedParagraph], path: tuple[int, ...],
                     profile: Profile) -> Iterator[BodyBlock]:
    label = section_label(path, profile.label_scheme)
    if isinstance(node, Section):
        title = parse_inline(node.title)
        if len(path) == 1:
            title = _upper_runs(title)
        yield Block(heading_style(len(path)), _prefixed(label + " ", title))
    else:
        yield Block("body", Runs((numbered_label(label, len(path), profile), *parse_inline(node.numbered))))
    yield from _children_blocks(node.children, path, profile)


def numbered_label(label: str, depth: int, profile: Profile) -> Run:
    """The number of a numbered paragraph: in the Union it has the look of the heading of its
    depth (khoản ``1.`` bold, điểm ``1.1.`` bold italic, 29-HD III.6); in NĐ 30 it is plain."""
    if not profile.numbered_label_emphasis:
        return Run(label + " ")
    figure = profile.figures[heading_style(depth)]
    return Run(label + " ", bold=figure.bold, italic=figure.italic)


def _leaf_blocks(child, profile: Profile) -> Iterator[BodyBlock]:
    if isinstance(child, Bullet):
        yield Block("bullet", _prefixed("- ", parse_inline(child.text)))
        for sub in child.children:
            yield Block("sub_bullet", _prefixed("+ ", parse_inline(sub)))
    elif isinstance(child, Figure):
        yield Block("bullet", _prefixed("- ", parse_inline(figure_text(child))))
    elif isinstance(child, NumberedList):
        for index, item in enumerate(child.items, start=1):
            yield Block("body", _prefixed(f"{index}. ", parse_inline(item)))
    elif isinstance(child, ResultsTable):
        caption = parse_inline(child.caption) if child.caption else None
        yield results_table(child, profile.results_columns_mm, caption)
    elif isinstance(child, Table):
        caption = parse_inline(child.caption) if child.caption else None
        yield general_table(child, profile.table_width_mm(), caption)
    elif isinstance(child, Paragraph):
        yield Block("body", parse_inline(child.text))


def figure_text(figure: Figure) -> str:
    """``Tổng kinh phí: 1.200.000.000 đồng (...)``."""
    whole = figure.value == figure.value.to_integral_value()
    if figure.unit and whole:
        value = format_amount(int(figure.value), in_words=figure.in_words, currency=figure.unit)
    else:
        value = format_number(figure.value) + (f" {figure.unit}" if figure.unit else "")
        if figure.in_words and whole:
            words = number_in_words(int(figure.value))
            value += f" ({words[0].upper()}{words[1:]})"
    return f"{figure.label}: {value}."


# --- annexes ------------------------------------------------------------------------


@dataclass(frozen=True)
class AnnexBlock:
    """One Phụ lục: its label line, title, "(Kèm theo ...)" line, orientation and body."""

    label: str
    title: Optional[Runs]
    reference: str
    landscape: bool
    body: tuple


def short_date(date: IssueDate) -> str:
    """``05/3/2021`` as Union documents cite dates in running text; unknown parts ``...``."""
    day = format_day(date.day) if date.day else "..."
    month = format_month(date.month) if date.month else "..."
    return f"{day}/{month}/{date.year}"


def issuing_body_phrase(document: Document) -> str:
    """Who issued the document, as a citation names it: ``Ban Thường vụ Đoàn Khối ...``
    when the signer signs for a collective (TM.), else the issuing body's name."""
    name = " ".join(document.issuer.name)
    signer = document.signer
    if signer is not None and signer.authority == "TM." and signer.on_behalf_of:
        body = re.sub(r"^(BCH|Ban Chấp hành)\s+", "", name, flags=re.IGNORECASE)
        if body.lower().startswith(signer.on_behalf_of.lower()):
            return body
        return f"{signer.on_behalf_of} {body}"
    return name


def annex_reference(document: Document, profile: Profile) -> str:
    """``(Kèm theo Kế hoạch số 114-KH/ĐTN ngày 05/3/2021 của Ban Thường vụ ...)``."""
    symbol = format_number_line(profile, document.number or None, document.symbol_type(profile.name),
                                document.issuer.code or "", document.drafting_unit).split(": ", 1)[-1]
    number = f" số {symbol}" if document.number is not False else ""
    date = f"ngày {short_date(document.date)}" if profile.annex_short_date else \
        format_date_line("", document.date).split(", ", 1)[-1]
    return f"(Kèm theo {document.type_name}{number} {date} của {issuing_body_phrase(document)})"


def annex_blocks(document: Document, profile: Profile) -> list[AnnexBlock]:
    """Each annex: ``Phụ lục`` alone, or ``Phụ lục I``, ``Phụ lục II`` when there are several."""
    count = len(document.annexes)
    out = []
    for index, annex in enumerate(document.annexes, start=1):
        label = "Phụ lục" + (f" {to_roman(index)}" if count > 1 else "")
        reference = f"({annex.reference})" if annex.reference else annex_reference(document, profile)
        title = _upper_runs(parse_inline(annex.title)) if annex.title else None
        body = tuple(_children_blocks(annex.children, (), profile))
        out.append(AnnexBlock(label, title, reference, annex.orientation == "ngang", body))
    return out


# --- the whole page --------------------------------------------------------


TEMPLATE_VALUES: dict[str, str] = {
    "parent_lines": "tên cơ quan cấp trên, IN HOA, từng dòng",
    "issuer_lines": "tên cơ quan ban hành, IN HOA, từng dòng",
    "agency_mark": "dấu dưới tên cơ quan: *** (Đoàn) hoặc đường kẻ (Nhà nước)",
    "subject": "trích yếu công văn dưới số (V/v ...), rỗng với văn bản khác",
    "motto_rule": "đường kẻ dưới tiêu ngữ (Nhà nước), hoặc rỗng",
    "addressee_label": "dòng 'Kính gửi:' (kèm nơi nhận khi chỉ có một), thẻ {{r ... }}; rỗng nếu không có",
    "addressee_items": "các dòng '- nơi nhận;' khi Kính gửi nhiều nơi",
    "bases": "các dòng căn cứ, đã có ';' và dấu cuối",
    "number_line": "dòng số, ký hiệu (Số: 114-KH/ĐTN); rỗng khi văn bản không có số",
    "marks": "DỰ THẢO, độ mật, độ khẩn: mark.text, mark.boxed (có khung)",
    "motto_lines": "góc phải: tiêu đề Đoàn, hoặc quốc hiệu và tiêu ngữ, từng dòng",
    "date_line": "địa danh, ngày tháng năm",
    "type_name": "tên loại văn bản IN HOA (KẾ HOẠCH); rỗng với công văn",
    "title": "trích yếu (thẻ {{r title }})",
    "title_rule": "đường gạch dưới trích yếu",
    "opening": "các đoạn mở đầu (căn cứ, thực hiện...), mỗi đoạn dùng thẻ {{r ... }}",
    "body": "các đoạn của phần nội dung đánh số: block.style, block.runs (thẻ {{r block.runs }}); "
            "bảng: block.style == 'table', thẻ {{p block.table }}",
    "closing": "câu kết, đã có './.' (thẻ {{r closing }}); rỗng khi văn bản không có câu kết",
    "recipients_label": "chữ 'Nơi nhận:'; rỗng khi văn bản không có Nơi nhận",
    "recipients": "các dòng Nơi nhận, đã có '- ', ';', '.' và dòng Lưu",
    "annexes": "các phụ lục: annex.label, annex.title, annex.reference, annex.landscape, annex.body",
    "signer_authority": "các dòng thẩm quyền ký (TM. BAN THƯỜNG VỤ; có thể thêm KT. CHỦ TỊCH); "
                        "danh sách rỗng khi người đứng đầu ký trực tiếp",
    "signer_position": "chức vụ người ký (BÍ THƯ); in đậm khi không có dòng thẩm quyền",
    "signer_name": "họ tên người ký",
    "document_title": "tên loại và trích yếu, cho thuộc tính tệp",
    "document_author": "tên cơ quan, cho thuộc tính tệp",
}
"""The values a frame template may use, with what each holds (for maintainers).
A body template may also use ``document``, the document model itself."""


def subject_line(title: str) -> str:
    """A công văn's trích yếu under its number: ``V/v ...`` (added unless typed)."""
    text = plain_text(title)
    return text if text.lower().startswith("v/v") else f"V/v {text[:1].lower()}{text[1:]}"


def plain_text(text: str) -> str:
    """The words of ``text`` without Markdown markers or line breaks."""
    return " ".join("".join(run.text for run in parse_inline(text)).split())


def _property(text: str) -> str:
    """File properties (title, author) hold at most 255 characters."""
    return text if len(text) <= 255 else text[:254] + "…"


def display(document: Document, profile: Profile) -> dict:
    """Every value the template places, keyed as the template names them (``TEMPLATE_VALUES``)."""
    authority_line, position_line, name = signer_lines(document.signer) if document.signer else ([], "", "")
    closing = document.closing_sentence()
    marks = [
        Mark(text, boxed)
        for text, boxed in ((draft_mark(document.draft), True), (document.secrecy, True),
                            (document.urgency, False))
        if text
    ]
    recipients = [
        f"{r.name} ({r.purpose})" if r.purpose else r.name for r in document.recipients
    ]
    # a document with neither Nơi nhận nor Lưu has no Nơi nhận block (vanban check warns)
    has_recipients = bool(recipients or document.archive or document.addressees)
    issuer_lines = [upper(line) for line in document.issuer.name]
    addressee_label, addressee_items = (
        addressee_lines(document.addressees, profile) if document.addressees else (Runs(), [])
    )
    letter = document.is_letter
    return {
        "parent_lines": [upper(line) for line in document.issuer.parent],
        "issuer_lines": issuer_lines,
        "agency_mark": profile.agency_mark.under(max(issuer_lines, key=len)),
        "number_line": "" if document.number is False else format_number_line(
            profile, document.number, document.symbol_type(profile.name),
            document.issuer.code, document.drafting_unit,
        ),
        "subject": subject_line(document.title) if letter else "",
        "marks": marks,
        "motto_lines": [text for text, _ in profile.motto],
        "motto_rule": profile.motto_rule.under() if profile.motto_rule else "",
        "date_line": format_date_line(document.place, document.date),
        "type_name": "" if letter else upper(document.type_name),
        "title": parse_inline(document.title),
        # a trích yếu over two lines: measure the rule against the first line (about 72 characters)
        "title_rule": profile.title_rule.under(plain_text(document.title)[:72]),
        "addressee_label": addressee_label,
        "addressee_items": addressee_items,
        "bases": basis_lines(document.bases, profile),
        "opening": [parse_inline(text) for text in document.opening],
        "body": body_blocks(document, profile),
        "closing": parse_inline(with_end_mark(closing, profile.end_mark)) if closing else "",
        "recipients_label": profile.recipients_label if has_recipients else "",
        "recipients": recipient_lines(recipients, archive_of(document, profile), profile,
                                      same_as_above=bool(document.addressees)) if has_recipients else [],
        "signer_authority": authority_line,
        "signer_position": position_line,
        "signer_name": name,
        "annexes": annex_blocks(document, profile),
        "document_title": _property(f"{document.type_name} {plain_text(document.title)}"),
        "document_author": _property(" ".join(document.issuer.name)),
    }
