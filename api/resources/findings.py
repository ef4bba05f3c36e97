"""A review's findings: the predictable / preventable judgement and themed findings."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import request

from api.concurrency import etag_header, if_match
from api.context import current_user, tenant_ledger
from api.idempotency import create_once, fingerprint
from api.resources.blueprints import api_blueprint
from api.resources.commands import command, creation
from api.resources.reads import query, read_one
from api.schemas.actionplan import FindingIn, FindingsOut, JudgementIn

blp = api_blueprint(
    "findings", "/tenants/<tenant>/reviews/<uuid:review>/findings", "What a review found"
)


@query(blp, "", FindingsOut)
def get_findings(tenant: str, review: UUID) -> Any:
    """The review's judgement and findings; its ETag guards the judgement."""
    return read_one(tenant, lambda ledger: ledger.findings.get(review))


FINDING_IN = FindingIn()


@creation(blp, "", FINDING_IN, FindingsOut)
def record_finding(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Add a finding tagged with theme codes (findings are numbered in order); a retry with
    the same Idempotency-Key adds nothing and answers the findings as they stand."""
    with tenant_ledger(tenant) as ledger:
        create_once(
            ledger,
            f"findings:{review}",
            request.headers.get("Idempotency-Key"),
            fingerprint(str(current_user().id), FINDING_IN.as_sent(data)),
            None,  # it adds to the review's findings: a replay answers them, not a new record
            lambda: ledger.findings.record(review, **data),
        )
        found = ledger.findings.get(review)
        return found, etag_header(found.version)


@command(blp, "/judgement", JudgementIn, FindingsOut)
def judge(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Record (or revise) whether the death was predictable and preventable."""
    with tenant_ledger(tenant) as ledger:
        before = ledger.findings.of_review(review)
        if before is None:  # the first judgement creates the findings: nothing to be stale against
            ledger.findings.judge(review, **data)
        else:
            with if_match(before.id, before.version):
                ledger.findings.judge(review, **data)
        found = ledger.findings.get(review)
        return found, etag_header(found.version)
