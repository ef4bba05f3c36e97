"""``BudgetLine``: a funder's pot (e.g. the PCC's Invest to Save 2013-14, up to £350,000).

Where it lives: each tenant has its own event store, so a budget line that funds several
tenants is recorded once, in the store of the tenant acting as lead for it (for the West
Midlands DHR research, Wolverhampton, the accountable body). Allocations name the tenant
they are passported to, so regional projections can still attribute money per tenant.
Bids, decisions and payments share one aggregate so the ceiling is a real invariant:
every commitment is checked in one place. Commands live in ``bidding``, ``deciding`` and ``paying``.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain.funding.bidding import Bidding
from domain.funding.checks import check_date, check_text, funding_id
from domain.funding.deciding import Deciding
from domain.funding.money import check_pence
from domain.funding.paying import Paying
from domain.funding.years import FinancialYear
from domain.recording import LedgerAggregate


class BudgetLine(Bidding, Deciding, Paying, LedgerAggregate):
    """A capped budget taking business cases; decisions commit it, allocations pay it out."""

    @staticmethod
    def create_id(reference: str) -> UUID:
        return funding_id("budget-line", reference)

    @classmethod
    def open(
        cls,
        reference: str,
        name: str,
        owner: str,
        financial_year: FinancialYear | str,
        ceiling: int,
        opened_on: date,
    ) -> BudgetLine:
        return cls(
            reference=check_text(reference, "The budget line's reference"),
            name=check_text(name, "The budget line's name"),
            owner=check_text(owner, "The budget line's owner"),
            financial_year=FinancialYear.parse(financial_year),
            ceiling=check_pence(ceiling, "The ceiling"),
            opened_on=check_date(opened_on, "The opening date"),
        )

    @event("Opened")
    def __init__(
        self,
        reference: str,
        name: str,
        owner: str,
        financial_year: FinancialYear,
        ceiling: int,
        opened_on: date,
    ) -> None:
        self.reference, self.name, self.owner = reference, name, owner
        self.financial_year, self.ceiling, self.opened_on = financial_year, ceiling, opened_on
        self.cases, self.decisions, self.allocations = {}, {}, {}

    # Each line below turns a mixin's state change into a stored event of that name.
    _submitted = event("BusinessCaseSubmitted")(Bidding._submitted)
    _withdrawn = event("BusinessCaseWithdrawn")(Bidding._withdrawn)
    _decided = event("Decided")(Deciding._decided)
    _varied = event("DecisionVaried")(Deciding._varied)
    _allocated = event("Allocated")(Paying._allocated)
    _paid = event("Paid")(Paying._paid)
    _clawed_back = event("ClawedBack")(Paying._clawed_back)
