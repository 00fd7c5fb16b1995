"""Short forms of Chinese administrative-division names, as people write them.

Registrations say 广西南宁 for 广西壮族自治区南宁市 and 恩施州 for 恩施土家族苗族
自治州; the region resolver indexes these forms next to the official names.
"""

import re
import unicodedata

# the 55 minority nationalities; autonomous units append them before 自治州/县/旗/区
MINORITIES = (
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
)
_MINORITY = "|".join(sorted(MINORITIES, key=len, reverse=True))
AUTONOMOUS = re.compile(rf"^(.{{2,}}?)(?:(?:{_MINORITY})族?)+自治(?:区|州|县|旗)$")

# longest first, so that 新区 is removed before 区
SUFFIXES = {
    "province": ("特别行政区", "自治区", "省", "市"),
    "prefecture": ("自治州", "地区", "盟", "市"),
    "county": ("自治县", "自治旗", "新区", "林区", "特区", "县", "区", "市", "旗"),
}

# separators people put between 省, 市 and 县, dropped before matching
SEPARATORS = re.compile(r"[\s\-/|,，、·>]+")
COUNTRY_PREFIXES = ("中华人民共和国", "中国")


def short_names(name: str, level: str) -> tuple[str, ...]:
    """Forms of an official name without its type suffix (two characters at least).

    >>> short_names("福建省", "province")
    ('福建',)
    >>> short_names("新疆维吾尔自治区", "province")
    ('新疆',)
    >>> short_names("恩施土家族苗族自治州", "prefecture")
    ('恩施', '恩施州')
    >>> short_names("和田地区", "prefecture")
    ('和田',)
    >>> short_names("浦东新区", "county")
    ('浦东',)
    >>> short_names("城区", "county")
    ()
    """
    autonomous = AUTONOMOUS.match(name)
    if autonomous:
        base = autonomous.group(1)
        forms = (base, base + "州") if level == "prefecture" else (base,)
        return tuple(form for form in forms if form != name)
    for suffix in SUFFIXES.get(level, ()):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return (name[: -len(suffix)],)
    return ()


def clean_place_text(text: str) -> str:
    """Normalise free text before matching: half-width, no separators, no country prefix.

    >>> clean_place_text(" 中国 福建省-福州市 永泰县 ")
    '福建省福州市永泰县'
    >>> clean_place_text("３５０１２５")
    '350125'
    """
    cleaned = SEPARATORS.sub("", unicodedata.normalize("NFKC", text))
    for prefix in COUNTRY_PREFIXES:
        if cleaned.startswith(prefix) and len(cleaned) > len(prefix):
            return cleaned[len(prefix) :]
    return cleaned
