"""A partnership's own DHR board paper: its reviews under way with their statutory clocks,
its action plan in summary and what its reviews cost, in one paper for its board.

Nothing here computes a figure of its own: each case's row is the register download's
(``tables.bodies.with_clocks``, its clocks ``api.clocks``'s words), the plan's tables are the
action plan paper's (``papers.action_plan``) and the costs are the Money page's and the costs
download's (``tables.bodies.review_costs``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from api.clocks import DECISION_OVERDUE, FINISHED, PAST_SEVEN_MONTHS
from api.papers.action_plan import PlanAsk, asked_to, plan_lines, plan_paper
from api.papers.cells import asked, long_date, rounding_note, whole_pounds
from api.papers.paper import Meeting, Paper, PaperTable, Part, Recorded, paper_date
from api.plurals import plural
from api.tables.bodies import over_estimate, review_costs, with_clocks
from api.tables.columns import Column, Kind, Section
from api.tables.notes import left_out_words
from api.tables.registers import COSTS, REGISTER
from api.vocabulary import ACTION_STATUSES
from domain.reviews.values import ReviewStatus
from tenants.ledger import PartnershipLedger
from tenants.unreadable import LeftOut

# Not under way: finished (``api.clocks.FINISHED``), or never reviewed.
CLOSED = {str(s) for s in (*FINISHED, ReviewStatus.DECIDED_NOT_TO_REVIEW)}
LATE = (DECISION_OVERDUE, PAST_SEVEN_MONTHS)
PAUSE_WORDS = {"criminal_trial": "a criminal trial", "inquest": "an inquest"}
CASES = REGISTER.sections[0].only(
    "reference", "kind", "status", "notified_on", "decision_due", "completion_due", "clocks"
)
STATES = Section(
    "Actions by state",
    "",
    (Column("state", "State", Kind.TEXT, 30), Column("actions", "Actions", Kind.COUNT)),
)
COST_COLUMNS = ("reference", "status", "agreed_cost_pence", "estimated_pence", "incurred_pence")


@dataclass(frozen=True)
class PartnershipAsk(Meeting, Recorded):
    tenant: str
    tenant_name: str
    on: date  # the day clocks and overdue are judged on


def partnership_paper(
    ledger: PartnershipLedger, ask: PartnershipAsk, agencies: Callable[[str], str]
) -> Paper:
    """``agencies`` names each action's owner (``api.agency_names``). A case or cost that
    cannot be read is left out, and the purpose and facts say how many."""
    at, on = ask.recorded_by, long_date(ask.on)
    left_out = LeftOut("the partnership's board paper", ask.tenant)
    cases = open_cases(ledger.reviews.all(at, left_out=left_out), ask.on)
    costs = [
        row
        for row in review_costs(ledger, at, left_out)
        if row["estimated_pence"] is not None or row["agreed_cost_pence"]
    ]
    plan_ask = PlanAsk(ask.tenant, ask.tenant_name, ask.on, recorded_by=at)
    lines = plan_lines(ledger, plan_ask, agencies, left_out)
    plan = plan_paper(plan_ask, lines)
    parts = {part.heading: part for part in plan.parts}
    late = sum(1 for c in cases if set(c["clocks"]) & set(LATE))
    paused = sum(1 for c in cases if c["why_paused"])
    overdue = len(parts["Actions overdue"].tables[0].rows)
    awaiting = len(parts["Awaiting impact review"].tables[0].rows)
    unread = left_out.count
    rows = _with_total(costs)
    meeting = ask.meeting or f"{ask.tenant_name} Community Safety Partnership board"
    return Paper(
        title=f"Domestic Homicide Reviews in {ask.tenant_name}",
        body=f"{ask.tenant_name} Community Safety Partnership",
        meeting=meeting,
        meeting_date=paper_date(ask.meeting_date),
        purpose=(
            "To report the partnership's Domestic Homicide Reviews (DHRs) at "
            f"{on}: the reviews under way and the statutory clocks they have passed, the "
            "progress of the actions from completed reviews, and what the reviews cost.",
            *ask.recorded_purpose,
            *((left_out_words(unread),) if unread else ()),
        ),
        recommendations=asked_to(
            asked(meeting),
            "the reviews under way (table 1), the action plan (tables 2 to 4) and what the "
            "reviews cost (table 5)",
            overdue="agency of an overdue action" if overdue else "",
            awaiting=bool(awaiting),
        )
        + _late_request(asked(meeting), late),
        parts=(
            Part(
                "Background",
                (
                    "Community Safety Partnerships have had statutory responsibility for "
                    "Domestic Homicide Reviews since 13 April 2011 (section 9 of the Domestic "
                    "Violence, Crime and Victims Act 2004). The purpose of a review is to "
                    "identify the lessons to be learnt from the death. Home Office guidance: a "
                    "decision within 1 month of the death and the review completed within 7 "
                    "months, not counting days paused for parallel proceedings.",
                ),
            ),
            Part(
                "Reviews under way",
                (_under_way(len(cases), late, paused, on),),
                (
                    PaperTable(
                        "Table 1: reviews under way",
                        "Those past a statutory clock first, then those paused; each in order "
                        "of notification. Clocks judged on " + on + ".",
                        CASES,
                        cases,
                        (
                            *(
                                f"{c['reference']} has been paused {c['why_paused']}."
                                for c in cases
                                if c["why_paused"]
                            ),
                            REGISTER.footnotes[-1],
                        ),
                        empty="No review is under way.",
                    ),
                ),
            ),
            Part(
                "The action plan",
                (*parts["Background"].paragraphs, _recommendations_words(lines)),
                (
                    PaperTable(
                        "Table 2: actions by state",
                        f"Every action in the master action plan at {on}.",
                        STATES,
                        _by_state(lines),
                        empty="The plan holds no action.",
                    ),
                    *_numbered(parts["Actions overdue"], 3).tables,
                    *_numbered(parts["Awaiting impact review"], 4).tables,
                ),
            ),
            Part(
                "What the reviews cost",
                (_costs_words(costs),),
                (
                    PaperTable(
                        "Table 5: what the reviews cost",
                        "Each review's costs over its life so far, as the Money page and the "
                        "costs download give them, to the nearest pound.",
                        COSTS.sections[0].only(*COST_COLUMNS),
                        rows,
                        (*COSTS.footnotes, *rounding_note(_money_columns(), rows)),
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
        ),
        contact=ask.contact,
        facts=(
            ("Data as at", on),
            *ask.recorded_facts,
            ("Reviews under way", str(len(cases))),
            *((("Left out, cannot be read", str(unread)),) if unread else ()),
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
    reason = PAUSE_WORDS.get(str(pause.reason), "other parallel proceedings")
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


def _late_request(board: str, late: int) -> tuple[str, ...]:
    if not late:
        return ()
    return (
        f"{board} to request a timetable to completion for each review past a statutory "
        "clock (table 1).",
    )


def _numbered(part: Part, number: int) -> Part:
    """The action plan paper's part with its table renumbered for this paper."""
    tables = tuple(
        replace(t, heading=f"Table {number}:{t.heading.split(':', 1)[1]}") for t in part.tables
    )
    return replace(part, tables=tables)


def _by_state(lines: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    counted = Counter(str(line["status"]) for line in lines)
    rows: list[dict[str, Any]] = [
        {"state": words, "actions": counted[str(status)]}
        for status, words in ACTION_STATUSES.items()
        if counted[str(status)]
    ]
    return [*rows, {"state": "Total", "actions": len(lines)}] if rows else []


def _recommendations_words(lines: Sequence[Mapping[str, Any]]) -> str:
    """How many recommendations the actions implement, and from how many reviews."""
    recommendations = {
        (line["review_reference"], line["recommendation_reference"]) for line in lines
    }
    reviews = {line["review_reference"] for line in lines}
    if not recommendations:
        return "No recommendation has an action yet."
    return (
        f"The actions implement {plural(len(recommendations), 'recommendation')} from "
        f"{plural(len(reviews), 'review')}."
    )


def _money_columns() -> tuple[Column, ...]:
    return COSTS.sections[0].only(*COST_COLUMNS).columns


def _with_total(costs: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The Money page's rows with its totals (nothing recorded adds nothing) as a last row."""
    if not costs:
        return []
    keys = COST_COLUMNS[2:]
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
    """Table 5's total row in words: what was agreed, is estimated and has been incurred."""
    if not rows:
        return ()
    total = rows[-1]
    return (
        f"The reviews' chairs and authors were agreed at {whole_pounds(total['agreed_cost_pence'])} "
        f"when commissioned; the reviews are estimated to cost "
        f"{whole_pounds(total['estimated_pence'])} in all, and "
        f"{whole_pounds(total['incurred_pence'])} has been incurred so far (table 5).",
    )
