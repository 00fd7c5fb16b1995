"""Serve the scheduled deployment of the nightly flow against the local Prefect server.

`serve` is a long-running foreground process (run it as a service beside the server): it
registers the deployment with its cron schedule and starts each run when it is due.
"""

import logging
import os
from pathlib import Path

from pipelines.config import Settings
from pipelines.ops.server import ServerError, api_url, is_healthy

logger = logging.getLogger(__name__)


def deployment_parameters(
    settings: Settings, config: Path | None, partitioned: bool = False
) -> dict:
    """The scheduled run's parameters, with paths made absolute so the run's folder is moot.

    `partitioned` runs every night by `[partitions] column` on the configured Dask cluster.

    >>> from pipelines.config import Settings
    >>> params = deployment_parameters(Settings(), None)
    >>> sorted(params)[:7], params["run_date"], params["partition_by"]
    (['config', 'db', 'evidence', 'exports', 'out_root', 'partition_by', 'roster'], '', '')
    >>> deployment_parameters(Settings(), None, partitioned=True)["partition_by"]
    '学院'
    """
    schedule = settings.schedule
    partitions = settings.partitions
    return {
        "partition_by": partitions.column if partitioned else "",
        "workers": partitions.workers,
        "scheduler_address": partitions.scheduler_address,
        "exports": [_absolute(p) for p in schedule.exports],
        "evidence": _absolute(schedule.evidence) if schedule.evidence else "",
        "roster": _absolute(schedule.roster) if schedule.roster else "",
        "out_root": _absolute(settings.paths.out_root),
        "db": _absolute(settings.paths.db),
        "run_date": "",
        "config": _absolute(str(config)) if config else "",
    }


def connect_to_server(settings: Settings) -> str:
    """Point Prefect at the configured server; a clear sentence when it is not running."""
    url = os.environ.get("PREFECT_API_URL") or api_url(settings.server.host, settings.server.port)
    if not is_healthy(url):
        raise ServerError(
            f"连接不到 Prefect 服务（{url}）。请先运行 quxiang server start，再运行 quxiang serve。"
        )
    os.environ["PREFECT_API_URL"] = url
    return url


def build_deployment(settings: Settings, config: Path | None, partitioned: bool = False):
    """The deployment of `nightly-scheduled` with the configured cron and time zone."""
    from prefect.schedules import Cron

    from pipelines.flow import nightly_scheduled

    schedule = settings.schedule
    return nightly_scheduled.to_deployment(
        name=schedule.deployment,
        schedules=[Cron(schedule.cron, timezone=schedule.timezone)],
        parameters=deployment_parameters(settings, config, partitioned),
        description="每晚处理毕业去向登记导出：校验、单位匹配、档案寄送、统计报表。",
        tags=["quxiang"],
    )


def serve(
    settings: Settings, config: Path | None, limit: int | None = None, partitioned: bool = False
) -> None:
    """Register the deployment and run it on schedule until interrupted."""
    url = connect_to_server(settings)
    from prefect import serve as prefect_serve  # after the check: importing takes seconds

    deployment = build_deployment(settings, config, partitioned)
    logger.info("Serving deployment %s on %s.", settings.schedule.deployment, url)
    prefect_serve(deployment, print_starting_message=False, limit=limit)


def _absolute(path: str) -> str:
    return str(Path(path).resolve())
