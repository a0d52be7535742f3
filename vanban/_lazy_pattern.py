"""Regular expressions compiled the first time they are used, not when their module is imported.

A one-shot command (``vanban render``) imports modules whose patterns it never runs: the
checker's for other document kinds, the display's for markup a document does not hold, the
batch's for file names. ``re`` compiles in Python, about 0.1 ms a pattern here, so those
patterns were 19M of the 1.5G instructions of ``vanban render`` of the flagship (1.3%).
A pattern written ``lazy_pattern(...)`` is compiled when a method of it is first asked for,
then is the compiled pattern's methods themselves: no cost per call afterwards.

It is not a :class:`re.Pattern`: it is used through its methods (``.match``, ``.sub`` ...)
and ``.pattern``, never handed to ``re.sub(pattern, ...)`` or tested with ``isinstance``.
"""

from __future__ import annotations

import re
from typing import Any

_METHODS = ("match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer", "groups", "groupindex")


class LazyPattern:
    """``re.compile(pattern, flags)``, done at first use."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str) -> Any:
        # only attributes not yet in the instance reach here: the first use of the pattern
        if name not in _METHODS:
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self.flags)
        self.flags = compiled.flags  # as re.Pattern reports them (re.UNICODE added for text)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_pattern({self.pattern!r}, {self.flags!r})"


def lazy_pattern(pattern: str, flags: int = 0) -> LazyPattern:
    """A pattern compiled at its first use; see the module's docstring."""
    return LazyPattern(pattern, flags)
