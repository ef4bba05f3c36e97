"""Partners and their contributions: agreed per year, received (early, on time or late),
or not drawn down (deferred to a later year, or simply not called while reserves are high).

Each function checks one command of ``PooledBudget`` and returns its event's arguments.
"""

from __future__ import annotations

from datetime import date

from domain.errors import DuplicateError, InvalidValueError
from domain.funding.checks import check_date, check_not_before, check_text
from domain.funding.money import check_pence, pounds
from domain.funding.pooled_state import (
    PooledState,
    check_outstanding,
    check_partner,
    check_year_open,
    least_agreed,
)
from domain.funding.years import FinancialYear


def add_partner(
    pot: PooledState, partner: str, name: str, joined_on: date
) -> tuple[str, str, date]:
    if check_text(partner, "The partner's key") in pot.partners:
        raise DuplicateError(f"'{partner}' is already a partner of this pooled budget.")
    check_date(joined_on, "The joining date")
    check_not_before(joined_on, pot.opened_on, "The joining date", "the day the pot opened")
    return partner, check_text(name, "The partner's name"), joined_on


def agree_contribution(
    pot: PooledState, partner: str, year: FinancialYear, amount: int, agreed_on: date, reason: str
) -> tuple[str, FinancialYear, int, date, str]:
    check_partner(pot, partner)
    check_pence(amount, "The agreed contribution", allow_zero=True)
    least, why = least_agreed(pot, partner, year)
    if amount < least:
        raise InvalidValueError(f"{why}; agree at least {pounds(least)}.")
    return partner, year, amount, check_date(agreed_on, "The agreement date"), reason


def receive_contribution(
    pot: PooledState, partner: str, for_year: FinancialYear, amount: int, received_on: date
) -> tuple[str, FinancialYear, int, date, bool]:
    check_year_open(pot, received_on)
    check_outstanding(pot, partner, for_year, amount, "The amount received")
    early = FinancialYear.of(received_on) < for_year
    return partner, for_year, amount, received_on, early


def not_draw_down(
    pot: PooledState,
    partner: str,
    year: FinancialYear,
    decided_on: date,
    reason: str,
    amount: int | None,
    deferred_to: FinancialYear | None,
) -> tuple[str, FinancialYear, int, date, str, FinancialYear | None]:
    amount = pot.outstanding(partner, year) if amount is None else amount
    check_outstanding(pot, partner, year, amount, "The amount not drawn down")
    if deferred_to is not None and deferred_to <= year:
        raise InvalidValueError(f"A contribution for {year} can only be deferred to a later year.")
    check_date(decided_on, "The decision date")
    return partner, year, amount, decided_on, check_text(reason, "The reason"), deferred_to
