"""身份证号: the export-quirk answer key, and the helpers used by cross-field rules."""

import csv
import datetime
from pathlib import Path

import pytest
from stdnum.cn import ric

from pipelines.checks import resident_id

QUIRKS = Path(__file__).parent / "data" / "checks" / "id-x-checkdigit.csv"

# the 预期 column of the quirks file, restated as what check() must return
EXPECTED = {
    "accept": ([], None, ""),
    "accept as 11010520020314109X; warn lowercase": (
        ["id_number.normalised"], "11010520020314109X", "小写 x"),
    "reject: check digit should be 0": (["id_number.checksum"], None, "末位校验码应为 0"),
    "accept as 11010520020314109X; warn full-width": (
        ["id_number.normalised"], "11010520020314109X", "全角字符"),
    "accept as 11010520020314109X; warn spaces": (
        ["id_number.normalised"], "11010520020314109X", "空格"),
    "reject: birth date 2002-02-30 invalid": (["id_number.birth_date"], None, "2002-02-30 不存在"),
}  # fmt: skip


def _quirk_rows():
    with QUIRKS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [pytest.param(row["身份证号"], row["预期"], id=row["学号"]) for row in rows]


def test_quirks_file_has_six_rows_all_explained():
    rows = _quirk_rows()

    assert len(rows) == 6
    assert {param.values[1] for param in rows} == set(EXPECTED)


@pytest.mark.parametrize(("number", "verdict"), _quirk_rows())
def test_quirks_answer_key(number, verdict):
    rule_ids, fixed, wording = EXPECTED[verdict]

    problems = resident_id.check(number)

    assert [found.rule_id for found in problems] == rule_ids
    assert all(found.fixed == fixed for found in problems)
    assert all(wording in found.message for found in problems)
    if verdict.startswith("reject"):
        assert all(found.severity == "error" for found in problems)
    else:
        assert all(found.severity == "warning" for found in problems)


@pytest.mark.parametrize(
    ("number", "born", "gender"),
    [
        ("11010520020314109X", datetime.date(2002, 3, 14), "男"),
        ("110105199901010024", datetime.date(1999, 1, 1), "女"),
        ("11010520020314109x ", datetime.date(2002, 3, 14), "男"),
        ("110105850314123", datetime.date(1985, 3, 14), "男"),
        ("110105200202301231", None, "男"),
        ("garbage", None, None),
        ("", None, None),
        (None, None, None),
    ],
)
def test_birth_date_and_gender(number, born, gender):
    assert resident_id.birth_date(number) == born
    assert resident_id.gender(number) == gender


@pytest.mark.parametrize(
    "number",
    [
        pytest.param("830000200002291528", id="台湾居民居住证 830000"),
        pytest.param("110103201201010020", id="address code abolished before the birth year"),
    ],
)
def test_stdnum_rejects_numbers_we_accept(number):
    # stdnum requires the address code to exist in its table in the birth year; 83 is no
    # GB/T 2260 province (Taiwan is 71), yet 台湾居民居住证 numbers start 830000
    assert not ric.is_valid(number)
    assert resident_id.check(number) == []


def test_stdnum_check_digit_agrees_with_ours():
    # stdnum's calc_check_digit wants the whole number and ignores its last character
    body = "44030420030715123"

    assert ric.calc_check_digit(body + "?") == resident_id.calc_check_digit(body)


def test_legacy_conversion_is_a_valid_number():
    converted = resident_id.legacy_to_18("110105850314123")

    assert resident_id.check(converted) == []
    assert resident_id.birth_date(converted) == resident_id.birth_date("110105850314123")
