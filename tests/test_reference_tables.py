import csv

import pytest

from pipelines.reference import REFERENCE_DIR

OWN_TABLES = (
    "authorities",
    "countries",
    "country_aliases",
    "destinations",
    "industries",
    "platform_destinations",
    "postcode_prefixes",
    "regions",
    "unit_categories",
    "unit_nature_aliases",
    "unit_natures",
)


def read(stem: str) -> list[dict[str, str]]:
    with (REFERENCE_DIR / f"{stem}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def column(stem: str, name: str) -> set[str]:
    return {row[name] for row in read(stem)}


@pytest.mark.parametrize("stem", OWN_TABLES)
def test_file_is_plain_utf8_sorted_with_lf(stem):
    data = (REFERENCE_DIR / f"{stem}.csv").read_bytes()
    with (REFERENCE_DIR / f"{stem}.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:]

    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in data
    assert rows == sorted(rows)


def test_destination_codes():
    expected = {
        "10",
        "11",
        "12",
        "27",
        "271",
        "46",
        "50",
        "502",
        "503",
        "51",
        "512",
        "519",
        "70",
        "71",
        "72",
        "75",
        "76",
        "77",
        "80",
        "801",
        "802",
        "85",
    }

    assert column("destinations", "code") == expected


def test_destination_groups_and_flags():
    rows = read("destinations")

    assert {row["group_2024"] for row in rows} <= {
        "单位就业",
        "自主创业",
        "自由职业",
        "升学",
        "未就业",
        "暂不就业",
    }
    assert {row["group_2021"] for row in rows} <= {
        "协议和合同就业",
        "灵活就业",
        "自主创业",
        "升学",
        "未就业",
        "暂不就业",
    }
    assert {row["status"] for row in rows} <= {
        "confirmed",
        "confirmed-secondary",
        "uncertain",
        "legacy",
    }
    assert {row["code"] for row in rows if row["is_abroad"] == "true"} == {"85"}
    assert {row["code"] for row in rows if row["is_placed"] == "false"} == {"70", "71", "72"}
    assert {row["parent_code"] for row in rows} - {""} <= column("destinations", "code")


def test_platform_destinations_point_to_known_codes():
    rows = read("platform_destinations")
    keys = [(row["destination"], row["sub_destination"]) for row in rows]

    assert {row["national_code"] for row in rows} <= column("destinations", "code")
    assert {row["unit_category"] for row in rows} - {""} <= column("unit_categories", "name")
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(
    "destination, sub_destination, code",
    [
        ("派遣(签订就业协议书)", "一般单位录用", "10"),
        ("派遣(签订就业协议书)", "部队录用", "46"),
        ("合同就业", "", "11"),
        ("灵活就业", "自由职业", "76"),
        ("考研", "", "801"),
        ("出国", "", "85"),
        ("国家地方项目", "西部计划", "503"),
        ("签劳动合同形式就业", "", "11"),
        ("境内升学—研究生", "", "801"),
        ("801", "", "801"),
    ],
)
def test_platform_labels(destination, sub_destination, code):
    rows = read("platform_destinations")
    found = [
        row["national_code"]
        for row in rows
        if (row["destination"], row["sub_destination"]) == (destination, sub_destination)
    ]

    assert found == [code]


def test_regions_hierarchy():
    rows = read("regions")
    codes = {row["code"]: row for row in rows}
    lengths = {"province": 2, "prefecture": 4, "county": 6}

    assert len(codes) == len(rows)
    assert all(len(row["code"]) == lengths[row["level"]] for row in rows)
    assert all(row["parent_code"] in codes for row in rows if row["parent_code"])
    assert all(row["code"].startswith(row["parent_code"]) for row in rows)
    assert all(row["province_code"] == row["code"][:2] for row in rows)
    assert {row["status"] for row in rows} == {"current", "former", "local"}


def test_region_provinces():
    provinces = {
        row["code"]
        for row in read("regions")
        if row["level"] == "province" and row["status"] == "current"
    }

    assert len(provinces) == 34
    assert {"71", "81", "82"} <= provinces


def test_industries_have_20_sections_and_97_divisions():
    rows = read("industries")
    sections = [row["code"] for row in rows if row["level"] == "section"]
    divisions = [row for row in rows if row["level"] == "division"]

    assert sections == list("ABCDEFGHIJKLMNOPQRST")
    assert [row["code"] for row in divisions] == [f"{n:02d}" for n in range(1, 98)]
    assert {row["section"] for row in divisions} == set(sections)


def test_unit_natures_and_aliases():
    natures = read("unit_natures")

    assert {row["code"] for row in natures if row["status"] == "legacy"} == {"25", "35"}
    assert {row["report_group"] for row in natures} <= {
        "机关",
        "事业单位",
        "国有企业",
        "三资企业",
        "其他企业",
        "部队",
        "基层",
        "其他",
    }
    assert column("unit_nature_aliases", "code") <= column("unit_natures", "code")


def test_countries_and_aliases():
    countries = {row["alpha2"]: row for row in read("countries")}

    assert countries["GB"]["name_zh"] == "英国"
    assert countries["AF"]["numeric"] == "004"
    assert column("country_aliases", "alpha2") <= set(countries)


def test_postcode_prefixes_cover_every_mainland_province():
    mainland = {
        row["code"]
        for row in read("regions")
        if row["level"] == "province"
        and row["code"] not in {"71", "81", "82", "99"}
        and row["status"] == "current"
    }

    assert column("postcode_prefixes", "province_code") >= mainland
    assert column("postcode_prefixes", "province_code") <= column("regions", "code")


def test_authorities_are_marked_unverified():
    rows = read("authorities")

    assert len(rows) == 31
    assert {row["status"] for row in rows} == {"unverified"}
    assert all(row["postcode"] == "" and row["address"] == "" for row in rows)
