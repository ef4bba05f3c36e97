"""Commands on a DHR case up to the review itself: decision, commissioning, panel, IMRs, pauses."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import Command, command, on_review, on_tenant, register
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
    ImrExtensionRefusalIn,
    ImrIn,
    PauseIn,
)
from api.schemas.reviews import ReviewOut
from domain.calendar import uk_today
from domain.vault.imr_contacts import ImrContact
from tenants.ledger.imr_contacts import ImrContacts

blp = api_blueprint(
    "review-steps", "/tenants/<tenant>/reviews/<uuid:review>", "Deciding and conducting a review"
)


def dated(on: str) -> DatedIn:
    """The bare dated body, its day loaded as the use case names it."""
    return DatedIn(rename={"on": on})


STEP_COMMANDS = (
    Command(
        "decide",
        "/decision",
        DecisionIn(rename={"on": "decided_on"}),
        "reviews.decide",
        "Decide whether to hold a review (or an alternative or joint one).",
    ),
    Command(
        "notify_home_office",
        "/home-office-notification",
        dated("notified_on"),
        "reviews.notify_home_office",
        "Record that the Home Office was told of the decision.",
    ),
    Command(
        "check_decision",
        "/decision-check",
        DecisionCheckIn(rename={"on": "checked_on"}),
        "reviews.record_decision_check",
        "Record the Home Office QA panel's view of a decision not to review.",
    ),
    Command(
        "direct",
        "/direction",
        dated("directed_on"),
        "reviews.direct",
        "Record that the Secretary of State directed a review.",
    ),
    Command(
        "commission",
        "/commission",
        CommissionIn(rename={"on": "commissioned_on"}),
        "reviews.commission",
        "Commission the independent chair and author, with the agreed cost.",
    ),
    Command(
        "panel_meeting",
        "/panel-meetings",
        dated("met_on"),
        "reviews.hold_panel_meeting",
        "Record a review panel meeting.",
    ),
)


REQUEST_IN = ImrIn(rename={"on": "requested_on"}, ignore=("with_chronology",))


@command(blp, "/imr-requests", REQUEST_IN, ReviewOut)
def request_imr(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Ask an agency (from the region's partner directory) for its Individual Management Review."""
    check_partner_name(tenant, data["agency"])
    author = data.pop("author")
    contact = (
        ImrContact.checked(author["name"], author["email"], author["phone"], author["emailed"])
        if author
        else None
    )

    def act(lg: Any) -> None:
        if contact is None:
            lg.imrs.request(review, **data)
        else:  # one save: neither stands without the other
            ImrContacts(lg).request(review, contact, uk_today(), **data)

    return on_review(tenant, review, act)


IMR_COMMANDS = (
    Command(
        "extend_imr",
        "/imr-extensions",
        ImrExtensionIn(rename={"on": "extended_on"}),
        "imrs.extend",
        "Give an agency more time for its IMR, with the reason; the clock runs to the new date "
        "(this agrees to the agency's request for more time, if it asked).",
    ),
    Command(
        "refuse_imr_extension",
        "/imr-extension-refusals",
        ImrExtensionRefusalIn(rename={"on": "refused_on"}),
        "imrs.refuse_extension",
        "Refuse an agency's request for more time for its IMR, saying why.",
    ),
    Command(
        "chase_imr",
        "/imr-chases",
        ImrChaseIn(rename={"on": "chased_on"}),
        "imrs.chase",
        "Record that an agency was chased for an IMR still awaited.",
    ),
    Command(
        "assess_imr",
        "/imr-assessments",
        ImrAssessmentIn(rename={"on": "assessed_on"}),
        "imrs.assess",
        "The panel accepts an IMR, or returns it for more work with the points to address.",
    ),
    Command(
        "receive_imr",
        "/imr-returns",
        ImrIn(rename={"on": "received_on"}, ignore=("due_on", "author")),
        "imrs.receive",
        "Record an agency's IMR coming back, with or without a chronology.",
    ),
    Command(
        "pause",
        "/pause",
        PauseIn(rename={"on": "paused_on"}),
        "reviews.pause",
        "Pause the review for parallel proceedings (trial, inquest).",
    ),
    Command(
        "resume",
        "/resumption",
        dated("resumed_on"),
        "reviews.resume",
        "Resume a paused review.",
    ),
    Command(
        "family",
        "/family-involvement",
        FamilyIn(rename={"on": "occurred_on"}),
        "reviews.record_family_involvement",
        "Record a family involvement milestone.",
    ),
)
_on = on_tenant("reviews.get")
register(blp, ReviewOut, _on, ("tenant", "review"), Permission.CASE_RECORD, STEP_COMMANDS)
register(blp, ReviewOut, _on, ("tenant", "review"), Permission.CASE_RECORD, IMR_COMMANDS)
