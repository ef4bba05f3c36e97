"""A pooled budget's reports: the year's statement and what a year is forecast to cost."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from api.resources.blueprints import api_blueprint
from api.resources.pooled import POOL
from api.resources.reads import query, read
from api.schemas.pooled import BothBasesOut, ForecastIn, ForecastOut, YearIn

blp = api_blueprint(
    "pooled-reports",
    "/tenants/<tenant>/funding/pooled-budgets",
    "Pooled DHR budgets: statements and forecasts",
)


@query(blp, f"{POOL}/statement", BothBasesOut, args=YearIn)
def statement(args: dict[str, Any], tenant: str, pool: UUID) -> Any:
    """The year's statement on the cash basis, with the accruals basis (amounts due) beside it."""
    return read(tenant, lambda ledger: ledger.pooled.statement_both_bases(pool, **args))


@query(blp, f"{POOL}/forecast", ForecastOut, args=ForecastIn)
def forecast(args: dict[str, Any], tenant: str, pool: UUID) -> Any:
    """What a year costs at the expected number of DHRs, and each partner's share."""
    return read(tenant, lambda ledger: ledger.pooled.forecast(pool, **args))
