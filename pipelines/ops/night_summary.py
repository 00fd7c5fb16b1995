"""The partitioned night's combined summary, and the Chinese lines the office reads.

Pure functions over the partitions' figures: `run_partition_night` returns one dict per
partition that succeeded, the runner one with `status = "failed"` for each that did not.
"""

from collections import Counter

from pipelines.ingest.reconcile import change_line

OK = "ok"
FAILED = "failed"

# counts that add up over partitions
SUMMED = (
    "rows_in",
    "rows_loaded",
    "rows_quarantined",
    "count_graduates",
    "count_placed",
    "errors",
    "warnings",
    "dispatch_mailable",
    "dispatch_held",
)
# counts by label that add up over partitions, label by label, as in a single run's summary
SUMMED_BY_LABEL = ("registration_changes", "findings_changes", "findings_by_rule")

# what a partition cannot see: the rules that compare students of different partitions
UNSEEN_ACROSS = (
    "按分区运行时，跨分区的核对没有做：同一辅导员带多个学院、同一协议书编号或同一佐证文件"
    "出现在不同分区的学生身上，只在各分区内部检查；需要这些核对时请不分区运行一次。"
)


def partition_figures(name: str, summary: dict, measured: dict) -> dict:
    """What the combined summary keeps of one partition's own run_summary.json.

    >>> figures = partition_figures(
    ...     "管理学院",
    ...     {"rows_in": 3, "rows_loaded": 3, "rows_quarantined": 0, "count_graduates": 4,
    ...      "count_placed": 2, "placement_rate": 0.5,
    ...      "findings_by_severity": {"error": 1}},
    ...     {"seconds": 1.5},
    ... )
    >>> figures["errors"], figures["warnings"], figures["status"], figures["seconds"]
    (1, 0, 'ok', 1.5)
    """
    severity = summary.get("findings_by_severity", {})
    return {
        "partition": name,
        "status": OK,
        "rows_in": summary.get("rows_in", 0),
        "rows_loaded": summary.get("rows_loaded", 0),
        "rows_quarantined": summary.get("rows_quarantined", 0),
        "count_graduates": summary.get("count_graduates", 0),
        "count_placed": summary.get("count_placed", 0),
        "placement_rate": summary.get("placement_rate"),
        "errors": severity.get("error", 0),
        "warnings": severity.get("warning", 0),
        "dispatch_mailable": summary.get("dispatch_mailable", 0),
        "dispatch_held": summary.get("dispatch_held", 0),
        "previous_run_date": summary.get("previous_run_date"),
        **{key: summary.get(key, {}) for key in SUMMED_BY_LABEL},
        "stage_seconds": summary.get("stage_seconds", {}),
        **measured,
    }


def failed_figures(name: str, error: str, log: str) -> dict:
    return {"partition": name, "status": FAILED, "error": error, "log": log}


def error_text(exc: BaseException) -> str:
    """What a failed partition's line says: an input error's own sentence, else the error.

    >>> from pipelines.errors import EmptyFileError
    >>> error_text(EmptyFileError("a.csv", "文件是空的", "请重新导出")), error_text(KeyError("x"))
    ('文件 a.csv：文件是空的。请重新导出', "KeyError: 'x'")
    """
    sentence = getattr(exc, "sentence", None)
    return sentence() if callable(sentence) else f"{exc.__class__.__name__}: {exc}"


def totals(partitions: list[dict]) -> dict:
    """The whole night over the partitions that succeeded; 落实率 from the summed counts.

    >>> totals([
    ...     {"status": "ok", "count_graduates": 3, "count_placed": 1, "rows_in": 3},
    ...     {"status": "ok", "count_graduates": 1, "count_placed": 1, "rows_in": 2},
    ...     {"status": "failed"},
    ... ])["placement_rate"]
    0.5
    """
    done = [p for p in partitions if p["status"] == OK]
    summed = {key: sum(p.get(key, 0) for p in done) for key in SUMMED}
    graduates = summed["count_graduates"]
    summed["placement_rate"] = summed["count_placed"] / graduates if graduates else None
    for key in SUMMED_BY_LABEL:
        summed[key] = _summed_by_label(p.get(key, {}) for p in done)
    # partitions compare with their own last run; the line names the latest of those dates
    dates = [p["previous_run_date"] for p in done if p.get("previous_run_date")]
    summed["previous_run_date"] = max(dates) if dates else None
    summed["count_partitions"] = len(partitions)
    summed["count_failed"] = len(partitions) - len(done)
    # rows the split gave to partitions that failed: not in any count above
    summed["rows_not_counted"] = sum(
        p.get("rows_split", 0) for p in partitions if p["status"] != OK
    )
    return summed


def partition_line(figures: dict) -> str:
    """One line per partition: rows, 落实率, errors, seconds; or what failed and its log.

    >>> partition_line({"partition": "外语学院", "status": "failed",
    ...                 "error": "ValueError: x", "log": "out/2025-08-31/外语学院.failed.log"})
    '分区 外语学院：运行失败（ValueError: x），日志 out/2025-08-31/外语学院.failed.log'
    """
    name = figures["partition"]
    if figures["status"] == FAILED:
        return f"分区 {name}：运行失败（{figures['error']}），日志 {figures['log']}"
    return (
        f"分区 {name}：读入 {figures['rows_in']} 行（入库 {figures['rows_loaded']}，"
        f"隔离 {figures['rows_quarantined']}），落实率 {_rate(figures['placement_rate'])}，"
        f"错误 {figures['errors']} 条，用时 {figures.get('seconds', 0):.1f} 秒，完成"
    )


def total_line(total: dict) -> str:
    r"""The whole night in one line.

    >>> line = total_line({
    ...     "count_partitions": 4, "count_failed": 1, "rows_in": 9, "rows_loaded": 8,
    ...     "rows_quarantined": 1, "placement_rate": 0.25, "count_graduates": 8,
    ...     "errors": 3, "warnings": 2, "dispatch_mailable": 1, "dispatch_held": 2})
    >>> print(line.replace("：", "：\n").replace("，错误", "，\n错误"))
    合计 4 个分区（完成 3，失败 1）：
    读入 9 行（入库 8，隔离 1），落实率 25.00%（8 人），
    错误 3 条，提醒 2 条；档案可寄 1 份，暂不能寄送 2 份
    """
    done = total["count_partitions"] - total["count_failed"]
    return (
        f"合计 {total['count_partitions']} 个分区（完成 {done}，失败 {total['count_failed']}）："
        f"读入 {total['rows_in']} 行（入库 {total['rows_loaded']}，"
        f"隔离 {total['rows_quarantined']}），落实率 {_rate(total['placement_rate'])}"
        f"（{total['count_graduates']} 人），错误 {total['errors']} 条，"
        f"提醒 {total['warnings']} 条；档案可寄 {total['dispatch_mailable']} 份，"
        f"暂不能寄送 {total['dispatch_held']} 份"
        + (
            f"（失败分区的 {total['rows_not_counted']} 行未计入）"
            if total.get("rows_not_counted")
            else ""
        )
    )


def night_lines(total: dict, rows_rerouted: int) -> list[str]:
    r"""The night's line, its changes since the last run, and what partitions do not check.

    >>> lines = night_lines({
    ...     "count_partitions": 2, "count_failed": 0, "rows_in": 3, "rows_loaded": 3,
    ...     "rows_quarantined": 0, "placement_rate": 0.5, "count_graduates": 4,
    ...     "errors": 1, "warnings": 0, "dispatch_mailable": 1, "dispatch_held": 0,
    ...     "previous_run_date": "2025-08-30", "registration_changes": {"新登记": 2},
    ...     "findings_changes": {"已修复": 1}}, 1)
    >>> print(*lines[1].split("；"), lines[2], sep="\n")
    与上次运行（2025-08-30）相比：新登记 2 人，有变更 0 人，审核状态变更 0 人
    问题新增 0 条，已修复 1 条，仍未修复 0 条。
    同一学号的 1 行跟随该学号的第一行，归入了另一个分区（不是本行所填的分区）。
    """
    lines = [total_line(total), change_line(total)]
    if rows_rerouted:
        lines.append(
            f"同一学号的 {rows_rerouted} 行跟随该学号的第一行，归入了另一个分区"
            "（不是本行所填的分区）。"
        )
    return [*lines, UNSEEN_ACROSS]


def _summed_by_label(counts) -> dict[str, int]:
    """Counts by label added up, a label counted zero times kept (unlike `Counter` sums).

    >>> _summed_by_label([{"新增": 0, "已修复": 2}, {"已修复": 1}])
    {'已修复': 3, '新增': 0}
    """
    summed: Counter = Counter()
    for each in counts:
        summed.update(each)
    return dict(sorted(summed.items()))


def _rate(rate: float | None) -> str:
    return "无法计算" if rate is None else f"{rate:.2%}"
