"""The operations self-check: server up, deployment served, one run through it, all stopped.

It uses its own port, Prefect home and a throw-away folder with the bundled sample, so it can
run beside the office's real server without touching its schedule, warehouse or outputs.
"""

import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.ops import server
from pipelines.paths import REPO_ROOT

logger = logging.getLogger(__name__)

CHECK_DEPLOYMENT = "nightly-check"
CHECK_DATE = "2025-08-31"
REGISTER_TIMEOUT_SECONDS = 120.0
RUN_TIMEOUT_SECONDS = 600.0


@dataclass
class CheckReport:
    lines: list[str] = field(default_factory=list)
    passed: bool = False


def check_config(folder: Path, sample: dict[str, Path]) -> str:
    """The settings file of the check: its sample as the scheduled inputs, its own outputs."""
    exports = ", ".join(f'"{sample[key]}"' for key in ("export", "export_separate"))
    return (
        f'[paths]\ndb = "{folder / "warehouse.duckdb"}"\nout_root = "{folder / "out"}"\n\n'
        f'[schedule]\ndeployment = "{CHECK_DEPLOYMENT}"\nexports = [{exports}]\n'
        f'evidence = "{sample["evidence"]}"\nroster = "{sample["roster"]}"\n'
    )


def check_deployment(port: int, echo) -> CheckReport:
    """Boot, serve, run once, stop; `echo` hears one Chinese line per step."""
    report = CheckReport()

    def say(line: str) -> None:
        report.lines.append(line)
        echo(line)

    with tempfile.TemporaryDirectory(prefix="quxiang-check-") as tmp:
        folder = Path(tmp)
        os.environ["PREFECT_HOME"] = str(folder / "prefect")
        url = server.api_url("127.0.0.1", port)
        os.environ["PREFECT_API_URL"] = url
        serving = None
        try:
            started = time.monotonic()
            pid = server.start("127.0.0.1", port)
            boot = time.monotonic() - started
            say(f"1. Prefect 服务已启动：进程 {pid}，{url}，用时 {boot:.1f} 秒")
            serving = _start_serving(folder)
            say(f"2. quxiang serve 已启动：进程 {serving.pid}")
            report.passed = _run_once(folder, say)
        finally:
            if serving is not None:
                serving.send_signal(signal.SIGINT)
                serving.wait(timeout=60)
            stopped = server.stop(port)
            say(
                f"5. 已停止 serve 和 Prefect 服务（进程 {stopped}），端口 {port} 已释放："
                f"{not server.is_healthy(url)}"
            )
    say("自检通过。" if report.passed else "自检失败，见上面各步。")
    return report


def _start_serving(folder: Path) -> subprocess.Popen:
    from pipelines.sample.generate import build_sample

    sample = build_sample(folder / "sample")
    config = folder / "quxiang.toml"
    config.write_text(check_config(folder, sample), encoding="utf-8")
    log = (folder / "serve.log").open("wb")
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "serve", "--config", str(config)],
        cwd=REPO_ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=dict(os.environ),
    )


def _run_once(folder: Path, say) -> bool:
    """Wait for the deployment to register, read its schedule, run it, check the outputs."""
    from prefect.deployments import run_deployment
    from prefect.exceptions import ObjectNotFound

    name = f"nightly-scheduled/{CHECK_DEPLOYMENT}"
    deadline = time.monotonic() + REGISTER_TIMEOUT_SECONDS
    while True:
        try:
            schedule = _schedule_of(name)
            break
        except ObjectNotFound:
            if time.monotonic() > deadline:
                say(
                    f"3. 定时任务 {name} 在 {REGISTER_TIMEOUT_SECONDS:.0f} 秒内没有注册；"
                    f"见 {folder / 'serve.log'}"
                )
                return False
            time.sleep(1)
    say(f"3. 定时任务 {name} 已注册：{schedule}")

    started = time.monotonic()
    flow_run = run_deployment(
        name, parameters={"run_date": CHECK_DATE}, timeout=RUN_TIMEOUT_SECONDS
    )
    summary = folder / "out" / CHECK_DATE / "run_summary.json"
    passed = flow_run.state.is_completed() and summary.is_file()
    say(
        f"4. 立即运行一次：状态 {flow_run.state.name}，用时 {time.monotonic() - started:.1f} 秒，"
        f"run_summary.json {'已生成' if summary.is_file() else '没有生成'}"
    )
    return passed


def _schedule_of(name: str) -> str:
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        deployment = client.read_deployment_by_name(name)
    crons = [
        f"cron “{item.schedule.cron}” 时区 {item.schedule.timezone}"
        for item in deployment.schedules
    ]
    return "；".join(crons)
