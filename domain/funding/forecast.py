"""Forecasts for a pooled budget: what a year costs at an expected number of DHRs, how long
the reserve lasts, and what each partner must pay.

Leicestershire re-based its budget from 3 to 2.5 DHRs a year; this makes that a query
rather than a spreadsheet. Partners' shares follow their agreed contributions, split to
the penny so the parts add up exactly to the annual cost. Approved variations not yet paid
are named as commitments (``commitments``), and an earlier year's is taken off the reserve.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import TYPE_CHECKING

from domain.errors import InvalidValueError
from domain.funding.commitments import Commitment, commitments
from domain.funding.money import check_pence, split_pro_rata
from domain.funding.pooled_values import parse_dhrs
from domain.funding.statements import statement
from domain.funding.years import FinancialYear

if TYPE_CHECKING:
    from domain.funding.plans import AllocationPlan
    from domain.funding.pooled import PooledBudget


@dataclass(frozen=True)
class PartnerShare:
    partner: str
    agreed: int
    required: int


@dataclass(frozen=True)
class Forecast:
    """``years_reserve_lasts`` is None when agreed contributions cover the annual cost; both
    counts of years are of the reserve less ``committed_from_reserve`` (earlier years'
    commitments still to pay)."""

    year: FinancialYear
    expected_dhrs: Fraction
    cost_per_dhr: int
    fixed_costs: int
    annual_cost: int
    reserve: int
    agreed_contributions: int
    annual_shortfall: int
    years_reserve_lasts: int | None
    years_reserve_alone_covers: int
    shares: tuple[PartnerShare, ...]
    # The year whose agreed contributions the shares follow: ``year`` itself, or the latest
    # earlier year with agreements while none are agreed for it yet (a page must say which).
    shares_from: FinancialYear | None = None
    # Approved variations not yet paid in full (``commitments``), and what the earlier years'
    # of them take off the reserve.
    commitments: tuple[Commitment, ...] = ()
    committed_from_reserve: int = 0

    @property
    def reserve_uncommitted(self) -> int:
        """The reserve at the start less what earlier years committed and have not paid."""
        return self.reserve - self.committed_from_reserve


def forecast(
    year: FinancialYear,
    reserve: int,
    fixed_costs: int,
    cost_per_dhr: int,
    expected_dhrs: object,
    agreed: Sequence[tuple[str, int]],
    committed: int = 0,
) -> Forecast:
    """Cost a year at ``expected_dhrs`` (3, '2.5') and share it by the agreed contributions;
    ``committed`` of the ``reserve`` is owed already, so how long it lasts is counted without it.

    A fractional DHR cost is rounded up to the penny: a forecast should not under-collect.
    """
    dhrs = parse_dhrs(expected_dhrs)
    check_pence(cost_per_dhr, "The cost per DHR", allow_zero=True)
    check_pence(fixed_costs, "The fixed costs", allow_zero=True)
    annual = fixed_costs + math.ceil(cost_per_dhr * dhrs)
    agreed_total = sum(amount for _, amount in agreed)
    shortfall = annual - agreed_total
    free = max(reserve - committed, 0)
    lasts = None if shortfall <= 0 else free // shortfall
    alone = free // annual if annual else 0
    required = dict(split_pro_rata(annual, agreed)) if annual else {p: 0 for p, _ in agreed}
    return Forecast(
        year=year,
        expected_dhrs=dhrs,
        cost_per_dhr=cost_per_dhr,
        fixed_costs=fixed_costs,
        annual_cost=annual,
        reserve=reserve,
        agreed_contributions=agreed_total,
        annual_shortfall=shortfall,
        years_reserve_lasts=lasts,
        years_reserve_alone_covers=alone,
        shares=tuple(PartnerShare(p, amount, required[p]) for p, amount in agreed),
        committed_from_reserve=committed,
    )


def _basis(years: list[FinancialYear], year: FinancialYear) -> FinancialYear:
    """The year itself if it has entries, else the latest earlier one that does."""
    earlier = [y for y in years if y <= year]
    return max(earlier) if earlier else year


def forecast_for(
    budget: PooledBudget,
    plan: AllocationPlan,
    year: FinancialYear,
    expected_dhrs: object,
    *,
    cost_per_dhr: int | None = None,
) -> Forecast:
    """Forecast from the records: the reserve at the start of ``year``, the year's planned
    fixed allocations, its per-DHR estimate (unless one is given) and the agreed shares.

    A year with no plan or no agreements yet (re-basing 2017/18 before anything is agreed)
    is forecast on the latest earlier year's plan and agreements, as a board paper would.
    Approved variations not yet paid are named (``commitments``); an earlier year's is
    owed from the reserve.
    """
    planned = plan.for_year(_basis([y for y, _ in plan.allocations], year))
    if cost_per_dhr is None:
        estimates = [a.per_dhr for a in planned if a.per_dhr is not None]
        if not estimates:
            raise InvalidValueError(
                f"No per-DHR estimate is planned for {year}; give the cost per DHR."
            )
        cost_per_dhr = estimates[0]
    shares_year = _basis([y for y, _ in budget.agreed], year)
    agreed = [
        (p, budget.agreed[(shares_year, p)])
        for p in budget.partners
        if (shares_year, p) in budget.agreed
    ]
    committed = commitments(budget, plan, year)
    found = forecast(
        year,
        statement(budget, year).opening_reserve,
        sum(a.amount for a in planned if a.per_dhr is None),
        cost_per_dhr,
        expected_dhrs,
        agreed,
        sum(c.unpaid for c in committed if not c.in_cost),
    )
    return replace(found, shares_from=shares_year if agreed else None, commitments=committed)
