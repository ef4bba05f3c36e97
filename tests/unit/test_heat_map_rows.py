"""The heat map's rows: the most widely shared themes, and every theme tied with the last."""

from __future__ import annotations

from datetime import date

from projections.queries.dashboard import HEAT_MAP_THEMES, most_shared
from projections.queries.themes import RegionalThemes, ThemeSpread


def spread(n: int, csps: int, dhrs: int) -> ThemeSpread:
    return ThemeSpread(f"theme-{n}", f"Theme {n}", csps=csps, dhrs=dhrs, recommendations=dhrs)


def themes(*rows: ThemeSpread) -> RegionalThemes:
    return RegionalThemes(
        "r",
        date(2011, 4, 13),
        date(2016, 3, 31),
        partnerships=7,
        themes=rows,
        sectors=(),
    )


def test_themes_as_shared_as_the_last_shown_are_shown_too() -> None:
    ranked = [spread(n, 7, 20 - n) for n in range(HEAT_MAP_THEMES - 1)]
    tied = [spread(90, 5, 6), spread(91, 5, 6), spread(92, 5, 6)]
    fewer = [spread(93, 5, 5), spread(94, 2, 9)]
    shown = most_shared(themes(*ranked, *tied, *fewer))
    assert [t.theme for t in shown] == [t.theme for t in ranked + tied]


def test_a_short_list_is_shown_whole() -> None:
    few = [spread(n, 3, 3) for n in range(4)]
    assert most_shared(themes(*few)) == few
