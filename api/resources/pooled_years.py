"""A pooled budget across financial years: contributions not drawn down, a reserve brought in
on onboarding, and closing and reopening years. Each changes the pool, so each is guarded by
the pool's ETag. Closing and reopening a year are the lead's sign-off: a closed year's
carried-forward reserve is the next year's opening, which statements rely on.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask_smorest import Blueprint

from api.policy import Permission
from api.resources.commands import command
from api.resources.pooled import POOL, on_pool
from api.schemas.pooled import BroughtForwardIn, NotDrawnDownIn, PoolOut, YearCloseIn, YearReopenIn

blp = Blueprint(
    "pooled-years",
    __name__,
    url_prefix="/api/v1/tenants/<tenant>/funding/pooled-budgets",
    description="Pooled DHR budgets: reserves, draw-downs and financial year closes",
)


@command(blp, f"{POOL}/not-drawn-down", NotDrawnDownIn, PoolOut)
def not_draw_down(data: dict[str, Any], tenant: str, pool: UUID) -> Any:
    """Decide not to call (all or part of) a partner's contribution, or defer it to a later year."""
    return on_pool(tenant, pool, lambda lg: lg.not_draw_down(pool, **data))


@command(blp, f"{POOL}/reserve-brought-forward", BroughtForwardIn, PoolOut)
def bring_forward(data: dict[str, Any], tenant: str, pool: UUID) -> Any:
    """Onboard a pot that already held a reserve at the start of a year (before any money)."""
    return on_pool(tenant, pool, lambda lg: lg.bring_forward_reserve(pool, **data))


@command(blp, f"{POOL}/year-closure", YearCloseIn, PoolOut, Permission.CASE_SIGN_OFF)
def close_year(data: dict[str, Any], tenant: str, pool: UUID) -> Any:
    """Close a financial year; its closing reserve is carried forward as the next opening."""
    return on_pool(tenant, pool, lambda lg: lg.close_financial_year(pool, **data))


@command(blp, f"{POOL}/year-reopening", YearReopenIn, PoolOut, Permission.CASE_SIGN_OFF)
def reopen_year(data: dict[str, Any], tenant: str, pool: UUID) -> Any:
    """Reopen a closed year, saying why, so money can be recorded in it again."""
    return on_pool(tenant, pool, lambda lg: lg.reopen_financial_year(pool, **data))
