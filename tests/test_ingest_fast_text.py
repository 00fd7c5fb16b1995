"""The DuckDB path for clean text files gives exactly the rows the Python reader gives."""

import codecs

import pytest

from pipelines.ingest.extract import extract_file
from tests.conftest import DATA, QUIRKS
from tests.test_ingest_hostile import INGEST

HEADER = "学号,姓名,学院,辅导员,备注,QQ号\n"
# title rows, padded one-cell and empty rows, a footer, whitespace-only cells, an empty 学号,
# characters JSON escapes in an unknown column, and empty lines at the end
ODD_BUT_CLEAN = (
    "2025届毕业去向登记\n导出时间：2025-06-30\n"
    + HEADER
    + '2021010001,甲测一,机械工程学院,周老师,"引号""反斜杠\\ 制表\t 控制\x01 分隔\u2028 😀",1\n'
    + ",,,,,\n"
    + "2021010002,乙测二,,,,\n"
    + "\u3000,乙测三,管理学院,冯老师,,\n"
    + "\u3000,\u00a0,\u2003,,,\n"
    + "2021010004,丁测四,外语学院,陈老师,,\n"
    + "合计：4人,,,,,\n"
    + ",,,导出人：张老师,,\n"
    + "\n\n"
)


def both(path, encoding=None):
    python = extract_file(path, "registrations", encoding, fast_text=False)
    fast = extract_file(path, "registrations", encoding)
    return python, fast


def assert_same(python, fast):
    assert fast.records == python.records
    assert fast.quarantined == python.quarantined
    assert (fast.rows_in, fast.blank_rows, fast.footer_rows) == (
        python.rows_in,
        python.blank_rows,
        python.footer_rows,
    )


@pytest.mark.parametrize(
    "path",
    [
        DATA / "pipeline" / "export.csv",
        INGEST / "unknown-columns-a.csv",
        INGEST / "repeated-columns.csv",
        INGEST / "semicolon.csv",
        INGEST / "only-student-id.csv",
        INGEST / "stray-quote.csv",
        QUIRKS / "utf8-bom-header.csv",
        QUIRKS / "gb18030-rare-name.csv",
        QUIRKS / "fake-xls-gbk-tsv.xls",
        QUIRKS / "invisible-chars.csv",
    ],
    ids=lambda path: path.name,
)
def test_clean_files_take_the_duckdb_path_with_identical_rows(path):
    python, fast = both(path)

    assert (python.reader, fast.reader) == ("python", "duckdb")
    assert_same(python, fast)


def test_title_rows_footers_blank_rows_and_escapes_come_out_alike(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_bytes(ODD_BUT_CLEAN.encode())
    python, fast = both(path)

    assert fast.reader == "duckdb"
    assert_same(python, fast)
    assert [r["source_row"] for r in fast.records] == [4, 6, 9]
    assert fast.records[0]["extra"] == (
        '{"QQ号": "1", "备注": "引号\\"反斜杠\\\\ 制表\\t 控制\\u0001 分隔\u2028 😀"}'
    )
    assert [(q["source_row"], q["reason"]) for q in fast.quarantined] == [
        (7, "学号为空，无法确定是哪位学生")
    ]
    assert (fast.blank_rows, fast.footer_rows) == (4, [10, 11])


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "utf-16"])
def test_crlf_line_ends_and_other_encodings_come_out_alike(tmp_path, encoding):
    text = (HEADER + '2021010001,甲测一,机械工程学院,周老师,"第一行\n第二行",1\n'
            + "2021010002,䶮测二,管理学院,冯老师,,\n").replace("\n", "\r\n")  # fmt: skip
    path = tmp_path / "crlf.csv"
    path.write_bytes(text.encode(encoding))
    python, fast = both(path)

    assert fast.reader == "duckdb"
    assert_same(python, fast)
    assert '"备注": "第一行\\r\\n第二行"' in fast.records[0]["extra"]
    assert [r["source_row"] for r in fast.records] == [2, 3]


QUIRKY = {
    "blank-line-between": HEADER + "2021010001,甲,,,,\n\n2021010002,乙,,,,\n",
    "lone-cr": HEADER + "2021010001,甲,,,a\rb,\n",
    "space-after-quote": HEADER + '2021010001,"甲" ,,,,\n',
    "ragged": HEADER + "2021010001,甲,,,,\n2021010002,乙\n",
    "too-many": HEADER + "2021010001,甲,,,,,x\n",
    "nul": HEADER + "2021010001,甲\x00,,,,\n",
    "old-mac": (HEADER + "2021010001,甲,,,,\n").replace("\n", "\r"),
    "quote-inside": HEADER + '2021010001,"甲"乙,,,,\n',
    "multi-line-title": '"2025届\n毕业去向"\n' + HEADER + "2021010001,甲,,,,\n",
}


@pytest.mark.parametrize("name", sorted(QUIRKY))
def test_quirky_files_are_left_to_the_python_reader(tmp_path, name):
    path = tmp_path / f"{name}.csv"
    path.write_bytes(QUIRKY[name].encode())
    python, fast = both(path)

    assert fast.reader == "python"
    assert_same(python, fast)


def test_broken_quoting_keeps_its_reasons_on_the_python_path():
    python, fast = both(INGEST / "broken-quoting.csv")

    assert fast.reader == "python"
    assert_same(python, fast)
    assert [q["source_row"] for q in fast.quarantined] == [3, 4]


def test_a_stray_quote_that_swallows_a_record_is_quarantined_naming_the_lines():
    extracted = extract_file(INGEST / "stray-quote.csv", "registrations")

    assert extracted.reader == "duckdb"
    assert [(r["source_row"], r["student_id"]) for r in extracted.records] == [
        (2, "2021010001"),
        (4, "2021010004"),
    ]
    assert [(q["source_row"], q["reason"]) for q in extracted.quarantined] == [
        (
            3,
            "引号可能不成对：文本第 3–4 行被读成了一行，其中第 4 行以学号 2021010003 开头，"
            "像是另一位学生的记录；请检查文本第 3 行单元格里的双引号，改正后重新导出",
        )
    ]


def test_utf16_with_bom_is_read_by_duckdb_after_re_encoding(tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + (HEADER.replace(",", "\t") + "2021010001\t甲\t\t\t\t\n")
                     .encode("utf-16-le"))  # fmt: skip
    python, fast = both(path)

    assert fast.reader == "duckdb"
    assert_same(python, fast)
    assert [r["student_id"] for r in fast.records] == ["2021010001"]
