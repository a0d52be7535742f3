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
from typing import Iterable, Iterator, NamedTuple, Optional, Union

from ._lazy_pattern import lazy_pattern
from ._measure import text_units, text_width_mm, units_mm
from ._numbers import format_amount, format_number, number_in_words
from ._tables import TableBlock, general_table, results_table
from .profiles import HEADING_LEVELS, LEAF, DrawnLine, LineSpec, Profile
from .rules import leading_bases
from .schemas.body import (
    Article, Bullet, DocumentPart, Figure, NumberedList, NumberedParagraph, Paragraph, ResultsTable, Section, Table,
)
from .schemas.common import IssueDate, Signer
from .schemas.document import Document


class Run(NamedTuple):
    """A stretch of text with one emphasis, on top of its paragraph's style.

    Immutable, as a frozen dataclass would be, and made several times quicker (a long body
    makes thousands, a frozen dataclass setting each field through ``object.__setattr__``)."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    footnote: Optional["Runs"] = None
    """A footnote's words: the run stands for its reference mark, its ``text`` is empty."""


class Runs(tuple):
    """The runs of one paragraph (or of a line in the letterhead), in order."""


class Block(NamedTuple):
    """One body paragraph: the element it is (a key of ``STYLE_NAMES``) and its runs
    (immutable and quick to make, as :class:`Run`)."""

    style: str
    runs: Runs

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class DrawnRule:
    """A line drawn under a text (NĐ 30), centred in its container: element, lengths in mm."""

    element: str
    length_mm: float
    container_mm: float


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
        from .errors import TooManySectionsError

        raise TooManySectionsError(number)
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
                    same_as_above: bool = False, lead: Optional[str] = None) -> list[str]:
    """``- Như trên;`` when there are Kính gửi addressees (or the type's own ``lead``: a
    Quyết định's ``- Như Điều 3;``), each entry as ``- name;``, then the archive line ending
    with ``.``."""
    lead = lead or ("Như trên" if same_as_above else None)
    lines = [f"- {lead};"] if lead else []
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
_LONE_BACKSLASH = lazy_pattern(r"\\(?!\*)")
# An asterisk between two letters or digits (5*3*2) is text, not emphasis.
_INTRAWORD_ASTERISK = lazy_pattern(r"(?<=\w)\*(?=\w)")


# ``++gạch chân++`` (as Markdown extensions write it): the pair is marked with another
# noncharacter before parsing, and the marks toggle underlining in the runs after.
_UNDERLINE = lazy_pattern(r"\+\+(?=\S)(.+?)(?<=\S)\+\+", re.DOTALL)
_UNDERLINE_MARK = "\ufdd1"


# ``^[chú thích]`` (Pandoc's inline note): a footnote at that place. The note is set aside
# behind a noncharacter and its position number before the emphasis is parsed.
_FOOTNOTE = lazy_pattern(r"\^\[([^\[\]]+)\]")
_FOOTNOTE_MARK = "\ufdd2"


# Phrases a line must not break inside (issue: "(để" / "b/c);", "Hồ Chí" / "Minh", "2010 -" /
# "2012"): their spaces become no-break spaces, and a number symbol's hyphens no-break hyphens
# (U+2011, written to Word as <w:noBreakHyphen/>, read back as "-").
NO_BREAK_SPACE, NO_BREAK_HYPHEN = "\u00a0", "\u2011"
_KEPT_TOGETHER = re.compile(
    r"\b(?:TNCS )?Hồ Chí Minh\b"
    r"|\bngày \d{1,2} tháng \d{1,2}\b"  # "năm 2021" is a phrase of its own: a line may end before it
    r"|\b(?:tháng|năm|ngày) \d{1,4}\b",
    re.IGNORECASE,
)
_RANGE = lazy_pattern(r"\b(?:\d{1,2}/\d{1,2}/)?\d{4} ?[-–] ?(?:\d{1,2}/\d{1,2}/)?\d{4}\b")
"""A range of years or dates, however the writer spaced its dash: ``2010 - 2012``,
``26/3/1931-26/3/2015``, ``(26/3/1931- 26/3/2015)``: its spaces become no-break spaces (a
line cannot end beside one), a hyphen with none beside it a non-breaking hyphen."""
_PURPOSE = lazy_pattern(r"\([^()]*\)$")
"""A Nơi nhận entry's purpose, whether given apart or typed after the name."""
_SYMBOL = re.compile(r"\b\d+(?:/\d{4})?[-/][A-ZĐ][A-Za-zĐđ]*(?:[-/][A-ZĐ][A-Za-zĐđ0-9&.]*)+")


# What each phrase above cannot be without, looked for first (most text holds none of it,
# and these searches are several times quicker than the patterns): "minh" (in the text's lower
# case; the case-blind pattern also takes a Turkish dotted or dotless I for the "i", which
# lower() does not turn into "i": text holding one is searched as the pattern searches it); a
# date word then a space and a digit (in the text's lower case, which holds what the case-blind
# pattern matches); a dash after four digits (a range of years or dates, spaced or not); a digit
# then "-" or "/" in a number symbol.
_MINH = lazy_pattern("minh", re.IGNORECASE)
_CASE_BLIND_I = ("\u0130", "\u0131")
_DATE_WORD_THEN_DIGIT = re.compile(r"(?:ngày|tháng|năm) \d")


def _has_date_word(lowered: str) -> bool:
    """Whether the pattern above could match: three searches for its words are quicker than
    the pattern tried at every position of a text holding none of them (most texts)."""
    return "ngày" in lowered or "tháng" in lowered or "năm" in lowered
_YEAR_RANGE = lazy_pattern(r"\d{4} ?[-–] ?\d")
_NUMBER_THEN_MARK = re.compile(r"\d[-/]")


def keep_together(text: str) -> str:
    """``text`` with no line break possible inside the phrases that must stay whole."""
    lowered = text.lower()
    if "minh" in lowered or _has_date_word(lowered) and _DATE_WORD_THEN_DIGIT.search(lowered) \
            or ((_CASE_BLIND_I[0] in text or _CASE_BLIND_I[1] in text) and _MINH.search(text)):
        text = _KEPT_TOGETHER.sub(lambda m: m.group().replace(" ", NO_BREAK_SPACE), text)
    if ("-" in text or "–" in text) and _YEAR_RANGE.search(text):
        text = _RANGE.sub(lambda m: re.sub(r"(?<! )-(?! )", NO_BREAK_HYPHEN, m.group()).replace(" ", NO_BREAK_SPACE),
                          text)
    if ("-" in text or "/" in text) and _NUMBER_THEN_MARK.search(text):
        text = _SYMBOL.sub(lambda m: m.group().replace("-", NO_BREAK_HYPHEN), text)
    return text


def parse_inline(text: str) -> Runs:
    """Markdown emphasis to runs: ``**đậm**``, ``*nghiêng*``, ``++gạch chân++``;
    ``\\*`` is a literal ``*``; ``^[chú thích]`` is a footnote.

    Everything else the user typed is kept: underscores, backslashes, asterisks
    inside a word or without a partner, a ``++`` without a partner.
    """
    if "*" not in text and "^[" not in text and "++" not in text:  # no markup: most text
        return Runs((Run(keep_together(text)),))
    notes: list[str] = []
    if "^[" in text:
        def set_aside(match: re.Match) -> str:
            notes.append(match.group(1).strip())
            return _FOOTNOTE_MARK
        text = _FOOTNOTE.sub(set_aside, text)
    text = keep_together(text)
    runs = _parse_emphasis(text)
    if "++" in text:
        marked = _UNDERLINE.sub(lambda m: f"{_UNDERLINE_MARK}{m.group(1)}{_UNDERLINE_MARK}", text)
        if marked != text:
            runs = Runs(_merge(_underlined(_parse_emphasis(marked))))
    return Runs(_with_footnotes(runs, iter(notes))) if notes else runs


def _with_footnotes(runs: Iterable[Run], notes: Iterator[str]) -> Iterator[Run]:
    for run in runs:
        pieces = run.text.split(_FOOTNOTE_MARK)
        for index, piece in enumerate(pieces):
            if index:
                yield Run("", footnote=parse_inline(next(notes)))
            if piece:
                yield Run(piece, run.bold, run.italic, run.underline)


def _underlined(runs: Iterable[Run]) -> Iterator[Run]:
    underline = False
    for run in runs:
        for index, piece in enumerate(run.text.split(_UNDERLINE_MARK)):
            if index:
                underline = not underline
            if piece:
                yield Run(piece, run.bold, run.italic, underline)


# Before an opening ``*``/``**``: the start, a space or an opening bracket or quote; after a
# closing one: the end, a space or punctuation. Between a letter or digit and these, a
# delimiter can only open (or only close) emphasis.
_BEFORE_OPENER = frozenset(" (“‘\"'[")
_AFTER_CLOSER = frozenset(" ,.;:!?)”’\"']")


def _one_emphasis(text: str) -> Optional[Runs]:
    """The runs of a text whose only emphasis is one ``**bold**`` or ``*italic*`` pair opened
    after a space, an opening bracket or quote (or at the start) before a letter or digit,
    and closed after a letter or digit before a space, punctuation or the end: what Markdown
    reads there is certain (the opener can only open, the closer only close), so the parser
    is not needed. None for any other text, which the parser reads (``tests/test_formatting.py``
    checks both agree)."""
    stars = text.count("*")
    if stars not in (2, 4) or "\\" in text or "\n" in text:
        return None
    width = stars // 2
    delimiter = "*" * width
    start = text.index("*")
    opened = start + width
    end = text.find("*", opened)
    closed = end + width
    if text[start:opened] != delimiter or text[end:closed] != delimiter \
            or not (start == 0 or text[start - 1] in _BEFORE_OPENER) \
            or not (text[opened].isalnum() and text[end - 1].isalnum()) \
            or not (closed == len(text) or text[closed] in _AFTER_CLOSER):
        return None
    runs = [Run(text[:start])] if start else []
    runs.append(Run(text[opened:end], bold=width == 2, italic=width == 1))
    if closed < len(text):
        runs.append(Run(text[closed:]))
    return Runs(runs)


def _parse_emphasis(text: str) -> Runs:
    if "*" not in text:
        return Runs((Run(text),))
    simple = _one_emphasis(text)
    if simple is not None:
        return simple
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
        if run.footnote is not None:
            if pending:
                yield pending
            yield run
            pending = None
            continue
        if pending and (pending.bold, pending.italic, pending.underline) == (run.bold, run.italic, run.underline):
            pending = Run(pending.text + run.text, run.bold, run.italic, run.underline)
            continue
        if pending:
            yield pending
        pending = run
    if pending:
        yield pending


def opening_paragraphs(opening: list[str], profile: Profile) -> list[Runs]:
    """The opening paragraphs as runs. Those that open it as căn cứ lines are set as the
    profile sets căn cứ: italic in NĐ 30 (PL I, mục II.6), which the checker holds them to,
    wherever the author typed them."""
    paragraphs = [parse_inline(text) for text in opening]
    if not profile.figures["basis"].italic:
        return paragraphs
    bases = leading_bases(opening)
    return [Runs(Run(run.text, run.bold, True, run.underline, run.footnote) for run in runs)
            if index < bases else runs for index, runs in enumerate(paragraphs)]


def _upper_runs(runs: Runs) -> Runs:
    return Runs(Run(upper(run.text), run.bold, run.italic, run.underline, run.footnote) for run in runs)


def _prefixed(prefix: str, runs: Runs) -> Runs:
    return Runs((Run(prefix), *runs))


# --- body ------------------------------------------------------------------


BodyBlock = Union[Block, TableBlock]


def body_blocks(document: Document, profile: Profile) -> list[BodyBlock]:
    """The numbered outline of the body, from the document type's sections."""
    # without a Roman level the top sections are numbered as khoản are: 1., 2. (then 1.1.)
    root = (0,) if document.section_numbering == "so" else ()
    return list(_top_blocks(document.sections(), document.part_numbering, root, profile))


def _top_blocks(nodes, part_numbering: str, root: tuple[int, ...], profile: Profile) -> Iterator[BodyBlock]:
    """Parts above the Mục are numbered in turn, and the Mục restart at I. in each."""
    part = 0
    rest = []
    for node in nodes:
        if isinstance(node, DocumentPart):
            yield from _children_blocks(rest, root, profile)
            rest = []
            part += 1
            yield from _part_blocks(node, part, part_numbering)
            yield from _children_blocks(node.children, root, profile)
        else:
            rest.append(node)
    yield from _children_blocks(rest, root, profile)


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


def _children_blocks(children, path: tuple[int, ...], profile: Profile,
                     landscape: bool = False) -> list[BodyBlock]:
    """Paragraphs, bullets, figures and tables as they come; sections and numbered
    paragraphs numbered in turn (they share the count at their depth). Tables take the
    text width of the page they are on (``landscape``: a turned annex page)."""
    out: list[BodyBlock] = []
    _add_children(children, path, profile, landscape, out)
    return out


# The body is walked by appending to one list: a chain of generators passed every block
# up through each level of the outline, the larger part of the display of a long body.


def _add_children(children, path: tuple[int, ...], profile: Profile, landscape: bool, out: list) -> None:
    subsection = article = 0
    for child in children:
        if isinstance(child, (Section, NumberedParagraph)):
            subsection += 1
            _add_numbered(child, (*path, subsection), profile, landscape, out)
        elif isinstance(child, Article):
            article += 1
            _add_article(child, article, profile, landscape, out)
        else:
            _add_leaf(child, profile, landscape, out)


def _add_article(node: Article, number: int, profile: Profile, landscape: bool, out: list) -> None:
    """``Điều 1.`` in bold (NĐ 30 PL I, II.6; the Union's decisions alike), then the article's
    words; its khoản are numbered ``1.``, ``2.`` from 1 in each article, as a khoản under a Mục."""
    out.append(Block("body", Runs((Run(f"Điều {number}. ", bold=True), *parse_inline(node.article)))))
    _add_children(node.children, (0,), profile, landscape, out)


def _add_numbered(node: Union[Section, NumberedParagraph], path: tuple[int, ...],
                  profile: Profile, landscape: bool, out: list) -> None:
    label = section_label(path, profile.label_scheme)
    if isinstance(node, Section):
        title = parse_inline(node.title)
        if len(path) == 1:
            title = _upper_runs(title)
        style = heading_style(len(path)) + ("" if node.children else LEAF)
        out.append(Block(style, _prefixed(label + " ", title)))
    else:
        out.append(Block("body", Runs((numbered_label(label, len(path), profile), *parse_inline(node.numbered)))))
    _add_children(node.children, path, profile, landscape, out)


def numbered_label(label: str, depth: int, profile: Profile) -> Run:
    """The number of a numbered paragraph: in the Union it has the look of the heading of its
    depth (khoản ``1.`` bold, điểm ``1.1.`` bold italic, 29-HD III.6); in NĐ 30 it is plain."""
    if not profile.numbered_label_emphasis:
        return Run(label + " ")
    figure = profile.figures[heading_style(depth)]
    return Run(label + " ", bold=figure.bold, italic=figure.italic)


def _add_leaf(child, profile: Profile, landscape: bool, out: list) -> None:
    if isinstance(child, Bullet):
        out.append(Block("bullet", _prefixed("- ", parse_inline(child.text))))
        for sub in child.children:
            out.append(Block("sub_bullet", _prefixed("+ ", parse_inline(sub))))
    elif isinstance(child, Figure):
        out.append(Block("bullet", _prefixed("- ", parse_inline(figure_text(child)))))
    elif isinstance(child, NumberedList):
        for index, item in enumerate(child.items, start=1):
            out.append(Block("body", _prefixed(f"{index}. ", parse_inline(item))))
    elif isinstance(child, ResultsTable):
        caption = parse_inline(child.caption) if child.caption else None
        out.append(results_table(child, profile.results_columns_mm, caption))
    elif isinstance(child, Table):
        caption = parse_inline(child.caption) if child.caption else None
        out.append(general_table(child, profile.table_width_mm(landscape), caption))
    elif isinstance(child, Paragraph):
        out.append(Block("body", parse_inline(child.text)))


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


# How a level's Đoàn is named both ways round: "Huyện đoàn Cầu Ngang" is "Đoàn huyện Cầu Ngang",
# "Thành đoàn" the "Đoàn thành phố" (written "Đoàn TP." in a letterhead). Compared in this form,
# a collective that names the level ("Ban Thường vụ Huyện đoàn") meets the issuer's own name.
_LEVEL_BODY = lazy_pattern(r"\b(tỉnh|huyện|quận|thị|thành) đoàn\b")
_LEVEL_WORDS = {"tỉnh": "tỉnh", "huyện": "huyện", "quận": "quận", "thị": "thị xã", "thành": "thành phố"}
_ABBREVIATED_LEVELS = ((lazy_pattern(r"\btp\.\s*"), "thành phố "), (lazy_pattern(r"\btx\.\s*"), "thị xã "))


def _level_form(text: str) -> str:
    text = " ".join(text.lower().split())
    for pattern, words in _ABBREVIATED_LEVELS:
        text = pattern.sub(words, text)
    return _LEVEL_BODY.sub(lambda m: f"đoàn {_LEVEL_WORDS[m.group(1)]}", text).strip()


def issuing_body_phrase(document: Document) -> str:
    """Who issued the document, as a citation names it (the "(Kèm theo ... của ...)" line of an
    annex, for every type): the authority a decision writes above its căn cứ; ``Ban Thường vụ
    Huyện đoàn Cầu Ngang`` when the signer signs for a collective (TM.); else the issuing body.

    The collective and the issuer's name (without its leading BCH) are joined where they meet:
    ``Ban Thường vụ Huyện đoàn`` signing for ``BCH Đoàn huyện Cầu Ngang`` cites ``Ban Thường vụ
    Huyện đoàn Cầu Ngang``, the level named once."""
    authority = document.issuing_authority()
    if authority:
        return plain_text(authority.split("\n")[0])
    name = " ".join(document.issuer.name)
    signer = document.signer
    if signer is None or signer.authority != "TM." or not signer.on_behalf_of:
        return name
    collective = signer.on_behalf_of
    body = re.sub(r"^(BCH|Ban Chấp hành)\s+", "", name, flags=re.IGNORECASE)
    if body.lower().startswith(collective.lower()):
        return body
    words = body.split(" ")
    signed_for = _level_form(collective)
    for count in range(len(words), 0, -1):  # the longest start of the name the collective ends with
        met = _level_form(" ".join(words[:count]))
        if signed_for == met or signed_for.endswith(" " + met):
            return " ".join([collective, *words[count:]])
    return f"{collective} {body}"


def annex_reference(document: Document, profile: Profile) -> str:
    """``(Kèm theo Kế hoạch số 114-KH/ĐTN ngày 05/3/2021 của Ban Thường vụ ...)``."""
    symbol = format_number_line(profile, document.number or None, document.symbol_type(profile.name),
                                document.issuer.code or "", document.drafting_unit).split(": ", 1)[-1]
    number = f" số {symbol}" if document.number is not False else ""
    if document.date is None:
        date = ""
    elif profile.annex_short_date:
        date = f" ngày {short_date(document.date)}"
    else:
        date = " " + format_date_line("", document.date).split(", ", 1)[-1]
    return f"(Kèm theo {document.type_name}{number}{date} của {issuing_body_phrase(document)})"


def annex_blocks(document: Document, profile: Profile) -> list[AnnexBlock]:
    """Each annex: ``Phụ lục`` alone, or ``Phụ lục I``, ``Phụ lục II`` when there are several."""
    count = len(document.annexes)
    out = []
    for index, annex in enumerate(document.annexes, start=1):
        label = "Phụ lục" + (f" {to_roman(index)}" if count > 1 else "")
        reference = f"({annex.reference})" if annex.reference else annex_reference(document, profile)
        title = _upper_runs(parse_inline(annex.title)) if annex.title else None
        landscape = annex.orientation == "ngang"
        body = tuple(_children_blocks(annex.children, (), profile, landscape))
        out.append(AnnexBlock(label, title, reference, landscape, body))
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
    "issuing_authority": "thẩm quyền ban hành IN HOA trên các căn cứ (quyết định, nghị quyết), thẻ {{r ... }}; "
                         "rỗng nếu không có",
    "bases": "các dòng căn cứ, đã có ';' và dấu cuối",
    "operative": "dòng 'QUYẾT ĐỊNH:' / 'QUYẾT NGHỊ:' giữa căn cứ và nội dung; rỗng với loại khác",
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
    "left_signer_authority": "chữ ký thứ hai, bên trái (biên bản: THƯ KÝ; Nơi nhận, nếu có, ở dưới): các dòng thẩm quyền",
    "left_signer_position": "chức vụ của chữ ký bên trái (THƯ KÝ); rỗng khi không có",
    "left_signer_name": "họ tên của chữ ký bên trái; rỗng khi không có",
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
    """The words of ``text`` without Markdown markers, footnotes or line breaks."""
    words = "".join(run.text for run in parse_inline(text))
    return " ".join(words.replace(NO_BREAK_SPACE, " ").replace(NO_BREAK_HYPHEN, "-").split())


def _property(text: str) -> str:
    """File properties (title, author) hold at most 255 characters."""
    return text if len(text) <= 255 else text[:254] + "…"


# Where a title reads well broken: after a comma, before a word that opens a phrase; and
# where it does not: after a word that needs the next one, or inside "năm 2021".
_PHRASE_OPENERS = {"và", "của", "về", "cho", "tại", "trong", "nhằm", "theo", "giai", "năm", "với", "đối",
                   "trên", "thực", "triển", "tổ", "gắn", "hướng", "giữa", "từ", "đến"}
_NEEDS_NEXT = {"và", "của", "các", "những", "về", "cho", "tại", "trong", "năm", "giai", "số", "với", "đối",
               "ngày", "tháng", "thứ", "lần", "một", "hai", "ba", "cấp", "khóa", "nhiệm"}
_GOOD_BREAK_MM = 15.0
_BAD_BREAK_MM = 40.0


def balanced_title(title: str, profile: Profile) -> str:
    """A trích yếu the user did not break, broken into lines of even length at phrase
    boundaries when it does not fit on one line ("... yếu thế" / "giai đoạn 2020 - 2022",
    not "... yếu thế giai" / "đoạn 2020 - 2022"). A title with its own breaks, or with
    emphasis or a note, is left as the user wrote it."""
    figure = profile.figures["title"]
    available = profile.text_width_mm() - _LINE_AIR_MM
    if "\n" in title or any(mark in title for mark in "*+^"):
        return title

    words = title.split(" ")
    # the width of words[a:b] set on a line, from sums (widths add up): the search below
    # weighs every span of words for every number of lines
    space = text_units(" ", figure.bold, figure.italic)
    sums = [0]
    for word in words:
        sums.append(sums[-1] + text_units(word, figure.bold, figure.italic))
    quotes = [0]  # “ opened and not closed before each word
    for word in words:
        quotes.append(quotes[-1] + word.count("“") - word.count("”"))

    def span(start: int, end: int) -> float:
        return units_mm(sums[end] - sums[start] + space * (end - start - 1), figure.size)

    if span(0, len(words)) <= available or len(words) < 4:
        return title

    def penalty(before: str, after: str, opened: bool) -> float:
        cost = _GOOD_BREAK_MM * 0.6 if opened else 0.0  # inside a quoted name
        
        if before[-1] in ",;:":
            cost -= _GOOD_BREAK_MM
        elif after.lower() in _PHRASE_OPENERS:
            cost -= _GOOD_BREAK_MM * 0.8
        if before.lower() in _NEEDS_NEXT or after[:1].isdigit() or after in ("-", "–"):
            cost += _BAD_BREAK_MM
        return cost

    # as few lines as the words need (filled greedily), then the breaks that make those lines
    # most even, at the best boundaries: best[(k, i)] sets the first i words on k lines
    count, first = 1, 0
    for index in range(len(words)):
        if index > first and span(first, index + 1) > available:
            count, first = count + 1, index
    best: dict[tuple[int, int], tuple[float, list[int]]] = {(0, 0): (0.0, [])}
    for lines in range(1, count + 1):
        for end in range(1, len(words) + 1):
            options = []
            for start in range(end):
                if (lines - 1, start) not in best or span(start, end) > available:
                    continue
                score, breaks = best[(lines - 1, start)]
                opened = quotes[start] > 0
                joint = penalty(words[start - 1], words[start], opened) if start else 0.0
                options.append((max(score, span(start, end)) + joint, breaks + [start]))
            if options:
                best[(lines, end)] = min(options)
    if (count, len(words)) not in best:
        return title
    cuts = best[(count, len(words))][1][1:]
    return "\n".join(" ".join(words[a:b]) for a, b in zip([0, *cuts], [*cuts, len(words)]))


_LINE_AIR_MM = 0.5
"""Room a centred line keeps in its column, so that rounding never wraps it."""


def line_width_mm(text: str, profile: Profile, element: str) -> float:
    """How long ``text`` is set in the style of ``element``."""
    figure = profile.figures[element]
    return text_width_mm(text, figure.size, figure.bold, figure.italic) + _LINE_AIR_MM


LETTERHEAD_MIN_MM = 60.0
"""The narrowest a letterhead column gets, whatever the other holds."""


LETTERHEAD_GAP_MM = 4.0
"""The least blank space between the text of the left column and the text of the right one on
the same line of the page (three word spaces at 14 pt): closer, "... TỈNH KHÁNH HÒA ĐOÀN TNCS HỒ
CHÍ MINH" reads as one line. Both columns centre their lines, so the space between two lines
facing each other is half of what the two leave of the text width, whatever the split."""


def letterhead_columns(profile: Profile, left: list[tuple[str, str]], right: list[tuple[str, str]]
                       ) -> tuple[float, float]:
    """The letterhead's two columns, (left, right) in mm, sized by what they hold.

    Each side's lines are (text, element). The profile's widths stand while both sides fit
    with ``LETTERHEAD_GAP_MM`` between them; a side that needs more takes it from the other's
    room. When the two cannot both fit with that gap, the right side (the motto and the date
    line, which vanban writes and nobody can break, centred under the motto) gets what it needs
    and room for the gap, down to ``LETTERHEAD_MIN_MM`` for the left: the names on the left are
    the user's to break into lines, and ``vanban render`` and ``vanban check`` name a line too
    long for its column (FIT-1), which wraps there rather than touch the right column's text."""
    preferred_left, preferred_right = profile.header_columns_mm
    total = preferred_left + preferred_right
    need_left = max((line_width_mm(text, profile, element) for text, element in left if text), default=0)
    need_right = max((line_width_mm(text, profile, element) for text, element in right if text), default=0)
    if need_left + need_right + 2 * LETTERHEAD_GAP_MM <= total:
        if need_left <= preferred_left and need_right <= preferred_right:
            return preferred_left, preferred_right
        width = need_left if need_left > preferred_left else total - need_right
    else:
        width = max(LETTERHEAD_MIN_MM, total - need_right - 2 * LETTERHEAD_GAP_MM)
    width = round(width, 2)
    return width, round(total - width, 2)


def _rule_under(profile: Profile, spec: Union[LineSpec, DrawnLine], element: str, lines: list[str],
                text_element: str, container_mm: float) -> Union[str, DrawnRule]:
    """The mark under a text: typed characters (``***``, dashes), or a line drawn as long as
    a share of the text's longest line."""
    if isinstance(spec, LineSpec):
        return spec.under(max(lines, key=len))
    longest = max(line_width_mm(plain_text(line), profile, text_element) - _LINE_AIR_MM for line in lines)
    return DrawnRule(element, round(min(longest * spec.ratio, container_mm), 1), container_mm)


def closed_body(blocks: list[BodyBlock], end_mark: str) -> list[BodyBlock]:
    """The body of a type that ends with its last paragraph (a Quyết định's last Điều): the
    end mark ``./.`` after that paragraph's words, not doubling a full stop typed there. A body
    that ends with a table (a Chương trình's timetable) has the mark alone on the line below it."""
    if not blocks:
        return blocks
    if not isinstance(blocks[-1], Block):
        return [*blocks, Block("body", Runs((Run(end_mark),)))]
    last = blocks[-1]
    runs = list(last.runs)
    index = max((i for i, run in enumerate(runs) if run.text), default=None)
    if index is None:
        return blocks
    run = runs[index]
    runs[index] = Run(with_end_mark(run.text.rstrip(), end_mark), run.bold, run.italic, run.underline)
    return [*blocks[:-1], Block(last.style, Runs(runs))]


def display(document: Document, profile: Profile) -> dict:
    """Every value the template places, keyed as the template names them (``TEMPLATE_VALUES``)."""
    signer = document.signature()
    authority_line, position_line, name = signer_lines(signer) if signer else ([], "", "")
    second = document.second_signer()
    left_authority, left_position, left_name = signer_lines(second) if second else ([], "", "")
    closing = None if document.body_closes else document.closing_sentence()
    body = body_blocks(document, profile)
    if closing is None and document.closing is not False:  # no closing sentence: the body ends it
        body = closed_body(body, profile.end_mark)
    authority = document.issuing_authority()
    marks = [
        Mark(text, boxed)
        for text, boxed in ((draft_mark(document.draft), True), (document.secrecy, True),
                            (document.urgency, False))
        if text
    ]
    recipients = [  # the purpose, "(để b/c)", is never cut in two, given apart or typed after the name
        f"{r.name} ({r.purpose.replace(' ', NO_BREAK_SPACE)})" if r.purpose
        else _PURPOSE.sub(lambda m: m.group().replace(" ", NO_BREAK_SPACE), r.name)
        for r in document.recipients
    ]
    # a document with neither Nơi nhận nor Lưu has no Nơi nhận block (vanban check warns)
    has_recipients = bool(recipients or document.archive)
    issuer_lines = [upper(line) for line in document.issuer.name]
    addressee_label, addressee_items = (
        addressee_lines(document.addressees, profile) if document.addressees else (None, [])
    )
    letter = document.is_letter
    title = document.title if letter else balanced_title(document.title, profile)
    number_line = "" if document.number is False else format_number_line(
        profile, document.number, document.symbol_type(profile.name), document.issuer.code, document.drafting_unit,
    )
    date_line = format_date_line(document.place, document.date) if document.date else ""
    parent_lines = [upper(line) for line in document.issuer.parent]
    header_columns = letterhead_columns(
        profile,
        [*((line, "parent") for line in parent_lines), *((line, "issuer") for line in issuer_lines),
         (number_line, "number")],
        [*((text, element) for text, element in profile.motto), (date_line, "date")],
    )
    return {
        "parent_lines": parent_lines,
        "issuer_lines": issuer_lines,
        "agency_mark": _rule_under(profile, profile.agency_mark, "agency_mark", issuer_lines, "issuer",
                                   header_columns[0]),
        "number_line": number_line,
        "subject": subject_line(document.title) if letter else "",
        "marks": marks,
        "motto_lines": [text for text, _ in profile.motto],
        "motto_rule": _rule_under(profile, profile.motto_rule, "motto_rule", [profile.motto[-1][0]],
                                  profile.motto[-1][1], header_columns[1]) if profile.motto_rule else "",
        "date_line": date_line,
        "header_columns_mm": header_columns,
        "type_name": "" if letter else upper(document.type_name),
        "title": parse_inline(title),
        # a trích yếu over two lines: measure the rule against the first line (about 72 characters)
        "title_rule": _rule_under(profile, profile.title_rule, "title_rule", title.split("\n"), "title",
                                  profile.text_width_mm()),
        "addressee_label": addressee_label,
        "addressee_items": addressee_items,
        "issuing_authority": _upper_runs(parse_inline(authority)) if authority else "",
        "bases": [keep_together(line) for line in basis_lines(document.bases, profile)],
        "opening": opening_paragraphs(document.opening, profile),
        "operative": document.operative_word or "",
        "body": body,
        "closing": parse_inline(with_end_mark(closing, profile.end_mark)) if closing else "",
        "recipients_label": profile.recipients_label if has_recipients else "",
        "recipients": recipient_lines(recipients, archive_of(document, profile), profile,
                                      lead=document.recipients_lead()) if has_recipients else [],
        "signer_authority": authority_line,
        "signer_position": position_line,
        "signer_name": name,
        "left_signer_authority": left_authority,
        "left_signer_position": left_position,
        "left_signer_name": left_name,
        "annexes": annex_blocks(document, profile),
        "document_title": _property(f"{document.type_name} {plain_text(document.title)}"),
        "document_author": _property(" ".join(document.issuer.name)),
    }
