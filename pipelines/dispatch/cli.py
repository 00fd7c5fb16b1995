"""`quxiang dispatch …`: record what was mailed, and see the batches."""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pipelines.errors import QuxiangInputError
from pipelines.paths import DEFAULT_DB

if TYPE_CHECKING:
    import duckdb

dispatch_app = typer.Typer(
    help="档案寄送：登记已寄出的批次和运单号，查看批次。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

DbOption = Annotated[Path, typer.Option(help="DuckDB 数据仓库文件")]
DateOption = Annotated[
    dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="寄出或转递的日期，默认今天")
]


@dispatch_app.command("mark-sent")
def mark_sent(
    batch: Annotated[str, typer.Option("--batch", help="批次号，如 20250701-01（见寄送清单）")],
    tracking: Annotated[
        Path | None,
        typer.Option(
            "--tracking",
            help="运单号文件（xlsx/csv），表头“学号,运单号”或“收件单位,运单号”；"
            "给出时只登记文件中列出的档案",
        ),
    ] = None,
    db: DbOption = DEFAULT_DB,
    date: DateOption = None,
) -> None:
    """登记某批次的档案已寄出（可附运单号）；之后的夜间运行不再列出这些学生。"""
    from pipelines.dispatch.marking import mark_batch_sent

    sent_date = date.date() if date else dt.date.today()
    with _warehouse(db) as con:
        try:
            result = mark_batch_sent(con, db, batch, sent_date, tracking)
        except QuxiangInputError as exc:
            typer.echo(exc.sentence(), err=True)
            raise typer.Exit(2) from exc
    typer.echo(
        f"批次 {batch}：登记寄出 {result.count_recorded} 份（寄出日期 {sent_date.isoformat()}，"
        f"其中 {result.count_tracked} 份有运单号）。"
    )
    if result.count_already_sent:
        typer.echo(f"另有 {result.count_already_sent} 份此前已登记寄出，没有重复登记。")
    if result.count_left:
        typer.echo(f"本批次还有 {result.count_left} 份没有登记寄出，下次运行仍会列在寄送清单中。")


@dispatch_app.command("forwarded")
def forwarded(
    student: Annotated[str, typer.Option("--student", help="学号")],
    tracking_no: Annotated[
        str | None, typer.Option("--tracking-no", help="转递的运单号或机要号（如有）")
    ] = None,
    db: DbOption = DEFAULT_DB,
    date: DateOption = None,
) -> None:
    """登记已寄出的档案已转递到该生现在登记的接收单位；“寄出后登记有变更”不再列出该生。"""
    from pipelines.dispatch.forwarding import record_forwarded

    forwarded_date = date.date() if date else dt.date.today()
    with _warehouse(db) as con:
        try:
            receiver = record_forwarded(con, db, student, forwarded_date, tracking_no)
        except QuxiangInputError as exc:
            typer.echo(exc.sentence(), err=True)
            raise typer.Exit(2) from exc
    typer.echo(f"已登记学号 {student} 的档案于 {forwarded_date.isoformat()} 转递至 {receiver}。")


@dispatch_app.command("batches")
def batches(db: DbOption = DEFAULT_DB) -> None:
    """列出各寄送批次：日期、份数、已登记寄出的份数和有运单号的份数。"""
    from pipelines.dispatch.ledger import batch_overview

    with _warehouse(db) as con:
        overview = batch_overview(con)
    if overview.empty:
        typer.echo("还没有寄送批次：夜间运行生成寄送清单后才会有批次。")
        return
    typer.echo("批次号\t日期\t份数\t已寄出\t有运单号")
    for row in overview.itertuples(index=False):
        typer.echo(
            f"{row.batch_id}\t{row.run_date.isoformat()}\t{row.count_files}\t"
            f"{row.count_sent}\t{row.count_tracked}"
        )


@contextmanager
def _warehouse(db: Path) -> Iterator["duckdb.DuckDBPyConnection"]:
    """The existing warehouse, opened for one command; a missing or busy one exits with 2."""
    import duckdb  # not at module level: every `quxiang` command imports this module

    from pipelines.dispatch.ledger import ensure_ledger

    if not db.is_file():
        typer.echo(
            f"数据仓库 {db} 不存在。请先运行 quxiang run，或用 --db 指定数据仓库文件。", err=True
        )
        raise typer.Exit(2)
    try:
        con = duckdb.connect(str(db))
    except duckdb.IOException as exc:
        typer.echo(
            f"数据仓库 {db} 正被其他程序使用（可能夜间运行尚未结束），请稍后重试。", err=True
        )
        raise typer.Exit(2) from exc
    try:
        ensure_ledger(con)
        yield con
    finally:
        con.close()
