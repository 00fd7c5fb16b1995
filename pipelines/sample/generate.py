"""Build the bundled sample: a night's exports, evidence manifest and graduate roster.

Synthetic students in real places, a realistic mix of destinations, and the mistakes real
registrations contain, each planted on a known row so that the output can be checked.
"""

import csv
import datetime as dt
import logging
import random
from pathlib import Path

import xlsxwriter

from pipelines.sample.employers import make_employers, make_schools
from pipelines.sample.mistakes import plant_mistakes
from pipelines.sample.registrations import HEADERS, student_row

logger = logging.getLogger(__name__)

SEED = 20250630
SEPARATE_COLLEGE = "外语学院"  # arrives as its own GB18030 CSV, as some colleges send it


def build_sample(folder: Path, students: int = 320) -> dict[str, Path]:
    """Write the sample files into `folder`; returns their paths by role."""
    rng = random.Random(SEED)
    employers, schools = make_employers(rng, 40), make_schools(rng)
    rows = [student_row(rng, number, employers, schools) for number in range(1, students + 1)]
    registered = plant_mistakes(rng, rows[:-12])  # the last twelve never registered

    folder.mkdir(parents=True, exist_ok=True)
    paths = {
        "export": folder / "毕业去向登记导出.xlsx",
        "export_separate": folder / f"毕业去向登记导出_{SEPARATE_COLLEGE}.csv",
        "roster": folder / "毕业生名单.csv",
        "evidence": folder / "佐证材料清单.csv",
    }
    _write_xlsx([r for r in registered if r["学院"] != SEPARATE_COLLEGE], paths["export"])
    _write_csv(
        [r for r in registered if r["学院"] == SEPARATE_COLLEGE],
        HEADERS,
        paths["export_separate"],
        "gb18030",
    )
    _write_csv(
        _roster(rows),
        ("学号", "姓名", "性别", "学院", "专业", "学历", "生源地"),
        paths["roster"],
        "utf-8-sig",
    )
    _write_csv(
        _evidence(rng, registered),
        ("学号", "文件名", "文件大小", "sha256", "上传时间"),
        paths["evidence"],
        "utf-8-sig",
    )
    logger.info(
        "Wrote the sample: %d registrations, %d graduates on the roster.",
        len(registered),
        len(rows),
    )
    return paths


def _write_xlsx(rows: list[dict], path: Path) -> None:
    with xlsxwriter.Workbook(str(path), {"strings_to_numbers": False}) as workbook:
        sheet = workbook.add_worksheet("毕业去向登记")
        sheet.write_row(0, 0, HEADERS)
        for number, row in enumerate(rows, start=1):
            for column, header in enumerate(HEADERS):
                sheet.write_string(number, column, row[header])


def _write_csv(rows: list[dict], headers, path: Path, encoding: str) -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(headers), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def _roster(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda row: row["学号"])


def _evidence(rng: random.Random, rows: list[dict]) -> list[dict]:
    files = []
    for row in rows:
        if not row["学号"] or row["毕业去向"] in ("待就业", "不就业"):
            continue
        files.append(
            {
                "学号": row["学号"],
                "文件名": f"{row['学号']}_去向凭证.pdf",
                "文件大小": str(rng.randint(80_000, 2_000_000)),
                "sha256": f"{rng.getrandbits(256):064x}",
                "上传时间": f"{dt.date.today():%Y-%m-%d} 08:00:00",
            }
        )
    return files
