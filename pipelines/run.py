"""One nightly run: warehouse, temporary folder, stages in order, summary, publish."""

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.config import Thresholds
from pipelines.context import RunContext, RunInputs
from pipelines.errors import EmptyFileError, OutputPathError
from pipelines.ingest.extract import check_readable
from pipelines.logging_setup import detach
from pipelines.outputs.publish import (
    discard,
    keep_failed_log,
    publish,
    stamp_workbooks,
    work_dir_for,
)
from pipelines.reference.authorities import apply_authority_overrides, read_authorities
from pipelines.reference.load import load_reference_tables
from pipelines.report_stage import write_summary
from pipelines.stages import STAGES, run_stages
from pipelines.warehouse import connect

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunOptions:
    inputs: RunInputs
    out_dir: Path
    db_path: Path
    run_date: dt.date
    formula_version: str = "2024"
    school_province: str = "31"
    thresholds: Thresholds = field(default_factory=Thresholds)


def check_inputs(inputs: RunInputs) -> None:
    """Raise the input error the run would meet, before Prefect and the warehouse start.

    Some exports with a header and no rows are normal (a college where nobody has registered
    yet; the run names them); when every export is so, the night has no students to count.
    """
    with_rows = [
        check_readable(path, "registrations", inputs.encoding, inputs.sheet)
        for path in inputs.exports
    ]
    if inputs.exports and not any(with_rows):
        raise EmptyFileError(
            "、".join(str(path) for path in inputs.exports),
            "只有表头，没有数据行",
            "请确认导出时选择了数据范围，或等有学生登记后重新导出，再运行",
        )
    if inputs.evidence:
        check_readable(inputs.evidence, "evidence", inputs.encoding)
    if inputs.roster:
        check_readable(inputs.roster, "roster", inputs.encoding)
    if inputs.authorities:
        read_authorities(inputs.authorities)


def execute(
    options: RunOptions,
    on_stage=None,
    log_handler_factory=None,
    use_prefect: bool = True,
    on_start=None,
) -> dict:
    """Run the nightly stages and publish the folder; on any error nothing is published.

    With `use_prefect` the stages run as the Prefect flow `nightly`; without it they are
    called directly (tests, and the benchmark's stage timings).
    """
    if options.out_dir.exists() and not options.out_dir.is_dir():
        raise OutputPathError(
            options.out_dir, "--out 指向的是一个已有的文件，不是文件夹", "请换一个输出目录"
        )
    # the warehouse first: a busy one must stop the run before any folder is created
    con = connect(options.db_path)
    work_dir = work_dir_for(options.out_dir)
    handler = log_handler_factory(work_dir / "run.log") if log_handler_factory else None
    ctx = RunContext(
        inputs=options.inputs,
        con=con,
        work_dir=work_dir,
        run_date=options.run_date,
        formula_version=options.formula_version,
        school_province=options.school_province,
    )
    try:
        _prepare_warehouse(ctx, options.thresholds)
        summary = (
            _run_flow(ctx, on_stage, on_start)
            if use_prefect
            else run_stages(ctx, STAGES, on_stage, on_start)
        )
        write_summary(ctx)
        stamp_workbooks(work_dir, options.run_date)
    except BaseException:
        logger.exception("The run failed; nothing was published.")
        con.close()
        if handler:
            detach(handler)
        keep_failed_log(work_dir, options.out_dir)
        discard(work_dir)
        raise
    con.close()
    if handler:
        detach(handler)
    publish(work_dir, options.out_dir)
    return summary


def _run_flow(ctx: RunContext, on_stage, on_start) -> dict:
    from pipelines.flow import nightly  # importing Prefect costs seconds; only when needed

    return nightly(ctx, on_stage, on_start)


def _prepare_warehouse(ctx: RunContext, thresholds: Thresholds) -> None:
    counts = load_reference_tables(ctx.con)
    if ctx.inputs.authorities:
        ctx.summary["authorities_from_office"] = apply_authority_overrides(
            ctx.con, ctx.inputs.authorities
        )
    # The configured thresholds travel with the run so that SQL marts can read them.
    ctx.con.execute(
        "create or replace table run_settings as "
        "select ?::date as run_date, ? as formula_version, ? as school_province, "
        "?::double as yellow_card_below, ?::double as red_card_below, "
        "?::integer as red_card_years, ?::integer as small_cell",
        [
            ctx.run_date,
            ctx.formula_version,
            ctx.school_province,
            thresholds.yellow_card_below,
            thresholds.red_card_below,
            thresholds.red_card_years,
            thresholds.small_cell,
        ],
    )
    logger.info("Loaded %d reference tables.", len(counts))
