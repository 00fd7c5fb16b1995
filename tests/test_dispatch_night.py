"""Archive dispatch over two nights: routing, holds, batches, mark-sent and changes after sending.

The exports in tests/data/dispatch/ are 16 synthetic students; the authorities they route to are
synthetic too (tests/data/dispatch/reference/authorities.csv replaces the real, unverified table).
"""

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from pipelines.context import RunContext, RunInputs
from pipelines.dispatch.stage import build_dispatch
from pipelines.ingest.stage import ingest
from pipelines.normalise.stage import normalise
from pipelines.reference.load import load_reference_tables
from pipelines.warehouse import connect

DISPATCH = Path(__file__).parent / "data" / "dispatch"
NIGHT_1 = dt.date(2025, 7, 1)
NIGHT_2 = dt.date(2025, 7, 2)
NIGHT_3 = dt.date(2025, 7, 3)


def dispatch_night(
    db: Path, export: Path, work_dir: Path, run_date: dt.date, routing: Path | None = None
) -> dict:
    """Ingest, normalise and dispatch one export against the synthetic authorities.

    `routing` is a folder whose dispatch_routing.csv replaces the office's routing table.
    """
    con = connect(db)
    try:
        load_reference_tables(con)
        load_reference_tables(con, DISPATCH / "reference")
        if routing:
            load_reference_tables(con, routing)
        con.execute(
            "create or replace table run_settings as "
            "select ?::date as run_date, '2024' as formula_version, '31' as school_province",
            [run_date],
        )
        ctx = RunContext(RunInputs((export,)), con, work_dir, run_date)
        ingest(ctx)
        normalise(ctx)
        return build_dispatch(ctx)
    finally:
        con.close()


def read_sheet(work_dir: Path, sheet: str) -> pd.DataFrame:
    return pd.read_excel(
        work_dir / "dispatch" / "档案寄送清单.xlsx", sheet_name=sheet, dtype=str, engine="calamine"
    )


@pytest.fixture(scope="module")
def night_1(tmp_path_factory) -> tuple[Path, Path, dict]:
    tmp = tmp_path_factory.mktemp("dispatch")
    work_dir = tmp / "night1"
    summary = dispatch_night(tmp / "warehouse.duckdb", DISPATCH / "night1.csv", work_dir, NIGHT_1)
    return tmp, work_dir, summary


def test_mailing_list_names_each_body_postcode_and_channel(night_1):
    _, work_dir, _ = night_1
    mailing = pd.read_csv(
        work_dir / "dispatch" / "档案寄送清单.csv", encoding="utf-8-sig", dtype=str
    ).fillna("")

    listed = mailing[["学号", "收件单位", "邮编", "寄送方式", "接收依据", "批次号"]]
    assert listed.values.tolist() == [
        ["D04", "上海丁测试有限公司", "200120", "EMS", "定向单位", "20250701-01"],
        ["D01", "上海甲测试科技有限公司", "201203", "EMS", "学生填写", "20250701-01"],
        ["D11", "北京测试人才服务中心", "100080", "EMS", "其他去向", "20250701-01"],
        ["D05", "示例测试大学", "200093", "EMS", "录取学校", "20250701-01"],
        ["D06", "示例测试大学", "200093", "EMS", "录取学校", "20250701-01"],
        ["D08", "永泰测试人才服务中心", "350700", "机要", "非公单位", "20250701-01"],
        ["D02", "福州测试人才服务中心", "350004", "机要", "学生填写", "20250701-01"],
    ]
    sources = dict(zip(mailing["学号"], mailing["邮编来源"], strict=True))
    assert sources["D01"] == "单位邮编（档案单位即签约单位）"
    assert sources["D02"] == "主管单位表"
    assert mailing.loc[mailing["学号"] == "D05", "转递编号"].tolist() == ["ZD2025000005"]
    assert list(mailing.columns[:14]) == [
        "学号", "姓名", "学院", "专业", "学历", "毕业去向", "收件单位", "地址", "邮编",
        "收件人", "电话", "寄送方式", "转递编号", "批次号",
    ]  # fmt: skip


def test_held_rows_carry_the_reason_per_counsellor(night_1):
    _, work_dir, _ = night_1
    held = read_sheet(work_dir, "暂不能寄送")

    assert held[["学院", "辅导员", "学号"]].values.tolist() == [
        ["机械工程学院", "周老师", "D03"],
        ["机械工程学院", "周老师", "D07"],
        ["管理学院", "冯老师", "D09"],
        ["管理学院", "冯老师", "D10"],
        ["管理学院", "冯老师", "D12"],
        ["管理学院", "冯老师", "D13"],
        ["管理学院", "冯老师", "D14"],
    ]
    assert dict(zip(held["学号"], held["暂不能寄送的原因"], strict=True)) == {
        "D03": "无法确定6位邮编（登记表没有档案单位邮编，档案单位既不是签约单位，"
        "也不在主管单位表中），请核对该单位的邮编，"
        "把单位全称、地址和邮编补充到 reference_data/authorities.csv 后重新运行",
        "D07": "档案接收单位电话“12345”格式不对，应为11位手机号或“区号-号码”",
        "D09": "生源地主管单位（江西测试就业主管部门）的地址、邮编尚未登记，"
        "请在 reference_data/authorities.csv 中补充后重新运行",
        "D10": "无法确定档案接收单位（生源地主管部门未登记），"
        "请在 reference_data/authorities.csv 中补充，或由学生填写档案单位",
        "D12": "档案收件人不能是学生本人（档案不能由学生自带），请填写接收单位的经办人或部门",
        "D13": "档案接收地址“福建省福州市”不完整，需写到区县、街道和门牌号",
        "D14": "邮编 100080 与收件地址所在省份（上海市）不一致，请核对邮编或地址",
    }


def test_envelope_labels_put_one_body_in_one_envelope(night_1):
    _, work_dir, _ = night_1
    labels = read_sheet(work_dir, "信封标签")

    school = labels[labels["收件单位"] == "示例测试大学"]
    assert school[["份数", "学号", "姓名", "收件人"]].values.tolist() == [
        ["2", "D05、D06", "戊测五、己测六", "研究生院招生办"]
    ]
    assert len(labels) == 6


def test_the_office_can_route_private_units_to_their_region(tmp_path):
    dispatch_night(
        tmp_path / "warehouse.duckdb",
        DISPATCH / "night1.csv",
        tmp_path / "night",
        NIGHT_1,
        routing=DISPATCH / "unit_region",
    )
    mailing = read_sheet(tmp_path / "night", "寄送清单")

    # D08 signed with a private company in Shanghai; with the edited rule the file goes to
    # Shanghai's 人才服务机构 instead of the 生源地 body in Fujian
    d08 = mailing[mailing["学号"] == "D08"]
    assert d08[["收件单位", "邮编", "寄送方式", "接收依据"]].values.tolist() == [
        ["上海测试人才服务中心", "200001", "EMS", "非公单位"]
    ]


def test_summary_counts_postgraduates_and_unapproved_apart(night_1):
    _, _, summary = night_1

    assert {key: summary[key] for key in summary if key != "dispatch_batch_id"} == {
        "dispatch_mailable": 7,
        "dispatch_envelopes": 6,
        "dispatch_held": 7,
        "dispatch_already_sent": 0,
        "dispatch_changed_after_sent": 0,
        "dispatch_excluded_postgraduates": 1,
        "dispatch_not_yet_approved": 1,
    }
    assert summary["dispatch_batch_id"] == "20250701-01"


def mark_sent(db: Path, *args: str):
    from typer.testing import CliRunner

    from pipelines.cli import app

    return CliRunner().invoke(app, ["dispatch", "mark-sent", "--db", str(db), *args])


@pytest.fixture(scope="module")
def two_nights(tmp_path_factory) -> dict:
    """Night 1, two mark-sent calls, night 1 run again, then night 2 (D05 changed school)."""
    tmp = tmp_path_factory.mktemp("two_nights")
    db = tmp / "warehouse.duckdb"
    dispatch_night(db, DISPATCH / "night1.csv", tmp / "night1", NIGHT_1)
    by_student = mark_sent(
        db, "--batch", "20250701-01", "--tracking", str(DISPATCH / "tracking_students.csv"),
        "--date", "2025-07-01",
    )  # fmt: skip
    by_envelope = mark_sent(
        db, "--batch", "20250701-01", "--tracking", str(DISPATCH / "tracking_envelopes.csv"),
        "--date", "2025-07-01",
    )  # fmt: skip
    rerun = dispatch_night(db, DISPATCH / "night1.csv", tmp / "rerun", NIGHT_1)
    night_2 = dispatch_night(db, DISPATCH / "night2.csv", tmp / "night2", NIGHT_2)
    return {
        "tmp": tmp,
        "db": db,
        "by_student": by_student,
        "by_envelope": by_envelope,
        "rerun": rerun,
        "night_2": night_2,
    }


def test_mark_sent_reports_what_it_recorded(two_nights):
    assert (two_nights["by_student"].exit_code, two_nights["by_student"].output) == (
        0,
        "批次 20250701-01：登记寄出 3 份（寄出日期 2025-07-01，其中 3 份有运单号）。\n"
        "本批次还有 4 份没有登记寄出，下次运行仍会列在寄送清单中。\n",
    )
    # one envelope number covers both files to 示例测试大学
    assert two_nights["by_envelope"].output == (
        "批次 20250701-01：登记寄出 3 份（寄出日期 2025-07-01，其中 3 份有运单号）。\n"
        "本批次还有 1 份没有登记寄出，下次运行仍会列在寄送清单中。\n"
    )


def test_sent_files_keep_their_tracking_numbers(two_nights):
    import duckdb

    con = duckdb.connect(str(two_nights["db"]), read_only=True)
    sent = con.execute(
        "select student_id, tracking_no, receiver from dispatch_sent order by student_id"
    ).fetchall()
    con.close()

    assert sent == [
        ("D01", "1150000000101", "上海甲测试科技有限公司"),
        ("D04", "1150000000104", "上海丁测试有限公司"),
        ("D05", "KJ0000000005", "示例测试大学"),
        ("D06", "KJ0000000005", "示例测试大学"),
        ("D08", "KJ0000000008", "永泰测试人才服务中心"),
        ("D11", "1150000000111", "北京测试人才服务中心"),
    ]


def test_rerun_after_mark_sent_lists_none_of_the_sent(two_nights):
    mailing = read_sheet(two_nights["tmp"] / "rerun", "寄送清单")

    assert mailing[["学号", "批次号"]].values.tolist() == [["D02", "20250701-02"]]
    assert two_nights["rerun"]["dispatch_already_sent"] == 6
    assert two_nights["rerun"]["dispatch_changed_after_sent"] == 0


def test_next_night_lists_what_is_still_to_send(two_nights):
    mailing = read_sheet(two_nights["tmp"] / "night2", "寄送清单")

    # D07's unit phone was corrected; D02 was never marked sent
    assert mailing[["学号", "收件单位", "批次号"]].values.tolist() == [
        ["D07", "上海戊测试集团有限公司", "20250702-01"],
        ["D02", "福州测试人才服务中心", "20250702-01"],
    ]


def test_a_destination_changed_after_sending_is_flagged(two_nights):
    changes = read_sheet(two_nights["tmp"] / "night2", "寄出后登记有变更")

    assert changes[["学号", "辅导员", "批次号", "运单号", "原收件单位"]].values.tolist() == [
        ["D05", "冯老师", "20250701-01", "KJ0000000005", "示例测试大学"]
    ]
    assert changes["寄出后的变更"].tolist() == [
        "收件单位：示例测试大学 → 另一测试大学；"
        "地址：上海市杨浦区测试路100号 → 上海市闵行区测试路200号；"
        "电话：021-65000001 → 021-34000001"
    ]
    assert two_nights["night_2"]["dispatch_changed_after_sent"] == 1


def test_batches_lists_each_batch_with_its_counts(two_nights):
    from typer.testing import CliRunner

    from pipelines.cli import app

    result = CliRunner().invoke(app, ["dispatch", "batches", "--db", str(two_nights["db"])])

    assert result.output.splitlines() == [
        "批次号\t日期\t份数\t已寄出\t有运单号",
        "20250701-01\t2025-07-01\t7\t6\t6",
        "20250701-02\t2025-07-01\t1\t0\t0",
        "20250702-01\t2025-07-02\t2\t0\t0",
    ]


def test_mark_sent_refuses_a_tracking_file_that_does_not_fit(two_nights):
    result = mark_sent(
        two_nights["db"], "--batch", "20250702-01",
        "--tracking", str(DISPATCH / "tracking_wrong.csv"),
    )  # fmt: skip

    assert result.exit_code == 2
    assert result.output == (
        f"文件 {DISPATCH / 'tracking_wrong.csv'}：第 2 行的学号 D01 不在批次 20250702-01 中；"
        "第 3 行的学号 D99 不在批次 20250702-01 中；第 4 行没有运单号。"
        "请改正运单号文件后重新登记，本次没有登记任何寄出\n"
    )


def test_mark_sent_names_an_unknown_batch(two_nights):
    result = mark_sent(two_nights["db"], "--batch", "20250799-01")

    assert result.exit_code == 2
    assert result.output == (
        f"文件 {two_nights['db']}：数据仓库中没有批次 20250799-01"
        "（已有批次：20250701-01、20250701-02、20250702-01）。"
        "请用 quxiang dispatch batches 查看批次号后重试\n"
    )


def test_mark_sent_without_a_warehouse_says_to_run_first(tmp_path):
    result = mark_sent(tmp_path / "none.duckdb", "--batch", "20250701-01")

    assert result.exit_code == 2
    assert result.output == (
        f"数据仓库 {tmp_path / 'none.duckdb'} 不存在。"
        "请先运行 quxiang run，或用 --db 指定数据仓库文件。\n"
    )


def dispatch_command(db: Path, *args: str):
    from typer.testing import CliRunner

    from pipelines.cli import app

    return CliRunner().invoke(app, ["dispatch", *args, "--db", str(db)])


def test_a_forwarded_file_is_no_longer_flagged(tmp_path):
    db = tmp_path / "warehouse.duckdb"
    dispatch_night(db, DISPATCH / "night1.csv", tmp_path / "night1", NIGHT_1)
    dispatch_command(db, "mark-sent", "--batch", "20250701-01", "--date", "2025-07-01")
    flagged = dispatch_night(db, DISPATCH / "night2.csv", tmp_path / "night2", NIGHT_2)

    not_sent = dispatch_command(db, "forwarded", "--student", "D07")
    forwarded = dispatch_command(
        db, "forwarded", "--student", "D05", "--tracking-no", "KJ0000000055", "--date", "2025-07-02"
    )
    night_3 = dispatch_night(db, DISPATCH / "night2.csv", tmp_path / "night3", NIGHT_3)

    assert flagged["dispatch_changed_after_sent"] == 1
    assert (not_sent.exit_code, not_sent.output) == (
        2,
        f"文件 {db}：学号 D07 的档案还没有登记寄出。"
        "寄出后请用 quxiang dispatch mark-sent 登记；转递只用于已寄出、登记又有变更的档案\n",
    )
    assert (forwarded.exit_code, forwarded.output) == (
        0,
        "已登记学号 D05 的档案于 2025-07-02 转递至 另一测试大学。\n",
    )
    assert night_3["dispatch_changed_after_sent"] == 0
    assert read_sheet(tmp_path / "night3", "寄出后登记有变更").empty


def test_one_student_with_two_tracking_numbers_is_refused():
    from pipelines.dispatch.marking import files_to_mark

    files = pd.DataFrame(
        {"student_id": ["D05", "D06"], "receiver": ["示例测试大学"] * 2, "is_sent": [False] * 2}
    )
    tracking = pd.DataFrame(
        {
            "row_number": [2, 3],
            "student_id": [None, "D05"],
            "receiver": ["示例测试大学", None],
            "tracking_no": ["KJ0000000005", "KJ0000000099"],
        }
    )

    _, problems = files_to_mark(files, tracking, "20250701-01")

    assert problems == ["学号 D05 在第 2、3 行重复出现"]
