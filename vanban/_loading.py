"""Reading documents from YAML or JSON, and the one place input errors become Vietnamese.

Pydantic's and PyYAML's errors are translated here into :class:`InputError`
with one :class:`Problem` per mistake (all of them at once), each naming the
field path and, for files, the line and column.
"""

from __future__ import annotations


import codecs
import difflib
import functools
import io
import json
import re
import stat
from pathlib import Path
from typing import Any, Iterator, Mapping, Optional, Union

import yaml
from pydantic import AliasChoices, BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from ._file_kind import KINDS, kind_of
from ._registry import document_types, get_document_type
from ._yaml_errors import SMART_QUOTES, SMART_QUOTES_AS_YAML_QUOTES, _Refused, at, problem_for, split_lines
from .errors import InputError, Problem, UnknownDocumentTypeError
from .schemas.body import NODE_TAGS
from .schemas.document import Document

_TYPE_KEYS = ("type", "loai")


# --- YAML as people type it -------------------------------------------------


class _StrictLoader(yaml.SafeLoader):
    """YAML 1.2 scalars: ``010`` is ten, ``yes``/``no`` are text; duplicate keys are errors.

    Dates stay text, so that ``2021-13-01`` reaches the schema's date check (and
    its Vietnamese message) instead of failing inside the YAML parser.
    """


_REPLACED_TAGS = (
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:float",  # 15.10 stays "15.10"
)
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _REPLACED_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789")
)
_StrictLoader.add_constructor(
    "tag:yaml.org,2002:int", lambda loader, node: int(loader.construct_scalar(node), 10)
)


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False):
    seen: dict[Any, yaml.Node] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int)):
            raise _Refused(None, None, "tên trường phải là một chữ, ví dụ 'noi_nhan'", key_node.start_mark)
        if key in seen:
            raise _Refused(None, None, f"khóa '{key}' xuất hiện hai lần (lần đầu ở dòng "
                          f"{seen[key].start_mark.line + 1}); hãy xóa một lần hoặc đổi tên", key_node.start_mark)
        if isinstance(key, str) and not key_node.style and any(quote in key for quote in SMART_QUOTES):
            # “Nhằm: ...” as a list item: Word's quotes are text to YAML, so the ':' inside made a key
            raise _Refused(None, None, SMART_QUOTES_AS_YAML_QUOTES.rstrip("."), key_node.end_mark)
        if isinstance(key, str) and not key_node.style and re.match(r"-[^\s\-]", key):  # plain: None, or ''
            raise _Refused(None, None, f"tên trường '{key}' bắt đầu bằng '-': thiếu dấu cách sau gạch đầu dòng? "
                          f"Hãy viết '- {key[1:]}'", key_node.start_mark)
        seen[key] = key_node
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_StrictLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


# --- anchors and aliases, bounded --------------------------------------------------
# An alias (*name) repeats the node its anchor (&name) marks. Ten lines of ten aliases
# each, every one repeating the line above, are a billion nodes in a 4 KB file: bounded
# by the number of aliases and by the nodes they add once repeated.

MAX_ALIASES = 100
MAX_ALIAS_NODES = 10_000  # a signer or a section reused adds tens


def _compose_node(loader: _StrictLoader, parent, index):
    if loader.check_event(yaml.AliasEvent):
        loader.alias_count = getattr(loader, "alias_count", 0) + 1
        if loader.alias_count > MAX_ALIASES:
            raise _Refused(None, None, f"tệp dùng hơn {MAX_ALIASES} tham chiếu '*tên' (alias của YAML), giới hạn "
                           "của vanban; hãy viết thẳng nội dung thay cho các tham chiếu",
                           loader.peek_event().start_mark)
    return yaml.SafeLoader.compose_node(loader, parent, index)


_StrictLoader.compose_node = _compose_node


# --- libyaml, where it is installed ------------------------------------------------
# PyYAML's C parser (libyaml) composes the node tree some thirty times faster than the
# Python one. It is given the same resolvers and constructors, so the data is the same, and
# its nodes carry the same lines and columns (tests/test_loading.py checks both). It is used
# only for text it cannot differ on: no character the Python reader refuses, no nesting
# deep enough to overflow its C stack or to come near Python's recursion limit, no more
# aliases than MAX_ALIASES, no error of any kind. Anything else is read again by the Python
# loader, whose errors (their words and places) are the ones vanban explains.

try:
    _CSafeLoader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _CSafeLoader = None

if _CSafeLoader is not None:
    class _CStrictLoader(_CSafeLoader):
        """:class:`_StrictLoader`'s resolvers and constructors on libyaml's parser."""

        yaml_implicit_resolvers = _StrictLoader.yaml_implicit_resolvers
        yaml_constructors = _StrictLoader.yaml_constructors
else:
    _CStrictLoader = None

_C_NESTING_BOUND = 5_000
"""Nesting the C parser is given at most (it recurses in C; 10,000 levels are safe)."""
_C_DEPTH_KEPT = 100
"""Deeper trees are read by the Python loader, which decides whether they are too deep."""


def _c_may_read(text: str) -> bool:
    """Whether libyaml may read ``text``: every character one the Python reader accepts,
    and a nesting bound well under what its C stack takes (a level of flow nesting takes a
    bracket; a level of block nesting at least half a column of the longest line)."""
    if _CStrictLoader is None or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return False
    longest = max(map(len, text.splitlines()), default=0)
    return 2 * longest + text.count("[") + text.count("{") < _C_NESTING_BOUND


def _shape(root: yaml.Node) -> tuple[int, int]:
    """(depth, aliases) of a node graph: aliases are the references to a node already seen,
    one for each ``*name`` in the text."""
    depth = aliases = 0
    seen: set[int] = set()
    stack = [(root, 1)]
    while stack:
        node, level = stack.pop()
        if id(node) in seen:
            aliases += 1
            continue
        seen.add(id(node))
        depth = max(depth, level)
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, level + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend((part, level + 1) for pair in node.value for part in pair)
    return depth, aliases


def _read_with_libyaml(text: str) -> Optional[tuple[Any, Optional[yaml.Node]]]:
    """(data, node tree) as the Python loader reads them, or None: read it with that one."""
    if not _c_may_read(text):
        return None
    loader = _CStrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            depth, aliases = _shape(node)
            if depth > _C_DEPTH_KEPT or aliases > MAX_ALIASES:
                return None
        _check_repetition(node)
        return (loader.construct_document(node) if node is not None else None), node
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        loader.dispose()


def _check_repetition(root: Optional[yaml.Node]) -> None:
    """Refuse a node graph whose aliases add more than MAX_ALIAS_NODES nodes, or loop."""
    sizes: dict[int, int] = {}  # id(node) -> nodes once every alias is written out
    visiting: set[int] = set()
    written = 0

    def size(node: yaml.Node) -> int:
        nonlocal written
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in visiting:
            raise _Refused(None, None, "tham chiếu '*tên' nằm bên trong chính phần mà nó tham chiếu tới "
                           "(lặp vô hạn); hãy viết thẳng nội dung", node.start_mark)
        visiting.add(key)
        written += 1
        children = node.value if isinstance(node, yaml.SequenceNode) else (
            [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else [])
        total = 1
        for child in children:
            total += size(child)
            if total - written > MAX_ALIAS_NODES:
                raise _Refused(None, None, f"các tham chiếu '*tên' (alias của YAML) nhân nội dung lên hơn "
                               f"{_thousands(MAX_ALIAS_NODES)} mục so với tệp viết ra, giới hạn của vanban; hãy viết "
                               "thẳng nội dung thay cho các tham chiếu", child.start_mark)
        visiting.discard(key)
        sizes[key] = total
        return total

    if root is not None:
        size(root)


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


_JSON_PROBLEMS = {
    "Expecting value": "thiếu giá trị, hoặc có dấu ',' thừa",
    "Expecting ',' delimiter": "thiếu dấu ',' giữa hai mục",
    "Expecting ':' delimiter": "thiếu dấu ':' sau tên trường",
    "Expecting property name enclosed in double quotes":
        "tên trường phải đặt trong ngoặc kép \"...\", hoặc có dấu ',' thừa trước '}'",
    "Invalid control character at": "có ký tự điều khiển (Tab, xuống dòng) trong chuỗi; hãy viết \\t, \\n",
    "Unterminated string starting at": "thiếu dấu ngoặc kép đóng chuỗi",
    "Extra data": "có nội dung thừa sau dấu '}' cuối cùng",
    "Invalid \\escape": "dấu '\\' trong chuỗi phải viết hai lần ('\\\\')",
    "Invalid \\uXXXX escape": "mã \\uXXXX không hợp lệ",
}


def _json_problem(error: json.JSONDecodeError) -> Problem:
    message = next((vi for en, vi in _JSON_PROBLEMS.items() if error.msg.startswith(en)),
                   f"{error.msg} (thông báo gốc của JSON)")
    return Problem(f"dòng {error.lineno}, cột {error.colno}", f"Lỗi cú pháp JSON: {message}.")


_READ_ERRORS = {
    IsADirectoryError: "đây là một thư mục, không phải tệp dữ liệu",
    PermissionError: "không có quyền đọc tệp này",
    FileNotFoundError: "không tìm thấy tệp",
}


def read_data(path: Path, raw: Optional[bytes] = None) -> tuple[Any, Optional[yaml.Node]]:
    """The data in a .yaml/.yml/.json file, and its YAML node tree for positions. ``raw``: the
    file's bytes, already read elsewhere (a batch's cluster worker gets them so); messages still
    name ``path``."""
    try:
        if raw is None and path.exists() and not path.is_dir() and not stat.S_ISREG(path.stat().st_mode):
            raise InputError([Problem("", f"Không đọc được {path}: đây không phải một tệp thường "
                                          "(mà là thiết bị hoặc đường ống).")], path)
        raw = path.read_bytes() if raw is None else raw
    except OSError as error:
        reason = next((m for kind, m in _READ_ERRORS.items() if isinstance(error, kind)), error.strerror)
        raise InputError([Problem("", f"Không đọc được {path}: {reason}.")], path) from None
    text = _decode(raw, path)
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text), None
        except json.JSONDecodeError as error:
            raise InputError([_json_problem(error)], path) from None
        except RecursionError:
            raise InputError([_too_deep()], path) from None
    read = _read_with_libyaml(text)
    if read is not None:
        data, node = read
    else:
        data, node = _read_with_python(text, path)
    lines = split_lines(text)
    scalars = list(_plain_scalars(node))
    hidden = list(_comments_eating_text(scalars, lines)) + list(_list_items_joined_to_text(scalars, lines))
    if hidden:
        raise InputError(hidden, path)
    return data, node


def _read_with_python(text: str, path: Path) -> tuple[Any, Optional[yaml.Node]]:
    """(data, node tree) read by PyYAML's Python loader; its errors said in Vietnamese."""
    loader = None
    try:
        loader = _StrictLoader(text)  # the reader checks every character here
        node = loader.get_single_node()
        _check_repetition(node)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        raise InputError([problem_for(error, text)], path) from None
    except RecursionError:
        raise InputError([_too_deep()], path) from None
    finally:
        if loader is not None:
            loader.dispose()
    return data, node


# Notepad's "Unicode" is UTF-16 with a byte order mark; UTF-32 is checked first, as its
# little-endian mark starts with UTF-16's.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _decode(raw: bytes, path: Path) -> str:
    """The text of a data file in UTF-8, UTF-16 or UTF-32 (with or without a byte order mark)."""
    kind = kind_of(io.BytesIO(raw)) if raw[:2] in (b"PK", b"\xd0\xcf", b"%P", b"{\\") else None
    if kind is not None:
        raise InputError([Problem("", _not_data(kind, path))], path)
    body, encoding = raw, _utf16_without_mark(raw) or "utf-8"
    for mark, codec in _BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            body, encoding = raw[len(mark):], codec
            break
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as error:
        lines = split_lines(body[:error.end + 200].decode(encoding, errors="replace"))
        line, column = _line_and_column(body[:error.start].decode(encoding))
        raise InputError([at(lines, line, column,
                             f"Tệp không phải {encoding.upper().replace('-LE', '').replace('-BE', '')}: byte "
                             f"0x{body[error.start]:02X} ở đây không đọc được. Tệp có lẽ được lưu bằng một mã "
                             "khác (như Windows-1258). Hãy mở tệp và lưu lại với mã hóa UTF-8 (Notepad: Lưu "
                             "thành, Mã hóa: UTF-8).")], path) from None


def _line_and_column(before: str) -> tuple[int, int]:
    lines = split_lines(before)
    return len(lines) - 1, len(lines[-1])


def _utf16_without_mark(raw: bytes) -> Optional[str]:
    """UTF-16 without its mark, told by the zero bytes of its ASCII characters (``l\\0o\\0a\\0i\\0``)."""
    head = raw[:64] if len(raw) % 2 == 0 else b""
    even, odd = head[0::2], head[1::2]
    if len(head) >= 4 and 0 not in even and odd.count(0) >= len(odd) // 2:
        return "utf-16-le"
    if len(head) >= 4 and 0 not in odd and even.count(0) >= len(even) // 2:
        return "utf-16-be"
    return None


def _not_data(kind: str, path: Path) -> str:
    what, advice = KINDS[kind]
    said = f"Tệp {path.name} là {what}, không phải tệp dữ liệu YAML hay JSON mà 'vanban render' đọc."
    if kind == "docx":
        return f"{said} Để kiểm tra thể thức của tệp Word này, dùng: vanban check {path}"
    if kind in ("xlsx", "xls"):
        return f"{said} Để tạo nhiều văn bản từ một bảng tính, dùng 'vanban batch' (xem vanban batch --help)."
    if kind in ("doc", "encrypted", "odt", "rtf"):
        return f"{said} {advice} Sau đó có thể kiểm tra thể thức tệp .docx bằng: vanban check <tệp .docx>"
    return f"{said} {advice}".rstrip()


def _too_deep() -> Problem:
    return Problem("", "Dữ liệu lồng nhau quá sâu (hàng trăm cấp mục); hãy giảm số cấp mục con.")


# "giải #1": after a space, '#' starts a YAML comment and the rest of the line is lost.
_CONTENT_COMMENT = re.compile(r"\s#\S")


def _comments_eating_text(scalars: list, lines: list[str]) -> Iterator[Problem]:
    """Plain text (``scalars``: :func:`_plain_scalars`) followed on its line by '#x': almost
    always words, not a comment."""
    for scalar in scalars:
        end = scalar.end_mark
        rest = lines[end.line][end.column:] if end.line < len(lines) else ""
        if _CONTENT_COMMENT.match(rest):
            yield at(lines, end.line, end.column + 1,
                     f"Phần '{rest.strip()}' bị YAML hiểu là ghi chú và sẽ mất; "
                     "hãy đặt cả đoạn văn trong ngoặc kép \"...\".")


def _plain_scalars(node: Optional[yaml.Node]) -> Iterator[yaml.ScalarNode]:
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            stack.extend(value for _, value in current.value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.ScalarNode) and not current.style:  # plain (libyaml: '')
            yield current


def _list_items_joined_to_text(scalars: list, lines: list[str]) -> Iterator[Problem]:
    """A '- item' line under a field that already has its text on its own line (``scalars``:
    :func:`_plain_scalars`): YAML reads it as more of that text ("Trà Vinh - Thành phố"),
    which is almost never what was meant."""
    for scalar in scalars:
        for number in range(scalar.start_mark.line + 1, min(scalar.end_mark.line, len(lines) - 1) + 1):
            stripped = lines[number].lstrip(" ")
            if stripped == "-" or stripped.startswith("- "):
                first = lines[scalar.start_mark.line][scalar.start_mark.column:].split(" #")[0].strip()
                yield at(lines, number, len(lines[number]) - len(stripped),
                         f"Dòng này bắt đầu bằng '- ' nhưng không mở một danh sách: YAML nối nó vào chữ "
                         f"'{first}' ở dòng {scalar.start_mark.line + 1} (một trường đã có chữ trên dòng của "
                         "nó không có danh sách bên dưới). Nếu đây là một danh sách, hãy để trống phần sau tên "
                         f"trường và viết mỗi mục, kể cả '{first}', trên một dòng '- ' riêng; nếu là chữ viết "
                         "tiếp, hãy đặt cả đoạn văn trong ngoặc kép \"...\".")
                break


# --- validation errors in Vietnamese ------------------------------------------

_MESSAGES = {
    "missing": "Thiếu trường bắt buộc.",
    "string_type": "Cần một đoạn chữ.",
    "string_too_short": "Không được để trống.",
    "too_short": "Cần ít nhất {min_length} mục.",
    "int_type": "Cần một số nguyên dương, ví dụ 114.",
    "int_parsing": "Cần một số nguyên dương, ví dụ 114 (không có chữ).",
    "int_from_float": "Cần một số nguyên, không có phần thập phân.",
    "greater_than_equal": "Phải lớn hơn hoặc bằng {ge}.",
    "less_than_equal": "Phải nhỏ hơn hoặc bằng {le}.",
    "list_type": "Cần một danh sách: mỗi mục một dòng bắt đầu bằng '- '.",
    "dict_type": "Cần một nhóm trường dạng 'tên_trường: giá trị'.",
    "model_type": "Cần một nhóm trường dạng 'tên_trường: giá trị'.",
    "model_attributes_type": "Cần một nhóm trường dạng 'tên_trường: giá trị'.",
    "bool_type": "Cần true hoặc false.",
    "bool_parsing": "Cần true hoặc false.",
    "literal_error": "Giá trị không hợp lệ; chọn một trong: {expected}.",
    "decimal_parsing": "Cần một số, ví dụ 38 hoặc 85.5 (không dùng dấu chấm phân cách hàng nghìn).",
    "decimal_type": "Cần một số, ví dụ 38 hoặc 85.5.",
    "decimal_max_digits": "Số quá dài: tối đa {max_digits} chữ số.",
    "decimal_whole_digits": "Số quá lớn: phần nguyên tối đa {whole_digits} chữ số.",
    "decimal_max_places": "Tối đa {decimal_places} chữ số sau dấu thập phân.",
}


def _field_names(model: type[BaseModel], names: set[str], seen: set[type]) -> None:
    """Collect every key (English and Vietnamese) of ``model`` and the models inside it."""
    seen.add(model)
    for name, info in model.model_fields.items():
        names.add(name)
        if isinstance(info.validation_alias, AliasChoices):
            names.update(c for c in info.validation_alias.choices if isinstance(c, str))
        for sub in _models_in(info.annotation):
            if sub not in seen:
                _field_names(sub, names, seen)


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        yield from _models_in(arg)
    for extra in getattr(annotation, "__metadata__", ()) or ():
        yield from _models_in(extra)


def _vocabulary() -> tuple[str, ...]:
    return _vocabulary_of(tuple(document_types().values()))


@functools.lru_cache(maxsize=8)
def _vocabulary_of(models: tuple[type[BaseModel], ...]) -> tuple[str, ...]:
    # cached by the registered models: every translated error needs it, and walking the
    # schemas costs more than the validation it explains (a plug-in registered later is a new key)
    names: set[str] = set()
    seen: set[type] = set()
    for model in models:
        _field_names(model, names, seen)
    return tuple(sorted(names))




# The tags of vanban's discriminated unions (a body node, a top-level part, a unit of Tổ
# chức thực hiện) stand in pydantic's error locations but not in what the user wrote.
_UNION_TAGS = NODE_TAGS | {"node", "part", "unit"}
# A part written as a bare list is validated as {noi_dung: list}: the key is not in the YAML.
_LIST_SHORTHAND_KEYS = {"children", "noi_dung"}


def _clean_location(loc: tuple) -> list:
    return [part for part in loc if not (isinstance(part, str) and ("[" in part or part in _UNION_TAGS))]


def _format_path(parts: list) -> str:
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _position(node: Optional[yaml.Node], parts: list, *, at_key: bool = False) -> str:
    """``dòng L, cột C`` of the deepest YAML node on the path, if the data came from YAML;
    ``at_key``: of the last field's name rather than its value (a field that should not be
    there is on its name's line; its value may start lines below)."""
    found = node
    for index, part in enumerate(parts):
        if isinstance(found, yaml.SequenceNode) and part in _LIST_SHORTHAND_KEYS:
            continue  # a part written as a bare list
        if isinstance(found, yaml.MappingNode) and isinstance(part, str):
            match = [(key, value) for key, value in found.value if key.value == part]
            if not match:
                break
            found = match[0][0] if at_key and index == len(parts) - 1 else match[0][1]
        elif isinstance(found, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(found.value):
                break
            found = found.value[part]
        else:
            break
    if found is None:
        return ""
    return f"dòng {found.start_mark.line + 1}, cột {found.start_mark.column + 1}"


def _message(error: dict, parts: list, vocabulary: tuple[str, ...]) -> str:
    kind = error["type"]
    if kind.startswith("vanban_"):
        return error["msg"]
    if kind == "extra_forbidden":
        key = str(parts[-1]) if parts else ""
        if key in vocabulary:  # a real key, in the wrong place: naming it back would say nothing
            return (f"Trường '{key}' không dùng được ở chỗ này: nó thuộc một phần khác của văn bản. "
                    "Hãy kiểm tra thụt lề (số dấu cách đầu dòng), hoặc xem cách viết phần này trong "
                    "'vanban new <loại văn bản>'.")
        hint = difflib.get_close_matches(key, vocabulary, n=1, cutoff=0.6)
        suggestion = f" Có phải ý bạn là '{hint[0]}'?" if hint else ""
        return f"Trường '{key}' không có trong mẫu văn bản.{suggestion} Hãy sửa hoặc xóa trường này."
    if kind == "missing" and parts and isinstance(parts[-1], str):
        # a missing field is named by its first alias: the Vietnamese one
        return f"Thiếu trường bắt buộc '{parts[-1]}'."
    if kind == "too_short" and isinstance(error.get("input"), str):
        kind = "string_too_short"
    if kind in ("model_type", "dict_type", "model_attributes_type") and (
            error.get("input") is None or isinstance(error.get("input"), (bool, int, float))):
        value = error.get("input")
        shown = "một mục trống" if value is None else f"'{str(value).lower() if isinstance(value, bool) else value}'"
        return ("Cần một đoạn chữ hoặc một nhóm trường dạng 'tên_trường: giá trị'; "
                f"thấy {shown}. Nếu đây là chữ, hãy đặt trong ngoặc kép, ví dụ \"2021\".")
    template = _MESSAGES.get(kind)
    if template is None:
        return error["msg"]
    context = {k: str(v).replace(" or ", " hoặc ") for k, v in error.get("ctx", {}).items()}
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return template


def translate(error: ValidationError, node: Optional[yaml.Node] = None,
              source: Optional[Path] = None) -> InputError:
    vocabulary = _vocabulary()
    problems: dict[Any, tuple[str, list[str]]] = {}
    for number, item in enumerate(_without_the_fallbacks_text(_branches_as_one(error.errors(include_url=False)))):
        parts = _clean_location(item["loc"])
        missing = item["type"] == "missing"
        path = _format_path(parts)
        # A missing field has no line of its own; its parent's line would mislead.
        position = (_position(node, parts, at_key=item["type"] == "extra_forbidden")
                    if node is not None and not missing else "")
        where = ", ".join(p for p in (path, position) if p)
        key = where if item.get("branch") else number
        problems.setdefault(key, (where, []))[1].append(_message(item, parts, vocabulary))
    return InputError([Problem(where, _either(messages)) for where, messages in problems.values()], source)


# The branches pydantic names when a value fits no member of a union of plain types (kinh_moi:
# a text or a list of texts): one place in the YAML, so one message naming every form.
_SCALAR_BRANCHES = {"bool", "int", "constrained-int", "str", "constrained-str", "float",
                    "constrained-float", "decimal", "constrained-decimal", "date", "datetime"}


def _branches_as_one(errors: list[dict]) -> list[dict]:
    """Mark the errors of one plain-type union's branches (same place, two or more branches)
    so that :func:`translate` words them as one problem."""
    def branch(item: dict) -> bool:
        last = item["loc"][-1] if item["loc"] else None
        return isinstance(last, str) and (last in _SCALAR_BRANCHES or "[" in last)  # str, list[str]...

    places = [item["loc"][:-1] for item in errors if branch(item)]
    shared = {place for place in places if places.count(place) > 1}
    return [{**item, "loc": item["loc"][:-1], "branch": True} if branch(item) and item["loc"][:-1] in shared
            else item for item in errors]


def _without_the_fallbacks_text(errors: list[dict]) -> list[dict]:
    """A body item whose keys name no kind (``- yy: ...``) is read as a paragraph, the fallback:
    its missing text ('doan') is not the mistake, the unknown key is, and is said alone."""
    unknown = {item["loc"][:-1] for item in errors if item["type"] == "extra_forbidden"}
    return [item for item in errors if not (item["type"] == "missing" and len(item["loc"]) >= 2
                                            and item["loc"][-2] == "paragraph" and item["loc"][:-1] in unknown)]


def _either(messages: list[str]) -> str:
    """Several messages for one place as one, each form numbered."""
    if len(messages) == 1:
        return messages[0]
    forms = [f"({number}) {message[:1].lower()}{message[1:].rstrip('.')}"
             for number, message in enumerate(messages, 1)]
    return "Không hợp với dạng nào: " + "; ".join(forms) + "."


def in_vietnamese(error: ValidationError) -> ValidationError:
    """The same ValidationError (types, locations, inputs, context), each message in Vietnamese
    as :func:`translate` words it: what a model built in Python raises (``VanbanModel``)."""
    vocabulary = _vocabulary()
    line_errors = []
    for item in error.errors(include_url=False):
        message = _message(item, _clean_location(item["loc"]), vocabulary)
        # pydantic fills each {key} of the context into the message, with no way to escape a
        # brace: a key the finished message happens to show (in words the user wrote) is left out
        context = {key: value for key, value in (item.get("ctx") or {}).items()
                   if "{" + key + "}" not in message}
        line_errors.append({
            "type": PydanticCustomError(item["type"], message, context or None),
            "loc": item["loc"],
            "input": item["input"],
        })
    return ValidationError.from_exception_data(error.title, line_errors)


# --- entry points ---------------------------------------------------------------


def parse(data: Any, *, source: Optional[Path] = None, node: Optional[yaml.Node] = None) -> Document:
    """Validate a dict (from YAML, JSON or a program) into its document type."""
    if not isinstance(data, Mapping):
        raise InputError(
            [Problem("", "Tệp phải chứa các trường của văn bản dạng 'tên_trường: giá trị'.")],
            source,
        )
    kind = next((data[key] for key in _TYPE_KEYS if key in data), None)
    if kind is None:
        raise InputError(
            [Problem("loai", "Thiếu loại văn bản: thêm dòng 'loai: ke-hoach' (xem 'vanban types').")],
            source,
        )
    try:
        model = get_document_type(str(kind))
    except UnknownDocumentTypeError as error:
        raise InputError([Problem("loai", str(error))], source) from None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise translate(error, node, source) from None
    except RecursionError:
        raise InputError([_too_deep()], source) from None


def load(path: Union[str, Path]) -> Document:
    """Read a document from a .yaml, .yml or .json file."""
    path = Path(path)
    data, node = read_data(path)
    return parse(data, source=path, node=node)
