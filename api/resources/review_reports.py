"""Commands on a DHR case from the report to its end: drafts, QA, approval, publication."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask_smorest import Blueprint

from api.policy import Permission
from api.resources.commands import command, on_review
from api.schemas.common import DatedIn
from api.schemas.review_steps import ClosureIn, DraftIn, FeedbackIn, ResubmissionIn
from api.schemas.reviews import ReviewOut
from domain.reviews import FeedbackPoint, PointAnswer

blp = Blueprint(
    "review-reports",
    __name__,
    url_prefix="/api/v1/tenants/<tenant>/reviews/<uuid:review>",
    description="Reporting, Home Office assurance and publication",
)
SIGN_OFF = Permission.CASE_SIGN_OFF


@command(blp, "/drafts", DraftIn, ReviewOut)
def draft(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Record the overview report or executive summary drafted."""
    return on_review(
        tenant, review, lambda lg: lg.reviews.draft(review, data["document"], data["on"])
    )


@command(blp, "/action-plan-agreement", DatedIn, ReviewOut)
def agree_plan(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Record the review's action plan agreed."""
    return on_review(tenant, review, lambda lg: lg.reviews.agree_action_plan(review, data["on"]))


@command(blp, "/submission", DatedIn, ReviewOut, SIGN_OFF)
def submit(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Sign off and submit the report to the Home Office QA panel (lead only)."""
    return on_review(tenant, review, lambda lg: lg.reviews.submit(review, data["on"]))


@command(blp, "/qa-feedback", FeedbackIn, ReviewOut)
def feedback(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Record the QA panel's letter with its numbered points."""
    points = [FeedbackPoint(p["number"], p["summary"]) for p in data["points"]]
    return on_review(
        tenant, review, lambda lg: lg.reviews.receive_feedback(review, data["on"], points)
    )


@command(blp, "/resubmission", ResubmissionIn, ReviewOut, SIGN_OFF)
def resubmit(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Resubmit, answering every point of the letter (lead only)."""
    answers = [PointAnswer(a["number"], a["response"]) for a in data["answers"]]
    return on_review(tenant, review, lambda lg: lg.reviews.resubmit(review, data["on"], answers))


@command(blp, "/approval", DatedIn, ReviewOut)
def approve(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Record the Home Office QA panel's approval."""
    return on_review(tenant, review, lambda lg: lg.reviews.approve(review, data["on"]))


@command(blp, "/publication", DatedIn, ReviewOut, SIGN_OFF)
def publish(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Sign off publication of the approved report (lead only)."""
    return on_review(tenant, review, lambda lg: lg.reviews.publish(review, data["on"]))


@command(blp, "/publication-withheld", ClosureIn, ReviewOut, SIGN_OFF)
def withhold(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Withhold publication, with the reason (lead only)."""
    return on_review(
        tenant,
        review,
        lambda lg: lg.reviews.withhold_publication(review, data["on"], data["reason"]),
    )


@command(blp, "/decommission", ClosureIn, ReviewOut, SIGN_OFF)
def decommission(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Decommission the case with the Home Office's agreement (lead only)."""
    return on_review(
        tenant, review, lambda lg: lg.reviews.decommission(review, data["on"], data["reason"])
    )
