"""Query functions over the read models, for the API and the CLI.

Each takes a ``ViewStore`` first — the live one (``ProjectionService.views`` or
``projections.store.open_views(platform)``) or a past one (``projections.asof.as_of``) —
and returns frozen dataclasses.
"""

from projections.queries.actions import ActionCounts, RegionalActions, action_counts
from projections.queries.dhr import DhrCounts, RegionalDhrCounts, dhr_counts
from projections.queries.money import (
    POTS_ROW,
    UNLISTED_COMMISSIONER,
    MoneyRow,
    RegionalMoney,
    money,
)
from projections.queries.reading import STATUTORY_START
from projections.queries.themes import RegionalThemes, SectorCount, ThemeSpread, shared_themes
from projections.queries.timeliness import CspTimeliness, RegionalTimeliness, Spread, timeliness

__all__ = [
    "POTS_ROW",
    "UNLISTED_COMMISSIONER",
    "MoneyRow",
    "RegionalMoney",
    "money",
    "ActionCounts",
    "RegionalActions",
    "RegionalThemes",
    "SectorCount",
    "ThemeSpread",
    "action_counts",
    "shared_themes",
    "STATUTORY_START",
    "CspTimeliness",
    "DhrCounts",
    "RegionalDhrCounts",
    "RegionalTimeliness",
    "Spread",
    "dhr_counts",
    "timeliness",
]
