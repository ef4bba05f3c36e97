"""Free-text agencies to one name per body, so "west midlands police" and "West Midlands
Police" count as one owner.

This is the seam for a region's partner directory: ``AgencyNames`` takes the names already
known (today the owners the partnership has used on its plan) and answers the one to record.
A directory of partners plugs in by handing its names (and aliases) here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower().replace("&", " and ")).strip()


class AgencyNames:
    def __init__(self, known: Iterable[str], aliases: dict[str, str] | None = None) -> None:
        self._names: dict[str, str] = {}
        for name in known:
            self._names.setdefault(_key(name), name)
        for alias, name in (aliases or {}).items():
            self._names[_key(alias)] = name
        self.mapped: dict[str, str] = {}  # typed -> recorded, where they differ

    def name_for(self, typed: str) -> str:
        tidy = " ".join(typed.split())
        name = self._names.setdefault(_key(tidy), tidy)
        if name != tidy:
            self.mapped[tidy] = name
        return name
