"""Resolve free-text places (生源地, 所在地区) to GB/T 2260 region codes.

The index is built once from reference_data/regions.csv: official names, their
short forms (福建, 南宁, 恩施州) and former names. A text is read left to right
as province, then prefecture, then county, each level optional; the reading that
consumes the most characters wins. Names that fit several places equally well
("朝阳区") give no code, only the candidates.
"""

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from pipelines.reference.load import REFERENCE_DIR
from pipelines.reference.names import clean_place_text, short_names

# grouping rows of older GB/T 2260 editions (北京市市辖区海淀区): skipped, never coded
GROUPING_TOKENS = ("省直辖县级行政区划", "自治区直辖县级行政区划", "市辖区")

# other words for the project's 境外 row (code 99, not part of GB/T 2260)
EXTRA_ALIASES = {"99": ("国外", "海外", "国(境)外")}


@dataclass(frozen=True)
class RegionMatch:
    """What a place text resolved to.

    status is the region's status in regions.csv (current, former, local) when a
    code was found, "ambiguous" when several places fit equally well (see
    candidates), and "unknown" when nothing fits. rest is the tail of the cleaned
    text that no name matched, e.g. the street part of an address.
    """

    code: str | None
    name: str | None = None
    level: str | None = None
    province_code: str | None = None
    candidates: tuple[str, ...] = ()
    status: str = "unknown"
    rest: str = ""


@dataclass(frozen=True)
class _Region:
    code: str
    name: str
    level: str
    province_code: str
    status: str
    full_name: str


@dataclass(frozen=True)
class _Index:
    regions: dict[str, _Region]
    aliases: dict[str, tuple[str, ...]]
    longest_alias: int
    provinces_with_prefectures: frozenset[str]


def resolve_region(text: str) -> RegionMatch:
    """Resolve a place name or a region code to one region.

    >>> resolve_region("福建省福州市永泰县").code
    '350125'
    >>> resolve_region("广西南宁").name
    '广西壮族自治区南宁市'
    >>> resolve_region("朝阳区").candidates
    ('110105', '220104')
    """
    cleaned = clean_place_text(text or "")
    if not cleaned:
        return RegionMatch(code=None)
    if cleaned.isdigit():
        return _match_code(cleaned)
    return _match_name(cleaned)


def province_of(code: str) -> str:
    """The 2-digit province code of a 2-, 4- or 6-digit region code.

    >>> province_of("350125")
    '35'
    >>> province_of("3501")
    '35'
    >>> province_of("35012")
    Traceback (most recent call last):
    ValueError: not a 2-, 4- or 6-digit region code: '35012'
    """
    if not (code.isdigit() and len(code) in (2, 4, 6)) or code[:2] not in _index().regions:
        raise ValueError(f"not a 2-, 4- or 6-digit region code: {code!r}")
    return code[:2]


def _match_code(digits: str) -> RegionMatch:
    index = _index()
    code = _shorten_code(digits, index)
    region = index.regions.get(code)
    if region is None:
        return RegionMatch(code=None, rest=digits)
    return _found(region)


def _shorten_code(digits: str, index: _Index) -> str:
    """Drop the zero padding of 6- and 12-digit forms: 350100 -> 3501, 350000 -> 35."""
    if len(digits) == 12 and digits.endswith("000000"):
        digits = digits[:6]
    if len(digits) != 6 or not digits.endswith("00"):
        return digits
    if digits.endswith("0000"):
        return digits[:2]
    # 110100 is the 市辖区 grouping of a 直辖市, which has no prefecture level
    if digits[:4] not in index.regions and digits[:2] not in index.provinces_with_prefectures:
        return digits[:2]
    return digits[:4]


def _match_name(text: str) -> RegionMatch:
    index = _index()
    readings = [(end, path) for end, path in _readings(text, 0, None, index) if path]
    if not readings:
        return RegionMatch(code=None, rest=text)

    # keep the readings that consume the most text, then pick among their last codes
    end = max(stop for stop, _ in readings)
    codes = sorted({path[-1] for stop, path in readings if stop == end})
    chosen = _prefer(codes, index)
    if chosen is not None:
        return _found(index.regions[chosen], rest=text[end:])
    provinces = {index.regions[code].province_code for code in codes}
    return RegionMatch(
        code=None,
        province_code=provinces.pop() if len(provinces) == 1 else None,
        candidates=tuple(codes),
        status="ambiguous",
        rest=text[end:],
    )


def _readings(
    text: str, start: int, parent: str | None, index: _Index
) -> list[tuple[int, tuple[str, ...]]]:
    """Every way to read text[start:] as a chain of regions below parent."""
    readings: list[tuple[int, tuple[str, ...]]] = [(start, ())]
    stop = min(len(text), start + index.longest_alias)
    for end in range(start + 1, stop + 1):
        for code in index.aliases.get(text[start:end], ()):
            if parent is None or (len(code) > len(parent) and code.startswith(parent)):
                readings += [
                    (later, (code, *path)) for later, path in _readings(text, end, code, index)
                ]
    if parent is not None and len(parent) < 6:
        for token in GROUPING_TOKENS:
            if text.startswith(token, start):
                readings += _readings(text, start + len(token), parent, index)
    return readings


def _prefer(codes: list[str], index: _Index) -> str | None:
    """One code out of equally good readings, or None when they stay ambiguous."""
    current = [code for code in codes if index.regions[code].status != "former"]
    codes = current or codes
    if len(codes) == 1:
        return codes[0]

    # 吉林 is both the province and its prefecture: the enclosing region wins
    for code in codes:
        if all(other.startswith(code) for other in codes):
            return code

    # 海南 is a province and a prefecture of 青海 (海南藏族自治州): the province wins
    provinces = [code for code in codes if index.regions[code].level == "province"]
    return provinces[0] if len(provinces) == 1 else None


def _found(region: _Region, rest: str = "") -> RegionMatch:
    return RegionMatch(
        code=region.code,
        name=region.full_name,
        level=region.level,
        province_code=region.province_code,
        status=region.status,
        rest=rest,
    )


@functools.cache
def _index(path: Path = REFERENCE_DIR / "regions.csv") -> _Index:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_code = {row["code"]: row for row in rows}
    regions = {row["code"]: _region(row, by_code) for row in rows}

    aliases: dict[str, list[str]] = {}
    for row in rows:
        names = (row["name"], *short_names(row["name"], row["level"]))
        for alias in names + EXTRA_ALIASES.get(row["code"], ()):
            aliases.setdefault(alias, []).append(row["code"])
    return _Index(
        regions=regions,
        aliases={alias: tuple(codes) for alias, codes in aliases.items()},
        longest_alias=max(len(alias) for alias in aliases),
        provinces_with_prefectures=frozenset(
            row["province_code"] for row in rows if row["level"] == "prefecture"
        ),
    )


def _region(row: dict[str, str], by_code: dict[str, dict[str, str]]) -> _Region:
    """A region with its full name, built by walking up parent_code."""
    names = [row["name"]]
    parent = row["parent_code"]
    while parent:
        names.append(by_code[parent]["name"])
        parent = by_code[parent]["parent_code"]
    return _Region(
        code=row["code"],
        name=row["name"],
        level=row["level"],
        province_code=row["province_code"],
        status=row["status"],
        full_name="".join(reversed(names)),
    )
