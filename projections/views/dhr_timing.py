"""Timeliness columns of a case, computed with the domain's own rules (``domain.reviews.timeliness``).

Stored so reads stay cheap: the day-counts, the decision due date, and the completion due
date pushed back by closed pauses (``completion_due_net``). An open pause freezes the clock
at its start, which is why the row also keeps ``open_pause_since``. They are a function of
the case's dates and pauses alone, so a page's events can change the row first and the
timing be computed once, at the end of the page.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from domain.calendar import add_months
from domain.reviews.records import Pause
from domain.reviews.timeliness import COMPLETION_MONTHS, DECISION_MONTHS
from domain.reviews.values import PauseReason
from projections.rows import Row


def refresh_timing(case: Row, pause_rows: Iterable[Row]) -> None:
    """Set the case row's timing columns from its dates and its pauses."""
    incident = _day(case["incident_on"])
    assert incident is not None
    pauses = [
        Pause(date.fromisoformat(p["paused_on"]), PauseReason.OTHER, "", _day(p["resumed_on"]))
        for p in pause_rows
    ]

    def net(until: date | None) -> int | None:
        if until is None:
            return None
        return (until - incident).days - sum(p.days_within(incident, until) for p in pauses)

    far = date.max
    closed_paused = sum(p.days_within(incident, far) for p in pauses if p.resumed_on is not None)
    open_since = next((p.paused_on for p in pauses if p.resumed_on is None), None)
    completion_due_net = add_months(incident, COMPLETION_MONTHS) + timedelta(days=closed_paused)
    case.update(
        decision_due=add_months(incident, DECISION_MONTHS).isoformat(),
        completion_due_net=completion_due_net.isoformat(),
        open_pause_since=open_since.isoformat() if open_since else None,
        days_to_decision=net(_day(case["decided_on"])),
        days_to_first_panel=net(_day(case["first_panel_on"])),
        days_to_submission=net(_day(case["submitted_on"])),
        days_to_completion=net(_day(case["approved_on"])),
    )


def _day(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None
