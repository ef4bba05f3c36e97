"""The regional board paper's part on repeated recommendations: what the region's reviews keep
recommending, to whom, and whether the actions taken the first time changed practice — the
signal the PCC asks for ("recommended again after an action was marked completed").
"""

from __future__ import annotations

import threading
from collections.abc import Hashable, Mapping
from typing import Any

from api.papers.paper import PaperTable, Part
from api.plurals import plural
from api.tables.columns import Column, Kind, Section
from tenants.learning.regional import RegionLearning
from tenants.learning.shaping import region_row

MOST = 10  # clusters in the paper; the rest are on the repeated recommendations page

REPEATS = Section(
    "Repeated recommendations",
    "clusters",
    (
        Column("themes", "Themes", Kind.LIST),
        Column("addressees", "Addressed to", Kind.LIST),
        Column("partnerships", "Partnerships", Kind.LIST),
        Column("span", "Years"),
        Column("recommendations", "Recommendations", Kind.COUNT),
        Column("actions.actions", "Actions", Kind.COUNT),
        Column("actions.completed", "Completed", Kind.COUNT),
        Column("actions.embedded", "Shown embedded", Kind.COUNT),
        Column("recommended_again_after_completion", "Made again after completion", Kind.YESNO),
    ),
)


def cluster_rows(
    learning: RegionLearning, labels: Mapping[str, str], within_years: int, threshold: float
) -> list[dict[str, Any]]:
    """The clusters as the paper's rows: codes as their labels, partnerships by name.

    Shaped once per ``learning`` (a new object whenever a partnership's store has moved, see
    ``region_learning``) and labels: the dashboard asks on every load, and shaping every
    cluster's members cost a tenth of the page. Callers must not change the rows.
    """
    key = (learning.region, tuple(sorted(labels.items())), within_years, threshold)
    with _lock:
        found = _shaped.get(key)
    if found is not None and found[0] is learning:
        return found[1]
    rows = _cluster_rows(learning, labels, within_years, threshold)
    with _lock:
        if len(_shaped) >= SHAPED_KEYS:
            _shaped.clear()
        _shaped[key] = (learning, rows)
    return rows


SHAPED_KEYS = 256  # regions × label sets; cleared when full
_lock = threading.Lock()
_shaped: dict[Hashable, tuple[RegionLearning, list[dict[str, Any]]]] = {}


def _cluster_rows(
    learning: RegionLearning, labels: Mapping[str, str], within_years: int, threshold: float
) -> list[dict[str, Any]]:
    data = region_row(learning, threshold, within_years)
    return [
        {
            **c,
            "themes": [labels.get(t, t.replace("-", " ")) for t in c["themes"]],
            "addressees": [labels.get(t, t.replace("-", " ")) for t in c["addressees"]],
            "partnerships": [learning.tenant_names.get(t, t) for t in c["tenants"]],
            "span": _span(c["years"]),
            "recommendations": len(c["members"]),
        }
        for c in data["clusters"]
    ]


def repeats_part(
    learning: RegionLearning, labels: Mapping[str, str], within_years: int, threshold: float
) -> Part:
    rows = cluster_rows(learning, labels, within_years, threshold)
    flagged = sum(1 for r in rows if r["recommended_again_after_completion"])
    return Part(
        "Repeated recommendations",
        _repeats_words(learning.recommendations, rows, flagged, within_years),
        (
            PaperTable(
                "Table 6: recommendations made again by other reviews",
                f"At most {MOST} groups, those spread over most partnerships first; actions "
                "counted over every recommendation of the group.",
                REPEATS,
                rows[:MOST],
                empty="No recommendation has been made again by another review in the region.",
                beneath=("themes", "addressees", "partnerships"),
            ),
        ),
    )


def _span(years: list[int]) -> str:
    return f"{years[0]} to {years[-1]}" if len(years) > 1 else str(years[0]) if years else ""


def _repeats_words(
    made: int, rows: list[dict[str, Any]], flagged: int, within_years: int
) -> tuple[str, ...]:
    """The groups in words, read right for none, one and many: no "0 fall into 0 groups"."""
    how = "(compared by their words, themes and the sector addressed)"
    if not rows:
        return (
            f"No recommendation made by the region's reviews {how} is like one made by "
            "another review.",
        )
    grouped = sum(r["recommendations"] for r in rows)
    if len(rows) == 1:
        which = "This group holds" if flagged else "This group does not hold"
    else:
        which = plural(flagged, "of these groups holds", "of these groups hold", none="None")

    return (
        f"Of the {made} recommendations made by the region's reviews, {grouped} fall into "
        f"{plural(len(rows), 'group')} of similar recommendations made by more than one "
        f"review {how}.",
        f"{which} a recommendation made again within {plural(within_years, 'year')} of an "
        "action on an earlier one being marked completed: the completion did not change "
        "practice enough to prevent the same finding.",
    )
