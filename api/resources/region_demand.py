"""Demand beside deaths: figures partners report per area and period (MARAC cases...), and
the regional view setting them beside the DHRs of each year."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_smorest import abort
from marshmallow import fields

from api.context import platform
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import command
from api.resources.reads import query
from api.resources.region_common import (
    apply_region,
    own_tenants,
    read_in_region,
    region_ledger,
)
from api.resources.views import shared_views
from api.schemas.common import Out
from api.schemas.region import (
    DemandIn,
)
from projections.queries.demand import deaths_by_year

blp = api_blueprint(
    "region-demand", "/regions/<region>", "Demand figures per area and period, beside the DHRs"
)


class FigureOut(Out):
    indicator, area = fields.String(), fields.String()
    period = fields.Function(lambda f: f.period.label)
    value = fields.Integer()
    recorded_on = fields.Date()


class DemandOut(Out):
    version = fields.Integer()
    figures = fields.Function(
        lambda d: FigureOut(many=True).dump(
            sorted(d.figures.values(), key=lambda f: (f.indicator, f.area, f.period))
        )
    )


@command(blp, "/demand", DemandIn, DemandOut, Permission.SHARED_RECORD)
def record_demand(data: dict[str, Any], region: str) -> Any:
    """Record a demand figure (MARAC cases, repeats, referrals) for an area and period:
    OPCC staff for any area, a partnership's officers and leads for their own."""
    if own_tenants() is not None and data["area"] not in areas_to_record(region):
        abort(
            403,
            message="A partnership records demand for its own area only; "
            "ask the OPCC to record figures for other areas.",
        )
    record, headers = apply_region(
        region,
        lambda lg: lg.demand.get(),
        lambda lg: lg.demand.record(**data),
    )
    return seen_by_user(region, record), headers


def seen_by_user(region: str, record: Any) -> Any:
    """The region's demand record as the user may read it: whole for regional roles, only their
    own area's figures for a partnership's people (with the record's version all the same, the
    ETag they record against)."""
    if own_tenants() is None:
        return record
    own = areas_to_record(region)  # a partnership reads no other area's figures
    figures = {k: f for k, f in record.figures.items() if f.area in own}
    return OwnFigures(record.version, figures)


@dataclass(frozen=True)
class OwnFigures:
    """What a partnership's people are answered after recording: their own area's figures
    (the region's record, which they cannot read, holds every area's)."""

    version: int
    figures: dict[Any, Any]


def areas_to_record(region: str) -> dict[str, str]:
    """The areas the user may record demand for, by key with their names: the region itself
    and every body of its directory for OPCC staff, a partnership's own area for its people."""
    mine = own_tenants()
    with region_ledger(region, writing=False) as ledger:
        directory = ledger.partners.directory()
    if mine is not None:
        return {p.key: p.name for t in mine if (p := directory.for_tenant(t))}
    whole = {region: platform().registry.region(region).name}
    return whole | directory.names


@query(blp, "/demand", DemandOut, Permission.SHARED_READ)
def demand(region: str) -> Any:
    """Demand figures by indicator, area and period, oldest first: the trend beside the DHRs.
    A partnership's people read their own area's, and the ETag to record figures with."""
    record, headers = read_in_region(region, lambda lg: lg.demand.get())
    return seen_by_user(region, record), headers


class TrendOut(Out):
    indicator, area, period = fields.String(), fields.String(), fields.String()
    value, recorded_on = fields.Integer(), fields.String()
    change = fields.Integer(
        allow_none=True, metadata={"description": "against the previous period of the same length"}
    )


class DeathsOut(Out):
    year = fields.String()
    notified, commenced = fields.Integer(), fields.Integer()


class DemandBesideDeathsOut(Out):
    region = fields.String()
    demand = fields.List(fields.Nested(TrendOut))
    dhrs_by_year = fields.List(fields.Nested(DeathsOut))


@query(blp, "/views/demand", DemandBesideDeathsOut, Permission.REGION_VIEW)
def demand_beside_deaths(region: str) -> Any:
    """Demand figures with their trend, beside the DHRs notified and commenced each year."""
    return beside_deaths(region)


def beside_deaths(region: str) -> dict[str, Any]:
    """The region's demand figures oldest first, each with its change on the previous period
    of the same length for that indicator and area, and the DHRs of each financial year."""
    with region_ledger(region, writing=False) as ledger:
        figures = sorted(
            ledger.demand.get().figures.values(), key=lambda f: (f.indicator, f.area, f.period)
        )
    trend: list[dict[str, Any]] = []
    previous: dict[tuple[str, str, bool], int] = {}
    for f in figures:
        key = (f.indicator, f.area, f.period.quarter is None)
        before = previous.get(key)
        trend.append(
            {**FigureOut().dump(f), "change": None if before is None else f.value - before}
        )
        previous[key] = f.value
    with shared_views() as views:
        deaths = deaths_by_year(views, region)
    return {"region": region, "demand": trend, "dhrs_by_year": deaths}
