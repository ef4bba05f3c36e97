"""The region's own ledger, for OPCC staff: partner directory, budget lines, decisions.

Grant decisions such as 036/2013 are the PCC's, so they live here rather than in a
partnership's ledger; allocations name a partnership from the directory.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import request
from flask_smorest import Blueprint

from api.concurrency import IDEMPOTENCY_DOC, etag_header, stored_version
from api.context import current_user, requires
from api.idempotency import create_once, fingerprint
from api.policy import Permission
from api.resources.commands import command
from api.resources.region_common import apply_region, region_ledger
from api.schemas.funding import (
    BudgetLineIn,
    BudgetLineOut,
    BudgetListingOut,
    BusinessCaseIn,
    GrantDecisionIn,
    GrantMoneyIn,
    VariationIn,
)
from api.schemas.region import DirectoryOut, NameMappingIn, PartnerEntryIn
from domain.funding import AmountLine

blp = Blueprint(
    "region-ledger",
    __name__,
    url_prefix="/api/v1/regions/<region>/ledger",
    description="A region's own ledger: partner directory, the OPCC's budget lines and decisions",
)
LINE = "/budget-lines/<uuid:line>"
WRITE = Permission.REGION_LEDGER_WRITE


@blp.route("/partners", methods=["GET"])
@blp.response(200, DirectoryOut)
@requires(Permission.SHARED_READ)
def directory(region: str) -> Any:
    """The region's partner bodies: its partnerships (by tenant slug) and others, by sector."""
    with region_ledger(region, writing=False) as ledger:
        found = ledger.directory()
        return found, etag_header(stored_version(found))


@command(blp, "/partners", PartnerEntryIn, DirectoryOut, WRITE)
def add_partner(data: dict[str, Any], region: str) -> Any:
    """Add a partner body; a partnership (sector csp) names its tenant slug."""
    return apply_region(
        region,
        lambda lg: lg.directory(),
        lambda lg: lg.add_partner(
            data["key"], data["name"], data["sector"], data["on"], data["tenant"]
        ),
    )


@command(blp, "/partner-names", NameMappingIn, DirectoryOut, WRITE)
def map_name(data: dict[str, Any], region: str) -> Any:
    """Record that a free-text name used before ('Police') stands for a directory entry."""
    return apply_region(
        region,
        lambda lg: lg.directory(),
        lambda lg: lg.map_partner_name(data["name"], data["partner"], data["on"]),
    )


@blp.route("/budgets", methods=["GET"])
@blp.response(200, BudgetListingOut(many=True))
@requires(Permission.REGION_LEDGER_READ)
def list_budgets(region: str) -> Any:
    """Every budget line and hosted pooled budget of the region."""
    with region_ledger(region, writing=False) as ledger:
        return list(ledger.list_budgets())


@blp.route("/budget-lines", methods=["POST"])
@blp.arguments(BudgetLineIn)
@blp.response(201, BudgetLineOut)
@blp.doc(parameters=[IDEMPOTENCY_DOC])
@requires(WRITE)
def open_budget_line(data: dict[str, Any], region: str) -> Any:
    """Open one of the OPCC's budget lines (e.g. Invest to Save 2013-14, up to £350,000)."""
    with region_ledger(region) as ledger:
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
@requires(Permission.REGION_LEDGER_READ)
def get_budget_line(region: str, line: UUID) -> Any:
    """One budget line with its business cases, decisions and allocations."""
    with region_ledger(region, writing=False) as ledger:
        found = ledger.get_budget_line(line)
        return found, etag_header(found.version)


def _on(region: str, line: UUID, act: Any) -> Any:
    return apply_region(region, lambda lg: lg.get_budget_line(line), act)


@command(blp, f"{LINE}/business-cases", BusinessCaseIn, BudgetLineOut, WRITE)
def submit_case(data: dict[str, Any], region: str, line: UUID) -> Any:
    """Submit a business case; its costed lines add up to the amount sought."""
    lines = [AmountLine(x["purpose"], x["pence"]) for x in data["lines"]]
    return _on(
        region,
        line,
        lambda lg: lg.submit_business_case(
            line, data["reference"], data["title"], data["submitted_by"], lines, data["on"]
        ),
    )


@command(blp, f"{LINE}/decisions", GrantDecisionIn, BudgetLineOut, WRITE)
def decide(data: dict[str, Any], region: str, line: UUID) -> Any:
    """Record a numbered decision of the PCC: amount approved, conditions, decision maker."""
    return _on(
        region,
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


@command(blp, f"{LINE}/decision-variations", VariationIn, BudgetLineOut, WRITE)
def vary(data: dict[str, Any], region: str, line: UUID) -> Any:
    """Vary a decision's approved amount (e.g. reconsidered after tendering)."""
    return _on(
        region,
        line,
        lambda lg: lg.vary_grant_decision(
            line, data["number"], data["approved"], data["on"], data["reason"]
        ),
    )


@command(blp, f"{LINE}/allocations", GrantMoneyIn, BudgetLineOut, WRITE)
def allocate(data: dict[str, Any], region: str, line: UUID) -> Any:
    """Allocate part of a decision to a partnership from the directory."""
    return _on(
        region,
        line,
        lambda lg: lg.allocate_grant(
            line, data["number"], data["tenant"], data["amount"], data["on"]
        ),
    )


@command(blp, f"{LINE}/payments", GrantMoneyIn, BudgetLineOut, WRITE)
def pay(data: dict[str, Any], region: str, line: UUID) -> Any:
    """Record a payment against an allocation."""
    return _on(
        region,
        line,
        lambda lg: lg.pay_grant(line, data["number"], data["tenant"], data["amount"], data["on"]),
    )
