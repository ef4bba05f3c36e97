"""One thing that needs someone: an action, an impact review, an IMR or a review clock.

Items carry no personal data: the case reference, the agency (an organisation), dates and
ids. Never a pseudonym, a description or anything written about people, because they leave
the platform in email. ``key`` is the item's identity for "sent once": the same item reminded
on two days is two reminders; reminded twice on one day, one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class ItemKind(StrEnum):
    ACTION_OVERDUE = "action_overdue"
    ACTION_DUE = "action_due"
    IMPACT_REVIEW_DUE = "impact_review_due"
    IMR_LATE = "imr_late"
    IMR_DUE = "imr_due"
    DECISION_DUE = "decision_due"  # the 1-month clock: incident to the decision to review
    COMPLETION_DUE = "completion_due"  # the 7-month clock: incident to completion

    @property
    def heading(self) -> str:
        return HEADINGS[self]


HEADINGS = {
    ItemKind.ACTION_OVERDUE: "Actions overdue",
    ItemKind.ACTION_DUE: "Actions due in the next 14 days",
    ItemKind.IMPACT_REVIEW_DUE: "Impact reviews due",
    ItemKind.IMR_LATE: "IMRs late",
    ItemKind.IMR_DUE: "IMRs due in the next 14 days",
    ItemKind.DECISION_DUE: "Decisions whether to review (1 month from the incident)",
    ItemKind.COMPLETION_DUE: "Reviews to complete (7 months from the incident)",
}


@dataclass(frozen=True)
class ReminderItem:
    kind: ItemKind
    tenant: str
    subject_id: str  # the action's or the case's id: with kind and tenant, the item's identity
    case_reference: str
    agency: str  # the owning agency (actions, IMRs); "" where the partnership itself owns it
    what: str  # e.g. "recommendation 3", "IMR from Coventry Police": no personal data
    due_on: date
    path: str  # the page to open, under the base URL

    @property
    def key(self) -> str:
        part = f":{self.agency.casefold()}" if self.kind in IMR_KINDS else ""
        return f"{self.kind}:{self.tenant}:{self.subject_id}{part}"

    def days_late(self, today: date) -> int:
        return (today - self.due_on).days


IMR_KINDS = frozenset({ItemKind.IMR_LATE, ItemKind.IMR_DUE})
