"""What the terminal shows while a run goes: a live bar on a terminal, plain lines elsewhere.

A clerk at a terminal sees which stage is running and for how long (ingest of a national
file takes minutes); cron, systemd and log files get one line per finished stage instead of
cursor tricks. `--quiet` shows neither.
"""

import sys
import time

STAGE_LABELS = {
    "ingest": "读取导出文件",
    "normalise": "规范化",
    "validate": "规则校验",
    "match": "单位匹配",
    "dispatch": "档案寄送清单",
    "statistics": "统计",
    "report": "写出报表",
}


class StageProgress:
    """Hears `start(name)` and `finish(name, seconds, result)` from the stage loop."""

    def __init__(self, echo, quiet: bool = False, live: bool | None = None) -> None:
        self.echo = echo
        self.quiet = quiet
        self.live = sys.stderr.isatty() if live is None else live
        self.current: str | None = None
        self._bar = None
        self._task = None
        self._started = 0.0

    def label(self, name: str | None) -> str:
        return STAGE_LABELS.get(name, name or "准备")

    def start(self, name: str) -> None:
        self.current = name
        self._started = time.perf_counter()
        if self.quiet or not self.live:
            return
        if self._bar is None:
            self._open_bar()
        self._bar.update(self._task, description=self._position(name) + self.label(name))

    def finish(self, name: str, seconds: float, result: dict | None) -> None:
        if self.quiet:
            return
        if self._bar is not None:
            self._bar.advance(self._task)
            if self._bar.finished:
                self.close()
        self.echo(f"  {self._position(name)}{self.label(name)} 完成（{seconds:.1f} 秒）")
        self.current = None

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def _position(self, name: str) -> str:
        return f"[{list(STAGE_LABELS).index(name) + 1}/{len(STAGE_LABELS)}] "

    def _open_bar(self) -> None:
        # rich comes with Prefect; imported only when a terminal will show the bar
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._bar = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total} 阶段"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._task = self._bar.add_task("准备", total=len(STAGE_LABELS))
        self._bar.start()
