"""PCC grants on a budget line: business cases, numbered decisions, allocations, payments."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask_smorest import Blueprint

from api.concurrency import etag_header
from api.context import requires, tenant_ledger
from api.policy import Permission
from api.resources.commands import apply, command, created_once, creation
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


def _on(tenant: str, line: UUID, act: Any) -> Any:
    return apply(tenant, lambda lg: lg.get_budget_line(line), act)


@blp.route("/budgets", methods=["GET"])
@blp.response(200, BudgetListingOut(many=True))
@requires(Permission.CASE_READ)
def list_budgets(tenant: str) -> Any:
    """Every budget line and pooled budget of the partnership."""
    with tenant_ledger(tenant, writing=False) as ledger:
        return list(ledger.list_budgets())


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
            ledger.open_budget_line,
            ledger.get_budget_line,
        )


@blp.route(LINE, methods=["GET"])
@blp.response(200, BudgetLineOut)
@requires(Permission.CASE_READ)
def get_budget_line(tenant: str, line: UUID) -> Any:
    """One budget line with its cases, decisions and allocations; its ETag guards commands."""
    with tenant_ledger(tenant, writing=False) as ledger:
        found = ledger.get_budget_line(line)
        return found, etag_header(found.version)


@command(blp, f"{LINE}/business-cases", BusinessCaseIn, BudgetLineOut)
def submit_case(data: dict[str, Any], tenant: str, line: UUID) -> Any:
    """Submit a business case; its costed lines add up to the amount sought."""
    return _on(tenant, line, lambda lg: lg.submit_business_case(line, **data))


@command(blp, f"{LINE}/business-case-withdrawals", WithdrawalIn, BudgetLineOut)
def withdraw_case(data: dict[str, Any], tenant: str, line: UUID) -> Any:
    """Withdraw a business case, with the reason."""
    return _on(tenant, line, lambda lg: lg.withdraw_business_case(line, **data))


@command(blp, f"{LINE}/decisions", GrantDecisionIn, BudgetLineOut)
def decide(data: dict[str, Any], tenant: str, line: UUID) -> Any:
    """Record a numbered grant decision: amount approved, conditions, decision maker."""
    return _on(tenant, line, lambda lg: lg.record_grant_decision(line, **data))


@command(blp, f"{LINE}/decision-variations", VariationIn, BudgetLineOut)
def vary(data: dict[str, Any], tenant: str, line: UUID) -> Any:
    """Vary a decision's approved amount (e.g. reconsidered after tendering)."""
    return _on(tenant, line, lambda lg: lg.vary_grant_decision(line, **data))


@command(blp, f"{LINE}/allocations", GrantMoneyIn(rename=ALLOCATED), BudgetLineOut)
def allocate(data: dict[str, Any], tenant: str, line: UUID) -> Any:
    """Allocate part of a decision to a receiving partnership."""
    return _on(tenant, line, lambda lg: lg.allocate_grant(line, **data))


@command(blp, f"{LINE}/payments", GrantMoneyIn(rename=PAID), BudgetLineOut)
def pay(data: dict[str, Any], tenant: str, line: UUID) -> Any:
    """Record a payment against an allocation."""
    return _on(tenant, line, lambda lg: lg.pay_grant(line, **data))


@command(blp, f"{LINE}/clawbacks", ClawbackIn, BudgetLineOut)
def claw_back(data: dict[str, Any], tenant: str, line: UUID) -> Any:
    """Claw back unspent money, with the reason."""
    return _on(tenant, line, lambda lg: lg.claw_back_grant(line, **data))
