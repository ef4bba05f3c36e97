"""The auditors' read log: every audited read is itself history, and this is how it is read.

For a platform administrator and for auditors of the same scope (the tenant, or the region);
reading it is an audited read too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from api.context import platform
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.reads import F, query
from api.schemas.history import AuditReadOut, ReadsQueryIn
from domain.calendar import uk_today
from tenants.users.personal_reads import personal_data_reads
from tenants.users.read_log import audit_reads

blp = api_blueprint("audit-reads", "", "Who audited what, and when")


def _log(path: str) -> Callable[[F], F]:
    """A read of the log: the span in the query string, the reads out, oldest first."""
    return query(blp, path, AuditReadOut(many=True), Permission.AUDIT_LOG, args=ReadsQueryIn)


@_log("/tenants/<tenant>/audit/reads")
def tenant_reads(args: dict[str, Any], tenant: str) -> Any:
    """Every auditor read of this tenant's records in the span, oldest first."""
    return audit_reads(platform().access, *_span(args), tenant=tenant)


@_log("/regions/<region>/audit/reads")
def region_reads(args: dict[str, Any], region: str) -> Any:
    """Every auditor read in this region (its views and its tenants' records), oldest first."""
    return audit_reads(platform().access, *_span(args), region=region)


@_log("/tenants/<tenant>/audit/personal-data-reads")
def personal_data_read_log(args: dict[str, Any], tenant: str) -> Any:
    """Every read of this tenant's cases' personal details (by its officers and leads), oldest first."""
    return personal_data_reads(platform().access, tenant, *_span(args))


def _span(args: dict[str, Any]) -> tuple[date, date]:
    until = args["until"] or uk_today()
    return args["since"] or until - timedelta(days=6), until
