"""Partners and their contributions: agreed per year, received (early, on time or late),
or not drawn down (deferred to a later year, or simply not called while reserves are high).

Commands check, then call an event body; ``PooledBudget`` declares each body as an event.
"""

from __future__ import annotations

from datetime import date

from domain.errors import DuplicateError, InvalidValueError
from domain.funding.checks import check_date, check_text
from domain.funding.money import check_pence, pounds
from domain.funding.pooled_state import PooledState
from domain.funding.pooled_values import Movement, MovementKind
from domain.funding.years import FinancialYear


class Contributing(PooledState):
    def add_partner(self, partner: str, name: str, joined_on: date) -> None:
        """A partner is named by a key (e.g. a tenant slug) so projections can attribute money."""
        if check_text(partner, "The partner's key") in self.partners:
            raise DuplicateError(f"'{partner}' is already a partner of this pooled budget.")
        check_date(joined_on, "The joining date")
        self._partner_added(partner, check_text(name, "The partner's name"), joined_on)

    def _partner_added(self, partner: str, name: str, joined_on: date) -> None:
        self.partners[partner] = name

    def agree_contribution(
        self, partner: str, year: FinancialYear, amount: int, agreed_on: date, reason: str = ""
    ) -> None:
        """Agree (or re-agree) what a partner pays into the pot for a year."""
        self._check_partner(partner)
        check_pence(amount, "The agreed contribution", allow_zero=True)
        received = self.received_for(partner, year)
        if amount < received:
            raise InvalidValueError(
                f"'{partner}' has already paid {pounds(received)} for {year}; agree at least that."
            )
        self._agreed(partner, year, amount, check_date(agreed_on, "The agreement date"), reason)

    def _agreed(
        self, partner: str, year: FinancialYear, amount: int, agreed_on: date, reason: str
    ) -> None:
        self.agreed[(year, partner)] = amount
        self.agreed_dates[(year, partner)] = agreed_on  # where a correction takes effect

    def receive_contribution(
        self, partner: str, for_year: FinancialYear, amount: int, received_on: date
    ) -> None:
        """Money in. Received before ``for_year`` starts, it is recorded as paid early."""
        self._check_year_open(received_on)
        self._check_outstanding(partner, for_year, amount, "The amount received")
        early = FinancialYear.of(received_on) < for_year
        self._received(partner, for_year, amount, received_on, early)

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
        amount: int | None = None,
        deferred_to: FinancialYear | None = None,
    ) -> None:
        """Do not call (all, by default, or part of) what is outstanding for the year."""
        amount = self.outstanding(partner, year) if amount is None else amount
        self._check_outstanding(partner, year, amount, "The amount not drawn down")
        if deferred_to is not None and deferred_to <= year:
            raise InvalidValueError(
                f"A contribution for {year} can only be deferred to a later year."
            )
        check_date(decided_on, "The decision date")
        self._not_drawn_down(
            partner, year, amount, decided_on, check_text(reason, "The reason"), deferred_to
        )

    def _not_drawn_down(
        self,
        partner: str,
        year: FinancialYear,
        amount: int,
        decided_on: date,
        reason: str,
        deferred_to: FinancialYear | None,
    ) -> None:
        self.not_drawn[(year, partner)] = self.not_drawn.get((year, partner), 0) + amount
        if deferred_to is not None:
            key = (deferred_to, partner)
            self.deferred_in[key] = self.deferred_in.get(key, 0) + amount
