"""What a budget line knows, and the lookups and limits its commands share.

``BudgetLineState`` is the base of ``BudgetLine``, which sets the attributes in its opening
event and declares each command and event; the rule modules (``bidding``, ``deciding``,
``paying``) read it and use the limits below.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from domain.errors import InvalidTransitionError, InvalidValueError, NotFoundError
from domain.funding.grant_values import BusinessCase, GrantAllocation, GrantDecision, GrantEntry
from domain.funding.money import pounds
from domain.funding.years import FinancialYear


class BudgetLineState:
    reference: str
    name: str
    owner: str
    financial_year: FinancialYear
    ceiling: int
    opened_on: date
    cases: dict[str, BusinessCase]
    decisions: dict[str, GrantDecision]
    entries: dict[str, list[GrantEntry]]  # "allocation", "payment", "clawback": as recorded

    @property
    def allocations(self) -> dict[tuple[str, str], GrantAllocation]:
        """Per decision and tenant, what was allocated, paid and clawed back: the sums of the
        entries as recorded (or corrected), so a correction has one figure to put right."""
        found: dict[tuple[str, str], GrantAllocation] = {}
        for kind, held in (
            ("allocation", "allocated"),
            ("payment", "paid"),
            ("clawback", "clawed_back"),
        ):
            for e in self.entries[kind]:
                key = (e.decision_number, e.tenant)
                current = found.get(key) or GrantAllocation(*key, 0)
                found[key] = replace(current, **{held: getattr(current, held) + e.amount})
        return found

    @property
    def committed(self) -> int:
        """What decisions have committed; never more than the ceiling."""
        return sum(d.approved for d in self.decisions.values())

    def allocated_under(self, number: str) -> int:
        return sum(a.awarded for a in self.allocations.values() if a.decision_number == number)

    def case(self, reference: str) -> BusinessCase:
        if reference not in self.cases:
            raise NotFoundError(f"No business case '{reference}' on this budget line; submit it.")
        return self.cases[reference]

    def decision(self, number: str) -> GrantDecision:
        if number not in self.decisions:
            raise NotFoundError(f"No decision {number} on this budget line; record it first.")
        return self.decisions[number]

    def allocation(self, number: str, tenant: str) -> GrantAllocation:
        found = self.allocations.get((number, tenant))
        if found is None:
            raise NotFoundError(
                f"Nothing is allocated to '{tenant}' under decision {number}; allocate it first."
            )
        return found


def check_ceiling(line: BudgetLineState, extra: int) -> None:
    if line.committed + extra > line.ceiling:
        room = pounds(line.ceiling - line.committed)
        raise InvalidTransitionError(
            f"That would commit {pounds(line.committed + extra)} against a ceiling of "
            f"{pounds(line.ceiling)}; approve at most {room} more."
        )


def check_within_sought(approved: int, sought: int) -> None:
    if approved > sought:
        raise InvalidValueError(
            f"{pounds(approved)} is more than the {pounds(sought)} sought; "
            "approve at most the amount sought."
        )
