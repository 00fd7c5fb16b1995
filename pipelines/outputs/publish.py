"""Write a run's files into a temporary folder and move it into place only on success."""

import os
import shutil
from pathlib import Path


def work_dir_for(out_dir: Path) -> Path:
    """A fresh temporary folder beside `out_dir` (same file system, so rename is atomic)."""
    work_dir = out_dir.parent / f".{out_dir.name}.partial-{os.getpid()}"
    if work_dir.exists():
        shutil.rmtree(work_dir)
    work_dir.mkdir(parents=True)
    return work_dir


def publish(work_dir: Path, out_dir: Path) -> None:
    """Replace `out_dir` by `work_dir`; the old folder survives until the new one is in place."""
    old = out_dir.parent / f".{out_dir.name}.previous-{os.getpid()}"
    if out_dir.exists():
        out_dir.rename(old)
    work_dir.rename(out_dir)
    if old.exists():
        shutil.rmtree(old)


def discard(work_dir: Path) -> None:
    shutil.rmtree(work_dir, ignore_errors=True)


def failed_log_path(out_dir: Path) -> Path:
    return out_dir.parent / f"{out_dir.name}.failed.log"


def keep_failed_log(work_dir: Path, out_dir: Path) -> None:
    """Move a failed run's log beside the output folder, where the CLI's message points."""
    log = work_dir / "run.log"
    if log.exists():
        shutil.move(log, failed_log_path(out_dir))
