"""Corrections in the domain: each record puts a mis-keyed fact right as its own event, and is
held to the rules of the command that first recorded it."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from domain.actionplan import Action, ImpactOutcome, Recommendation, Scope
from domain.errors import InvalidTransitionError, InvalidValueError, NotFoundError
from domain.funding import FinancialYear, PooledBudget, ReviewCost
from domain.recording import acting_as
from domain.texts import WRITTEN
from tests.unit import review_cases as cases
from tests.unit.review_cases import assert_refused

WHY = "typed the date of the first police call"
INCIDENT = date(2015, 6, 1)  # of the recommendations and costs below


def test_a_corrected_incident_date_is_its_own_event_with_the_old_value_and_the_reason() -> None:
    review = cases.under_review()
    with acting_as("lead-1"):
        review.correct("incident_on", "2014-01-12", WHY)
    event: Any
    (event,) = review.collect_events()
    assert type(event).__name__ == "Corrected" and event.recorded_by == "lead-1"
    assert (event.field, event.previous, event.value, event.reason) == (
        "incident_on",
        date(2014, 1, 10),
        date(2014, 1, 12),
        WHY,
    )
    assert review.incident_on == date(2014, 1, 12)
    assert review.timeliness(date(2014, 3, 1)).days_to_decision == 22


@pytest.mark.parametrize(
    ("field", "value", "match"),
    [
        ("incident_on", "2014-02-04", "before the incident"),  # after the decision and notice
        ("decided_on", "2014-01-13", "before the notification"),
        ("notified_on", "2099-01-01", "after today"),
        ("incident_on", "14/01/2014", "calendar date"),
        ("incident_on", "2001-01-10", "before the day DHRs began"),
        ("kind", "inquest", "not a known"),
        ("reference", "X", "not a correctable field"),
        ("incident_on", "2014-01-10", "nothing to correct"),
    ],
)
def test_a_correction_that_breaks_a_rule_is_refused_and_records_nothing(
    field: str, value: str, match: str
) -> None:
    review = cases.under_review()
    assert_refused(review, InvalidValueError, review.correct, field, value, WHY, match=match)


def test_a_correction_needs_a_reason_and_a_step_that_happened() -> None:
    review = cases.notified()
    assert_refused(review, InvalidValueError, review.correct, "pseudonym", "FN", " ", match="why")
    assert_refused(review, InvalidTransitionError, review.correct, "decided_on", "2014-02-01", WHY)


def test_a_submitted_case_cannot_have_its_drafts_moved_after_the_submission() -> None:
    review = cases.submitted()
    assert_refused(
        review,
        InvalidValueError,
        review.correct,
        "overview_report_drafted_on",
        "2014-09-05",
        WHY,
        match="submission",
    )
    review.correct("overview_report_drafted_on", "2014-06-30", WHY)
    assert review.overview_report_drafted_on == date(2014, 6, 30)


RECEIVED = "The family received the overview report draft on 2014-07-10"


def test_the_draft_the_family_received_cannot_be_corrected_to_after_their_receipt() -> None:
    """Recording the family's receipt before the draft's date is refused; so is correcting the
    draft they received to a date after it. A redraft after the receipt is a draft they have
    not received: its own date is not held to the receipt, now or when corrected."""
    review = cases.ready_to_submit()  # the overview report drafted on 2014-07-01
    review.record_family_involvement("received_draft", date(2014, 7, 10))
    review.collect_events()
    assert_refused(
        review,
        InvalidValueError,
        review.correct,
        "overview_report_drafted_on",
        "2014-07-15",
        WHY,
        match=f"{RECEIVED}, so it cannot be dated 2014-07-15",
    )
    review.correct("overview_report_drafted_on", "2014-07-10", WHY)  # received on the day
    review.draft("overview_report", date(2014, 7, 25))  # revised after the family read it
    review.correct("overview_report_drafted_on", "2014-07-28", WHY)
    assert review.overview_report_drafted_on == date(2014, 7, 28)


def test_a_replayed_case_still_knows_which_draft_the_family_received() -> None:
    """What the case remembers is worked out from the events it has always stored."""
    review = cases.notified_unsettled()
    review.decide(cases.DECIDED, "hold")
    review.draft("overview_report", date(2014, 7, 1))
    review.record_family_involvement("received_draft", date(2014, 7, 10))
    events = list(review.collect_events())
    replayed = _replayed(events)
    assert_refused(
        replayed,
        InvalidValueError,
        replayed.correct,
        "overview_report_drafted_on",
        "2014-07-15",
        WHY,
        match=RECEIVED,
    )
    review.draft("overview_report", date(2014, 7, 25))
    replayed = _replayed([*events, *review.collect_events()])
    replayed.correct("overview_report_drafted_on", "2014-07-28", WHY)
    assert replayed.overview_report_drafted_on == date(2014, 7, 28)


def _replayed(events: list[Any]) -> Any:
    case = None
    for e in events:
        case = e.mutate(case)
    assert case is not None
    return case


def test_a_missing_past_pause_can_be_added_but_not_across_a_later_step() -> None:
    review = cases.ready_to_submit()  # panel met 2014-04-07, drafts in July
    pause = {"paused_on": "2014-04-08", "resumed_on": "2014-06-08", "reason": "inquest"}
    review.correct("pause", pause, "inquest adjournment was not recorded")
    assert review.timeliness(date(2014, 7, 1)).paused_days == 61
    review.collect_events()
    across = {"paused_on": "2014-06-09", "resumed_on": "2014-07-05", "reason": "inquest"}
    assert_refused(review, InvalidValueError, review.correct, "pause", across, WHY, match="draft")
    overlapping = {"paused_on": "2014-05-01", "resumed_on": "2014-05-02", "reason": "inquest"}
    assert_refused(
        review, InvalidValueError, review.correct, "pause", overlapping, WHY, match="resumption"
    )


def _family_contributed() -> Any:
    review = cases.under_review()
    review.record_family_involvement("contributed", date(2014, 3, 1))
    return review


def _withheld() -> Any:
    review = cases.approved()
    review.withhold_publication(date(2014, 12, 10), "trial pending")
    return review


def _published() -> Any:
    review = _withheld()
    review.publish(date(2015, 2, 1))
    return review


@pytest.mark.parametrize(
    ("case", "field", "value", "match"),
    [
        (_family_contributed, "decided_on", "2014-03-05", "family involvement is dated 2014-03-01"),
        (cases.with_feedback, "submitted_on", "2014-10-02", "QA feedback letter is dated"),
        (cases.approved, "submitted_on", "2014-10-02", "QA feedback letter is dated"),
        (_withheld, "approved_on", "2014-12-15", "decision to withhold is dated 2014-12-10"),
        (_published, "published_on", "2014-12-05", "before the decision to withhold"),
        (
            cases.approved,
            "pause",
            {"paused_on": "2014-10-10", "resumed_on": "2014-11-30", "reason": "inquest"},
            "its resubmission is recorded on",
        ),
    ],
)
def test_a_case_correction_is_held_to_its_family_qa_and_publication_steps(
    case: Any, field: str, value: Any, match: str
) -> None:
    """The steps recorded after the decision, the submission and the approval were each held
    to them when recorded; a correction moving any of those dates is held to the steps too."""
    review = case()
    assert_refused(review, InvalidValueError, review.correct, field, value, WHY, match=match)


def made() -> Recommendation:
    rec = Recommendation.make(
        uuid.uuid4(),
        "1",
        "Train staff",
        Scope.NATIONAL,
        date(2016, 1, 1),
        ["training"],
        None,
        "health",
        incident_on=INCIDENT,
    )
    rec.route_nationally("Home Office", date(2016, 2, 1))
    rec.collect_events()
    return rec


def test_a_recommendation_takes_corrections_within_its_rules() -> None:
    rec = made()
    rec.correct("text", "Train all staff", "typo", incident_on=INCIDENT, actions=())
    with pytest.raises(InvalidValueError, match="routed"):
        rec.correct("made_on", "2016-03-01", "wrong year", incident_on=INCIDENT, actions=())
    with pytest.raises(InvalidValueError, match="targets"):
        rec.correct("target_sector", None, "no sector", incident_on=INCIDENT, actions=())
    assert [type(e).__name__ for e in rec.collect_events()] == ["Corrected"]
    assert rec.text == "Train all staff"


def test_a_recommendation_or_a_completion_cannot_be_corrected_to_a_day_still_to_come() -> None:
    """Held to the rule that first recorded them: what is done must have happened by today."""
    rec = Recommendation.make(
        uuid.uuid4(),
        "1",
        "Train staff",
        Scope.SINGLE_AGENCY,
        date(2016, 1, 1),
        ["training"],
        "Police",
        incident_on=INCIDENT,
    )
    rec.collect_events()
    assert_refused(
        rec,
        InvalidValueError,
        rec.correct,
        "made_on",
        "2099-01-01",
        WHY,
        incident_on=INCIDENT,
        actions=(),
        match="today",
    )
    action = Action.plan(
        uuid.uuid4(), uuid.uuid4(), "Police", "Train", date(2016, 6, 1), date(2016, 1, 1)
    )
    action.complete(date(2016, 5, 1), 6)
    action.collect_events()
    assert_refused(
        action, InvalidValueError, action.correct, "completed_on", "2099-01-01", WHY, match="today"
    )


def test_an_actions_description_is_corrected_within_the_limit_it_was_written_to() -> None:
    """One limit for a review's own words (``WRITTEN``), whether recorded or corrected: a
    description the API took at 3,000 characters was refused when corrected (2,000)."""
    action = Action.plan(
        uuid.uuid4(), uuid.uuid4(), "Police", "Train", date(2016, 6, 1), date(2016, 1, 1)
    )
    action.collect_events()
    action.correct("description", "x" * WRITTEN, WHY)
    assert len(action.description) == WRITTEN
    assert_refused(
        action,
        InvalidValueError,
        action.correct,
        "description",
        "y" * (WRITTEN + 1),
        WHY,
        match=f"keep it to {WRITTEN}",
    )


def test_a_corrected_completion_moves_the_impact_review_with_it() -> None:
    action = Action.plan(
        uuid.uuid4(), uuid.uuid4(), "Police", "Train", date(2016, 6, 1), date(2016, 1, 1)
    )
    action.complete(date(2016, 5, 1), 6)
    action.correct("completed_on", "2016-04-01", "completed a month earlier")
    assert (action.completed_on, action.impact_review_due_on) == (
        date(2016, 4, 1),
        date(2016, 10, 1),
    )
    with pytest.raises(InvalidValueError, match="recommendation was only made"):
        action.correct("due_on", "2015-12-01", "x")
    action.confirm_completion(date(2016, 4, 10), "hocs")
    with pytest.raises(InvalidValueError, match="confirmed"):
        action.correct("completed_on", "2016-04-20", "x")
    then = action.as_on(date(2016, 4, 5))
    assert then is not None and then.status == "completed" and then.completed_on == date(2016, 4, 1)


def test_a_cost_and_an_agreed_contribution_are_corrected_where_they_took_effect() -> None:
    cost = ReviewCost.start(uuid.uuid4())
    cost.record_actual("chair", 500_000, date(2016, 3, 1), "invoice", incident_on=INCIDENT)
    cost.correct("actual.chair", 50_000, "an extra zero")
    event: Any = cost.collect_events()[-1]
    assert cost.total_actual == 50_000 and event.effective_on == date(2016, 3, 1)
    with pytest.raises(InvalidValueError, match="actual.chair"):
        cost.correct("actual.venue", 1, "x")
    pot = PooledBudget.open("pot", "DHR pot", "office", date(2015, 4, 1))
    pot.add_partner("rutland", "Rutland", date(2015, 4, 1))
    year = FinancialYear(2016)
    pot.agree_contribution("rutland", year, 300_000, date(2016, 3, 1))
    pot.correct("agreed.rutland.2016/17", 30_000, "an extra zero")
    assert pot.agreed[(year, "rutland")] == 30_000
    last: Any = pot.collect_events()[-1]
    assert last.effective_on == date(2016, 3, 1)
    with pytest.raises(NotFoundError):
        pot.correct("agreed.rutland.2017/18", 1, "x")
    pot.receive_contribution("rutland", year, 30_000, date(2016, 5, 1))
    with pytest.raises(InvalidTransitionError, match="already paid"):
        pot.correct("agreed.rutland.2016/17", 10_000, "x")


def test_a_partly_embedded_review_schedules_the_next_and_a_later_one_can_close_it() -> None:
    action = Action.plan(
        uuid.uuid4(), uuid.uuid4(), "Police", "Train", date(2016, 6, 1), date(2016, 1, 1)
    )
    action.complete(date(2016, 5, 1), 6)
    action.review_impact(date(2016, 11, 1), ImpactOutcome.PARTLY_EMBEDDED, "half the teams", 6)
    assert action.awaiting_impact_review and action.impact_review_due_on == date(2017, 5, 1)
    assert [type(e).__name__ for e in action.collect_events()][-2:] == [
        "ImpactReviewed",
        "NextImpactReviewScheduled",
    ]
    action.review_impact(date(2017, 5, 2), ImpactOutcome.EMBEDDED, "all teams")
    assert not action.awaiting_impact_review
