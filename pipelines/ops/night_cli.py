"""`quxiang run --partition-by`: the partitioned night on the command line.

One line per partition and one for the whole night on stdout; a failed partition's line (its
error and log) on stderr, and the exit code 1 once every other partition has finished.
"""

import typer

from pipelines.errors import QuxiangInputError
from pipelines.ops.night_summary import FAILED, night_lines, partition_line
from pipelines.run import RunOptions, check_inputs


def run_partitioned(
    options: RunOptions, partition_by: str, workers: int, address: str, quiet: bool
) -> None:
    """Run the night partitioned and print its lines; ends with the command's exit code."""
    from pipelines.ops.night import PartitionedNight, partitions_folder, run_partitioned_night
    from pipelines.ops.split import partition_key

    if workers < 0:
        _fail(f"参数 --workers 应为 0 或正整数，收到的是 {workers}。")
    try:
        by = partition_key(partition_by)
        check_inputs(options.inputs)
    except QuxiangInputError as exc:
        _fail(exc.sentence())
    where = (
        f"Dask 集群 {address}"
        if address
        else (f"本机 {workers} 个 Dask 工作进程" if workers else "本进程内逐个")
    )
    if not quiet:
        typer.echo(
            f"按{by.label}分区运行（{where}），各分区的数据仓库在 "
            f"{partitions_folder(options.db_path)}/ …"
        )
    night = PartitionedNight(options, by, workers, address)
    try:
        summary = run_partitioned_night(night)
    except QuxiangInputError as exc:
        _fail(exc.sentence())
    except KeyboardInterrupt:
        typer.echo("已中断：本次没有写出任何结果，之前的输出没有改动。", err=True)
        raise typer.Exit(130) from None
    except Exception as exc:
        typer.echo(
            f"运行失败：分区运行没有完成（{exc.__class__.__name__}: {exc}）。之前的输出没有改动。",
            err=True,
        )
        raise typer.Exit(1) from exc
    for figures in summary["partitions"]:
        failed = figures["status"] == FAILED
        if failed or not quiet:
            typer.echo(partition_line(figures), err=failed)
    if not quiet:
        for line in night_lines(summary["totals"], summary["rows_rerouted"]):
            typer.echo(line)
    typer.echo(f"输出目录：{options.out_dir}")
    if summary["totals"]["count_failed"]:
        raise typer.Exit(1)


def _fail(sentence: str) -> None:
    typer.echo(sentence, err=True)
    raise typer.Exit(2)
