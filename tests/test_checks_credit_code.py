"""统一社会信用代码: synthetic codes built independently of the module under test."""

import json
import random
from pathlib import Path

import pytest
from stdnum.cn import uscc

from pipelines.checks import credit_code

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
DATA = Path(__file__).parent / "data" / "checks" / "credit_code.json"


def make_credit_code(prefix: str, body: str) -> str:
    """Build a checksum-valid code from 8 prefix characters and an 8-character org-code body.

    Written from GB 32100 / GB 11714 directly: weights of position i are 3**i mod 31.
    """
    remainder = 11 - sum(int(char, 36) * w for char, w in zip(body, ORG_WEIGHTS, strict=True)) % 11
    org = body + {10: "X", 11: "0"}.get(remainder, str(remainder))
    first17 = prefix + org
    total = sum(ALPHABET.index(char) * 3**i for i, char in enumerate(first17))
    return first17 + ALPHABET[(31 - total % 31) % 31]


GENERATED = {
    "事业单位 12": ("12310000", "42500738"),
    "机关 11": ("11310000", "00248460"),
    "民办非企业单位 52": ("52310104", "MJ4998XX"),
    "基金会 53": ("53100000", "50001234"),
    "律师事务所 31": ("31310000", "E0012345"),
    "军队事业单位 A1": ("A1110000", "MB1234XY"),
    "村级集体经济组织 N2": ("N2350181", "MF0C7T5N"),
    "其他 Y1": ("Y1440300", "MC9K2L7P"),
    "基层工会 81": ("81310115", "MC1234AB"),
    "企业 91": ("91310110", "MA1G8B2C"),
}


@pytest.mark.parametrize(("prefix", "body"), GENERATED.values(), ids=GENERATED.keys())
def test_generated_codes_pass(prefix, body):
    code = make_credit_code(prefix, body)

    assert credit_code.check(code) == []
    assert credit_code.check(code.lower()) == []


def test_stdnum_check_character_agrees_with_ours():
    code = make_credit_code("91310110", "MA1G8B2C")

    assert uscc.calc_check_digit(code[:17]) == code[17] == credit_code.calc_check_digit(code[:17])


@pytest.mark.parametrize("prefix", ["A1110000", "N2350181", "Y1440300"])
def test_stdnum_rejects_legitimate_non_digit_registrars(prefix):
    # the reason this package has its own validator; if stdnum changes, revisit the docstring
    code = make_credit_code(prefix, "MA1G8B2C")

    assert not uscc.is_valid(code)
    assert credit_code.check(code) == []


def test_valid_cases_in_the_data_file_are_really_valid():
    cases = json.loads(DATA.read_text(encoding="utf-8"))["groups"]["valid"]
    for case in cases:
        code = case["in"]
        assert make_credit_code(code[:8], code[8:16]) == code, case["title"]


def test_every_single_character_substitution_is_caught():
    rng = random.Random(20251)
    for _ in range(200):
        body = "".join(rng.choice(ALPHABET) for _ in range(8))
        code = make_credit_code("91" + "".join(rng.choice("0123456789") for _ in range(6)), body)
        position = rng.randrange(18)
        wrong = rng.choice(ALPHABET.replace(code[position], ""))
        typo = code[:position] + wrong + code[position + 1 :]

        assert "credit_code.checksum" in [found.rule_id for found in credit_code.check(typo)]


def test_region_segment_and_org_code_helpers():
    code = make_credit_code("52310104", "MJ4998XX")

    assert credit_code.region_segment(code) == "310104"
    assert credit_code.org_code(code) == code[8:17]
    assert credit_code.region_segment(" " + code.lower()) == "310104"
    assert credit_code.region_segment("9131011AMA1G8B2C8H") is None
    assert credit_code.org_code("77125461-5") == "771254615"
    assert credit_code.region_segment("garbage") is None
    assert credit_code.org_code("") is None


def test_normalisation_alone_is_not_reported():
    assert credit_code.check(" 9131 0110 ma1g 8b2c 81 ") == []
    assert credit_code.compact(" 9131 0110 ma1g 8b2c 81 ") == "91310110MA1G8B2C81"
