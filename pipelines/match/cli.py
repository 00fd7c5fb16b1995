"""`quxiang units …`: look after the unit master between nightly runs."""

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from pipelines.errors import QuxiangInputError
from pipelines.paths import DEFAULT_DB

units_app = typer.Typer(
    help="单位库：用往年的导出文件充实单位库。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


@units_app.command("import")
def import_command(
    files: Annotated[list[Path], typer.Argument(help="往年的毕业去向登记导出文件（可多个）")],
    db: Annotated[Path, typer.Option(help="DuckDB 数据仓库文件")] = DEFAULT_DB,
    date: Annotated[
        str | None, typer.Option(help="这些导出的数据日期 YYYY-MM-DD，记为单位的出现日期，默认今天")
    ] = None,
    encoding: Annotated[str | None, typer.Option(help="强制指定文本文件编码，如 gb18030")] = None,
) -> None:
    """用往年的导出文件充实单位库：只取审核通过、社会信用代码没有错误的登记。"""
    from pipelines.ingest.extract import check_readable
    from pipelines.match.importer import import_units

    as_of = _parse_date(date)
    try:
        for path in files:
            check_readable(path, "registrations", encoding)
        result = import_units(list(files), db, as_of, encoding)
    except QuxiangInputError as exc:
        typer.echo(exc.sentence(), err=True)
        raise typer.Exit(2) from exc
    typer.echo(
        f"读入 {len(files)} 个文件共 {result.rows_read} 行，"
        f"其中审核通过 {result.rows_approved} 行；"
        f"社会信用代码有错误、未进入单位库 {result.rows_with_code_errors} 行。"
    )
    typer.echo(f"单位库（{db}）由 {result.units_before} 个单位变为 {result.units_after} 个。")


def _parse_date(text: str | None) -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        typer.echo(f"参数 --date 应为 YYYY-MM-DD 格式的日期，收到的是 {text}。", err=True)
        raise typer.Exit(2) from None
