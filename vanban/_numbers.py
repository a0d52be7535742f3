"""Numbers the Vietnamese way: ``1.234.567``, ``85,5%``, and amounts in words.

Digits are formatted by babel (locale ``vi_VN``). Reading a number aloud in
words is written here because the common libraries get the Vietnamese rules
wrong (``linh`` for a zero tens digit, ``không trăm`` inside a number, ``mốt``,
``lăm``); the rules are those of Vietnamese amounts written on official and
banking documents:

- 2021 -> hai nghìn không trăm hai mươi mốt; 2005 -> hai nghìn không trăm linh năm
- 15 -> mười lăm; 25 -> hai mươi lăm; 105 -> một trăm linh năm
- 21 -> hai mươi mốt; 11 -> mười một; 101 -> một trăm linh một
- 1.000.005 -> một triệu không trăm linh năm (an all-zero group is skipped)
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Optional, Union

LOCALE = "vi_VN"
Number = Union[int, float, Decimal]

_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_GROUPS = ["", "nghìn", "triệu"]  # then tỷ repeats: nghìn tỷ, triệu tỷ, tỷ tỷ


def format_number(value: Number, decimals: Optional[int] = None) -> str:
    """``1234567`` -> ``1.234.567``; ``85.5`` -> ``85,5``; rounded half up to ``decimals``."""
    from babel.numbers import format_decimal  # babel loads its locale data: only for documents with figures

    if decimals is not None:
        quantum = Decimal(1).scaleb(-decimals)
        value = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        text = format_decimal(value, format=pattern, locale=LOCALE)
        return _strip_zero_decimals(text)
    return format_decimal(value, locale=LOCALE, decimal_quantization=False)


def _strip_zero_decimals(text: str) -> str:
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def format_percent(value: Number, decimals: int = 1) -> str:
    """A percentage given in percent units: ``85.5`` -> ``85,5%``; ``100.0`` -> ``100%``."""
    return f"{format_number(value, decimals)}%"


def percent_of(part: Number, whole: Number) -> Optional[Decimal]:
    """``part`` as a percentage of ``whole``; None when ``whole`` is zero."""
    if not whole:
        return None
    return Decimal(str(part)) * 100 / Decimal(str(whole))


def _three_digits(number: int, leading: bool) -> str:
    """Read 0-999; a group after a larger one is read in full (``không trăm linh năm``)."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words = []
    if hundreds or not leading:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(_DIGITS[units])
        return " ".join(words)
    if tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return " ".join(words)


def _below_billion(number: int, leading: bool) -> str:
    groups = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    words = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        first = leading and not words
        words.append(_three_digits(group, first))
        if _GROUPS[index]:
            words.append(_GROUPS[index])
    return " ".join(words)


def number_in_words(number: int) -> str:
    """A whole number in Vietnamese words, lower case: ``2021`` -> ``hai nghìn không trăm hai mươi mốt``."""
    if number < 0:
        return "âm " + number_in_words(-number)
    if number == 0:
        return "không"
    billions, rest = divmod(number, 1_000_000_000)
    words = []
    if billions:
        words += [number_in_words(billions), "tỷ"]
    if rest:
        words.append(_below_billion(rest, leading=not billions))
    return " ".join(words)


def amount_in_words(amount: int, currency: str = "đồng") -> str:
    """``1200000000`` -> ``Một tỷ hai trăm triệu đồng`` (capitalised, as written in brackets)."""
    words = f"{number_in_words(amount)} {currency}"
    return words[0].upper() + words[1:]


def format_amount(amount: int, *, in_words: bool = False, currency: str = "đồng") -> str:
    """``1.200.000.000 đồng``, with ``(Một tỷ hai trăm triệu đồng)`` when ``in_words``."""
    text = f"{format_number(amount)} {currency}"
    if in_words:
        text += f" ({amount_in_words(amount, currency)})"
    return text
