"""Write a run's files into a temporary folder and move it into place only on success.

A run killed at any point leaves at most a temporary folder behind; the next run for the same
output folder clears it (and puts back a previous folder caught half-way through the final
swap), so an interrupted night never blocks or changes the next one.
"""

import datetime as dt
import logging
import os
import re
import shutil
import zipfile
from pathlib import Path

logger = logging.getLogger(__name__)

# xlsx writers stamp the moment of writing into docProps/core.xml; a re-run must not differ
CORE_PROPERTIES = "docProps/core.xml"
STAMPS = re.compile(r"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def work_dir_for(out_dir: Path) -> Path:
    """A fresh temporary folder beside `out_dir` (same file system, so rename is atomic)."""
    recover_interrupted(out_dir)
    work_dir = out_dir.parent / f".{out_dir.name}.partial-{os.getpid()}"
    work_dir.mkdir(parents=True)
    return work_dir


def recover_interrupted(out_dir: Path) -> None:
    """Undo what an interrupted run for `out_dir` left behind.

    Its temporary folders are removed; a previous output folder that was set aside for the
    swap but never replaced goes back in place.
    """
    if not out_dir.parent.exists():
        return
    for partial in sorted(out_dir.parent.glob(f".{out_dir.name}.partial-*")):
        shutil.rmtree(partial, ignore_errors=True)
        logger.warning("Removed %s, left by an interrupted run.", partial.name)
    for previous in sorted(out_dir.parent.glob(f".{out_dir.name}.previous-*")):
        if out_dir.exists():
            shutil.rmtree(previous, ignore_errors=True)
        else:
            previous.rename(out_dir)
            logger.warning("Put back %s, set aside by an interrupted run.", out_dir.name)


def publish(work_dir: Path, out_dir: Path) -> None:
    """Replace `out_dir` by `work_dir`; the old folder survives until the new one is in place."""
    old = out_dir.parent / f".{out_dir.name}.previous-{os.getpid()}"
    if out_dir.exists():
        out_dir.rename(old)
    work_dir.rename(out_dir)
    if old.exists():
        shutil.rmtree(old)


def stamp_workbooks(folder: Path, run_date: dt.date) -> int:
    """Set every xlsx's creation and modification time to the run date; returns how many.

    With it, running the same night again writes the same bytes.
    """
    stamp = f"{run_date.isoformat()}T00:00:00Z"
    paths = sorted(folder.rglob("*.xlsx"))
    for path in paths:
        _restamp(path, stamp)
    return len(paths)


def _restamp(path: Path, stamp: str) -> None:
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    rewritten = path.with_name(path.name + ".stamping")
    with zipfile.ZipFile(rewritten, "w") as target:
        for info, data in members:
            if info.filename == CORE_PROPERTIES:
                data = STAMPS.sub(rf"\g<1>{stamp}\g<3>", data.decode("utf-8")).encode("utf-8")
            target.writestr(info, data)
    rewritten.replace(path)


def discard(work_dir: Path) -> None:
    shutil.rmtree(work_dir, ignore_errors=True)


def failed_log_path(out_dir: Path) -> Path:
    return out_dir.parent / f"{out_dir.name}.failed.log"


def keep_failed_log(work_dir: Path, out_dir: Path) -> None:
    """Move a failed run's log beside the output folder, where the CLI's message points."""
    log = work_dir / "run.log"
    if log.exists():
        shutil.move(log, failed_log_path(out_dir))
