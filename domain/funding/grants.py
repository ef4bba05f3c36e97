"""``BudgetLine``: a funder's pot (e.g. the PCC's Invest to Save 2013-14, up to £350,000).

Where it lives: each tenant has its own event store, so a budget line that funds several
tenants is recorded once, in the store of the tenant acting as lead for it (for the West
Midlands DHR research, Wolverhampton, the accountable body). Allocations name the tenant
they are passported to, so regional projections can still attribute money per tenant.
Bids, decisions and payments share one aggregate so the ceiling is a real invariant:
every commitment is checked in one place. Each command checks through a plain function of
``bidding``, ``deciding`` or ``paying`` (returning the event's arguments), then calls its
private ``@event`` method here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from eventsourcing.domain import event

from domain import correcting
from domain.funding import bidding, deciding, paying
from domain.funding.checks import check_date, check_text
from domain.funding.correcting import correct_grant
from domain.funding.grant_state import BudgetLineState
from domain.funding.grant_values import (
    AmountLine,
    BusinessCase,
    GrantDecision,
    GrantEntry,
)
from domain.funding.money import check_pence
from domain.funding.years import FinancialYear
from domain.recording import ReferencedRecord


class BudgetLine(BudgetLineState, ReferencedRecord):
    """A capped budget taking business cases; decisions commit it, allocations pay it out."""

    KIND = "budget-line"

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
        self.cases, self.decisions = {}, {}
        self.entries = {"allocation": [], "payment": [], "clawback": []}

    # Business cases (rules: ``bidding``).

    def submit_business_case(
        self,
        reference: str,
        title: str,
        submitted_by: str,
        lines: Iterable[AmountLine],
        submitted_on: date,
    ) -> None:
        """The amount sought is the sum of the costed lines, e.g. £20k research + £30k learning."""
        self._submitted(
            *bidding.submit_business_case(self, reference, title, submitted_by, lines, submitted_on)
        )

    @event("BusinessCaseSubmitted")
    def _submitted(
        self,
        reference: str,
        title: str,
        submitted_by: str,
        lines: tuple[AmountLine, ...],
        submitted_on: date,
    ) -> None:
        self.cases[reference] = BusinessCase(
            reference, title, submitted_by, tuple(lines), submitted_on
        )

    def withdraw_business_case(self, reference: str, withdrawn_on: date, reason: str) -> None:
        self._withdrawn(*bidding.withdraw_business_case(self, reference, withdrawn_on, reason))

    @event("BusinessCaseWithdrawn")
    def _withdrawn(self, reference: str, withdrawn_on: date, reason: str) -> None:
        self.cases[reference] = replace(
            self.cases[reference], withdrawn_on=withdrawn_on, withdrawal_reason=reason
        )

    # Decisions (rules: ``deciding``).

    def decide(
        self,
        number: str,
        decided_on: date,
        decision_maker: str,
        approved: int,
        case_reference: str | None = None,
        conditions: Iterable[str] = (),
    ) -> None:
        """A numbered decision (e.g. 036/2013); without a business case it is a direct award."""
        self._decided(
            *deciding.decide(
                self, number, decided_on, decision_maker, approved, case_reference, conditions
            )
        )

    @event("Decided")
    def _decided(
        self,
        number: str,
        case_reference: str | None,
        decided_on: date,
        decision_maker: str,
        approved: int,
        conditions: tuple[str, ...],
    ) -> None:
        self.decisions[number] = GrantDecision(
            number,
            case_reference,
            decided_on,
            decision_maker,
            approved,
            approved,
            tuple(conditions),
        )
        if case_reference is not None:
            self.cases[case_reference] = replace(self.cases[case_reference], decision_number=number)

    def vary_decision(self, number: str, approved: int, varied_on: date, reason: str) -> None:
        """Change what a decision commits, e.g. when it is reconsidered after tendering."""
        self._varied(*deciding.vary_decision(self, number, approved, varied_on, reason))

    @event("DecisionVaried")
    def _varied(self, number: str, approved: int, varied_on: date, reason: str) -> None:
        self.decisions[number] = replace(self.decisions[number], approved=approved)

    # Where committed money goes (rules: ``paying``).

    def allocate(self, number: str, tenant: str, amount: int, allocated_on: date) -> None:
        """Passport part of a decision's money to a tenant (a CSP), named by its slug."""
        self._allocated(*paying.allocate(self, number, tenant, amount, allocated_on))

    @event("Allocated")
    def _allocated(self, number: str, tenant: str, amount: int, allocated_on: date) -> None:
        self._enter("allocation", number, tenant, amount, allocated_on)

    def pay(self, number: str, tenant: str, amount: int, paid_on: date) -> None:
        self._paid(*paying.pay(self, number, tenant, amount, paid_on))

    @event("Paid")
    def _paid(self, number: str, tenant: str, amount: int, paid_on: date) -> None:
        self._enter("payment", number, tenant, amount, paid_on)

    def _enter(self, kind: str, number: str, tenant: str, amount: int, on: date) -> None:
        entries = self.entries[kind]
        entries.append(GrantEntry(len(entries) + 1, number, tenant, amount, on))

    # Putting right an allocation or payment keyed wrong (rules: ``correcting``).

    def correct(self, field: str, value: object, reason: str) -> None:
        """Field: ``allocation.<n>.amount``, ``payment.<n>.amount`` or ``clawback.<n>.amount``
        (each kind numbered from 1 in the order recorded), pence; taking effect on the day it
        was recorded."""
        self._corrected(*correct_grant(self, field, value, reason))

    @event("Corrected")
    def _corrected(
        self,
        field: str,
        value: int,
        previous: int,
        reason: str,
        effective_on: date,
        decision_number: str,
        tenant: str,
    ) -> None:
        """``decision_number`` and ``tenant`` repeat the entry's, for the money views."""
        correcting.put_right(self.entries[field.split(".")[0]], field, value)

    def claw_back(
        self, number: str, tenant: str, amount: int, clawed_back_on: date, reason: str
    ) -> None:
        self._clawed_back(*paying.claw_back(self, number, tenant, amount, clawed_back_on, reason))

    @event("ClawedBack")
    def _clawed_back(
        self, number: str, tenant: str, amount: int, clawed_back_on: date, reason: str
    ) -> None:
        self._enter("clawback", number, tenant, amount, clawed_back_on)
