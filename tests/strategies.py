"""Hypothesis strategies: random valid documents of every registered type and profile.

Nothing here names a document type. :func:`documents` walks the Pydantic model of
each type in ``vanban.document_types()`` (built-in or added by a maintainer) and
generates every field from its annotation: text from its text type (one line or
several, the field's own checks decide), lists with their minimum lengths,
optional parts present or absent, nested sections as deep as ``MAX_DEPTH``,
literals, numbers, dates, and the profile from ``vanban.profiles.PROFILES``. A
candidate the model refuses (a model-level rule, such as TUQ. outside the Nhà
nước profile) is discarded, so every generated document is one vanban accepts.

Text is raw, as people paste it: Vietnamese words (from the examples), any other
Unicode (but the characters vanban refuses), markup-looking and XML-breaking
tokens (``{{ 7*7 }}``, ``]]>``, ``&``), Markdown emphasis, NFD forms, tabs, runs of
spaces, no-break spaces and every kind of line break where the field allows one.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, Optional, Union

import annotated_types
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

import vanban
from vanban.profiles import PROFILES
from vanban.schemas.body import Node, TopNode
from vanban.schemas.common import IssueDate, _agency_code, _clean_text, _code

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

MAX_DEPTH = 5
"""Sections nest this deep (heading styles stop at 5 levels; deeper ones share the last)."""
LIST_MAX = 3
"""Most lists; Nơi nhận and body children may be longer (``LONG_LIST_MAX``)."""
LONG_LIST_MAX = 8
ANNEXES_MAX = 2
USUALLY_GIVEN = {"signer", "code", "place", "date"}
"""Optional fields given six times in seven: without them a document is either refused (a number
without the issuer's code) or misses a part the checker reads (the signature)."""
MAX_TOP_SECTIONS = 12
"""Top-level Mục per document: above 15 the checker's numbering rule counts only to XV
and reports false errors (tests/test_fuzz.py::test_more_than_fifteen_top_level_sections)."""
AMOUNT_MAX = Decimal(10) ** 15
"""Figures and table values: a value of 29 digits or more crashes the number formatter
(tests/test_fuzz.py::test_a_thirty_digit_figure_is_refused_or_rendered)."""

# --- text ---------------------------------------------------------------------------


def _words() -> list[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in EXAMPLES.glob("*.yaml"))
    return sorted({w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 1})


WORDS = _words()

HOSTILE = [
    "&", "<", ">", '"', "'", "&amp;", "&#123;", "&lt;b&gt;", "<b>", "</w:t>", "<w:br/>", "]]>", "<![CDATA[",
    "{{", "}}", "{%", "%}", "{#", "#}", "{{ 7*7 }}", "{% for x in y %}", "{%p if x %}", "{{r x }}",
    "{_{", "}_}", "{_%", "%_}", "\\", "\\*", "*", "**", "_", "__", "`", "~", "|", "#", "@", "%", "$", "^",
    "- ", "+ ", "1.", "(", ")", ";", ".", ",", ":", "/", "./.", "…", "“", "”", "–", "—",
]
SPACES = [" ", " ", " ", " ", "  ", "   ", "\t", " \t ", "\u00a0", "\u2009", "\u3000", "\u200b"]
BREAKS = ["\n", "\r\n", "\r", "\x0b", "\u2028", "\u2029", "\x85", "\n\n", " \n  "]


def _refused(char: str) -> bool:
    """What vanban refuses in text (written here independently of vanban): C0 and C1
    controls but tab and the line breaks, surrogates, noncharacters."""
    code = ord(char)
    if unicodedata.category(char) == "Cs":
        return True
    if code < 0x20 and char not in "\t\n\r\x0b" or 0x7F <= code <= 0x9F and code != 0x85:
        return True
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


# controls come from SPACES and BREAKS; Cc and Cs out here keeps the filter for the rare noncharacter
_OTHER_CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")).filter(
    lambda c: not _refused(c))


def _weighted(*pairs: tuple[int, st.SearchStrategy]) -> st.SearchStrategy:
    """One of the strategies, each as often as its weight (one_of: no strategy built per draw)."""
    return st.one_of(*[strategy for weight, strategy in pairs for _ in range(weight)])


def _pick(values: list[str]) -> st.SearchStrategy[str]:
    """sampled_from with a short repr (Hypothesis prints strategies in its statistics)."""
    return st.integers(0, len(values) - 1).map(lambda index: values[index])


TOKENS = (
    WORDS * 6
    + [w.capitalize() for w in WORDS]
    + [w.upper() for w in WORDS[::2]]
    + [unicodedata.normalize("NFD", w) for w in WORDS[::2]]
    + [f"**{w}**" for w in WORDS[::4]]
    + [f"*{w}*" for w in WORDS[::4]]
    + HOSTILE * 30
)
"""Words (as typed, capitalised, upper case, decomposed, emphasised) and hostile tokens,
drawn with one choice each: a document has hundreds of them."""

_TOKEN = _pick(TOKENS + [str(n) for n in (0, 7, 10, 49, 2021, 100_000, 1_234_567, 999_999_999)])
_FOREIGN = st.text(_OTHER_CHARACTERS, max_size=4)
"""Any other Unicode, one stretch per text (one_of per token would cost a strategy per draw)."""


def _joined(parts) -> str:
    lead, pieces, foreign, where = parts
    words = [token + separator for token, separator in pieces]
    words.insert(min(where, len(words)), foreign)
    return lead + "".join(words)


def _raw_text(multiline: bool, max_words: int = 6) -> st.SearchStrategy[str]:
    separators = _pick(SPACES + BREAKS if multiline else SPACES)
    lead = _pick(["", "", "", " ", "\t", "  ", "\n"] if multiline else ["", "", " ", "\t"])
    pieces = st.lists(st.tuples(_TOKEN, separators), min_size=1, max_size=max_words)
    return st.tuples(lead, pieces, _FOREIGN, st.integers(0, max_words)).map(_joined)


_RAW = {True: _raw_text(True), False: _raw_text(False)}


def raw_text(multiline: bool = True) -> st.SearchStrategy[str]:
    """Text as typed or pasted: tokens and white space, line breaks only where allowed."""
    return _RAW[multiline]


def _adapter(annotation) -> TypeAdapter:
    key = id(annotation)
    if key not in _ADAPTERS:
        _ADAPTERS[key] = (annotation, TypeAdapter(annotation))
    return _ADAPTERS[key][1]


_ADAPTERS: dict[int, tuple[Any, TypeAdapter]] = {}


def _valid(adapter: TypeAdapter, value: Any) -> bool:
    try:
        adapter.validate_python(value)
    except ValidationError:
        return False
    return True


def _repairs(text: str) -> list[str]:
    """What a writer would change to satisfy a field's own rule: no leading number or
    bullet, no trailing list punctuation, capitalised names."""
    capitalised = " ".join(w if w[:1].isupper() else "Đ" + w for w in text.split())
    return [text, f"Ab {text} cd", f"Ab {capitalised} Cd"]


def text_for(annotation) -> st.SearchStrategy[str]:
    """Raw text the field accepts (the field itself normalises it)."""
    adapter = _adapter(annotation)
    multiline = _valid(adapter, "Ab\ncd")

    def accepted(raw: str):
        for candidate in _repairs(raw):
            if _valid(adapter, candidate):
                return candidate
        return None

    return raw_text(multiline=multiline).map(accepted).filter(lambda value: value is not None)


# --- the walk over the schemas --------------------------------------------------------


def _metadata(items) -> list:
    flat = []
    for item in items:
        if isinstance(item, FieldInfo):
            flat.extend(_metadata(item.metadata))
        else:
            flat.append(item)
    return flat


def _bound(items, kind, attribute, default):
    return next((getattr(i, attribute) for i in items if isinstance(i, kind)), default)


def _date() -> st.SearchStrategy:
    full = st.dates(dt.date(1900, 1, 1), dt.date(2999, 12, 31))
    return _weighted(
        (4, full),
        (1, full.map(lambda d: d.strftime("%d/%m/%Y"))),
        (1, full.map(lambda d: f"{d.year}-{d.month:02d}")),
        (1, st.integers(1900, 2999)),
    )


CODES = st.from_regex(r"\A[A-ZĐ][A-ZĐ0-9.&]{0,6}\Z")
AGENCY_CODES = st.from_regex(r"\A[A-ZĐ][A-ZĐ0-9]{0,6}\Z")


def strategy_for(annotation, metadata=(), depth: int = 0, name: str = "",
                 filled: bool = False, top: bool = False) -> st.SearchStrategy:
    """Values of ``annotation`` (with its field ``metadata``) that a document may hold;
    ``filled``: a list has at least one item (an optional part that is given); ``top``: the
    nodes at the level of the Mục (no numbered paragraph there: it would take a Mục's number;
    parts only where :func:`_parts_mode` puts them)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        return strategy_for(base, (*metadata, *extra), depth, name, filled, top)
    items = _metadata(metadata)
    functions = [i.func for i in items if hasattr(i, "func")]
    if annotation is type(None):
        return st.none()
    if origin is Union:
        from vanban.schemas.body import DocumentPart, NumberedParagraph

        arguments = typing.get_args(annotation)
        if top:
            arguments = [arg for arg in arguments if _unwrapped(arg) not in (DocumentPart, NumberedParagraph)]
        if filled:  # a part that is given is not None (None is what leaving it out gives)
            arguments = [arg for arg in arguments if arg is not type(None)] or arguments
        options = [strategy_for(arg, (), depth, name, filled, top) for arg in arguments]
        return st.one_of(*options)
    if origin is Literal:
        return st.sampled_from(typing.get_args(annotation))
    if origin is list:
        (inner,) = typing.get_args(annotation)
        low = max(_bound(items, annotated_types.MinLen, "min_length", 0), int(filled))
        high = LONG_LIST_MAX if name in ("recipients", "addressees") else LIST_MAX
        if name == "content":
            high = MAX_TOP_SECTIONS
        if name == "annexes":
            high = ANNEXES_MAX
        elif _unwrapped(inner) is _unwrapped(Node):
            # a part holds two nodes at most, deeper sections fewer: documents stay in bounds (and fast)
            high = max(1, LIST_MAX - 1 - depth)
        elements = strategy_for(inner, (), depth, name, top=top or inner == TopNode)
        drawn = st.lists(elements, min_size=low, max_size=max(low, high))
        return drawn.map(_lists_introduced)
    if origin is tuple and typing.get_args(annotation) == (int, int):  # a time of day (hour, minute)
        clock = st.tuples(st.integers(0, 23), st.integers(0, 59))
        return st.one_of(clock, clock.map(lambda c: f"{c[0]}:{c[1]:02d}"), clock.map(lambda c: f"{c[0]}h{c[1]}"),
                         clock.map(lambda c: f"{c[0]} giờ {c[1]} phút"))
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        low = _bound(items, annotated_types.Ge, "ge", 0)
        high = min(_bound(items, annotated_types.Le, "le", 10**6), 10**6)
        return st.integers(low, high)
    if annotation is Decimal:
        return st.one_of(*[st.decimals(0, AMOUNT_MAX, allow_nan=False, allow_infinity=False, places=places)
                           for places in range(4)])
    if annotation is IssueDate:
        return _date()
    if annotation is str:
        if _agency_code in functions:
            return AGENCY_CODES
        if _code in functions:
            return CODES
        if name == "profile":
            return st.sampled_from(sorted(PROFILES))
        if _clean_text in functions:
            return text_for(typing.Annotated[(str, *metadata)])
        return st.text(_OTHER_CHARACTERS, max_size=10)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return model_strategy(annotation, depth)
    raise NotImplementedError(f"no strategy for {annotation!r} ({name})")


def _lists_introduced(nodes: list) -> list:
    """What a writer does before a numbered list: a sentence ending ':' leading into it (a list
    nothing introduces reads as khoản and is refused)."""
    from vanban.schemas.body import NumberedList, Paragraph

    out: list = []
    for node in nodes:
        if isinstance(node, NumberedList) and not (out and isinstance(out[-1], Paragraph)
                                                   and out[-1].text.endswith(":")):
            out.append(Paragraph(text="Gồm:"))
        out.append(node)
    return out


def _unwrapped(annotation):
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


_MODELS: dict[tuple[type, int], st.SearchStrategy] = {}


def model_strategy(model: type[BaseModel], depth: int = 0) -> st.SearchStrategy:
    """Instances of ``model`` built field by field; refused candidates are discarded."""
    from vanban.schemas.body import NumberedParagraph, Section, Table

    if model in (Section, NumberedParagraph):
        depth += 1
        if depth > MAX_DEPTH:
            return st.nothing()
    if model is Table:
        return tables()
    key = (model, depth)
    if key not in _MODELS:
        _MODELS[key] = st.deferred(lambda: _build_model(model, depth))
    return _MODELS[key]


def _build_model(model: type[BaseModel], depth: int, parts: Optional[bool] = None) -> st.SearchStrategy:
    """``parts`` (documents only): the body split into parts (phan) above the Mục, or not;
    None: either (the weights allow for the documents refused, more often whole ones)."""
    from vanban.schemas.body import Annex, DocumentPart
    from vanban.schemas.document import Document

    if issubclass(model, Document) and parts is None:
        return _weighted((10, _build_model(model, depth, parts=False)), (1, _build_model(model, depth, parts=True)))
    required, optional = {}, {}
    for name, info in model.model_fields.items():
        top = model in (DocumentPart, Annex) and name == "children"
        if parts and name == "content":
            value = st.lists(model_strategy(DocumentPart, depth), min_size=1, max_size=LIST_MAX)
            required[name] = value
            continue
        if parts and name not in Document.model_fields and not info.is_required():
            continue  # the type's fixed parts (Mục đích, Tổ chức thực hiện) would stand outside the parts
        value = strategy_for(info.annotation, tuple(info.metadata), depth, name, top=top)
        if info.is_required():
            required[name] = value
        else:
            # given means given: an empty list is the same as leaving the part out
            value = strategy_for(info.annotation, tuple(info.metadata), depth, name, filled=True, top=top)
            present = _weighted((6, st.just(True)), (1, st.just(False))) if name in USUALLY_GIVEN else st.booleans()
            optional[name] = st.tuples(present, value)

    def validate(drawn: tuple[dict, dict]):
        values, choices = drawn
        given = {name for name, (present, _) in choices.items() if present}
        # a model-level rule broken (Mục đích given twice, TM. without thay_mat): a writer
        # would add or leave out an optional part or two; try that, else discard
        names = list(choices)
        flips = [set(), *({n} for n in names)]
        if len(names) <= 6:
            flips += [{a, b} for i, a in enumerate(names) for b in names[i + 1:]]
        for flip in flips:
            present = given ^ flip
            data = {**values, **{name: choices[name][1] for name in present}}
            try:
                return model.model_validate(data)
            except ValidationError:
                continue
        return None

    return (st.tuples(st.fixed_dictionaries(required), st.fixed_dictionaries(optional))
            .map(validate).filter(lambda document: document is not None))


# --- tables: rows that fit their columns, totals where the columns allow them -------------


def _field(model: type[BaseModel], name: str) -> st.SearchStrategy:
    """The values of one field, built once (a strategy built per draw costs Hypothesis dear)."""
    key = (model, name)
    if key not in _FIELDS:
        info = model.model_fields[name]
        _FIELDS[key] = strategy_for(info.annotation, tuple(info.metadata), name=name)
    return _FIELDS[key]


_FIELDS: dict[tuple[type, str], st.SearchStrategy] = {}


@st.composite
def _columns(draw, level: int = 0) -> list[dict]:
    """Header cells left to right: leaves (text or number, summed or not), and now and then
    a merged header cell over two or three sub-columns (twice nested at most)."""
    from vanban.schemas.body import Column

    out = []
    for _ in range(draw(st.integers(1, 3 if level else 4))):
        title = draw(_field(Column, "title"))
        if level < 2 and draw(st.integers(0, 4 + 4 * level)) == 0:
            out.append({"title": title, "columns": draw(_columns(level + 1))})
            continue
        number = draw(st.booleans())
        out.append({"title": title, "kind": "so" if number else "chu", "total": number and draw(st.booleans()),
                    "unit": draw(_field(Column, "unit")) if number else None})
    return out


def _leaves(columns: list[dict]) -> list[dict]:
    return [leaf for column in columns for leaf in (_leaves(column["columns"]) if "columns" in column else [column])]


@st.composite
def _table(draw):
    from vanban.schemas.body import GroupRow, Table

    columns = draw(_columns())
    leaves = _leaves(columns)
    summed = [leaf for leaf in leaves if leaf.get("total")]
    numbered = draw(st.booleans()) or bool(summed and leaves[0].get("total"))
    amounts = strategy_for(Decimal)
    text = _field(GroupRow, "group")
    rows = []
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.integers(0, 5)) == 0:
            rows.append({"group": draw(text)})
            continue
        # a text cell: a text, a number as typed, or its paragraphs as a list
        rows.append([draw(st.one_of(st.none(), amounts) if leaf["kind"] == "so"
                          else st.one_of(st.none(), text, text, amounts, st.lists(text, min_size=1, max_size=3)))
                     for leaf in leaves])
    index_title = draw(st.sampled_from([None, None, "TT", "Số TT"])) if numbered else None
    data = {"caption": draw(_field(Table, "caption")), "columns": columns, "rows": rows, "numbered": numbered,
            "index_title": index_title,
            "total_label": draw(_field(Table, "total_label")) or "Tổng cộng" if summed else None,
            "total_in_words": len(summed) == 1 and draw(st.booleans())}
    try:
        return Table.model_validate(data)
    except ValidationError:
        return None


def tables() -> st.SearchStrategy:
    """General tables (cot/dong) the schema accepts: merged headers, STT, group rows, totals, words."""
    return _TABLES


_TABLES = st.deferred(lambda: _table().filter(lambda table: table is not None))


def document_types() -> dict[str, type]:
    """Every registered type, as the registry has them when the tests run."""
    return vanban.document_types()


def documents(name: str) -> st.SearchStrategy:
    """Random valid documents of the registered type ``name``, in any profile."""
    return model_strategy(vanban.get_document_type(name))
