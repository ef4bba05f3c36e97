"""Commands on a DHR case from the report to its end: drafts, QA, approval, publication."""

from __future__ import annotations

from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import Command, on_tenant, register
from api.resources.review_steps import dated
from api.schemas.review_steps import ClosureIn, DraftIn, FeedbackIn, ResubmissionIn
from api.schemas.reviews import ReviewOut

blp = api_blueprint(
    "review-reports",
    "/tenants/<tenant>/reviews/<uuid:review>",
    "Reporting, Home Office assurance and publication",
)
SIGN_OFF = Permission.CASE_SIGN_OFF

REPORT_COMMANDS = (
    Command(
        "draft",
        "/drafts",
        DraftIn(rename={"on": "drafted_on"}),
        "reviews.draft",
        "Record the overview report or executive summary drafted.",
    ),
    Command(
        "agree_plan",
        "/action-plan-agreement",
        dated("agreed_on"),
        "reviews.agree_action_plan",
        "Record the review's action plan agreed.",
    ),
    Command(
        "submit",
        "/submission",
        dated("submitted_on"),
        "reviews.submit",
        "Sign off and submit the report to the Home Office QA panel (lead only).",
        SIGN_OFF,
    ),
    Command(
        "feedback",
        "/qa-feedback",
        FeedbackIn(rename={"on": "received_on"}),
        "reviews.receive_feedback",
        "Record the QA panel's letter with its numbered points.",
    ),
    Command(
        "resubmit",
        "/resubmission",
        ResubmissionIn(rename={"on": "resubmitted_on"}),
        "reviews.resubmit",
        "Resubmit, answering every point of the letter (lead only).",
        SIGN_OFF,
    ),
    Command(
        "approve",
        "/approval",
        dated("approved_on"),
        "reviews.approve",
        "Record the Home Office QA panel's approval.",
    ),
    Command(
        "publish",
        "/publication",
        dated("published_on"),
        "reviews.publish",
        "Sign off publication of the approved report (lead only).",
        SIGN_OFF,
    ),
    Command(
        "withhold",
        "/publication-withheld",
        ClosureIn(rename={"on": "withheld_on"}),
        "reviews.withhold_publication",
        "Withhold publication, with the reason (lead only).",
        SIGN_OFF,
    ),
    Command(
        "decommission",
        "/decommission",
        ClosureIn(rename={"on": "home_office_agreed_on"}),
        "reviews.decommission",
        "Decommission the case with the Home Office's agreement (lead only).",
        SIGN_OFF,
    ),
)
register(
    blp,
    ReviewOut,
    on_tenant("reviews.get"),
    ("tenant", "review"),
    Permission.CASE_RECORD,
    REPORT_COMMANDS,
)
