"""Benchmark of reading alone: rows per second and peak memory of ingesting one large export.

    python -m pipelines.ingest.bench make --rows 1000000 --format csv data/bench/read_1m.csv
    python -m pipelines.ingest.bench read data/bench/read_1m.csv [--python-reader]

`make` writes a synthetic export (the whole-flow benchmark's generator; xlsx row by row in
xlsxwriter's constant-memory mode). `read` streams it into a fresh warehouse exactly as the
ingest stage does and reports the figures; run it in its own process so that the peak
resident memory it reports belongs to reading only.
"""

import argparse
import json
import logging
import resource
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from pipelines.ingest.stage import load_raw_table

logger = logging.getLogger(__name__)


def make_export(path: Path, rows: int, file_format: str) -> Path:
    """Write a synthetic export of `rows` registrations as CSV or xlsx."""
    from pipelines.ops.bench_data import bench_frame, write_bench_export

    if file_format == "csv":
        return write_bench_export(path, rows)
    import xlsxwriter

    frame = bench_frame(rows, seed=20250630)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("导出")
    sheet.write_row(0, 0, list(frame.columns))
    for number, values in enumerate(frame.itertuples(index=False, name=None), 1):
        sheet.write_row(number, 0, ["" if value is None else str(value) for value in values])
    workbook.close()
    logger.info("Wrote a synthetic xlsx export of %d rows to %s.", len(frame), path)
    return path


def measure_read(path: Path, fast_text: bool = True) -> dict:
    """Read `path` into raw_registrations of a temporary warehouse; the figures as a dict.

    `fast_text=False` keeps a clean CSV on the line-by-line reader, for comparison.
    """
    with tempfile.TemporaryDirectory() as folder:
        con = duckdb.connect(str(Path(folder) / "bench.duckdb"))
        started = time.perf_counter()
        cpu_started = time.process_time()
        extracted = load_raw_table(
            con, "raw_registrations", "registrations", [path], fast_text=fast_text
        )
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
        con.close()
    rows = sum(e.rows_in for e in extracted)
    # ru_maxrss is in KiB on Linux
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "file": path.name,
        "size_mb": round(path.stat().st_size / 2**20, 1),
        "rows": rows,
        "reader": ",".join(sorted({e.reader for e in extracted})),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu_seconds, 2),
        "rows_per_second": round(rows / seconds),
        "peak_rss_mb": round(peak_mb),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.ingest.bench")
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("make", help="write a synthetic export")
    make.add_argument("--rows", type=int, required=True)
    make.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    make.add_argument("path", type=Path)
    read = commands.add_parser("read", help="measure reading one export")
    read.add_argument("path", type=Path)
    read.add_argument(
        "--python-reader", action="store_true", help="read a clean CSV line by line (before)"
    )
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.command == "make":
        make_export(args.path, args.rows, args.format)
    else:
        figures = measure_read(args.path, fast_text=not args.python_reader)
        sys.stdout.write(json.dumps(figures, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
