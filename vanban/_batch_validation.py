"""A ``vanban batch`` row's document, validated without validating the base's fields again.

Every row of a batch is the same base with a few fields changed (the issuer's name, the number,
the signer). Validating the merged document as a whole re-validates the base's sections and
texts for every row, most of a worker's validation time. Here a top-level field the row leaves
as the base has it is validated once per worker (its value kept), a field the row writes is
validated for that row, and the document is put together from the two and given to the model's
cross-field validators (``model_validator(mode="after")``), as pydantic would.

It only ever answers for a document that validates: anything else (an error in a field, a
field missing or unknown, a rule between fields broken, a schema this shortcut cannot follow)
is validated again as a whole by :func:`vanban._loading.parse`, whose model or error message is
the one reported. So the messages (field paths, wording) are the same by construction, and a
document made here equals the one ``parse`` makes (``tests/test_batch_validation.py``).

The shortcut uses each schema as pydantic compiled it (its core schema): every top-level field
validated by the very validator the model uses, with the model's config. It holds because a
field's validation depends on its own value only; a schema where it may not (a validator given
the other fields' values, a model-level validator before the fields, a custom ``__init__``,
private attributes) is not taken, and its rows are validated as a whole.
"""

from __future__ import annotations

import threading
from typing import Any, Optional

from pydantic_core import SchemaValidator, ValidationError, core_schema

from ._loading import _TYPE_KEYS, parse
from ._registry import get_document_type
from .schemas.common import instance

_INVALID = object()
"""A base field that does not validate on its own: any row leaving it so is validated whole."""
_NOT_YET = object()


class RowValidator:
    """Validates documents made of one base and a row each (:func:`vanban._batch_input.merge`)."""

    def __init__(self, base: dict):
        self.base = base
        self._kept: dict[tuple[type, str], Any] = {}
        """(model, key of the base) -> the field's validated value, or _INVALID."""

    def document(self, data: dict, written: frozenset):
        """The document of ``data`` (the base merged with a row), as :func:`parse` gives it; raises
        what ``parse`` raises. ``written``: the top-level keys the row wrote (anything else in
        ``data`` is the base's, as it stands in the base)."""
        try:
            document = self._assembled(data, written)
        except Exception:  # a row the shortcut does not answer for: parse says what is wrong
            document = None
        return document if document is not None else parse(data)

    def _assembled(self, data: dict, written: frozenset):
        kind = next((data[key] for key in _TYPE_KEYS if key in data), None)
        if kind is None:
            return None
        model = get_document_type(str(kind))
        plan = _plan(model)
        if plan is None:
            return None
        named = {}
        for key in data:
            name = plan.field_of.get(key) if isinstance(key, str) else None
            if name is None or name in named:  # unknown, or a field written under two names
                return None
            named[name] = key
        if not plan.required <= named.keys():
            return None
        values, _, written_fields = plan.fields.validate_python({key: data[key] for key in data if key in written})
        fields_set = set(written_fields)
        for name, key in named.items():
            if key in written:
                continue
            kept = self._kept.get((model, key), _NOT_YET)
            if kept is _NOT_YET:
                kept = self._kept[(model, key)] = plan.validated_alone(key, self.base[key])
            if kept is _INVALID:
                return None
            values[name] = kept
            fields_set.add(name)
        document = instance(model, values, fields_set)
        for after in plan.after:
            document = after(document)
        return document



_plans: dict[type, Optional["_Plan"]] = {}
"""Each document type's plan, made once per process whatever the base."""


def _plan(model: type) -> Optional["_Plan"]:
    if model not in _plans:
        try:
            _plans[model] = _Plan.of(model)
        except Exception:  # a schema built in a way this module does not follow
            _plans[model] = None
    return _plans[model]


class _Plan:
    """How one document type's fields are validated apart: the model's compiled fields, every
    one optional (which fields a document has is checked here, against ``required``), and the
    model's after-validators in the order pydantic runs them."""

    def __init__(self, fields: SchemaValidator, field_of: dict, required: set, after: list):
        self.fields = fields
        self.field_of = field_of
        """Every key a field is read under (its Vietnamese and its English name) -> the field."""
        self.required = required
        self.after = after

    def validated_alone(self, key: str, value: Any):
        try:
            values, _, _ = self.fields.validate_python({key: value})
        except ValidationError:
            return _INVALID
        return values[self.field_of[key]]

    @classmethod
    def of(cls, model: type) -> Optional["_Plan"]:
        """The plan of ``model``, or None where validating its fields apart could differ from
        validating the document whole."""
        model.model_rebuild()  # a deferred schema is built now (as the first parse would)
        if getattr(model, "__pydantic_post_init__", None) or getattr(model, "__pydantic_root_model__", False):
            return None
        schema = model.__pydantic_core_schema__
        definitions = {}
        if schema.get("type") == "definitions":
            definitions = {item["ref"]: item for item in schema["definitions"] if "ref" in item}
            schema = schema["schema"]
        after = []
        while True:
            if schema.get("type") == "definition-ref":
                schema = definitions.get(schema["schema_ref"], {})
            elif schema.get("type") == "function-after" and schema["function"].get("type") == "no-info":
                after.append(schema["function"]["function"])
                schema = schema["schema"]
            else:
                break
        if (schema.get("type") != "model" or schema.get("cls") is not model or schema.get("custom_init")
                or schema.get("root_model") or schema.get("post_init")):
            return None
        config = schema.get("config") or {}
        fields = schema.get("schema", {})
        if fields.get("type") != "model-fields" or config.get("extra_fields_behavior") != "forbid":
            return None
        if fields.get("extras_schema") or fields.get("extras_keys_schema"):
            return None
        field_of: dict[str, str] = {}
        required: set[str] = set()
        optional = {}
        for name, field in fields["fields"].items():
            keys = _keys(name, field, config)
            if keys is None or _reads_other_fields(field["schema"], definitions):
                return None
            for key in keys:
                if field_of.setdefault(key, name) != name:
                    return None  # one key naming two fields: pydantic's choice is not ours to guess
            inner = field["schema"]
            if inner.get("type") != "default":
                required.add(name)
                inner = core_schema.with_default_schema(inner, default=None)
            optional[name] = {**field, "schema": inner}
        every_optional = {**fields, "fields": optional}
        if definitions:
            every_optional = core_schema.definitions_schema(every_optional, list(definitions.values()))
        after.reverse()  # the innermost wrapper runs first
        return cls(SchemaValidator(every_optional, config), field_of, required, after)


def _keys(name: str, field: dict, config: dict) -> Optional[list[str]]:
    """The keys a field is read under, or None for a form this module does not read (a path
    into a nested value)."""
    by_name = config.get("validate_by_name", config.get("populate_by_name", False))
    alias = field.get("validation_alias")
    if alias is None:
        keys = [name]
    elif isinstance(alias, str):
        keys = [alias] + ([name] if by_name else [])
    else:
        keys = []
        for choice in alias:
            if isinstance(choice, str):
                keys.append(choice)
            elif isinstance(choice, list) and len(choice) == 1 and isinstance(choice[0], str):
                keys.append(choice[0])
            else:
                return None
        if by_name:
            keys.append(name)
    if config.get("validate_by_alias") is False:
        return None
    return keys


def _reads_other_fields(schema: Any, definitions: dict) -> bool:
    """Whether a validator under a top-level field may see the document's other fields (one
    given pydantic's ``info``, whose ``data`` holds them). Inside a nested model, ``info`` is
    that model's own: its fields are validated with it."""
    stack, seen = [schema], set()
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
            continue
        if not isinstance(item, dict):
            continue
        if item.get("type") == "model":
            continue
        if item.get("type") == "definition-ref":
            ref = item.get("schema_ref")
            if ref not in seen:
                seen.add(ref)
                stack.append(definitions.get(ref))
            continue
        function = item.get("function")
        if isinstance(function, dict) and function.get("type") == "with-info":
            return True
        stack.extend(value for key, value in item.items() if key not in ("metadata", "serialization"))
    return False


_current: Optional[RowValidator] = None
_lock = threading.Lock()


def validator_for(base: dict) -> RowValidator:
    """The validator of ``base`` in this process: its base fields validated once (a cluster's
    worker runs rows in threads, sharing it)."""
    global _current
    with _lock:
        if _current is None or _current.base is not base:
            _current = RowValidator(base)
        return _current
