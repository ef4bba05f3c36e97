"""The Recommendation aggregate: scope, target, themes and national routing."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from domain.actionplan import ImplementationStatus, Recommendation, Scope
from domain.errors import InvalidTransitionError, InvalidValueError
from domain.recording import acting_as


def made(scope: Scope = Scope.NATIONAL, **kwargs: object) -> Recommendation:
    args: dict = dict(
        review_id=uuid.uuid4(),
        reference="4",
        text="Guidance on DASH for health settings",
        scope=scope,
        made_on=date(2014, 2, 1),
        theme_codes=["dash-risk-assessment", "training"],
        target_sector="health",
        incident_on=date(2013, 6, 1),
    )
    args.update(kwargs)
    return Recommendation.make(**args)


def test_making_a_recommendation_records_scope_target_and_themes() -> None:
    with acting_as("user-1"):
        rec = made(
            scope=Scope.MULTI_AGENCY,
            target_organisation=" Swanswell ",
            theme_codes=["training", "training", "dash-risk-assessment"],
        )
    (event,) = rec.collect_events()
    assert type(event).__name__ == "Made" and event.recorded_by == "user-1"  # type: ignore[attr-defined]
    assert rec.scope == Scope.MULTI_AGENCY
    assert rec.theme_codes == ("training", "dash-risk-assessment")
    assert (rec.target_organisation, rec.target_sector) == ("Swanswell", "health")
    assert rec.national_status is None


@pytest.mark.parametrize("reference", ["3", "R3", "3.1", "SCR-2", "4/a"])
def test_a_recommendation_is_numbered_as_the_report_numbers_it(reference: str) -> None:
    assert made(reference=reference).reference == reference


def test_the_id_follows_from_the_review_and_reference() -> None:
    review_id = uuid.uuid4()
    assert made(review_id=review_id).id == Recommendation.create_id(review_id, "4")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"target_sector": None}, "who the recommendation targets"),
        ({"theme_codes": []}, "at least one theme"),
        ({"text": " "}, "reference"),
        ({"reference": "!!@@"}, "'!!@@' is not a recommendation number"),
        ({"reference": "R" * 21}, "not a recommendation number"),
        ({"made_on": date(2999, 1, 1)}, "after today"),
    ],
)
def test_an_incomplete_recommendation_is_refused(kwargs: dict, match: str) -> None:
    with pytest.raises(InvalidValueError, match=match):
        made(**kwargs)


def test_a_national_recommendation_is_routed_then_answered_on_the_commissioners_scale() -> None:
    rec = made()
    rec.route_nationally("Department of Health and Social Care", date(2014, 3, 1))
    assert rec.national_status == ImplementationStatus.NO_RESPONSE
    rec.record_national_response(ImplementationStatus.PARTLY_MET, date(2014, 9, 1), "Drafted")
    rec.record_national_response(ImplementationStatus.FULLY_IMPLEMENTED, date(2015, 9, 1))
    assert rec.national_addressee == "Department of Health and Social Care"
    assert rec.national_status == ImplementationStatus.FULLY_IMPLEMENTED
    assert [r.received_on for r in rec.national_responses] == [date(2014, 9, 1), date(2015, 9, 1)]


def test_the_latest_response_by_arrival_date_sets_the_status() -> None:
    rec = made()
    rec.route_nationally("Home Office", date(2014, 3, 1))
    rec.record_national_response(ImplementationStatus.NOT_MET, date(2015, 1, 1))
    rec.record_national_response(ImplementationStatus.ALREADY_HAPPENING, date(2014, 6, 1))
    assert rec.national_status == ImplementationStatus.NOT_MET


def test_routing_a_local_recommendation_nationally_is_refused() -> None:
    rec = made(scope=Scope.SINGLE_AGENCY)
    rec.collect_events()
    with pytest.raises(InvalidTransitionError, match="only national"):
        rec.route_nationally("Home Office", date(2014, 3, 1))
    assert not rec.collect_events()


def test_routing_twice_or_before_the_recommendation_is_refused() -> None:
    rec = made()
    with pytest.raises(InvalidValueError, match="before it was made"):
        rec.route_nationally("Home Office", date(2014, 1, 1))
    rec.route_nationally("Home Office", date(2014, 3, 1))
    with pytest.raises(InvalidTransitionError, match="already routed"):
        rec.route_nationally("Ministry of Justice", date(2014, 3, 2))


def test_a_response_before_routing_is_refused() -> None:
    rec = made()
    with pytest.raises(InvalidTransitionError, match="route it first"):
        rec.record_national_response(ImplementationStatus.NOT_MET, date(2014, 3, 1))
    rec.route_nationally("Home Office", date(2014, 3, 1))
    with pytest.raises(InvalidValueError, match="before the recommendation was routed"):
        rec.record_national_response(ImplementationStatus.NOT_MET, date(2014, 2, 1))
