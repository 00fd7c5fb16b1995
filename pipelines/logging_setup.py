"""Logging for the CLI: one structured log file per run, and the terminal kept quiet.

The run's log is JSON lines so that a morning check (or a log collector) can read stage, rows
and seconds without parsing sentences. Messages count rows and name files; they never carry
names, ID numbers or phone numbers, which is the library modules' contract.
"""

import datetime as dt
import json
import logging
import sys
from pathlib import Path

# Fields a stage may attach with `extra=` that become keys of the JSON line.
STRUCTURED_FIELDS = ("stage", "rows", "seconds", "table", "status")


class JsonLinesFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message and any structured fields.

    >>> record = logging.makeLogRecord(
    ...     {"name": "pipelines.stages", "levelname": "INFO", "msg": "Stage %s done.",
    ...      "args": ("ingest",), "created": 0, "stage": "ingest", "rows": 8, "seconds": 0.5})
    >>> JsonLinesFormatter().format(record)  # doctest: +ELLIPSIS
    '{"at": "1970-01-01T00:00:00+00:00", "level": "INFO", ..., "rows": 8, "seconds": 0.5}'
    """

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "at": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="seconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(
            {key: getattr(record, key) for key in STRUCTURED_FIELDS if hasattr(record, key)}
        )
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_console(verbose: bool, quiet: bool = False) -> None:
    """Library logs (English, for whoever maintains the pipeline) reach the terminal only with
    --verbose; the clerk reads the CLI's own Chinese lines, which repeat every warning."""
    root = logging.getLogger("pipelines")
    root.setLevel(logging.INFO)
    # Prefect installs a console handler on the root logger; ours must not echo through it.
    root.propagate = False
    for handler in [h for h in root.handlers if isinstance(h, _ConsoleHandler)]:
        root.removeHandler(handler)
    if not verbose:
        # without any handler Python would print warnings through its last-resort handler
        if not any(isinstance(h, logging.NullHandler) for h in root.handlers):
            root.addHandler(logging.NullHandler())
        return
    handler = _ConsoleHandler(sys.stderr)
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    root.addHandler(handler)


def file_handler(path: Path) -> logging.Handler:
    """Attach a handler writing the run's JSON-lines log to `path`; `detach` ends it."""
    handler = _RunLogHandler(path, encoding="utf-8")
    handler.setFormatter(JsonLinesFormatter())
    root = logging.getLogger("pipelines")
    # the file records every stage even when the terminal shows only warnings
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    return handler


class _ConsoleHandler(logging.StreamHandler):
    """Marks the terminal handler so a second configuration replaces it."""


def detach(handler: logging.Handler) -> None:
    """Stop writing the run's log: the file is complete and may be moved."""
    logging.getLogger("pipelines").removeHandler(handler)
    handler.close()


class _RunLogHandler(logging.FileHandler):
    """Importing Prefect re-configures logging and closes every existing handler; in append
    mode a closed FileHandler reopens its file on the next record, so the run's log goes on."""
