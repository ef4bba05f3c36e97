"""DHR cases: notify a death, list and read cases, and measure timeliness."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import request
from flask_smorest import Blueprint

from api.concurrency import IDEMPOTENCY_DOC, etag_header
from api.context import current_user, requires, tenant_ledger
from api.idempotency import create_once, fingerprint
from api.policy import Permission
from api.schemas.reviews import AsOfIn, NotifyIn, ReviewOut, ReviewSummaryOut, TimelinessOut
from domain.calendar import uk_today

blp = Blueprint(
    "reviews",
    __name__,
    url_prefix="/api/v1/tenants/<tenant>/reviews",
    description="Domestic Homicide Reviews: one case per death",
)


@blp.route("", methods=["GET"])
@blp.response(200, ReviewSummaryOut(many=True))
@requires(Permission.CASE_READ)
def list_reviews(tenant: str) -> Any:
    """The partnership's register of cases, in order of notification."""
    with tenant_ledger(tenant, writing=False) as ledger:
        return ledger.list_reviews()


@blp.route("", methods=["POST"])
@blp.arguments(NotifyIn)
@blp.response(201, ReviewOut)
@blp.doc(parameters=[IDEMPOTENCY_DOC])
@requires(Permission.CASE_RECORD)
def notify_death(data: dict[str, Any], tenant: str) -> Any:
    """Open a case when a death is notified to the partnership."""
    key = request.headers.get("Idempotency-Key")
    with tenant_ledger(tenant) as ledger:
        created, _ = create_once(
            ledger,
            "reviews",
            key,
            fingerprint(str(current_user().id), data),
            "DomesticHomicideReview",
            lambda: ledger.notify_death(**data),
        )
        review = ledger.get_review(UUID(str(created)))
        return review, etag_header(review.version)


@blp.route("/<uuid:review>", methods=["GET"])
@blp.response(200, ReviewOut)
@requires(Permission.CASE_READ)
def get_review(tenant: str, review: UUID) -> Any:
    """One case as it stands; its ETag guards every command on it."""
    with tenant_ledger(tenant, writing=False) as ledger:
        found = ledger.get_review(review)
        return found, etag_header(found.version)


@blp.route("/<uuid:review>/timeliness", methods=["GET"])
@blp.arguments(AsOfIn, location="query")
@blp.response(200, TimelinessOut)
@requires(Permission.CASE_READ)
def review_timeliness(args: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Days to each milestone against the 1- and 7-month targets, net of pauses."""
    with tenant_ledger(tenant, writing=False) as ledger:
        return ledger.review_timeliness(review, args["as_of"] or uk_today())
