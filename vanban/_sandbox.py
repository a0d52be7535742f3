"""The Jinja environment every template runs in: read-only, and bounded in time, steps and size.

A template from an office's folder is the office's file, not vanban's code, and it is
given the caller's document. So it may only *read*:

- the fields of the document model (and of the models inside it), never pydantic's own
  API (``model_copy``, ``model_dump``, ``model_fields``, ...) nor the model's methods;
- the attributes of vanban's frozen value classes (``mark.text``);
- the attributes and methods of Python's own value types (str, numbers, dates, list,
  tuple, dict, set) and of Jinja's loop helpers, except the methods that change a list,
  dict or set (Jinja's :class:`ImmutableSandboxedEnvironment`);

and nothing else: no ``Path`` a plugin type may carry, no class, no function. Jinja itself
assigns attributes only on its own ``namespace()`` objects. ``include``, ``import`` and
``extends`` are refused when the template is compiled: vanban gives a template no other
template to load.

What a template may spend, per document (:class:`TemplateLimits`): wall-clock seconds;
steps (loop iterations, calls, filters, intercepted operators); ``range()`` items; the
characters and list items it produces (every value a hooked operation makes, and every
character it writes, template text repeated by loops and macros included); and the digits
of its numbers. Each refusal is a :class:`_LimitExceeded` whose message names the limit.

How: the hooks Jinja offers sandboxes (intercepted ``+ * ** %``, ``call``, attribute
checks, ``str.format``), a finalize that counts what is written, every filter wrapped, and
a code generator that counts loop iterations and repeated template text and routes ``~``
through a check. Operations whose result can be far larger than their inputs (repetition,
padding, powers, joins, replacements, format widths, a structure turned into text) are
checked *before* they run, so no single step allocates past the limit; the deadline and
the step count are checked between steps (one C-level operation cannot be interrupted, but
its inputs are bounded, so it is short).
"""

from __future__ import annotations

import contextvars
import dataclasses
import datetime as dt
import inspect
import math
import re
import types
from contextlib import contextmanager
from decimal import Decimal
from enum import Enum
from functools import update_wrapper
from time import monotonic
from typing import Any, Callable, Iterator, NamedTuple, Optional

from jinja2 import Template, TemplateAssertionError, nodes
from jinja2.compiler import CodeGenerator, optimizeconst
from jinja2.runtime import BlockReference, LoopContext, Macro, TemplateReference
from jinja2.sandbox import (
    ImmutableSandboxedEnvironment,
    SandboxedEscapeFormatter,
    SandboxedFormatter,
    SecurityError,
    is_internal_attribute,
    modifies_known_mutable,
)
from jinja2.utils import Cycler, Joiner, Namespace, generate_lorem_ipsum
from markupsafe import Markup
from pydantic import BaseModel

from ._lazy_pattern import lazy_pattern


class TemplateLimits(NamedTuple):
    """What one template may spend on one document (a named tuple: only read, cheaper to
    define at import than a dataclass, and its repr, part of the prepared cache's key, is the
    same)."""

    seconds: float = 30.0
    """Wall-clock time of the template's own code."""
    steps: int = 5_000_000
    """Loop iterations, calls, filters and intercepted operators together."""
    range_items: int = 100_000
    """Items of one ``range()``."""
    characters: int = 50_000_000
    """Characters (and list items) the template produces, what it writes included."""
    digits: int = 1_000
    """Digits of an integer (or decimal exponent) a template computes."""


class _Refused(SecurityError):
    """The template reached for something it may not touch (message in Vietnamese)."""


class _LimitExceeded(SecurityError):
    """The template went past one of its :class:`TemplateLimits` (message in Vietnamese)."""


def _number(n: float) -> str:
    """A number as Vietnamese write it: ``50.000.000``, ``0,5``."""
    return f"{n:,}".replace(",", ".") if isinstance(n, int) else f"{n:g}".replace(".", ",")


# --- the budget of one document ----------------------------------------------------

_CHECK_EVERY = 128  # steps between two looks at the clock


class _Budget:
    """What the template has spent so far on one document."""

    __slots__ = ("limits", "deadline", "steps", "check_at", "produced")

    def __init__(self, limits: TemplateLimits):
        self.limits = limits
        self.deadline = monotonic() + limits.seconds
        self.steps = 0
        self.check_at = _CHECK_EVERY
        self.produced = 0

    def step(self, count: int = 1) -> None:
        self.steps += count
        if self.steps >= self.check_at:
            self.check_at = self.steps + _CHECK_EVERY
            if self.steps > self.limits.steps:
                raise _LimitExceeded(
                    f"mẫu đã chạy quá {_number(self.limits.steps)} bước (vòng lặp, lời gọi, bộ lọc, phép tính: "
                    "giới hạn số bước của một mẫu cho mỗi văn bản); có thể mẫu có vòng lặp lồng nhau quá lớn.")
            if monotonic() > self.deadline:
                raise _LimitExceeded(
                    f"mẫu đã chạy quá {_number(self.limits.seconds)} giây (giới hạn thời gian chạy một mẫu "
                    "cho mỗi văn bản); có thể mẫu có vòng lặp không dừng.")

    def fits(self, size: int, what: str) -> None:
        """Refuse, before it is made, a value of ``size`` characters that would pass the limit."""
        if self.produced + size > self.limits.characters:
            before = f"; mẫu đã tạo {_number(self.produced)} trước đó" if self.produced > size else ""
            raise _LimitExceeded(
                f"{what} sẽ tạo thêm khoảng {_number(size)} ký tự hoặc phần tử{before}, quá giới hạn "
                f"{_number(self.limits.characters)} ký tự và phần tử một mẫu được tạo ra cho mỗi văn bản.")

    def produce(self, size: int, what: str) -> None:
        self.produced += size
        if self.produced > self.limits.characters:
            raise _LimitExceeded(
                f"{what}: mẫu đã tạo ra {_number(self.produced)} ký tự hoặc phần tử, quá giới hạn "
                f"{_number(self.limits.characters)} ký tự và phần tử một mẫu được tạo ra cho mỗi văn bản.")

    def number(self, value: Any, what: str) -> None:
        """Refuse an integer (or a decimal's exponent) longer than the digits limit."""
        digits = self.limits.digits
        if type(value) is int:
            too_big = value.bit_length() > digits * _BITS_PER_DIGIT
        elif isinstance(value, Decimal):
            too_big = value.is_finite() and abs(value.adjusted()) > digits
        else:
            return
        if too_big:
            raise _LimitExceeded(f"{what} cho một số quá {_number(digits)} chữ số "
                                "(giới hạn độ lớn của số trong mẫu).")


_BITS_PER_DIGIT = math.log2(10)
_BUDGET: contextvars.ContextVar[Optional[_Budget]] = contextvars.ContextVar("vanban_template_budget", default=None)


# --- how big a value is once written -----------------------------------------------

_SMALL = 24  # the text of a float, a date, an object's short repr
_SEQUENCES = (list, tuple, set, frozenset, type({}.keys()), type({}.values()))
_SHAPES: dict[type, str] = {}


def _shape(kind: type) -> str:
    """How a value of this type shows what is inside it (cached per type: this runs per write)."""
    shape = _SHAPES.get(kind)
    if shape is None:
        if issubclass(kind, _SEQUENCES):
            shape = "sequence"
        elif issubclass(kind, dict):
            shape = "mapping"
        elif issubclass(kind, type({}.items())):
            shape = "pairs"
        elif issubclass(kind, BaseModel):
            shape = "model"
        elif issubclass(kind, Namespace):
            shape = "namespace"
        elif dataclasses.is_dataclass(kind):
            shape = "dataclass"
        else:
            shape = "leaf"
        _SHAPES[kind] = shape
    return shape


def _children(value: Any) -> Optional[list]:
    """The values inside ``value`` that its text shows, or None for a leaf."""
    shape = _shape(type(value))
    if shape == "leaf":
        return None
    if shape == "sequence":
        return list(value)
    if shape == "mapping":
        return [*value.keys(), *value.values()]
    if shape == "pairs":
        return [part for pair in value for part in pair]
    if shape == "model":
        return [getattr(value, name, None) for name in type(value).model_fields]
    if shape == "namespace":
        return list(getattr(value, "_Namespace__attrs", {}).values())
    return [getattr(value, field.name, None) for field in dataclasses.fields(value)]


def _leaf_size(value: Any) -> int:
    if isinstance(value, str):
        return len(value) + 2
    if isinstance(value, (bytes, bytearray)):
        return 4 * len(value) + 3
    if type(value) is int:
        return int(value.bit_length() / _BITS_PER_DIGIT) + 2
    if isinstance(value, Decimal):
        return len(str(value))
    html = getattr(value, "__html__", None)
    if html is not None and not isinstance(value, type):
        try:
            return len(html())
        except Exception:  # noqa: BLE001 - an odd object: its text is measured when written
            return _SMALL
    return _SMALL


def text_size(value: Any, limit: int) -> int:
    """About how many characters ``str(value)`` has, at most ``limit + 1``.

    Each distinct object is measured once, so a structure that shows one list many times
    (``[a, a]``, then ``[b, b]``...) is measured in the time its own size takes, not its text's."""
    if isinstance(value, str):
        return len(value)
    sizes: dict[int, Optional[int]] = {}
    keep = []  # objects measured stay alive, so their ids stay theirs
    stack: list[tuple[Any, Optional[list]]] = [(value, None)]
    while stack:
        item, children = stack.pop()
        key = id(item)
        if children is None:
            if key in sizes:
                continue
            children = _children(item)
            if children is None:
                sizes[key] = _leaf_size(item)
                continue
            sizes[key] = None  # being measured: a cycle shows as "[...]"
            keep.append(item)
            stack.append((item, children))
            stack.extend((child, None) for child in children if id(child) not in sizes)
        else:
            total = 2 + sum((sizes.get(id(child)) or 5) + 2 for child in children)
            sizes[key] = min(total, limit + 1)
    return sizes[id(value)] or 0


def _produced_size(value: Any) -> int:
    """What a value a hooked operation made costs: its characters, or its items."""
    if isinstance(value, (str, bytes, list, tuple, dict, set, frozenset)):
        return len(value)
    return 0


def _as_count(value: Any) -> int:
    """A width or count argument as a size (something else raises in the call itself)."""
    return abs(value) if isinstance(value, int) else 0


def _replace_size(text: str, old: Any, new: Any, count: Any) -> int:
    if not (isinstance(old, str) and isinstance(new, str)):
        return len(text)
    times = len(text) + 1 if old == "" else text.count(old)
    if isinstance(count, int) and count >= 0:
        times = min(times, count)
    return len(text) + times * max(len(new) - len(old), 0)


_PERCENT_SPEC = lazy_pattern(r"%(?:\(([^)]*)\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([a-zA-Z%])")


def _field_width(text: Optional[str]) -> int:
    if not text:
        return 0
    return 10 ** 12 if len(text) > 12 else int(text)


def _percent_size(fmt: str, args: Any, limit: int) -> int:
    """Characters ``fmt % args`` may have: the format, each value, each width and precision."""
    positional = args if isinstance(args, tuple) else (args,)
    index = 0
    total = len(fmt)
    for match in _PERCENT_SPEC.finditer(fmt):
        key, width, precision, conversion = match.groups()
        if conversion == "%":
            continue
        for part in (width, precision):
            if part == "*":
                total += _as_count(positional[index]) if index < len(positional) else 0
                index += 1
            else:
                total += _field_width(part)
        if key is not None:
            value = args.get(key) if isinstance(args, dict) else None
        else:
            value = positional[index] if index < len(positional) else None
            index += 1
        total += text_size(value, limit) * (4 if conversion in "ra" else 1)
    return total


def _spec_size(value: Any, spec: str) -> int:
    """Characters a ``str.format`` field adds beyond its value: widths, precisions, and the
    digits a fixed-point decimal writes out (``{:f}`` of ``1E+999999``)."""
    extra = sum(_field_width(number) for number in re.findall(r"\d+", spec))
    if isinstance(value, Decimal) and value.is_finite():
        extra += abs(value.adjusted())
    return extra


# --- the environment --------------------------------------------------------------------

_PLAIN_TYPES = (str, int, float, complex, Decimal, dt.date, dt.time, dt.timedelta,
                list, tuple, dict, set, frozenset, range)
"""Values whose attributes a template may read; their methods, if Python's own, it may call."""
_PLAIN_CLASSES = frozenset({*_PLAIN_TYPES, bool, dt.datetime, Markup, object})
_JINJA_TYPES = (LoopContext, Cycler, Joiner, Namespace, Macro, TemplateReference, BlockReference)
_MODEL_API = frozenset(dir(BaseModel))
_MUTABLE_KINDS = ((dict, "từ điển"), (list, "danh sách"), (set, "tập hợp"))


def mutating_methods() -> dict[str, str]:
    """Each method name the sandbox refuses as changing a list, dict or set, with the kinds it
    changes (``{"clear": "danh sách, từ điển, tập hợp", ...}``): what ``template check`` can
    say of a template without rendering it."""
    kinds: dict[str, list[str]] = {}
    for base, name in _MUTABLE_KINDS:
        sample = base()
        for attr in dir(sample):
            if not attr.startswith("_") and modifies_known_mutable(sample, attr):
                kinds.setdefault(attr, []).append(name)
    return {attr: ", ".join(names) for attr, names in sorted(kinds.items())}


_FILTERS_WRITING_THEIR_INPUT = frozenset({
    "capitalize", "center", "e", "escape", "forceescape", "format", "indent", "join", "list", "lower",
    "pprint", "replace", "safe", "string", "striptags", "title", "tojson", "trim", "truncate", "upper",
    "urlencode", "urlize", "wordcount", "wordwrap", "xmlattr",
})
"""Filters that turn their input into text: a structure whose text is huge is refused first."""

_OTHER_TEMPLATE_TAGS = {nodes.Extends: "extends", nodes.Include: "include", nodes.Import: "import",
                        nodes.FromImport: "from ... import"}
OTHER_TEMPLATE_NODES = tuple(_OTHER_TEMPLATE_TAGS)
"""The tags that load another template: refused when compiled, reported by ``vanban template check``."""


def other_template_message(node: nodes.Node) -> str:
    """Why ``{% include %}`` (``import``, ``extends``) is refused: vanban gives a template no other."""
    return (f"mẫu dùng thẻ {{% {_OTHER_TEMPLATE_TAGS[type(node)]} %}}, nhưng vanban không nạp mẫu nào khác "
            "cho một mẫu; hãy chép nội dung cần dùng vào chính mẫu này.")


class _OtherTemplateRefused(TemplateAssertionError):
    """A template tried to load another one (message in Vietnamese)."""


def _frozen_dataclass(kind: type) -> bool:
    params = getattr(kind, "__dataclass_params__", None)
    return params is not None and params.frozen


_READ_RULES: dict[type, str] = {}


def _read_rule(kind: type) -> str:
    """What a template may read on an object of this type: ``model`` its fields, ``values`` the
    attributes that are not methods, ``plain`` everything Python's own type defines, ``jinja``
    everything (Jinja's loop helpers), ``none`` nothing."""
    if issubclass(kind, BaseModel):
        return "model"
    if _frozen_dataclass(kind) or issubclass(kind, Enum):
        return "values"
    if issubclass(kind, _JINJA_TYPES):
        return "jinja"
    if issubclass(kind, _PLAIN_TYPES):
        return "plain"
    return "none"


def _rule(kind: type) -> str:
    rule = _READ_RULES.get(kind)
    if rule is None:
        rule = _READ_RULES[kind] = _read_rule(kind)
    return rule


def _defining_class(kind: type, attribute: str) -> Optional[type]:
    return next((klass for klass in kind.__mro__ if attribute in vars(klass)), None)


def is_model_api(kind: type[BaseModel], name: str) -> bool:
    """``name`` is pydantic's API on models of ``kind`` (``model_copy``), not one of its fields."""
    return name in _MODEL_API and name not in kind.model_fields


class TemplateSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, read-only for vanban's values and bounded by ``limits``.

    ``finalize`` (as Jinja's) runs on every written value after it is counted."""

    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def __init__(self, *, limits: TemplateLimits = TemplateLimits(),
                 finalize: Optional[Callable[[Any], Any]] = None, **options: Any):
        self.limits = limits
        self._then_finalize = finalize
        super().__init__(finalize=self._counted_finalize, **options)
        self.globals["range"] = self._range
        self.globals["lipsum"] = self._lipsum
        self.filters = {name: self._bounded_filter(name, f) for name, f in self.filters.items()}

    # -- the budget

    @contextmanager
    def budget(self) -> Iterator[None]:
        """One budget for everything rendered inside (one document: body, headers, properties)."""
        if _BUDGET.get() is not None:
            yield
            return
        token = _BUDGET.set(_Budget(self.limits))
        try:
            yield
        finally:
            _BUDGET.reset(token)

    def _current(self) -> _Budget:
        budget = _BUDGET.get()
        # outside a render (a constant folded while compiling): the limits still hold for the step
        return budget if budget is not None else _Budget(self.limits)

    def counted(self, iterable: Any) -> Iterator[Any]:
        """A loop's items, each one a step (the code generator wraps every ``for``)."""
        step = self._current().step
        for item in iterable:
            step()
            yield item

    def count_output(self, size: int) -> None:
        """Template text written again by a loop or a macro."""
        self._current().produce(size, "nội dung mẫu viết ra")

    def _counted_finalize(self, value: Any) -> Any:
        budget = self._current()
        if isinstance(value, str):
            size = len(value)
        elif hasattr(value, "__html__"):  # vanban's runs: the XML they write
            size = len(value.__html__())
        else:
            size = text_size(value, self.limits.characters)
        budget.produce(size, "nội dung mẫu viết ra")
        return value if self._then_finalize is None else self._then_finalize(value)

    def concat_values(self, join: Callable, values: tuple) -> str:
        """``a ~ b``: the text of every part is measured before they are joined."""
        budget = self._current()
        budget.step()
        limit = self.limits.characters
        budget.fits(sum(text_size(value, limit) for value in values), "phép nối chuỗi '~'")
        result = join(values)
        budget.produce(len(result), "phép nối chuỗi '~'")
        return result

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        kind = type(obj)
        rule = _rule(kind)
        if rule == "model":
            if attr in kind.model_fields:
                return True
            return attr not in _MODEL_API and not callable(value)
        if rule == "values":
            return not callable(value)
        if rule == "plain":
            # a subclass (vanban's Runs is a tuple) may add methods of its own: not those
            return not callable(value) or _defining_class(kind, attr) in _PLAIN_CLASSES
        return rule == "jinja"

    def getattr(self, obj: Any, attribute: str) -> Any:
        if attribute in _MODEL_API and _rule(type(obj)) == "model" and is_model_api(type(obj), attribute):
            return self.unsafe_undefined(obj, attribute)  # refused before pydantic runs any of it
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(argument, str) and argument in _MODEL_API and _rule(type(obj)) == "model" \
                and is_model_api(type(obj), argument):
            return self.unsafe_undefined(obj, argument)
        return super().getitem(obj, argument)

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        return self.undefined(self._refusal(obj, attribute), name=attribute, obj=obj, exc=_Refused)

    def _refusal(self, obj: Any, attr: str) -> str:
        """Why ``obj.attr`` is refused, in Vietnamese."""
        if attr.startswith("_") or is_internal_attribute(obj, attr):
            return (f"mẫu không được phép truy cập phần bên trong của Python (thuộc tính '{attr}'); lệnh đã "
                    "bị chặn để bảo vệ máy. Chỉ dùng các giá trị vanban cung cấp (xem 'vanban template check').")
        if modifies_known_mutable(obj, attr):
            kind = next((name for base, name in _MUTABLE_KINDS if isinstance(obj, base)), type(obj).__name__)
            return (f"mẫu không được thay đổi dữ liệu nó nhận: '{attr}' của một {kind} bị chặn. "
                    f"Hãy bỏ '.{attr}(...)' khỏi mẫu: mẫu chỉ đọc các giá trị vanban cung cấp.")
        if isinstance(obj, BaseModel):
            return (f"'{attr}' không phải một trường của {type(obj).__name__}; mẫu chỉ được đọc các trường "
                    "của văn bản, không được gọi hàm của mô hình dữ liệu (xem 'vanban template check').")
        return (f"mẫu không được dùng '{attr}' của một đối tượng {type(obj).__name__}; mẫu chỉ đọc các "
                "giá trị vanban cung cấp (xem 'vanban template check').")

    # -- what a template may compute

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        budget = self._current()
        budget.step()
        if not self.is_safe_callable(obj):
            raise _Refused(f"mẫu không được gọi {getattr(obj, '__name__', type(obj).__name__)}.")
        if isinstance(obj, LoopContext) and args:  # a recursive loop's next level: each item a step
            args = (self.counted(args[0]), *args[1:])
        args = self._check_method(budget, obj, args, kwargs)
        result = context.call(obj, *args, **kwargs)
        if not isinstance(obj, Macro):  # a macro's text was counted as it was written
            what = f"lời gọi {getattr(obj, '__name__', '')}()"
            budget.produce(_produced_size(result), what)
            budget.number(result, what)
        return result

    def _check_method(self, budget: _Budget, method: Any, args: tuple, kwargs: dict) -> tuple:
        """Refuse, before it runs, a method of a value that would make too big a result."""
        owner = getattr(method, "__self__", None)
        name = getattr(method, "__name__", "")
        size = 0
        if isinstance(owner, str):
            first = args[0] if args else None
            if name in ("center", "ljust", "rjust", "zfill"):
                size = max(len(owner), _as_count(first if args else kwargs.get("width")))
            elif name == "expandtabs":
                size = len(owner) + owner.count("\t") * _as_count(first if args else kwargs.get("tabsize", 8))
            elif name == "replace" and len(args) >= 2:
                count = args[2] if len(args) > 2 else kwargs.get("count", -1)
                size = _replace_size(owner, args[0], args[1], count)
            elif name == "join" and args:
                items = first if isinstance(first, (list, tuple)) else list(first)
                args = (items, *args[1:])
                limit = self.limits.characters
                size = sum(text_size(item, limit) for item in items) + len(owner) * max(len(items) - 1, 0)
            elif name == "translate" and isinstance(first, dict):
                longest = max((len(v) for v in first.values() if isinstance(v, str)), default=1)
                size = len(owner) * max(longest, 1)
        elif type(owner) is int and name == "to_bytes":
            size = 4 * _as_count(args[0] if args else kwargs.get("length", 1))
        elif isinstance(owner, (dt.date, dt.time)) and name == "strftime" and args and isinstance(args[0], str):
            size = 16 * len(args[0])
        if size:
            budget.fits(size, f"{name}()")
        return args

    def call_binop(self, context: Any, operator: str, left: Any, right: Any, /) -> Any:
        budget = self._current()
        budget.step()
        what = f"phép '{operator}'"
        if operator == "**":
            if (type(left) is int and type(right) is int and right > 0 and abs(left) > 1
                    and right * math.log10(abs(left)) > self.limits.digits):
                raise _LimitExceeded(f"{what} cho một số quá {_number(self.limits.digits)} chữ số "
                                    "(giới hạn độ lớn của số trong mẫu).")
        elif operator == "*":
            if type(left) is int and type(right) is int:
                if (left.bit_length() + right.bit_length()) / _BITS_PER_DIGIT > self.limits.digits + 1:
                    raise _LimitExceeded(f"{what} cho một số quá {_number(self.limits.digits)} chữ số "
                                        "(giới hạn độ lớn của số trong mẫu).")
            elif isinstance(left, (str, list, tuple)) and isinstance(right, int):
                budget.fits(len(left) * max(right, 0), what)
            elif isinstance(right, (str, list, tuple)) and isinstance(left, int):
                budget.fits(len(right) * max(left, 0), what)
        elif operator == "+":
            if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
                budget.fits(len(left) + len(right), what)
        elif operator == "%" and isinstance(left, str):
            budget.fits(_percent_size(left, right, self.limits.characters), what)
        result = self.binop_table[operator](left, right)
        budget.produce(_produced_size(result), what)
        budget.number(result, what)
        return result

    def _range(self, *args: Any) -> range:
        numbers = range(*args)
        try:
            items = len(numbers)
        except OverflowError:
            items = None
        if items is None or items > self.limits.range_items:
            shown = "quá nhiều" if items is None else _number(items)
            raise _LimitExceeded(f"range() của mẫu có {shown} phần tử, quá giới hạn "
                                f"{_number(self.limits.range_items)} phần tử của một range().")
        return numbers

    def _lipsum(self, n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002
        budget = self._current()
        budget.fits(_as_count(n) * _as_count(max) * 12, "lipsum()")
        budget.step(_as_count(n))
        return generate_lorem_ipsum(n, html, min, max)

    def _bounded_filter(self, name: str, function: Callable) -> Callable:
        estimate = _FILTER_SIZES.get(name)
        signature = inspect.signature(function) if estimate is not None else None
        writes_input = name in _FILTERS_WRITING_THEIR_INPUT
        what = f"bộ lọc '{name}'"

        def bounded(*args: Any, **kwargs: Any) -> Any:
            budget = self._current()
            budget.step()
            limit = budget.limits.characters
            if writes_input:
                for value in (*args, *kwargs.values()):
                    if not isinstance(value, (str, int, float)):
                        budget.fits(text_size(value, limit), what)
            if estimate is not None:
                bound = signature.bind(*args, **kwargs)
                bound.apply_defaults()
                budget.fits(estimate(limit, bound.arguments), what)
                args, kwargs = bound.args, bound.kwargs
            result = function(*args, **kwargs)
            budget.produce(_produced_size(result), what)
            budget.number(result, what)
            return result

        return update_wrapper(bounded, function)  # keeps jinja_pass_arg: Jinja passes the same context

    def wrap_str_format(self, value: Any) -> Optional[Callable[..., str]]:
        """``str.format`` as Jinja's sandbox runs it, with each field measured before it is written."""
        if not isinstance(value, (types.MethodType, types.BuiltinMethodType)) or value.__name__ not in (
                "format", "format_map"):
            return None
        owner = value.__self__
        if not isinstance(owner, str):
            return None
        formatter: SandboxedFormatter
        if isinstance(owner, Markup):
            formatter = _BoundedEscapeFormatter(self, escape=owner.escape)
        else:
            formatter = _BoundedFormatter(self)
        is_format_map = value.__name__ == "format_map"
        str_type = type(owner)

        def wrapper(*args: Any, **kwargs: Any) -> str:
            if is_format_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                kwargs, args = args[0], ()
            return str_type(formatter.vformat(owner, args, kwargs))

        return update_wrapper(wrapper, value)


class _Measured:
    """A formatter that measures each field, and the fields so far, before writing it."""

    _env: TemplateSandbox
    _pending = 0

    def vformat(self, format_string: str, args: Any, kwargs: Any) -> str:
        self._pending = len(format_string)
        return super().vformat(format_string, args, kwargs)  # type: ignore[misc]

    def convert_field(self, value: Any, conversion: Optional[str]) -> Any:
        if conversion in ("r", "a"):
            self._add(4 * text_size(value, self._env.limits.characters))
        return super().convert_field(value, conversion)  # type: ignore[misc]

    def format_field(self, value: Any, format_spec: str) -> Any:
        self._add(text_size(value, self._env.limits.characters) + _spec_size(value, format_spec))
        return super().format_field(value, format_spec)  # type: ignore[misc]

    def _add(self, size: int) -> None:
        self._pending += size
        self._env._current().fits(self._pending, "str.format()")


class _BoundedFormatter(_Measured, SandboxedFormatter):
    pass


class _BoundedEscapeFormatter(_Measured, SandboxedEscapeFormatter):
    pass


# --- the size of what a filter will make, from its arguments ------------------------------
# Each takes the limit and the filter's arguments by name (defaults filled in); it may replace
# an iterator by a list, so that it can be measured and still be read by the filter.

def _materialised(arguments: dict, name: str) -> Any:
    value = arguments[name]
    if not isinstance(value, (str, list, tuple, dict, set, frozenset)):
        value = arguments[name] = list(value)
    return value


def _center(limit: int, a: dict) -> int:
    return max(text_size(a["value"], limit), _as_count(a["width"]))


def _indent(limit: int, a: dict) -> int:
    text, width = a["s"], a["width"]
    width = len(width) if isinstance(width, str) else _as_count(width)
    lines = text.count("\n") + 1 if isinstance(text, str) else 1
    return text_size(text, limit) + width * lines


def _join(limit: int, a: dict) -> int:
    value = _materialised(a, "value")
    items = value if not isinstance(value, dict) else list(value)
    total = len(value) if isinstance(value, str) else sum(text_size(item, limit) for item in items)
    return total + text_size(a["d"], limit) * max(len(value) - 1, 0)


def _replace(limit: int, a: dict) -> int:
    text = a["s"] if isinstance(a["s"], str) else ""
    return _replace_size(text, a["old"], a["new"], a["count"])


def _wordwrap(limit: int, a: dict) -> int:
    text = a["s"] if isinstance(a["s"], str) else ""
    breaks = len(text) // max(_as_count(a["width"]), 1) + len(text.split()) + 1
    return len(text) + text_size(a["wrapstring"] or "\n", limit) * breaks


def _urlize(limit: int, a: dict) -> int:
    text = a["value"] if isinstance(a["value"], str) else ""
    extra = text_size(a["target"] or "", limit) + text_size(a["rel"] or "", limit)
    return 2 * len(text) + (extra + 64) * (len(text.split()) + 1)


def _tojson(limit: int, a: dict) -> int:
    size = text_size(a["value"], limit)
    # one line per value, each indented by its depth, which is at most the number of values
    return 6 * size + _as_count(a["indent"] or 0) * size * min(size, 1_000)


def _format(limit: int, a: dict) -> int:
    value = a["value"]
    return _percent_size(value, a["kwargs"] or a["args"], limit) if isinstance(value, str) else 0


def _slice(limit: int, a: dict) -> int:
    return _as_count(a["slices"]) * (2 + text_size(a["fill_with"], limit))


def _batch(limit: int, a: dict) -> int:
    return _as_count(a["linecount"]) if a["fill_with"] is not None else 0


def _sum(limit: int, a: dict) -> int:
    if not isinstance(a["start"], (list, tuple)):
        return 0
    items = _materialised(a, "iterable")
    lengths = [len(item) for item in items if isinstance(item, (list, tuple))]
    # each addition copies the list so far: the work grows with the square of the items
    return len(a["start"]) + sum(lengths) * max(len(lengths), 1) // 2


def _pprint(limit: int, a: dict) -> int:
    size = text_size(a["value"], limit)
    return 2 * size + size * min(size, 100) // 10


_FILTER_SIZES: dict[str, Callable[[int, dict], int]] = {
    "center": _center, "indent": _indent, "join": _join, "replace": _replace, "wordwrap": _wordwrap,
    "urlize": _urlize, "tojson": _tojson, "format": _format, "slice": _slice, "batch": _batch,
    "sum": _sum, "pprint": _pprint,
}


# --- compiling: every loop counted, repeated text counted, ``~`` measured, no other template

class _CodeGenerator(CodeGenerator):
    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._loop_iterables: set[int] = set()

    def visit_For(self, node: nodes.For, frame: Any) -> None:
        self._loop_iterables.add(id(node.iter))  # Jinja allows no node types of one's own
        super().visit_For(node, frame)

    def visit(self, node: nodes.Node, *args: Any, **kwargs: Any) -> Any:
        if id(node) not in self._loop_iterables:
            return super().visit(node, *args, **kwargs)
        self.write("environment.counted(")
        super().visit(node, *args, **kwargs)
        self.write(")")
        return None

    def visit_Output(self, node: nodes.Output, frame: Any) -> None:
        if not frame.toplevel:  # inside a loop, macro or block: the same text may be written many times
            static = sum(len(child.data) for child in node.nodes if isinstance(child, nodes.TemplateData))
            if static:
                self.writeline(f"environment.count_output({static})")
        super().visit_Output(node, frame)

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Any) -> None:
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            join = "markup_join"
        else:
            join = "str_join"
        self.write(f"environment.concat_values({join}, (")
        for value in node.nodes:
            self.visit(value, frame)
            self.write(", ")
        self.write("))")

    def _refuse_other_template(self, node: nodes.Node, frame: Any) -> None:
        raise _OtherTemplateRefused(other_template_message(node), node.lineno, self.name, self.filename)

    visit_Extends = visit_Include = visit_Import = visit_FromImport = _refuse_other_template


class _BoundedTemplate(Template):
    """A template whose render has a budget of its own when no document's budget is open."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        environment = self.environment
        if _BUDGET.get() is not None or not isinstance(environment, TemplateSandbox):
            return super().render(*args, **kwargs)
        with environment.budget():
            return super().render(*args, **kwargs)


TemplateSandbox.code_generator_class = _CodeGenerator
TemplateSandbox.template_class = _BoundedTemplate
