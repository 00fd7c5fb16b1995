"""File and folder names made from cell text (学院, 辅导员), safe on every file system."""

import re

# Characters Windows and Linux refuse in names, and every control character (NUL included).
UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
# Most file systems allow 255 bytes per name; Chinese takes 3 bytes a character in UTF-8.
MAX_CHARACTERS = 60


def safe_file_name(text: str, fallback: str) -> str:
    """A name for `text` that any file system accepts; `fallback` when nothing is left.

    >>> safe_file_name("外语/国际学院", "未填学院"), safe_file_name("外语\\x00学院", "未填学院")
    ('外语_国际学院', '外语_学院')
    >>> len(safe_file_name("学院" * 200, "未填学院")), safe_file_name(" .. ", "未命名")
    (60, '未命名')
    """
    name = UNSAFE.sub("_", str(text)).strip().strip(".")[:MAX_CHARACTERS].strip()
    return name or fallback
