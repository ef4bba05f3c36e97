"""How an action's state reads: its status as a tag, and the flags the plan highlights
("Overdue", "Due soon", "Awaiting impact review")."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from api.vocabulary import ACTION_STATUSES
from api.web.tags import tag, worded
from domain.actionplan import ActionStatus

A = ActionStatus
DUE_SOON = timedelta(days=30)
COLOURS = {
    A.OPEN: "grey",
    A.IN_PROGRESS: "blue",
    A.COMPLETED: "turquoise",
    A.COMPLETION_CONFIRMED: "green",
    A.NOT_ACHIEVABLE: "orange",
    A.SUPERSEDED: "grey",
}
STATUS = {status: (ACTION_STATUSES[status], colour) for status, colour in COLOURS.items()}
LIVE = (A.OPEN, A.IN_PROGRESS)


def status_tag(status: Any) -> dict[str, str]:
    return worded(STATUS, A(status))


def action_tag(action: Any, today: date) -> dict[str, str]:
    return status_tag(action.status)


def flags(
    status: Any, due_on: date, awaiting_impact_review: bool, impact_due: date | None, today: date
) -> list[dict[str, str]]:
    """The highlights of one action on the plan, judged today."""
    found = []
    live = A(status) in LIVE
    if live and due_on < today:
        found.append(tag("Overdue", "red"))
    elif live and due_on <= today + DUE_SOON:
        found.append(tag("Due soon", "yellow"))
    if awaiting_impact_review:
        late = impact_due is not None and impact_due < today
        found.append(
            tag("Impact review overdue", "red") if late else tag("Awaiting impact review", "purple")
        )
    return found
