"""Action-plan use cases on a tenant's in-memory ledger: what is saved replays to the same state."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any
from uuid import UUID

import pytest

from domain.actionplan import (
    ActionPlanIndex,
    ActionStatus,
    ImpactOutcome,
    ImplementationStatus,
    Judgement,
    Scope,
)
from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError, NotFoundError
from domain.recording import acting_as
from tenants.ledger import PartnershipLedger

INCIDENT = date(2015, 1, 10)  # what a review's findings, recommendations and costs follow


def open_review(ledger: PartnershipLedger) -> UUID:
    reference = f"DHR-{uuid.uuid4().hex[:6]}"
    return ledger.reviews.notify(
        reference, INCIDENT, date(2015, 1, 20), "Mary", "dhr", "intimate_partner_homicide"
    )


def recommend(
    ledger: PartnershipLedger,
    review_id: UUID,
    reference: str = "1",
    themes: tuple[str, ...] = ("dash-risk-assessment",),
    scope: Scope = Scope.SINGLE_AGENCY,
    sector: str | None = "police",
) -> UUID:
    return ledger.recommendations.make(
        review_id,
        reference,
        "Roll out DASH training",
        scope,
        date(2015, 6, 1),
        list(themes),
        target_organisation="Leicestershire Police",
        target_sector=sector,
    )


def assert_replays(ledger: PartnershipLedger, aggregate: object) -> None:
    replayed: Any = ledger.repository.get(aggregate.id)  # type: ignore[attr-defined]
    assert replayed.__dict__ == aggregate.__dict__


def test_recommendation_and_index_entry_are_saved_together(
    memory_ledger: PartnershipLedger,
) -> None:
    review_id = open_review(memory_ledger)
    with acting_as("user-1"):
        rec_id = recommend(memory_ledger, review_id)
    rec = memory_ledger.recommendations.get(rec_id)
    assert rec.target_sector == "police" and rec.theme_codes == ("dash-risk-assessment",)
    assert [r.id for r in memory_ledger.recommendations.of_review(review_id)] == [rec_id]
    index: Any = memory_ledger.repository.get(ActionPlanIndex.create_id(memory_ledger.tenant_slug))
    assert index.recommendations == {rec_id: review_id}
    made = list(memory_ledger.events.get(rec_id))[0]
    assert made.recorded_by == "user-1"  # type: ignore[attr-defined]


def test_a_recommendation_on_an_unknown_review_is_refused(memory_ledger: PartnershipLedger) -> None:
    with pytest.raises(NotFoundError, match="record the review first"):
        recommend(memory_ledger, uuid.uuid4())


def test_unknown_theme_or_sector_is_refused_and_nothing_recorded(
    memory_ledger: PartnershipLedger,
) -> None:
    review_id = open_review(memory_ledger)
    with pytest.raises(InvalidValueError, match="not a known theme code"):
        recommend(memory_ledger, review_id, themes=("no-such-theme",))
    with pytest.raises(InvalidValueError, match="not a known addressee code"):
        recommend(memory_ledger, review_id, sector="no-such-sector")
    assert memory_ledger.recommendations.of_review(review_id) == []


def test_a_second_recommendation_with_the_same_reference_is_refused(
    memory_ledger: PartnershipLedger,
) -> None:
    review_id = open_review(memory_ledger)
    recommend(memory_ledger, review_id, reference="3")
    with pytest.raises(DuplicateError, match="already has recommendation '3'"):
        recommend(memory_ledger, review_id, reference="3")
    recommend(memory_ledger, review_id, reference="R4")
    with pytest.raises(DuplicateError, match="already has recommendation 'R4'"):
        recommend(memory_ledger, review_id, reference="r4")  # a reader takes it for R4
    assert [r.reference for r in memory_ledger.recommendations.of_review(review_id)] == ["3", "R4"]


def test_findings_are_judged_and_tagged(memory_ledger: PartnershipLedger) -> None:
    review_id = open_review(memory_ledger)
    memory_ledger.findings.judge(review_id, Judgement.NO, Judgement.NO, date(2015, 5, 1))
    number = memory_ledger.findings.record(
        review_id, "Incident-based practice", ["coercive-control"], date(2015, 5, 1)
    )
    findings = memory_ledger.findings.get(review_id)
    assert number == 1 and findings.predictable == Judgement.NO
    assert findings.findings[0].theme_codes == ("coercive-control",)
    assert_replays(memory_ledger, findings)
    with pytest.raises(InvalidValueError, match="add the theme to the taxonomy first"):
        memory_ledger.findings.record(review_id, "x", ["nope"], date(2015, 5, 1))


def test_a_reviews_findings_are_none_until_it_has_some(memory_ledger: PartnershipLedger) -> None:
    """What the case page, its corrections and the API's judgement start from: no findings
    yet (or no such review) is None, not a not-found error."""
    review_id = open_review(memory_ledger)
    assert memory_ledger.findings.of_review(review_id) is None
    assert memory_ledger.findings.of_review(uuid.uuid4()) is None
    memory_ledger.findings.judge(review_id, Judgement.NO, Judgement.NO, date(2015, 5, 1))
    found = memory_ledger.findings.of_review(review_id)
    assert found is not None and found.predictable == Judgement.NO


def test_an_action_lives_through_to_its_impact_review(memory_ledger: PartnershipLedger) -> None:
    review_id = open_review(memory_ledger)
    rec_id = recommend(memory_ledger, review_id)
    with acting_as("user-1"):
        action_id = memory_ledger.actions.plan(
            rec_id, "Leicestershire Police", "DASH training for all officers", date(2016, 3, 31)
        )
        memory_ledger.actions.start(action_id, date(2015, 7, 1))
        memory_ledger.actions.record_progress(action_id, date(2015, 12, 1), "Half trained")
        memory_ledger.actions.add_evidence(action_id, "Training log Q3", date(2015, 12, 1))
        memory_ledger.actions.change_due_date(
            action_id, date(2016, 5, 31), "Trainer ill", date(2016, 3, 1)
        )
        review_on = memory_ledger.actions.complete(action_id, date(2016, 5, 1))
    with acting_as("hocs-1"):
        memory_ledger.actions.confirm_completion(action_id, date(2016, 5, 2))
        memory_ledger.actions.review_impact(
            action_id, date(2016, 11, 1), ImpactOutcome.EMBEDDED, "Audit: DASH used in 95% of cases"
        )
    action = memory_ledger.actions.get(action_id)
    assert type(action.status) is ActionStatus
    assert review_on == date(2016, 11, 1)
    assert (action.status, action.confirmed_by) == (ActionStatus.COMPLETION_CONFIRMED, "hocs-1")
    assert action.impact_reviews[0].outcome == ImpactOutcome.EMBEDDED
    assert [a.id for a in memory_ledger.actions.of_recommendation(rec_id)] == [action_id]
    assert_replays(memory_ledger, action)
    recorders = [e.recorded_by for e in memory_ledger.events.get(action_id)]  # type: ignore[attr-defined]
    assert recorders == ["user-1"] * 6 + ["hocs-1"] * 2


def test_a_second_confirmation_is_refused_and_records_nothing(
    memory_ledger: PartnershipLedger,
) -> None:
    rec_id = recommend(memory_ledger, open_review(memory_ledger))
    action_id = memory_ledger.actions.plan(rec_id, "Police", "x", date(2016, 3, 31))
    memory_ledger.actions.complete(action_id, date(2016, 1, 1))
    memory_ledger.actions.confirm_completion(action_id, date(2016, 1, 2), "hocs-1")
    before = len(list(memory_ledger.events.get(action_id)))
    with pytest.raises(InvalidTransitionError, match="already confirmed"):
        memory_ledger.actions.confirm_completion(action_id, date(2016, 1, 3), "hocs-1")
    assert len(list(memory_ledger.events.get(action_id))) == before


def test_an_action_due_before_its_recommendation_is_refused(
    memory_ledger: PartnershipLedger,
) -> None:
    rec_id = recommend(memory_ledger, open_review(memory_ledger))
    with pytest.raises(InvalidValueError, match="recommendation was only made on 2015-06-01"):
        memory_ledger.actions.plan(rec_id, "Police", "x", date(2015, 1, 1))
    assert memory_ledger.actions.of_recommendation(rec_id) == []


def test_the_tenant_impact_review_interval_applies_on_completion(
    memory_ledger: PartnershipLedger,
) -> None:
    memory_ledger.plan.set_impact_review_interval(3, "Board asked for quarterly impact checks")
    assert memory_ledger.plan.settings().impact_review_months == 3
    rec_id = recommend(memory_ledger, open_review(memory_ledger))
    action_id = memory_ledger.actions.plan(rec_id, "Police", "x", date(2016, 3, 31))
    assert memory_ledger.actions.complete(action_id, date(2016, 1, 31)) == date(2016, 4, 30)
    with pytest.raises(InvalidValueError, match="1 to 36"):
        memory_ledger.plan.set_impact_review_interval(0, "x")


def test_superseding_checks_the_successor_exists(memory_ledger: PartnershipLedger) -> None:
    rec_id = recommend(memory_ledger, open_review(memory_ledger))
    old = memory_ledger.actions.plan(rec_id, "Police", "old", date(2016, 3, 31))
    with pytest.raises(NotFoundError, match="No action"):
        memory_ledger.actions.supersede(old, date(2016, 1, 1), "replaced", uuid.uuid4())
    new = memory_ledger.actions.plan(rec_id, "Police", "new", date(2016, 6, 30))
    memory_ledger.actions.supersede(old, date(2016, 1, 1), "replaced", new)
    with pytest.raises(InvalidTransitionError, match=f"record it on action {new}"):
        memory_ledger.actions.record_progress(old, date(2016, 2, 1), "update")
    memory_ledger.actions.mark_not_achievable(new, date(2016, 2, 1), "Service closed")
    assert memory_ledger.actions.get(new).status == ActionStatus.NOT_ACHIEVABLE


def test_a_national_recommendation_is_routed_and_tracked(memory_ledger: PartnershipLedger) -> None:
    rec_id = recommend(
        memory_ledger, open_review(memory_ledger), scope=Scope.NATIONAL, sector="health"
    )
    memory_ledger.recommendations.route_nationally(rec_id, "Department of Health", date(2015, 7, 1))
    memory_ledger.recommendations.record_national_response(
        rec_id, ImplementationStatus.PARTLY_MET, date(2016, 1, 10), "Guidance in draft"
    )
    rec = memory_ledger.recommendations.get(rec_id)
    assert type(rec.scope) is Scope and type(rec.theme_codes) is tuple
    assert rec.national_status == ImplementationStatus.PARTLY_MET
    assert_replays(memory_ledger, rec)


def test_asking_for_a_recommendation_by_another_aggregates_id_is_not_found(
    memory_ledger: PartnershipLedger,
) -> None:
    review_id = open_review(memory_ledger)
    with pytest.raises(NotFoundError, match="No recommendation"):
        memory_ledger.recommendations.get(review_id)
    with pytest.raises(NotFoundError, match="No action"):
        memory_ledger.actions.start(uuid.uuid4(), date(2016, 1, 1))


def test_a_recommendation_s_corrected_date_is_recorded_on_its_actions_too(
    memory_ledger: PartnershipLedger,
) -> None:
    """The tester's case: made on 1 November, corrected to 30 October, an action then due on
    31 October is accepted, not held to the date the action copied when it was planned."""
    ledger = memory_ledger
    rec_id = recommend(ledger, open_review(ledger), reference="R1")
    ledger.recommendations.correct(rec_id, "made_on", "2015-11-01", "typed June")
    action_id = ledger.actions.plan(rec_id, "Police", "Train", date(2015, 11, 20))
    ledger.recommendations.correct(rec_id, "made_on", "2015-10-30", "the panel's date")
    ledger.actions.change_due_date(action_id, date(2015, 10, 31), "earlier", date(2015, 10, 31))
    action = ledger.actions.get(action_id)
    assert (action.not_before, action.due_on) == (date(2015, 10, 30), date(2015, 10, 31))
    assert_replays(ledger, action)
    names = [type(e).__name__ for e in ledger.events.get(action_id)]
    assert names == ["Planned", "RecommendationDateCorrected", "DueDateChanged"]


def test_a_recommendation_is_not_corrected_past_its_action_s_start_and_records_nothing(
    memory_ledger: PartnershipLedger,
) -> None:
    ledger = memory_ledger
    rec_id = recommend(ledger, open_review(ledger), reference="R2")
    action_id = ledger.actions.plan(rec_id, "Police", "Train", date(2016, 3, 31))
    ledger.actions.start(action_id, date(2015, 7, 1))
    versions = ledger.recommendations.get(rec_id).version, ledger.actions.get(action_id).version
    with pytest.raises(InvalidValueError, match="one of its actions started work on 2015-07-01"):
        ledger.recommendations.correct(rec_id, "made_on", "2015-07-02", "typed")
    with pytest.raises(InvalidValueError, match="before the incident"):
        ledger.recommendations.correct(rec_id, "made_on", "2014-12-31", "typed")
    after = ledger.recommendations.get(rec_id).version, ledger.actions.get(action_id).version
    assert after == versions


def test_findings_recommendations_and_costs_before_the_incident_are_refused(
    memory_ledger: PartnershipLedger,
) -> None:
    ledger = memory_ledger
    review = open_review(ledger)
    early = INCIDENT - timedelta(days=1)
    with pytest.raises(InvalidValueError, match="before the incident"):
        ledger.findings.record(review, "Text", ["training"], early)
    with pytest.raises(InvalidValueError, match="before the incident"):
        ledger.recommendations.make(
            review, "R9", "Text", Scope.SINGLE_AGENCY, early, ["training"], "Police"
        )
    with pytest.raises(InvalidValueError, match="before the incident"):
        ledger.costs.estimate(review, "chair", 100, early)
    with pytest.raises(InvalidValueError, match="before the incident"):
        ledger.costs.record(review, "chair", 100, early, "Invoice")
    assert ledger.costs.record_of(review) is None
    assert not ledger.plan.index().recommendations_of(review)
    assert [type(e).__name__ for e in ledger.events.get(review)] == ["Notified"]
