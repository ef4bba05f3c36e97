"""The demo's IMRs with their clock: each asked by a due date (100 days after the request),
some back late, the Clinical Commissioning Group given more time where it ran late, Housing
chased a week after its due date, and each returned IMR's chronology entries. A case that got
no further than its panels long ago (paused, decommissioned, or still under review) had its
IMRs back all the same, so only recent cases show IMRs still awaited.

The entries are fictional and short, dated before the death, so every case's merged
chronology shows the agencies' contacts in date order with the gaps between them.
"""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

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
