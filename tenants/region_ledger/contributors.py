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

from domain.errors import NotFoundError
from domain.funding import BudgetKind, FinancialYear, PooledBudget
from domain.funding.accruals import BothBases
from domain.funding.pooled_values import MovementKind
from tenants.region_ledger.application import RegionLedger


@dataclass(frozen=True)
class ReviewSpend:
    """What a pot paid in a year for one partnership's reviews: how many, how much."""

    tenant: str | None  # None: a review no partner partnership holds now
    reviews: int
    amount: int


@dataclass(frozen=True)
class OwnPart:
    """A contributor's own part of a pot's year, in pence: what it agreed and what of that was
    not drawn down (the cash statement's line), what was due, what it paid for the year and
    what it owed at the year's end (the accruals basis). Nought where it has no line."""

    agreed: int
    not_drawn_down: int
    due: int
    paid: int
    owed: int


NOT_PAID_INTO = "No such pot your body pays into; check the address."
ANOTHER_PARTNERSHIP = "Another partnership"


def paid_into(ledger: RegionLedger, pool: UUID, partner: str) -> PooledBudget:
    """The pot, if ``partner`` is one of its partners; else "not found", as another agency's
    IMR is, so a body learns nothing of pots it does not pay into."""
    pot = ledger.pooled.get(pool)
    if not partner or partner not in pot.partners:
        raise NotFoundError(NOT_PAID_INTO)
    return pot


def own_part(year: BothBases, partner: str) -> OwnPart:
    """``partner``'s own figures in the year ``year`` (a pot's statement on both bases)."""
    line = next((p for p in year.cash.partners if p.partner == partner), None)
    owes = next((p for p in year.accruals.partners if p.partner == partner), None)
    return OwnPart(
        agreed=line.agreed if line else 0,
        not_drawn_down=line.not_drawn_down if line else 0,
        due=owes.due_for_year if owes else 0,
        paid=owes.received_for_year if owes else 0,
        owed=owes.owed_at_year_end if owes else 0,
    )


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


def spend_by_partnership(
    ledger: RegionLedger, pool: UUID, year: FinancialYear
) -> list[tuple[str, ReviewSpend]]:
    """``review_spend`` with each partnership's name (a review no partner partnership holds
    now under ``ANOTHER_PARTNERSHIP``), as a contributor reads it."""
    names = {p.tenant: p.name for p in ledger.partners.all() if p.tenant}
    return [
        (names.get(s.tenant or "", ANOTHER_PARTNERSHIP), s)
        for s in review_spend(ledger, pool, year)
    ]
