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


UTF16_EXPORT = "学号\t姓名\n2021010001\t张三\n2021010002\t李四\n"


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        # the last byte of the file is missing: half a character
        (
            lambda data: data[:-1],
            "这是 UTF-16 编码的文本文件，但字节数是奇数：文件被截断了（没有复制或下载完整）",
        ),
        # an unpaired surrogate in the middle: the length is even, the bytes are not text
        (
            lambda data: data[:10] + b"\x00\xd8" + data[10:],
            "这是 UTF-16 编码的文本文件，但其中有不能按 UTF-16 解码的字节：文件已损坏",
        ),
    ],
)
def test_a_damaged_utf16_file_is_named_as_utf16(tmp_path, damage, problem):
    path = tmp_path / "导出.tsv"
    path.write_bytes(damage(UTF16_EXPORT.encode("utf-16")))
    with pytest.raises(UnreadableFormatError) as raised:
        check_readable(path, "registrations")

    assert raised.value.sentence() == (
        f"文件 {path}：{problem}。请重新从就业平台导出，或从原来的位置重新复制这个文件，再运行"
    )
