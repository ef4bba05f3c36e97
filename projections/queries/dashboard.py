"""Everything a regional lead's dashboard shows, on one day, from the existing queries.

The seed table (commenced / completed per partnership since 13.4.11), timeliness, the themes
× partnerships heat map, actions by owner agency and money — each as the query the JSON views
answer with, so the page and the API can never disagree. The heat map's cells count by the
themes query's own rule ("DHRs carrying the theme", ``themes._carrying``), grouped by partnership
in one query (it used to ask the whole themes query once per partnership: three queries and a
snapshot each, a third of the page's time on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from domain.calendar import uk_today
from projections.port import ViewStore
from projections.queries.actions import RegionalActions, action_counts
from projections.queries.dhr import RegionalDhrCounts, dhr_counts
from projections.queries.money import RegionalMoney, money
from projections.queries.reading import Range, regional
from projections.queries.themes import (
    RegionalThemes,
    ThemeSpread,
    dhrs_by_partnership,
    shared_themes,
    with_labels,
)
from projections.queries.timeliness import RegionalTimeliness, timeliness

HEAT_MAP_THEMES = 12  # the most widely shared; the rest stay in the themes view


@dataclass(frozen=True)
class HeatRow:
    theme: str
    label: str
    dhrs: tuple[int, ...]  # per partnership, in ``ThemeMatrix.partnerships`` order
    total: int
    csps: int


@dataclass(frozen=True)
class ThemeMatrix:
    partnerships: tuple[tuple[str, str], ...]  # (slug, name)
    rows: tuple[HeatRow, ...]
    most: int  # the largest cell, for shading


@dataclass(frozen=True)
class RegionalDashboard:
    region: str
    on: date
    counts: RegionalDhrCounts
    timeliness: RegionalTimeliness
    themes: RegionalThemes
    matrix: ThemeMatrix
    actions: RegionalActions
    money: RegionalMoney


def regional_dashboard(
    views: ViewStore, region: str, on: date, labels: Mapping[str, str] | None = None
) -> RegionalDashboard:
    """The region as it stood on ``on``: events dated up to then, clocks measured then, and on
    a past day each case and action as it stood that day (the 'Figures on a date' page's
    business day), not as it stands now: an action completed since was still open then."""
    then = Range(until=on, today=on)
    as_it_stood = Range(until=on, today=on, on=on) if on < uk_today() else then
    themes = with_labels(shared_themes(views, region, **then), labels or {})
    return RegionalDashboard(
        region=region,
        on=on,
        counts=dhr_counts(views, region, **as_it_stood),
        timeliness=timeliness(views, region, **as_it_stood),
        themes=themes,
        matrix=theme_matrix(views, region, on, themes),
        actions=with_labels(action_counts(views, region, **as_it_stood), labels or {}),
        money=money(views, region, **then),
    )


def most_shared(themes: RegionalThemes) -> list[ThemeSpread]:
    """The ``HEAT_MAP_THEMES`` most widely shared themes, and any tied with the last of them:
    cut at exactly twelve, two themes as shared as the twelfth were left out, one with five
    overdue actions."""
    ranked = list(themes.themes)
    if len(ranked) <= HEAT_MAP_THEMES:
        return ranked
    last = ranked[HEAT_MAP_THEMES - 1]
    return ranked[:HEAT_MAP_THEMES] + [
        t for t in ranked[HEAT_MAP_THEMES:] if (t.csps, t.dhrs) == (last.csps, last.dhrs)
    ]


def theme_matrix(
    views: ViewStore, region: str, on: date, themes: RegionalThemes, since: date | None = None
) -> ThemeMatrix:
    """``since``: the DHRs of a period (a board paper's), as ``themes`` were counted over."""
    with regional(views, region, since=since, until=on) as q:
        partnerships = tuple(q.members)
        per_csp = dhrs_by_partnership(q)
    rows = tuple(
        HeatRow(
            theme.theme,
            theme.label,
            tuple(per_csp[slug].get(theme.theme, 0) for slug, _ in partnerships),
            theme.dhrs,
            theme.csps,
        )
        for theme in most_shared(themes)
    )
    most = max((n for row in rows for n in row.dhrs), default=0)
    return ThemeMatrix(partnerships, rows, most)
