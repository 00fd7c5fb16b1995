"""Check the office's routing table before any file is routed by it.

reference_data/dispatch_routing.csv is edited by hand; a typo in `send_to` would silently send
every matching file nowhere, so the run stops with a sentence that names the row instead.
"""

import duckdb

from pipelines.errors import ConfigError
from pipelines.reference.load import REFERENCE_DIR

SEND_TO = ("档案单位", "单位", "单位所在地主管部门", "生源地主管部门")
ARCHIVE_FLAGS = ("是", "否")


def check_routing(con: duckdb.DuckDBPyConnection) -> int:
    """Raise ConfigError for the first unusable rule; returns the number of rules."""
    rules = con.execute(
        "select priority, has_archive_unit, route, send_to from ref_dispatch_routing"
    ).fetchall()
    for line, (priority, has_archive_unit, route, send_to) in enumerate(rules, start=2):
        problem = rule_problem(priority, has_archive_unit, route, send_to)
        if problem:
            raise ConfigError(
                REFERENCE_DIR / "dispatch_routing.csv",
                f"第 {line} 行{problem}",
                "请改正后重新运行",
            )
    return len(rules)


def rule_problem(
    priority: str | None, has_archive_unit: str | None, route: str | None, send_to: str | None
) -> str | None:
    """What is wrong with one rule, or None.

    >>> rule_problem("10", "是", "学生填写", "档案单位") is None
    True
    >>> rule_problem("x", None, "其他", "单位")
    '的 priority “x” 应为整数'
    >>> rule_problem("90", None, "其他", "生源地")
    '的 send_to “生源地” 应为 档案单位、单位、单位所在地主管部门、生源地主管部门 之一'
    """
    if not (priority or "").strip().isdigit():
        return f"的 priority “{priority or ''}” 应为整数"
    if has_archive_unit is not None and has_archive_unit not in ARCHIVE_FLAGS:
        return f"的 has_archive_unit “{has_archive_unit}” 应为 是、否 或留空"
    if not (route or "").strip():
        return "的 route（接收依据）为空"
    if send_to not in SEND_TO:
        return f"的 send_to “{send_to or ''}” 应为 {'、'.join(SEND_TO)} 之一"
    return None
