"""Which themes recur across the region, in how many CSPs and DHRs, and which sectors the
recommendations target: a call for change weighs more when every partnership shares it.

A DHR carries a theme when any of its findings or recommendations is tagged with it; the
range selects by the date the theme first appeared in that DHR.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Unpack, overload

from projections.port import ViewStore
from projections.queries.actions import LABELS, RegionalActions
from projections.queries.reading import Range, Regional, RegionalAnswer, placeholders, regional

NO_SECTOR = "(organisation named, no sector)"


@dataclass(frozen=True)
class ThemeSpread:
    theme: str  # code in the taxonomy
    label: str
    csps: int  # partnerships with at least one DHR carrying the theme
    dhrs: int
    recommendations: int


@dataclass(frozen=True)
class SectorCount:
    sector: str  # the addressee code, or NO_SECTOR
    label: str  # the code's label in the taxonomy, for people (board papers, spreadsheets)
    recommendations: int
    csps: int


@dataclass(frozen=True)
class RegionalThemes(RegionalAnswer):
    partnerships: int  # in the region now: 'shared by 7 of 7' needs the denominator
    themes: tuple[ThemeSpread, ...]  # most widely shared first
    sectors: tuple[SectorCount, ...]


def shared_themes(views: ViewStore, region: str, **options: Unpack[Range]) -> RegionalThemes:
    with regional(views, region, **options) as q:
        snap, slugs, window = q.snap, q.slugs, q.window
        marks = placeholders(slugs)
        spread = snap.all(
            f"SELECT theme, COUNT(DISTINCT tenant), COUNT(*) {_carrying(marks)} GROUP BY theme",
            (*slugs, *window),
        )
        recs: dict[object, int] = dict(
            snap.all(
                "SELECT t.theme, COUNT(*) FROM {rec_themes} t JOIN {recommendations} r"
                " ON r.tenant = t.tenant AND r.rec_id = t.rec_id"
                f" WHERE r.tenant IN ({marks}) AND r.made_on BETWEEN ? AND ? GROUP BY t.theme",
                (*slugs, *window),
            )
        )
        sectors = snap.all(
            "SELECT target_sector, COUNT(*), COUNT(DISTINCT tenant) FROM {recommendations}"
            f" WHERE tenant IN ({marks}) AND made_on BETWEEN ? AND ? GROUP BY target_sector",
            (*slugs, *window),
        )
    themes = sorted(
        (
            ThemeSpread(str(c), LABELS.get(str(c), str(c)), int(n), int(d), int(recs.get(c, 0)))
            for c, n, d in spread
        ),
        key=lambda t: (-t.csps, -t.dhrs, t.theme),
    )
    by_sector = sorted(
        (SectorCount(*_sector(s), int(n), int(c)) for s, n, c in sectors),
        key=lambda s: (-s.recommendations, s.sector),
    )
    return RegionalThemes(region, q.since, q.until, len(slugs), tuple(themes), tuple(by_sector))


def _sector(code: object) -> tuple[str, str]:
    if not code:
        return NO_SECTOR, NO_SECTOR
    return str(code), LABELS.get(str(code), str(code))


def _carrying(marks: str) -> str:
    """The counting rule of a theme's DHRs: the reviews of the given partnerships carrying it,
    first carried within the range (the regional row and the heat map's cells alike)."""
    return f"FROM {{review_themes}} WHERE tenant IN ({marks}) AND first_on BETWEEN ? AND ?"


def dhrs_by_partnership(q: Regional) -> dict[str, dict[str, int]]:
    """Per partnership of ``q``, its DHRs carrying each theme (``_carrying``), in one query of
    ``q``'s snapshot; a partnership with none is there with no themes."""
    rows = q.snap.all(
        f"SELECT tenant, theme, COUNT(*) {_carrying(placeholders(q.slugs))} GROUP BY tenant, theme",
        (*q.slugs, *q.window),
    )
    found: dict[str, dict[str, int]] = {slug: {} for slug in q.slugs}
    for tenant, theme, dhrs in rows:
        found[str(tenant)][str(theme)] = int(dhrs)
    return found


@overload
def with_labels(view: RegionalThemes, labels: Mapping[str, str]) -> RegionalThemes: ...
@overload
def with_labels(view: RegionalActions, labels: Mapping[str, str]) -> RegionalActions: ...
def with_labels(
    view: RegionalThemes | RegionalActions, labels: Mapping[str, str]
) -> RegionalThemes | RegionalActions:
    """Label the themes and sectors the default taxonomy does not know, e.g. a region's own,
    from ``labels``: the themes view's themes and sectors, or the actions view's rows by theme.

    Region themes are reference data in the platform's store, not events of the region's
    tenants' cases, so the caller supplies their labels rather than the read model.
    """

    def relabelled(row: Any, code: str) -> Any:
        return replace(row, label=labels[code]) if row.label == code and code in labels else row

    if isinstance(view, RegionalActions):
        return replace(view, by_theme=tuple(relabelled(r, r.key) for r in view.by_theme))
    return replace(
        view,
        themes=tuple(relabelled(t, t.theme) for t in view.themes),
        sectors=tuple(relabelled(s, s.sector) for s in view.sectors),
    )
