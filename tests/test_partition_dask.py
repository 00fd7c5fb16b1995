"""The partitioned night through Prefect on a local Dask cluster (two worker processes).

The one test that starts a cluster: Prefect's local server and two workers that each import
the pipeline cost about a minute on two busy cores.
"""

from pipelines.ops.night import PartitionedNight, run_partitioned_night
from pipelines.ops.split import partition_key
from tests.test_partition_night import COLLEGES, night_options


def test_partitions_run_on_dask_workers_and_add_up(tmp_path):
    options = night_options(tmp_path)

    summary = run_partitioned_night(PartitionedNight(options, partition_key("学院"), workers=2))

    figures = {p["partition"]: p for p in summary["partitions"]}
    assert list(figures) == COLLEGES
    assert [p["status"] for p in figures.values()] == ["ok", "ok", "ok"]
    assert {name: p["rows_in"] for name, p in figures.items()} == {
        "外语学院": 2,
        "机械工程学院": 3,
        "管理学院": 3,
    }
    assert summary["totals"]["rows_in"] == 8
    assert summary["totals"]["count_graduates"] == 10
    assert all(p["peak_mb"] > 0 and p["disk_mb"] >= 0 for p in figures.values())
    assert (options.out_dir / "外语学院" / "run_summary.json").is_file()
