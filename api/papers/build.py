"""Each board paper from a platform, shared by ``ledger report`` and the HTTP reports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Unpack
from uuid import UUID

from api.agency_names import agency_names_in
from api.papers.action_plan import PlanAsk, action_plan_paper
from api.papers.learning import repeats_part
from api.papers.money import PooledAsk, pooled_paper
from api.papers.paper import MeetingArgs, Paper
from api.papers.partnership import PartnershipAsk, partnership_paper
from api.papers.regional import RegionalAsk, regional_paper
from domain.funding import PooledBudget
from domain.learning.repeats import DEFAULT_THRESHOLD, DEFAULT_WITHIN_YEARS
from domain.themes import DEFAULT_THEMES
from projections.port import ViewStore
from tenants.learning.corpus import RecommendationCorpus
from tenants.learning.regional import region_learning
from tenants.platform import Platform
from tenants.theme_names import region_theme_names


def regional(
    platform: Platform,
    views: ViewStore,
    region: str,
    until: date,
    *,
    since: date | None = None,
    meeting: str = "",
    meeting_date: date | None = None,
    contact: str = "",
    today: date | None = None,
    corpus: RecommendationCorpus | None = None,
    recorded_by: datetime | None = None,
) -> Paper:
    """``corpus``: the app's cache of the partnerships' recommendations (a fresh one reads them).
    ``recorded_by``: ``views`` are as recorded by then (``projections.asof``), and so are the
    recommendations the repeats part reads."""
    info = platform.registry.region(region)
    labels = tuple(region_theme_names(platform, region).items())
    ask = RegionalAsk(
        region,
        info.name,
        until,
        since,
        theme_labels=labels,
        meeting=meeting,
        meeting_date=meeting_date,
        contact=contact,
        recorded_by=recorded_by,
    )
    learning = region_learning(
        corpus or RecommendationCorpus(platform),
        region,
        DEFAULT_THRESHOLD,
        DEFAULT_WITHIN_YEARS,
        recorded_by,
    )
    words = {t.code: t.label for t in DEFAULT_THEMES} | dict(labels)
    repeats = repeats_part(learning, words, DEFAULT_WITHIN_YEARS, DEFAULT_THRESHOLD)
    return regional_paper(views, ask, today, repeats)


def pooled(
    platform: Platform,
    owner: str,
    budget: str,
    year: str,
    *,
    in_region: bool = False,
    check: Callable[[set[str]], None] | None = None,
    expected_dhrs: str = "3",
    cost_per_dhr: int | None = None,
    recorded_by: datetime | None = None,
    **meeting: Unpack[MeetingArgs],
) -> Paper:
    """A pot's statement: ``owner`` is the partnership whose ledger holds it, or (``in_region``)
    the region whose ledger hosts it, when ``check`` is given the partnerships that pay in
    before anything else is read (a request's "may this user see it"). ``budget`` is the pot's
    reference (e.g. llr-dhr) or its id; ``recorded_by``: the pot as recorded by then."""
    pool = _pool_id(budget)
    ask = PooledAsk(
        owner, pool, year, expected_dhrs, cost_per_dhr, recorded_by=recorded_by, **meeting
    )
    if not in_region:
        with platform.ledgers.lease(owner, writing=False) as ledger:
            return pooled_paper(ledger, ask)
    platform.registry.region(owner)
    with platform.region_ledgers.lease(owner, writing=False) as region:
        if check is not None:
            check(region.pooled.partner_tenants(pool))
        return pooled_paper(region, ask)


def action_plan(
    platform: Platform,
    tenant: str,
    on: date,
    recorded_by: datetime | None = None,
    **meeting: Unpack[MeetingArgs],
) -> Paper:
    """``recorded_by``: the plan as the ledger had recorded it by then (None: now)."""
    name = platform.registry.tenant(tenant).name
    agencies = agency_names_in(platform, tenant)
    with platform.ledgers.lease(tenant, writing=False) as ledger:
        return action_plan_paper(
            ledger, PlanAsk(tenant, name, on, recorded_by=recorded_by, **meeting), agencies
        )


def partnership(
    platform: Platform,
    tenant: str,
    on: date,
    recorded_by: datetime | None = None,
    **meeting: Unpack[MeetingArgs],
) -> Paper:
    """The partnership's own DHR paper for its board: its reviews, plan and costs at ``on``;
    ``recorded_by``: as the ledger had recorded them by then (None: now)."""
    name = platform.registry.tenant(tenant).name
    agencies = agency_names_in(platform, tenant)
    ask = PartnershipAsk(tenant, name, on, recorded_by=recorded_by, **meeting)
    with platform.ledgers.lease(tenant, writing=False) as ledger:
        return partnership_paper(ledger, ask, agencies)


def _pool_id(budget: str) -> UUID:
    try:
        return UUID(budget)
    except ValueError:
        return PooledBudget.create_id(budget)
