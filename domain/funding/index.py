"""``FundingIndex``: the list of a tenant's budgets, so they can be found without a scan.

One per tenant store, with a fixed id; it is saved in the same call as the budget it
lists, so a budget is never recorded without its entry (nor an entry without its budget).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from eventsourcing.domain import event

from domain.errors import DuplicateError
from domain.funding.checks import funding_id
from domain.recording import SingleRecord


class BudgetKind(StrEnum):
    BUDGET_LINE = "budget_line"
    POOLED_BUDGET = "pooled_budget"


@dataclass(frozen=True)
class BudgetListing:
    kind: BudgetKind
    reference: str
    budget_id: UUID
    name: str


class FundingIndex(SingleRecord):
    """Every budget line and pooled budget recorded in this tenant's store, in listing order."""

    ID = funding_id("index", "budgets")

    @event("Started")
    def __init__(self) -> None:
        self.budgets: dict[tuple[BudgetKind, str], BudgetListing] = {}

    def list_budget(self, kind: BudgetKind, reference: str, budget_id: UUID, name: str) -> None:
        if (BudgetKind(kind), reference) in self.budgets:
            raise DuplicateError(
                f"A {BudgetKind(kind).value.replace('_', ' ')} '{reference}' "
                "already exists; choose another reference."
            )
        self._list(BudgetKind(kind), reference, budget_id, name)

    @event("BudgetListed")
    def _list(self, kind: BudgetKind, reference: str, budget_id: UUID, name: str) -> None:
        listing = BudgetListing(BudgetKind(kind), reference, budget_id, name)
        self.budgets[(listing.kind, reference)] = listing
