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
    with path.open("rb") as handle:
        if handle.read(len(codecs.BOM_UTF8)) == codecs.BOM_UTF8:
            return "utf-8-sig"
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


def detect_delimiter(first_line: str) -> str:
    """Tab-separated text is used when the header has more tabs than commas.

    >>> detect_delimiter("学号\\t姓名")
    '\\t'
    >>> detect_delimiter("学号,姓名")
    ','
    """
    return "\t" if first_line.count("\t") > first_line.count(",") else ","


def read_head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(SNIFF_BYTES)
