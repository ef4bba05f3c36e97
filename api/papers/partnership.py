"""A partnership's own DHR board paper: its reviews under way with their statutory clocks,
its action plan in summary and what its reviews cost, in one paper for its board.

Nothing here computes a figure of its own: each case's row is the register download's
(``tables.bodies.with_clocks``, its clocks ``api.clocks``'s words), the plan's tables are the
action plan paper's (``papers.action_plan``) and the costs are the Money page's and the costs
download's (``tables.bodies.review_costs``): ``papers.partnership_parts`` makes the cases'
parts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from api.papers.action_plan import PlanAsk, asked_to, plan_lines, plan_paper
from api.papers.cells import asked, long_date
from api.papers.paper import DHR_DUTY, Meeting, Paper, PaperTable, Part, Recorded, paper_date
from api.papers.partnership_parts import costs_parts, is_late, open_cases, reviews_part
from api.plurals import plural
from api.tables.bodies import costs_recorded, review_costs
from api.tables.columns import Column, Kind, Section
from api.tables.notes import left_out_words
from api.vocabulary import ACTION_STATUSES
from tenants.ledger import PartnershipLedger
from tenants.unreadable import LeftOut

STATES = Section(
    "Actions by state",
    "",
    (Column("state", "State", Kind.TEXT, 30), Column("actions", "Actions", Kind.COUNT)),
    row_heading="state",
)


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
    costs = costs_recorded(review_costs(ledger, at, left_out))
    plan_ask = PlanAsk(ask.tenant, ask.tenant_name, ask.on, recorded_by=at)
    lines = plan_lines(ledger, plan_ask, agencies, left_out)
    plan = plan_paper(plan_ask, lines)
    parts = {part.heading: part for part in plan.parts}
    late = sum(1 for c in cases if is_late(c))
    overdue = len(parts["Actions overdue"].tables[0].rows)
    awaiting = len(parts["Awaiting impact review"].tables[0].rows)
    unread = left_out.count
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
                    f"{DHR_DUTY} Home Office guidance: a decision within 1 month of the death "
                    "and the review completed within 7 months, not counting days paused for "
                    "parallel proceedings.",
                ),
            ),
            reviews_part(cases, on),
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
            *costs_parts(costs),
        ),
        contact=ask.contact,
        facts=(
            ("Data as at", on),
            *ask.recorded_facts,
            ("Reviews under way", str(len(cases))),
            *((("Left out, cannot be read", str(unread)),) if unread else ()),
        ),
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
