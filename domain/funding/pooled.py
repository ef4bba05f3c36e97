"""``PooledBudget``: a pot several partners pay into, e.g. Leicestershire & Rutland's DHR budget.

Recorded in the store of the tenant that manages the pot for everyone (in Leicestershire,
the county's community safety team on behalf of the district CSPs and Rutland); partners
are named by key, so projections can still show each partner's contributions. What the
money is planned for lives beside it in ``AllocationPlan`` (``plans.py``). Every movement
of money is a ``Movement``; statements are computed from them alone, and a year close
records the carried-forward figure they give. Commands: ``contributing`` and ``reserve``.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain.funding.checks import check_date, check_text, funding_id
from domain.funding.contributing import Contributing
from domain.funding.correcting import CorrectingContribution
from domain.funding.reserve import ManagingReserve
from domain.recording import LedgerAggregate


class PooledBudget(Contributing, ManagingReserve, CorrectingContribution, LedgerAggregate):
    """Partners, their agreed contributions per year, money in and out, and year closes."""

    @staticmethod
    def create_id(reference: str) -> UUID:
        return funding_id("pooled-budget", reference)

    @classmethod
    def open(cls, reference: str, name: str, manager: str, opened_on: date) -> PooledBudget:
        return cls(
            reference=check_text(reference, "The pooled budget's reference"),
            name=check_text(name, "The pooled budget's name"),
            manager=check_text(manager, "Who manages the pooled budget"),
            opened_on=check_date(opened_on, "The opening date"),
        )

    @event("Opened")
    def __init__(self, reference: str, name: str, manager: str, opened_on: date) -> None:
        self.reference, self.name, self.manager = reference, name, manager
        self.opened_on = opened_on
        self.partners, self.agreed, self.not_drawn, self.deferred_in = {}, {}, {}, {}
        self.movements, self.closed = [], {}
        self.agreed_dates = {}

    # Each line below turns a mixin's state change into a stored event of that name.
    _partner_added = event("PartnerAdded")(Contributing._partner_added)
    _agreed = event("ContributionAgreed")(Contributing._agreed)
    _received = event("ContributionReceived")(Contributing._received)
    _not_drawn_down = event("ContributionNotDrawnDown")(Contributing._not_drawn_down)
    _brought_forward = event("ReserveBroughtForward")(ManagingReserve._brought_forward)
    _spent = event("Spent")(ManagingReserve._spent)
    _closed = event("YearClosed")(ManagingReserve._closed)
    _reopened = event("YearReopened")(ManagingReserve._reopened)
    _corrected = event("Corrected")(CorrectingContribution._corrected)
