"""Timeliness against guidance: 1 month to decide, 7 to complete, paused days excluded."""

from __future__ import annotations

from datetime import date

import pytest

from domain.reviews import DomesticHomicideReview
from tests.unit import review_cases as cases
from tests.unit.review_cases import INCIDENT


def test_days_are_counted_from_the_incident_to_each_milestone() -> None:
    t = cases.approved().timeliness(date(2016, 1, 1))
    assert (t.days_to_decision, t.days_to_first_panel) == (24, 87)  # 3 Feb, 7 Apr 2014
    assert (t.days_to_submission, t.days_to_completion) == (234, 325)  # 1 Sep, 1 Dec 2014
    assert (t.decision_due, t.completion_due) == (date(2014, 2, 10), date(2014, 8, 10))


def test_milestones_not_yet_reached_have_no_day_count() -> None:
    t = cases.notified().timeliness(date(2014, 1, 20))
    assert (
        t.days_to_decision,
        t.days_to_first_panel,
        t.days_to_submission,
        t.days_to_completion,
    ) == (
        None,
        None,
        None,
        None,
    )
    assert not t.missed_decision_target and not t.missed_completion_target


@pytest.mark.parametrize(
    "decided_on, missed", [(date(2014, 2, 10), False), (date(2014, 2, 11), True)]
)
def test_a_decision_more_than_a_calendar_month_after_the_incident_misses_the_target(
    decided_on: date, missed: bool
) -> None:
    review = cases.notified()
    review.decide(decided_on, "hold")
    assert review.timeliness(date(2014, 3, 1)).missed_decision_target is missed


def test_a_month_from_the_31st_ends_on_the_last_day_of_a_shorter_month() -> None:
    review = DomesticHomicideReview.notify(
        "DHR-X", date(2015, 1, 31), date(2015, 2, 2), "FN", "dhr", "unexpected_death"
    )
    t = review.timeliness(date(2015, 3, 1))
    assert (t.decision_due, t.completion_due) == (date(2015, 2, 28), date(2015, 8, 31))
    assert t.missed_decision_target  # still undecided on 1 March


def test_an_undecided_case_misses_the_decision_target_once_a_month_has_passed() -> None:
    review = cases.notified()
    assert not review.timeliness(date(2014, 2, 10)).missed_decision_target
    assert review.timeliness(date(2014, 2, 11)).missed_decision_target


def test_an_open_review_misses_the_completion_target_once_seven_months_have_passed() -> None:
    review = cases.under_review()
    assert not review.timeliness(date(2014, 8, 10)).missed_completion_target
    assert review.timeliness(date(2014, 8, 11)).missed_completion_target


def test_an_undecided_case_past_seven_months_has_missed_completion_too() -> None:
    assert cases.notified().timeliness(date(2014, 9, 1)).missed_completion_target


def test_a_review_approved_within_seven_months_meets_the_target() -> None:
    review = cases.ready_to_submit()
    review.submit(date(2014, 7, 21))
    review.approve(date(2014, 8, 10))
    t = review.timeliness(date(2016, 1, 1))
    assert t.days_to_completion == 212 and not t.missed_completion_target


def test_paused_days_are_excluded_from_every_count_after_the_pause() -> None:
    review = cases.under_review()
    review.pause(date(2014, 3, 1), "criminal_trial")
    review.resume(date(2014, 7, 1))  # 122 days
    review.hold_panel_meeting(date(2014, 7, 7))
    t = review.timeliness(date(2014, 8, 1))
    assert t.paused_days == 122
    assert t.days_to_decision == 24
    assert t.days_to_first_panel == (date(2014, 7, 7) - INCIDENT).days - 122


def test_a_pause_can_keep_a_late_looking_review_within_target() -> None:
    review = cases.under_review()
    review.pause(date(2014, 3, 1), "inquest")
    review.resume(date(2014, 6, 1))  # 92 days
    assert not review.timeliness(date(2014, 11, 10)).missed_completion_target
    assert review.timeliness(date(2014, 11, 11)).missed_completion_target


def test_an_open_pause_counts_up_to_the_as_of_date() -> None:
    review = cases.paused()  # paused 1 March 2014, still paused
    t = review.timeliness(date(2015, 3, 1))
    assert t.paused_days == 365
    assert not t.missed_completion_target


def test_a_case_decided_not_to_review_has_no_completion_to_miss() -> None:
    review = cases.decided_not_to_review()
    assert not review.timeliness(date(2016, 1, 1)).missed_completion_target


def test_a_directed_review_has_a_completion_target_again() -> None:
    review = cases.decided_not_to_review()
    review.direct_review(date(2014, 3, 1))
    assert review.timeliness(date(2016, 1, 1)).missed_completion_target


def test_a_decommissioned_case_stops_the_clock_and_misses_no_completion() -> None:
    review = cases.paused()
    review.decommission(date(2014, 4, 1), "agreed")
    t = review.timeliness(date(2016, 1, 1))
    assert t.paused_days == 31
    assert not t.missed_completion_target and t.days_to_completion is None


def test_completion_is_measured_to_approval_not_publication() -> None:
    review = cases.approved()
    review.publish(date(2015, 6, 1))
    assert review.timeliness(date(2016, 1, 1)).days_to_completion == 325
