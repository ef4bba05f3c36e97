"""Names of store areas: one per tenant, plus ``platform`` and ``projections``.

The name becomes a PostgreSQL schema or an SQLite file name, so it is checked strictly.
"""

from __future__ import annotations

import re

AREA_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,47}$")


def check_area(area: str) -> str:
    if not AREA_PATTERN.match(area):
        raise ValueError(f"not a valid store area name: {area!r}")
    return area
