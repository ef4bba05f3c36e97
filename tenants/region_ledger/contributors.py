"""What a body that pays into a region's pots may read of them: which pots it is a partner of,
and what each pot paid for reviews, by partnership.

A contributor is a body of the region's directory (a police force, a county council, an
OPCC), named in a pot by its directory key; a user acting for it is tied to it by the same
key (``UserInfo.agency``, as an agency user is tied to the IMRs asked of its agency). It reads
no case: spend for a review is counted for the partnership whose review it is, as amounts.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.funding import BudgetKind, FinancialYear, PooledBudget
from domain.funding.pooled_values import MovementKind
from tenants.region_ledger.application import RegionLedger


@dataclass(frozen=True)
class ReviewSpend:
    """What a pot paid in a year for one partnership's reviews: how many, how much."""

    tenant: str | None  # None: a review no partner partnership holds now
    reviews: int
    amount: int


def pots_paid_into(ledger: RegionLedger, partner: str) -> list[PooledBudget]:
    """The region's pots ``partner`` is a partner of, by name; none for no partner key."""
    if not partner:
        return []
    pots = (
        ledger.pooled.get(b.budget_id)
        for b in ledger.funding.budgets()
        if b.kind == BudgetKind.POOLED_BUDGET
    )
    return sorted((p for p in pots if partner in p.partners), key=lambda p: p.name)


def review_spend(ledger: RegionLedger, pool: UUID, year: FinancialYear) -> list[ReviewSpend]:
    """The year's spend for reviews, by the partner partnership whose review each was (the
    spend was checked to be one of theirs when recorded), in the order of the tenants."""
    pot = ledger.pooled.get(pool)
    spent: dict[UUID, int] = {}
    for m in pot.movements:
        if m.kind is MovementKind.SPEND and m.year == year and m.review_id is not None:
            spent[m.review_id] = spent.get(m.review_id, 0) + m.amount
    if not spent:
        return []
    owner: dict[UUID, str | None] = dict.fromkeys(spent)
    for tenant in sorted(ledger.pooled.partner_tenants(pool)):
        for review in spent:
            if owner[review] is None and ledger.review_exists(tenant, review):
                owner[review] = tenant
    found: dict[str | None, list[int]] = {}
    for review, amount in spent.items():
        line = found.setdefault(owner[review], [0, 0])
        line[0] += 1
        line[1] += amount
    return [ReviewSpend(t, n, a) for t, (n, a) in found.items()]
