"""The master action plan across every review of the partnership, now or as once recorded."""

from __future__ import annotations

from typing import Any

from api.context import tenant_ledger
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.reads import query, read
from api.schemas.actionplan import AsRecordedQueryIn, PlanLineOut, PlanQueryIn, SnapshotQueryIn

blp = api_blueprint(
    "action-plan",
    "/tenants/<tenant>/action-plan",
    "The master action plan, now or as once recorded",
)


@query(blp, "", PlanLineOut(many=True), args=PlanQueryIn)
def master_plan(args: dict[str, Any], tenant: str) -> Any:
    """Every action of every review, filtered by status, owner, theme, overdue, impact review.

    ``on`` shows the plan as it stood on a business day; ``as_recorded`` what was recorded
    by an instant (alone or with ``on``).
    """
    at = args.pop("as_recorded")
    with tenant_ledger(tenant, writing=False) as ledger:
        if at is not None:
            on = args.pop("on") or args.pop("as_of")
            return ledger.plan.as_recorded_at(at, on=on, **args)
        return ledger.plan.master(**args)


@query(blp, "/snapshot", PlanLineOut(many=True), Permission.HISTORY, args=SnapshotQueryIn)
def master_plan_snapshot(args: dict[str, Any], tenant: str) -> Any:
    """The plan exactly as recorded by the end of a past day: what the board saw."""
    return read(tenant, lambda ledger: ledger.plan.snapshot(args["on"]))


@query(blp, "/as-recorded", PlanLineOut(many=True), Permission.HISTORY, args=AsRecordedQueryIn)
def master_plan_as_recorded(args: dict[str, Any], tenant: str) -> Any:
    """The plan exactly as recorded at an instant, filtered; overdue judged on ``as_of``."""
    at, as_of = args.pop("at"), args.pop("as_of")
    at = args.pop("as_recorded") or at
    return read(tenant, lambda ledger: ledger.plan.as_recorded_at(at, as_of, **args))
