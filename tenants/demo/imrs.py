"""The demo's IMRs with their clock: each asked by a due date (100 days after the request),
some back late, the Clinical Commissioning Group given more time where it ran late, Housing
chased a week after its due date, and each returned IMR's chronology entries. The police ask
for more time for an IMR still awaited on two recent Leicestershire & Rutland cases: Rutland's
request waits for the panel's answer, Hinckley & Bosworth's was refused. A case that got
no further than its panels long ago (paused, decommissioned, or still under review) had its
IMRs back all the same, so only recent cases show IMRs still awaited.

The entries are fictional and short, dated before the death, so every case's merged
chronology shows the agencies' contacts in date order with the gaps between them.
"""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date, timedelta
from uuid import UUID

from domain.recording import acting_as
from tenants.demo.pace import Clock, Pace
from tenants.ledger import PartnershipLedger

AGENCIES = ("Police", "Adult Social Care", "Clinical Commissioning Group", "Housing")
DUE_AFTER = timedelta(days=100)
LONG_AGO = timedelta(days=365)
EXTENDED, CHASED = "Clinical Commissioning Group", "Housing"
ENTRIES = {
    "Police": (
        (400, "Call to a verbal argument; no offences disclosed.", "Command and control log"),
    ),
    "Adult Social Care": ((250, "Referral closed after one visit.", "Case record, contact note"),),
    "Clinical Commissioning Group": (
        (120, "GP appointment: low mood, sleep problems.", "GP record, consultation note"),
    ),
}


ASKS_MORE_TIME = "Police"
# reference: (days after the police IMR was asked for that the police asked for more time, the
# weeks more it asked for, why; and the panel's refusal days later and why, or None: waiting)
MORE_TIME: dict[str, tuple[int, int, str, tuple[int, str] | None]] = {
    "RUT-DHR-01": (
        55,
        6,
        "The officer who led the investigation is giving evidence at another trial until "
        "January; the author needs their account before the IMR is signed off.",
        None,
    ),
    "HB-DHR-05": (
        86,
        8,
        "Records held by the force the victim lived in before have not come yet.",
        (
            7,
            "The panel meets next month to agree the overview report's outline and needs "
            "every IMR by then. Send the IMR when due; add the other force's records after.",
        ),
    ),
}


def ask_for_more_time(
    ledger: PartnershipLedger, review: UUID, reference: str, today: date, agency_user: str | None
) -> None:
    """The police's request for more time on the cases ``MORE_TIME`` names, recorded as the
    police's demo user (``agency_user``) asks in the service, while their IMR is still awaited
    and once its date has come; the panel's refusal, where there is one, once its date has."""
    plan = MORE_TIME.get(reference)
    case = ledger.reviews.get(review)
    imr = next((i for i in case.imrs if i.is_for(ASKS_MORE_TIME)), None)
    if plan is None or imr is None or not imr.outstanding or imr.extension_requests:
        return
    after, weeks, reason, refusal = plan
    asked, due = imr.requested_on + timedelta(days=after), imr.current_due_on
    if asked > today or due is None:
        return
    with acting_as(agency_user) if agency_user else nullcontext():
        ledger.imrs.ask_extension(
            review, imr.agency, asked, due + timedelta(weeks=weeks), reason, today=today
        )
    if refusal is not None and asked + timedelta(days=refusal[0]) <= today:
        refused = asked + timedelta(days=refusal[0])
        ledger.imrs.refuse_extension(review, imr.agency, refused, refusal[1], today=today)


def back_long_ago(pace: Pace, day: Clock) -> bool:
    """Whether the last of the case's IMRs would have come back more than a year before today:
    an old review that stopped short of a draft still had its IMRs by then, while a recent
    one's may still be awaited, as today's view should show."""
    last = day.start + timedelta(days=pace.imrs_back + 9 * (len(AGENCIES) - 1))
    return last + LONG_AGO <= day.today


def request_imrs(ledger: PartnershipLedger, review: UUID, pace: Pace, day: Clock) -> None:
    for n, agency in enumerate(AGENCIES):
        asked = day(pace.commissioned + 5 + n)
        ledger.imrs.request(review, agency, asked, asked + DUE_AFTER)


def return_imrs(
    ledger: PartnershipLedger, review: UUID, pace: Pace, day: Clock, until: int | None = None
) -> None:
    """Receipts as the demo always had them, with the clock's events before each: around the
    due date, some a few weeks late. ``until``: only those back before that day (offset), as
    for a review decommissioned while some were still awaited."""
    for n, agency in enumerate(AGENCIES):
        if until is not None and pace.imrs_back + 9 * n >= until:
            continue
        back = day(pace.imrs_back + 9 * n)
        due = day(pace.commissioned + 5 + n) + DUE_AFTER
        if agency == EXTENDED and back > due:
            ledger.imrs.extend(
                review,
                agency,
                due - timedelta(days=7),
                back,
                "Author on leave; agreed by the chair",
            )
        if agency == CHASED and back > due + timedelta(days=7):
            ledger.imrs.chase(review, agency, due + timedelta(days=7))
        for days_before, what, source in ENTRIES.get(agency, ()):
            ledger.chronology.submit(
                review, agency, day.start - timedelta(days=days_before), None, what, source, back
            )
        ledger.imrs.receive(review, agency, back, with_chronology=agency in ENTRIES)
