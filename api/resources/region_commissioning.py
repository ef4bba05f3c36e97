"""Joint commissioning budgets in the region's ledger, with a minimum spend per area that
every allocation must leave reachable (Staffordshire and Stoke-on-Trent: £600,000 county,
£421,000 city, of at least £1,836,000 a year)."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint

from api.policy import Permission
from api.resources.commands import Command, command, register
from api.resources.reads import query
from api.resources.region_common import (
    create_in_region,
    on_region,
    read_in_region,
)
from api.schemas.region import (
    CommissioningAllocationIn,
    CommissioningIn,
    CommissioningOut,
    CommissioningYearIn,
)

blp = Blueprint(
    "region-commissioning",
    __name__,
    url_prefix="/api/v1/regions/<region>",
    description="Commissioning budgets with minimum spends per area",
)
WRITE, READ = Permission.REGION_LEDGER_WRITE, Permission.REGION_LEDGER_READ
BUDGET = "/commissioning-budgets/<reference>"


@command(blp, "/commissioning-budgets", CommissioningIn, CommissioningOut, WRITE, 201)
def open_budget(data: dict[str, Any], region: str) -> Any:
    """Open a joint commissioning budget with its lead commissioner (a directory partner)."""
    return create_in_region(region, lambda lg: lg.commissioning.open(**data))


@query(blp, BUDGET, CommissioningOut, READ)
def get_budget(region: str, reference: str) -> Any:
    """A commissioning budget: each year's value, minimum spend and allocations per area."""
    return read_in_region(region, lambda lg: lg.commissioning.get(reference))


_on_budget = on_region("commissioning.get")


BUDGET_COMMANDS = (
    Command(
        "budget_year",
        f"{BUDGET}/years",
        CommissioningYearIn,
        "commissioning.budget_year",
        "Set a year's value and the minimum spend per area.",
    ),
    Command(
        "allocate",
        f"{BUDGET}/allocations",
        CommissioningAllocationIn,
        "commissioning.allocate",
        "Allocate to an area; refused (409) if any area could then not reach its minimum.",
    ),
)
register(blp, CommissioningOut, _on_budget, ("region", "reference"), WRITE, BUDGET_COMMANDS)
