"""Start and stop the Prefect server on the loopback address, by process id.

The server keeps its SQLite database, log and pid file in the project's Prefect home
(`.prefect/`). It serves the UI and the scheduler that `quxiang serve` registers with; it is
bound to 127.0.0.1 so nothing outside the machine can reach it.
"""

import logging
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from pipelines.prefect_env import DEFAULTS, configure_prefect

logger = logging.getLogger(__name__)

BOOT_TIMEOUT_SECONDS = 120.0


class ServerError(RuntimeError):
    """The server could not be started, reached or stopped; the message is Chinese."""


def api_url(host: str, port: int) -> str:
    """
    >>> api_url("127.0.0.1", 4200)
    'http://127.0.0.1:4200/api'
    """
    return f"http://{host}:{port}/api"


def prefect_home() -> Path:
    configure_prefect()
    return Path(os.environ.get("PREFECT_HOME", DEFAULTS["PREFECT_HOME"]))


def pid_file(port: int) -> Path:
    return prefect_home() / f"server-{port}.pid"


def log_file() -> Path:
    return prefect_home() / "server.log"


def is_healthy(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=timeout) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def start(host: str, port: int) -> int:
    """Start `prefect server start` in the background and wait until it answers; returns pid."""
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise ServerError(f"Prefect 服务只允许监听本机地址，配置中的 host 是 {host}。")
    url = api_url(host, port)
    if is_healthy(url):
        raise ServerError(f"端口 {port} 上已有 Prefect 服务在运行（{url}）。")
    prefect_home().mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "prefect", "server", "start", "--host", host]
    command += ["--port", str(port)]
    environment = {**os.environ, "PREFECT_API_URL": url, "PREFECT_LOGGING_LEVEL": "WARNING"}
    with log_file().open("ab") as log:
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=environment,
            start_new_session=True,
        )
    pid_file(port).write_text(str(process.pid), encoding="utf-8")
    started = time.monotonic()
    while not is_healthy(url):
        if process.poll() is not None or time.monotonic() - started > BOOT_TIMEOUT_SECONDS:
            stop(port)
            raise ServerError(f"Prefect 服务没有启动成功，请查看日志 {log_file()}。")
        time.sleep(0.5)
    logger.info(
        "Prefect server %d answers at %s after %.1f s.",
        process.pid,
        url,
        time.monotonic() - started,
    )
    return process.pid


def stop(port: int) -> int | None:
    """Stop the server `start` left on `port` (SIGTERM to its process group); returns its pid."""
    path = pid_file(port)
    if not path.is_file():
        return None
    pid = int(path.read_text(encoding="utf-8").strip())
    path.unlink()
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return None
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.2)
    logger.info("Prefect server %d stopped.", pid)
    return pid


def _alive(pid: int) -> bool:
    try:
        finished, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        # Not our child (started by an earlier command): ask the kernel whether it exists.
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    return finished == 0
