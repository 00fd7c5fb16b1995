"""Hostile but possible inputs: each is read whole, or refused with a sentence that says why."""

import pytest

from pipelines.errors import MissingFileError
from pipelines.ingest.extract import check_readable, extract_file
from pipelines.text.clean import clean_text
from tests.conftest import DATA

INGEST = DATA / "ingest"

SMALL_EXPORT = "学号,姓名,学院\n2021010001,张测一,计算机学院\n2021010002,李测二,数学学院\n"


def ids(extracted) -> list[str]:
    return [row["student_id"] for row in extracted.records]


def test_a_sheet_of_student_ids_only_has_no_footer():
    extracted = extract_file(INGEST / "only-student-id.csv", "registrations")

    assert ids(extracted) == ["2021010001", "2021010002", "2021010003"]
    assert extracted.footer_rows == []


def test_a_lone_carriage_return_inside_a_cell_stays_in_the_cell(tmp_path):
    path = tmp_path / "cr.csv"
    path.write_bytes(
        "学号,姓名,学院\n"
        '2021010001,\r=1+1,"计算机\r\n学院"\n'
        "2021010002,李\r测二,数学学院\n".encode()
    )
    extracted = extract_file(path, "registrations")

    assert [(r["name"], r["college"]) for r in extracted.records] == [
        ("\r=1+1", "计算机\r\n学院"),
        ("李\r测二", "数学学院"),
    ]
    assert extracted.quarantined == []


def test_old_mac_line_endings_still_split_records(tmp_path):
    path = tmp_path / "cr-only.csv"
    path.write_bytes(SMALL_EXPORT.replace("\n", "\r").encode())

    assert ids(extract_file(path, "registrations")) == ["2021010001", "2021010002"]


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        (SMALL_EXPORT, "utf-16", "utf-16"),
        (SMALL_EXPORT.replace(",", "\t"), "utf-16", "utf-16"),
        (SMALL_EXPORT, "utf-16-le", "utf-16-le"),
        (SMALL_EXPORT, "utf-16-be", "utf-16-be"),
    ],
    ids=["bom", "excel-unicode-text", "le-without-bom", "be-without-bom"],
)
def test_utf16_is_detected(tmp_path, text, encoding, expected):
    path = tmp_path / "utf16.csv"
    path.write_bytes(text.encode(encoding))
    extracted = extract_file(path, "registrations")

    assert extracted.encoding == expected
    assert [(r["student_id"], r["college"]) for r in extracted.records] == [
        ("2021010001", "计算机学院"),
        ("2021010002", "数学学院"),
    ]


def test_forced_utf16_reads_the_file(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(SMALL_EXPORT.replace(",", "\t").encode("utf-16"))

    assert ids(extract_file(path, "registrations", "utf-16")) == ["2021010001", "2021010002"]


def test_control_characters_are_removed_from_cells():
    assert clean_text("计算机\x00学院\x07") == "计算机学院"
    assert clean_text("地址第一行\r\n第二行") == "地址第一行\n第二行"


def test_a_folder_is_refused_as_a_folder(tmp_path):
    with pytest.raises(MissingFileError) as raised:
        check_readable(tmp_path, "registrations")

    assert raised.value.sentence() == (
        f"文件 {tmp_path}：这是一个文件夹，不是文件。请写出文件夹里要读取的那个文件的名字"
    )


def test_semicolon_separated_text_is_read():
    extracted = extract_file(INGEST / "semicolon.csv", "registrations")

    assert [(r["student_id"], r["college"]) for r in extracted.records] == [
        ("2021010001", "计算机学院"),
        ("2021010002", "数学学院"),
    ]
