"""Which items are due within the notice period, or late, on a given day.

The clocks are the ones the rest of the ledger uses: an action's ``due_on`` and its
``impact_review_due_on`` (``domain/actionplan``), an IMR's current due date after extensions
(``domain/reviews/imrs.py``), and a case's ``decision_due`` (``DECISION_MONTHS``) and
``completion_due`` (``COMPLETION_MONTHS``, moved by paused days) from
``domain/reviews/timeliness.py``, and a commissioned service's milestones and the end of its
funding (``domain/region``). A paused case is not reminded of its completion: its clock is
stopped and nobody can progress it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

from domain.actionplan import ActionStatus, PlanLine
from domain.actionplan.values import LIVE_STATUSES
from domain.region.partners import Partner
from domain.region.services import CommissionedService
from domain.reminders.items import ItemKind, ReminderItem
from domain.reviews import DomesticHomicideReview
from domain.reviews.values import ReviewStatus

NOTICE_DAYS = 14  # "due within 14 days or overdue"
SOME_AGENCY = "an agency"  # an IMR's agency the directory does not know: typed text stays out
K = ItemKind
ANSWERABLE = frozenset(
    {ReviewStatus.UNDER_REVIEW, ReviewStatus.FEEDBACK_RECEIVED, ReviewStatus.PAUSED}
)  # where the panel may still agree to or refuse more time (``domain/reviews/more_time.py``)
FINISHED = frozenset(
    {
        ReviewStatus.APPROVED,
        ReviewStatus.PUBLISHED,
        ReviewStatus.PUBLICATION_WITHHELD,
        ReviewStatus.DECOMMISSIONED,
        ReviewStatus.DECIDED_NOT_TO_REVIEW,
    }
)


def action_items(
    tenant: str,
    lines: Iterable[PlanLine],
    today: date,
    agencies: Callable[[str], Partner | None] = lambda recorded: None,
) -> list[ReminderItem]:
    """Live actions due by today + 14 days (overdue once past), completed actions awaiting the
    lead's sign-off (from the day of completion), and impact reviews due by then. ``agencies``
    finds an owner as recorded in the region's directory (``agency_entry``)."""
    horizon = today + timedelta(days=NOTICE_DAYS)
    found = []
    for line in lines:
        what = f"recommendation {line.recommendation_reference}"
        path = f"/partnerships/{tenant}/actions/{line.action_id}"
        due: list[tuple[ItemKind, date]] = []
        if line.status in LIVE_STATUSES and line.due_on <= horizon:
            due.append((K.ACTION_OVERDUE if line.due_on < today else K.ACTION_DUE, line.due_on))
        if line.status == ActionStatus.COMPLETED and line.completed_on is not None:
            due.append((K.SIGN_OFF_DUE, line.completed_on))
        review_due = line.impact_review_due_on
        if line.awaiting_impact_review and review_due is not None and review_due <= horizon:
            due.append((K.IMPACT_REVIEW_DUE, review_due))
        owner = agencies(line.owner)
        found += [
            ReminderItem(
                kind,
                tenant,
                str(line.action_id),
                line.review_reference,
                line.owner,
                what,
                on,
                path,
                *_named(owner),
            )
            for kind, on in due
        ]
    return found


def _named(entry: Partner | None) -> tuple[str, str]:
    """An agency's directory name and key for an item, or none: typed text never goes out."""
    return (entry.name, entry.key) if entry else ("", "")


def review_items(
    tenant: str,
    review: DomesticHomicideReview,
    today: date,
    agencies: Callable[[str], Partner | None] = lambda recorded: None,
) -> list[ReminderItem]:
    """A case's outstanding IMRs and its two clocks, when due within 14 days or late;
    ``agencies`` finds an IMR's agency as recorded in the region's directory
    (``agency_entry``)."""
    if today < review.incident_on or review.status in FINISHED:
        return []
    horizon = today + timedelta(days=NOTICE_DAYS)
    path = f"/partnerships/{tenant}/cases/{review.id}"

    def item(kind: ItemKind, due_on: date, what: str) -> ReminderItem:
        return ReminderItem(kind, tenant, str(review.id), review.reference, "", what, due_on, path)

    found = []
    for imr in review.imrs:
        due_on = imr.current_due_on
        if imr.outstanding and due_on is not None and due_on <= horizon:
            kind = K.IMR_LATE if due_on < today else K.IMR_DUE
            entry = agencies(imr.agency)
            what = f"IMR from {entry.name if entry else SOME_AGENCY}"
            found.append(
                ReminderItem(
                    kind,
                    tenant,
                    str(review.id),
                    review.reference,
                    imr.agency,
                    what,
                    due_on,
                    path,
                    *_named(entry),
                    chased_on=max(imr.chased_on, default=None),
                )
            )
    found += more_time_items(tenant, review, agencies)
    clock = review.timeliness(today)
    if review.decision is None and review.directed_on is None and clock.decision_due <= horizon:
        found.append(item(K.DECISION_DUE, clock.decision_due, "decision whether to review"))
    held = review.directed_on is not None or (
        review.decision is not None and review.decision.outcome.holds_review
    )
    running = review.status is not ReviewStatus.PAUSED
    if held and running and clock.completion_due <= horizon:
        found.append(item(K.COMPLETION_DUE, clock.completion_due, "review completion"))
    return found


def more_time_items(
    tenant: str,
    review: DomesticHomicideReview,
    agencies: Callable[[str], Partner | None] = lambda recorded: None,
) -> list[ReminderItem]:
    """Each agency's request for more time waiting for the panel's answer, from the day it
    was asked and every day after until answered: the agency cannot move its own date, so a
    request nobody answers leaves it working to a date it said it cannot meet. Only while
    the panel can still answer (the case under review, back from QA or paused)."""
    if review.status not in ANSWERABLE:
        return []
    path = f"/partnerships/{tenant}/cases/{review.id}#imrs"
    found = []
    for imr in review.imrs:
        if (asked := imr.open_extension_request) is None:
            continue
        entry = agencies(imr.agency)
        found.append(
            ReminderItem(
                K.MORE_TIME_ASKED,
                tenant,
                str(review.id),
                review.reference,
                imr.agency,
                f"IMR from {entry.name if entry else SOME_AGENCY}",
                asked.asked_on,
                path,
                *_named(entry),
                asked_for=asked.due_on,
            )
        )
    return found


def milestone_items(
    region: str, services: Iterable[CommissionedService], today: date
) -> list[ReminderItem]:
    """Each commissioned service's milestones not reached, due by today + 14 days (overdue
    once past): the tender's steps the OPCC must record or re-plan (seed 004's re-tender)."""
    horizon = today + timedelta(days=NOTICE_DAYS)
    found = []
    for service in services:
        path = f"/regions/{region}/services/{service.reference}"
        for n, m in enumerate(service.milestones.values()):  # planned in order, never removed
            if m.reached_on is None and m.due_on <= horizon:
                kind = K.MILESTONE_OVERDUE if m.due_on < today else K.MILESTONE_DUE
                what = f"{m.name}, {service.name}"
                subject = f"{service.id}:{n}"  # ids only in the sent log, not the words
                found.append(ReminderItem(kind, region, subject, "", "", what, m.due_on, path))
    return found


def funding_items(
    region: str, services: Iterable[CommissionedService], today: date
) -> list[ReminderItem]:
    """Each commissioned service whose funding ends within six months (``ends_soon``, the
    ledger's tag): time for the board to extend or re-tender. The end date is part of the
    item's identity, so an extension makes a new notice when the new end comes near."""
    return [
        ReminderItem(
            K.FUNDING_ENDING,
            region,
            f"{service.id}:{end.isoformat()}",
            "",
            "",
            service.name,
            end,
            f"/regions/{region}/services/{service.reference}",
        )
        for service in services
        if service.ends_soon(today) and (end := service.funded_to) is not None
    ]
