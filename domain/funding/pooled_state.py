"""What a pooled budget knows, and the lookups and checks its commands share.

``PooledState`` is the base of ``PooledBudget``, which sets the attributes in its opening
event and declares each command and event; the rule modules (``contributing``, ``reserve``,
``correcting``) read it and use the checks below.
"""

from __future__ import annotations

from datetime import date

from domain.errors import InvalidTransitionError, NotFoundError
from domain.funding.checks import check_date
from domain.funding.money import check_pence, pounds
from domain.funding.pooled_values import Movement, MovementKind, NotDrawnDown
from domain.funding.years import FinancialYear

Key = tuple[FinancialYear, str]


class PooledState:
    reference: str
    name: str
    manager: str
    opened_on: date
    partners: dict[str, str]
    agreed: dict[Key, int]
    agreed_dates: dict[Key, date]  # the day each agreed figure was agreed
    not_drawn_decisions: list[NotDrawnDown]  # numbered from 1, as a correction names them
    movements: list[Movement]
    closed: dict[FinancialYear, int]
    reserve_origin: str = ""  # why a reserve was brought in when the pot was first recorded

    @property
    def not_drawn(self) -> dict[Key, int]:
        """Not drawn down of each partner's contribution for each year."""
        found: dict[Key, int] = {}
        for d in self.not_drawn_decisions:
            found[(d.year, d.partner)] = found.get((d.year, d.partner), 0) + d.amount
        return found

    @property
    def deferred_in(self) -> dict[Key, int]:
        """Deferred into each year from earlier years' contributions, by partner."""
        found: dict[Key, int] = {}
        for d in self.not_drawn_decisions:
            if d.deferred_to is not None:
                key = (d.deferred_to, d.partner)
                found[key] = found.get(key, 0) + d.amount
        return found

    def due(self, partner: str, year: FinancialYear) -> int:
        """What the partner owes for the year: agreed + deferred into it − not drawn down."""
        key = (year, partner)
        return self.agreed.get(key, 0) + self.deferred_in.get(key, 0) - self.not_drawn.get(key, 0)

    def received_for(self, partner: str, year: FinancialYear) -> int:
        """Received for the year, whenever it was paid (a year early counts for the year)."""
        return sum(
            m.amount
            for m in self.movements
            if m.kind is MovementKind.CONTRIBUTION and m.partner == partner and m.for_year == year
        )

    def outstanding(self, partner: str, year: FinancialYear) -> int:
        return self.due(partner, year) - self.received_for(partner, year)

    def not_drawn_down(self) -> tuple[int, int]:
        """Every contribution not drawn down since the pot opened, as (deferred to a later
        year, where it is added to what the partner owes; not called, so owed by no one and
        never in the pot). Not drawing down moves no money: only the reserve, what was paid
        in and not spent, is carried from year to year."""
        deferred = sum(self.deferred_in.values())
        return deferred, sum(self.not_drawn.values()) - deferred


def check_partner(pot: PooledState, partner: str) -> None:
    if partner not in pot.partners:
        raise NotFoundError(f"'{partner}' is not a partner of this pooled budget; add it first.")


def least_agreed(pot: PooledState, partner: str, year: FinancialYear) -> tuple[int, str]:
    """The least a partner's contribution for a year can be agreed (or corrected) to, and why:
    what it paid for the year, plus what was decided not to call of it, less what was deferred
    into it from earlier years. Any less and the partner would owe less than nothing."""
    paid = pot.received_for(partner, year)
    uncalled = pot.not_drawn.get((year, partner), 0)
    deferred = pot.deferred_in.get((year, partner), 0)
    why = f"'{partner}' has already paid {pounds(paid)} for {year}"
    if uncalled:
        why += f", and {pounds(uncalled)} of it was decided not to be called"
    if deferred:
        why += f", less {pounds(deferred)} deferred into it"
    return max(paid + uncalled - deferred, 0), why


def check_year_open(pot: PooledState, day: date) -> None:
    """Money moves only in a year that is open and has no closed year after it: a later
    year's close carried forward a reserve that counts this year's money."""
    year = FinancialYear.of(check_date(day, "The date"))
    if year in pot.closed:
        raise InvalidTransitionError(
            f"{year} is closed (carried forward {pounds(pot.closed[year])}); reopen it "
            "with a reason before recording money in it."
        )
    later = sorted(y for y in pot.closed if y > year)
    if later:
        raise InvalidTransitionError(
            f"{later[0]} is closed, and the reserve it carried forward counts {year}'s money; "
            f"reopen {', '.join(str(y) for y in reversed(later))} with a reason before "
            f"recording money in {year}."
        )


def check_outstanding(
    pot: PooledState, partner: str, year: FinancialYear, amount: int, what: str
) -> None:
    check_partner(pot, partner)
    if (year, partner) not in pot.agreed:
        raise NotFoundError(f"No contribution from '{partner}' is agreed for {year}; agree it.")
    check_pence(amount, what)
    outstanding = pot.outstanding(partner, year)
    if amount > outstanding:
        raise InvalidTransitionError(
            f"Only {pounds(outstanding)} from '{partner}' is outstanding for {year}; "
            "record anything more against another year."
        )
