"""The xlsx writer read back: what each cell becomes, and lists longer than an Excel sheet."""

import openpyxl
import pandas as pd
import pytest

from pipelines.outputs import tables
from pipelines.outputs.findings_files import write_highlighted_workbook
from pipelines.outputs.tables import StreamedSheet, write_workbook

MIXED = pd.DataFrame(
    {
        "学号": pd.Series(["007", "=1+1", "<r>x & y</r>", "-5", None], dtype="str"),
        "身份证号": pd.Series(
            ["110101199003070011", "11010119900307001X", "", "+86 138", "@a"], dtype="str"
        ),
        "人数": [3, 12, 0, 7, 1],
        "平均数": [1.5, None, 2.25, 0.0, -1.0],
        "落实率": [0.5, None, 1.0, 0.0, 0.125],
        # suppressed cells: text and numbers in one column
        "占比": ["—", 0.25, "—", 1.0, None],
        "计入": [True, False, True, True, False],
    }
)


@pytest.fixture
def mixed_sheet(tmp_path):
    path = tmp_path / "mixed.xlsx"
    write_workbook({"表": MIXED}, path, percent_columns=("落实率", "占比"))
    return openpyxl.load_workbook(path)["表"]


def cells(sheet, row: int) -> list[tuple]:
    return [(c.value, c.data_type) for c in sheet[row]]


def test_text_stays_text_and_formulas_are_neutralised(mixed_sheet):
    assert [c.value for c in mixed_sheet[1]] == list(MIXED.columns)
    assert cells(mixed_sheet, 2)[:2] == [("007", "s"), ("110101199003070011", "s")]
    assert cells(mixed_sheet, 3)[:2] == [("'=1+1", "s"), ("11010119900307001X", "s")]
    # markup-looking text is shown as typed, not taken for rich text
    assert cells(mixed_sheet, 4)[:2] == [("<r>x & y</r>", "s"), ("", "s")]
    assert cells(mixed_sheet, 5)[:2] == [("'-5", "s"), ("'+86 138", "s")]
    assert cells(mixed_sheet, 6)[:2] == [(None, "n"), ("'@a", "s")]


def test_numbers_percentages_and_blanks(mixed_sheet):
    assert [c.value for c in mixed_sheet["C"][1:]] == [3, 12, 0, 7, 1]
    assert [c.value for c in mixed_sheet["D"][1:]] == [1.5, None, 2.25, 0, -1]
    assert [c.value for c in mixed_sheet["E"][1:]] == [0.5, None, 1, 0, 0.125]
    assert [c.value for c in mixed_sheet["F"][1:]] == ["—", 0.25, "—", 1, None]
    assert [c.value for c in mixed_sheet["G"][1:]] == [1, 0, 1, 1, 0]
    assert {c.data_type for c in mixed_sheet["C"][1:]} == {"n"}
    assert [c.number_format for c in mixed_sheet["E"][1:3]] == ["0.00%", "General"]
    assert [c.number_format for c in mixed_sheet["F"][1:5]] == [
        "General", "0.00%", "General", "0.00%",
    ]  # fmt: skip
    assert mixed_sheet["C2"].number_format == "General"


def test_header_frozen_filtered_and_widths(mixed_sheet):
    assert mixed_sheet["A1"].font.bold
    assert mixed_sheet.freeze_panes == "A2"
    assert mixed_sheet.auto_filter.ref == "A1:G6"
    # 18 characters and two; 身份证号 is four CJK characters wide
    assert mixed_sheet.column_dimensions["B"].width == pytest.approx(20.71, abs=0.01)


LONG = pd.DataFrame(
    {
        "学号": [f"S{i:02d}" for i in range(1, 8)],
        "填写内容": ["=x", "b", "c", "d", "e", "f", "g"],
        "级别": ["错误", "提醒", "错误", "错误", "提醒", "错误", "错误"],
    }
)
SPLIT_NOTE = (
    "本表共 7 行，超过 Excel 单个工作表的行数上限，分为 3 个工作表；本工作表为第 {} 行，"
    "其余行见工作表{}。"
)


@pytest.fixture
def small_sheets(monkeypatch):
    """Sheets of four rows: a header and three rows of data."""
    monkeypatch.setattr(tables, "MAX_SHEET_ROWS", 4)


def read_all(path) -> dict[str, list[list]]:
    book = openpyxl.load_workbook(path)
    return {name: [[c.value for c in row] for row in book[name].iter_rows()]
            for name in book.sheetnames}  # fmt: skip


@pytest.mark.parametrize("streamed", [False, True], ids=["frame", "slices"])
def test_list_longer_than_a_sheet_goes_on_to_continued_sheets(
    tmp_path, small_sheets, streamed
):
    # slices of two rows cross the sheet boundaries
    sheet = (
        StreamedSheet(list(LONG.columns), (LONG.iloc[i : i + 2] for i in range(0, 7, 2)), 7)
        if streamed
        else LONG
    )
    write_workbook({"名单": sheet, "其他": LONG.iloc[:1]}, tmp_path / "long.xlsx")
    sheets = read_all(tmp_path / "long.xlsx")

    assert list(sheets) == ["名单", "名单（续2）", "名单（续3）", "其他"]
    assert sheets["名单"][0] == [
        "学号", "填写内容", "级别", None,
        SPLIT_NOTE.format("1–3", "“名单（续2）”、“名单（续3）”"),
    ]  # fmt: skip
    assert sheets["名单（续2）"][0][4] == SPLIT_NOTE.format("4–6", "“名单”、“名单（续3）”")
    assert sheets["名单（续3）"][0][4] == SPLIT_NOTE.format("7–7", "“名单”、“名单（续2）”")
    assert [row[:3] for row in sheets["名单"][1:]] == [
        ["S01", "'=x", "错误"], ["S02", "b", "提醒"], ["S03", "c", "错误"],
    ]  # fmt: skip
    assert [row[0] for row in sheets["名单（续2）"][1:]] == ["S04", "S05", "S06"]
    assert [row[0] for row in sheets["名单（续3）"][1:]] == ["S07"]
    # a list that fits keeps its one sheet and no note
    assert sheets["其他"] == [["学号", "填写内容", "级别"], ["S01", "'=x", "错误"]]


def test_continued_fix_list_sheets_keep_filters_and_highlights(tmp_path, small_sheets):
    write_highlighted_workbook({"待修改": LONG}, tmp_path / "fix.xlsx")
    book = openpyxl.load_workbook(tmp_path / "fix.xlsx")

    assert book.sheetnames == ["待修改", "待修改（续2）", "待修改（续3）"]
    for name, last_row in [("待修改", 4), ("待修改（续2）", 4), ("待修改（续3）", 2)]:
        sheet = book[name]
        rules = {str(r.sqref): [x.formula for x in r.rules] for r in sheet.conditional_formatting}
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:C{last_row}"
        cells = f"B2:B{last_row}" if last_row > 2 else "B2"
        assert rules == {cells: [['$C2="错误"'], ['$C2="提醒"']]}


def test_continued_name_fits_excel_limit():
    name = "很长的工作表名称" * 4

    assert tables.continued_name(name, 1) == name[:31]
    assert tables.continued_name(name, 12) == name[:26] + "（续12）"
    assert len(tables.continued_name(name, 12)) == 31
