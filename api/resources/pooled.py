"""Pooled DHR budgets (e.g. Leicestershire & Rutland): who pays in, what is planned and spent."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask_smorest import Blueprint

from api.context import tenant_ledger
from api.policy import Permission
from api.resources.commands import Command, created_once, creation, on_tenant, register
from api.resources.reads import query, read_one
from api.schemas.pooled import ContributionIn, PartnerIn, PoolIn, PoolOut, ReceiptIn, SpendIn

blp = Blueprint(
    "pooled-budgets",
    __name__,
    url_prefix="/api/v1/tenants/<tenant>/funding/pooled-budgets",
    description="Pooled DHR budgets: partners, contributions, spend",
)
POOL = "/<uuid:pool>"
POOL_IN = PoolIn()


# Money and partners are guarded by the pool's ETag; its plan by the plan's own.
on_pool = on_tenant("pooled.get")


@creation(blp, "", POOL_IN, PoolOut)
def open_pool(data: dict[str, Any], tenant: str) -> Any:
    """Open a pooled budget managed for several partners."""
    with tenant_ledger(tenant) as ledger:
        return created_once(
            ledger,
            "pooled-budgets",
            "PooledBudget",
            POOL_IN,
            data,
            ledger.pooled.open,
            ledger.pooled.get,
        )


@query(blp, POOL, PoolOut)
def get_pool(tenant: str, pool: UUID) -> Any:
    """One pooled budget and its partners; its ETag guards every change to it."""
    return read_one(tenant, lambda ledger: ledger.pooled.get(pool))


POOL_COMMANDS = (
    Command(
        "add_partner",
        f"{POOL}/partners",
        PartnerIn,
        "pooled.add_partner",
        "Add a contributing partner.",
    ),
    Command(
        "agree",
        f"{POOL}/contributions",
        ContributionIn,
        "pooled.agree_contribution",
        "Agree a partner's contribution for a financial year.",
    ),
    Command(
        "receive",
        f"{POOL}/receipts",
        ReceiptIn,
        "pooled.receive_contribution",
        "Record a contribution received (possibly early, for a later year).",
    ),
    Command(
        "spend",
        f"{POOL}/spend",
        SpendIn,
        "pooled.spend",
        "Spend against a planned allocation, optionally for one DHR.",
    ),
)
register(blp, PoolOut, on_pool, ("tenant", "pool"), Permission.CASE_RECORD, POOL_COMMANDS)
