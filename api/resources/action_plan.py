"""The master action plan across every review of the partnership, now or as once recorded.

Each line carries ``owner_name`` beside the recorded ``owner`` (the region's directory's name
for a key), so the plan's CSV and XLSX name owners as the pages and papers do. ``owner=``
finds an owner as recorded, and the actions of the body a name, key or alias stands for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, TypeVar

from marshmallow import Schema

from api.agency_names import directory_for, owner_asked, with_owner_names
from api.context import platform, tenant_ledger
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.reads import query, read
from api.schemas.actionplan import AsRecordedQueryIn, PlanLineOut, PlanQueryIn, SnapshotQueryIn
from api.tables.notes import unreadable_header
from domain.actionplan import PlanLine
from domain.region.agencies import agency_label
from tenants.unreadable import LeftOut

F = TypeVar("F", bound=Callable[..., Any])
blp = api_blueprint(
    "action-plan",
    "/tenants/<tenant>/action-plan",
    "The master action plan, now or as once recorded",
)


def _named(
    tenant: str, lines: Iterable[PlanLine], owner: str | None = None
) -> list[dict[str, Any]]:
    """The lines with their owners' names, narrowed to ``owner`` (``owner_asked``) if asked."""
    directory = directory_for(platform(), tenant)
    admits = owner_asked(directory, owner) if owner is not None else lambda _: True
    names = partial(agency_label, directory)
    return with_owner_names((line for line in lines if admits(line.owner)), names)


@query(blp, "", PlanLineOut(many=True), args=PlanQueryIn, leaves_out=True)
def master_plan(args: dict[str, Any], tenant: str) -> Any:
    """Every action of every review, filtered by status, owner, theme, overdue, impact review.

    ``on`` shows the plan as it stood on a business day; ``as_recorded`` what was recorded
    by an instant (alone or with ``on``).
    """
    at, owner = args.pop("as_recorded"), args.pop("owner")
    left_out = LeftOut("the API's master action plan", tenant)
    with tenant_ledger(tenant, writing=False) as ledger:
        if at is not None:
            on = args.pop("on") or args.pop("as_of")
            lines = ledger.plan.as_recorded_at(at, on=on, left_out=left_out, **args)
        else:
            lines = ledger.plan.master(left_out=left_out, **args)
    return _named(tenant, lines, owner), unreadable_header(left_out.count)


def _past_plan(path: str, args: type[Schema]) -> Callable[[F], F]:
    """A read of the plan as it was once recorded: its lines, for those who may read the
    ledger's history."""
    return query(blp, path, PlanLineOut(many=True), Permission.HISTORY, args=args, leaves_out=True)


@_past_plan("/snapshot", SnapshotQueryIn)
def master_plan_snapshot(args: dict[str, Any], tenant: str) -> Any:
    """The plan exactly as recorded by the end of a past day: what the board saw."""
    left_out = LeftOut("the API's plan snapshot", tenant)
    lines = read(tenant, lambda ledger: ledger.plan.snapshot(args["on"], left_out=left_out))
    return _named(tenant, lines), unreadable_header(left_out.count)


@_past_plan("/as-recorded", AsRecordedQueryIn)
def master_plan_as_recorded(args: dict[str, Any], tenant: str) -> Any:
    """The plan exactly as recorded at an instant, filtered; overdue judged on ``as_of``."""
    at, as_of, owner = args.pop("at"), args.pop("as_of"), args.pop("owner")
    at = args.pop("as_recorded") or at
    left_out = LeftOut("the API's plan as recorded", tenant)
    lines = read(
        tenant, lambda ledger: ledger.plan.as_recorded_at(at, as_of, left_out=left_out, **args)
    )
    return _named(tenant, lines, owner), unreadable_header(left_out.count)
