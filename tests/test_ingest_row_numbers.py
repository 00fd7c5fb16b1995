"""行号 of a text export is the row Excel/WPS shows; broken quoting names text lines."""

import pytest

from pipelines.errors import QuxiangInputError
from pipelines.ingest.extract import extract_file
from pipelines.ingest.reconcile import reconciliation_lines

HEADER = "学号,姓名,学院,毕业去向\n"


def record(number: int, last: str = "待就业") -> str:
    return f"20210100{number:02d},学生{number},法学院,{last}\n"


def write(tmp_path, text: str):
    path = tmp_path / "导出.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("fast_text", [True, False])
def test_a_cell_with_a_line_break_is_one_row_as_in_excel(tmp_path, fast_text):
    # data row 5 holds a two-line cell (text lines 5-6); row 6 has a cell too many (text
    # line 7); a blank line is row 7 in Excel, so the last record is row 8 (text line 9)
    path = write(
        tmp_path,
        HEADER + record(1) + record(2) + record(3)
        + '2021010004,学生4,法学院,"单位：上海某某公司\n岗位：会计"\n'
        + "2021010005,学生5,法学院,待就业,多余\n\n" + record(6),
    )  # fmt: skip
    extracted = extract_file(path, "registrations", fast_text=fast_text)

    assert [(r["source_row"], r["student_id"]) for r in extracted.records] == [
        (2, "2021010001"), (3, "2021010002"), (4, "2021010003"), (5, "2021010004"),
        (8, "2021010006"),
    ]  # fmt: skip
    assert [(q["source_row"], q["reason"]) for q in extracted.quarantined] == [
        (6, "本行有 5 个单元格，多于表头的 4 列（可能是内容里有未加引号的逗号）")
    ]
    assert extracted.blank_rows == 1


def test_the_fast_reader_numbers_rows_after_a_multi_line_cell_as_excel_does(tmp_path):
    path = write(
        tmp_path,
        HEADER + record(1) + record(2) + record(3)
        + '2021010004,学生4,法学院,"第一行\n第二行"\n' + record(5),
    )  # fmt: skip
    extracted = extract_file(path, "registrations")

    assert extracted.reader == "duckdb"
    assert [r["source_row"] for r in extracted.records] == [2, 3, 4, 5, 6]


@pytest.mark.parametrize("fast_text", [True, False])
def test_a_quote_running_a_few_lines_together_is_quarantined_and_named(tmp_path, fast_text):
    # row 4 opens a quote that closes at the end of text line 6, at the same column: the
    # two records between are held in its last cell
    path = write(
        tmp_path,
        HEADER + record(1) + record(2) + '2021010003,学生3,法学院,"待就业\n'
        + record(4) + '2021010005,学生5,法学院,待就业"\n' + record(6),
    )  # fmt: skip
    extracted = extract_file(path, "registrations", fast_text=fast_text)

    assert [r["source_row"] for r in extracted.records] == [2, 3, 5]
    assert extracted.swallowed == [(4, 4, 6)]
    assert [q["source_row"] for q in extracted.quarantined] == [4]

    entry = {"kind": "exports", "file": str(path), "rows_in": 4, "rows_loaded": 3,
             "rows_quarantined": 1,
             "quote_swallowed": [{"row": 4, "first_line": 4, "last_line": 6}]}  # fmt: skip
    assert reconciliation_lines([entry]) == [
        "  导出 导出.csv：读入 4 行 = 入库 3 行 + 隔离 1 行"
        "（其中 1 行因引号不成对，由文本 3 行拼成）",
        "  警告：导出.csv 第 4 行的双引号没有配对，文本第 4–6 行（共 3 行）被读成了一行并已隔离，"
        "这些行上的学生没有入库；请改正文本第 4 行的双引号后重新导出，再重新运行",
    ]


@pytest.mark.parametrize("fast_text", [True, False])
def test_a_quote_never_closed_stops_the_run_naming_the_lines_lost(tmp_path, fast_text):
    # text line 4 opens a quote that never closes: lines 4-10 would be one quarantined row
    path = write(
        tmp_path,
        HEADER + record(1) + record(2) + '2021010003,学生3,法学院,"上海某某公司\n'
        + "".join(record(n) for n in range(4, 10)),
    )  # fmt: skip
    with pytest.raises(QuxiangInputError) as raised:
        extract_file(path, "registrations", fast_text=fast_text)

    assert raised.value.sentence() == (
        f"文件 {path}：第 4 行的单元格里有一个没有配对的双引号：文本第 4–10 行（共 7 行）"
        "被读成了一行，这些行上的学生都无法入库，落实率和各项统计都会缺少他们。"
        "请改正文本第 4 行单元格里的双引号（成对或删去）后重新导出，再重新运行"
    )
