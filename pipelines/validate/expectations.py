"""Single-column contracts: the Great Expectations suites in expectations/, run on the warehouse.

Each suite is named after the table it guards. GE's SQL path against DuckDB returns empty
failure lists, so the rows are handed to GE's pandas engine instead, as Arrow record batches
of at most CHUNK_ROWS rows: memory stays bounded whatever the export's size. Every unexpected
row comes back with its student_id and source row (GE's `unexpected_index_column_names`) and
becomes one finding; messages come from the rule catalogue like every other rule's.

Great Expectations costs ~9 s to import, so it is imported here, inside the function that
runs it, and nowhere at module level.
"""

import json
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa

from pipelines.validate.findings import empty_findings, findings_for_rows

logger = logging.getLogger(__name__)

EXPECTATIONS_DIR = Path(__file__).resolve().parents[2] / "expectations"
CHUNK_ROWS = 200_000
RESULT_FORMAT = "COMPLETE"


@dataclass
class ExpectationOutcome:
    """How one expectation fared over every chunk of its table."""

    suite: str
    rule_id: str
    expectation: str
    column: str
    count_checked: int = 0
    count_unexpected: int = 0
    examples: list = field(default_factory=list)

    @property
    def success(self) -> bool:
        return self.count_unexpected == 0


@dataclass
class SuiteRun:
    findings: pd.DataFrame
    outcomes: list[ExpectationOutcome]
    seconds: dict[str, float]


def load_suites(folder: Path = EXPECTATIONS_DIR) -> dict[str, dict]:
    """Every suite definition in `folder`, keyed by the table it guards (the file's stem)."""
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.json"))
    }


def run_suites(con, suites: dict[str, dict] | None = None) -> SuiteRun:
    """Validate every guarded table with GE; returns findings, outcomes and timings."""
    suites = load_suites() if suites is None else suites
    started = time.perf_counter()
    gx, context = _ge_context()
    imported = time.perf_counter()

    parts, outcomes = [empty_findings()], []
    for table, definition in suites.items():
        suite_findings, suite_outcomes = _run_suite(con, gx, context, table, definition)
        parts.append(suite_findings)
        outcomes.extend(suite_outcomes)
    finished = time.perf_counter()

    seconds = {"import": round(imported - started, 3), "validate": round(finished - imported, 3)}
    logger.info(
        "Great Expectations checked %d suites in %.2f s (import %.2f s).",
        len(suites),
        seconds["validate"],
        seconds["import"],
    )
    return SuiteRun(pd.concat(parts, ignore_index=True), outcomes, seconds)


def _ge_context():
    # usage statistics would try to reach GE's servers; the office may be offline
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    # GE sets this logger to INFO itself and announces its temporary docs folder on every run
    logging.getLogger("great_expectations.data_context.types.base").setLevel(logging.WARNING)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return gx, context


def _run_suite(con, gx, context, table: str, definition: dict):
    meta = definition.get("meta", {})
    id_columns = meta["id_columns"]
    parameters = _parameters(con, meta.get("parameters", {}))
    suite = context.suites.add(
        gx.ExpectationSuite(name=table, expectations=definition["expectations"])
    )
    batches = (
        context.data_sources.add_pandas(f"warehouse_{table}")
        .add_dataframe_asset(table)
        .add_batch_definition_whole_dataframe("chunk")
    )
    outcomes = {
        position: ExpectationOutcome(
            table, item["meta"]["rule_id"], item["type"], item["kwargs"]["column"]
        )
        for position, item in enumerate(definition["expectations"])
    }

    # read the whole table first: DuckDB refuses other queries while a result is half read
    columns = ", ".join(_needed_columns(definition))
    reader = con.sql(f"select {columns} from {table}").to_arrow_reader(CHUNK_ROWS)
    parts = []
    for record_batch in reader:
        chunk = pa.Table.from_batches([record_batch]).to_pandas()
        result = batches.get_batch(batch_parameters={"dataframe": chunk}).validate(
            suite,
            result_format={
                "result_format": RESULT_FORMAT,
                "unexpected_index_column_names": id_columns,
            },
            expectation_parameters=parameters,
        )
        for position, expectation_result in enumerate(result.results):
            item = definition["expectations"][position]
            parts.append(_record(outcomes[position], item, chunk, expectation_result))
    logger.info("Suite %s: %d findings.", table, sum(len(part) for part in parts))
    return pd.concat([empty_findings(), *parts], ignore_index=True), list(outcomes.values())


def _record(outcome: ExpectationOutcome, item: dict, chunk: pd.DataFrame, result) -> pd.DataFrame:
    details = result.result
    outcome.count_checked += int(details.get("element_count", len(chunk)))
    outcome.count_unexpected += int(details.get("unexpected_count") or 0)
    if result.success:
        return empty_findings()

    # map GE's unexpected rows back to the chunk's rows by their source position
    meta = item["meta"]
    keys = _source_keys(pd.DataFrame(details["unexpected_index_list"])).drop_duplicates()
    rows = chunk[_source_keys(chunk).apply(tuple, axis=1).isin(keys.apply(tuple, axis=1))]
    value_column = meta.get("value_column", outcome.column)
    rows = rows.assign(
        quoted_value=rows[value_column].map(_as_text, na_action="ignore"),
        quoted_other=rows[meta["other_column"]].map(_as_text, na_action="ignore")
        if "other_column" in meta
        else "",
    )
    outcome.examples = (outcome.examples + rows["quoted_value"].dropna().tolist())[:5]
    findings = findings_for_rows(rows, "quoted_value", outcome.rule_id, "quoted_other")
    return findings.assign(field=meta.get("field", outcome.column))


def _needed_columns(definition: dict) -> list[str]:
    """The id columns and every column an expectation checks or quotes, each once."""
    columns = list(definition["meta"]["id_columns"])
    for item in definition["expectations"]:
        meta = item["meta"]
        for name in (item["kwargs"]["column"], meta.get("value_column"), meta.get("other_column")):
            if name and name not in columns:
                columns.append(name)
    return columns


def _source_keys(frame: pd.DataFrame) -> pd.DataFrame:
    # a CSV has no sheet: GE hands that back as NaN, the chunk as None
    return pd.DataFrame(
        {
            "source_file": frame["source_file"].astype(str),
            "source_sheet": frame["source_sheet"].map(lambda name: "" if pd.isna(name) else name),
            "source_row": frame["source_row"].astype("int64"),
        }
    )


def _parameters(con, spec: dict[str, list[str]]) -> dict[str, list[str]]:
    """Value sets for `$PARAMETER` placeholders, read from the reference tables they name."""
    values = {}
    for name, sources in spec.items():
        found: set[str] = set()
        for source in sources:
            table, column = source.split(".")
            rows = con.execute(f"select distinct {column} from {table} where {column} is not null")
            found.update(row[0] for row in rows.fetchall())
        values[name] = sorted(found)
    return values


def _as_text(value) -> str:
    """GE and pandas hand back numpy scalars; findings hold text.

    >>> _as_text(8000.0), _as_text(12.5), _as_text("面议")
    ('8000', '12.5', '面议')
    """
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "item"):
        return _as_text(value.item())
    return str(value)


def outcomes_frame(outcomes: list[ExpectationOutcome]) -> pd.DataFrame:
    """One row per expectation: the table the Data Docs page is rendered from."""
    return pd.DataFrame(
        {
            "suite": [o.suite for o in outcomes],
            "rule_id": [o.rule_id for o in outcomes],
            "expectation": [o.expectation for o in outcomes],
            "column_name": [o.column for o in outcomes],
            "count_checked": pd.Series([o.count_checked for o in outcomes], dtype="int64"),
            "count_unexpected": pd.Series([o.count_unexpected for o in outcomes], dtype="int64"),
            "examples": ["、".join(o.examples) for o in outcomes],
        }
    )
