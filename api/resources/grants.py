"""PCC grants on a budget line: business cases, numbered decisions, allocations, payments."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import request
from flask_smorest import Blueprint

from api.concurrency import IDEMPOTENCY_DOC, etag_header
from api.context import current_user, requires, tenant_ledger
from api.idempotency import create_once, fingerprint
from api.policy import Permission
from api.resources.commands import apply, command
from api.schemas.funding import (
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
from domain.funding import AmountLine

blp = Blueprint(
    "grants",
    __name__,
    url_prefix="/api/v1/tenants/<tenant>/funding",
    description="Grants: budget lines, business cases, decisions, allocations, payments",
)
LINE = "/budget-lines/<uuid:line>"


def _on(tenant: str, line: UUID, act: Any) -> Any:
    return apply(tenant, lambda lg: lg.get_budget_line(line), act)


@blp.route("/budgets", methods=["GET"])
@blp.response(200, BudgetListingOut(many=True))
@requires(Permission.CASE_READ)
def list_budgets(tenant: str) -> Any:
    """Every budget line and pooled budget of the partnership."""
    with tenant_ledger(tenant, writing=False) as ledger:
        return list(ledger.list_budgets())


@blp.route("/budget-lines", methods=["POST"])
@blp.arguments(BudgetLineIn)
@blp.response(201, BudgetLineOut)
@blp.doc(parameters=[IDEMPOTENCY_DOC])
@requires(Permission.CASE_RECORD)
def open_budget_line(data: dict[str, Any], tenant: str) -> Any:
    """Open a budget line (e.g. an Invest to Save fund) with its ceiling for a financial year."""
    with tenant_ledger(tenant) as ledger:
        created, _ = create_once(
            ledger,
            "budget-lines",
            request.headers.get("Idempotency-Key"),
            fingerprint(str(current_user().id), data),
            "BudgetLine",
            lambda: ledger.open_budget_line(
                data["reference"],
                data["name"],
                data["owner"],
                data["financial_year"],
                data["ceiling"],
                data["on"],
            ),
        )
        line = ledger.get_budget_line(UUID(str(created)))
        return line, etag_header(line.version)


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
    lines = [AmountLine(x["purpose"], x["pence"]) for x in data["lines"]]
    return _on(
        tenant,
        line,
        lambda lg: lg.submit_business_case(
            line, data["reference"], data["title"], data["submitted_by"], lines, data["on"]
        ),
    )


@command(blp, f"{LINE}/business-case-withdrawals", WithdrawalIn, BudgetLineOut)
def withdraw_case(data: dict[str, Any], tenant: str, line: UUID) -> Any:
    """Withdraw a business case, with the reason."""
    return _on(
        tenant,
        line,
        lambda lg: lg.withdraw_business_case(line, data["reference"], data["on"], data["reason"]),
    )


@command(blp, f"{LINE}/decisions", GrantDecisionIn, BudgetLineOut)
def decide(data: dict[str, Any], tenant: str, line: UUID) -> Any:
    """Record a numbered grant decision: amount approved, conditions, decision maker."""
    return _on(
        tenant,
        line,
        lambda lg: lg.record_grant_decision(
            line,
            data["number"],
            data["on"],
            data["decision_maker"],
            data["approved"],
            data["case_reference"],
            data["conditions"],
        ),
    )


@command(blp, f"{LINE}/decision-variations", VariationIn, BudgetLineOut)
def vary(data: dict[str, Any], tenant: str, line: UUID) -> Any:
    """Vary a decision's approved amount (e.g. reconsidered after tendering)."""
    return _on(
        tenant,
        line,
        lambda lg: lg.vary_grant_decision(
            line, data["number"], data["approved"], data["on"], data["reason"]
        ),
    )


@command(blp, f"{LINE}/allocations", GrantMoneyIn, BudgetLineOut)
def allocate(data: dict[str, Any], tenant: str, line: UUID) -> Any:
    """Allocate part of a decision to a receiving partnership."""
    return _on(
        tenant,
        line,
        lambda lg: lg.allocate_grant(
            line, data["number"], data["tenant"], data["amount"], data["on"]
        ),
    )


@command(blp, f"{LINE}/payments", GrantMoneyIn, BudgetLineOut)
def pay(data: dict[str, Any], tenant: str, line: UUID) -> Any:
    """Record a payment against an allocation."""
    return _on(
        tenant,
        line,
        lambda lg: lg.pay_grant(line, data["number"], data["tenant"], data["amount"], data["on"]),
    )


@command(blp, f"{LINE}/clawbacks", ClawbackIn, BudgetLineOut)
def claw_back(data: dict[str, Any], tenant: str, line: UUID) -> Any:
    """Claw back unspent money, with the reason."""
    return _on(
        tenant,
        line,
        lambda lg: lg.claw_back_grant(
            line, data["number"], data["tenant"], data["amount"], data["on"], data["reason"]
        ),
    )
