"""A synthetic export of any size for the benchmark, written as CSV without a row loop.

A pool of rows comes from the sample generator (real places, the platform's destination mix,
checksum-valid credit codes of a few thousand employers); the N rows of the export are drawn
from the pool and then made unique per student with arrays: 学号 numbered, 身份证号 born anew
with its check digit. Mistakes are planted at rates like a real night's export, so validation
does the same amount of work per row as it would on real data.
"""

import logging
import random
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from pipelines.sample.employers import make_employers, make_schools
from pipelines.sample.identities import ORIGINS
from pipelines.sample.registrations import HEADERS, student_row

logger = logging.getLogger(__name__)

POOL_ROWS = 20_000
EMPLOYERS = 3_000

# Share of rows that carry each kind of mistake, as seen in a night's export.
MISTAKE_RATES = {
    "credit_code_check_digit": 0.010,
    "id_check_digit": 0.005,
    "short_postcode": 0.005,
    "bad_phone": 0.005,
    "bad_email": 0.003,
    "impossible_date": 0.005,
    "salary_text": 0.010,
    "empty_student_id": 0.002,
    "exact_repeat": 0.003,
}

ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
ID_CHECK = np.array(list("10X98765432"))


def write_bench_export(path: Path, rows: int, seed: int = 20250630) -> Path:
    """Write an export of `rows` registrations (plus planted repeats) to `path` as UTF-8 CSV."""
    frame = bench_frame(rows, seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pa_csv.write_csv(table, path, pa_csv.WriteOptions(quoting_style="needed"))
    logger.info("Wrote a synthetic export of %d rows to %s.", len(frame), path)
    return path


def bench_frame(rows: int, seed: int) -> pd.DataFrame:
    """N registrations drawn from the pool, unique per student, with mistakes planted.

    >>> frame = bench_frame(1000, seed=1)
    >>> len(frame) >= 1000, frame["学号"].iloc[0], frame["身份证号"].str.len().eq(18).all()
    (True, '2025000000001', np.True_)
    """
    generator = np.random.default_rng(seed)
    pool = _pool(random.Random(seed), min(rows, POOL_ROWS))
    frame = pool.iloc[generator.integers(0, len(pool), rows)].reset_index(drop=True)

    # make every row a different student
    frame["学号"] = [f"2025{number:09d}" for number in range(1, rows + 1)]
    frame["身份证号"] = _id_numbers(generator, frame["生源地"], frame["性别"])

    return _plant_mistakes(generator, frame)


def _pool(rng: random.Random, size: int) -> pd.DataFrame:
    employers, schools = make_employers(rng, min(EMPLOYERS, max(size // 10, 40))), make_schools(rng)
    return pd.DataFrame(
        [student_row(rng, number, employers, schools) for number in range(1, size + 1)],
        columns=list(HEADERS),
        dtype="str",
    )


def _id_numbers(generator: np.random.Generator, origins: pd.Series, genders: pd.Series) -> list:
    """18-digit 身份证号 for the origin's county, born 2002-2004, parity by gender."""
    county = origins.map({origin: code for origin, code, _ in ORIGINS}).to_numpy(dtype=str)
    birth = pd.to_datetime("2002-01-01") + pd.to_timedelta(
        generator.integers(0, 3 * 365, len(origins)), unit="D"
    )
    sequence = generator.integers(0, 500, len(origins)) * 2 + (genders == "男").to_numpy()
    body = (
        pd.Series(county) + birth.strftime("%Y%m%d").to_numpy(dtype=str) + _zero_pad(sequence, 3)
    ).to_numpy(dtype=str)
    digits = np.frombuffer(body.astype("S17").tobytes(), dtype=np.uint8).reshape(-1, 17) - 48
    check = ID_CHECK[(digits @ ID_WEIGHTS) % 11]
    return list(np.char.add(body, check))


def _zero_pad(numbers: np.ndarray, width: int) -> np.ndarray:
    return np.char.zfill(numbers.astype(str), width)


def _plant_mistakes(generator: np.random.Generator, frame: pd.DataFrame) -> pd.DataFrame:
    """Return a new frame with each kind of mistake on its share of rows."""
    frame = frame.copy()

    def chosen(kind: str, among: pd.Series | None = None) -> np.ndarray:
        hit = generator.random(len(frame)) < MISTAKE_RATES[kind]
        return hit & (among.to_numpy() if among is not None else True)

    has_unit = frame["社会信用代码"].ne("")
    rows = chosen("credit_code_check_digit", has_unit)
    codes = frame.loc[rows, "社会信用代码"]
    frame.loc[rows, "社会信用代码"] = codes.str[:-1] + codes.str[-1].map(
        lambda last: "1" if last != "1" else "2"
    )
    rows = chosen("id_check_digit")
    ids = frame.loc[rows, "身份证号"]
    frame.loc[rows, "身份证号"] = ids.str[:-1] + ids.str[-1].map(lambda c: "0" if c != "0" else "1")
    frame.loc[chosen("short_postcode", has_unit), "邮编"] = frame["邮编"].str[1:]
    frame.loc[chosen("bad_phone", has_unit), "联系电话"] = "12345"
    frame.loc[chosen("bad_email", has_unit), "E-MAIL"] = "hr at example.com"
    frame.loc[chosen("impossible_date", frame["签订日期"].ne("")), "签订日期"] = "2025-02-30"
    frame.loc[chosen("salary_text", has_unit), "工资"] = "面议"
    frame.loc[chosen("empty_student_id"), "学号"] = ""

    # the platform sometimes exports a row twice
    repeats = frame[chosen("exact_repeat")]
    return pd.concat([frame, repeats], ignore_index=True)
