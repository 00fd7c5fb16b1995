"""Every check module keeps the shared contract on any input: it never raises."""

import importlib
import math
import re
import time
from pathlib import Path

import pytest

from pipelines.checks import Problem

MODULES = ["credit_code", "org_code", "resident_id", "postcode", "phone", "email"]
CHECKS = Path(__file__).resolve().parents[1] / "pipelines" / "checks"


class _NAType:
    """Stands in for pandas.NA, whose truth value raises."""

    def __bool__(self):
        raise TypeError("boolean value of NA is ambiguous")


_NAType.__name__ = "NAType"

GARBAGE = [
    None,
    math.nan,
    _NAType(),
    10020,
    2025000001.0,
    "",
    " ",
    "\u200b\ufeff\u00a0",
    "-",
    "@",
    "+",
    "()",
    "转",
    "+86",
    "0086-",
    "x" * 100_000,
    "9" * 100_000,
    "１" * 18,
    "\x00\x01\x7f",
    "\ud800",
    "😀@😀.com",
    "{value}",
    "{0}",
    "%s",
    "91310110MA1G8B2C81\n91310110MA1G8B2C81",
]


@pytest.mark.parametrize("name", MODULES)
@pytest.mark.parametrize("value", GARBAGE, ids=repr)
def test_check_never_raises(name, value):
    module = importlib.import_module(f"pipelines.checks.{name}")

    problems = module.check(value)

    assert isinstance(problems, list)
    assert all(isinstance(found, Problem) for found in problems)
    assert all(found.severity in {"error", "warning"} for found in problems)
    assert all(len(found.message) < 400 for found in problems)
    assert isinstance(module.compact(value), str)


@pytest.mark.parametrize("name", MODULES)
def test_module_shape(name):
    module = importlib.import_module(f"pipelines.checks.{name}")
    lines = (CHECKS / f"{name}.py").read_text(encoding="utf-8").splitlines()
    doc = module.__doc__

    assert callable(module.compact)
    assert callable(module.check)
    assert 50 <= len(lines) <= 150
    assert "More information:" in doc
    assert ">>> " in doc
    assert re.search(r"\(.+\)\.$", doc.splitlines()[0])


@pytest.mark.parametrize("name", MODULES)
def test_check_is_fast(name):
    # a loose bound that still catches an accidental per-call file read or regex compile
    module = importlib.import_module(f"pipelines.checks.{name}")
    values = ["91310110MA1G8B2C81", "11010520020314109x", "021-55271234", "zhangsan@163.com"]

    start = time.perf_counter()
    for _ in range(500):
        for value in values:
            module.check(value)
    per_call = (time.perf_counter() - start) / 2000

    assert per_call < 200e-6
