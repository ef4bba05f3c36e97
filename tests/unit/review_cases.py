"""Cases at each stage of the lifecycle, so each test states only the step it is about.

Builders leave no pending events: a refusal test can then assert that nothing was recorded.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from domain.reviews import DomesticHomicideReview, FeedbackPoint, PointAnswer
from tests.unit.refusals import assert_refused as assert_refused  # one helper for every test

INCIDENT = date(2014, 1, 10)
NOTIFIED = date(2014, 1, 14)
DECIDED = date(2014, 2, 3)
SUBMITTED = date(2014, 9, 1)
FEEDBACK = date(2014, 10, 1)
RESUBMITTED = date(2014, 11, 3)
APPROVED = date(2014, 12, 1)


def notified(reference: str = "DHR-2014-03") -> DomesticHomicideReview:
    review = DomesticHomicideReview.notify(
        reference,
        INCIDENT,
        NOTIFIED,
        "Mary",
        "dhr",
        "intimate_partner_homicide",
        victim_age_band="35-44",
        victim_sex="female",
        perpetrator_relationship="intimate_partner",
    )
    return _settled(review)


def under_review() -> DomesticHomicideReview:
    review = notified()
    review.decide(DECIDED, "hold")
    return _settled(review)


def under_review_events() -> list[Any]:
    """The events of ``under_review()``, for tests that replay a history by hand."""
    review = notified_unsettled()
    review.decide(DECIDED, "hold")
    return list(review.collect_events())


def notified_unsettled() -> DomesticHomicideReview:
    return DomesticHomicideReview.notify(
        "DHR-2014-03", INCIDENT, NOTIFIED, "Mary", "dhr", "intimate_partner_homicide"
    )


def decided_not_to_review() -> DomesticHomicideReview:
    review = notified()
    review.decide(DECIDED, "not_hold", "criteria not met: no qualifying relationship")
    return _settled(review)


def ready_to_submit() -> DomesticHomicideReview:
    review = under_review()
    review.commission(date(2014, 3, 3), "independent chair (ref CH-12)", "same as chair", 850_000)
    review.hold_panel_meeting(date(2014, 4, 7))
    review.request_imr("West Midlands Police", date(2014, 3, 10))
    review.receive_imr("West Midlands Police", date(2014, 5, 12), with_chronology=True)
    review.draft("overview_report", date(2014, 7, 1))
    review.draft("executive_summary", date(2014, 7, 8))
    review.agree_action_plan(date(2014, 7, 20))
    return _settled(review)


def submitted() -> DomesticHomicideReview:
    review = ready_to_submit()
    review.submit(SUBMITTED)
    return _settled(review)


POINTS = (FeedbackPoint(1, "Clarify the chronology"), FeedbackPoint(2, "Make actions SMART"))
ANSWERS = (PointAnswer(1, "Chronology merged"), PointAnswer(2, "Actions have owners and dates"))


def with_feedback() -> DomesticHomicideReview:
    review = submitted()
    review.receive_feedback(FEEDBACK, POINTS)
    return _settled(review)


def approved() -> DomesticHomicideReview:
    review = with_feedback()
    review.resubmit(RESUBMITTED, ANSWERS)
    review.approve(APPROVED)
    return _settled(review)


def paused() -> DomesticHomicideReview:
    review = under_review()
    review.pause(date(2014, 3, 1), "criminal_trial")
    return _settled(review)


def decommissioned() -> DomesticHomicideReview:
    review = under_review()
    review.decommission(date(2014, 4, 1), "Home Office agreed: tagged onto an SCR")
    return _settled(review)


def _settled(review: DomesticHomicideReview) -> DomesticHomicideReview:
    review.collect_events()
    return review
