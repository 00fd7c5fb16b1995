"""Text encodings: detected from the bytes, never guessed silently, forced with --encoding."""

import logging

import pytest

from pipelines.errors import UnreadableFormatError
from pipelines.ingest.extract import check_readable, extract_file
from tests.conftest import QUIRKS


def test_gb18030_is_detected_and_said_in_the_log(caplog):
    with caplog.at_level(logging.WARNING, logger="pipelines.ingest.readers"):
        extracted = extract_file(QUIRKS / "gb18030-rare-name.csv", "registrations")

    assert extracted.encoding == "gb18030"
    assert [r.getMessage() for r in caplog.records] == [
        "gb18030-rare-name.csv is not UTF-8; it was read as GB18030."
    ]


def test_forced_encoding_reads_the_file_as_told():
    extracted = extract_file(QUIRKS / "fake-xls-gbk-tsv.xls", "registrations", "gbk")

    assert extracted.encoding == "gbk"
    assert extracted.records[0]["name"] == "张测一"


def test_wrong_forced_encoding_names_the_line_and_what_to_do():
    path = QUIRKS / "gb18030-rare-name.csv"
    with pytest.raises(UnreadableFormatError) as raised:
        check_readable(path, "registrations", "utf-8")

    assert raised.value.sentence() == (
        f"文件 {path}：不能按编码 utf-8 解码（第 1 行）。"
        "请检查 --encoding 的取值，常用的有 utf-8、gb18030；或在 Excel 中另存为 xlsx"
    )


def test_unknown_encoding_name_is_an_input_error():
    path = QUIRKS / "utf8-bom-header.csv"
    with pytest.raises(UnreadableFormatError) as raised:
        check_readable(path, "registrations", "utf-9")

    assert raised.value.sentence() == (
        f"文件 {path}：不认识编码名称 utf-9。"
        "请检查 --encoding 的取值，常用的有 utf-8、utf-8-sig、gb18030"
    )
