"""Tell what an export file really is from its bytes, not its name.

The platform's "xls" downloads are often HTML tables or GBK tab-separated text with an .xls
name, and CSV files arrive in UTF-8, UTF-8 with BOM or GB18030 depending on who saved them.
"""

import codecs
from pathlib import Path

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SNIFF_BYTES = 64 * 1024


def detect_format(head: bytes) -> str:
    """Return 'xlsx', 'xls', 'html' or 'text' for the first bytes of a file.

    >>> detect_format(b"PK\\x03\\x04rest")
    'xlsx'
    >>> detect_format("<html><table>".encode())
    'html'
    >>> detect_format("学号,姓名".encode())
    'text'
    """
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head.startswith(OLE_MAGIC):
        return "xls"
    start = head.lstrip(codecs.BOM_UTF8).lstrip()[:512].lower()
    if start.startswith((b"<html", b"<!doctype", b"<table", b"<?xml")) or b"<table" in start:
        return "html"
    return "text"


def utf16_encoding(head: bytes) -> str | None:
    """'utf-16' for a UTF-16 byte-order mark, 'utf-16-le'/'utf-16-be' for BOM-less UTF-16.

    Excel's "Unicode 文本" is UTF-16LE with a BOM. Without a BOM, text in UTF-16 has a NUL
    in every other byte wherever it is ASCII (digits, commas, line breaks), which no UTF-8 or
    GB18030 export has.

    >>> utf16_encoding(codecs.BOM_UTF16_LE + "学号".encode("utf-16-le"))
    'utf-16'
    >>> utf16_encoding("学号,姓名\\n2021".encode("utf-16-be"))
    'utf-16-be'
    >>> utf16_encoding("学号,姓名".encode())
    """
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not head.startswith(
        codecs.BOM_UTF32_LE
    ):
        return "utf-16"
    sample = head[: 4096 - 4096 % 2]
    if len(sample) < 4:
        return None
    even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
    # a CJK character may have one zero byte now and then; ASCII gives them by the hundred
    if odd_nuls > len(sample) // 8 and even_nuls * 10 < odd_nuls:
        return "utf-16-le"
    if even_nuls > len(sample) // 8 and odd_nuls * 10 < even_nuls:
        return "utf-16-be"
    return None


def detect_encoding(data: bytes) -> str | None:
    """Return the encoding that decodes `data` without error, or None.

    UTF-8 is tried first because GB18030 decodes almost any byte string; a BOM settles it.

    >>> detect_encoding(codecs.BOM_UTF8 + "学号".encode())
    'utf-8-sig'
    >>> detect_encoding("学号".encode("gb18030"))
    'gb18030'
    >>> detect_encoding(b"\\xff\\xfe\\x00")
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    for encoding in ("utf-8", "gb18030"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


def detect_file_encoding(path: Path) -> str | None:
    """`detect_encoding` for a whole file, read in blocks so a large file is never held whole."""
    head = read_head(path)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32" if _decodes(path, "utf-32") else None
    utf16 = utf16_encoding(head)
    if utf16 is not None:
        return utf16 if _decodes(path, utf16) else None
    for encoding in ("utf-8", "gb18030"):
        if _decodes(path, encoding):
            return encoding
    return None


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                decoder.decode(block)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def is_known_encoding(name: str) -> bool:
    """True when Python can decode text in the encoding called `name`.

    >>> is_known_encoding("GB18030"), is_known_encoding("utf8"), is_known_encoding("utf-9")
    (True, True, False)
    """
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


# Comma first: on a tie (or a one-column file) the file is read as ordinary CSV.
DELIMITERS = (",", "\t", ";", "|")


def detect_delimiter(line: str) -> str:
    """The separator used most often in the header line: comma, tab, semicolon or bar.

    European-locale Excel saves "CSV" with semicolons; the platform's fake xls uses tabs.

    >>> detect_delimiter("学号\\t姓名")
    '\\t'
    >>> detect_delimiter("学号,姓名")
    ','
    >>> detect_delimiter("学号;姓名;学院,系")
    ';'
    """
    return max(DELIMITERS, key=line.count)


def header_line(lines: list[str]) -> str:
    """Of a text file's first lines, the one naming 学号 (title rows may sit above it).

    >>> header_line(["2025届毕业生去向", "学号;姓名", "2021;张三"])
    '学号;姓名'
    >>> header_line(["a,b"])
    'a,b'
    """
    return next((line for line in lines if "学号" in line), lines[0] if lines else "")


def read_head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(SNIFF_BYTES)
