"""Every transition of a DHR case: one event each, with its domain date and its recorder."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from uuid import uuid5

import pytest

from domain.ids import LEDGER_NAMESPACE
from domain.recording import acting_as
from domain.reviews import (
    AgeBand,
    Closure,
    Commission,
    DeathCategory,
    Decision,
    DecisionCheck,
    DecisionCheckOutcome,
    DecisionOutcome,
    DomesticHomicideReview,
    FamilyInvolvement,
    FamilyMilestone,
    Imr,
    Pause,
    PauseReason,
    Relationship,
    ReviewKind,
    ReviewStatus,
    Sex,
    review_id,
)
from tests.unit import review_cases as cases
from tests.unit.review_cases import ANSWERS, DECIDED, INCIDENT, NOTIFIED, POINTS


def only_event(review: DomesticHomicideReview) -> object:
    events = review.collect_events()
    assert len(events) == 1
    return events[0]


def test_notifying_a_death_opens_a_case_with_only_anonymised_details() -> None:
    with acting_as("user-1"):
        review = DomesticHomicideReview.notify(
            " DHR-2014-03 ",
            INCIDENT,
            NOTIFIED,
            "Mary",
            "dardr",
            "homicide_suicide",
            victim_age_band="65-74",
            victim_sex="male",
            perpetrator_relationship="child",
        )
    assert review.reference == "DHR-2014-03"
    assert (review.incident_on, review.notified_on, review.pseudonym) == (
        INCIDENT,
        NOTIFIED,
        "Mary",
    )
    assert review.kind is ReviewKind.DARDR
    assert review.death_category is DeathCategory.HOMICIDE_SUICIDE
    assert review.victim_age_band is AgeBand.FROM_65_TO_74
    assert review.victim_sex is Sex.MALE
    assert review.perpetrator_relationship is Relationship.CHILD
    assert review.status is ReviewStatus.NOTIFIED
    event = only_event(review)
    assert type(event).__name__ == "Notified"
    assert event.recorded_by == "user-1"  # type: ignore[attr-defined]


def test_a_case_has_no_field_for_names_addresses_or_dates_of_birth() -> None:
    notified = DomesticHomicideReview.Notified  # type: ignore[attr-defined]
    fields = {f.name for f in dataclasses.fields(notified)}
    assert fields - {"originator_id", "originator_version", "timestamp", "originator_topic"} == {
        "recorded_by",
        "reference",
        "incident_on",
        "notified_on",
        "pseudonym",
        "kind",
        "death_category",
        "victim_age_band",
        "victim_sex",
        "perpetrator_relationship",
    }


def test_victim_details_are_optional() -> None:
    review = DomesticHomicideReview.notify(
        "DHR-2015-01", INCIDENT, NOTIFIED, "FN", "wales_susr", "unexpected_death"
    )
    assert (review.victim_age_band, review.victim_sex, review.perpetrator_relationship) == (
        None,
        None,
        None,
    )


def test_the_case_id_is_derived_from_its_reference_ignoring_case() -> None:
    review = cases.notified("DHR-2014-03")
    assert review.id == review_id("dhr-2014-03") == uuid5(LEDGER_NAMESPACE, "review:dhr-2014-03")


@pytest.mark.parametrize("outcome", ["hold", "joint_with_scr", "joint_with_sar"])
def test_deciding_to_hold_a_review_puts_the_case_under_review(outcome: str) -> None:
    review = cases.notified()
    review.decide(DECIDED, outcome)
    assert review.decision == Decision(DECIDED, DecisionOutcome(outcome), "")
    assert review.status is ReviewStatus.UNDER_REVIEW
    assert only_event(review).decided_on == DECIDED  # type: ignore[attr-defined]


@pytest.mark.parametrize("outcome", ["not_hold", "alternative_review"])
def test_deciding_not_to_hold_a_dhr_records_the_reason(outcome: str) -> None:
    review = cases.notified()
    review.decide(DECIDED, outcome, "  criteria not met  ")
    assert review.decision == Decision(DECIDED, DecisionOutcome(outcome), "criteria not met")
    assert review.status is ReviewStatus.DECIDED_NOT_TO_REVIEW


def test_telling_the_home_office_of_the_decision_is_dated() -> None:
    review = cases.decided_not_to_review()
    review.notify_home_office(date(2014, 2, 5))
    assert review.home_office_notified_on == date(2014, 2, 5)
    assert type(only_event(review)).__name__ == "HomeOfficeNotified"


@pytest.mark.parametrize("outcome", list(DecisionCheckOutcome))
def test_the_qa_panel_check_of_a_decision_not_to_review_is_recorded(outcome: str) -> None:
    review = cases.decided_not_to_review()
    review.record_decision_check(date(2014, 3, 1), outcome)
    assert review.decision_check == DecisionCheck(date(2014, 3, 1), DecisionCheckOutcome(outcome))
    assert review.status is ReviewStatus.DECIDED_NOT_TO_REVIEW


def test_a_secretary_of_state_direction_overturns_a_decision_not_to_review() -> None:
    review = cases.decided_not_to_review()
    review.record_decision_check(date(2014, 3, 1), "advised_review")
    review.direct_review(date(2014, 3, 20))
    assert review.directed_on == date(2014, 3, 20)
    assert review.status is ReviewStatus.UNDER_REVIEW
    assert review.review_started_on == date(2014, 3, 20)
    review.hold_panel_meeting(date(2014, 4, 1))
    assert review.first_panel_on == date(2014, 4, 1)


def test_commissioning_records_chair_author_and_agreed_cost_in_pence() -> None:
    review = cases.under_review()
    review.commission(
        date(2014, 3, 3), "independent chair (ref CH-12)", "independent chair (ref CH-12)", 850_000
    )
    review.commission(
        date(2014, 5, 1), "replacement chair (ref CH-19)", "author (ref AU-3)", 250_000
    )
    assert review.commissions[0] == Commission(
        date(2014, 3, 3), "independent chair (ref CH-12)", "independent chair (ref CH-12)", 850_000
    )
    assert review.agreed_cost_pence == 1_100_000


def test_panel_meetings_are_dated_and_the_first_one_is_known_whatever_the_order() -> None:
    review = cases.under_review()
    review.hold_panel_meeting(date(2014, 5, 5))
    review.hold_panel_meeting(date(2014, 4, 7))
    assert review.panel_meetings == (date(2014, 5, 5), date(2014, 4, 7))
    assert review.first_panel_on == date(2014, 4, 7)
    assert [type(e).__name__ for e in review.collect_events()] == ["PanelMet", "PanelMet"]


def test_imrs_are_requested_and_received_per_agency_with_or_without_chronology() -> None:
    review = cases.under_review()
    review.request_imr("West Midlands Police", date(2014, 3, 10))
    review.request_imr("Birmingham City Council Adult Social Care", date(2014, 3, 10))
    review.receive_imr("west midlands police", date(2014, 5, 12), with_chronology=True)
    assert review.imrs == (
        Imr("West Midlands Police", date(2014, 3, 10), date(2014, 5, 12), True, receipts=1),
        Imr("Birmingham City Council Adult Social Care", date(2014, 3, 10)),
    )


def test_a_review_paused_for_a_criminal_trial_resumes_where_it_was() -> None:
    review = cases.under_review()
    review.pause(date(2014, 3, 1), "criminal_trial")
    assert review.status is ReviewStatus.PAUSED
    review.request_imr("West Midlands Police", date(2014, 3, 10))
    review.resume(date(2014, 6, 2))
    assert review.status is ReviewStatus.UNDER_REVIEW
    assert review.pauses == (
        Pause(date(2014, 3, 1), PauseReason.CRIMINAL_TRIAL, "", date(2014, 6, 2)),
    )
    review.pause(date(2014, 7, 1), "other", "coroner's further enquiries")
    assert review.pauses[-1].note == "coroner's further enquiries"


def test_a_review_paused_after_qa_feedback_resumes_to_feedback_received() -> None:
    review = cases.with_feedback()
    review.pause(date(2014, 10, 5), "inquest")
    assert review.status is ReviewStatus.PAUSED
    review.resume(date(2014, 10, 20))
    assert review.status is ReviewStatus.FEEDBACK_RECEIVED


@pytest.mark.parametrize(
    "milestone", [m for m in FamilyMilestone if m is not FamilyMilestone.RECEIVED_DRAFT]
)
def test_each_family_involvement_milestone_is_recorded_with_its_date(milestone: str) -> None:
    review = cases.under_review()
    review.record_family_involvement(milestone, date(2014, 3, 15))
    assert review.family_involvement == (
        FamilyInvolvement(FamilyMilestone(milestone), date(2014, 3, 15)),
    )


def test_the_family_receives_the_draft_once_it_exists() -> None:
    review = cases.ready_to_submit()
    review.record_family_involvement("received_draft", date(2014, 7, 10))
    assert review.family_involvement[-1].milestone is FamilyMilestone.RECEIVED_DRAFT


def test_drafts_and_the_action_plan_are_dated_and_a_revision_replaces_the_date() -> None:
    review = cases.under_review()
    review.draft("overview_report", date(2014, 7, 1))
    review.draft("executive_summary", date(2014, 7, 8))
    review.agree_action_plan(date(2014, 7, 20))
    review.draft("overview_report", date(2014, 7, 22))
    assert review.overview_report_drafted_on == date(2014, 7, 22)
    assert review.executive_summary_drafted_on == date(2014, 7, 8)
    assert review.action_plan_agreed_on == date(2014, 7, 20)


def test_submitting_sends_the_case_to_the_qa_panel() -> None:
    review = cases.ready_to_submit()
    review.submit(date(2014, 9, 1))
    assert (review.status, review.submitted_on) == (ReviewStatus.SUBMITTED, date(2014, 9, 1))


def test_qa_feedback_is_a_letter_of_numbered_points_answered_one_by_one() -> None:
    review = cases.submitted()
    review.receive_feedback(date(2014, 10, 1), list(POINTS))
    assert review.status is ReviewStatus.FEEDBACK_RECEIVED
    review.resubmit(date(2014, 11, 3), [ANSWERS[1], ANSWERS[0]])
    assert review.status is ReviewStatus.SUBMITTED
    (letter,) = review.feedback_rounds
    assert (letter.points, letter.answers, letter.resubmitted_on) == (
        POINTS,
        ANSWERS,
        date(2014, 11, 3),
    )
    assert review.submitted_on == date(2014, 9, 1)
    assert review.last_submitted_on == date(2014, 11, 3)


def test_a_second_letter_starts_a_new_round_of_points() -> None:
    review = cases.with_feedback()
    review.resubmit(date(2014, 11, 3), ANSWERS)
    review.receive_feedback(date(2014, 11, 20), [POINTS[0]])
    review.resubmit(date(2014, 12, 1), [ANSWERS[0]])
    assert len(review.feedback_rounds) == 2


def test_approval_then_publication() -> None:
    review = cases.approved()
    assert review.approved_on == cases.APPROVED
    review.publish(date(2015, 2, 2))
    assert (review.status, review.published_on) == (ReviewStatus.PUBLISHED, date(2015, 2, 2))


def test_publication_can_be_withheld_with_a_reason_and_later_go_ahead() -> None:
    review = cases.approved()
    review.withhold_publication(date(2015, 1, 5), "risk to surviving children")
    assert review.status is ReviewStatus.PUBLICATION_WITHHELD
    assert review.publication_withheld == Closure(date(2015, 1, 5), "risk to surviving children")
    review.publish(date(2016, 1, 5))
    assert review.status is ReviewStatus.PUBLISHED


@pytest.mark.parametrize(
    "build",
    [
        cases.notified,
        cases.decided_not_to_review,
        cases.under_review,
        cases.paused,
        cases.submitted,
        cases.with_feedback,
    ],
)
def test_a_case_not_yet_approved_can_be_decommissioned_with_home_office_agreement(
    build: Callable[[], DomesticHomicideReview],
) -> None:
    review = build()
    review.decommission(date(2014, 12, 20), "Home Office agreed: criteria not met")
    assert review.status is ReviewStatus.DECOMMISSIONED
    assert review.decommissioned == Closure(
        date(2014, 12, 20), "Home Office agreed: criteria not met"
    )


def test_events_carry_the_domain_date_which_may_be_long_before_recording() -> None:
    review = cases.notified()
    review.decide(DECIDED, "hold")
    event = only_event(review)
    assert event.decided_on == DECIDED  # type: ignore[attr-defined]
    assert event.timestamp.date() > DECIDED  # type: ignore[attr-defined]


def test_replaying_the_events_of_a_whole_lifecycle_rebuilds_the_same_case() -> None:
    """Guards that every state change is an event: a change made outside one would not replay."""
    with acting_as("user-7"):
        review = DomesticHomicideReview.notify(
            "DHR-2013-01", INCIDENT, NOTIFIED, "FN", "dhr", "familial_homicide"
        )
        review.decide(DECIDED, "not_hold", "no qualifying relationship")
        review.notify_home_office(date(2014, 2, 4))
        review.record_decision_check(date(2014, 3, 1), "advised_review")
        review.direct_review(date(2014, 3, 10))
        review.commission(date(2014, 3, 12), "chair (ref CH-1)", "author (ref AU-1)", 1_700_000)
        review.hold_panel_meeting(date(2014, 4, 1))
        review.request_imr("Staffordshire Police", date(2014, 3, 15))
        review.receive_imr("Staffordshire Police", date(2014, 4, 20), with_chronology=True)
        review.pause(date(2014, 5, 1), "inquest")
        review.resume(date(2014, 6, 1))
        review.record_family_involvement("had_expert_advocate", date(2014, 6, 3))
        review.draft("overview_report", date(2014, 7, 1))
        review.draft("executive_summary", date(2014, 7, 2))
        review.agree_action_plan(date(2014, 7, 3))
        review.submit(date(2014, 8, 1))
        review.receive_feedback(date(2014, 9, 1), POINTS)
        review.resubmit(date(2014, 9, 15), ANSWERS)
        review.approve(date(2014, 10, 1))
        review.withhold_publication(date(2014, 10, 2), "awaiting the end of proceedings")
        review.publish(date(2015, 1, 5))
    events = review.collect_events()
    replayed = None
    for stored in events:
        replayed = stored.mutate(replayed)
    assert replayed == review
    assert {e.recorded_by for e in events} == {"user-7"}  # type: ignore[attr-defined]
    assert [type(e).__name__ for e in events] == [
        "Notified",
        "Decided",
        "HomeOfficeNotified",
        "DecisionChecked",
        "ReviewDirected",
        "Commissioned",
        "PanelMet",
        "ImrRequested",
        "ImrReceived",
        "Paused",
        "Resumed",
        "FamilyInvolved",
        "Drafted",
        "Drafted",
        "ActionPlanAgreed",
        "Submitted",
        "FeedbackReceived",
        "Resubmitted",
        "Approved",
        "PublicationWithheld",
        "Published",
    ]
