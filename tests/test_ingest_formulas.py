"""The slow formula pass over a sheet is made only for a workbook that holds formulas."""

from unittest import mock

from pipelines.ingest import formulas
from pipelines.ingest.extract import EMPTY_STUDENT_ID, extract_file
from tests.test_ingest_hostile import INGEST


def test_formula_elements_are_found_in_the_raw_sheet_xml():
    assert formulas.has_formulas(INGEST / "formula-ids.xlsx") is True
    assert formulas.has_formulas(INGEST / "merged-cells.xlsx") is False


def test_a_workbook_without_formulas_is_never_parsed_cell_by_cell(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["学号", "姓名", "学院"])
    sheet.append([None, "张测一", "计算机学院"])
    sheet.append(["2021010002", "李测二", "计算机学院"])
    workbook.save(tmp_path / "no-formulas.xlsx")

    with mock.patch.object(formulas.openpyxl, "load_workbook") as load:
        extracted = extract_file(tmp_path / "no-formulas.xlsx", "registrations")

    load.assert_not_called()
    assert [(q["source_row"], q["reason"]) for q in extracted.quarantined] == [
        (2, EMPTY_STUDENT_ID)
    ]
