"""Proof that a tenant's history was not altered: its hash-chain seals, and their verification."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from api.context import platform
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.reads import query, read
from api.schemas.history import SealOut, VerificationOut
from tenants.audit_anchor import service_anchor

blp = api_blueprint("audit", "/tenants/<tenant>/audit", "Hash-chain seals over the tenant's events")


@query(blp, "/seals", SealOut(many=True), Permission.HISTORY)
def seals(tenant: str) -> Any:
    """Every seal made over the tenant's history, oldest first."""
    return list(platform().audit.seals(tenant))


@query(blp, "/verification", VerificationOut, Permission.HISTORY)
def verify(tenant: str) -> Any:
    """Recompute the chain from the first event and check every seal still matches; where the
    server keeps an audit anchor (`LEDGER_AUDIT_ANCHOR`), the seals against it too."""
    anchor = service_anchor(platform())
    result = read(tenant, lambda ledger: platform().audit.verify(ledger, None, anchor.lines or ()))
    return {
        **asdict(result),
        "intact": result.intact,
        "problems": result.problems,
        "anchored": bool(anchor.lines),
        "anchor": anchor.words,
    }
