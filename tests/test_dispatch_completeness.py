"""Which dispatch rows are held back, and the exact reason a counsellor reads."""

import csv
from pathlib import Path

import duckdb
import pytest

from pipelines.dispatch.channel import channel, prefix_provinces
from pipelines.dispatch.completeness import hold_reason
from pipelines.dispatch.routing import check_routing
from pipelines.errors import ConfigError
from pipelines.reference.load import REFERENCE_DIR

CASES_FILE = Path(__file__).parent / "data" / "dispatch" / "completeness_cases.csv"
PROVINCE_NAMES = {"31": "上海市", "35": "福建省"}


def load_cases() -> list:
    with CASES_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        pytest.param({key: value or None for key, value in row.items()}, id=row["title"])
        for row in rows
    ]


@pytest.fixture(scope="module")
def prefixes() -> dict:
    with (REFERENCE_DIR / "postcode_prefixes.csv").open(encoding="utf-8", newline="") as handle:
        known = [
            (row["province_code"], row["postcode_prefix"])
            for row in csv.DictReader(handle)
            if row["status"] == "known"
        ]
    return prefix_provinces(known)


@pytest.mark.parametrize("case", load_cases())
def test_hold_reason(case, prefixes):
    row = case | {"receiving_province_name": PROVINCE_NAMES.get(case["receiving_province_code"])}

    assert hold_reason(row, prefixes) == case["expected"]


@pytest.mark.parametrize(
    ("receiving_province", "postcode", "authority_channel", "expected"),
    [
        pytest.param("31", "201203", None, "EMS", id="inside the school's province"),
        pytest.param("35", "350700", None, "机要", id="outside the school's province"),
        pytest.param(None, "200093", None, "EMS", id="postcode stands in for the province"),
        pytest.param(None, None, None, "机要", id="nothing known goes by 机要"),
        pytest.param("11", "100080", "EMS", "EMS", id="the body takes EMS only"),
    ],
)
def test_channel(receiving_province, postcode, authority_channel, expected, prefixes):
    assert channel(receiving_province, postcode, prefixes, "31", authority_channel) == expected


def test_a_typo_in_the_routing_table_stops_the_run_naming_the_row():
    con = duckdb.connect()
    con.execute(
        "create table ref_dispatch_routing as select * from (values "
        "('10', '是', '学生填写', '档案单位'), ('90', null, '其他去向', '生源地')) "
        "as rules(priority, has_archive_unit, route, send_to)"
    )

    with pytest.raises(ConfigError) as raised:
        check_routing(con)

    assert raised.value.sentence() == (
        f"文件 {REFERENCE_DIR / 'dispatch_routing.csv'}：第 3 行的 send_to “生源地” 应为 "
        "档案单位、单位、单位所在地主管部门、生源地主管部门 之一。请改正后重新运行"
    )
