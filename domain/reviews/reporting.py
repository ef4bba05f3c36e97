"""Writing up: overview report and executive summary drafted, action plan agreed, submitted.

A case goes to the Home Office QA panel only with all three in hand. Each function checks one
command of ``DomesticHomicideReview`` and returns its event's arguments.
"""

from __future__ import annotations

from datetime import date

from domain.choices import coerce
from domain.errors import InvalidTransitionError
from domain.reviews.state import WORKING, ReviewState, check_milestone_dated, require
from domain.reviews.values import Document, ReviewStatus

S = ReviewStatus


def draft(
    case: ReviewState, document: str, drafted_on: date, today: date | None
) -> tuple[Document, date]:
    require(case, "record a draft for", *WORKING)
    kind = coerce(Document, document, "document")
    started = ("decision to review", case.review_started_on)
    return kind, check_milestone_dated(case, drafted_on, "draft", today, started)


def agree_action_plan(case: ReviewState, agreed_on: date, today: date | None) -> date:
    require(case, "agree the action plan for", *WORKING)
    started = ("decision to review", case.review_started_on)
    return check_milestone_dated(case, agreed_on, "action plan agreement", today, started)


def submit(case: ReviewState, submitted_on: date, today: date | None) -> date:
    advice = "After QA feedback, resubmit with an answer to each point."
    require(case, "submit", S.UNDER_REVIEW, advice=advice if case.feedback_rounds else "")
    missing = [
        label
        for label, done in (
            ("overview report", case.overview_report_drafted_on),
            ("executive summary", case.executive_summary_drafted_on),
            ("action plan", case.action_plan_agreed_on),
        )
        if done is None
    ]
    if missing:
        raise InvalidTransitionError(
            f"Case {case.reference} cannot be submitted without its {', '.join(missing)}; "
            "record them first."
        )
    return check_milestone_dated(
        case,
        submitted_on,
        "submission",
        today,
        ("overview report draft", case.overview_report_drafted_on),
        ("executive summary draft", case.executive_summary_drafted_on),
        ("action plan agreement", case.action_plan_agreed_on),
    )
