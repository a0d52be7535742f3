"""Building blocks shared by every document type.

Everything here is a plain Pydantic model: it checks and normalises what the
user wrote and nothing more. Turning a model into the words and punctuation of
a document (labels, dates, ``Số: 114-KH/ĐTN``) is the job of ``vanban._display``.

Every field has an English name and a Vietnamese alias without diacritics, so
``recipients`` and ``noi_nhan`` are the same field in YAML or JSON.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Optional

from typing_extensions import Self

from pydantic import (
    AfterValidator,
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationError,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .._legacy_encodings import legacy_encoding
from .._lazy_pattern import lazy_pattern
from ..rules import HEADING_NUMBER, ISSUING_BODY_START, NAME_CAPITALS


def field(name: str, alias: str, title: str, description: str, **kwargs: Any) -> Any:
    """A field accepted under its English ``name`` and its Vietnamese ``alias``."""
    if kwargs.get("default_factory") is list:
        kwargs["default_factory"] = _empty_list
    return Field(
        # the Vietnamese name first: it is what the JSON Schema shows to YAML writers
        validation_alias=AliasChoices(alias, name),
        title=title,
        description=description,
        **kwargs,
    )


def _empty_list() -> list:
    """``list()``, as a default factory whose signature pydantic reads without parsing
    text: for ``list`` itself, ``inspect.signature`` tokenises its text signature (the
    tokenizer's patterns compiled at the first field built, a few milliseconds of every
    process that reads a document)."""
    return []


class VanbanModel(BaseModel):
    """Base of every schema: unknown keys are errors, never silently dropped.

    A model built in Python (``KeHoach(...)``, ``KeHoach.model_validate(data)``) that is
    invalid raises pydantic's own ValidationError, so that code written for pydantic keeps
    working, with every message in Vietnamese, worded as the command line words it
    (``vanban._loading.in_vietnamese``); types, locations and inputs are pydantic's.
    pydantic has no hook for the messages of its built-in errors, so the entry points
    translate the error they raise; a nested model is validated inside its parent's call
    and translated with it.
    """

    # Schemas are built when a model is first used, not when vanban is imported: a command
    # builds the one document type it reads (each model built at import re-built the models
    # inside it, for every type).
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as error:
            raise _in_vietnamese(error) from None

    # Only the translation differs from pydantic's own __init__, and a nested model's errors
    # are translated with its parent's: marked as pydantic marks its own (RootModel's too), a
    # nested model is validated inside the parent's validator instead of through this method,
    # so it needs no validator of its own (built for each nested type at first use otherwise).
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @classmethod
    def model_validate(cls, obj: Any, *args: Any, **kwargs: Any) -> Self:
        try:
            return super().model_validate(obj, *args, **kwargs)
        except ValidationError as error:
            raise _in_vietnamese(error) from None

    @classmethod
    def model_validate_json(cls, json_data: Any, *args: Any, **kwargs: Any) -> Self:
        try:
            return super().model_validate_json(json_data, *args, **kwargs)
        except ValidationError as error:
            raise _in_vietnamese(error) from None


def _in_vietnamese(error: ValidationError) -> ValidationError:
    from .._loading import in_vietnamese  # the reader imports the schemas

    return in_vietnamese(error)


def built(model: type[BaseModel], **fields: Any) -> Any:
    """A model made by vanban from parts already validated (a section around a part's
    children, a bullet from a schedule line): nothing to check a second time.

    ``sections()`` runs when a document is validated and again when it is displayed;
    validating what it builds would re-run every text check (the legacy-encoding heuristic
    among them) on text that has passed them. What is built here must only join validated
    text with vanban's own words, so that it would pass validation as it stands."""
    defaults = _defaults.get(model)
    if defaults is None:
        defaults = _defaults[model] = _defaults_of(model)
    if defaults is False or not fields.keys() <= model.__pydantic_fields__.keys():
        return model.model_construct(**fields)
    # model_construct's work, without asking each default factory's signature every time
    # (inspect.signature: most of the cost of the thousands of nodes a display builds)
    values = {}
    for name, factory, default in defaults:
        if name in fields:
            values[name] = fields[name]
        elif factory is not None:
            values[name] = factory()
        elif default is not _REQUIRED:
            values[name] = default
    return instance(model, values, set(fields))


def instance(model: type[BaseModel], values: dict, fields_set: set) -> Any:
    """A ``model`` holding ``values`` (already validated), as pydantic-core makes one from its
    validated fields: no extra fields, no private attributes."""
    made = model.__new__(model)
    object.__setattr__(made, "__dict__", values)
    object.__setattr__(made, "__pydantic_fields_set__", fields_set)
    object.__setattr__(made, "__pydantic_extra__", None)
    object.__setattr__(made, "__pydantic_private__", None)
    return made


_REQUIRED = object()
_IMMUTABLE = (type(None), bool, int, float, str, bytes)
_defaults: dict = {}


def _defaults_of(model: type[BaseModel]) -> Any:
    """(name, default factory, default) of each field, as ``model_construct`` fills them in; False
    for a model it fills in another way (a factory given the other fields, a default it copies,
    private attributes, extra fields kept)."""
    try:
        from pydantic._internal._fields import takes_validated_data_argument
    except ImportError:  # another pydantic: its own model_construct
        return False
    if model.__pydantic_post_init__ or model.__pydantic_root_model__ or model.model_config.get("extra") == "allow":
        return False
    defaults = []
    for name, info in model.__pydantic_fields__.items():
        if info.default_factory is not None:
            if takes_validated_data_argument(info.default_factory):
                return False
            defaults.append((name, info.default_factory, None))
        elif info.is_required():
            defaults.append((name, None, _REQUIRED))
        elif type(info.default) in _IMMUTABLE:
            defaults.append((name, None, info.default))
        else:
            return False
    return tuple(defaults)


def string_shorthand(field_name: str):
    """A model validator accepting a bare string for ``{field_name: string}``."""

    def from_string(cls, data: Any) -> Any:
        return {field_name: data} if isinstance(data, str) else data

    return model_validator(mode="before")(classmethod(from_string))


def schema_text(title: str, description: str) -> ConfigDict:
    """Vietnamese title and description for a model's JSON Schema (editor tooltips)."""
    return ConfigDict(title=title, json_schema_extra={"description": description})


# --- text -----------------------------------------------------------------

# Characters that are not text. XML 1.0 forbids the C0 controls but tab and line
# breaks, lone surrogates, U+FFFE and U+FFFF: a .docx holding one does not open.
# The C1 controls (U+0080-U+009F) and the other Unicode noncharacters are allowed
# by XML but are never text: they come from a broken conversion (Windows-1252 read
# as Latin-1) and print as nothing or a box; vanban also uses a noncharacter
# internally (``_display._UNDERSCORE_STANDIN``). All are refused, naming the field.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"\\U{plane:04X}FFFE\\U{plane:04X}FFFF" for plane in range(17))
    + "]"
)
# What other programs use for a line break: Windows and old Mac line ends, Word's
# manual line break (Shift+Enter, U+000B in copied text), NEL, LINE and PARAGRAPH
# SEPARATOR. All become one "\n", a line break in Word. A form feed (Word's page
# break, U+000C) has no place inside a paragraph and is refused like a control.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x85\u2028\u2029]")
# Tabs and runs of spaces become one space (vanban sets indents and alignment; a tab
# in a justified paragraph jumps to a tab stop). Spaces around a line break go, and
# blank lines close up: a paragraph never holds an empty line. Other spaces (no-break,
# thin, ideographic) are deliberate and kept.
_SPACES = re.compile("[ \t]+")
_AROUND_BREAKS = re.compile(" ?\n[ \n]*")


def _excerpt_before(text: str, position: int) -> str:
    words = text[:position].split()[-3:]
    return " ".join(words)[-30:]


def normalise_text(value: str) -> str:
    """NFC, one kind of line break, single spaces, no blank lines, no surrounding space.

    Raises PydanticCustomError for characters that are not text and for text typed
    in the legacy TCVN3 or VNI encodings.
    """
    value = unicodedata.normalize("NFC", value)
    bad = _FORBIDDEN.search(value)
    if bad:
        before = _excerpt_before(value, bad.start())
        raise PydanticCustomError(
            "vanban_control_char",
            "Văn bản chứa ký tự điều khiển hoặc ký tự không dùng trong văn bản (mã U+{code}) "
            "ở vị trí {pos}{after}; hãy xóa ký tự này (thường do dán từ phần mềm khác).",
            {"code": f"{ord(bad.group()):04X}", "pos": bad.start() + 1,
             "after": f", sau «{before}»" if before else ""},
        )
    value = _LINE_BREAKS.sub("\n", value)
    value = _AROUND_BREAKS.sub("\n", _SPACES.sub(" ", value)).strip()
    legacy = legacy_encoding(value)
    if legacy:
        examples = ", ".join(f"«{word}» là «{reading}»" for word, reading in legacy.examples)
        raise PydanticCustomError(
            "vanban_legacy_encoding",
            "Chữ có vẻ được gõ bằng bảng mã cũ {label}, phông {font}, không phải Unicode: "
            "đọc theo bảng mã đó thì {examples}. Hãy chuyển sang Unicode (ví dụ Unikey: "
            "Công cụ chuyển mã, Ctrl+Shift+F6, nguồn {label}, đích Unicode) rồi dán lại.",
            {"label": legacy.label, "font": legacy.font, "examples": examples},
        )
    return value


def _clean_text(value: Any) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return value  # let the str validator produce the type error
    return normalise_text(value)


Text = Annotated[str, BeforeValidator(_clean_text), Field(min_length=1)]
"""Non-empty text, normalised by :func:`normalise_text`: NFC, tabs and runs of
spaces as one space, every kind of line break as ``\\n`` (a line break in Word),
no blank lines, no surrounding white space; controls and TCVN3/VNI text refused.

Inline emphasis uses Markdown: ``**đậm**``, ``*nghiêng*``; ``\\*`` keeps a
literal asterisk.
"""


def _error(code: str, message: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(f"vanban_{code}", message, context)


def _single_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise _error("single_line", "Trường này chỉ có một dòng; hãy xóa chỗ xuống dòng.")
    return value


_MANUAL_NUMBER = re.compile(r"^\s*(?:[IVXLCDM]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s")
_MANUAL_BULLET = re.compile(r"^\s*[-+•–*]\s")


def _no_manual_number(value: str) -> str:
    match = _MANUAL_NUMBER.match(value)
    if match:
        raise _error(
            "manual_number",
            "Không gõ số thứ tự (I., 1., 1.1., a)...) ở đầu tiêu đề: vanban tự đánh số. "
            "Hãy xóa phần '{prefix}'.",
            prefix=match.group().strip(),
        )
    return value


_NUMBERING_ADVICE = (
    "vanban tự đánh số. Nếu đây là đoạn văn mang số (viết thường, không đậm), hãy viết "
    "'doan_so: <nội dung>'; nếu là mục có tiêu đề, viết 'tieu_de: <tiêu đề>' với 'noi_dung'; "
    "nếu là danh sách riêng đánh số từ 1, viết 'danh_sach_so: [...]'. Không gõ '{prefix}'."
)


def _not_numbered_like_a_heading(value: str) -> str:
    match = re.match(HEADING_NUMBER, value)
    if match:
        raise _error(
            "paragraph_number",
            "Đoạn văn bắt đầu bằng số thứ tự '{prefix}' mà " + _NUMBERING_ADVICE,
            prefix=match.group().strip(),
        )
    return value


def _no_typed_number(value: str) -> str:
    match = _MANUAL_NUMBER.match(value)
    if match:
        raise _error(
            "typed_number",
            "Không gõ số thứ tự '{prefix}' ở đầu dòng: vanban tự đánh số. Hãy xóa phần '{prefix}'.",
            prefix=match.group().strip(),
        )
    return value


def _no_manual_bullet(value: str) -> str:
    if _MANUAL_BULLET.match(value):
        raise _error(
            "manual_bullet",
            "Không gõ dấu '{mark}' ở đầu dòng: vanban tự thêm gạch đầu dòng. Hãy xóa dấu này.",
            mark=value.strip()[0],
        )
    return value


def _no_list_punctuation(value: str) -> str:
    value = _no_manual_bullet(value)
    if value[-1] in ";.,":
        raise _error(
            "list_punctuation",
            "Không gõ dấu '{mark}' ở cuối mục Nơi nhận: vanban tự thêm ';' và '.'. Hãy xóa dấu này.",
            mark=value[-1],
        )
    return value


def _bare_purpose(value: str) -> str:
    if value[0] in "(" or value[-1] in ");.,":
        raise _error(
            "purpose",
            "Chỉ ghi mục đích, ví dụ 'để b/c': vanban tự đặt trong ngoặc đơn và thêm dấu câu.",
        )
    return value


def _not_prefixed_with_luu(value: str) -> str:
    if re.match(r"^lưu\b", value, re.IGNORECASE):
        raise _error(
            "archive",
            "Chỉ ghi nơi lưu, ví dụ 'VP' hoặc 'TNNT, VT-LT': vanban tự viết '- Lưu ...'.",
        )
    return value


def _capital_letter(char: str) -> bool:
    """A Latin capital within what the checker's rule U-SIG-3 reads as one (A-Z, Đ, À ... Ỹ)."""
    return (char.isupper() and unicodedata.name(char, "").startswith("LATIN")
            and re.match(f"[{NAME_CAPITALS}]", char) is not None)


def _capitalised_name(value: str) -> str:
    words = value.split()
    if not all(_capital_letter(word[0]) for word in words):
        suggestion = " ".join(word[:1].upper() + word[1:] for word in words)
        raise _error(
            "person_name",
            "Họ tên: mỗi tiếng bắt đầu bằng một chữ cái viết hoa (Phụ lục II NĐ 30), "
            "ví dụ '{suggestion}'.",
            suggestion=suggestion,
        )
    return value


Line = Annotated[Text, AfterValidator(_single_line)]
"""Text on one line (names, places, headings, list entries)."""
HeadingText = Annotated[Line, AfterValidator(_no_manual_number)]
ParagraphText = Annotated[Text, AfterValidator(_not_numbered_like_a_heading)]
"""A paragraph of its own: it may not start like a numbered heading ("1. ", "II. ")."""
BulletText = Annotated[Text, AfterValidator(_no_manual_bullet), AfterValidator(_not_numbered_like_a_heading)]
NumberedText = Annotated[Text, AfterValidator(_no_typed_number), AfterValidator(_no_manual_bullet)]
"""A numbered paragraph's words: vanban writes its number."""
ListText = Annotated[Text, AfterValidator(_no_typed_number), AfterValidator(_no_manual_bullet)]
"""An entry of a numbered list: vanban writes ``1.``, ``2.``."""
_TYPED_ARTICLE = lazy_pattern(r"^\s*Điều\s+\d+\s*[.:]\s*", re.IGNORECASE)


def _no_typed_article(value: str) -> str:
    match = _TYPED_ARTICLE.match(value)
    if match:
        raise _error(
            "typed_article",
            "Không gõ '{prefix}' ở đầu điều: vanban tự đánh số Điều 1., Điều 2. Hãy xóa phần '{prefix}'.",
            prefix=match.group().strip(),
        )
    return value


ArticleText = Annotated[NumberedText, AfterValidator(_no_typed_article)]
"""The words of an Điều: vanban writes ``Điều 1.``."""
RecipientText = Annotated[Line, AfterValidator(_no_list_punctuation)]
ArchiveText = Annotated[RecipientText, AfterValidator(_not_prefixed_with_luu)]


BasisText = Annotated[Line, AfterValidator(_not_numbered_like_a_heading)]
"""A căn cứ line; vanban ends it with ';' (the last with the profile's mark) unless the author did."""


def _a_name(value: str) -> str:
    if "," in value:
        raise _error(
            "place",
            "Địa danh là một tên, không có dấu phẩy (dấu phẩy ngăn địa danh với ngày tháng): "
            "ghi tên đơn vị hành chính nơi cơ quan đóng trụ sở, ví dụ 'Cầu Ngang' hoặc 'Trà Vinh'.",
        )
    if ":" in value:
        # a colon makes the date line read as a labelled line ("Thời gian bắt đầu: 14 giờ, ngày ...")
        # to the checker and the importer, which would then not find the date line
        raise _error(
            "place",
            "Địa danh là một tên, không có dấu hai chấm (dòng có dấu hai chấm được đọc như "
            "'Thời gian: ...', không phải dòng địa danh, ngày tháng): ghi tên đơn vị hành chính nơi "
            "cơ quan đóng trụ sở, ví dụ 'Cầu Ngang' hoặc 'Trà Vinh'.",
        )
    return value


PlaceName = Annotated[Line, AfterValidator(_a_name)]


def _not_bracketed(value: str) -> str:
    if value[0] in "([":
        raise _error(
            "position",
            "Chức vụ không bắt đầu bằng dấu ngoặc: trong khối chữ ký, dòng trong ngoặc là ghi chú "
            "như '(Đã ký)'. Hãy ghi chức vụ, ví dụ 'Bí thư', 'Phó Chủ tịch'.",
        )
    return value


PositionText = Annotated[Line, AfterValidator(_not_bracketed)]
PurposeText = Annotated[Line, AfterValidator(_bare_purpose)]
PersonName = Annotated[Line, AfterValidator(_capitalised_name)]


def _lines(value: Any) -> Any:
    """Accept one string or a list of strings for a multi-line name."""
    return [value] if isinstance(value, str) else value


Lines = Annotated[list[Line], BeforeValidator(_lines)]

_CODE = re.compile(r"^[A-ZĐ][A-ZĐ0-9.&]*$")
_AGENCY_CODE = re.compile(r"^[A-ZĐ][A-ZĐ0-9]*$")


def _code(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    value = unicodedata.normalize("NFC", value).strip()
    if not _CODE.match(value):
        raise PydanticCustomError(
            "vanban_code",
            "Ký hiệu '{value}' không hợp lệ: chỉ gồm chữ IN HOA (có thể có Đ), chữ số, "
            "'.' hoặc '&', không dấu cách, ví dụ ĐTN, TĐTN, VP, CTĐ&TTN.",
            {"value": value},
        )
    return value


def _agency_code(value: Any) -> Any:
    """The issuing body's part of the symbol: no '.' or '&' (those separate units, CTĐ&TTN)."""
    value = _code(value)
    if isinstance(value, str) and not _AGENCY_CODE.match(value):
        raise PydanticCustomError(
            "vanban_code",
            "Ký hiệu cơ quan '{value}' không hợp lệ: chỉ gồm chữ IN HOA (có thể có Đ) và chữ số, "
            "ví dụ ĐTN, TĐTN, TWĐTN, UBND; ký hiệu ban, đơn vị soạn thảo (VP, CTĐ&TTN) ghi ở "
            "'don_vi_soan_thao'.",
            {"value": value},
        )
    return value


Code = Annotated[str, BeforeValidator(_code)]
"""A unit's abbreviation in the symbol (VP, CTĐ&TTN)."""
AgencyCode = Annotated[str, BeforeValidator(_agency_code)]
"""An issuing body's abbreviation (ĐTN, TWĐTN, UBND): capitals and digits only."""


# --- date -------------------------------------------------------------------


@dataclass(frozen=True)
class IssueDate:
    """The signing date; day and month may be left blank to fill in by hand."""

    year: int
    month: Optional[int] = None
    day: Optional[int] = None

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)


_DATE_FORMS = [
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("year", "month", "day")),
    (lazy_pattern(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), ("day", "month", "year")),
    (lazy_pattern(r"^(\d{4})-(\d{1,2})$"), ("year", "month")),
    (lazy_pattern(r"^(\d{1,2})/(\d{4})$"), ("month", "year")),
    (lazy_pattern(r"^(\d{4})$"), ("year",)),
]


def _date_error(value: Any) -> PydanticCustomError:
    return PydanticCustomError(
        "vanban_date",
        "Ngày '{value}' không hợp lệ. Viết theo dạng 2021-03-05 hoặc 05/03/2021; "
        "chưa biết ngày thì viết 2021-03 (tháng và năm) hoặc 2021 (chỉ năm).",
        {"value": str(value)},
    )


def parse_issue_date(value: Any) -> IssueDate:
    if isinstance(value, IssueDate):
        return value
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return IssueDate(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise _date_error(value)
    text = value.strip()
    for pattern, names in _DATE_FORMS:
        match = pattern.match(text)
        if match:
            parts = dict(zip(names, map(int, match.groups())))
            break
    else:
        raise _date_error(value)
    year, month, day = parts["year"], parts.get("month"), parts.get("day")
    if not 1900 <= year <= 2999 or (month is not None and not 1 <= month <= 12):
        raise _date_error(value)
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise _date_error(value)
    return IssueDate(year, month, day)


DocumentDate = Annotated[
    IssueDate,
    PlainValidator(parse_issue_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "examples": ["2021-03-05", "05/03/2021", "2021-03", "2021"],
        }
    ),
]


# --- letterhead -----------------------------------------------------------


class Issuer(VanbanModel):
    """The issuing body (tên cơ quan ban hành) and the body above it."""

    model_config = schema_text("Cơ quan ban hành", "Tên cơ quan ban hành, cơ quan cấp trên và ký hiệu viết tắt.")

    parent: Lines = field(
        "parent", "cap_tren", "Cơ quan cấp trên",
        "Tên tổ chức Đoàn cấp trên trực tiếp, viết thường (vanban tự viết IN HOA); "
        "có thể nhiều dòng. Bỏ trống nếu không có.",
        default_factory=list,
    )
    name: Lines = field(
        "name", "ten", "Tên cơ quan ban hành",
        "Tên cơ quan ban hành, viết thường (vanban tự viết IN HOA); "
        "tên dài có thể chia thành nhiều dòng.",
        min_length=1,
    )
    code: Optional[AgencyCode] = field(
        "code", "ky_hieu", "Ký hiệu cơ quan",
        "Chữ viết tắt của cơ quan trong số ký hiệu, ví dụ ĐTN, TĐTN, TWĐTN, UBND; bỏ trống khi văn bản "
        "không có dòng số (so: khong).",
        default=None,
    )
    profile: Optional[str] = field(
        "profile", "the_thuc", "Thể thức của cơ quan",
        "'doan' hoặc 'nha-nuoc': thể thức mặc định cho văn bản của cơ quan này.",
        default=None,
    )

    @field_validator("name")
    @classmethod
    def _one_body(cls, lines: list[str]) -> list[str]:
        # A reader (and vanban check) takes a line opening "BCH ..." for where the issuing
        # body's name starts: what is above it is the parent, written not bold.
        for line in lines[1:]:
            opener = re.match(ISSUING_BODY_START, " ".join(line.upper().split()))
            if opener:
                raise _error(
                    "issuer_lines",
                    "Dòng '{line}' bắt đầu bằng '{opener}' nên được đọc là chỗ bắt đầu tên cơ quan "
                    "ban hành: hãy chuyển các dòng phía trên nó sang 'cap_tren' (cơ quan cấp trên).",
                    line=line, opener=opener.group(),
                )
        return lines


class Recipient(VanbanModel):
    """One entry of Nơi nhận."""

    model_config = schema_text("Nơi nhận", "Một nơi nhận: tên (chuỗi) hoặc {ten, muc_dich_gui}.")

    name: RecipientText = field(
        "name", "ten", "Nơi nhận", "Tên nơi nhận, không gõ '- ' ở đầu và ';' ở cuối."
    )
    purpose: Optional[PurposeText] = field(
        "purpose", "muc_dich_gui", "Mục đích gửi",
        "Ví dụ: để b/c, để th/h, để biết; vanban đặt trong ngoặc đơn.",
        default=None,
    )

    _from_string = string_shorthand("name")


Authority = Literal["TM.", "KT.", "TL.", "TUQ.", "Q."]
_AUTHORITIES = {"TM": "TM.", "KT": "KT.", "TL": "TL.", "TUQ": "TUQ.", "Q": "Q."}


def _authority(value: Any) -> Any:
    if value is None or not isinstance(value, str):
        return value
    key = value.strip().rstrip(".").upper()
    if key == "":
        return None
    if key not in _AUTHORITIES:
        raise PydanticCustomError(
            "vanban_authority",
            "Thẩm quyền ký '{value}' không hợp lệ: chỉ dùng TM., KT., TL., TUQ. (Nhà nước), Q. "
            "hoặc bỏ trống khi người đứng đầu ký trực tiếp.",
            {"value": value},
        )
    return _AUTHORITIES[key]


class Signer(VanbanModel):
    """Thể thức đề ký, chức vụ and họ tên người ký."""

    model_config = schema_text("Người ký", "Thẩm quyền ký (TM., KT., TL., Q.), ký thay cho, chức vụ, họ tên.")

    authority: Annotated[Optional[Authority], BeforeValidator(_authority)] = field(
        "authority", "tham_quyen", "Thẩm quyền ký",
        "TM. (thay mặt), KT. (ký thay), TL. (thừa lệnh), Q. (quyền) hoặc bỏ trống.",
        default=None,
    )
    on_behalf_of: Optional[Line] = field(
        "on_behalf_of", "thay_mat", "Ký thay cho",
        "Tập thể hoặc chức danh được ký thay, ví dụ 'Ban Thường vụ' (sau TM.), 'Bí thư' (sau KT.).",
        default=None,
    )
    deputy_for: Optional[Line] = field(
        "deputy_for", "ky_thay",
        "Ký thay (sau TM.)",
        "Chức danh người đứng đầu khi cấp phó ký thay trong văn bản của tập thể: "
        "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH (ghi 'Chủ tịch').",
        default=None,
    )
    position: PositionText = field(
        "position", "chuc_vu", "Chức vụ", "Chức vụ người ký, ví dụ 'Bí thư', 'Phó Bí thư'."
    )
    name: PersonName = field("name", "ho_ten", "Họ tên", "Họ và tên người ký, viết hoa chữ cái đầu mỗi tiếng.")

    @model_validator(mode="after")
    def _prefix_and_body_go_together(self) -> "Signer":
        if self.authority and not self.on_behalf_of:
            raise _error(
                "signer",
                "Có thẩm quyền ký '{authority}' thì phải ghi 'thay_mat' (ví dụ: Ban Thường vụ).",
                authority=self.authority,
            )
        if self.deputy_for and self.authority != "TM.":
            raise _error(
                "signer",
                "'ky_thay' chỉ dùng sau 'tham_quyen: TM.' (TM. tập thể, KT. người đứng đầu).",
            )
        if self.on_behalf_of and not self.authority:
            raise _error(
                "signer",
                "Có 'thay_mat' thì phải ghi 'tham_quyen' (TM., KT., TL. hoặc Q.); "
                "người đứng đầu ký trực tiếp thì bỏ 'thay_mat'.",
            )
        return self


# --- marks ------------------------------------------------------------------

Secrecy = Literal["MẬT"]
Urgency = Literal["KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"]


def upper_mark(value: Any) -> Any:
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", value).strip().upper()
        return value.replace("HOẢ", "HỎA") or None
    return value
