"""The office's own 生源地主管单位 file, laid over the shipped authorities table.

No public national list of these bodies exists (reference_data/README.md), so the office keeps
its own, verified list. Its rows replace the shipped rows of the same region code; regions it
does not name keep the shipped row. A student whose region matches no row is held back from
the mailing list with a reason, never sent to a guessed body.
"""

import logging
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.errors import MissingColumnError, MissingFileError, QuxiangInputError
from pipelines.ingest.readers import read_file
from pipelines.warehouse import fetch_frame, write_frame

logger = logging.getLogger(__name__)

REQUIRED_COLUMNS = ("region_code", "org_name")


def apply_authority_overrides(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Replace ref_authorities rows by the office's rows for the same region codes.

    Returns the number of rows taken from the office's file.
    """
    office = read_authorities(path)
    shipped = fetch_frame(con, "select * from ref_authorities")
    kept = shipped[~shipped["region_code"].isin(office["region_code"])]
    merged = pd.concat([office.reindex(columns=shipped.columns), kept], ignore_index=True)
    write_frame(con, "ref_authorities", merged.sort_values("region_code", kind="stable"))
    logger.info("Authorities: %d rows from the office's file, %d shipped rows kept.",
                len(office), len(kept))
    return len(office)


def read_authorities(path: Path) -> pd.DataFrame:
    """The office's file (xlsx or CSV, same columns as reference_data/authorities.csv)."""
    if not path.is_file():
        raise MissingFileError(path, "文件不存在或不是文件", "请检查 --authorities 的路径")
    sheet = read_file(path).sheets[0]
    rows = [row.cells for row in sheet.open_rows() if any(c.strip() for c in row.cells)]
    if not rows:
        raise QuxiangInputError(
            path, "文件中没有任何数据", "请按 reference_data/authorities.csv 的列填写后重试"
        )
    header = [cell.strip() for cell in rows[0]]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise MissingColumnError(
            path, f"缺少列 {'、'.join(missing)}",
            "请使用与 reference_data/authorities.csv 相同的表头"
            "（region_code, org_name, address …）",
        )
    frame = pd.DataFrame([_padded(cells, len(header)) for cells in rows[1:]], columns=header)
    frame = frame.map(str.strip).replace("", None)
    _check_codes(path, frame)
    return frame


def _check_codes(path: Path, frame: pd.DataFrame) -> None:
    for number, code in enumerate(frame["region_code"], start=2):
        if code is None or not code.isdigit() or len(code) not in (2, 4, 6):
            raise QuxiangInputError(
                path,
                f"第 {number} 行 region_code 为“{code or ''}”，不是 2、4 或 6 位行政区划代码",
                "请填写省（2位）、地市（4位）或区县（6位）代码，如 35、3501、350125",
            )


def _padded(cells: list[str], width: int) -> list[str]:
    return (cells + [""] * width)[:width]
