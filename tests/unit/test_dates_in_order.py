"""Dates that would contradict each other are refused, recorded or corrected, and record nothing:
a completion before the action was last started, a recommendation before the death or after
its actions' own dates, findings and costs before the death, an estimate still to come."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from domain.actionplan import Action, ImpactOutcome, Recommendation, ReviewFindings, Scope
from domain.calendar import uk_today
from domain.dating import check_since_incident
from domain.errors import InvalidValueError
from domain.funding import ReviewCost
from domain.recording import acting_as
from tenants.ledger import PartnershipLedger
from tests.unit.refusals import assert_refused

INCIDENT = date(2015, 3, 1)
MADE_ON = date(2015, 6, 1)
WHY = "mis-keyed"


def recommendation() -> Recommendation:
    rec = Recommendation.make(
        uuid.uuid4(),
        "1",
        "Train staff",
        Scope.SINGLE_AGENCY,
        MADE_ON,
        ["training"],
        "Police",
        incident_on=INCIDENT,
    )
    rec.collect_events()
    return rec


def action_of(rec: Recommendation, due_on: date = date(2016, 3, 31)) -> Action:
    action = Action.plan(rec.id, rec.review_id, "Police", "Train", due_on, rec.made_on)
    action.collect_events()
    return action


def test_nothing_of_a_review_is_dated_before_its_incident() -> None:
    assert check_since_incident(INCIDENT, INCIDENT, "The finding") == INCIDENT
    with pytest.raises(InvalidValueError) as refused:
        check_since_incident(INCIDENT - timedelta(days=1), INCIDENT, "The finding")
    assert str(refused.value) == (
        "The finding is dated 2015-02-28, before the incident the review is about "
        "(2015-03-01); use a date on or after the incident."
    )


def test_a_recommendation_made_before_the_incident_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=r"before the incident .* \(2015-03-01\)"):
        Recommendation.make(
            uuid.uuid4(),
            "1",
            "Train staff",
            Scope.SINGLE_AGENCY,
            date(2015, 2, 28),
            ["training"],
            "Police",
            incident_on=INCIDENT,
        )


def test_a_finding_before_the_incident_is_refused_and_recorded_nothing() -> None:
    findings = ReviewFindings(review_id=uuid.uuid4())
    findings.collect_events()
    assert_refused(
        findings,
        InvalidValueError,
        findings.record_finding,
        "GP saw injuries twice",
        ["training"],
        date(2015, 2, 1),
        incident_on=INCIDENT,
        match=r"^The finding is dated 2015-02-01, before the incident",
    )
    assert findings.findings == ()


def test_an_estimate_or_a_cost_before_the_incident_or_an_estimate_still_to_come_is_refused() -> (
    None
):
    cost = ReviewCost.start(uuid.uuid4())
    cost.collect_events()
    early, tomorrow = date(2015, 1, 5), uk_today() + timedelta(days=1)
    estimate, actual = cost.estimate, cost.record_actual
    before = r"before the incident the review is about \(2015-03-01\)"
    assert_refused(
        cost, InvalidValueError, estimate, "chair", 1, early, incident_on=INCIDENT, match=before
    )
    assert_refused(
        cost,
        InvalidValueError,
        actual,
        "chair",
        1,
        early,
        "invoice",
        incident_on=INCIDENT,
        match=r"^The cost is dated 2015-01-05, " + before,
    )
    assert_refused(
        cost,
        InvalidValueError,
        estimate,
        "chair",
        1,
        tomorrow,
        incident_on=INCIDENT,
        match=r"^The estimate is dated .*, after today .*; record it once it has happened\.$",
    )
    cost.estimate("chair", 1, INCIDENT, incident_on=INCIDENT)  # the day of the incident will do
    assert cost.estimates


def test_a_completion_cannot_be_corrected_to_before_the_action_was_last_started() -> None:
    action = action_of(recommendation())
    action.start(date(2015, 9, 1))
    action.complete(date(2015, 10, 1), 6)
    action.collect_events()
    assert_refused(
        action,
        InvalidValueError,
        action.correct,
        "completed_on",
        "2015-08-31",
        WHY,
        match=r"before the action was last started or reopened \(2015-09-01\); use a date",
    )
    action.correct("completed_on", "2015-09-01", WHY)  # the day it started will do
    assert action.completed_on == date(2015, 9, 1)


def test_a_completion_cannot_be_corrected_to_before_the_action_was_reopened() -> None:
    action = action_of(recommendation())
    action.complete(date(2015, 9, 1), 6)
    action.review_impact(date(2015, 11, 1), ImpactOutcome.NOT_EMBEDDED, "not embedded")
    action.complete(date(2015, 12, 1), 6)
    action.collect_events()
    assert_refused(
        action,
        InvalidValueError,
        action.correct,
        "completed_on",
        "2015-10-31",
        WHY,
        match=r"last started or reopened \(2015-11-01\)",
    )


def test_a_recommendation_is_not_corrected_to_before_the_incident() -> None:
    rec = recommendation()
    assert_refused(
        rec,
        InvalidValueError,
        rec.correct,
        "made_on",
        "2015-02-28",
        WHY,
        incident_on=INCIDENT,
        actions=(),
        match=r"^The recommendation is dated 2015-02-28, before the incident",
    )


def test_a_recommendation_is_not_corrected_to_after_its_actions_are_due_or_done() -> None:
    rec = recommendation()
    due = action_of(rec, due_on=date(2015, 8, 1))
    started = action_of(rec)
    started.start(date(2015, 7, 1))
    progressed = action_of(rec)
    progressed.record_progress(date(2015, 6, 20), "Briefed the team")
    completed = action_of(rec)
    completed.complete(date(2015, 6, 10), 6)
    closed = action_of(rec)
    closed.mark_not_achievable(date(2015, 6, 15), "service decommissioned")
    superseded = action_of(rec)
    superseded.supersede(date(2015, 6, 12), "merged into another action")
    cases = [
        (due, "is due on 2015-08-01"),
        (started, "started work on 2015-07-01"),
        (progressed, "had progress recorded on 2015-06-20"),
        (completed, "was completed on 2015-06-10"),
        (closed, "was closed as not achievable on 2015-06-15"),
        (superseded, "was superseded on 2015-06-12"),
    ]
    for action, said in cases:
        assert_refused(
            rec,
            InvalidValueError,
            rec.correct,
            "made_on",
            "2015-09-01",
            WHY,
            incident_on=INCIDENT,
            actions=(action,),
            match=rf"made on 2015-09-01: one of its actions {said}\. Use a date on or before",
        )
    rec.correct("made_on", "2015-06-10", WHY, incident_on=INCIDENT, actions=[a for a, _ in cases])
    assert rec.made_on == date(2015, 6, 10)


def test_an_action_follows_its_recommendation_s_corrected_date() -> None:
    rec = recommendation()
    action = action_of(rec, due_on=date(2015, 12, 1))
    rec.correct("made_on", "2015-05-01", WHY, incident_on=INCIDENT, actions=(action,))
    assert action.follow_recommendation(rec.made_on)
    assert not action.follow_recommendation(rec.made_on)  # already follows: nothing recorded
    (event,) = action.collect_events()
    assert type(event).__qualname__ == "Action.RecommendationDateCorrected"
    assert (event.made_on, event.previous) == (date(2015, 5, 1), MADE_ON)  # type: ignore[attr-defined]
    action.change_due_date(date(2015, 5, 2), "brought forward", date(2015, 5, 2))
    assert action.due_on == date(2015, 5, 2)  # refused against the old date before


def test_an_incident_is_not_corrected_to_after_what_the_review_recorded(
    memory_ledger: PartnershipLedger,
) -> None:
    """A finding, a recommendation or a cost cannot precede the death, so neither can the
    death be corrected to after one of them: the case would contradict its own records."""
    with acting_as("officer-1"):
        ledger = memory_ledger
        review = ledger.reviews.notify(
            "DATES-1", INCIDENT, date(2015, 5, 20), "Jo", "dhr", "familial_homicide"
        )
        ledger.costs.record(review, "author", 100_000, date(2015, 5, 1), "Invoice 1")
        ledger.recommendations.make(
            review, "1", "Train staff", Scope.SINGLE_AGENCY, MADE_ON, ["training"], "Police"
        )
        before = ledger.reviews.get(review).version
        with pytest.raises(InvalidValueError, match="a cost is dated 2015-05-01"):
            ledger.reviews.correct(review, "incident_on", date(2015, 5, 2), WHY)
        assert ledger.reviews.get(review).version == before  # nothing recorded
        ledger.reviews.correct(review, "incident_on", date(2015, 2, 27), WHY)
        assert ledger.reviews.get(review).incident_on == date(2015, 2, 27)
        # any other fact is corrected as before, whatever the review recorded
        ledger.reviews.correct(review, "pseudonym", "Sam", WHY)
