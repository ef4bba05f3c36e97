"""Whether a death is reviewed: the CSP's decision, the Home Office's check, early closure.

Each function checks one command of ``DomesticHomicideReview`` and returns its event's
arguments; a refusal raises a ``domain.errors`` exception and records nothing.
"""

from __future__ import annotations

from datetime import date

from domain.choices import coerce
from domain.errors import InvalidTransitionError
from domain.reviews.checks import check_text
from domain.reviews.state import COMPLETE, ReviewState, check_dated, require, stage_words
from domain.reviews.values import DecisionCheckOutcome, DecisionOutcome, ReviewStatus

S = ReviewStatus


def decide(
    case: ReviewState, decided_on: date, outcome: str, reason: str, today: date | None
) -> tuple[date, DecisionOutcome, str]:
    require(case, "decide on", S.NOTIFIED, advice="A case is decided once.")
    choice = coerce(DecisionOutcome, outcome, "decision")
    check_dated(case, decided_on, "decision", today, ("notification", case.notified_on))
    if not choice.holds_review or reason:
        reason = check_text(reason, "reason for the decision")
    return decided_on, choice, reason


def notify_home_office(case: ReviewState, notified_on: date, today: date | None) -> date:
    if case.decision is None or case.status is S.DECOMMISSIONED:
        raise InvalidTransitionError(
            f"Case {case.reference} has no decision to notify; record the decision first."
        )
    if case.home_office_notified_on is not None:
        raise InvalidTransitionError(
            f"The Home Office was already notified of case {case.reference}'s decision "
            f"on {case.home_office_notified_on}."
        )
    decided = ("decision", case.decision.decided_on)
    return check_dated(case, notified_on, "Home Office notification", today, decided)


CHECK_WORDS = {
    DecisionCheckOutcome.AGREED: "agreed",
    DecisionCheckOutcome.ADVISED_REVIEW: "advised a review",
}


def record_decision_check(
    case: ReviewState, checked_on: date, outcome: str, today: date | None
) -> tuple[date, DecisionCheckOutcome]:
    require(case, "record the QA panel's check of the decision on", S.DECIDED_NOT_TO_REVIEW)
    if case.decision_check is not None:
        raise InvalidTransitionError(
            f"The QA panel's check of case {case.reference}'s decision is already recorded "
            f"(it {CHECK_WORDS[case.decision_check.outcome]} on {case.decision_check.checked_on})."
        )
    choice = coerce(DecisionCheckOutcome, outcome, "QA check outcome")
    assert case.decision is not None
    check_dated(case, checked_on, "QA panel check", today, ("decision", case.decision.decided_on))
    return checked_on, choice


def direct_review(case: ReviewState, directed_on: date, today: date | None) -> date:
    require(case, "record a direction to review", S.DECIDED_NOT_TO_REVIEW)
    assert case.decision is not None
    check = case.decision_check.checked_on if case.decision_check else None
    return check_dated(
        case,
        directed_on,
        "direction to review",
        today,
        ("decision", case.decision.decided_on),
        ("QA panel check", check),
    )


def decommission(
    case: ReviewState, home_office_agreed_on: date, reason: str, today: date | None
) -> tuple[date, str]:
    if case.status in (*COMPLETE, S.DECOMMISSIONED):
        raise InvalidTransitionError(
            f"Case {case.reference} is {stage_words(case.status)}; "
            "only a case not yet approved can be decommissioned."
        )
    decided = case.decision.decided_on if case.decision else None
    check_dated(
        case,
        home_office_agreed_on,
        "decommissioning",
        today,
        ("notification", case.notified_on),
        ("decision", decided),
    )
    return home_office_agreed_on, check_text(reason, "reason for decommissioning")
