"""How an action's state reads: its status as a tag, and the flags the plan highlights
("Overdue", "Due soon", "Awaiting impact review")."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from domain.actionplan import ActionStatus

A = ActionStatus
DUE_SOON = timedelta(days=30)
STATUS = {
    A.OPEN: ("Not started", "grey"),
    A.IN_PROGRESS: ("In progress", "blue"),
    A.COMPLETED: ("Completed", "turquoise"),
    A.COMPLETION_CONFIRMED: ("Signed off", "green"),
    A.NOT_ACHIEVABLE: ("Not achievable", "orange"),
    A.SUPERSEDED: ("Superseded", "grey"),
}
LIVE = (A.OPEN, A.IN_PROGRESS)


def status_tag(status: Any) -> dict[str, str]:
    text, colour = STATUS.get(A(status), (str(status), "grey"))
    return {"text": text, "classes": f"govuk-tag--{colour}"}


def action_tag(action: Any, today: date) -> dict[str, str]:
    return status_tag(action.status)


def flags(
    status: Any, due_on: date, awaiting_impact_review: bool, impact_due: date | None, today: date
) -> list[dict[str, str]]:
    """The highlights of one action on the plan, judged today."""
    found = []
    live = A(status) in LIVE
    if live and due_on < today:
        found.append({"text": "Overdue", "classes": "govuk-tag--red"})
    elif live and due_on <= today + DUE_SOON:
        found.append({"text": "Due soon", "classes": "govuk-tag--yellow"})
    if awaiting_impact_review:
        late = impact_due is not None and impact_due < today
        found.append(
            {
                "text": "Impact review overdue" if late else "Awaiting impact review",
                "classes": "govuk-tag--purple" if not late else "govuk-tag--red",
            }
        )
    return found
