"""The parts of a partnership's board paper (``papers.partnership``) read from its cases: the
reviews under way with their statutory clocks, in the register download's rows and words
(``tables.bodies.with_clocks``, ``api.clocks``), and what the reviews cost, in the Money page's
and the costs download's rows (``tables.bodies.review_costs``, ``costs_recorded``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from api.clocks import DECISION_OVERDUE, FINISHED, PAST_SEVEN_MONTHS
from api.papers.cells import long_date, rounding_note, whole_pounds
from api.papers.paper import PaperTable, Part
from api.plurals import plural
from api.tables.bodies import SET_ASIDE, over_estimate, with_clocks
from api.tables.columns import Column
from api.tables.registers import COSTS, FROM_POTS_NOTE, REGISTER
from api.vocabulary import PAUSE_REASONS, named
from domain.reviews.values import ReviewStatus

# Not under way: finished (``api.clocks.FINISHED``), or never reviewed.
CLOSED = {str(s) for s in (*FINISHED, ReviewStatus.DECIDED_NOT_TO_REVIEW)}
LATE = (DECISION_OVERDUE, PAST_SEVEN_MONTHS)
CASES = REGISTER.sections[0].only(
    "reference", "kind", "status", "notified_on", "decision_due", "completion_due", "clocks"
)
COST_COLUMNS = ("reference", "status", "agreed_cost_pence", "estimated_pence", "incurred_pence")


def is_late(case: Mapping[str, Any]) -> bool:
    """Past a statutory clock: its decision overdue, or past 7 months."""
    return bool(set(case["clocks"]) & set(LATE))


def reviews_part(cases: Sequence[Mapping[str, Any]], on: str) -> Part:
    """Table 1: the reviews under way (``open_cases``), each paused one's why in a note."""
    late = sum(1 for c in cases if is_late(c))
    paused = sum(1 for c in cases if c["why_paused"])
    pauses = (
        f"{c['reference']} has been paused {c['why_paused']}." for c in cases if c["why_paused"]
    )
    return Part(
        "Reviews under way",
        (_under_way(len(cases), late, paused, on),),
        (
            PaperTable(
                "Table 1: reviews under way",
                "Those past a statutory clock first, then those paused; each in order of "
                f"notification. Clocks judged on {on}.",
                CASES,
                cases,
                (*pauses, REGISTER.footnotes[-1]),
                empty="No review is under way.",
            ),
        ),
    )


def costs_parts(costs: Sequence[Mapping[str, Any]]) -> tuple[Part, Part]:
    """Table 5, what the reviews cost, with its total; and the financial implications."""
    columns = _cost_columns(costs)
    rows = _with_total(costs, columns)
    return (
        Part(
            "What the reviews cost",
            (_costs_words(costs),),
            (
                PaperTable(
                    "Table 5: what the reviews cost",
                    "Each review's costs over its life so far, as the Money page and the costs "
                    "download give them, to the nearest pound.",
                    COSTS.sections[0].only(*columns),
                    rows,
                    (
                        *(note for note in COSTS.footnotes if note != FROM_POTS_NOTE),
                        *rounding_note(_money_columns(columns), rows),
                    ),
                    empty="No review has an agreed cost, an estimate or a cost recorded.",
                    whole_pounds=True,
                ),
            ),
        ),
        Part(
            "Financial implications",
            (
                *_totals_words(rows),
                "Owner agencies meet the cost of their actions from their own budgets.",
            ),
        ),
    )


def open_cases(reviews: Sequence[Any], day: date) -> list[dict[str, Any]]:
    """The reviews under way as the register's rows (clocks judged on ``day``), those past a
    statutory clock first, then the paused, each group in order of notification; a paused
    review says since when and why."""
    rows = [
        {**with_clocks(r, day), "why_paused": _why_paused(r)}
        for r in reviews
        if str(r.status) not in CLOSED
    ]
    return sorted(rows, key=lambda r: (not set(r["clocks"]) & set(LATE), not r["why_paused"]))


def _why_paused(review: Any) -> str:
    """Since when and why a paused review is paused, as its case page says it."""
    if review.status is not ReviewStatus.PAUSED or not review.pauses:
        return ""
    pause = review.pauses[-1]
    said = named(PAUSE_REASONS, pause.reason)
    reason = said[:1].lower() + said[1:]
    words = f"since {long_date(pause.paused_on)}, for {reason}"
    return f"{words} ({pause.note})" if pause.note else words


def _under_way(count: int, late: int, paused: int, on: str) -> str:
    """Table 1 in a sentence: how many reviews are under way, late and paused."""
    if not count:
        return f"No review is under way at {on}."
    return (
        f"{plural(count, 'review is', 'reviews are')} under way at {on}. Of "
        f"{'it' if count == 1 else 'them'}, {late or 'none'} "
        f"{'has' if late == 1 else 'have'} passed a statutory clock, and {paused or 'none'} "
        f"{'is' if paused == 1 else 'are'} paused for parallel proceedings (a trial or an "
        "inquest), which stops the clock."
    )


def _cost_columns(costs: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    """Table 5's columns: a decommissioned review's agreed cost or estimate set aside has a
    column of its own, beside the figure it was, only where a review has one, so the note
    saying it shows as set aside is true of the table it stands under."""
    columns: list[str] = []
    for key in COST_COLUMNS:
        columns.append(key)
        aside = SET_ASIDE.get(key)
        if aside is not None and any(row.get(aside) is not None for row in costs):
            columns.append(aside)
    return tuple(columns)


def _money_columns(columns: tuple[str, ...] = COST_COLUMNS) -> tuple[Column, ...]:
    return COSTS.sections[0].only(*columns).columns


def _with_total(
    costs: Sequence[Mapping[str, Any]], columns: tuple[str, ...] = COST_COLUMNS
) -> list[Mapping[str, Any]]:
    """The Money page's rows with its totals (nothing recorded adds nothing) as a last row."""
    if not costs:
        return []
    keys = columns[2:]
    total = {key: sum(row[key] or 0 for row in costs) for key in keys}
    return [*costs, {"reference": "Total", "status": "", **total}]


def _costs_words(costs: Sequence[Mapping[str, Any]]) -> str:
    """How many reviews have costs, and which have cost more than estimated, as the Money page
    tags them."""
    if not costs:
        return "No review has an agreed cost, an estimate or a cost recorded yet."
    over = over_estimate(costs)
    words = f"{plural(len(costs), 'review has', 'reviews have')} costs recorded"
    if not over:
        return f"{words}; none has cost more than estimated."
    named = ", ".join(str(r["reference"]) for r in costs if r["review_id"] in over)
    return (
        f"{words}; {len(over)} {'has' if len(over) == 1 else 'have'} cost more than estimated "
        f"({named}), by {whole_pounds(sum(over.values()))} in all."
    )


def _totals_words(rows: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    """Table 5's total row in words: what was agreed, is estimated and has been incurred, and
    what was set aside for decommissioned reviews (left out of the first two)."""
    if not rows:
        return ()
    total = rows[-1]
    aside = [
        f"{whole_pounds(total[key])} {word}"
        for key, word in (
            ("agreed_set_aside_pence", "agreed"),
            ("estimate_set_aside_pence", "estimated"),
        )
        if total.get(key)
    ]
    set_aside = (
        f" Decommissioned reviews will spend nothing more: {' and '.join(aside)} for them "
        f"{'is' if len(aside) == 1 else 'are'} set aside, left out of those totals."
        if aside
        else ""
    )
    return (
        f"The reviews' chairs and authors were agreed at {whole_pounds(total['agreed_cost_pence'])} "
        f"when commissioned; the reviews are estimated to cost "
        f"{whole_pounds(total['estimated_pence'])} in all, and "
        f"{whole_pounds(total['incurred_pence'])} has been incurred so far (table 5).{set_aside}",
    )
