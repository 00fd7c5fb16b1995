"""Parse what students type into 工资 into yuan per month.

Students write "8k", "8000元/月", "1.2万", "税前9000", "8-10k", "年薪12万", "15k*14薪" or
"面议". An amount is read only when nothing unexplained is left over: "8000/9000" or "看绩效"
give None, which the validate stage reports, rather than a guess.

More information:
- 劳动和社会保障部《关于职工全年月平均工作时间和工资折算问题的通知》（劳社部发〔2008〕3号）:
  a month counts 21.75 paid days or 174 paid hours, used for daily and hourly pay.
"""

import re
import unicodedata

NUMBER = r"(\d+(?:\.\d+)?)"
UNITS = {"": 1, "k": 1000, "千": 1000, "w": 10000, "万": 10000}
AMOUNT = re.compile(rf"{NUMBER}\s*(k|千|w|万)?")
RANGE = re.compile(r"\d\s*(?:k|千|w|万)?\s*(?:元)?\s*[-~～至到]\s*\d")
# "15k*14薪": the monthly base is what is asked for; the months paid per year are dropped
MONTHS_PAID = re.compile(r"[*×x]\s*\d{2}\s*薪?")
# words around an amount that do not change it (the period is read separately)
NOISE = re.compile(
    r"税前|税后|月薪|年薪|日薪|时薪|底薪|基本工资|薪资|工资|大约|约|人民币|rmb|[¥￥]|元|"
    r"以上|左右|起|上下|每个?|一|/|月|年|天|日|小时|时|[-~～至到]"
)
# (marker, months per period); the first marker found in the text decides
PERIODS = (("年", 1 / 12), ("小时", 174), ("时薪", 174), ("天", 21.75), ("日", 21.75))
NEGOTIABLE = ("面议", "待定", "协商")


def parse_salary(text: str) -> float | None:
    """Yuan per month for a salary text, or None when no amount can be read.

    A range gives its midpoint; a yearly amount is divided by 12.

    >>> parse_salary("8000"), parse_salary("8k"), parse_salary("8000元/月"), parse_salary("1.2万")
    (8000.0, 8000.0, 8000.0, 12000.0)
    >>> parse_salary("8000-10000"), parse_salary("12万/年"), parse_salary("8-10K")
    (9000.0, 10000.0, 9000.0)
    >>> parse_salary("面议") is None, parse_salary("") is None, parse_salary("8000/9000") is None
    (True, True, True)
    """
    text = unicodedata.normalize("NFKC", text).strip().lower()
    text = text.replace(",", "").replace(" ", "")
    if not text or text.startswith(NEGOTIABLE):
        return None
    text = MONTHS_PAID.sub("", text)
    amounts = AMOUNT.findall(text)
    if not amounts or len(amounts) > 2 or (len(amounts) == 2 and not RANGE.search(text)):
        return None
    if NOISE.sub("", AMOUNT.sub("", text)):
        return None
    values = _values(amounts)
    monthly = sum(values) / len(values) * _months_factor(text)
    return round(monthly, 2)


def is_negotiable(text: str) -> bool:
    return text.strip().startswith(NEGOTIABLE)


def _values(amounts: list[tuple[str, str]]) -> list[float]:
    """Amounts in yuan; "8-10k" means 8k to 10k, the unit written once for both."""
    if len(amounts) == 2 and not amounts[0][1] and amounts[1][1]:
        low, high = float(amounts[0][0]), float(amounts[1][0])
        if low <= high:
            amounts = [(amounts[0][0], amounts[1][1]), amounts[1]]
    return [float(number) * UNITS[unit] for number, unit in amounts]


def _months_factor(text: str) -> float:
    for marker, factor in PERIODS:
        if marker in text:
            return factor
    return 1.0
