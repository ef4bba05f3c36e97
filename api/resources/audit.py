"""Proof that a tenant's history was not altered: its hash-chain seals, and their verification."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint

from api.context import platform, requires, tenant_ledger
from api.policy import Permission
from api.schemas.history import SealOut, VerificationOut

blp = Blueprint(
    "audit",
    __name__,
    url_prefix="/api/v1/tenants/<tenant>/audit",
    description="Hash-chain seals over the tenant's events",
)


@blp.route("/seals", methods=["GET"])
@blp.response(200, SealOut(many=True))
@requires(Permission.HISTORY)
def seals(tenant: str) -> Any:
    """Every seal made over the tenant's history, oldest first."""
    return list(platform().audit.seals(tenant))


@blp.route("/verification", methods=["GET"])
@blp.response(200, VerificationOut)
@requires(Permission.HISTORY)
def verify(tenant: str) -> Any:
    """Recompute the chain from the first event and check every seal still matches."""
    with tenant_ledger(tenant, writing=False) as ledger:
        return platform().audit.verify(ledger)
