"""``PooledBudget``: a pot several partners pay into, e.g. Leicestershire & Rutland's DHR budget.

Recorded in the store of the tenant that manages the pot for everyone (in Leicestershire,
the county's community safety team on behalf of the district CSPs and Rutland); partners
are named by key, so projections can still show each partner's contributions. What the
money is planned for lives beside it in ``AllocationPlan`` (``plans.py``). Every movement
of money is a ``Movement``; statements are computed from them alone, and a year close
records the carried-forward figure they give. Each command checks through a plain function of
``contributing``, ``reserve`` or ``correcting`` (returning the event's arguments), then calls
its private ``@event`` method here.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain import correcting
from domain.funding import contributing, reserve
from domain.funding.checks import check_date, check_text
from domain.funding.correcting import (
    correct_contribution,
    correct_movement,
    correct_not_drawn,
    is_movement,
    is_not_drawn,
)
from domain.funding.pooled_state import PooledState
from domain.funding.pooled_values import Movement, MovementKind, NotDrawnDown
from domain.funding.years import FinancialYear
from domain.recording import ReferencedRecord


class PooledBudget(PooledState, ReferencedRecord):
    """Partners, their agreed contributions per year, money in and out, and year closes."""

    KIND = "pooled-budget"

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
        self.partners, self.agreed, self.not_drawn_decisions = {}, {}, []
        self.movements, self.closed = [], {}
        self.agreed_dates = {}

    # Partners and their contributions (rules: ``contributing``).

    def add_partner(self, partner: str, name: str, joined_on: date) -> None:
        """A partner is named by a key (e.g. a tenant slug) so projections can attribute money."""
        self._partner_added(*contributing.add_partner(self, partner, name, joined_on))

    @event("PartnerAdded")
    def _partner_added(self, partner: str, name: str, joined_on: date) -> None:
        self.partners[partner] = name

    def agree_contribution(
        self, partner: str, year: FinancialYear, amount: int, agreed_on: date, reason: str = ""
    ) -> None:
        """Agree (or re-agree) what a partner pays into the pot for a year."""
        self._agreed(
            *contributing.agree_contribution(self, partner, year, amount, agreed_on, reason)
        )

    @event("ContributionAgreed")
    def _agreed(
        self, partner: str, year: FinancialYear, amount: int, agreed_on: date, reason: str
    ) -> None:
        self.agreed[(year, partner)] = amount
        self.agreed_dates[(year, partner)] = agreed_on  # where a correction takes effect

    def receive_contribution(
        self, partner: str, for_year: FinancialYear, amount: int, received_on: date
    ) -> None:
        """Money in. Received before ``for_year`` starts, it is recorded as paid early."""
        self._received(
            *contributing.receive_contribution(self, partner, for_year, amount, received_on)
        )

    @event("ContributionReceived")
    def _received(
        self,
        partner: str,
        for_year: FinancialYear,
        amount: int,
        received_on: date,
        paid_early: bool,
    ) -> None:
        year = FinancialYear.of(received_on)
        self.movements.append(
            Movement(MovementKind.CONTRIBUTION, received_on, year, amount, partner, for_year)
        )

    def not_draw_down(
        self,
        partner: str,
        year: FinancialYear,
        decided_on: date,
        reason: str,
        *,
        amount: int | None = None,
        deferred_to: FinancialYear | None = None,
    ) -> None:
        """Do not call (all, by default, or part of) what is outstanding for the year.
        ``amount`` and ``deferred_to`` are named at the call, so a sum is never read as a year."""
        self._not_drawn_down(
            *contributing.not_draw_down(
                self, partner, year, decided_on, reason, amount, deferred_to
            )
        )

    @event("ContributionNotDrawnDown")
    def _not_drawn_down(
        self,
        partner: str,
        year: FinancialYear,
        amount: int,
        decided_on: date,
        reason: str,
        deferred_to: FinancialYear | None,
    ) -> None:
        self.not_drawn_decisions.append(
            NotDrawnDown(partner, year, amount, decided_on, deferred_to)
        )

    # The reserve (rules: ``reserve``).

    def bring_forward(self, year: FinancialYear, amount: int, reason: str) -> None:
        """Onboard a pot that already held a reserve at the start of ``year``."""
        self._brought_forward(*reserve.bring_forward(self, year, amount, reason))

    @event("ReserveBroughtForward")
    def _brought_forward(self, year: FinancialYear, amount: int, reason: str) -> None:
        self.movements.append(Movement(MovementKind.BROUGHT_FORWARD, year.start, year, amount))
        self.reserve_origin = reason

    def spend(
        self,
        allocation: str,
        amount: int,
        spent_on: date,
        reason: str,
        review_id: UUID | None = None,
    ) -> None:
        """Money out against an allocation key, optionally for one DHR (its review id).

        That the key is planned for the year is checked by the use case against the budget's
        ``AllocationPlan``; the pot itself guards the money.
        """
        self._spent(*reserve.spend(self, allocation, amount, spent_on, reason, review_id))

    @event("Spent")
    def _spent(
        self,
        year: FinancialYear,
        allocation: str,
        amount: int,
        spent_on: date,
        reason: str,
        review_id: UUID | None,
    ) -> None:
        self.movements.append(
            Movement(
                MovementKind.SPEND,
                spent_on,
                year,
                amount,
                allocation=allocation,
                review_id=review_id,
            )
        )

    def close_year(self, year: FinancialYear, closed_on: date, reason: str = "Year end") -> None:
        """Close the year; its closing reserve is carried forward as next year's opening."""
        self._closed(*reserve.close_year(self, year, closed_on, reason))

    @event("YearClosed")
    def _closed(
        self, year: FinancialYear, closed_on: date, carried_forward: int, reason: str
    ) -> None:
        self.closed[year] = carried_forward

    def reopen_year(self, year: FinancialYear, reopened_on: date, reason: str) -> None:
        """Reopen a closed year, saying why, so money can be recorded in it again."""
        self._reopened(*reserve.reopen_year(self, year, reopened_on, reason))

    @event("YearReopened")
    def _reopened(self, year: FinancialYear, reopened_on: date, reason: str) -> None:
        del self.closed[year]

    # Putting right a mis-keyed agreed contribution, movement or decision not to call one
    # (rules: ``correcting``).

    def correct(self, field: str, value: object, reason: str) -> None:
        """Field: ``agreed.<partner>.<year>`` (e.g. ``agreed.rutland.2016/17``),
        ``movement.<number>.amount`` (a receipt, spend or reserve brought in, numbered in the
        order recorded) or ``not_drawn.<number>.amount`` (a decision not to call a
        contribution, numbered the same way); pence."""
        if is_movement(field):
            self._movement_corrected(*correct_movement(self, field, value, reason))
        elif is_not_drawn(field):
            self._not_drawn_corrected(*correct_not_drawn(self, field, value, reason))
        else:
            self._corrected(*correct_contribution(self, field, value, reason))

    @event("MovementCorrected")
    def _movement_corrected(
        self,
        field: str,
        value: int,
        previous: int,
        reason: str,
        effective_on: date,
        movement: str,
        partner: str | None,
        review_id: UUID | None,
    ) -> None:
        """``movement`` (its kind), ``partner`` and ``review_id`` repeat the movement's, so the money views
        move the difference where the wrong amount stood without replaying the pot."""
        correcting.put_right(self.movements, field, value)

    @event("NotDrawnDownCorrected")
    def _not_drawn_corrected(
        self, field: str, value: int, previous: int, reason: str, effective_on: date, partner: str
    ) -> None:
        """``partner`` repeats the decision's, so the money views move the difference to whom
        it stood against without replaying the pot."""
        correcting.put_right(self.not_drawn_decisions, field, value)

    @event("Corrected")
    def _corrected(
        self, field: str, value: int, previous: int, reason: str, effective_on: date
    ) -> None:
        _, partner, label = field.split(".")
        self.agreed[(FinancialYear.parse(label), partner)] = value
