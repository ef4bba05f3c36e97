"""A review's findings: the predictable / preventable judgement and themed findings."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from api.concurrency import etag_header, if_match
from api.context import tenant_ledger
from api.resources.blueprints import api_blueprint
from api.resources.commands import command, recording
from api.resources.reads import query, read_one
from api.schemas.actionplan import FindingIn, FindingsOut, JudgementIn
from domain.errors import NotFoundError
from tenants.ledger import PartnershipLedger

blp = api_blueprint(
    "findings", "/tenants/<tenant>/reviews/<uuid:review>/findings", "What a review found"
)


def _current(ledger: PartnershipLedger, review: UUID) -> Any:
    try:
        return ledger.findings.get(review)
    except NotFoundError:
        return None


@query(blp, "", FindingsOut)
def get_findings(tenant: str, review: UUID) -> Any:
    """The review's judgement and findings; its ETag guards the judgement."""
    return read_one(tenant, lambda ledger: ledger.findings.get(review))


@recording(blp, "", FindingIn, FindingsOut, status=201)
def record_finding(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Add a finding tagged with theme codes (findings are numbered in order)."""
    with tenant_ledger(tenant) as ledger:
        ledger.findings.record(review, **data)
        found = ledger.findings.get(review)
        return found, etag_header(found.version)


@command(blp, "/judgement", JudgementIn, FindingsOut)
def judge(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Record (or revise) whether the death was predictable and preventable."""
    with tenant_ledger(tenant) as ledger:
        before = _current(ledger, review)
        if before is None:  # the first judgement creates the findings: nothing to be stale against
            ledger.findings.judge(review, **data)
        else:
            with if_match(before.id, before.version):
                ledger.findings.judge(review, **data)
        found = ledger.findings.get(review)
        return found, etag_header(found.version)
