"""How long a case took against guidance: 1 month to decide, 7 from incident to completion.

Paused days (parallel proceedings) are excluded, because the CSP cannot progress a paused review.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from domain.calendar import add_months
from domain.reviews.records import Pause

DECISION_MONTHS = 1
COMPLETION_MONTHS = 7


@dataclass(frozen=True)
class Milestones:
    """The dates timeliness is measured from; ``None`` where the step has not happened."""

    incident_on: date
    decided_on: date | None
    completion_expected: bool  # false once decided not to review (unless directed)
    first_panel_on: date | None
    submitted_on: date | None
    approved_on: date | None
    closed_on: date | None  # decommissioned: the clock stops without completion


@dataclass(frozen=True)
class Timeliness:
    as_of: date
    decision_due: date
    completion_due: date
    paused_days: int
    days_to_decision: int | None
    days_to_first_panel: int | None
    days_to_submission: int | None
    days_to_completion: int | None
    missed_decision_target: bool
    missed_completion_target: bool


def measure(m: Milestones, pauses: Sequence[Pause], as_of: date) -> Timeliness:
    """Days from the incident to each milestone, net of paused days up to that milestone."""
    end = m.approved_on or m.closed_on or as_of

    def net_days(until: date | None) -> int | None:
        if until is None:
            return None
        return (until - m.incident_on).days - sum(
            p.days_within(m.incident_on, until) for p in pauses
        )

    decision_due = add_months(m.incident_on, DECISION_MONTHS)
    target = add_months(m.incident_on, COMPLETION_MONTHS)
    allowed_days = (target - m.incident_on).days
    elapsed = net_days(end) or 0
    paused_days = sum(p.days_within(m.incident_on, end) for p in pauses)
    return Timeliness(
        as_of=as_of,
        decision_due=decision_due,
        completion_due=target + timedelta(days=paused_days),  # paused days move the due date
        paused_days=paused_days,
        days_to_decision=net_days(m.decided_on),
        days_to_first_panel=net_days(m.first_panel_on),
        days_to_submission=net_days(m.submitted_on),
        days_to_completion=net_days(m.approved_on),
        missed_decision_target=(m.decided_on or m.closed_on or as_of) > decision_due,
        missed_completion_target=m.completion_expected
        and m.closed_on is None
        and elapsed > allowed_days,
    )
