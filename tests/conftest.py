"""Tests marked ``slow`` run only when asked for (``pytest -m slow``, or VANBAN_SLOW=1): they
start LibreOffice many times over (crash recovery, batches stopped while converting) and would
add half a minute to every run."""

import os

import pytest


def pytest_collection_modifyitems(config, items):
    if os.environ.get("VANBAN_SLOW") or "slow" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with pytest -m slow, or VANBAN_SLOW=1")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
