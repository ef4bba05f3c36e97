"""The Home Office QA panel's verdict, and what happens to the report after it.

Feedback arrives as numbered points; only an approved report is published or withheld.
Each function checks one command of ``DomesticHomicideReview`` and returns its event's arguments.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from domain.reviews.checks import check_text
from domain.reviews.qa import FeedbackPoint, PointAnswer, check_answers, check_points
from domain.reviews.state import ReviewState, check_dated, check_milestone_dated, require
from domain.reviews.values import ReviewStatus

S = ReviewStatus


def receive_feedback(
    case: ReviewState, received_on: date, points: Iterable[FeedbackPoint], today: date | None
) -> tuple[date, tuple[FeedbackPoint, ...]]:
    require(case, "record QA panel feedback for", S.SUBMITTED)
    checked = check_points(points)
    submitted = ("submission", case.last_submitted_on)
    return check_dated(case, received_on, "QA feedback letter", today, submitted), checked


def resubmit(
    case: ReviewState, resubmitted_on: date, answers: Iterable[PointAnswer], today: date | None
) -> tuple[date, tuple[PointAnswer, ...]]:
    require(case, "resubmit", S.FEEDBACK_RECEIVED)
    letter = case.feedback_rounds[-1]
    checked = check_answers(letter, answers)
    letter_on = ("QA feedback letter", letter.received_on)
    documents = (
        ("overview report draft", case.overview_report_drafted_on),
        ("executive summary draft", case.executive_summary_drafted_on),
        ("action plan agreement", case.action_plan_agreed_on),
    )
    day = check_milestone_dated(case, resubmitted_on, "resubmission", today, letter_on, *documents)
    return day, checked


def approve(case: ReviewState, approved_on: date, today: date | None) -> date:
    require(case, "approve", S.SUBMITTED, advice="Only a submitted report can be approved.")
    submitted = ("submission", case.last_submitted_on)
    return check_milestone_dated(case, approved_on, "approval", today, submitted)


def publish(case: ReviewState, published_on: date, today: date | None) -> date:
    require(case, "publish", S.APPROVED, S.PUBLICATION_WITHHELD, advice="Approval comes first.")
    withheld = case.publication_withheld.closed_on if case.publication_withheld else None
    return check_dated(
        case,
        published_on,
        "publication",
        today,
        ("approval", case.approved_on),
        ("decision to withhold", withheld),
    )


def withhold_publication(
    case: ReviewState, withheld_on: date, reason: str, today: date | None
) -> tuple[date, str]:
    require(case, "withhold publication of", S.APPROVED, advice="Approval comes first.")
    approved = ("approval", case.approved_on)
    check_dated(case, withheld_on, "decision to withhold", today, approved)
    return withheld_on, check_text(reason, "reason for withholding publication")
