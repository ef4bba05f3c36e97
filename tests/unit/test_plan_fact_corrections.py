"""Correcting a finding, and a recommendation's number, scope or themes: each its own event
with the value it replaces and why, held to the rules that first recorded it."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from domain.actionplan import Recommendation, ReviewFindings, Scope
from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError, NotFoundError
from domain.recording import acting_as
from domain.themes import Taxonomy
from tests.unit.refusals import assert_refused

INCIDENT = date(2015, 6, 1)
WHY = "ticked the wrong theme"


def taxonomy() -> Taxonomy:
    found = Taxonomy.from_default("recfix")
    found.retire_theme("record-keeping", date(2016, 1, 1), "merged into policy")
    return found


def findings() -> ReviewFindings:
    found = ReviewFindings(review_id=uuid.uuid4())
    found.record_finding(
        "GP saw injuries twice", ["training"], date(2016, 1, 5), incident_on=INCIDENT
    )
    found.record_finding(
        "No DASH at the first call", ["policy"], date(2016, 1, 5), incident_on=INCIDENT
    )
    found.collect_events()
    return found


def made(reference: str = "3", scope: Scope = Scope.SINGLE_AGENCY) -> Recommendation:
    rec = Recommendation.make(
        uuid.uuid4(),
        reference,
        "Train staff",
        scope,
        date(2016, 1, 1),
        ["training"],
        "Police",
        incident_on=INCIDENT,
    )
    rec.collect_events()
    return rec


def test_a_findings_themes_are_corrected_as_their_own_event_with_the_old_ones_and_why() -> None:
    found = findings()
    with acting_as("lead-1"):
        found.correct_finding(
            2,
            "theme_codes",
            ["identification-of-risk", "policy"],
            WHY,
            incident_on=INCIDENT,
            themes=taxonomy(),
        )
    event: Any
    (event,) = found.collect_events()
    assert type(event).__name__ == "FindingCorrected" and event.recorded_by == "lead-1"
    assert (event.number, event.field, event.previous, event.value, event.reason) == (
        2,
        "theme_codes",
        ("policy",),
        ("identification-of-risk", "policy"),
        WHY,
    )
    assert found.findings[1].theme_codes == ("identification-of-risk", "policy")
    assert found.findings[0].theme_codes == ("training",)
    assert found.theme_codes == ("training", "identification-of-risk", "policy")


def test_a_findings_text_and_date_are_corrected_within_the_recording_rules() -> None:
    found = findings()
    found.correct_finding(1, "text", " GP saw injuries three times ", WHY, incident_on=INCIDENT)
    found.correct_finding(1, "recorded_on", "2015-12-01", WHY, incident_on=INCIDENT)
    assert found.findings[0].text == "GP saw injuries three times"
    assert found.findings[0].recorded_on == date(2015, 12, 1)
    assert found.findings[1].recorded_on == date(2016, 1, 5)


@pytest.mark.parametrize(
    ("number", "field", "value", "error", "match"),
    [
        (3, "text", "x", NotFoundError, "no finding 3: its findings are numbered 1 to 2"),
        (1, "number", 4, InvalidValueError, "not a correctable field of a finding"),
        (1, "text", " ", InvalidValueError, "text is required"),
        (1, "theme_codes", [], InvalidValueError, "at least one theme"),
        (1, "theme_codes", "training", InvalidValueError, "list of codes"),
        (1, "theme_codes", ["no-such-theme"], InvalidValueError, "not a known theme"),
        (1, "theme_codes", ["police"], InvalidValueError, "addressee code, not a theme"),
        (1, "theme_codes", ["record-keeping"], InvalidValueError, "retired"),
        (1, "theme_codes", ["training", "training"], InvalidValueError, "nothing to correct"),
        (1, "recorded_on", "2015-05-31", InvalidValueError, "before the incident"),
        (1, "recorded_on", "2999-01-01", InvalidValueError, "after today"),
        (1, "recorded_on", "5/1/2016", InvalidValueError, "calendar date"),
    ],
)
def test_a_finding_correction_that_breaks_a_rule_is_refused_and_records_nothing(
    number: int, field: str, value: object, error: type[Exception], match: str
) -> None:
    found = findings()
    assert_refused(
        found,
        error,
        found.correct_finding,
        number,
        field,
        value,
        WHY,
        incident_on=INCIDENT,
        themes=taxonomy(),
        match=match,
    )


def test_a_finding_correction_needs_a_reason() -> None:
    found = findings()
    assert_refused(
        found,
        InvalidValueError,
        found.correct_finding,
        1,
        "text",
        "x",
        " ",
        incident_on=INCIDENT,
        match="why",
    )


def test_a_retired_theme_already_on_a_finding_may_stay_while_another_is_corrected() -> None:
    found = ReviewFindings(review_id=uuid.uuid4())
    found.record_finding("Notes lost", ["record-keeping"], date(2015, 7, 1), incident_on=INCIDENT)
    found.correct_finding(
        1,
        "theme_codes",
        ["record-keeping", "policy"],
        WHY,
        incident_on=INCIDENT,
        themes=taxonomy(),
    )
    assert found.findings[0].theme_codes == ("record-keeping", "policy")


def test_a_recommendation_is_renumbered_and_keeps_the_number_it_left() -> None:
    rec = made("3")
    rec.correct("reference", " R4 ", WHY, incident_on=INCIDENT, actions=())
    (event,) = rec.collect_events()
    assert (event.field, event.previous, event.value) == ("reference", "3", "R4")  # type: ignore[attr-defined]
    assert (rec.reference, rec.former_references) == ("R4", ("3",))
    rec.correct("reference", "3", "it was 3 after all", incident_on=INCIDENT, actions=())
    assert (rec.reference, rec.former_references) == ("3", ("3", "R4"))


@pytest.mark.parametrize(
    ("value", "error", "match"),
    [
        ("3 and 4", InvalidValueError, "not a recommendation number"),
        ("", InvalidValueError, "not a recommendation number"),
        ("5", DuplicateError, "already has recommendation '5'"),
        ("6", DuplicateError, "was numbered '6' before its number was corrected"),
        ("r5", DuplicateError, "already has recommendation 'R5'"),
        ("r6", DuplicateError, "was numbered 'R6' before its number was corrected"),
        ("3", InvalidValueError, "nothing to correct"),
    ],
)
def test_a_number_another_recommendation_has_or_had_is_refused(
    value: str, error: type[Exception], match: str
) -> None:
    other, cased = made("6"), made("R6")
    other.correct("reference", "5", WHY, incident_on=INCIDENT, actions=())
    cased.correct("reference", "R5", WHY, incident_on=INCIDENT, actions=())
    rec = made("3")
    assert_refused(
        rec,
        error,
        rec.correct,
        "reference",
        value,
        WHY,
        incident_on=INCIDENT,
        actions=(),
        others=[other, cased],
        match=match,
    )


def test_a_routed_recommendation_stays_national_and_a_local_one_may_become_national() -> None:
    routed = made("1", Scope.NATIONAL)
    routed.route_nationally("Home Office", date(2016, 2, 1))
    routed.collect_events()
    assert_refused(
        routed,
        InvalidTransitionError,
        routed.correct,
        "scope",
        "regional",
        WHY,
        incident_on=INCIDENT,
        actions=(),
        match="routed nationally to Home Office on 2016-02-01",
    )
    local = made("2")
    local.correct("scope", "national", WHY, incident_on=INCIDENT, actions=())
    assert local.scope is Scope.NATIONAL
    local.route_nationally("Department of Health", date(2016, 3, 1))
    assert_refused(
        local,
        InvalidValueError,
        local.correct,
        "scope",
        "worldwide",
        WHY,
        incident_on=INCIDENT,
        actions=(),
        match="scope",
    )


def test_a_recommendations_themes_are_corrected_within_the_taxonomy() -> None:
    rec = made()
    themes = taxonomy()
    for value, match in (
        ([], "at least one"),
        (["nope"], "not a known"),
        (["record-keeping"], "retired"),
    ):
        assert_refused(
            rec,
            InvalidValueError,
            rec.correct,
            "theme_codes",
            value,
            WHY,
            incident_on=INCIDENT,
            actions=(),
            themes=themes,
            match=match,
        )
    rec.correct(
        "theme_codes",
        ["policy", "training"],
        WHY,
        incident_on=INCIDENT,
        actions=(),
        themes=themes,
    )
    assert rec.theme_codes == ("policy", "training")
    assert_refused(
        rec,
        InvalidValueError,
        rec.correct,
        "theme_codes",
        ["training", "policy"],
        WHY,
        incident_on=INCIDENT,
        actions=(),
        themes=themes,
        match="nothing to correct",
    )


def test_a_stored_correction_replays_its_values_as_the_record_holds_them() -> None:
    """A stored event gives a scope back as text and codes as a list."""
    rec = made()
    rec._corrected("scope", "regional", "single_agency", WHY)
    rec._corrected("theme_codes", ["policy"], ["training"], WHY)
    assert rec.scope is Scope.REGIONAL and rec.theme_codes == ("policy",)
    found = findings()
    found._finding_corrected(1, "theme_codes", ["policy"], ["training"], WHY)
    assert found.findings[0].theme_codes == ("policy",)
