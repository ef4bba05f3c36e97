"""Money per CSP over a date range: grants approved vs allocated vs paid, pooled contributions
agreed vs received vs not drawn down, pooled spend and the reserve, and DHR cost per review.

All amounts are whole pence. The reserve is a balance, so it counts everything up to
``until`` (reserves brought forward + contributions received - spend), not just the range.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from projections.port import ViewStore
from projections.queries.reading import business_day, placeholders, snapshot

KINDS = (
    "grant_approved",
    "grant_allocated",
    "grant_paid",
    "pool_agreed",
    "pool_received",
    "pool_not_drawn",
    "pool_spent",
)


@dataclass(frozen=True)
class MoneyRow:
    tenant: str  # "" on the total row
    name: str
    grants_approved: int
    grants_allocated: int
    grants_paid: int  # net of claw-backs
    pool_contributions_agreed: int
    pool_contributions_received: int
    pool_not_drawn_down: int
    pool_spent: int
    pool_reserve: int  # balance at ``until``
    dhr_costs: int  # incurred within the range
    dhrs_costed: int  # reviews with costs incurred within the range
    cost_per_dhr: int  # dhr_costs // dhrs_costed (whole pence), 0 when none


@dataclass(frozen=True)
class RegionalMoney:
    region: str
    since: date
    until: date
    rows: tuple[MoneyRow, ...]
    total: MoneyRow


SUMS = ",\n".join(
    f"SUM(CASE WHEN kind = '{k}' AND on_date BETWEEN ? AND ? THEN amount ELSE 0 END)" for k in KINDS
)
SQL = f"""
SELECT tenant, {SUMS},
 SUM(CASE WHEN kind IN ('pool_brought_forward', 'pool_received') AND on_date <= ? THEN amount
          WHEN kind = 'pool_spent' AND on_date <= ? THEN -amount ELSE 0 END),
 SUM(CASE WHEN kind = 'dhr_cost' AND on_date BETWEEN ? AND ? THEN amount ELSE 0 END),
 COUNT(DISTINCT CASE WHEN kind = 'dhr_cost' AND on_date BETWEEN ? AND ? THEN review_id END)
FROM {{movements}} WHERE tenant IN (@TENANTS@) GROUP BY tenant
"""


def money(
    views: ViewStore,
    region: str,
    *,
    since: date | None = None,
    until: date | None = None,
    tenant: str | None = None,
    today: date | None = None,
    on: date | None = None,
) -> RegionalMoney:
    since, until, _ = business_day(since, until, today, on)
    window = (since.isoformat(), until.isoformat())
    with snapshot(views) as snap:
        members = snap.members(region, tenant)
        slugs = [s for s, _ in members]
        args = (*window * len(KINDS), window[1], window[1], *window, *window, *slugs)
        found = {
            str(r[0]): [int(v or 0) for v in r[1:]]
            for r in snap.all(SQL.replace("@TENANTS@", placeholders(slugs)), args)
        }
    rows = tuple(_row(slug, name, found.get(slug, [0] * 10)) for slug, name in members)
    sums = [sum(getattr(r, f.name) for r in rows) for f in fields(MoneyRow)[2:-1]]
    return RegionalMoney(region, since, until, rows, _row("", "Total", sums))


def _row(slug: str, name: str, v: list[int]) -> MoneyRow:
    costs, costed = v[8], v[9]
    return MoneyRow(
        tenant=slug,
        name=name,
        grants_approved=v[0],
        grants_allocated=v[1],
        grants_paid=v[2],
        pool_contributions_agreed=v[3],
        pool_contributions_received=v[4],
        pool_not_drawn_down=v[5],
        pool_spent=v[6],
        pool_reserve=v[7],
        dhr_costs=costs,
        dhrs_costed=costed,
        cost_per_dhr=costs // costed if costed else 0,
    )
