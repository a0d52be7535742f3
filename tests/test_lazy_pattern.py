"""A pattern written ``lazy_pattern(...)`` is compiled at its first use and then behaves as
``re.compile(...)`` does, through its methods."""

import re

import pytest

from vanban._lazy_pattern import lazy_pattern

SOURCE = r"(\d{1,2})/(\d{4})"
TEXT = "tháng 3/2024 và 12/2025"


def test_a_lazy_pattern_is_not_compiled_until_a_method_is_asked_for(monkeypatch):
    compiled = []
    original = re.compile
    monkeypatch.setattr(re, "compile", lambda *a: compiled.append(a) or original(*a))
    pattern = lazy_pattern(SOURCE, re.IGNORECASE)
    assert compiled == [] and pattern.pattern == SOURCE
    assert pattern.search(TEXT).groups() == ("3", "2024")
    pattern.sub("-", TEXT)
    assert compiled == [(SOURCE, re.IGNORECASE)]  # once, at the first use


def test_a_lazy_pattern_answers_as_the_compiled_pattern_does():
    lazy, compiled = lazy_pattern(SOURCE), re.compile(SOURCE)
    assert lazy.match(TEXT) is None and compiled.match(TEXT) is None
    assert lazy.fullmatch("3/2024").groups() == compiled.fullmatch("3/2024").groups()
    assert lazy.findall(TEXT) == compiled.findall(TEXT)
    assert [m.span() for m in lazy.finditer(TEXT)] == [m.span() for m in compiled.finditer(TEXT)]
    assert lazy.sub(r"\2", TEXT) == compiled.sub(r"\2", TEXT)
    assert lazy.subn("", TEXT) == compiled.subn("", TEXT)
    assert lazy.split(TEXT) == compiled.split(TEXT)
    assert (lazy.groups, lazy.groupindex, lazy.flags) == (compiled.groups, compiled.groupindex, compiled.flags)


def test_a_lazy_pattern_has_no_attribute_a_pattern_lacks():
    with pytest.raises(AttributeError):
        lazy_pattern(SOURCE).scanner_of_nothing
