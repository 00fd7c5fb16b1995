"""Parse what students type into 工资 into yuan per month."""

import re

NUMBER = r"(\d+(?:\.\d+)?)"
UNITS = {"": 1, "元": 1, "k": 1000, "千": 1000, "w": 10000, "万": 10000}
AMOUNT = re.compile(rf"^{NUMBER}\s*(k|千|w|万|元)?")
YEARLY = re.compile(r"(/|每)?\s*(年|年薪)")
NEGOTIABLE = ("面议", "待定", "协商")


def parse_salary(text: str) -> float | None:
    """Yuan per month for a salary text, or None when no amount can be read.

    A range gives its midpoint; a yearly amount is divided by 12.

    >>> parse_salary("8000"), parse_salary("8k"), parse_salary("8000元/月"), parse_salary("1.2万")
    (8000.0, 8000.0, 8000.0, 12000.0)
    >>> parse_salary("8000-10000"), parse_salary("12万/年")
    (9000.0, 10000.0)
    >>> parse_salary("面议") is None, parse_salary("") is None
    (True, True)
    """
    text = text.strip().lower().replace(",", "").replace("，", "")
    if not text or text.startswith(NEGOTIABLE):
        return None
    parts = re.split(r"\s*[-~～至到]\s*", text, maxsplit=1)
    amounts = [_amount(part) for part in parts]
    if any(amount is None for amount in amounts):
        return None
    monthly = sum(amounts) / len(amounts)
    if YEARLY.search(text):
        monthly /= 12
    return round(monthly, 2)


def is_negotiable(text: str) -> bool:
    return text.strip().startswith(NEGOTIABLE)


def _amount(part: str) -> float | None:
    match = AMOUNT.match(part)
    if match is None:
        return None
    return float(match.group(1)) * UNITS[match.group(2) or ""]
