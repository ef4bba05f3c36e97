"""Money per CSP over a date range: grants approved vs allocated vs paid, pooled contributions
agreed vs received vs not drawn down, pooled spend and the reserve, and DHR cost per review.

All amounts are whole pence. The reserve is a balance, so it counts everything up to
``until`` (reserves brought forward + contributions received - spend), not just the range.

Money in the region's own ledger is attributed to who pays it: a partnership's contributions
to a hosted pot land in its own row, other bodies (county council, police) get rows of their
own (``tenant`` None, ``partner`` their directory key); pot spend goes to the partnership
whose review it paid for. A partnership that has left the region (moved, offboarded) keeps
a row, marked as gone (``FORMER_MEMBER``), for what the region's ledger recorded for it.
What a hosted pot spends for all its partners (the business office, training) and what it
holds are the row of the pots themselves (``POTS_ROW``), so every column adds up to its total.
A grant approved but not yet allocated stays on the row of the region's commissioner, or, while
its directory lists none, on a row saying so (``UNLISTED_COMMISSIONER``).
The pots are also listed one by one. Cost per DHR counts completed reviews only (submitted
to the Home Office); what open reviews have cost so far is shown beside it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Unpack
from uuid import UUID

from domain.funding import ReviewCost
from projections.model import region_source
from projections.port import ViewStore
from projections.queries.reading import Range, RegionalAnswer, Snapshot, placeholders, regional

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
    tenant: str | None  # "" on the total row; None for another partner and for the pots' row
    name: str
    grants_approved: int
    grants_allocated: int
    grants_paid: int  # net of claw-backs
    pool_contributions_agreed: int
    pool_contributions_received: int
    pool_not_drawn_down: int
    pool_spent: int
    pool_reserve: (
        int  # balance at ``until`` of pots this tenant (or, on POTS_ROW, the region) holds
    )
    dhr_costs: int  # incurred within the range
    dhrs_costed: int  # reviews with costs incurred within the range
    commissioned_paid: int = 0  # paid to commissioned services by this partner
    completed_dhrs_costed: int = 0  # of those, reviews completed (submitted) by ``until``
    spent_on_open_reviews: int = 0  # costs in the range of reviews not yet completed
    cost_per_dhr: int | None = None  # completed reviews' costs / their number, to the nearest penny
    partner: str | None = None  # the region directory's key
    sector: str = "csp"  # "pot" on POTS_ROW


Vector = tuple[str | None, str, list[int], str | None, str]  # tenant, name, sums, partner, sector
_FORMER = "former:"  # the key of a partnership no longer in the region, before its slug
FORMER_MEMBER = "{name} (no longer in this region)"


@dataclass(frozen=True)
class PotRow:
    pot: str
    agreed: int
    received: int
    spent: int
    reserve: int


@dataclass(frozen=True)
class ReviewSpend:
    review_id: str
    tenant: str | None
    amount: int


@dataclass(frozen=True)
class RegionalMoney(RegionalAnswer):
    rows: tuple[MoneyRow, ...]
    total: MoneyRow
    pots: tuple[PotRow, ...] = ()
    spend_by_review: tuple[ReviewSpend, ...] = ()


SUMS = ",\n".join(
    f"SUM(CASE WHEN kind = '{k}' AND on_date BETWEEN ? AND ? THEN amount ELSE 0 END)" for k in KINDS
)
SQL = f"""
SELECT tenant, {SUMS},
 SUM(CASE WHEN kind IN ('pool_brought_forward', 'pool_received') AND on_date <= ? THEN amount
          WHEN kind = 'pool_spent' AND on_date <= ? THEN -amount ELSE 0 END)
FROM {{movements}} WHERE tenant IN (@TENANTS@) GROUP BY tenant
"""
COSTS = """
SELECT tenant, review_id, SUM(amount) FROM {movements}
WHERE kind = 'dhr_cost' AND on_date BETWEEN ? AND ? AND tenant IN (@TENANTS@)
GROUP BY tenant, review_id HAVING SUM(amount) <> 0
"""
POTS_ROW = "Pooled budgets held for the region"
_POTS = "pots:"  # the key of that row among the partners' rows
UNLISTED_COMMISSIONER = "Police and Crime Commissioner (not yet in the region's directory)"
_UNLISTED = "commissioner:"  # the key of that row: approvals while no commissioner is listed
REGION_KEYS = {
    "grant_approved": 0,
    "grant_allocated": 1,
    "grant_paid": 2,
    "pool_agreed": 3,
    "pool_received": 4,
    "pool_not_drawn": 5,
    "pool_spent": 6,
    "commissioned_paid": 10,
}


def money(views: ViewStore, region: str, **options: Unpack[Range]) -> RegionalMoney:
    with regional(views, region, **options) as q:
        snap, members, slugs, window = q.snap, q.members, q.slugs, q.window
        args = (*window * len(KINDS), window[1], window[1], *slugs)
        found: dict[str, list[int]] = defaultdict(lambda: [0] * 14)
        for r in snap.all(SQL.replace("@TENANTS@", placeholders(slugs)), args):
            found[str(r[0])][:8] = [int(v or 0) for v in r[1:]]
        _costs(snap, found, slugs, window)
        partners, pots, spends = _region(snap, region, found, window, set(slugs))
        unfiltered = options.get("tenant") is None  # else every other member looks gone
        former = _former_members(snap, found, partners) if unfiltered else []
    keys = {tenant_: key for key, (_, _, tenant_) in partners.items() if tenant_}
    vectors: list[Vector] = [
        (slug, name, found[slug], keys.get(slug), "csp") for slug, name in members
    ]
    if unfiltered:
        vectors += former
        vectors += [
            (None, name, found[f"partner:{key}"], key, sector)
            for key, (name, sector, csp) in sorted(partners.items(), key=lambda p: p[1][0])
            if csp is None and any(found[f"partner:{key}"])
        ]
        if any(found[_UNLISTED]):
            vectors.append((None, UNLISTED_COMMISSIONER, found[_UNLISTED], None, "pcc"))
        if any(found[_POTS]):
            vectors.append((None, POTS_ROW, found[_POTS], None, "pot"))
    rows = [_row(*v) for v in vectors]
    sums = [sum(v[2][i] for v in vectors) for i in range(14)]
    total = _row("", "Total", sums, None, "")
    return RegionalMoney(region, q.since, q.until, tuple(rows), total, pots, spends)


def _costs(
    snap: Snapshot, found: dict[str, list[int]], slugs: list[str], window: tuple[str, str]
) -> None:
    """Per tenant: all costs, reviews costed; of those completed by ``until``, their costs."""
    marks = placeholders(slugs)
    completed = {
        str(ReviewCost.create_id(UUID(str(case_id))))
        for (case_id,) in snap.all(
            f"SELECT case_id FROM {{cases}} WHERE tenant IN ({marks})"
            " AND submitted_on IS NOT NULL AND submitted_on <= ?",
            (*slugs, window[1]),
        )
    }
    for t, review, amount in snap.all(COSTS.replace("@TENANTS@", marks), (*window, *slugs)):
        v = found[str(t)]
        v[8] += int(amount or 0)
        v[9] += 1
        if str(review) in completed:
            v[11] += 1
            v[13] += int(amount or 0)
        else:
            v[12] += int(amount or 0)


def _region(
    snap: Snapshot,
    region: str,
    found: dict[str, list[int]],
    window: tuple[str, str],
    slugs: set[str],
) -> tuple[dict[str, tuple[str, str, str | None]], tuple[PotRow, ...], tuple[ReviewSpend, ...]]:
    source = region_source(region)
    partners = {
        str(k): (str(n), str(s), str(c) if c else None)
        for k, n, s, c in snap.all(
            "SELECT partner, name, sector, csp FROM {region_partners} WHERE tenant = ?", (source,)
        )
    }
    rows = snap.all(
        "SELECT kind, on_date, amount, partner, pot, review_id FROM {region_movements}"
        " WHERE tenant = ?",
        (source,),
    )
    reviews = {str(r[5]) for r in rows if r[5]}
    owner = (
        {
            str(c): str(t)
            for t, c in snap.all(
                f"SELECT tenant, case_id FROM {{cases}} WHERE case_id IN ({placeholders(sorted(reviews))})"
                " AND tenant NOT IN (SELECT slug FROM {tenants} WHERE status = 'copy')",
                tuple(sorted(reviews)),
            )
        }
        if reviews
        else {}
    )
    pots: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    spends: dict[str, int] = defaultdict(int)
    for kind, on_date, amount, partner, pot, review in rows:
        amount, in_range = int(amount), window[0] <= str(on_date) <= window[1]
        if str(on_date) <= window[1] and kind in (
            "pool_brought_forward",
            "pool_received",
            "pool_spent",
        ):
            pots[str(pot)][3] += -amount if kind == "pool_spent" else amount
        if not in_range:
            continue
        if kind in ("pool_agreed", "pool_received", "pool_spent"):
            pots[str(pot)][("pool_agreed", "pool_received", "pool_spent").index(kind)] += amount
        if kind == "pool_spent" and review:
            spends[str(review)] += amount
        target = _who(partner, review, kind, partners, owner, slugs)
        if target is not None and kind in REGION_KEYS:
            found[target][REGION_KEYS[kind]] += amount
        elif kind == "pool_spent":
            found[_POTS][REGION_KEYS[kind]] += amount  # for all partners, or another region's
    found[_POTS][7] = sum(v[3] for v in pots.values())
    return (
        partners,
        tuple(PotRow(p, *v) for p, v in sorted(pots.items())),
        tuple(ReviewSpend(r, owner.get(r), a) for r, a in sorted(spends.items())),
    )


def _who(
    partner: str | None,
    review: str | None,
    kind: str,
    partners: dict[str, tuple[str, str, str | None]],
    owner: dict[str, str],
    slugs: set[str],
) -> str | None:
    """The row a region-ledger movement belongs to: a partnership's slug, ``former:<slug>`` if
    it has left the region, ``partner:<key>``, or the commissioner's row while the directory
    lists none; None for the pots' own row."""
    if kind == "pool_spent":
        paid_for = owner.get(review or "")
        if paid_for in slugs:
            return paid_for
        named = any(csp == paid_for for _, _, csp in partners.values())
        return f"{_FORMER}{paid_for}" if paid_for and named else None  # else: another region's
    if partner is None and kind == "grant_approved":
        # A grant decided but not yet allocated is the commissioner's money: it stays on the
        # region's PCC row until allocated, so the board's total never drops an approval, even
        # before the directory lists the commissioner.
        pcc = _commissioner(partners)
        return f"partner:{pcc}" if pcc is not None else _UNLISTED
    if partner is None:
        return None  # every other movement that reaches here names who pays or receives it
    if kind.startswith("grant_"):
        return _partnership(partner, slugs)  # grants name the receiving tenant
    csp = partners.get(partner, ("", "", None))[2]
    if csp is not None:
        return _partnership(csp, slugs)
    return f"partner:{partner}"


def _partnership(slug: str, slugs: set[str]) -> str:
    """A member's row, or the row of a partnership that has left (moved region, offboarded):
    the region's books still record what it paid and was paid, so its total must too."""
    return slug if slug in slugs else f"{_FORMER}{slug}"


def _former_members(
    snap: Snapshot, found: dict[str, list[int]], partners: dict[str, tuple[str, str, str | None]]
) -> list[Vector]:
    """Rows for partnerships no longer in the region that its own ledger recorded money for,
    named as its directory names them (else as the platform does) and marked as gone."""
    gone = sorted(k[len(_FORMER) :] for k, v in found.items() if k.startswith(_FORMER) and any(v))
    if not gone:
        return []
    named = {
        str(s): str(n)
        for s, n in snap.all(
            f"SELECT slug, name FROM {{tenants}} WHERE slug IN ({placeholders(gone)})",
            tuple(gone),
        )
    }
    keys = {csp: key for key, (_, _, csp) in sorted(partners.items(), reverse=True) if csp}
    rows: list[Vector] = []
    for slug in gone:
        key = keys.get(slug)
        name = partners[key][0] if key else named.get(slug, slug)
        rows.append((None, FORMER_MEMBER.format(name=name), found[_FORMER + slug], key, "csp"))
    return sorted(rows, key=lambda r: r[1])


def _mean_to_the_penny(pence: int, reviews: int) -> int:
    """Half a penny and more rounds up, as a finance officer would: £130,000 over six reviews is
    £21,666.67, not the £21,666.66 that dropping the remainder gives."""
    return (2 * pence + reviews) // (2 * reviews)


def _commissioner(partners: dict[str, tuple[str, str, str | None]]) -> str | None:
    """The directory key of the region's Police and Crime Commissioner, if it lists one."""
    return next(
        (k for k, (_, sector, csp) in sorted(partners.items()) if sector == "pcc" and csp is None),
        None,
    )


def _row(slug: str | None, name: str, v: list[int], partner: str | None, sector: str) -> MoneyRow:
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
        commissioned_paid=v[10],
        completed_dhrs_costed=v[11],
        spent_on_open_reviews=v[12],
        cost_per_dhr=_mean_to_the_penny(v[13], v[11]) if v[11] else None,
        partner=partner,
        sector=sector,
    )
