"""How a file travels: 机要 or EMS, and which province a postcode belongs to.

The rule the office follows (暨南大学's practice, domain.md §6c): EMS "高校学生档案专用" inside
the school's province, 机要 outside it. A receiving body that takes only one channel says so in
reference_data/authorities.csv (北京市机要局 no longer accepts student files, so Beijing bodies
get EMS), and that wins over the rule.
"""

CHANNELS = ("机要", "EMS")


def channel(
    receiving_province: str | None,
    postcode: str | None,
    prefixes: dict[str, frozenset[str]],
    school_province: str,
    authority_channel: str | None = None,
) -> str:
    """机要 for files leaving the school's province, EMS within it, unless the body says.

    When the receiving province is not known, the postcode's province stands in for it; when
    neither is known the file goes by 机要, which every body accepts.

    >>> prefixes = {"20": frozenset({"31"}), "35": frozenset({"35"})}
    >>> channel("31", "200093", prefixes, "31"), channel(None, "350001", prefixes, "31")
    ('EMS', '机要')
    >>> channel("11", "100871", prefixes, "31", authority_channel="EMS")
    'EMS'
    """
    if authority_channel in CHANNELS:
        return authority_channel
    provinces = {receiving_province} if receiving_province else set()
    provinces = provinces or postcode_provinces(postcode or "", prefixes)
    return "EMS" if provinces == {school_province} else "机要"


def postcode_provinces(postcode: str, prefixes: dict[str, frozenset[str]]) -> frozenset[str]:
    """The provinces whose known prefixes the postcode starts with; empty when none is known.

    >>> postcode_provinces("999077", {"99": frozenset({"65"}), "999077": frozenset({"81"})})
    frozenset({'81'})
    >>> postcode_provinces("123456", {"35": frozenset({"35"})})
    frozenset()
    """
    matching = [prefix for prefix in prefixes if postcode.startswith(prefix)]
    if not matching:
        return frozenset()
    return prefixes[max(matching, key=len)]


def prefix_provinces(rows: list[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """Group (province_code, postcode_prefix) pairs by prefix.

    >>> prefix_provinces([("35", "35"), ("35", "36"), ("36", "33")])["35"]
    frozenset({'35'})
    """
    grouped: dict[str, set[str]] = {}
    for province, prefix in rows:
        grouped.setdefault(prefix, set()).add(province)
    return {prefix: frozenset(provinces) for prefix, provinces in grouped.items()}
