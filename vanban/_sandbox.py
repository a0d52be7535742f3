"""The Jinja environment every template runs in: it may read what it is given, never change it.

A template from an office's folder is the office's file, not vanban's code, and it is
given the caller's document. So it may only *read*:

- the fields of the document model (and of the models inside it), never pydantic's own
  API (``model_copy``, ``model_dump``, ``model_fields``, ...) nor the model's methods;
- the attributes of vanban's frozen value classes (``mark.text``);
- the attributes and methods of Python's own value types (str, numbers, dates, list,
  tuple, dict, set) and of Jinja's loop helpers, except the methods that change a list,
  dict or set (Jinja's :class:`ImmutableSandboxedEnvironment`);

and nothing else: no ``Path`` a plugin type may carry, no class, no function. Jinja itself
assigns attributes only on its own ``namespace()`` objects.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Any, Optional

from jinja2.runtime import BlockReference, LoopContext, Macro, TemplateReference
from jinja2.sandbox import (
    ImmutableSandboxedEnvironment,
    SecurityError,
    is_internal_attribute,
    modifies_known_mutable,
)
from jinja2.utils import Cycler, Joiner, Namespace
from markupsafe import Markup
from pydantic import BaseModel


class Refused(SecurityError):
    """The template reached for something it may not touch (message in Vietnamese)."""


# --- the environment --------------------------------------------------------------------

_PLAIN_TYPES = (str, int, float, complex, Decimal, dt.date, dt.time, dt.timedelta,
                list, tuple, dict, set, frozenset, range)
"""Values whose attributes a template may read; their methods, if Python's own, it may call."""
_PLAIN_CLASSES = frozenset({*_PLAIN_TYPES, bool, dt.datetime, Markup, object})
_JINJA_TYPES = (LoopContext, Cycler, Joiner, Namespace, Macro, TemplateReference, BlockReference)
_MODEL_API = frozenset(dir(BaseModel))
_MUTABLE_KINDS = ((dict, "từ điển"), (list, "danh sách"), (set, "tập hợp"))


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


def _is_model_api(model: BaseModel, name: str) -> bool:
    return name in _MODEL_API and name not in type(model).model_fields


class TemplateSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, read-only for vanban's values."""

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
        if _rule(type(obj)) == "model" and _is_model_api(obj, attribute):
            return self.unsafe_undefined(obj, attribute)  # refused before pydantic runs any of it
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if _rule(type(obj)) == "model" and isinstance(argument, str) and _is_model_api(obj, argument):
            return self.unsafe_undefined(obj, argument)
        return super().getitem(obj, argument)

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        return self.undefined(self._refusal(obj, attribute), name=attribute, obj=obj, exc=Refused)

    def _refusal(self, obj: Any, attr: str) -> str:
        """Why ``obj.attr`` is refused, in Vietnamese."""
        if attr.startswith("_") or is_internal_attribute(obj, attr):
            return (f"mẫu không được phép truy cập phần bên trong của Python (thuộc tính '{attr}'); lệnh đã "
                    "bị chặn để bảo vệ máy. Chỉ dùng các giá trị vanban cung cấp (xem 'vanban template check').")
        if modifies_known_mutable(obj, attr):
            kind = next((name for base, name in _MUTABLE_KINDS if isinstance(obj, base)), type(obj).__name__)
            return (f"mẫu không được thay đổi dữ liệu nó nhận: '{attr}' của một {kind} bị chặn. "
                    "Mẫu chỉ đọc các giá trị vanban cung cấp.")
        if isinstance(obj, BaseModel):
            return (f"'{attr}' không phải một trường của {type(obj).__name__}; mẫu chỉ được đọc các trường "
                    "của văn bản, không được gọi hàm của mô hình dữ liệu (xem 'vanban template check').")
        return (f"mẫu không được dùng '{attr}' của một đối tượng {type(obj).__name__}; mẫu chỉ đọc các "
                "giá trị vanban cung cấp (xem 'vanban template check').")
