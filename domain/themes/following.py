"""How a tenant's taxonomy follows its region's: the region's themes mirrored, never edited.

A theme the region adds is adopted (recorded in the tenant's own store, source ``region``);
one it retires is retired here on the same date; when the partnership moves to another
region, the old region's themes retire ("no longer in the region") and, should it move
back, are reinstated. Retired themes keep resolving, so old tags keep their meaning. A code
the partnership already uses for its own theme keeps that meaning and is not adopted.
Following is idempotent: run it as often as you like; it records only what differs.
``follow`` works out those differences; ``Taxonomy.follow_region`` records them as its events.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple, Protocol

from domain.themes.catalogue import Theme
from domain.themes.listing import ThemeListing


class Adopt(NamedTuple):
    theme: Theme
    region: str


class Reinstate(NamedTuple):
    code: str
    reinstated_on: date
    reason: str


class Retire(NamedTuple):
    code: str
    retired_on: date
    reason: str


class Followed(Protocol):
    themes: dict[str, Theme]
    retired: dict[str, date]
    region_of: dict[str, str]


def follow(taxonomy: Followed, region: ThemeListing, on: date) -> list[Adopt | Reinstate | Retire]:
    """What it takes, in order, for the region's themes to stand in ``taxonomy`` as in ``region``."""
    listed = {e.theme.code: e for e in region.entries}
    steps: list[Adopt | Reinstate | Retire] = [
        Adopt(entry.theme, region.owner)
        for code, entry in listed.items()
        if code not in taxonomy.themes and entry.active
    ]
    for code, source in taxonomy.region_of.items():
        now = listed.get(code) if source == region.owner else None
        if now is not None and now.active:
            if code in taxonomy.retired:
                again = f"The partnership is in region '{source}' again."
                steps.append(Reinstate(code, on, again))
        elif code not in taxonomy.retired:
            if now is not None and now.retired_on is not None:
                steps.append(Retire(code, now.retired_on, now.retirement_reason or ""))
            else:
                gone = f"The partnership is no longer in region '{source}'."
                steps.append(Retire(code, on, gone))
    return steps
