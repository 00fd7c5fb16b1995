"""The `quxiang` command line."""

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from pipelines.dispatch.cli import dispatch_app
from pipelines.errors import QuxiangInputError
from pipelines.match.cli import units_app
from pipelines.ops import commands as ops_commands
from pipelines.ops import help_zh
from pipelines.ops.progress import StageProgress

help_zh.install()

app = typer.Typer(
    help="去向：毕业去向登记数据的夜间处理（校验、单位匹配、档案寄送、统计报表）。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def echo(message: str, err: bool = False) -> None:
    typer.echo(message, err=err)


@app.command()
def run(
    exports: Annotated[
        list[Path], typer.Option("--exports", help="毕业去向登记导出文件（xlsx/xls/csv，可多个）")
    ],
    evidence: Annotated[Path | None, typer.Option(help="佐证材料清单文件")] = None,
    roster: Annotated[Path | None, typer.Option(help="毕业生名单（落实率的分母）")] = None,
    authorities: Annotated[
        Path | None,
        typer.Option(
            help="本办维护的生源地主管单位表（与 reference_data/authorities.csv 同列），"
            "按地区代码覆盖内置表"
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="输出目录，默认 <配置的 out_root>/<日期>/")
    ] = None,
    db: Annotated[
        Path | None, typer.Option(help="DuckDB 数据仓库文件，默认取配置文件的 paths.db")
    ] = None,
    date: Annotated[str | None, typer.Option(help="数据日期 YYYY-MM-DD，默认今天")] = None,
    encoding: Annotated[
        str | None,
        typer.Option(help="强制指定文本文件（csv/tsv）的编码，如 utf-8、gb18030；默认自动识别"),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(help="只读取导出工作簿中这个名字的工作表；默认读取所有含“学号”列的工作表"),
    ] = None,
    formula: Annotated[
        str | None, typer.Option(help="落实率口径：2024（现行）或 2021，默认取配置文件")
    ] = None,
    config: Annotated[
        Path | None, typer.Option(help="配置文件，默认项目目录下的 quxiang.toml")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", help="在终端显示详细日志")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", help="只显示错误和输出目录，不显示进度和摘要")
    ] = False,
    partition_by: Annotated[
        str | None,
        typer.Option(
            "--partition-by",
            help="按此列分区并行运行（如 学院，或 省份 = 生源地所在省），"
            "每个分区一个数据仓库和输出子目录；默认不分区",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(help="分区运行的本机 Dask 工作进程数，0 = 本进程内逐个运行；默认取配置"),
    ] = None,
) -> None:
    """运行夜间处理：读取导出文件，校验，匹配单位，生成档案寄送清单和统计报表。"""
    from pipelines.ingest.sniff import is_known_encoding
    from pipelines.logging_setup import configure_console, file_handler

    configure_console(verbose, quiet)
    settings = _load_settings(config)
    run_date = _parse_date(date)
    formula = formula or settings.run.formula_version
    if formula not in ("2024", "2021"):
        _fail(f"参数 --formula 只能是 2024 或 2021，收到的是 {formula}。")
    if encoding is not None and not is_known_encoding(encoding):
        _fail(
            f"参数 --encoding 不是可识别的编码名称：{encoding}。"
            "常用的有 utf-8、utf-8-sig、gb18030。"
        )
    out_dir = out or Path(settings.paths.out_root) / run_date.isoformat()
    say = _silent if quiet else echo
    if exports and evidence is None:
        say("提示：没有提供佐证材料清单（--evidence），本次不检查佐证材料。")
    if roster is None:
        say("警告：没有提供毕业生名单（--roster），落实率的分母只能用已登记学生数，结果会偏高。")

    from pipelines.context import RunInputs
    from pipelines.run import RunOptions, check_inputs, execute

    options = RunOptions(
        inputs=RunInputs(tuple(exports), evidence, roster, encoding, authorities, sheet),
        out_dir=out_dir,
        db_path=db or Path(settings.paths.db),
        run_date=run_date,
        formula_version=formula,
        school_province=settings.run.school_province,
        thresholds=settings.thresholds,
    )
    say(f"开始处理 {len(exports)} 个导出文件，数据日期 {run_date.isoformat()} …")
    if partition_by is not None:
        from pipelines.ops.night_cli import run_partitioned

        workers = settings.partitions.workers if workers is None else workers
        address = settings.partitions.scheduler_address
        run_partitioned(options, partition_by, workers, address, quiet)
        return
    progress = StageProgress(echo, quiet=quiet)
    try:
        check_inputs(options.inputs)
        summary = execute(
            options,
            on_stage=progress.finish,
            log_handler_factory=file_handler,
            on_start=progress.start,
        )
    except QuxiangInputError as exc:
        progress.close()
        _fail(exc.sentence())
    except KeyboardInterrupt:
        progress.close()
        echo("已中断：本次没有写出任何结果，之前的输出没有改动。", err=True)
        raise typer.Exit(130) from None
    except Exception as exc:
        from pipelines.outputs.publish import failed_log_path

        progress.close()
        if PREFECT_START_TIMEOUT in str(exc):
            _fail_busy_prefect(failed_log_path(out_dir))
        echo(
            f"运行失败：“{progress.label(progress.current)}”阶段出错"
            f"（{exc.__class__.__name__}: {exc}）。之前的输出没有改动；"
            f"详细信息见日志 {failed_log_path(out_dir)}",
            err=True,
        )
        raise typer.Exit(1) from exc
    if quiet:
        echo(f"输出目录：{out_dir}")
    else:
        _print_summary(summary, out_dir)


app.command()(ops_commands.serve)
app.command()(ops_commands.bench)
app.add_typer(ops_commands.server_app, name="server")
app.add_typer(units_app, name="units", help="单位库：用往年的导出文件充实单位库。")
app.add_typer(dispatch_app, name="dispatch", help="档案寄送：登记已寄出的批次和运单号，查看批次。")


@app.command()
def sample(
    out: Annotated[Path, typer.Option(help="示例数据写入的目录")] = Path("data") / "sample",
) -> None:
    """生成内置示例数据（虚构学生，真实地区名），用于试运行和演示。"""
    from pipelines.sample.generate import build_sample

    paths = build_sample(out)
    echo(f"已生成示例数据：{', '.join(str(p) for p in paths.values())}")


def _silent(message: str, err: bool = False) -> None:
    """--quiet: notes and progress are dropped; errors go through `echo` directly."""


def _load_settings(config: Path | None):
    from pipelines.config import load_settings

    try:
        return load_settings(config)
    except QuxiangInputError as exc:
        _fail(exc.sentence())


def _print_summary(summary: dict, out_dir: Path) -> None:
    from pipelines.ingest.reconcile import change_line, reconciliation_lines

    severity = summary.get("findings_by_severity", {})
    rate = summary.get("placement_rate")
    echo(
        f"读入 {summary['rows_in']} 行：入库 {summary['rows_loaded']} 行，"
        f"隔离 {summary['rows_quarantined']} 行（原因见 quarantine.csv）。"
    )
    for line in reconciliation_lines(summary.get("files", [])):
        echo(line)
    echo(
        f"发现问题：错误 {severity.get('error', 0)} 条，提醒 {severity.get('warning', 0)} 条"
        f"（findings.csv；辅导员修改清单 {summary.get('fixlists_written', 0)} 份）。"
    )
    denominator = "毕业生名单" if summary.get("has_roster") else "已登记学生（未提供名单）"
    rate_text = f"{rate:.2%}" if rate is not None else "无法计算（没有毕业生）"
    graduates = summary.get("count_graduates", 0)
    echo(f"毕业去向落实率：{rate_text}（分母：{denominator} {graduates} 人）。")
    echo(
        f"档案寄送：可寄 {summary.get('dispatch_mailable', 0)} 份，"
        f"暂不能寄送 {summary.get('dispatch_held', 0)} 份。"
    )
    echo(change_line(summary))
    echo(f"输出目录：{out_dir}")


# Prefect's own words when its temporary local server did not come up in time.
PREFECT_START_TIMEOUT = "Timed out while attempting to connect to ephemeral Prefect API server"


def _fail_busy_prefect(log: Path) -> None:
    echo(
        "运行失败：Prefect 本地服务启动超时（机器过于繁忙）。之前的输出没有改动；"
        "请稍后重试，或先用 quxiang server start 启动常驻服务再运行。"
        f"详细信息见日志 {log}",
        err=True,
    )
    raise typer.Exit(1)


def _parse_date(text: str | None) -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        _fail(f"参数 --date 应为 YYYY-MM-DD 格式的日期，收到的是 {text}。")


def _fail(sentence: str) -> None:
    echo(sentence, err=True)
    raise typer.Exit(2)


def main() -> None:
    app(args=expand_multi_value_options(sys.argv[1:]), prog_name="quxiang")


def expand_multi_value_options(args: list[str]) -> list[str]:
    """Accept `--exports a.xlsx b.csv` as well as the repeated `--exports a --exports b`.

    >>> expand_multi_value_options(["run", "--exports", "a", "b", "--db", "x"])
    ['run', '--exports', 'a', '--exports', 'b', '--db', 'x']
    """
    expanded: list[str] = []
    in_exports = False
    for arg in args:
        if arg.startswith("-"):
            in_exports = arg == "--exports"
            if in_exports:
                continue
        if in_exports:
            expanded += ["--exports", arg]
        else:
            expanded.append(arg)
    return expanded


if __name__ == "__main__":
    sys.exit(main())
