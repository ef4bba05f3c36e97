"""Joint commissioning budgets in the region's ledger, with a minimum spend per area that
every allocation must leave reachable (Staffordshire and Stoke-on-Trent: £600,000 county,
£421,000 city, of at least £1,836,000 a year)."""

from __future__ import annotations

from api.resources.blueprints import api_blueprint
from api.resources.commands import Command
from api.resources.records import Record
from api.resources.region_common import REGION_LEDGER, serve_in_region
from api.schemas.corrections import CorrectionIn
from api.schemas.region import (
    CommissioningAllocationIn,
    CommissioningIn,
    CommissioningOut,
    CommissioningYearIn,
)

blp = api_blueprint(
    "region-commissioning",
    "/regions/<region>",
    "Commissioning budgets with minimum spends per area",
)
BUDGET = "/commissioning-budgets/<reference>"


BUDGET_RECORD = Record(
    "/commissioning-budgets",
    BUDGET,
    CommissioningIn,
    CommissioningOut,
    "commissioning.open",
    "commissioning.get",
    ("open_budget", "get_budget"),
    (
        "Open a joint commissioning budget with its lead commissioner (a directory partner).",
        "A commissioning budget: each year's value, minimum spend and allocations per area.",
    ),
    listing=(
        "list_budgets",
        "commissioning.all",
        "Every commissioning budget of the region, in the order opened.",
    ),
)
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
    Command(
        "correct",
        f"{BUDGET}/corrections",
        CorrectionIn,
        "commissioning.correct",
        "Correct a figure keyed wrong: value.<year>, minimum.<area>.<year>, "
        "allocation.<year>.<number>.amount or allocation.<year>.<number>.area (allocations "
        "numbered from 1 in each year's order, as listed). Refused (409) if any area could then "
        "not reach its minimum; the history keeps both figures and the reason.",
    ),
)
serve_in_region(blp, BUDGET_RECORD, "reference", REGION_LEDGER, BUDGET_COMMANDS)
