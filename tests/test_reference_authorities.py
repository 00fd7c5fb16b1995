"""The office's own authorities file overrides the shipped placeholder rows by region code."""

import datetime as dt

import pandas as pd
import pytest

from pipelines.context import RunInputs
from pipelines.errors import MissingColumnError, QuxiangInputError
from pipelines.reference.authorities import read_authorities
from pipelines.run import RunOptions, execute
from tests.conftest import PIPELINE

OFFICE = PIPELINE.parent / "reference" / "office_authorities.csv"


def test_a_student_from_the_office_region_is_mailed_to_the_office_body(tmp_path):
    options = RunOptions(
        inputs=RunInputs((PIPELINE / "export.csv",), None, None, None, OFFICE),
        out_dir=tmp_path / "out", db_path=tmp_path / "q.duckdb", run_date=dt.date(2025, 8, 31),
    )
    summary = execute(options, use_prefect=False)
    mailing = pd.read_csv(tmp_path / "out" / "dispatch" / "档案寄送清单.csv",
                          encoding="utf-8-sig", dtype=str)

    # S005 (待就业) and S004 (private employer) come from 福建省福州市永泰县 (3501..)
    s005 = mailing[mailing["学号"] == "S005"].iloc[0]
    assert (s005["收件单位"], s005["邮编"]) == ("福州市示例人才服务中心", "350001")
    assert summary["authorities_from_office"] == 1


def test_missing_region_code_column_is_a_sentence(tmp_path):
    bad = tmp_path / "主管单位.csv"
    bad.write_text("地区,单位名称\n35,某单位\n", encoding="utf-8")

    with pytest.raises(MissingColumnError) as caught:
        read_authorities(bad)

    assert caught.value.sentence() == (
        f"文件 {bad}：缺少列 region_code、org_name。请使用与 reference_data/authorities.csv "
        "相同的表头（region_code, org_name, address …）"
    )


def test_a_region_code_that_is_not_a_code_names_its_row(tmp_path):
    bad = tmp_path / "主管单位.csv"
    bad.write_text("region_code,org_name\n35,甲\n福建,乙\n", encoding="utf-8")

    with pytest.raises(QuxiangInputError, match="第 3 行 region_code 为“福建”"):
        read_authorities(bad)
