"""Commands on a DHR case up to the review itself: decision, commissioning, panel, IMRs, pauses."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask_smorest import Blueprint

from api.resources.commands import command, on_review
from api.resources.region_common import check_partner_name
from api.schemas.common import DatedIn
from api.schemas.review_steps import (
    CommissionIn,
    DecisionCheckIn,
    DecisionIn,
    FamilyIn,
    ImrAssessmentIn,
    ImrChaseIn,
    ImrExtensionIn,
    ImrIn,
    PauseIn,
)
from api.schemas.reviews import ReviewOut
from domain.calendar import uk_today
from domain.vault.imr_contacts import ImrContact
from tenants.ledger.imr_contacts import ImrContacts

blp = Blueprint(
    "review-steps",
    __name__,
    url_prefix="/api/v1/tenants/<tenant>/reviews/<uuid:review>",
    description="Deciding and conducting a review",
)


@command(blp, "/decision", DecisionIn, ReviewOut)
def decide(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Decide whether to hold a review (or an alternative or joint one)."""
    return on_review(
        tenant,
        review,
        lambda lg: lg.reviews.decide(review, data["on"], data["outcome"], data["reason"]),
    )


@command(blp, "/home-office-notification", DatedIn, ReviewOut)
def notify_home_office(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Record that the Home Office was told of the decision."""
    return on_review(tenant, review, lambda lg: lg.reviews.notify_home_office(review, data["on"]))


@command(blp, "/decision-check", DecisionCheckIn, ReviewOut)
def check_decision(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Record the Home Office QA panel's view of a decision not to review."""
    return on_review(
        tenant,
        review,
        lambda lg: lg.reviews.record_decision_check(review, data["on"], data["outcome"]),
    )


@command(blp, "/direction", DatedIn, ReviewOut)
def direct(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Record that the Secretary of State directed a review."""
    return on_review(tenant, review, lambda lg: lg.reviews.direct(review, data["on"]))


@command(blp, "/commission", CommissionIn, ReviewOut)
def commission(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Commission the independent chair and author, with the agreed cost."""
    return on_review(
        tenant,
        review,
        lambda lg: lg.reviews.commission(
            review, data["on"], data["chair_ref"], data["author_ref"], data["cost_pence"]
        ),
    )


@command(blp, "/panel-meetings", DatedIn, ReviewOut)
def panel_meeting(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Record a review panel meeting."""
    return on_review(tenant, review, lambda lg: lg.reviews.hold_panel_meeting(review, data["on"]))


@command(blp, "/imr-requests", ImrIn, ReviewOut)
def request_imr(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Ask an agency (from the region's partner directory) for its Individual Management Review."""
    check_partner_name(tenant, data["agency"])
    author = data.get("author")
    contact = (
        ImrContact.checked(author["name"], author["email"], author["phone"]) if author else None
    )

    def act(lg: Any) -> None:
        lg.imrs.request(review, data["agency"], data["on"], data["due_on"])
        if contact is not None:  # checked above, so the request never stands without it
            ImrContacts(lg).record(review, data["agency"], contact, uk_today())

    return on_review(tenant, review, act)


@command(blp, "/imr-extensions", ImrExtensionIn, ReviewOut)
def extend_imr(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Give an agency more time for its IMR, with the reason; the clock runs to the new date."""
    return on_review(
        tenant,
        review,
        lambda lg: lg.imrs.extend(
            review, data["agency"], data["on"], data["due_on"], data["reason"]
        ),
    )


@command(blp, "/imr-chases", ImrChaseIn, ReviewOut)
def chase_imr(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Record that an agency was chased for an IMR still awaited."""
    return on_review(tenant, review, lambda lg: lg.imrs.chase(review, data["agency"], data["on"]))


@command(blp, "/imr-assessments", ImrAssessmentIn, ReviewOut)
def assess_imr(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """The panel accepts an IMR, or returns it for more work with the points to address."""
    return on_review(
        tenant,
        review,
        lambda lg: lg.imrs.assess(
            review, data["agency"], data["on"], data["outcome"].value, data["points"]
        ),
    )


@command(blp, "/imr-returns", ImrIn, ReviewOut)
def receive_imr(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Record an agency's IMR coming back, with or without a chronology."""
    return on_review(
        tenant,
        review,
        lambda lg: lg.imrs.receive(review, data["agency"], data["on"], data["with_chronology"]),
    )


@command(blp, "/pause", PauseIn, ReviewOut)
def pause(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Pause the review for parallel proceedings (trial, inquest)."""
    return on_review(
        tenant,
        review,
        lambda lg: lg.reviews.pause(review, data["on"], data["reason"], data["note"]),
    )


@command(blp, "/resumption", DatedIn, ReviewOut)
def resume(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Resume a paused review."""
    return on_review(tenant, review, lambda lg: lg.reviews.resume(review, data["on"]))


@command(blp, "/family-involvement", FamilyIn, ReviewOut)
def family(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Record a family involvement milestone."""
    return on_review(
        tenant,
        review,
        lambda lg: lg.reviews.record_family_involvement(review, data["milestone"], data["on"]),
    )
