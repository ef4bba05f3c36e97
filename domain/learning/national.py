"""The national learning export: anonymised counts in the Home Office DHR Library's taxonomy
and the Domestic Abuse Commissioner's status scale, as official statistics publish them.

Only categories leave: no pseudonym, reference, place below the region, free text or date
finer than a year. Every row is a cell of a table counting cases (reviews); a cell of fewer
than ``MINIMUM_CASES`` cases has its counts suppressed, so no row points at one death, and so
does a second cell of its row or column where the totals would otherwise give it away.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from domain.learning.disclosure import protect
from domain.learning.outcomes import ActionOutcomes

MINIMUM_CASES = 5
NOT_RECORDED = "not_recorded"

DIMENSIONS = (
    "year", "region", "review_kind", "death_category", "age_band", "relationship",
    "theme", "addressee", "scope", "action_outcome", "impact", "national_status",
)  # fmt: skip
REVIEW_TABLES: dict[str, tuple[str, ...]] = {
    "reviews_by_kind": ("year", "region", "review_kind", "death_category"),
    "reviews_by_age_band": ("year", "region", "age_band"),
    "reviews_by_relationship": ("year", "region", "relationship"),
}
RECOMMENDATION_TABLES: dict[str, tuple[str, ...]] = {
    "recommendations_by_theme": ("year", "region", "theme", "scope", "action_outcome", "impact"),
    "recommendations_by_addressee": ("year", "region", "addressee", "action_outcome", "impact"),
    "national_recommendations": ("year", "theme", "addressee", "national_status"),
}
ACTION_OUTCOMES = ("no_actions", "open", "completed", "closed_without_completion")
IMPACTS = ("not_applicable", "not_reviewed", "embedded", "partly_embedded", "not_embedded")


@dataclass(frozen=True)
class CaseFacts:
    case: Hashable  # distinguishes cases while counting; never exported
    year: int  # the year the death was notified to the partnership
    region: str
    review_kind: str
    death_category: str
    age_band: str
    relationship: str


@dataclass(frozen=True)
class RecommendationFacts:
    case: CaseFacts
    themes: tuple[str, ...]  # Home Office Library codes
    addressee: str  # Home Office Library addressee code, or NOT_RECORDED
    scope: str
    action_outcome: str
    impact: str
    national_status: str  # the Commissioner's scale, or "not_routed"


def action_outcome(o: ActionOutcomes, open_actions: bool) -> str:
    if not o.actions:
        return "no_actions"
    if open_actions:
        return "open"
    return "completed" if o.completed else "closed_without_completion"


def impact(o: ActionOutcomes) -> str:
    if not o.completed:
        return "not_applicable"
    if not o.impact_reviewed:
        return "not_reviewed"
    if o.embedded == o.impact_reviewed:
        return "embedded"
    return "partly_embedded" if o.embedded else "not_embedded"


def _row(
    table: str, key: dict[str, object], cases: int, recs: int | None, hidden: bool
) -> dict[str, object]:
    row: dict[str, object] = {"table": table, **{d: key.get(d) for d in DIMENSIONS}}
    row["cases"] = None if hidden else cases
    row["recommendations"] = None if hidden else recs
    row["suppressed"] = hidden
    return row


def tabulate(
    cases: Iterable[CaseFacts], recommendations: Iterable[RecommendationFacts]
) -> list[dict[str, object]]:
    """Every table's cells, in a stable order; counts of small cells replaced by null, and of
    as many more as keep them from being worked out by subtraction (``disclosure.protect``)."""
    case_list, rec_list = list(cases), list(recommendations)
    rows: list[dict[str, object]] = []
    for table, dims in REVIEW_TABLES.items():
        cells: dict[tuple[object, ...], set[Hashable]] = {}
        for c in case_list:
            cells.setdefault(tuple(getattr(c, d) for d in dims), set()).add(c.case)
        hidden = protect({v: len(c) for v, c in cells.items()}, MINIMUM_CASES)
        for values in sorted(cells, key=str):
            key = dict(zip(dims, values, strict=True))
            rows.append(_row(table, key, len(cells[values]), None, values in hidden))
    for table, dims in RECOMMENDATION_TABLES.items():
        counted: dict[tuple[object, ...], tuple[set[Hashable], list[int]]] = {}
        for r in rec_list:
            for theme in r.themes if "theme" in dims else ("",):
                values = tuple(_value(r, d, theme) for d in dims)
                found = counted.setdefault(values, (set(), [0]))
                found[0].add(r.case.case)
                found[1][0] += 1
        hidden = protect({v: len(c[0]) for v, c in counted.items()}, MINIMUM_CASES)
        for values in sorted(counted, key=str):
            case_set, count = counted[values]
            key = dict(zip(dims, values, strict=True))
            rows.append(_row(table, key, len(case_set), count[0], values in hidden))
    return rows


def _value(r: RecommendationFacts, dimension: str, theme: str) -> object:
    if dimension == "theme":
        return theme
    if dimension in ("year", "region"):
        return getattr(r.case, dimension)
    return getattr(r, dimension)
