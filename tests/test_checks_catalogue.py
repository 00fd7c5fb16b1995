"""The rule catalogue reference_data/rules.csv and the check modules agree."""

import csv
import json
import re
import string
from pathlib import Path

import pytest

from pipelines.checks import RULES_CSV, rules

ROOT = Path(__file__).resolve().parents[1]
CHECKS = ROOT / "pipelines" / "checks"
COLUMNS = ["rule_id", "field", "severity", "message_template", "applies_to", "implemented_in",
           "description"]  # fmt: skip
# prefixes of rules that apply to several fields rather than to one field key
NEUTRAL_PREFIXES = {"postcode", "phone", "email", "org_code"}


def _emitted() -> dict[str, str]:
    """Map every rule id the check modules can emit to the file that emits it."""
    emitted = {}
    for path in sorted(CHECKS.glob("*.py")):
        for rule_id in re.findall(r'problem\(\s*"([a-z0-9_.]+)"', path.read_text("utf-8")):
            emitted[rule_id] = path.relative_to(ROOT).as_posix()
    return emitted


EMITTED = _emitted()
OUR_ROWS = {
    rule_id: row
    for rule_id, row in rules().items()
    if row["implemented_in"].startswith("pipelines/checks/")
}


def test_catalogue_is_at_the_repository_root():
    assert RULES_CSV == ROOT / "reference_data" / "rules.csv"


def test_catalogue_columns():
    with RULES_CSV.open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == COLUMNS


def test_rule_ids_are_unique():
    with RULES_CSV.open(encoding="utf-8", newline="") as handle:
        ids = [row["rule_id"] for row in csv.DictReader(handle)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("rule_id", sorted(EMITTED))
def test_every_emitted_rule_is_catalogued_where_it_is_implemented(rule_id):
    assert rule_id in rules(), f"{rule_id} is emitted by {EMITTED[rule_id]} but not in rules.csv"
    assert rules()[rule_id]["implemented_in"] == EMITTED[rule_id]


@pytest.mark.parametrize("rule_id", sorted(OUR_ROWS))
def test_every_catalogued_check_rule_is_emitted(rule_id):
    assert rule_id in EMITTED


@pytest.mark.parametrize("rule_id", sorted(OUR_ROWS))
def test_row_shape(rule_id):
    row = OUR_ROWS[rule_id]
    prefix = rule_id.split(".")[0]

    assert re.fullmatch(r"[a-z0-9_]+\.[a-z0-9_]+", rule_id)
    assert row["severity"] in {"error", "warning"}
    assert prefix in row["field"].split("|") or prefix in NEUTRAL_PREFIXES
    assert row["applies_to"]
    assert row["description"]


@pytest.mark.parametrize("rule_id", sorted(OUR_ROWS))
def test_template_quotes_the_value(rule_id):
    template = OUR_ROWS[rule_id]["message_template"]
    fields = {name for _, name, _, _ in string.Formatter().parse(template)}
    assert "value" in fields


def test_every_check_rule_has_a_data_driven_case():
    covered = set()
    for path in (ROOT / "tests" / "data" / "checks").glob("*.json"):
        for cases in json.loads(path.read_text(encoding="utf-8"))["groups"].values():
            covered.update(rule_id for case in cases for rule_id in case["out"])
    assert set(OUR_ROWS) - covered == set()
