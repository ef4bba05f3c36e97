"""Region themes and sectors are labelled in the regional view from the region's own list."""

from __future__ import annotations

from datetime import date

from projections.queries.themes import (
    NO_SECTOR,
    RegionalThemes,
    SectorCount,
    ThemeSpread,
    with_labels,
)


def test_a_region_theme_gets_its_label_and_known_labels_stay() -> None:
    view = RegionalThemes(
        "west-midlands",
        date(2011, 4, 13),
        date(2026, 1, 1),
        7,
        (
            ThemeSpread("stalking", "stalking", 3, 4, 5),
            ThemeSpread("dash-risk-assessment", "DASH risk assessment", 5, 9, 9),
        ),
        (),
    )
    labelled = with_labels(view, {"stalking": "Stalking", "dash-risk-assessment": "something else"})
    assert [t.label for t in labelled.themes] == ["Stalking", "DASH risk assessment"]
    assert with_labels(view, {}) == view


def test_a_region_sector_gets_its_label_and_the_unaddressed_row_stays() -> None:
    view = RegionalThemes(
        "west-midlands",
        date(2011, 4, 13),
        date(2026, 1, 1),
        7,
        (),
        (
            SectorCount("probation-service", "probation-service", 2, 1),
            SectorCount(NO_SECTOR, NO_SECTOR, 1, 1),
        ),
    )
    labelled = with_labels(view, {"probation-service": "Probation Service"})
    assert [s.label for s in labelled.sectors] == ["Probation Service", NO_SECTOR]
