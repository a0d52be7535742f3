"""What the reader sees, in the words of a finding: sizes, weights, alignment, and what a
rule expects."""

from __future__ import annotations

import re
from typing import Iterable

from ._docx_read import DocxView, Para

TWIPS_PER_CM = 566.93


def decimal(value: float, digits: int = 2) -> str:
    """A number as Vietnamese writes it: a decimal comma, no trailing zeros ("1,27", "14", "0,5")."""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text.replace(".", ",")


def _pt(value: float) -> str:
    return decimal(value, 1)


def cm(twips: float) -> str:
    """A length in centimetres, as staff set it in Word's paragraph dialog: "1,27 cm"."""
    value = twips / TWIPS_PER_CM
    near = round(value, 1)
    return f"{decimal(near if abs(value - near) < 0.01 else value)} cm"


def cm_range(low: float, high: float) -> str:
    """A range of lengths; a narrow one (a tolerance around one figure) as that figure."""
    if high - low <= 20:
        return cm((low + high) / 2)
    return f"{cm(low)[:-3]}-{cm(high)}"


def _describe(look, keys: Iterable[str]) -> str:
    words = []
    for key in keys:
        if key in ("size", "sizes"):
            words.append("cỡ " + "/".join(_pt(s) for s in sorted(look.sizes)))
        elif key == "bold":
            words.append({frozenset({True}): "đậm", frozenset({False}): "không đậm"}.get(frozenset(look.bold), "đậm một phần"))
        elif key == "italic":
            words.append({frozenset({True}): "nghiêng", frozenset({False}): "đứng"}.get(frozenset(look.italic), "nghiêng một phần"))
        elif key == "align":
            words.append(f"căn {_ALIGN_WORDS.get(look.align, look.align)}")
    return ", ".join(words)


_ALIGN_WORDS = {"center": "giữa", "justify": "đều hai bên", "left": "trái", "right": "phải"}


def _expect_words(params: dict) -> str:
    words = []
    if "size" in params:
        words.append(f"cỡ {_pt(params['size'])}")
    if "sizes" in params:
        words.append(f"cỡ {_pt(params['sizes'][0])}-{_pt(params['sizes'][1])}")
    if "bold" in params:
        words.append("đậm" if params["bold"] else "không đậm")
    if "italic" in params:
        words.append("nghiêng" if params["italic"] else "đứng")
    if params.get("caps"):
        words.append("IN HOA")
    if params.get("underlined"):
        words.append("có gạch dưới")
    if "align" in params:
        words.append(f"căn {_ALIGN_WORDS[params['align']]}")
    return ", ".join(words)


def _size_ok(look, params: dict) -> bool:
    if "size" in params:
        return look.sizes == {params["size"]}
    if "sizes" in params:
        low, high = params["sizes"]
        return all(low <= s <= high for s in look.sizes)
    return True


def _format_problems(view: DocxView, para: Para, params: dict) -> list[str]:
    look = view.look(para)
    text = para.words
    problems = []
    if not _size_ok(look, params):
        problems.append(_describe(look, ["size"]))
    for key in ("bold", "italic"):
        if key in params and getattr(look, key) != {params[key]}:
            problems.append(_describe(look, [key]))
    if params.get("caps") and text != text.upper() and look.caps != {True}:
        problems.append("không IN HOA")
    if params.get("underlined") and look.underline != {True} and not look.border_bottom:
        problems.append("không có gạch dưới")
    if "align" in params and look.align != params["align"]:
        problems.append(_describe(look, ["align"]))
    if "first_line_min" in params and look.first_line + look.left < params["first_line_min"]:
        problems.append(f"thụt {cm(look.first_line + look.left)}")
    if "pattern" in params and not re.search(params["pattern"], text):
        problems.append(f"chữ «{text[:60]}» không đúng mẫu")
    return problems
