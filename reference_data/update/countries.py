"""Regenerate reference_data/countries.csv (ISO 3166-1 = GB/T 2659) from pycountry.

Chinese names are pycountry's zh_CN gettext translations. Run by hand:

    .venv/bin/python reference_data/update/countries.py
"""

import gettext
import logging

import pycountry
from common import write_table

HEADER = ("alpha2", "alpha3", "numeric", "name_zh", "name_en")


def country_rows() -> list[tuple[str, ...]]:
    """One row per ISO 3166-1 country, English name as pycountry spells it."""
    chinese = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    return [
        (country.alpha_2, country.alpha_3, country.numeric, chinese.gettext(country.name),
         country.name)
        for country in pycountry.countries
    ]


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    write_table("countries", HEADER, country_rows())


if __name__ == "__main__":
    main()
