"""Peak memory and wall time of a piece of work, sampled while it runs."""

import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

import psutil

SAMPLE_SECONDS = 0.05


@dataclass
class Measurement:
    seconds: float = 0.0
    peak_rss_bytes: int = 0
    # CPU seconds of this process: on a shared machine wall time also counts others' work
    cpu_seconds: float = 0.0

    @property
    def peak_mb(self) -> float:
        return self.peak_rss_bytes / 2**20


@contextmanager
def measured():
    """Time the block and sample this process's resident memory (and its children's).

    >>> with measured() as result:
    ...     data = b"x" * (50 * 2**20)
    >>> result.peak_mb > 50, result.seconds > 0
    (True, True)
    """
    result = Measurement()
    process = psutil.Process()
    stop = threading.Event()

    def sample() -> None:
        while True:
            result.peak_rss_bytes = max(result.peak_rss_bytes, _rss(process))
            if stop.wait(SAMPLE_SECONDS):
                return

    sampler = threading.Thread(target=sample, daemon=True)
    started = time.perf_counter()
    cpu_started = _cpu(process)
    sampler.start()
    try:
        yield result
    finally:
        result.peak_rss_bytes = max(result.peak_rss_bytes, _rss(process))
        stop.set()
        sampler.join()
        result.seconds = time.perf_counter() - started
        result.cpu_seconds = _cpu(process) - cpu_started


def _cpu(process: psutil.Process) -> float:
    times = process.cpu_times()
    return times.user + times.system + times.children_user + times.children_system


def _rss(process: psutil.Process) -> int:
    total = process.memory_info().rss
    for child in process.children(recursive=True):
        try:
            total += child.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total
