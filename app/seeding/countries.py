"""ISO 3166 code tables from pycountry: the base every state record starts from."""

from __future__ import annotations

from functools import cache
from typing import Any

import pycountry


@cache
def current() -> dict[str, dict[str, Any]]:
    """ISO 3166-1 entries by alpha-3: codes, short and official English names."""
    return {
        c.alpha_3: {
            "code": c.alpha_3,
            "alpha2": c.alpha_2,
            "name": getattr(c, "common_name", None) or c.name,
            "official_name": getattr(c, "official_name", None),
        }
        for c in pycountry.countries
    }


@cache
def former_iso3166_3() -> dict[str, str]:
    """ISO 3166-3 four-letter codes of former entries, by their former alpha-3."""
    return {c.alpha_3: c.alpha_4 for c in pycountry.historic_countries}


def known_codes() -> set[str]:
    return set(current())
