"""PCC grants on a budget line: business cases, numbered decisions, allocations, payments."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask_smorest import Blueprint

from api.context import tenant_ledger
from api.policy import Permission
from api.resources.commands import Command, created_once, creation, on_tenant, register
from api.resources.reads import query, read, read_one
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

blp = Blueprint(
    "grants",
    __name__,
    url_prefix="/api/v1/tenants/<tenant>/funding",
    description="Grants: budget lines, business cases, decisions, allocations, payments",
)
LINE = "/budget-lines/<uuid:line>"
LINE_IN = BudgetLineIn()


_on = on_tenant("funding.line")


@query(blp, "/budgets", BudgetListingOut(many=True))
def list_budgets(tenant: str) -> Any:
    """Every budget line and pooled budget of the partnership."""
    return read(tenant, lambda ledger: list(ledger.funding.budgets()))


@creation(blp, "/budget-lines", LINE_IN, BudgetLineOut)
def open_budget_line(data: dict[str, Any], tenant: str) -> Any:
    """Open a budget line (e.g. an Invest to Save fund) with its ceiling for a financial year."""
    with tenant_ledger(tenant) as ledger:
        return created_once(
            ledger,
            "budget-lines",
            "BudgetLine",
            LINE_IN,
            data,
            ledger.funding.open_line,
            ledger.funding.line,
        )


@query(blp, LINE, BudgetLineOut)
def get_budget_line(tenant: str, line: UUID) -> Any:
    """One budget line with its cases, decisions and allocations; its ETag guards commands."""
    return read_one(tenant, lambda ledger: ledger.funding.line(line))


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
)
register(blp, BudgetLineOut, _on, ("tenant", "line"), Permission.CASE_RECORD, LINE_COMMANDS)
