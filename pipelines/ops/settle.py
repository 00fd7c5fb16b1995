"""Wait for input files to stop changing before a scheduled run reads them.

The platform's export lands on the office share by a copy that may still be running when the
schedule fires. A file whose size or modification time changed within the last few seconds
is treated as still being written; the caller (a Prefect task with retries) tries again.
"""

import logging
import time
from pathlib import Path

from pipelines.errors import MissingFileError

logger = logging.getLogger(__name__)

SETTLE_SECONDS = 10.0


class InputStillChangingError(RuntimeError):
    """An input file changed during the settle window; reading it now would see half a file."""


def wait_until_settled(paths: list[str], settle_seconds: float = SETTLE_SECONDS) -> int:
    """Return the number of files checked once none changed for `settle_seconds`.

    A missing file is an error at once: waiting would not make it appear by morning.
    """
    before = {path: _signature(Path(path)) for path in paths}
    time.sleep(settle_seconds)
    changed = [path for path in paths if _signature(Path(path)) != before[path]]
    if changed:
        logger.warning("%d input files are still being written; retrying later.", len(changed))
        raise InputStillChangingError(f"{len(changed)} 个输入文件仍在写入：{'、'.join(changed)}")
    logger.info("%d input files are settled.", len(paths))
    return len(paths)


def _signature(path: Path) -> tuple[int, int]:
    if not path.is_file():
        raise MissingFileError(path, "文件不存在", "请检查计划任务配置中的路径和文件名")
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns
