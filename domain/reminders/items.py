"""One thing that needs someone: an action, its sign-off or impact review, an IMR, a review
clock, or a commissioned service's milestone or its funding coming to an end (for OPCC staff,
from the region's own ledger).

Items carry no personal data: the case reference, the agency (an organisation), dates and
ids. Never a pseudonym, a description or anything written about people, because they leave
the platform in email. An agency is named only by the region's directory (``agency_name``):
what was typed for one not in the directory may name a person ("GP: Dr ..."), so it stays
in ``agency`` (the item's identity) and never reaches the words. ``key`` is the item's identity for "sent once": the same item reminded
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
    SIGN_OFF_DUE = "sign_off_due"  # completed, awaiting the partnership lead's sign-off
    IMR_LATE = "imr_late"
    IMR_DUE = "imr_due"
    MORE_TIME_ASKED = "more_time_asked"  # an agency's request for more time awaits the panel
    DECISION_DUE = "decision_due"  # the 1-month clock: incident to the decision to review
    COMPLETION_DUE = "completion_due"  # the 7-month clock: incident to completion
    MILESTONE_OVERDUE = "milestone_overdue"  # a commissioned service's, in the region ledger
    MILESTONE_DUE = "milestone_due"
    FUNDING_ENDING = "funding_ending"  # a commissioned service's, within six months: weekly

    @property
    def heading(self) -> str:
        return HEADINGS[self]


HEADINGS = {
    ItemKind.ACTION_OVERDUE: "Actions overdue",
    ItemKind.ACTION_DUE: "Actions due in the next 14 days",
    ItemKind.IMPACT_REVIEW_DUE: "Impact reviews due",
    ItemKind.SIGN_OFF_DUE: "Completed actions awaiting the lead's sign-off",
    ItemKind.IMR_LATE: "IMRs late",
    ItemKind.IMR_DUE: "IMRs due in the next 14 days",
    ItemKind.MORE_TIME_ASKED: "Agencies' requests for more time waiting for an answer",
    ItemKind.DECISION_DUE: "Decisions whether to review (1 month from the incident)",
    ItemKind.COMPLETION_DUE: "Reviews to complete (7 months from the incident)",
    ItemKind.MILESTONE_OVERDUE: "Commissioning milestones not yet recorded as reached",
    ItemKind.MILESTONE_DUE: "Commissioning milestones due in the next 14 days",
    ItemKind.FUNDING_ENDING: "Commissioned services whose funding ends within six months",
}
MILESTONES = frozenset({ItemKind.MILESTONE_OVERDUE, ItemKind.MILESTONE_DUE})
# Six months' notice is told once a week, not every day: a daily line for half a year would
# teach people to skip the email.
WEEKLY_NOTICES = frozenset({ItemKind.FUNDING_ENDING})


@dataclass(frozen=True)
class ReminderItem:
    kind: ItemKind
    tenant: str  # the partnership; for a milestone, the region whose ledger holds the service
    subject_id: str  # the action's, case's or service's id: with kind and tenant, its identity
    case_reference: str  # "" for a milestone
    agency: str  # the owning agency (actions, IMRs); "" where the partnership itself owns it
    what: str  # e.g. "recommendation 3", "IMR from Coventry Police": no typed text
    due_on: date  # a request for more time: the day it was asked, waiting since
    path: str  # the page to open, under the base URL
    agency_name: str = ""  # the directory's name for the agency; "": the directory lacks it
    agency_key: str = ""  # the directory key the agency resolves to; "": the directory lacks it
    chased_on: date | None = None  # an IMR's latest chase the panel recorded: told, not keyed
    asked_for: date | None = None  # the due date an agency's request for more time proposes

    @property
    def key(self) -> str:
        part = f":{self.agency.casefold()}" if self.kind in BY_AGENCY else ""
        return f"{self.kind}:{self.tenant}:{self.subject_id}{part}"

    def days_late(self, today: date) -> int:
        return (today - self.due_on).days


IMR_KINDS = frozenset({ItemKind.IMR_LATE, ItemKind.IMR_DUE})
BY_AGENCY = IMR_KINDS | {ItemKind.MORE_TIME_ASKED}  # one item per agency of a case
