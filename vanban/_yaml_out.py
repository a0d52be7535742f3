"""Writing data as the YAML a person would type: block style, plain words where YAML reads
them back as the same words, double quotes elsewhere, and comments above the keys and items
they are about (``vanban import`` writes its guesses there)."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import yaml

_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`+(“”][^\n]*$")


def scalar(value: Any, flow: bool = False) -> str:
    """One value as YAML reads it back unchanged (``flow``: inside ``[...]``)."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return str(int(value))
        # as staff write it, "12,5": YAML would read 12.5 as text (vanban keeps "15.10" as typed),
        # and a number column reads the Vietnamese form as its number
        from ._numbers import format_number

        return scalar(format_number(value), flow)
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and ": " not in text and " #" not in text and not text.endswith((":", " ")) \
            and "\\" not in text and not (flow and re.search(r"[,\[\]{}]", text)):
        try:
            # read back as itself by vanban (its resolvers: "0999" is the number 999 there) and by
            # any YAML reader (where "yes" and 2024-01-01 are not text)
            if yaml.load(text, Loader=_reader()) == text and yaml.safe_load(text) == text:  # noqa: S506
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


def _reader():
    from ._loading import _StrictLoader

    return _StrictLoader


def dump(data: Any, comments: dict = None) -> str:
    """``data`` (dicts, lists, scalars) as block YAML; ``comments`` maps a path of keys and
    indexes to the comment written above that entry (``# vanban đoán: ...``)."""
    comments = comments or {}
    lines: list[str] = []
    _write(data, (), 0, lines, comments, first_prefix=None)
    return "\n".join(lines) + "\n"


def _comment(path: tuple, indent: int, lines: list[str], comments: dict) -> None:
    if path in comments:
        lines.append(" " * indent + f"# vanban đoán: {comments[path]}")


def _write(value: Any, path: tuple, indent: int, lines: list[str], comments: dict, first_prefix) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for position, (key, item) in enumerate(value.items()):
            _comment((*path, key), indent, lines, comments)
            prefix = first_prefix if position == 0 and first_prefix is not None else pad
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{prefix}{key}:")
                _write(item, (*path, key), indent + 2, lines, comments, None)
            else:
                lines.append(f"{prefix}{key}: {_empty(item) if isinstance(item, (dict, list)) else scalar(item)}")
        return
    if isinstance(value, list):
        if value and all(not isinstance(v, (dict, list)) for v in value) and path and path[-1] in ("cot",) \
                and sum(len(scalar(v)) + 2 for v in value) < 80:
            lines[-1] += " [" + ", ".join(scalar(v, flow=True) for v in value) + "]"
            return
        for position, item in enumerate(value):
            _comment((*path, position), indent, lines, comments)
            if isinstance(item, dict) and item:
                _write(item, (*path, position), indent + 2, lines, comments, first_prefix=pad + "- ")
            elif isinstance(item, list) and item:
                if all(not isinstance(v, (dict, list)) for v in item):
                    lines.append(f"{pad}- [" + ", ".join(scalar(v, flow=True) for v in item) + "]")
                else:
                    lines.append(f"{pad}-")
                    _write(item, (*path, position), indent + 2, lines, comments, None)
            else:
                lines.append(f"{pad}- {_empty(item) if isinstance(item, (dict, list)) else scalar(item)}")
        return
    lines.append(pad + scalar(value))


def _empty(value) -> str:
    return "{}" if isinstance(value, dict) else "[]"
