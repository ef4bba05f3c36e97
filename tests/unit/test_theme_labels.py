"""Region themes are labelled in the regional view from the region's own list."""

from __future__ import annotations

from datetime import date

from projections.queries.themes import RegionalThemes, ThemeSpread, with_labels


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
