"""The action plan board paper: a partnership's overdue actions and the completed actions
still awaiting their impact review (Leicestershire had no process to revisit them)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from api.agency_names import with_owner_names
from api.papers.cells import long_date, note_and_request
from api.papers.paper import Meeting, Paper, PaperTable, Part, Recorded, paper_date
from api.plurals import plural
from api.schemas.actionplan import PlanLineOut
from api.tables.catalogue import ACTION_PLAN
from api.tables.columns import Column, Kind, Section
from api.tables.notes import left_out_words
from domain.actionplan.values import DONE_STATUSES, LIVE_STATUSES
from tenants.ledger import PartnershipLedger
from tenants.unreadable import LeftOut


@dataclass(frozen=True)
class PlanAsk(Meeting, Recorded):
    tenant: str
    tenant_name: str
    on: date


# The columns that say which action a plan line is, first in every table of a plan's paper
# (a partnership's or a group's), so a board finds the same action the same way in each.
WHICH_ACTION = ("review_reference", "recommendation_reference", "owner_name", "description")


def awaiting_part(columns: Section, rows: Sequence[Mapping[str, Any]], intro: str = "") -> Part:
    """Table 2 of a plan's paper (a partnership's or a group's): completed actions whose impact
    is still to be reviewed, the step Leicestershire's plan had no process for."""
    return Part(
        "Awaiting impact review",
        tables=(
            PaperTable(
                "Table 2: completed actions awaiting impact review",
                intro,
                columns,
                rows,
                empty="No completed action awaits its impact review.",
            ),
        ),
    )


def action_plan_paper(
    ledger: PartnershipLedger, ask: PlanAsk, agencies: Callable[[str], str]
) -> Paper:
    """``agencies`` names each recorded owner (``api.agency_names``: the region's directory).
    An action that cannot be read is left out, and the purpose and facts say how many."""
    left_out = LeftOut("the action plan board paper", ask.tenant)
    return plan_paper(ask, plan_lines(ledger, ask, agencies, left_out), left_out.count)


def plan_lines(
    ledger: PartnershipLedger, ask: PlanAsk, agencies: Callable[[str], str], left_out: LeftOut
) -> list[dict[str, Any]]:
    """The plan's lines as its download and paper give them, overdue judged on ``ask.on``."""
    judged = ledger.plan.judged(ask.on, ask.recorded_by, left_out)
    lines: list[dict[str, Any]] = PlanLineOut(many=True).dump(with_owner_names(judged, agencies))
    return lines


def plan_paper(ask: PlanAsk, lines: Sequence[Mapping[str, Any]], unreadable: int = 0) -> Paper:
    """The paper of ``lines`` (``plan_lines``); ``unreadable``: how many were left out."""
    unread = (left_out_words(unreadable),) if unreadable else ()
    overdue = [line for line in lines if line["overdue"]]
    awaiting = [_impact_review(line, ask.on) for line in lines if line["awaiting_impact_review"]]
    late = sum(1 for line in awaiting if line["impact_review_overdue"])
    open_ = [line for line in lines if line["status"] in LIVE_STATUSES]
    done = [line for line in lines if line["status"] in DONE_STATUSES]
    plan = ACTION_PLAN.sections[0]
    on = long_date(ask.on)
    return Paper(
        title=f"{ask.tenant_name} master action plan",
        body=f"{ask.tenant_name} Community Safety Partnership",
        meeting=ask.meeting or f"{ask.tenant_name} Community Safety Partnership board",
        meeting_date=paper_date(ask.meeting_date),
        purpose=(
            f"To report progress on the actions from the partnership's Domestic Homicide "
            f"Reviews at {on}: the actions overdue, and the completed actions whose impact "
            "has not yet been reviewed.",
            *ask.recorded_purpose,
            *unread,
        ),
        recommendations=_recommendations(len(overdue), len(awaiting)),
        parts=(
            Part(
                "Background",
                (_holds(len(lines), len(open_), len(overdue), len(done), len(awaiting), late),),
            ),
            Part(
                "Actions overdue",
                tables=(
                    PaperTable(
                        "Table 1: overdue actions",
                        f"Not completed by their due date at {on}.",
                        _cited(plan).only(*CITED, "status", "due_on", "last_progress_on"),
                        [_citing(line) for line in overdue],
                        empty="No action is overdue.",
                    ),
                ),
            ),
            awaiting_part(
                _cited(plan, IMPACT_DUE).only(*CITED, "completed_on", "impact_review"),
                [_citing(line) for line in awaiting],
                _late_words(len(awaiting), late, on),
            ),
            Part(
                "Financial implications",
                (
                    "None arise directly from this report; owner agencies meet the cost of their "
                    "actions from their own budgets.",
                ),
            ),
        ),
        contact=ask.contact,
        facts=(
            ("Plan at", on),
            *ask.recorded_facts,
            ("Actions", str(len(lines))),
            *((("Left out, cannot be read", str(unreadable)),) if unreadable else ()),
        ),
    )


def _recommendations(overdue: int, awaiting: int) -> tuple[str, ...]:
    return asked_to(
        "The board is asked",
        "the actions overdue (table 1) and the completed actions awaiting their impact review "
        "(table 2)",
        overdue="agency of an overdue action" if overdue else "",
        awaiting=bool(awaiting),
    )


def asked_to(board: str, noted: str, *, overdue: str, awaiting: bool) -> tuple[str, ...]:
    """What the board is asked about a plan: updates only where something is outstanding.
    ``overdue``: whose overdue actions, after "each owner" ("" when none is overdue)."""
    requests = [
        *(
            (f"each owner {overdue} give a progress update and a revised date by the next meeting",)
            if overdue
            else ()
        ),
        *(("the impact reviews of the completed actions be carried out",) if awaiting else ()),
    ]
    return note_and_request(board, noted, requests)


# The case and the recommendation's number in one column, "BHM-DHR-01 R4", as a review cites
# it: apart, "Recommendation" headed a column as wide as its header for "R4", and the Action
# column beside it was left a fifth of the page, its rows running to four or five lines.
CITED = ("cited", "owner_name", "description")


def _cited(plan: Section, *more: Column) -> Section:
    """The plan's columns, with the case and recommendation in one (``CITED``) and ``more``."""
    cited = Column("cited", "Recommendation", Kind.TEXT)
    return replace(plan, columns=(cited, *plan.columns, *more))


def _citing(line: Mapping[str, Any]) -> dict[str, Any]:
    return {**line, "cited": f"{line['review_reference']} {line['recommendation_reference']}"}


# An impact review's due date, and "overdue" when it has passed, as the case page and the
# master plan flag it ("Impact review overdue"): dates years past read as if still to come.
IMPACT_DUE = Column("impact_review", "Impact review due", Kind.TEXT)


def _impact_review(line: Mapping[str, Any], on: date) -> dict[str, Any]:
    """A line awaiting its impact review, with its due date in words and whether it has passed
    (``Action.impact_review_overdue``: due before ``on``)."""
    due = line["impact_review_due_on"]
    day = None if due is None else date.fromisoformat(str(due)[:10])
    late = day is not None and day < on
    words = "" if day is None else f"{day:%d/%m/%Y}" + (" (overdue)" if late else "")
    return {**line, "impact_review": words, "impact_review_overdue": late}


def _late_words(awaiting: int, late: int, on: str) -> str:
    """Table 2's intro: how many of its impact reviews are overdue (due before ``on``)."""
    if not awaiting:
        return ""
    if awaiting == 1:
        if late:
            return f"The one impact review is overdue: it was due before {on}."
        return f"The one impact review is not overdue at {on}."
    if late == awaiting:
        return f"All {awaiting} impact reviews are overdue: each was due before {on}."
    if not late:
        return f"None of the {awaiting} impact reviews is overdue at {on}."
    verb = "is" if late == 1 else "are"
    return f"{late} of the {awaiting} impact reviews {verb} overdue: due before {on}."


def _holds(total: int, live: int, overdue: int, done: int, awaiting: int, late: int = 0) -> str:
    """The plan's counts as nested parts of its whole, so a board does not add overdue actions
    to open ones (every overdue action is also open)."""
    words = [f"The plan holds {plural(total, 'action', none='no')}."]
    if live == 1:
        words.append(f"The one not yet completed is {'' if overdue else 'not '}overdue.")
    elif live:
        verb = "is" if overdue == 1 else "are"
        words.append(f"Of the {live} not yet completed, {overdue or 'none'} {verb} overdue.")
    if done:
        words.append(
            f"{_impact(done, awaiting)}{_overdue_of(awaiting, late)}: a completed action is "
            "revisited after it is signed off to check that it changed practice."
        )
    return " ".join(words)


def _impact(done: int, awaiting: int) -> str:
    if done == 1:
        return (
            f"The one completed {'awaits its' if awaiting else 'does not await an'} impact review"
        )
    verb = "awaits its" if awaiting == 1 else "await their"
    return f"Of the {done} completed, {awaiting or 'none'} {verb} impact review"


def _overdue_of(awaiting: int, late: int) -> str:
    """How many of the impact reviews awaited are overdue, after ``_impact``'s words."""
    if not late:
        return ""
    if awaiting == 1:
        return ", which is overdue"
    return ", all of them overdue" if late == awaiting else f", {late} of them overdue"
