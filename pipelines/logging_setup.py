"""Logging for the CLI: a structured log file per run, and the terminal kept quiet."""

import logging
import sys
from pathlib import Path

FILE_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


def configure_console(verbose: bool) -> None:
    """Library logs reach the terminal only with --verbose; the CLI prints its own lines."""
    root = logging.getLogger("pipelines")
    root.setLevel(logging.INFO)
    # Prefect installs a console handler on the root logger; ours must not echo through it.
    root.propagate = False
    if verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
        root.addHandler(handler)


def file_handler(path: Path) -> logging.Handler:
    """Attach a handler writing the run's log to `path`; the caller closes it."""
    handler = _ClosingFileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FILE_FORMAT))
    logging.getLogger("pipelines").addHandler(handler)
    return handler


class _ClosingFileHandler(logging.FileHandler):
    def close(self) -> None:
        logging.getLogger("pipelines").removeHandler(self)
        super().close()
