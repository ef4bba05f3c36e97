"""Every refusal: a domain error that says what to do, and nothing recorded."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest

from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError
from domain.reviews import DomesticHomicideReview, FeedbackPoint, PointAnswer
from tests.unit import review_cases as cases
from tests.unit.review_cases import ANSWERS, DECIDED, INCIDENT, NOTIFIED, POINTS, assert_refused

Build = Callable[[], DomesticHomicideReview]


def notify(**changes: object) -> DomesticHomicideReview:
    args: dict[str, object] = dict(
        reference="DHR-2014-03",
        incident_on=INCIDENT,
        notified_on=NOTIFIED,
        pseudonym="Mary",
        kind="dhr",
        death_category="familial_homicide",
    )
    return DomesticHomicideReview.notify(**{**args, **changes})  # type: ignore[arg-type]


# notification
@pytest.mark.parametrize(
    "changes, match",
    [
        ({"reference": ""}, "case reference"),
        ({"reference": "DHR 2014 03"}, "case reference"),
        ({"notified_on": date(2014, 1, 9)}, "before the incident"),
        ({"incident_on": date(1899, 11, 10)}, r"before the day DHRs began \(2011-04-13\)"),
        ({"incident_on": date(2099, 1, 1), "notified_on": date(2099, 1, 2)}, "after today"),
        ({"incident_on": datetime(2014, 1, 10, 12, 0)}, "calendar date"),
        ({"pseudonym": "  "}, "pseudonym"),
        ({"kind": "inquiry"}, "review kind"),
        ({"death_category": "accident"}, "death category"),
        ({"victim_age_band": "15"}, "age band"),
        ({"victim_sex": "x"}, "sex"),
        ({"perpetrator_relationship": "neighbour"}, "relationship"),
    ],
)
def test_notification_with_a_wrong_value_is_refused(changes: dict[str, object], match: str) -> None:
    with pytest.raises(InvalidValueError, match=match):
        notify(**changes)


def test_a_notification_dated_after_the_given_today_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="after today"):
        notify(today=date(2014, 1, 12))


# decision
def test_a_decision_dated_before_the_incident_is_refused() -> None:
    review = cases.notified()
    assert_refused(
        review,
        InvalidValueError,
        review.decide,
        date(2014, 1, 9),
        "hold",
        match="before the incident",
    )


def test_a_decision_dated_before_the_notification_is_refused() -> None:
    review = cases.notified()
    assert_refused(
        review, InvalidValueError, review.decide, date(2014, 1, 12), "hold", match="notification"
    )


def test_a_decision_dated_in_the_future_is_refused() -> None:
    review = cases.notified()
    assert_refused(
        review, InvalidValueError, review.decide, DECIDED, "hold", today=date(2014, 2, 1)
    )


def test_a_decision_not_to_review_without_a_reason_is_refused() -> None:
    review = cases.notified()
    assert_refused(
        review, InvalidValueError, review.decide, DECIDED, "not_hold", " ", match="reason"
    )


def test_an_unknown_decision_is_refused() -> None:
    review = cases.notified()
    assert_refused(
        review, InvalidValueError, review.decide, DECIDED, "maybe", match="hold, not_hold"
    )


@pytest.mark.parametrize(
    "build", [cases.under_review, cases.decided_not_to_review, cases.decommissioned]
)
def test_deciding_twice_is_refused(build: Build) -> None:
    review = build()
    assert_refused(review, InvalidTransitionError, review.decide, DECIDED, "hold")


def test_telling_the_home_office_before_a_decision_is_refused() -> None:
    review = cases.notified()
    assert_refused(
        review, InvalidTransitionError, review.notify_home_office, DECIDED, match="decision first"
    )


def test_telling_the_home_office_twice_is_refused() -> None:
    review = cases.under_review()
    review.notify_home_office(DECIDED)
    review.collect_events()
    assert_refused(
        review, InvalidTransitionError, review.notify_home_office, DECIDED, match="already"
    )


def test_telling_the_home_office_before_the_decision_date_is_refused() -> None:
    review = cases.under_review()
    assert_refused(review, InvalidValueError, review.notify_home_office, date(2014, 2, 1))


def test_a_qa_check_of_a_decision_to_review_is_refused() -> None:
    review = cases.under_review()
    assert_refused(review, InvalidTransitionError, review.record_decision_check, DECIDED, "agreed")


def test_a_second_qa_check_of_a_decision_is_refused() -> None:
    review = cases.decided_not_to_review()
    review.record_decision_check(date(2014, 3, 1), "agreed")
    review.collect_events()
    assert_refused(
        review, InvalidTransitionError, review.record_decision_check, date(2014, 3, 2), "agreed"
    )


def test_an_unknown_qa_check_outcome_is_refused() -> None:
    review = cases.decided_not_to_review()
    assert_refused(
        review, InvalidValueError, review.record_decision_check, date(2014, 3, 1), "unsure"
    )


def test_a_direction_to_review_a_case_already_under_review_is_refused() -> None:
    review = cases.under_review()
    assert_refused(review, InvalidTransitionError, review.direct_review, date(2014, 3, 1))


def test_a_direction_dated_before_the_qa_check_is_refused() -> None:
    review = cases.decided_not_to_review()
    review.record_decision_check(date(2014, 3, 1), "advised_review")
    review.collect_events()
    assert_refused(
        review, InvalidValueError, review.direct_review, date(2014, 2, 20), match="QA panel check"
    )


# conducting the review
def test_commissioning_before_a_decision_to_review_is_refused() -> None:
    review = cases.decided_not_to_review()
    assert_refused(
        review,
        InvalidTransitionError,
        review.commission,
        date(2014, 3, 1),
        "chair (ref 1)",
        "author (ref 1)",
        100,
    )


@pytest.mark.parametrize("cost", [8500.0, -1, True, "8500"])
def test_a_cost_that_is_not_whole_non_negative_pence_is_refused(cost: object) -> None:
    review = cases.under_review()
    assert_refused(
        review,
        InvalidValueError,
        review.commission,
        date(2014, 3, 1),
        "chair (ref 1)",
        "author (ref 1)",
        cost,
        match="pence",
    )


def test_an_agreed_cost_no_partnership_could_mean_is_refused() -> None:
    """£99,999,999,999,999,999,999 typed by mistake would swamp every total for ever."""
    review = cases.under_review()
    assert_refused(
        review,
        InvalidValueError,
        review.commission,
        date(2014, 3, 1),
        "chair (ref 1)",
        "author (ref 1)",
        9_999_999_999_999_999_999_900,
        match=r"The agreed cost of £99,999,999,999,999,999,999.00 is more than £1,000,000,000.00",
    )
    review.commission(date(2014, 3, 1), "chair (ref 1)", "author (ref 1)", 100_000_000_000)


def test_commissioning_without_a_chair_reference_is_refused() -> None:
    review = cases.under_review()
    assert_refused(
        review, InvalidValueError, review.commission, date(2014, 3, 1), "", "author (ref 1)", 100
    )


def test_a_panel_meeting_on_a_decommissioned_case_is_refused() -> None:
    review = cases.decommissioned()
    assert_refused(
        review,
        InvalidTransitionError,
        review.hold_panel_meeting,
        date(2014, 5, 1),
        match="decommissioned",
    )


def test_a_panel_meeting_while_paused_is_refused_until_resumed() -> None:
    review = cases.paused()
    assert_refused(
        review, InvalidTransitionError, review.hold_panel_meeting, date(2014, 4, 1), match="Resume"
    )


@pytest.mark.parametrize(
    "build", [cases.notified, cases.decided_not_to_review, cases.submitted, cases.approved]
)
def test_a_panel_meeting_outside_an_active_review_is_refused(build: Build) -> None:
    review = build()
    assert_refused(review, InvalidTransitionError, review.hold_panel_meeting, date(2014, 12, 20))


def test_a_panel_meeting_before_the_decision_is_refused() -> None:
    review = cases.under_review()
    assert_refused(
        review,
        InvalidValueError,
        review.hold_panel_meeting,
        date(2014, 2, 1),
        match="decision to review",
    )


def test_recording_the_same_panel_meeting_twice_is_refused() -> None:
    review = cases.ready_to_submit()
    assert_refused(review, DuplicateError, review.hold_panel_meeting, date(2014, 4, 7))


def test_receiving_an_imr_never_requested_is_refused() -> None:
    review = cases.under_review()
    assert_refused(
        review,
        InvalidTransitionError,
        review.receive_imr,
        "NHS Trust",
        date(2014, 4, 1),
        match="request it first",
    )


def test_receiving_an_imr_twice_is_refused() -> None:
    review = cases.ready_to_submit()
    assert_refused(
        review, DuplicateError, review.receive_imr, "West Midlands Police", date(2014, 6, 1)
    )


def test_requesting_an_imr_from_the_same_agency_twice_is_refused() -> None:
    review = cases.ready_to_submit()
    assert_refused(
        review, DuplicateError, review.request_imr, "WEST MIDLANDS POLICE", date(2014, 6, 1)
    )


def test_receiving_an_imr_before_it_was_requested_is_refused() -> None:
    review = cases.under_review()
    review.request_imr("Probation", date(2014, 3, 10))
    review.collect_events()
    assert_refused(
        review,
        InvalidValueError,
        review.receive_imr,
        "Probation",
        date(2014, 3, 9),
        match="IMR request",
    )


def test_an_imr_chronology_flag_must_be_true_or_false() -> None:
    review = cases.under_review()
    review.request_imr("Probation", date(2014, 3, 10))
    review.collect_events()
    assert_refused(
        review, InvalidValueError, review.receive_imr, "Probation", date(2014, 4, 1), "yes"
    )


# pauses
def test_pausing_twice_is_refused() -> None:
    review = cases.paused()
    assert_refused(review, InvalidTransitionError, review.pause, date(2014, 3, 5), "inquest")


def test_resuming_a_review_that_is_not_paused_is_refused() -> None:
    review = cases.under_review()
    assert_refused(review, InvalidTransitionError, review.resume, date(2014, 3, 5))


def test_resuming_before_the_pause_is_refused() -> None:
    review = cases.paused()
    assert_refused(
        review, InvalidValueError, review.resume, date(2014, 2, 20), match="before the pause"
    )


def test_pausing_for_an_other_reason_without_saying_what_is_refused() -> None:
    review = cases.under_review()
    assert_refused(review, InvalidValueError, review.pause, date(2014, 3, 1), "other")


@pytest.mark.parametrize("build", [cases.notified, cases.decided_not_to_review, cases.submitted])
def test_pausing_outside_an_active_review_is_refused(build: Build) -> None:
    review = build()
    assert_refused(review, InvalidTransitionError, review.pause, date(2014, 9, 2), "inquest")


# family
def test_recording_a_family_milestone_twice_is_refused() -> None:
    review = cases.under_review()
    review.record_family_involvement("contributed", date(2014, 3, 1))
    review.collect_events()
    assert_refused(
        review, DuplicateError, review.record_family_involvement, "contributed", date(2014, 3, 2)
    )


def test_the_family_cannot_receive_a_draft_that_does_not_exist() -> None:
    review = cases.under_review()
    assert_refused(
        review,
        InvalidTransitionError,
        review.record_family_involvement,
        "received_draft",
        date(2014, 3, 2),
    )


def test_an_unknown_family_milestone_is_refused() -> None:
    review = cases.under_review()
    assert_refused(
        review, InvalidValueError, review.record_family_involvement, "visited", date(2014, 3, 2)
    )


def test_family_involvement_before_a_decision_to_review_is_refused() -> None:
    review = cases.notified()
    assert_refused(
        review,
        InvalidTransitionError,
        review.record_family_involvement,
        "contributed",
        date(2014, 3, 2),
    )


# reporting and submission
@pytest.mark.parametrize("build", [cases.notified, cases.decided_not_to_review])
def test_submitting_before_a_decision_to_review_is_refused(build: Build) -> None:
    review = build()
    assert_refused(review, InvalidTransitionError, review.submit, date(2014, 9, 1))


def test_submitting_without_the_report_summary_and_action_plan_is_refused() -> None:
    review = cases.under_review()
    assert_refused(
        review,
        InvalidTransitionError,
        review.submit,
        date(2014, 9, 1),
        match="overview report, executive summary, action plan",
    )


def test_submitting_before_the_drafts_are_dated_is_refused() -> None:
    review = cases.ready_to_submit()
    assert_refused(review, InvalidValueError, review.submit, date(2014, 7, 10), match="action plan")


def test_submitting_twice_is_refused() -> None:
    review = cases.submitted()
    assert_refused(review, InvalidTransitionError, review.submit, date(2014, 9, 2))


def test_submitting_again_after_feedback_is_refused_in_favour_of_resubmission() -> None:
    review = cases.with_feedback()
    assert_refused(
        review, InvalidTransitionError, review.submit, date(2014, 10, 2), match="resubmit"
    )


def test_drafting_an_unknown_document_is_refused() -> None:
    review = cases.under_review()
    assert_refused(review, InvalidValueError, review.draft, "foreword", date(2014, 7, 1))


def test_drafting_while_submitted_is_refused() -> None:
    review = cases.submitted()
    assert_refused(
        review, InvalidTransitionError, review.draft, "overview_report", date(2014, 9, 2)
    )


def test_agreeing_an_action_plan_before_a_decision_to_review_is_refused() -> None:
    review = cases.notified()
    assert_refused(review, InvalidTransitionError, review.agree_action_plan, date(2014, 7, 1))


# QA feedback
def test_feedback_before_submission_is_refused() -> None:
    review = cases.ready_to_submit()
    assert_refused(
        review, InvalidTransitionError, review.receive_feedback, date(2014, 10, 1), POINTS
    )


@pytest.mark.parametrize(
    "points",
    [
        (),
        (FeedbackPoint(1, "a"), FeedbackPoint(1, "b")),
        (FeedbackPoint(0, "a"),),
        (FeedbackPoint(1, " "),),
        ("1",),
    ],
)
def test_a_feedback_letter_without_distinct_numbered_points_is_refused(
    points: tuple[object, ...],
) -> None:
    review = cases.submitted()
    assert_refused(review, InvalidValueError, review.receive_feedback, date(2014, 10, 1), points)


def test_feedback_dated_before_the_submission_is_refused() -> None:
    review = cases.submitted()
    assert_refused(review, InvalidValueError, review.receive_feedback, date(2014, 8, 31), POINTS)


def test_a_resubmission_leaving_a_point_unanswered_is_refused() -> None:
    review = cases.with_feedback()
    assert_refused(
        review,
        InvalidValueError,
        review.resubmit,
        date(2014, 11, 3),
        ANSWERS[:1],
        match=r"Point\(s\) \[2\]",
    )


def test_a_resubmission_answering_an_unknown_point_is_refused() -> None:
    review = cases.with_feedback()
    answers = (*ANSWERS, PointAnswer(3, "extra"))
    assert_refused(
        review,
        InvalidValueError,
        review.resubmit,
        date(2014, 11, 3),
        answers,
        match=r"no point\(s\) \[3\]",
    )


def test_a_resubmission_answering_a_point_twice_is_refused() -> None:
    review = cases.with_feedback()
    answers = (*ANSWERS, PointAnswer(2, "again"))
    assert_refused(review, InvalidValueError, review.resubmit, date(2014, 11, 3), answers)


def test_resubmitting_without_feedback_is_refused() -> None:
    review = cases.submitted()
    assert_refused(review, InvalidTransitionError, review.resubmit, date(2014, 11, 3), ANSWERS)


def test_resubmitting_before_the_letter_arrived_is_refused() -> None:
    review = cases.with_feedback()
    assert_refused(review, InvalidValueError, review.resubmit, date(2014, 9, 30), ANSWERS)


# approval, publication, decommissioning
@pytest.mark.parametrize("build", [cases.under_review, cases.ready_to_submit, cases.with_feedback])
def test_approving_a_report_not_awaiting_the_qa_panel_is_refused(build: Build) -> None:
    review = build()
    assert_refused(review, InvalidTransitionError, review.approve, date(2014, 12, 1))


def test_approval_dated_before_the_submission_is_refused() -> None:
    review = cases.submitted()
    assert_refused(review, InvalidValueError, review.approve, date(2014, 8, 1))


@pytest.mark.parametrize(
    "build", [cases.under_review, cases.submitted, cases.with_feedback, cases.decommissioned]
)
def test_publishing_before_approval_is_refused(build: Build) -> None:
    review = build()
    assert_refused(
        review,
        InvalidTransitionError,
        review.publish,
        date(2014, 12, 20),
        match="Approval comes first",
    )


def test_publishing_twice_is_refused() -> None:
    review = cases.approved()
    review.publish(date(2015, 1, 5))
    review.collect_events()
    assert_refused(review, InvalidTransitionError, review.publish, date(2015, 1, 6))


def test_publication_dated_before_approval_is_refused() -> None:
    review = cases.approved()
    assert_refused(review, InvalidValueError, review.publish, date(2014, 11, 30))


def test_withholding_publication_before_approval_is_refused() -> None:
    review = cases.submitted()
    assert_refused(
        review,
        InvalidTransitionError,
        review.withhold_publication,
        date(2014, 12, 20),
        "risk to children",
    )


def test_withholding_publication_without_a_reason_is_refused() -> None:
    review = cases.approved()
    assert_refused(review, InvalidValueError, review.withhold_publication, date(2014, 12, 20), "")


@pytest.mark.parametrize("build", [cases.approved, cases.decommissioned])
def test_decommissioning_an_approved_or_closed_case_is_refused(build: Build) -> None:
    review = build()
    assert_refused(
        review, InvalidTransitionError, review.decommission, date(2014, 12, 20), "agreed"
    )


def test_decommissioning_without_a_reason_is_refused() -> None:
    review = cases.under_review()
    assert_refused(review, InvalidValueError, review.decommission, date(2014, 4, 1), " ")


def test_decommissioning_dated_before_the_decision_is_refused() -> None:
    review = cases.under_review()
    assert_refused(review, InvalidValueError, review.decommission, date(2014, 2, 1), "agreed")


@pytest.mark.parametrize("as_of", [date(2014, 1, 9), "2015-01-01"])
def test_timeliness_as_of_a_date_before_the_incident_is_refused(as_of: object) -> None:
    with pytest.raises(InvalidValueError, match="on or after the incident"):
        cases.notified().timeliness(as_of)  # type: ignore[arg-type]


def test_a_step_dated_inside_a_pause_the_review_resumed_from_is_refused() -> None:
    """Paused for the trial from 1 March to 1 June 2014: a draft, the action plan's agreement
    or a panel meeting dated in between would contradict the pause."""
    review = cases.under_review()
    review.pause(date(2014, 3, 1), "criminal_trial")
    review.resume(date(2014, 6, 1))
    review.collect_events()
    for command in (
        lambda: review.draft("overview_report", date(2014, 4, 1)),
        lambda: review.agree_action_plan(date(2014, 4, 1)),
        lambda: review.hold_panel_meeting(date(2014, 4, 1)),
    ):
        assert_refused(review, InvalidValueError, command, match="paused from 2014-03-01")
    review.hold_panel_meeting(date(2014, 6, 1))


def test_a_step_never_recorded_is_recorded_not_corrected() -> None:
    review = cases.under_review()
    for field in ("home_office_notified_on", "submitted_on", "published_on"):
        assert_refused(
            review,
            InvalidTransitionError,
            review.correct,
            field,
            date(2014, 3, 1),
            "keyed wrong",
            match="to correct; record the",
        )


def test_a_missed_pause_is_added_only_to_a_review_being_held() -> None:
    """Decided not to review: there is no review to have paused, and a direction to review
    dated after it would start a review already paused."""
    review = cases.decided_not_to_review()
    missed = {"paused_on": "2014-02-10", "resumed_on": "2014-02-20", "reason": "inquest"}
    assert_refused(
        review,
        InvalidTransitionError,
        review.correct,
        "pause",
        missed,
        "the inquest was not recorded",
        match="not under review, so it has no pause to add",
    )


def test_documents_redrafted_after_qa_feedback_go_with_the_resubmission() -> None:
    """After the QA letter the action plan is agreed again; the resubmission cannot be dated
    before that agreement, and the case keeps its date rules throughout."""
    review = cases.with_feedback()
    review.agree_action_plan(date(2014, 10, 20))
    review.collect_events()
    assert_refused(
        review,
        InvalidValueError,
        review.resubmit,
        date(2014, 10, 15),
        cases.ANSWERS,
        match="before the action plan agreement",
    )
    review.resubmit(date(2014, 10, 21), cases.ANSWERS)
    assert review.last_submitted_on == date(2014, 10, 21)
