"""The region's own ledger, for OPCC staff: partner directory, budget lines, decisions.

Grant decisions such as 036/2013 are the PCC's, so they live here rather than in a
partnership's ledger; allocations name a partnership from the directory.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import command
from api.resources.grants import LINE_COMMANDS, LINE_RECORD
from api.resources.reads import query
from api.resources.region_common import (
    REGION_LEDGER,
    apply_region,
    read_in_region,
    region_ledger,
    serve_in_region,
)
from api.schemas.funding import BudgetListingOut
from api.schemas.region import DirectoryOut, NameMappingIn, PartnerEntryIn

blp = api_blueprint(
    "region-ledger",
    "/regions/<region>/ledger",
    "A region's own ledger: partner directory, the OPCC's budget lines and decisions",
)
WRITE, READ = REGION_LEDGER
PCC = {  # what the region's own ledger says otherwise than a partnership's
    "decide": "Record a numbered decision of the PCC: amount approved, conditions, decision maker.",
    "allocate": "Allocate part of a decision to a partnership from the directory.",
}
REGION_LINE = replace(
    LINE_RECORD,
    docs=(
        "Open one of the OPCC's budget lines (e.g. Invest to Save 2013-14, up to £350,000).",
        "One budget line with its business cases, decisions and allocations.",
    ),
)


@query(blp, "/partners", DirectoryOut, Permission.SHARED_READ)
def directory(region: str) -> Any:
    """The region's partner bodies: its partnerships (by tenant slug) and others, by sector."""
    return read_in_region(region, lambda ledger: ledger.partners.directory())


@command(blp, "/partners", PartnerEntryIn, DirectoryOut, WRITE)
def add_partner(data: dict[str, Any], region: str) -> Any:
    """Add a partner body; a partnership (sector csp) names its tenant slug."""
    return apply_region(
        region, lambda lg: lg.partners.directory(), lambda lg: lg.partners.add(**data)
    )


@command(blp, "/partner-names", NameMappingIn, DirectoryOut, WRITE)
def map_name(data: dict[str, Any], region: str) -> Any:
    """Record that a free-text name used before ('Police') stands for a directory entry."""
    return apply_region(
        region, lambda lg: lg.partners.directory(), lambda lg: lg.partners.map_name(**data)
    )


@query(blp, "/budgets", BudgetListingOut(many=True), READ)
def list_budgets(region: str) -> Any:
    """Every budget line and hosted pooled budget of the region."""
    with region_ledger(region, writing=False) as ledger:
        return list(ledger.funding.budgets())


REGION_LINE_COMMANDS = tuple(  # the OPCC neither withdraws cases nor claws back here;
    replace(c, doc=PCC.get(c.name, c.doc), permission=None)  # its staff correct their own
    for c in LINE_COMMANDS
    if c.name in ("submit_case", "decide", "vary", "allocate", "pay", "correct")
)
serve_in_region(blp, REGION_LINE, "line", (WRITE, READ), REGION_LINE_COMMANDS)
