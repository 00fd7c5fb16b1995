"""Per-value checks for the identifiers and contact fields of a 毕业去向 export.

Every module in this package checks one kind of value and has the same two public functions:

* ``compact(value)`` returns the value in its canonical written form (full-width characters
  made half-width, invisible characters and separators removed, letters upper-cased where the
  standard uses upper case);
* ``check(value)`` returns a list of :class:`Problem`; an empty list means the value is fine.
  It never raises. An empty or missing value gives no problem: whether a field must be filled
  in depends on the destination and is decided by the per-destination rules, not here.

Rule ids, severities and message templates live in ``reference_data/rules.csv``; every
message is produced from its template there, so the catalogue and the code cannot drift.
A rule id starts with the field key when only one field has that check (``credit_code.``,
``id_number.``); checks shared by several fields use the kind of value instead
(``postcode.``, ``phone.``, ``email.``), and the catalogue lists the fields as ``a|b``.
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RULES_CSV = Path(__file__).resolve().parents[2] / "reference_data" / "rules.csv"

# longest stretch of a user's value quoted back in a message; garbage can be megabytes long
_MAX_QUOTED = 40


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one value, as a finding row needs it.

    ``fixed`` is the value's compact form whenever that differs from what was typed, on every
    problem of that value; it is a normalisation, never a guess at the intended value (those
    appear in the message only).
    """

    rule_id: str
    severity: str
    message: str
    fixed: str | None = None


@cache
def rules() -> dict[str, dict[str, str]]:
    """Return the rule catalogue keyed by rule id."""
    with RULES_CSV.open(encoding="utf-8", newline="") as handle:
        return {row["rule_id"]: row for row in csv.DictReader(handle)}


def _quote(text: object) -> object:
    if isinstance(text, str) and len(text) > _MAX_QUOTED:
        return text[:_MAX_QUOTED] + "…"
    return text


def problem(rule_id: str, *, fixed: str | None = None, **params: object) -> Problem:
    """Build the Problem for ``rule_id`` from its catalogue row.

    ``fixed`` and ``params`` fill the placeholders of the message template ({value},
    {expected}, {fixed} ...).
    """
    rule = rules()[rule_id]
    quoted = {key: _quote(param) for key, param in params.items()}
    message = rule["message_template"].format(fixed=fixed, **quoted)
    return Problem(rule_id, rule["severity"], message, fixed)
