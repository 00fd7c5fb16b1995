"""The operations commands: `serve`, `bench` and `server start|stop|check`."""

from pathlib import Path
from typing import Annotated

import typer

from pipelines.errors import QuxiangInputError

server_app = typer.Typer(
    help="本机 Prefect 服务（只监听 127.0.0.1）：启动、停止、自检。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

ConfigOption = Annotated[Path | None, typer.Option(help="配置文件，默认项目目录下的 quxiang.toml")]


def serve(
    config: ConfigOption = None,
    verbose: Annotated[bool, typer.Option("--verbose", help="在终端显示详细日志")] = False,
    partitioned: Annotated[
        bool,
        typer.Option(
            "--partitioned", help="每晚按配置 [partitions] column 分区，在 Dask 上并行运行"
        ),
    ] = False,
) -> None:
    """按配置的时间表（默认每天 02:00 北京时间）定时运行夜间处理；需先运行 quxiang server start。"""
    from pipelines.logging_setup import configure_console
    from pipelines.ops.serve import serve as serve_deployment
    from pipelines.ops.server import ServerError

    configure_console(verbose)
    settings = _settings(config)
    schedule = settings.schedule
    typer.echo(
        f"定时任务 {schedule.deployment}：cron “{schedule.cron}”（{schedule.timezone}），"
        f"读取 {len(schedule.exports)} 个导出文件。按 Ctrl+C 停止。"
    )
    if partitioned and not settings.partitions.column:
        _fail("配置 [partitions] column 为空，无法分区运行：请填写分区列（如 学院）。")
    if partitioned:
        from pipelines.ops.split import partition_key

        try:
            partition_key(settings.partitions.column, source=str(config or "quxiang.toml"))
        except QuxiangInputError as exc:
            _fail(exc.sentence())
        partitions = settings.partitions
        where = (
            f"Dask 集群 {partitions.scheduler_address}"
            if partitions.scheduler_address
            else f"本机 {partitions.workers} 个 Dask 工作进程"
        )
        typer.echo(f"每晚按{partitions.column}分区，在{where}上并行运行。")
    try:
        serve_deployment(settings, config, partitioned=partitioned)
    except ServerError as exc:
        _fail(str(exc))


def bench(
    rows: Annotated[int, typer.Option(help="合成导出文件的行数")] = 100_000,
    folder: Annotated[
        Path, typer.Option(help="合成数据和运行结果的目录（可复用已生成的文件）")
    ] = Path("data") / "bench",
    partitions: Annotated[
        str | None,
        typer.Option(help="按此列分区（如 学院），用 Dask 并行运行各分区；默认不分区"),
    ] = None,
    workers: Annotated[int | None, typer.Option(help="本机 Dask 工作进程数，默认取配置")] = None,
    config: ConfigOption = None,
) -> None:
    """性能测试：生成 N 行合成导出，完整运行一遍，打印各阶段秒数、峰值内存和与纯读取的倍数。"""
    from pipelines.logging_setup import configure_console

    configure_console(verbose=False)
    settings = _settings(config)
    if rows < 1:
        _fail(f"参数 --rows 应为正整数，收到的是 {rows}。")
    typer.echo(f"生成并运行 {rows} 行合成数据（目录 {folder}）…")
    try:
        result = _run_bench(rows, folder, partitions, workers, settings)
    except QuxiangInputError as exc:
        _fail(exc.sentence())
    except Exception as exc:
        typer.echo(f"性能测试失败：{exc.__class__.__name__}: {exc}", err=True)
        raise typer.Exit(1) from exc
    for line in result.lines():
        typer.echo(line)


def _run_bench(rows: int, folder: Path, partitions: str | None, workers: int | None, settings):
    if partitions:
        from pipelines.ops.partition import run_partitioned_bench

        return run_partitioned_bench(
            rows,
            folder,
            partitions,
            workers or settings.partitions.workers,
            settings.partitions.scheduler_address,
        )
    from pipelines.ops.bench import run_bench

    return run_bench(rows, folder)


@server_app.command("start")
def server_start(config: ConfigOption = None) -> None:
    """在后台启动 Prefect 服务（界面和调度），地址取配置文件 [server]。"""
    from pipelines.ops import server

    settings = _settings(config)
    try:
        pid = server.start(settings.server.host, settings.server.port)
    except server.ServerError as exc:
        _fail(str(exc))
    url = server.api_url(settings.server.host, settings.server.port)
    typer.echo(
        f"Prefect 服务已启动（进程 {pid}）：{url.removesuffix('/api')}；日志 {server.log_file()}"
    )


@server_app.command("stop")
def server_stop(config: ConfigOption = None) -> None:
    """停止由 quxiang server start 启动的 Prefect 服务。"""
    from pipelines.ops import server

    settings = _settings(config)
    pid = server.stop(settings.server.port)
    typer.echo(f"Prefect 服务（进程 {pid}）已停止。" if pid else "没有正在运行的 Prefect 服务。")


@server_app.command("check")
def server_check(
    port: Annotated[int, typer.Option(help="自检用的端口（不影响正式服务）")] = 4299,
) -> None:
    """自检：启动服务，注册定时任务，用示例数据立即运行一次，再全部停止。"""
    from pipelines.logging_setup import configure_console
    from pipelines.ops.deployment_check import check_deployment

    configure_console(verbose=False)
    report = check_deployment(port, echo=typer.echo)
    if not report.passed:
        raise typer.Exit(1)


def _settings(config: Path | None):
    from pipelines.config import load_settings

    try:
        return load_settings(config)
    except QuxiangInputError as exc:
        _fail(exc.sentence())


def _fail(sentence: str) -> None:
    typer.echo(sentence, err=True)
    raise typer.Exit(2)
