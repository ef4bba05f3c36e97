"""A pooled budget's reports: the year's statement and what a year is forecast to cost."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask_smorest import Blueprint

from api.context import requires, tenant_ledger
from api.policy import Permission
from api.resources.pooled import POOL
from api.schemas.pooled import BothBasesOut, ForecastIn, ForecastOut, YearIn

blp = Blueprint(
    "pooled-reports",
    __name__,
    url_prefix="/api/v1/tenants/<tenant>/funding/pooled-budgets",
    description="Pooled DHR budgets: statements and forecasts",
)


@blp.route(f"{POOL}/statement", methods=["GET"])
@blp.arguments(YearIn, location="query")
@blp.response(200, BothBasesOut)
@requires(Permission.CASE_READ)
def statement(args: dict[str, Any], tenant: str, pool: UUID) -> Any:
    """The year's statement on the cash basis, with the accruals basis (amounts due) beside it."""
    with tenant_ledger(tenant, writing=False) as ledger:
        return ledger.pooled.statement_both_bases(pool, **args)


@blp.route(f"{POOL}/forecast", methods=["GET"])
@blp.arguments(ForecastIn, location="query")
@blp.response(200, ForecastOut)
@requires(Permission.CASE_READ)
def forecast(args: dict[str, Any], tenant: str, pool: UUID) -> Any:
    """What a year costs at the expected number of DHRs, and each partner's share."""
    with tenant_ledger(tenant, writing=False) as ledger:
        return ledger.pooled.forecast(pool, **args)
