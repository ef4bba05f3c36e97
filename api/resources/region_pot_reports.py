"""A hosted pot's plan and reports: what its money is planned for, its statement on both
bases, its forecast and its spend, for OPCC staff and every partnership that pays in."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from api.concurrency import etag_header, stored_version
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import Command, register
from api.resources.reads import query
from api.resources.region_common import on_region, region_ledger
from api.resources.region_pots import POT, WRITE, readable, readers_reviews
from api.schemas.allocation_plan import PlannedIn, PlanOut, VariationDecisionIn, VariationRequestIn
from api.schemas.pooled import (
    BothBasesOut,
    ForecastIn,
    ForecastOut,
    YearIn,
)
from api.schemas.region import PotSpendOut
from domain.funding.pooled_values import MovementKind

blp = api_blueprint(
    "region-pot-reports",
    "/regions/<region>/pooled-budgets",
    "Hosted pots: allocation plans, statements, forecasts, spend",
)


_on_plan = on_region("pooled.allocation_plan")


@query(blp, f"{POT}/allocation-plan", PlanOut, Permission.SHARED_READ)
def plan(region: str, pool: UUID) -> Any:
    """What the pot's money is planned for, year by year, and variations awaiting a decision."""
    with region_ledger(region, writing=False) as ledger:
        readable(ledger, pool)
        found = ledger.pooled.allocation_plan(pool)
        return found, etag_header(stored_version(found))


PLAN_COMMANDS = (
    Command(
        "plan_allocation",
        f"{POT}/allocation-plan/allocations",
        PlannedIn,
        "pooled.plan_allocation",
        "Plan an allocation for a year: an amount, or per DHR × expected DHRs.",
    ),
    Command(
        "request_variation",
        f"{POT}/allocation-plan/variation-requests",
        VariationRequestIn,
        "pooled.request_variation",
        "Ask to change a planned allocation (e.g. £40,500 → £42,089).",
    ),
    Command(
        "decide_variation",
        f"{POT}/allocation-plan/variation-decisions",
        VariationDecisionIn,
        "pooled.decide_variation",
        "Approve or refuse the variation awaiting a decision.",
    ),
)
register(blp, PlanOut, _on_plan, ("region", "pool"), WRITE, PLAN_COMMANDS)


@query(blp, f"{POT}/statement", BothBasesOut, Permission.SHARED_READ, args=YearIn)
def statement(args: dict[str, Any], region: str, pool: UUID) -> Any:
    """The year on the cash basis, with the accruals basis (amounts due per partner) beside it."""
    with region_ledger(region, writing=False) as ledger:
        readable(ledger, pool)
        return ledger.pooled.statement_both_bases(pool, **args)


@query(blp, f"{POT}/forecast", ForecastOut, Permission.SHARED_READ, args=ForecastIn)
def forecast(args: dict[str, Any], region: str, pool: UUID) -> Any:
    """What a year costs at ?dhrs=2.5&cost_per_dhr=850000, and each partner's share."""
    with region_ledger(region, writing=False) as ledger:
        readable(ledger, pool)
        return ledger.pooled.forecast(pool, **args)


@query(blp, f"{POT}/spend", PotSpendOut(many=True), Permission.SHARED_READ)
def list_spend(region: str, pool: UUID) -> Any:
    """Money out of the pot; a partnership sees only the spend on its own reviews."""
    with region_ledger(region, writing=False) as ledger:
        readable(ledger, pool)
        spent = [m for m in ledger.pooled.get(pool).movements if m.kind is MovementKind.SPEND]
    seen = readers_reviews(m.review_id for m in spent)
    return spent if seen is None else [m for m in spent if m.review_id in seen]
