"""PCC grants on a budget line: business cases, numbered decisions, allocations, payments."""

from __future__ import annotations

from typing import Any

from api.context import platform, tenant_ledger
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import Command, on_tenant, register
from api.resources.reads import query, read
from api.resources.records import Record, serve
from api.resources.region_common import region_ledger
from api.schemas.corrections import CorrectionIn
from api.schemas.funding import (
    ALLOCATED,
    PAID,
    BudgetLineIn,
    BudgetLineOut,
    BudgetListingOut,
    BusinessCaseIn,
    ClawbackIn,
    GrantDecisionIn,
    GrantMoneyIn,
    VariationIn,
    WithdrawalIn,
)
from api.schemas.region import OwnAreaOut
from tenants.region_ledger.own_area import own_area

blp = api_blueprint(
    "grants",
    "/tenants/<tenant>/funding",
    "Grants: budget lines, business cases, decisions, allocations, payments",
)
LINE = "/budget-lines/<uuid:line>"
LINE_RECORD = Record(
    "/budget-lines",
    LINE,
    BudgetLineIn(),
    BudgetLineOut,
    "funding.open_line",
    "funding.line",
    ("open_budget_line", "get_budget_line"),
    (
        "Open a budget line (e.g. an Invest to Save fund) with its ceiling for a financial year.",
        "One budget line with its cases, decisions and allocations; its ETag guards commands.",
    ),
    once=("budget-lines", "BudgetLine"),
)
CASE_RECORD, CASE_READ = Permission.CASE_RECORD, Permission.CASE_READ


_on = on_tenant("funding.line")


@query(blp, "/budgets", BudgetListingOut(many=True))
def list_budgets(tenant: str) -> Any:
    """Every budget line and pooled budget of the partnership."""
    return read(tenant, lambda ledger: list(ledger.funding.budgets()))


serve(blp, LINE_RECORD, tenant_ledger, ("tenant", "line"), (CASE_RECORD, CASE_READ))


@query(blp, "/from-region", OwnAreaOut)
def from_region(tenant: str) -> Any:
    """What the region's ledger holds for the partnership's own area: grants allocated to it
    under the Commissioner's decisions (with what was paid), each joint commissioning budget's
    minimum spend there beside what is allocated, and the services bought for it. Another
    area's figures are not read out."""
    region = platform().registry.tenant(tenant).region
    with region_ledger(region, writing=False) as ledger:
        return own_area(ledger, tenant)


LINE_COMMANDS = (
    Command(
        "submit_case",
        f"{LINE}/business-cases",
        BusinessCaseIn,
        "funding.submit_business_case",
        "Submit a business case; its costed lines add up to the amount sought.",
    ),
    Command(
        "withdraw_case",
        f"{LINE}/business-case-withdrawals",
        WithdrawalIn,
        "funding.withdraw_business_case",
        "Withdraw a business case, with the reason.",
    ),
    Command(
        "decide",
        f"{LINE}/decisions",
        GrantDecisionIn,
        "funding.decide",
        "Record a numbered grant decision: amount approved, conditions, decision maker.",
    ),
    Command(
        "vary",
        f"{LINE}/decision-variations",
        VariationIn,
        "funding.vary_decision",
        "Vary a decision's approved amount (e.g. reconsidered after tendering).",
    ),
    Command(
        "allocate",
        f"{LINE}/allocations",
        GrantMoneyIn(rename=ALLOCATED),
        "funding.allocate",
        "Allocate part of a decision to a receiving partnership.",
    ),
    Command(
        "pay",
        f"{LINE}/payments",
        GrantMoneyIn(rename=PAID),
        "funding.pay",
        "Record a payment against an allocation.",
    ),
    Command(
        "claw_back",
        f"{LINE}/clawbacks",
        ClawbackIn,
        "funding.claw_back",
        "Claw back unspent money, with the reason.",
    ),
    Command(
        "correct",
        f"{LINE}/corrections",
        CorrectionIn,
        "funding.correct",
        "Correct an allocation, payment or clawback keyed wrong (field allocation.<n>.amount, "
        "payment.<n>.amount or clawback.<n>.amount, each numbered from 1 as the line lists "
        "them), held to the rules "
        "that recorded it; the money views move it on the day it was recorded.",
        Permission.CORRECT,  # a partnership's lead, as for every correction of its records
    ),
)
register(blp, BudgetLineOut, _on, ("tenant", "line"), CASE_RECORD, LINE_COMMANDS)
