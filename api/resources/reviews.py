"""DHR cases: notify a death, list and read cases, and measure timeliness."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import request

from api.concurrency import etag_header
from api.context import current_user, tenant_ledger
from api.idempotency import create_once, fingerprint
from api.resources.blueprints import api_blueprint
from api.resources.commands import creation
from api.resources.reads import query
from api.schemas.reviews import (
    AsOfIn,
    AsRecordedIn,
    NotifyIn,
    RegisterIn,
    ReviewOut,
    ReviewSummaryOut,
    TimelinessOut,
)
from api.tables.notes import unreadable_header
from domain.calendar import uk_today
from tenants.unreadable import LeftOut

blp = api_blueprint(
    "reviews", "/tenants/<tenant>/reviews", "Domestic Homicide Reviews: one case per death"
)


@query(blp, "", ReviewSummaryOut(many=True), args=RegisterIn, leaves_out=True)
def list_reviews(args: dict[str, Any], tenant: str) -> Any:
    """The partnership's register of cases, in order of notification (on a day, as recorded)."""
    left_out = LeftOut("the API's register of cases", tenant)
    with tenant_ledger(tenant, writing=False) as ledger:
        at, on = args["as_recorded"], args["on"]
        found = ledger.reviews.all(at, left_out=left_out)
    listed = [r for r in found if on is None or r.notified_on <= on]
    return listed, unreadable_header(left_out.count)


@creation(blp, "", NotifyIn, ReviewOut)
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
            lambda: ledger.reviews.notify(**data),
        )
        review = ledger.reviews.get(UUID(str(created)))
        return review, etag_header(review.version)


@query(blp, "/<uuid:review>", ReviewOut, args=AsRecordedIn)
def get_review(args: dict[str, Any], tenant: str, review: UUID) -> Any:
    """One case as it stands (its ETag guards every command on it), or as recorded then."""
    with tenant_ledger(tenant, writing=False) as ledger:
        if args["as_recorded"] is not None:
            return ledger.reviews.as_recorded(review, args["as_recorded"])
        found = ledger.reviews.get(review)
        return found, etag_header(found.version)


@query(blp, "/<uuid:review>/timeliness", TimelinessOut, args=AsOfIn)
def review_timeliness(args: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Days to each milestone against the 1- and 7-month targets, net of pauses.

    ``on`` measures on a business day from the steps dated by then; ``as_recorded`` measures
    the case as the ledger recorded it at that instant; ``as_of`` as before (all steps known).
    """
    at, on = args["as_recorded"], args["on"]
    with tenant_ledger(tenant, writing=False) as ledger:
        case = ledger.reviews.as_recorded(review, at) if at else ledger.reviews.get(review)
        if on is not None:
            return case.timeliness_on(on)
        return case.timeliness(args["as_of"] or (at.date() if at else uk_today()))
