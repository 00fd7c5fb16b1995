"""The benchmark's synthetic export, its partitioning, and the table it prints."""

import pandas as pd

from pipelines.checks import credit_code, resident_id
from pipelines.context import RunInputs
from pipelines.ingest.provenance import PROVENANCE
from pipelines.ops.bench import BenchResult
from pipelines.ops.bench_data import MISTAKE_RATES, bench_frame, write_bench_export
from pipelines.ops.partition import PartitionedResult
from pipelines.ops.split import partition_key, split_inputs
from pipelines.sample.registrations import HEADERS


def test_synthetic_rows_are_unique_students_with_valid_identifiers():
    frame = bench_frame(20_000, seed=7)
    students = frame[frame["学号"] != ""]

    assert list(frame.columns) == list(HEADERS)
    # the planted exact repeats are the only repeated student numbers
    assert students["学号"].duplicated().sum() == len(frame) - 20_000 - 0
    ids = frame["身份证号"]
    valid_ids = (ids.str[:17].map(resident_id.calc_check_digit) == ids.str[-1]).mean()
    codes = frame.loc[frame["社会信用代码"] != "", "社会信用代码"]
    valid_codes = (codes.str[:17].map(credit_code.calc_check_digit) == codes.str[-1]).mean()

    assert 0.99 < valid_ids < 1.0
    assert 0.98 < valid_codes < 1.0
    assert (frame["学号"] == "").mean() < MISTAKE_RATES["empty_student_id"] * 2


def test_id_numbers_match_the_origin_county_and_gender():
    frame = bench_frame(2_000, seed=3)
    pudong = frame[frame["生源地"] == "上海市浦东新区"]

    assert pudong["身份证号"].str[:6].eq("310115").all()
    odd = pudong["身份证号"].str[16].astype(int) % 2 == 1
    assert (odd == (pudong["性别"] == "男")).all()


def test_split_keeps_every_row_and_the_partition_column(tmp_path):
    export = write_bench_export(tmp_path / "bench.csv", 3_000, seed=5)
    rows = pd.read_csv(export, dtype=str, keep_default_na=False)

    split = split_inputs(RunInputs((export,)), partition_key("学院"), tmp_path / "parts")

    colleges = rows.loc[rows["学号"] != "", "学院"].value_counts().to_dict()
    assert sorted(split.partitions) == sorted(colleges)
    assert dict(split.rows) == rows["学院"].value_counts().to_dict()
    management = split.partitions["管理学院"].exports
    assert [path.name for path in management] == ["bench.csv"]
    first = pd.read_csv(management[0], dtype=str, keep_default_na=False)
    # the split's reserved first column names each row's line in the export
    assert list(first.columns) == [PROVENANCE, *rows.columns]
    line = rows.index[rows["学院"] == "管理学院"][0] + 2
    assert first[PROVENANCE].iloc[0] == f'["bench.csv","",{line}]'
    copied = first.drop(columns=PROVENANCE)
    assert copied.equals(rows[rows["学院"] == "管理学院"].reset_index(drop=True))


def test_the_last_line_is_the_ratio():
    result = BenchResult(
        rows=100_000,
        export_mb=45.6,
        generate_seconds=2.9,
        scan_seconds=1.25,
        pipeline_seconds=30.0,
        peak_mb=944,
        pipeline_cpu_seconds=28.4,
        stage_seconds={"ingest": 10.0, "report": 20.0},
    )

    assert result.lines()[-1] == "ratio 24.0 (pipeline 30.0s / scan 1.25s)"
    assert result.lines()[2] == "ingest           10.00"


def test_the_partitioned_table_has_each_partition_and_ends_with_the_ratio():
    result = PartitionedResult(
        rows=50_000,
        export_mb=22.8,
        generate_seconds=1.5,
        scan_seconds=0.5,
        pipeline_seconds=60.0,
        peak_mb=2100,
        pipeline_cpu_seconds=80.0,
        workers=2,
        column="学院",
        split_seconds=4.25,
        partitions=[
            {
                "partition": "管理学院",
                "rows_in": 12_500,
                "seconds": 20.04,
                "cpu_seconds": 18.5,
                "peak_mb": 640,
                "disk_mb": 31,
            },
        ],
    )

    lines = result.lines()

    assert lines[1] == "partitions by 学院: 1, Dask workers 2, split 4.2 s"
    assert lines[3] == "管理学院                 12500      20.0      18.5       640        31"
    assert lines[-1] == "ratio 120.0 (pipeline 60.0s / scan 0.50s)"
