"""The column-wide shortcuts of pipelines/validate/plain_values.py never pass a value that its
check would report, and do pass the plainly valid values they exist for."""

import datetime as dt
import json
import random
from pathlib import Path

import pandas as pd

from pipelines.checks import resident_id, student_id
from pipelines.validate.plain_values import plain_id_numbers, plain_student_ids

CASES = Path(__file__).parent / "data" / "checks"


def _case_inputs(name: str) -> list[str]:
    spec = json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))
    return [case["in"] for cases in spec["groups"].values() for case in cases]


def _id_numbers(count: int) -> list[str]:
    """Valid numbers, and each with one character changed, cut, padded or spaced."""
    rng = random.Random(20250630)
    numbers = []
    for _ in range(count):
        born = dt.date(1890, 1, 1) + dt.timedelta(days=rng.randrange(0, 50000))
        body = f"{rng.randrange(110000, 830000)}{born:%Y%m%d}{rng.randrange(1000):03d}"
        number = body + resident_id.calc_check_digit(body)
        position = rng.randrange(18)
        changed = number[:position] + rng.choice("0123456789Xx ３") + number[position + 1 :]
        numbers += [number, changed, number[:17], number + "1", number.lower(), f" {number}"]
    return numbers


def _student_ids(count: int) -> list[str]:
    rng = random.Random(7)
    alphabet = "0123456789AaEeMD-./+ ２学"
    return [
        "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 12))) for _ in range(count)
    ]


def test_no_id_number_passed_as_plain_has_a_problem():
    values = _case_inputs("resident_id") + _id_numbers(3000)
    plain = plain_id_numbers(pd.Series(values, dtype="str"))
    wrongly_passed = [v for v, ok in zip(values, plain, strict=True) if ok and resident_id.check(v)]
    assert wrongly_passed == []
    # every third generated value is a valid number born by last year: those are passed
    assert plain.sum() > 2000


def test_a_birth_date_of_today_is_left_to_the_check():
    today = dt.date(2025, 8, 31)
    body = "11010520250831109"
    number = body + resident_id.calc_check_digit(body)
    assert plain_id_numbers(pd.Series([number], dtype="str"), today).tolist() == [False]


def test_no_student_id_passed_as_plain_has_a_problem():
    values = _case_inputs("student_id") + _student_ids(20000) + ["1E5", "2e09", "2021E05"]
    plain = plain_student_ids(pd.Series(values, dtype="str"))
    wrongly_passed = [v for v, ok in zip(values, plain, strict=True) if ok and student_id.check(v)]
    assert wrongly_passed == []
    assert plain[values.index("2021E05")]
    assert not plain[values.index("1E5")]
