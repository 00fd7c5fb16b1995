import csv
from pathlib import Path

import pytest

from pipelines.reference import province_of, resolve_region

CASES_FILE = Path(__file__).parent / "data" / "reference" / "region_texts.csv"


def read_cases() -> list:
    with CASES_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [pytest.param(row, id=row["text"] or "empty") for row in rows]


@pytest.mark.parametrize("case", read_cases())
def test_resolve_region(case):
    match = resolve_region(case["text"])

    assert match.code == (case["code"] or None)
    assert match.status == case["status"]
    assert match.candidates == tuple(case["candidates"].split())


def test_every_province_has_a_case():
    with CASES_FILE.open(encoding="utf-8", newline="") as handle:
        codes = {row["code"][:2] for row in csv.DictReader(handle) if row["code"]}
    provinces = {
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    }

    assert provinces <= codes


def test_full_name_and_levels():
    match = resolve_region("新疆和田地区和安县")

    assert match.name == "新疆维吾尔自治区和田地区和安县"
    assert match.level == "county"
    assert match.province_code == "65"


def test_ambiguous_names_share_no_province():
    match = resolve_region("朝阳区")

    assert match.name is None
    assert match.province_code is None


def test_ambiguous_within_one_province_keeps_the_province():
    match = resolve_region("莱芜市")

    assert match.code is None
    assert match.province_code == "37"
    assert "3712" in match.candidates


def test_unmatched_tail_is_returned():
    match = resolve_region("福建省福州市永泰县城关镇解放路1号")

    assert match.code == "350125"
    assert match.rest == "城关镇解放路1号"


def test_province_in_text_restricts_the_county():
    match = resolve_region("江苏省海淀区")

    assert match.code == "32"
    assert match.rest == "海淀区"


@pytest.mark.parametrize("code, province", [("11", "11"), ("3205", "32"), ("653229", "65")])
def test_province_of(code, province):
    assert province_of(code) == province


@pytest.mark.parametrize("code", ["", "3", "350", "35012a", "000000"])
def test_province_of_rejects_malformed_codes(code):
    with pytest.raises(ValueError, match="region code"):
        province_of(code)
