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
from api.schemas.pooled import ContributionIn, PartnerIn, PoolIn, PoolOut, ReceiptIn, SpendIn

blp = Blueprint(
    "pooled-budgets",
    __name__,
    url_prefix="/api/v1/tenants/<tenant>/funding/pooled-budgets",
    description="Pooled DHR budgets: partners, contributions, spend",
)
POOL = "/<uuid:pool>"


def on_pool(tenant: str, pool: UUID, act: Any) -> Any:
    """Money and partners are guarded by the pool's ETag; its plan by the plan's own."""
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
    return on_pool(
        tenant,
        pool,
        lambda lg: lg.add_pool_partner(pool, data["partner"], data["name"], data["on"]),
    )


@command(blp, f"{POOL}/contributions", ContributionIn, PoolOut)
def agree(data: dict[str, Any], tenant: str, pool: UUID) -> Any:
    """Agree a partner's contribution for a financial year."""
    return on_pool(
        tenant,
        pool,
        lambda lg: lg.agree_contribution(
            pool, data["partner"], data["year"], data["amount"], data["on"], data["reason"]
        ),
    )


@command(blp, f"{POOL}/receipts", ReceiptIn, PoolOut)
def receive(data: dict[str, Any], tenant: str, pool: UUID) -> Any:
    """Record a contribution received (possibly early, for a later year)."""
    return on_pool(
        tenant,
        pool,
        lambda lg: lg.receive_contribution(
            pool, data["partner"], data["year"], data["amount"], data["on"]
        ),
    )


@command(blp, f"{POOL}/spend", SpendIn, PoolOut)
def spend(data: dict[str, Any], tenant: str, pool: UUID) -> Any:
    """Spend against a planned allocation, optionally for one DHR."""
    return on_pool(
        tenant,
        pool,
        lambda lg: lg.record_pooled_spend(
            pool, data["allocation"], data["amount"], data["on"], data["reason"], data["review_id"]
        ),
    )
