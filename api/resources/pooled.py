"""Pooled DHR budgets (e.g. Leicestershire & Rutland): who pays in, what is planned and spent."""

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
from api.schemas.pooled import (
    ContributionIn,
    ForecastIn,
    ForecastOut,
    PartnerIn,
    PlannedIn,
    PoolIn,
    PoolOut,
    ReceiptIn,
    SpendIn,
    StatementOut,
    YearIn,
)

blp = Blueprint(
    "pooled-budgets",
    __name__,
    url_prefix="/api/v1/tenants/<tenant>/funding/pooled-budgets",
    description="Pooled DHR budgets: contributions, allocations, spend, statements",
)
POOL = "/<uuid:pool>"


def _on(tenant: str, pool: UUID, act: Any) -> Any:
    """Every change to the pool (or its plan) is guarded by the pool's ETag."""
    return apply(tenant, lambda lg: lg.get_pooled_budget(pool), act)


@blp.route("", methods=["POST"])
@blp.arguments(PoolIn)
@blp.response(201, PoolOut)
@blp.doc(parameters=[IDEMPOTENCY_DOC])
@requires(Permission.CASE_RECORD)
def open_pool(data: dict[str, Any], tenant: str) -> Any:
    """Open a pooled budget managed for several partners."""
    with tenant_ledger(tenant) as ledger:
        created, _ = create_once(
            ledger,
            "pooled-budgets",
            request.headers.get("Idempotency-Key"),
            fingerprint(str(current_user().id), data),
            "PooledBudget",
            lambda: ledger.open_pooled_budget(
                data["reference"], data["name"], data["manager"], data["on"]
            ),
        )
        pool = ledger.get_pooled_budget(UUID(str(created)))
        return pool, etag_header(pool.version)


@blp.route(POOL, methods=["GET"])
@blp.response(200, PoolOut)
@requires(Permission.CASE_READ)
def get_pool(tenant: str, pool: UUID) -> Any:
    """One pooled budget and its partners; its ETag guards every change to it."""
    with tenant_ledger(tenant, writing=False) as ledger:
        found = ledger.get_pooled_budget(pool)
        return found, etag_header(found.version)


@command(blp, f"{POOL}/partners", PartnerIn, PoolOut)
def add_partner(data: dict[str, Any], tenant: str, pool: UUID) -> Any:
    """Add a contributing partner."""
    return _on(
        tenant,
        pool,
        lambda lg: lg.add_pool_partner(pool, data["partner"], data["name"], data["on"]),
    )


@command(blp, f"{POOL}/contributions", ContributionIn, PoolOut)
def agree(data: dict[str, Any], tenant: str, pool: UUID) -> Any:
    """Agree a partner's contribution for a financial year."""
    return _on(
        tenant,
        pool,
        lambda lg: lg.agree_contribution(
            pool, data["partner"], data["year"], data["amount"], data["on"], data["reason"]
        ),
    )


@command(blp, f"{POOL}/receipts", ReceiptIn, PoolOut)
def receive(data: dict[str, Any], tenant: str, pool: UUID) -> Any:
    """Record a contribution received (possibly early, for a later year)."""
    return _on(
        tenant,
        pool,
        lambda lg: lg.receive_contribution(
            pool, data["partner"], data["year"], data["amount"], data["on"]
        ),
    )


@command(blp, f"{POOL}/planned-allocations", PlannedIn, PoolOut)
def plan(data: dict[str, Any], tenant: str, pool: UUID) -> Any:
    """Plan an allocation for a year: an amount, or per DHR × expected DHRs."""
    return _on(
        tenant,
        pool,
        lambda lg: lg.plan_allocation(
            pool,
            data["year"],
            data["key"],
            data["purpose"],
            data["on"],
            data["amount"],
            data["per_dhr"],
            data["expected_dhrs"],
        ),
    )


@command(blp, f"{POOL}/spend", SpendIn, PoolOut)
def spend(data: dict[str, Any], tenant: str, pool: UUID) -> Any:
    """Spend against a planned allocation, optionally for one DHR."""
    return _on(
        tenant,
        pool,
        lambda lg: lg.record_pooled_spend(
            pool, data["allocation"], data["amount"], data["on"], data["reason"], data["review_id"]
        ),
    )


@blp.route(f"{POOL}/statement", methods=["GET"])
@blp.arguments(YearIn, location="query")
@blp.response(200, StatementOut)
@requires(Permission.CASE_READ)
def statement(args: dict[str, Any], tenant: str, pool: UUID) -> Any:
    """The year's statement: opening reserve + contributions − spend = closing reserve."""
    with tenant_ledger(tenant, writing=False) as ledger:
        return ledger.pooled_statement(pool, args["year"])


@blp.route(f"{POOL}/forecast", methods=["GET"])
@blp.arguments(ForecastIn, location="query")
@blp.response(200, ForecastOut)
@requires(Permission.CASE_READ)
def forecast(args: dict[str, Any], tenant: str, pool: UUID) -> Any:
    """What a year costs at the expected number of DHRs, and each partner's share."""
    with tenant_ledger(tenant, writing=False) as ledger:
        return ledger.pooled_forecast(
            pool, args["year"], args["expected_dhrs"], args["cost_per_dhr"]
        )
