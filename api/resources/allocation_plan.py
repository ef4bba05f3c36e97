"""A pooled budget's allocation plan: money earmarked per year and purpose, and variations.

The plan is its own aggregate beside the pool (planning moves no money), so it has its own
ETag: planning or varying an allocation needs the plan's ETag, not the pool's, and leaves
the pool's unchanged. GET the plan for its ETag.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from api.concurrency import etag_header, stored_version
from api.context import tenant_ledger
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import Command, on_tenant, register
from api.resources.pooled import POOL
from api.resources.reads import query
from api.schemas.allocation_plan import PlannedIn, PlanOut, VariationDecisionIn, VariationRequestIn

blp = api_blueprint(
    "allocation-plans",
    f"/tenants/<tenant>/funding/pooled-budgets{POOL}/allocation-plan",
    "Pooled DHR budgets: planned allocations and their variations",
)


on_plan = on_tenant("pooled.allocation_plan")


@query(blp, "", PlanOut)
def plan(tenant: str, pool: UUID) -> Any:
    """Planned allocations by year and key, and variation requests awaiting a decision."""
    with tenant_ledger(tenant, writing=False) as ledger:
        found = ledger.pooled.allocation_plan(pool)
        return found, etag_header(stored_version(found))


PLAN_COMMANDS = (
    Command(
        "plan_allocation",
        "/allocations",
        PlannedIn,
        "pooled.plan_allocation",
        "Plan an allocation for a year: an amount, or per DHR × expected DHRs.",
    ),
    Command(
        "request_variation",
        "/variation-requests",
        VariationRequestIn,
        "pooled.request_variation",
        "Ask to change a planned allocation (e.g. £40,500 → £42,089); the shortfall is worked out.",
    ),
    Command(
        "decide_variation",
        "/variation-decisions",
        VariationDecisionIn,
        "pooled.decide_variation",
        "Approve or refuse the variation awaiting a decision; approval changes the allocation.",
        Permission.CASE_SIGN_OFF,
    ),
)
register(blp, PlanOut, on_plan, ("tenant", "pool"), Permission.CASE_RECORD, PLAN_COMMANDS)
