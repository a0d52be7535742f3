"""Recognising Vietnamese typed in the legacy TCVN3 (ABC) and VNI encodings.

Before Unicode, Vietnamese was typed in 8-bit font encodings: TCVN3 (fonts
``.VnTime``, ``.VnArial``) and VNI Windows (``VNI-Times``). Text copied out of
such an old file, or opened without its font, reads as ``Hμ Néi`` or ``§oμn``
(TCVN3) and ``Haø Noäi`` or ``Ñoaøn`` (VNI): Latin-1 letters and symbols where
the Vietnamese letters should be. Printed in a Unicode font it is gibberish.

:func:`legacy_encoding` finds such text. A word counts as legacy when it is not
a Vietnamese syllable as written, but decoding it from one of the encodings
(tables below) gives one of two letters or more (a lone ``«`` or ``·`` is
punctuation, ``où`` read as ``ó`` is too short to tell). A text is reported when legacy words are a fifth of its
words or more, or at least three of them: a foreign name (``Raúl``) or word
(``où``) in Unicode text is not enough. Text is judged as typed and in capitals (the
way vanban shows a letterhead, a title or a heading): what it accepts typed, it accepts
in capitals.

No well-kept Python library does this detection (the converters on PyPI handle
the VNI *typing method*, or load whole documents for search indexes); the two
tables are the published code charts of the encodings.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple, Optional

# --- TCVN3 (TCVN 5712:1993, VN3): one byte per letter --------------------------------
# Read as Windows-1252/Latin-1, each byte is the character on the left. One font holds
# the lower case letters with tones (and the seven bare capitals Ă Â Ê Ô Ơ Ư Đ); the
# capitals with tones live at the same codes in a second font (.VnTimeH).
_TCVN3_LETTERS = {
    "¡": "Ă", "¢": "Â", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "§": "Đ",
    "¨": "ă", "©": "â", "ª": "ê", "«": "ô", "¬": "ơ", "\u00ad": "ư", "®": "đ",
    "µ": "à", "¶": "ả", "·": "ã", "¸": "á", "¹": "ạ",
    "»": "ằ", "¼": "ẳ", "½": "ẵ", "¾": "ắ", "Æ": "ặ",
    "Ç": "ầ", "È": "ẩ", "É": "ẫ", "Ê": "ấ", "Ë": "ậ",
    "Ì": "è", "Î": "ẻ", "Ï": "ẽ", "Ð": "é", "Ñ": "ẹ",
    "Ò": "ề", "Ó": "ể", "Ô": "ễ", "Õ": "ế", "Ö": "ệ",
    "×": "ì", "Ø": "ỉ", "Ü": "ĩ", "Ý": "í", "Þ": "ị",
    "ß": "ò", "á": "ỏ", "â": "õ", "ã": "ó", "ä": "ọ",
    "å": "ồ", "æ": "ổ", "ç": "ỗ", "è": "ố", "é": "ộ",
    "ê": "ờ", "ë": "ở", "ì": "ỡ", "í": "ớ", "î": "ợ",
    "ï": "ù", "ñ": "ủ", "ò": "ũ", "ó": "ú", "ô": "ụ",
    "õ": "ừ", "ö": "ử", "÷": "ữ", "ø": "ứ", "ù": "ự",
    "ú": "ỳ", "û": "ỷ", "ü": "ỹ", "ý": "ý", "þ": "ỵ",
}
# The micro sign of byte B5 often arrives as the Greek mu after a font substitution.
_TCVN3_LETTERS["μ"] = "à"

# --- VNI Windows: a base letter, then a byte for its marks -----------------------------
_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
_CIRCUMFLEX, _BREVE = "\u0302", "\u0306"

_VNI_TONES = {"ø": _GRAVE, "ù": _ACUTE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
_VNI_CIRCUMFLEX = {"â": "", "à": _GRAVE, "á": _ACUTE, "å": _HOOK, "ã": _TILDE, "ä": _DOT}
_VNI_BREVE = {"ê": "", "è": _GRAVE, "é": _ACUTE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
_VNI_MARKS: dict[str, tuple[str, str]] = {}
"""mark character -> (the base letters it goes on, the combining marks it adds)."""
for _marks, _bases, _extra in (
    (_VNI_TONES, "aeiouyăâêôơư", ""),
    (_VNI_CIRCUMFLEX, "aeo", _CIRCUMFLEX),
    (_VNI_BREVE, "a", _BREVE),
):
    for _char, _tone in _marks.items():
        _VNI_MARKS[_char] = (_bases, _extra + _tone)
        _VNI_MARKS[_char.upper()] = (_bases.upper(), _extra + _tone)
_VNI_LETTERS = {
    "ñ": "đ", "Ñ": "Đ", "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư",
    "æ": "ỉ", "Æ": "Ỉ", "ó": "ĩ", "Ó": "Ĩ", "ò": "ị", "Ò": "Ị", "î": "ỵ", "Î": "Ỵ",
}

# --- Vietnamese syllables -------------------------------------------------------------

_TONES = {_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT}
_INITIAL = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?"
# Rimes: a nucleus and the finals it takes. Glides (ai, ao, ưu ...) never close.
_RIMES = "|".join([
    "(?:a|ê|i|oa|uê|uy)(?:ch|nh)",
    "(?:a|ă|â|e|o|ô|u|ư|iê|uô|ươ|oa|oă|oe|uâ)(?:ng|c)",
    "(?:a|ă|â|e|ê|i|o|ô|ơ|u|ư|iê|yê|uô|ươ|oa|oă|oe)[mp]",
    "(?:a|ă|â|e|ê|i|o|ô|ơ|u|ư|iê|yê|uô|ươ|oa|oă|oe|uâ|uê|uy|uyê)[nt]",
    "iêu|yêu|uôi|ươi|ươu|oai|oay|oao|oeo|uây|uya|uyu",
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|ưa|ưi|ưu|oa|oe|uê|uy|uơ",
    "[aeêioôơuư]",
])
# A bare y stands after few initials (ký, lý, mỹ, quý, tỷ); elsewhere it is spelled i.
_SYLLABLE = re.compile(f"^(?:{_INITIAL}(?:{_RIMES})|(?:[hklmstvđ]|qu)?y)$")


def is_vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` is spelled like one Vietnamese syllable (at most one tone mark)."""
    # a syllable has at most 7 letters ("nghiêng"), 9 characters decomposed; only short words are
    # remembered, so that hostile text cannot fill the cache with long ones
    return len(word) <= _LONGEST_SYLLABLE and _syllable(word)


_LONGEST_SYLLABLE = 16


@lru_cache(maxsize=8192)  # a document's words repeat, and each is judged as typed and in capitals
def _syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONES]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return bool(_SYLLABLE.match(bare))


# --- decoding -------------------------------------------------------------------------


_TCVN3_TABLE = str.maketrans(_TCVN3_LETTERS)
_VNI_TABLE = str.maketrans(_VNI_LETTERS)
_VNI_MARK = re.compile(f"[{re.escape(''.join(_VNI_MARKS))}]")


def decode_tcvn3(text: str) -> str:
    """``text`` read as TCVN3: ``Hμ Néi`` -> ``Hà Nội`` (tones on capitals come out small)."""
    return text.translate(_TCVN3_TABLE)


def decode_vni(text: str) -> str:
    """``text`` read as VNI Windows: ``Haø Noäi`` -> ``Hà Nội``."""
    if not _VNI_MARK.search(text):  # letters only: each read on its own
        return unicodedata.normalize("NFC", text.translate(_VNI_TABLE))
    out: list[str] = []
    for char in text:
        mark = _VNI_MARKS.get(char)
        if mark and out:
            base = unicodedata.normalize("NFD", out[-1])
            if base[0] in mark[0] and not any(c in _TONES for c in base[1:]):
                out[-1] = unicodedata.normalize("NFC", base + mark[1])
                continue
        out.append(_VNI_LETTERS.get(char, char))
    return unicodedata.normalize("NFC", "".join(out))


ENCODINGS = {
    "TCVN3": ("TCVN3 (ABC)", ".VnTime", decode_tcvn3),
    "VNI": ("VNI Windows", "VNI-Times", decode_vni),
}

_LEGACY_CHARS = "".join(sorted(set(_TCVN3_LETTERS) | set(_VNI_MARKS) | set(_VNI_LETTERS)))
_WORD = re.compile(f"[\\w{re.escape(_LEGACY_CHARS)}]+")
_ASCII_LETTER = re.compile("[A-Za-z]")


class LegacyText(NamedTuple):
    """What :func:`legacy_encoding` found: the encoding, and the first words with their reading."""

    encoding: str
    label: str
    font: str
    examples: tuple[tuple[str, str], ...]


def _legacy_words(words: list[str], encoding: str) -> list[tuple[str, str]]:
    found = []
    for word in words:
        if word.isascii():  # both tables map only characters beyond ASCII: it reads as typed
            continue
        # a syllable read from a legacy encoding is at most twice as long as the syllable (a
        # VNI mark a character of its own): only such words are remembered, so that hostile
        # text cannot fill the memory with long ones
        reading = (_legacy_reading if len(word) <= 2 * _LONGEST_SYLLABLE else _read)(word, encoding)
        if reading is not None:
            found.append((word, reading))
    return found


def _read(word: str, encoding: str) -> Optional[str]:
    """How ``word`` reads in ``encoding`` when it reads as a Vietnamese syllable there and
    not as typed; else None."""
    decoded = ENCODINGS[encoding][2](word)
    if (decoded != word and len(decoded) > 1 and is_vietnamese_syllable(decoded)
            and not is_vietnamese_syllable(word)):
        # TCVN3 capitals with tones share the small letters' codes (in another font)
        capitals = "".join(_ASCII_LETTER.findall(word))
        return decoded.upper() if capitals.isupper() and len(capitals) > 1 else decoded
    return None


_legacy_reading = lru_cache(maxsize=16384)(_read)
"""A document's words repeat (every text is judged as typed and in capitals, in two encodings)."""


def legacy_encoding(text: str) -> Optional[LegacyText]:
    """The legacy encoding ``text`` seems to be typed in, or None for ordinary Unicode text.

    Judged as typed and in capitals: vanban shows some text in capitals (the letterhead, the
    title, headings) and ``vanban import`` reads it back so; the two tables map a letter and its
    capital to different letters, so text may read as Unicode typed and as TCVN3 in capitals
    ("Oî" is not a syllable read either way, "OÎ" is "Oẻ"). Text accepted here is accepted in
    capitals too: vanban never refuses what it wrote itself."""
    if text.isascii():
        return None
    if len(text) <= _REMEMBERED_LENGTH:
        return _remembered(text)
    return _judgement(text)


def _judgement(text: str) -> Optional[LegacyText]:
    return _judged(text) or _judged(unicodedata.normalize("NFC", text.upper()))


_REMEMBERED_LENGTH = 1000
_remembered = lru_cache(maxsize=2048)(_judgement)
"""The texts of a batch's base are judged again in every row (each row's document is validated
whole): a text's judgement is remembered, for texts short enough that the memory it takes stays
small (at most 2,048 texts of 1,000 characters) whatever the input holds."""


def _judged(text: str) -> Optional[LegacyText]:
    words = [w for w in _WORD.findall(text) if len(w) > 1 or _ASCII_LETTER.match(w)]
    if not words:
        return None
    best: Optional[LegacyText] = None
    best_count = 0
    for key, (label, font, decode) in ENCODINGS.items():
        found = _legacy_words(words, key)
        if len(found) > best_count and (len(found) >= 3 or len(found) * 5 >= len(words)):
            best, best_count = LegacyText(key, label, font, tuple(found[:3])), len(found)
    return best
