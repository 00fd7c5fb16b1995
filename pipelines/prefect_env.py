"""Prefect settings for an offline office machine; applied before Prefect is imported.

Prefect's local mode starts a temporary API server (15-25 s on two cores, close to its default
start-up timeout) and would send telemetry to the internet; neither may surprise the clerk.
Values already set in the environment win, so a Prefect server can be configured outside.

The temporary server is Prefect's child process: a run killed with SIGKILL leaves it running,
because nothing in the killed process gets to stop it. Prefect offers no parent-death hook for
it; runs against the project's own server (`quxiang server start`) start no temporary one.
"""

import os

from pipelines.paths import REPO_ROOT

DEFAULTS = {
    "PREFECT_HOME": str(REPO_ROOT / ".prefect"),
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    # 120 s was measured too short on two cores shared with other jobs (load average 17)
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "300",
    # Prefect's own console output repeats task exceptions with tracebacks; the CLI reports
    # failures itself in one Chinese sentence and keeps details in the run's log file.
    "PREFECT_LOGGING_LEVEL": "CRITICAL",
    "PREFECT_LOGGING_TO_API_ENABLED": "false",
    "GX_ANALYTICS_ENABLED": "false",
}


def configure_prefect() -> None:
    for name, value in DEFAULTS.items():
        os.environ.setdefault(name, value)
