"""Data-driven cases for every check module, read from tests/data/checks/*.json.

Each file names its module and groups its cases by why a value is (in)valid. A case gives the
input, the rule ids expected in order, optionally the ``fixed`` value every problem carries
(absent means None) and optionally the exact message of the first problem.
"""

import importlib
import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "checks"


def _cases():
    for path in sorted(DATA.glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        for group, cases in spec["groups"].items():
            for case in cases:
                case_id = f"{path.stem}/{group}/{case['title']}"
                yield pytest.param(spec["module"], case, id=case_id)


CASES = list(_cases())


@pytest.mark.parametrize(("module_name", "case"), CASES)
def test_case(module_name, case):
    module = importlib.import_module(module_name)

    problems = module.check(case["in"])

    assert [found.rule_id for found in problems] == case["out"]
    assert [found.fixed for found in problems] == [case.get("fixed")] * len(problems)
    if "message" in case:
        assert problems[0].message == case["message"]


@pytest.mark.parametrize(("module_name", "case"), CASES)
def test_compact_is_idempotent(module_name, case):
    module = importlib.import_module(module_name)

    once = module.compact(case["in"])

    assert module.compact(once) == once
