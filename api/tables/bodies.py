"""The JSON body of a view or register, built outside a request: what ``ledger export`` and
the pages' download links render with the same ``Table`` as the API's downloads."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from functools import partial
from itertools import pairwise
from typing import Any
from uuid import UUID

import psycopg
from marshmallow import Schema

from adapters.unreachable import UNAVAILABLE
from api.agency_names import agency_names_in, with_owner_names
from api.clocks import clock_words
from api.papers.cells import long_date
from api.schemas.actionplan import PlanLineOut
from api.schemas.reviews import ReviewSummaryOut
from api.schemas.views import (
    ActionCountsOut,
    RegionalActionsOut,
    RegionalDhrCountsOut,
    RegionalMoneyOut,
    RegionalThemesOut,
    RegionalTimelinessOut,
)
from api.tables.catalogue import (
    ACTION_PLAN,
    ACTIONS,
    DHR_COUNTS,
    MONEY,
    THEMES,
    TIMELINESS,
)
from api.tables.columns import Table, Unread, pounds
from api.tables.registers import COMMISSIONING, COSTS, REGISTER
from domain.actionplan import PlanLine
from domain.calendar import uk_today
from domain.funding import ReviewCost
from domain.region import Partner, PartnerDirectory, PartnershipGroup
from domain.region.agencies import agency_label
from domain.reviews.values import ReviewStatus
from projections.port import ViewStore
from projections.queries import action_counts, dhr_counts, money, shared_themes, timeliness
from projections.queries.actions import RegionalActions
from projections.queries.pot_spend import (
    MoneyViewNotBuilt,
    PotSpend,
    paid_from_pots,
    pot_spend_on_reviews,
)
from projections.queries.themes import with_labels
from tenants.ledger import PartnershipLedger
from tenants.platform import Platform
from tenants.region_ledger import RegionLedger
from tenants.theme_names import region_theme_names
from tenants.unreadable import LeftOut

REGIONAL: dict[str, tuple[Callable[..., Any], type[Schema], Table]] = {
    "dhr-counts": (dhr_counts, RegionalDhrCountsOut, DHR_COUNTS),
    "timeliness": (timeliness, RegionalTimelinessOut, TIMELINESS),
    "themes": (shared_themes, RegionalThemesOut, THEMES),
    "actions": (action_counts, RegionalActionsOut, ACTIONS),
    "money": (money, RegionalMoneyOut, MONEY),
}
REGISTERS = {"cases": REGISTER, "action-plan": ACTION_PLAN, "costs": COSTS}

log = logging.getLogger(__name__)


def regional_body(
    platform: Platform,
    views: ViewStore,
    view: str,
    region: str,
    *,
    since: date | None = None,
    until: date | None = None,
    today: date | None = None,
    on: date | None = None,
) -> tuple[Table, Any]:
    """A regional view as rows; ``today``: the day "overdue" and "late now" are judged on
    (a download as recorded at the end of a day judges them on that day, as its view does);
    ``on``: the region as it stood that day, as the dashboard shows it on a past date (nothing
    dated after it counts, and "overdue" and "awaiting" are judged on it)."""
    query, schema, spec = REGIONAL[view]
    result = query(views, region, since=since, until=until, today=today, on=on)
    if view in ("themes", "actions"):
        result = with_labels(result, region_theme_names(platform, region))
    body = schema().dump(result)
    if view == "actions":  # each kind's bodies under it, as the dashboard and paper list them
        body["by_owner"] = owner_rows(result)
    return spec, body


def owner_rows(view: RegionalActions) -> list[dict[str, Any]]:
    """Table 4a's rows: each kind of owner, then each body of the partner directory it counts
    ("Health: Acute Hospital Trust"), so a figure can be found in the master plan's download,
    which names each action's owner by the directory."""
    out, rows = ActionCountsOut(), []
    for row in view.by_owner:
        rows.append(out.dump(row))
        rows += [{**out.dump(b), "label": f"{row.label}: {b.label}"} for b in row.bodies]
    return rows


def register_body(
    platform: Platform,
    view: str,
    tenant: str,
    at: datetime | None = None,
    left_out: LeftOut | None = None,
    views: ViewStore | None = None,
    wait: float | None = None,
) -> tuple[Table, Any]:
    """A partnership's register as rows; ``at``: as the ledger had recorded it by that
    instant (each record replayed; the plan's overdue judged on that instant's day).
    ``left_out``: records that cannot be read are left out and noted there (the file's notes
    say how many); without, one fails the download. ``views``: the read models (as recorded
    by ``at``) the costs read what the region's pots paid for each review from, waiting
    ``wait`` seconds at most for their store."""
    region = platform.registry.tenant(tenant).region
    with platform.ledgers.lease(tenant, writing=False) as ledger:
        if view == "cases":
            cases = ledger.reviews.all(at, left_out=left_out)
            names = agency_names_in(platform, tenant)
            return REGISTER, [with_clocks(c, judged_on(None, at), names) for c in cases]
        if view == "costs":
            rows = review_costs(ledger, at, left_out)
            if views is not None:
                rows = with_pot_spend(rows, views, region, wait)
            return COSTS, rows
        if at is not None:
            plan = ledger.plan.as_recorded_at(at, left_out=left_out)
        else:
            plan = ledger.plan.master(left_out=left_out)
    named = with_owner_names(plan, agency_names_in(platform, tenant))
    return ACTION_PLAN, PlanLineOut(many=True).dump(named)


def with_clocks(review: Any, day: date, agencies: Callable[[str], str] = str) -> dict[str, Any]:
    """A case's row of the register: its facts, its statutory clocks judged on ``day``, and
    the agencies' requests for more time waiting for the panel (``agencies`` names each)."""
    t = review.timeliness(day)
    return {
        **ReviewSummaryOut().dump(review),
        "decision_due": t.decision_due,
        "decided_on": review.decision.decided_on if review.decision else None,
        "completion_due": t.completion_due,
        "clocks": clock_words(review, t),
        "more_time_asked": more_time_waiting(review, agencies),
    }


def more_time_waiting(review: Any, agencies: Callable[[str], str]) -> list[str]:
    """Each request for more time the panel has not answered, as the reminder tells it: the
    agency, the day it asked and the date it proposed."""
    return [
        f"{agencies(imr.agency)}: asked {long_date(asked.asked_on)} to be due "
        f"{long_date(asked.due_on)}"
        for imr in review.imrs
        if (asked := imr.open_extension_request) is not None
    ]


def review_costs(
    ledger: PartnershipLedger, at: datetime | None = None, left_out: LeftOut | None = None
) -> list[dict[str, Any]]:
    """Each review's agreed, estimated and incurred cost (pence; None where nothing is
    recorded), in order of notification; ``at``: as recorded by that instant. ``left_out``:
    a review, or its costs, that cannot be read is left out and noted there."""
    rows = []
    for review in ledger.reviews.all(at, left_out=left_out):
        cost_id = ReviewCost.create_id(review.id)
        costs = partial(ledger.costs.recorded, review.id, at)
        if left_out is None:
            summary = costs()
        elif (summary := left_out.load(cost_id, costs)) is None and cost_id in left_out.records:
            continue
        rows.append(
            {
                "review_id": review.id,  # for a page's link; not a column
                "reference": review.reference,
                "kind": str(review.kind),
                "status": str(review.status),
                **still_to_spend(
                    review.status,
                    # never commissioned: nothing agreed, which is not an agreed £0.00
                    agreed_cost_pence=review.agreed_cost_pence if review.commissions else None,
                    estimated_pence=summary.total_estimate if summary else None,
                ),
                "incurred_pence": summary.total_actual if summary else None,
            }
        )
    return rows


PAID_FROM_REGION = "paid_from_region_pence"  # the costs' last column (``registers.COSTS``)
# The regional money view cannot be read just now: its store away, or its tables not made yet
# (on a standby, the bookkeeping table itself may be missing).
POTS_UNREADABLE = (*UNAVAILABLE, MoneyViewNotBuilt, psycopg.errors.UndefinedTable)
POTS_UNREAD = Unread("Cannot be shown just now")
POTS_UNREAD_NOTE = (
    "Paid from the region's pots",
    "Not shown: the region's money figures could not be read when this file was made, so "
    "each review's cell says it cannot be shown, which is not that no pot paid. The other "
    "columns are complete. Download the file again in a few minutes.",
)


def with_pot_spend(
    rows: list[dict[str, Any]], views: ViewStore, region: str, wait: float | None = None
) -> list[dict[str, Any]]:
    """``review_costs``' rows with what the pots held for the region paid for each review
    (``paid_from_region_pence``; None where none did), read from the regional money view: the
    pot's money, not the partnership's, so no other column of the row counts it. While that
    view cannot be read, each cell says so (``POTS_UNREAD``): an empty one read as "nothing
    paid". ``wait``: ``ViewStore.reading``'s, so a download is not held by a store away."""
    try:
        spends = pot_spend_on_reviews(views, region, (row["review_id"] for row in rows), wait)
    except POTS_UNREADABLE as away:
        log.warning("pots' spend left out of a costs download: %s", type(away).__name__)
        return [{**row, PAID_FROM_REGION: POTS_UNREAD} for row in rows]
    return [{**row, PAID_FROM_REGION: paid_from_pots(spends, row["review_id"])} for row in rows]


def pots_unread(body: Any) -> list[tuple[str, str]]:
    """The costs file's note that what the pots paid could not be read, if it could not."""
    rows = body if isinstance(body, list) else []
    return [POTS_UNREAD_NOTE] if any(r.get(PAID_FROM_REGION) is POTS_UNREAD for r in rows) else []


def pot_spend_of(
    views: ViewStore, region: str, review: UUID, wait: float | None = None
) -> tuple[PotSpend, ...]:
    """What each pot held for the region has paid for one review (the case page's)."""
    return pot_spend_on_reviews(views, region, (review,), wait).get(review, ())


def costs_recorded(rows: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The reviews with an agreed cost or an estimate (``review_costs``' rows), as the Money
    page and the partnership's paper list them: a review never costed is not a £0 row."""
    return [
        r
        for r in rows
        if r["estimated_pence"] is not None
        or r.get("estimate_set_aside_pence") is not None
        or r["agreed_cost_pence"]
        or r.get("agreed_set_aside_pence")
    ]


def over_estimate(costs: Sequence[Mapping[str, Any]]) -> dict[Any, int]:
    """By review id, how far what was incurred has gone past what was estimated: the reviews a
    budget holder asks about first (national figures put a review at £17k-£28k)."""
    return {
        row["review_id"]: row["incurred_pence"] - row["estimated_pence"]
        for row in costs
        if row["estimated_pence"] and (row["incurred_pence"] or 0) > row["estimated_pence"]
    }


# Each figure of what a review is still to spend, and the key it moves to once the review is
# decommissioned (``still_to_spend``).
SET_ASIDE = {
    "agreed_cost_pence": "agreed_set_aside_pence",
    "estimated_pence": "estimate_set_aside_pence",
}


def still_to_spend(status: ReviewStatus, **figures: int | None) -> dict[str, int | None]:
    """A review's agreed cost and estimate (``SET_ASIDE``'s keys) as what the partnership still
    expects to spend on it, or, once the review is decommissioned, as set aside: it will spend
    nothing more, so no total of agreed or estimated costs counts them (what the review did
    incur still counts). Every total adds up these rows, so the Money page, the download's
    notes, its CSV's Total line and the board paper leave out the same figures."""
    decommissioned = status == ReviewStatus.DECOMMISSIONED
    counted = {key: None if decommissioned else pence for key, pence in figures.items()}
    aside = {SET_ASIDE[key]: pence if decommissioned else None for key, pence in figures.items()}
    return counted | aside


def judged_on(on: date | None, at: datetime | None) -> date:
    """The day a paper judges overdue and ending on: the one asked for, else the day it is
    read as recorded by (the board's day, UTC as "the end of a day" is), else today."""
    if on is not None:
        return on
    return at.astimezone(UTC).date() if at is not None else uk_today()


def commissioning_body(
    platform: Platform, region: str, on: date | None = None, at: datetime | None = None
) -> tuple[Table, dict[str, Any]]:
    """The region's joint commissioning as rows (bodies by the directory's names): each
    budget's years by area, each service's agreements, what each funder has paid, the
    tender's milestones; ``at``: as the ledger had recorded them by that instant."""
    platform.registry.region(region)
    with platform.region_ledgers.lease(region, writing=False) as ledger:
        return COMMISSIONING, commissioning_rows(ledger, on, at)


def commissioning_rows(
    ledger: RegionLedger, on: date | None = None, at: datetime | None = None
) -> dict[str, Any]:
    """Each budget's years by area, each agreement with who pays it, what each funder paid,
    each milestone (overdue judged ``on``) and each change of provider; ``at``: each record
    replayed to what was recorded by then, records opened later left out."""
    names = ledger.partners.names()
    budgets = ledger.commissioning.all(at)  # each read from the store: once
    areas = [
        {
            "budget": budget.name,
            "year": str(year.year),
            "area": names.get(line.area, line.area),
            "minimum": line.minimum,
            "allocated": line.allocated,
            "short_of_minimum": line.short_of_minimum,
        }
        for budget in budgets
        for year in (budget.year(y) for y in sorted(budget.values))
        for line in year.areas
    ]
    services = ledger.services.all(at)
    agreements = [
        {
            "service": service.name,
            "provider": names.get(service.provider, service.provider),
            "area": names.get(service.area, service.area),
            "agreement": a.reference,
            "starts_on": a.starts_on,
            "ends_on": a.ends_on,
            "annual_value": a.annual_value,
            "funders": [f"{names.get(f, f)} {pounds(p)}" for f, p in a.shares],
            # the shares themselves, in pence, for a board paper's whole pounds
            "shares": [(names.get(f, f), p) for f, p in a.shares],
            "extensions": [f"was to end {long_date(until)}: {why}" for until, why in a.extensions],
        }
        for service in services
        for a in sorted(service.agreements.values(), key=lambda a: a.starts_on)
    ]
    payments = [
        {"service": service.name, "funder": names.get(funder, funder), "paid": paid}
        for service in services
        for funder, paid in service.paid.items()
    ]
    today = judged_on(on, at)
    milestones = [
        {
            "service": service.name,
            "milestone": m.name,
            "due_on": m.due_on,
            "reached_on": m.reached_on,
            "overdue": m.reached_on is None and m.due_on < today,
        }
        for service in services
        for m in sorted(service.milestones.values(), key=lambda m: m.due_on)
    ]
    handovers = [  # not a table: the board paper says them in words
        {
            "service": service.name,
            "from": names.get(before, before),
            "to": names.get(after, after),
            "on": on_day,
        }
        for service in services
        for (before, _), (after, on_day) in pairwise(service.providers)
    ]
    return {
        "areas": areas,
        "agreements": agreements,
        "payments": payments,
        "milestones": milestones,
        "handovers": handovers,
        "budgets": len(budgets),
        "services": len(services),
    }


@dataclass(frozen=True)
class GroupPlanRead:
    """Which group's master plan, read how: overdue judged ``on`` (``judged_on``), as
    recorded by ``at`` (None: now). ``check`` is given the group's members before any
    member's ledger is read (a request's "may this user see it")."""

    region: str
    key: str
    check: Callable[[set[str]], None] | None = None
    on: date | None = None
    at: datetime | None = None


MemberLines = list[tuple[str, PlanLine, Partner | None]]


def group_plan_lines(
    platform: Platform, read: GroupPlanRead
) -> tuple[PartnershipGroup, PartnerDirectory, MemberLines, dict[str, int]]:
    """A group, the region's partner directory, every member's actions in its master plan
    (tenant, line, the directory's partner for its owner or None), and by member how many
    records it left out because they cannot be read: one member's never stops the plan.
    A member that has since moved to another region is read no more: its plan is that
    region's to see now."""
    platform.registry.region(read.region)
    day = judged_on(read.on, read.at)
    with platform.region_ledgers.lease(read.region, writing=False) as ledger:
        group = ledger.groups.get(read.key, read.at)
        here = ledger.region_tenants()
        members = [t for t in group.members if t in here]
        if read.check is not None:
            read.check(set(members))
        directory = ledger.partners.directory()
    lines: MemberLines = []
    left_out: dict[str, int] = {}
    for tenant in members:
        skipped = LeftOut(f"the master action plan of group {group.key}", tenant)
        with platform.ledgers.lease(tenant, writing=False) as member:
            lines += [
                (tenant, line, directory.resolve(line.owner))
                for line in member.plan.judged(day, read.at, skipped)
            ]
        if skipped.count:
            left_out[tenant] = skipped.count
    return group, directory, lines, left_out


def group_plan_body(
    platform: Platform, read: GroupPlanRead
) -> tuple[PartnershipGroup, dict[str, Any]]:
    """A group's master plan as rows (``GROUP_PLAN``): each member's actions with the
    partnership and the owner named, the group's own items with the owner named and the
    latest update, and (``left_out``) by partnership name how many records each member left
    out because they cannot be read."""
    group, directory, plan, left_out = group_plan_lines(platform, read)
    partnerships = {t.slug: t.name for t in platform.registry.tenants(read.region)}
    owners = directory.names
    lines = [
        {
            **asdict(line),
            "tenant": tenant,
            "partnership": partnerships.get(tenant, tenant),
            "owner_name": agency_label(directory, line.owner),
        }
        for tenant, line, _ in plan
    ]
    items = [
        {
            **asdict(item),
            "owner_name": owners.get(item.owner, item.owner),
            "last_update": item.updates[-1][1] if item.updates else "",
        }
        for item in group.items.values()
    ]
    owner = owners.get(group.owner, group.owner)
    return group, {
        "group": group.name,
        "owner_name": owner,
        "lines": lines,
        "items": items,
        "left_out": {partnerships.get(t, t): n for t, n in left_out.items()},
    }
