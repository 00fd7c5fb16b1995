"""Matching a million registrations against a 300 k-unit master, beside a plain DuckDB join.

`run_benchmark(registrations, units)` builds both synthetic tables in a scratch in-memory
DuckDB (checksum-valid credit codes, names with the usual variation: 有限责任公司, brackets,
typos, missing and wrong codes, units the master has never seen), then times

* the plain join: each registration's master row by credit code, nothing else;
* the matcher (sql/marts/unit_matches.sql): credit code, legacy 组织机构代码, name keys;
* the suggestions (sql/marts/unit_suggestions.sql) for the rows without a usable code.

`quxiang bench` can call it; from the shell:

    .venv/bin/python -m pipelines.match.benchmark [REGISTRATIONS] [UNITS]
"""

import logging
import random
import sys
import time
from dataclasses import dataclass

import duckdb
import pandas as pd

from pipelines.match.master import prepare_unit_tables
from pipelines.sample.identities import unified_credit_code
from pipelines.warehouse import sql_text

logger = logging.getLogger(__name__)

# (credit code prefix, region code) of the synthetic units: companies and public bodies
PLACES = ("310115", "310104", "310110", "110108", "440305", "330106", "320506", "350102")
PREFIXES = ("91", "91", "91", "91", "12", "52")
# about 430 characters from the CJK block: real names share two-character pieces about as
# rarely as these do, a pool of a few dozen would make every piece common
NAME_CHARS = "".join(chr(0x4E00 + offset) for offset in range(0, 3000, 7))
SUFFIXES = (
    "科技有限公司",
    "电子股份有限公司",
    "建设工程有限公司",
    "医院",
    "研究院",
    "贸易有限公司",
)


@dataclass(frozen=True)
class MatchBench:
    registrations: int
    units: int
    join_seconds: float
    match_seconds: float
    suggest_seconds: float
    # CPU seconds of all DuckDB threads: steadier than wall time on a shared machine
    join_cpu_seconds: float
    match_cpu_seconds: float
    suggest_cpu_seconds: float
    rows_wanting_suggestions: int
    rows_suggested: int
    rows_right_first: int
    statuses: dict

    @property
    def ratio(self) -> float:
        return self.match_seconds / self.join_seconds if self.join_seconds else float("inf")

    def lines(self) -> list[str]:
        """What the benchmark prints, one measurement per line."""
        return [
            f"registrations {self.registrations}, master units {self.units}",
            f"{'':<20}{'wall':>10}{'CPU':>10}",
            _timing_line("plain DuckDB join", self.join_seconds, self.join_cpu_seconds),
            _timing_line("unit matcher", self.match_seconds, self.match_cpu_seconds),
            f"ratio {self.ratio:.1f} (matcher / join, wall)",
            _timing_line("suggestions", self.suggest_seconds, self.suggest_cpu_seconds),
            f"{self.rows_suggested} of {self.rows_wanting_suggestions} rows without a usable "
            f"code got a suggestion; the first one was their unit for {self.rows_right_first}",
            f"statuses {self.statuses}",
        ]


def _timing_line(label: str, wall: float, cpu: float) -> str:
    return f"{label:<20}{wall:>8.2f} s{cpu:>8.2f} s"


def run_benchmark(
    registrations: int = 1_000_000, units: int = 300_000, seed: int = 6
) -> MatchBench:
    """Build the synthetic tables and time the join, the matcher and the suggestions."""
    con = duckdb.connect()
    # the machine is shared with the nightly run; DuckDB spills to disk beyond this
    con.execute("set memory_limit = '4GB'")
    try:
        _build_tables(con, registrations, units, seed)
        join = _timed(con, "plain_join", sql_text("bench/unit_plain_join"))
        match = _timed(con, "unit_matches", sql_text("marts/unit_matches"))
        suggest = _timed(con, "unit_suggestions", sql_text("marts/unit_suggestions"))
        statuses = dict(
            con.execute(
                "select match_status, count(*) from unit_matches group by all order by 1"
            ).fetchall()
        )
        wanting, suggested, right_first = con.execute(
            sql_text("bench/unit_suggestion_hits")
        ).fetchall()[0]
    finally:
        con.close()
    result = MatchBench(
        registrations, units, join[0], match[0], suggest[0], join[1], match[1], suggest[1],
        wanting, suggested, right_first, statuses,
    )  # fmt: skip
    logger.info("Unit matching benchmark: %s", "; ".join(result.lines()))
    return result


def _timed(con: duckdb.DuckDBPyConnection, table: str, query: str) -> tuple[float, float]:
    """Wall and CPU seconds to materialise `query` as `table`."""
    started, started_cpu = time.perf_counter(), time.process_time()
    con.execute(f"create or replace table {table} as {query}")
    return (
        round(time.perf_counter() - started, 3),
        round(time.process_time() - started_cpu, 3),
    )


def _build_tables(con: duckdb.DuckDBPyConnection, registrations: int, units: int, seed: int):
    # the master, plus a tenth as many units it has never seen, made in Python for their codes
    rng = random.Random(seed)
    known = _units_frame(rng, units)
    unseen = _units_frame(rng, max(units // 10, 1))
    prepare_unit_tables(con)
    con.register("known_units", known)
    con.register("unseen_units", unseen)
    con.execute(
        "insert into unit_master (credit_code, name, former_names) "
        "select credit_code, name, [] from known_units"
    )
    con.execute(
        "create table bench_known as select row_number() over () - 1 as n, * from known_units"
    )
    con.execute(
        "create table bench_unseen as select row_number() over () - 1 as n, * from unseen_units"
    )
    con.unregister("known_units")
    con.unregister("unseen_units")

    # the registrations and the credit-code error findings, made in DuckDB without a row loop
    con.execute(sql_text("bench/unit_registrations"), {"rows": registrations, "seed": seed % 97})
    con.execute(
        "create table findings as select source_file, source_row, 'credit_code' as field, "
        "'error' as severity, credit_code as value from stg_registrations where is_bad_code"
    )
    logger.info("Built %d bench registrations against %d master units.", registrations, units)


def _units_frame(rng: random.Random, count: int) -> pd.DataFrame:
    codes, names = [], []
    for index in range(count):
        codes.append(unified_credit_code(rng, rng.choice(PREFIXES), rng.choice(PLACES)))
        stem = "".join(rng.choice(NAME_CHARS) for _ in range(4))
        names.append(f"{stem}{index % 997}{SUFFIXES[index % len(SUFFIXES)]}")
    return pd.DataFrame({"credit_code": codes, "name": names}, dtype="str")


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    registrations = int(argv[0]) if argv else 1_000_000
    units = int(argv[1]) if len(argv) > 1 else 300_000
    for line in run_benchmark(registrations, units).lines():
        sys.stdout.write(line + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
