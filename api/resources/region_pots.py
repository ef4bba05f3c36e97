"""Hosted pots: pooled budgets held by one body for many (Leicestershire & Rutland's DHR pot,
managed by the Safeguarding Boards' business office), recorded in the region's ledger.

OPCC staff record; every contributing partnership's officers and leads read the pot's
statement (cash and accruals), its forecast and its spend on their own reviews.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any
from uuid import UUID

from marshmallow import pre_dump

from api.context import platform
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import Command
from api.resources.pooled import POOL_RECORD
from api.resources.reads import query
from api.resources.region_common import may_see, own_tenants, region_ledger, serve_in_region
from api.schemas.corrections import CorrectionIn
from api.schemas.funding import BudgetListingOut
from api.schemas.pooled import (
    BroughtForwardIn,
    ContributionIn,
    NotDrawnDownIn,
    PartnerIn,
    PoolOut,
    ReceiptIn,
    YearCloseIn,
)
from api.schemas.region import PotSpendIn
from domain.funding import BudgetKind
from tenants.region_ledger import RegionLedger

blp = api_blueprint(
    "region-pots",
    "/regions/<region>/pooled-budgets",
    "Hosted pooled budgets in the region's ledger, readable by their contributors",
)
POT = "/<uuid:pool>"
WRITE, SHARED_READ = Permission.REGION_LEDGER_WRITE, Permission.SHARED_READ


def readers_reviews(reviews: Iterable[UUID | None]) -> set[UUID] | None:
    """Which of ``reviews`` the reader may see a pot's spend named by: a partnership's people
    their own partnerships' (each review looked up once); None for the region's people, who
    see every one."""
    mine = own_tenants()
    if mine is None:
        return None
    exists = platform().region_ledgers.review_exists
    return {r for r in set(reviews) if r is not None and any(exists(t, r) for t in mine)}


class HostedPoolOut(PoolOut):
    """A hosted pot as its reader may see it: a partnership's people see which of their own
    reviews a spend was for, and no other partnership's review (as ``/spend`` lists only
    theirs); the amounts stay, as the pot's statement counts them."""

    @pre_dump
    def _flatten(self, pool: Any, **kwargs: Any) -> dict[str, Any]:
        found = super()._flatten(pool, **kwargs)
        seen = readers_reviews(m["review_id"] for m in found["movements"])
        if seen is not None:
            for movement in found["movements"]:
                if movement["review_id"] not in seen:
                    movement["review_id"] = None
        return found


POT_RECORD = replace(
    POOL_RECORD,
    out=HostedPoolOut,
    names=("open_pot", "get_pot"),
    docs=(
        "Open a pot held by one body on behalf of several partners.",
        "One pot and its partners; its ETag guards every change to it.",
    ),
)


def readable(ledger: RegionLedger, pool: UUID) -> None:
    may_see(ledger.pooled.partner_tenants(pool))


@query(blp, "", BudgetListingOut(many=True), SHARED_READ)
def list_pots(region: str) -> Any:
    """The region's hosted pots; a partnership sees the ones it pays into."""
    mine = own_tenants()
    with region_ledger(region, writing=False) as ledger:
        pots = [b for b in ledger.funding.budgets() if b.kind == BudgetKind.POOLED_BUDGET]
        if mine is None:
            return pots
        return [p for p in pots if ledger.pooled.partner_tenants(p.budget_id) & mine]


POT_COMMANDS = (
    Command(
        "add_partner",
        f"{POT}/partners",
        PartnerIn,
        "pooled.add_partner",
        "Add a contributing partner, picked from the region's partner directory by key.",
    ),
    Command(
        "agree",
        f"{POT}/contributions",
        ContributionIn,
        "pooled.agree_contribution",
        "Agree a partner's contribution for a financial year.",
    ),
    Command(
        "receive",
        f"{POT}/receipts",
        ReceiptIn,
        "pooled.receive_contribution",
        "Record a contribution received (possibly early, for a later year).",
    ),
    Command(
        "not_draw_down",
        f"{POT}/not-drawn-down",
        NotDrawnDownIn,
        "pooled.not_draw_down",
        "Decide not to call (all or part of) a partner's contribution, or defer it.",
    ),
    Command(
        "bring_forward",
        f"{POT}/reserve-brought-forward",
        BroughtForwardIn,
        "pooled.bring_forward",
        "Onboard a pot that already held a reserve at the start of a year.",
    ),
    Command(
        "spend",
        f"{POT}/spend",
        PotSpendIn,
        "pooled.spend",
        "Spend against a planned allocation; for one DHR, name the partnership whose review it is.",
    ),
    Command(
        "close_year",
        f"{POT}/year-closure",
        YearCloseIn,
        "pooled.close_year",
        "Close a financial year; its closing reserve is carried forward.",
    ),
    Command(
        "correct",
        f"{POT}/corrections",
        CorrectionIn,
        "pooled.correct",
        "Correct a figure keyed wrong: a partner's agreed contribution for a year (field "
        "agreed.<partner>.<2016/17>), a receipt, spend or reserve brought in (field "
        "movement.<number>.amount, numbered as the pot lists them; refused (409) in a closed "
        "year until it is reopened) or a decision not to call a contribution (field "
        "not_drawn.<number>.amount, numbered as the pot lists them). The regional money views "
        "move it where the wrong one stood.",
    ),
)
serve_in_region(blp, POT_RECORD, "pool", (WRITE, SHARED_READ), POT_COMMANDS, readable)
