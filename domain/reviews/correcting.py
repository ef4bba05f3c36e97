"""Correcting a mis-keyed fact of a case: a dated step, the pseudonym, the kind, a past pause.

A correction is tried on a copy of the case first and the whole case is then held to the same
date rules its commands enforce (a decision not before the notification, a submission not
before the drafts…), so a correction can never produce a case the commands would have refused.
The recorded event keeps the previous value beside the new one and the reason.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date
from typing import Any

from domain import correcting as c
from domain.calendar import uk_today
from domain.choices import coerce
from domain.errors import InvalidTransitionError, InvalidValueError
from domain.reviews import correcting_parts as parts
from domain.reviews.checks import check_date, check_pseudonym, check_text
from domain.reviews.chronology import check_chronology
from domain.reviews.records import Pause
from domain.reviews.state import ReviewState
from domain.reviews.values import (
    AgeBand,
    DeathCategory,
    PauseReason,
    Relationship,
    ReviewKind,
    Sex,
)

PLAIN_DATES = (
    "incident_on",
    "notified_on",
    "home_office_notified_on",
    "directed_on",
    "overview_report_drafted_on",
    "executive_summary_drafted_on",
    "action_plan_agreed_on",
    "submitted_on",
    "approved_on",
    "published_on",
)
ENUMS: dict[str, Any] = {
    "kind": ReviewKind,
    "death_category": DeathCategory,
    "victim_age_band": AgeBand,
    "victim_sex": Sex,
    "perpetrator_relationship": Relationship,
}
PARSERS: dict[str, c.Parser] = {
    **{name: c.a_date for name in PLAIN_DATES},
    "decided_on": c.a_date,
    "decommissioned_on": c.a_date,
    "pseudonym": c.a_text(40),
    "kind": c.one_of(ReviewKind),
    "death_category": c.one_of(DeathCategory),
    "victim_age_band": c.one_of(AgeBand, optional=True),
    "victim_sex": c.one_of(Sex, optional=True),
    "perpetrator_relationship": c.one_of(Relationship, optional=True),
    "pause": lambda v, what: v,  # checked by ``_past_pause``
}
FIELDS = tuple(sorted(PARSERS))
STEPS = {  # dated steps a case may not have reached: corrected only once recorded
    "decided_on": "decision",
    "decommissioned_on": "decommissioning",
    "home_office_notified_on": "Home Office notification",
    "directed_on": "direction to review",
    "overview_report_drafted_on": "overview report draft",
    "executive_summary_drafted_on": "executive summary draft",
    "action_plan_agreed_on": "action plan agreement",
    "submitted_on": "submission",
    "approved_on": "approval",
    "published_on": "publication",
}


def current(state: ReviewState, field: str) -> Any:
    """The value a correction of ``field`` replaces, as JSON-friendly as the event stores it."""
    if field == "decided_on":
        return state.decision.decided_on if state.decision else None
    if field == "decommissioned_on":
        return state.decommissioned.closed_on if state.decommissioned else None
    if field == "pause":
        return None
    value = getattr(state, field)
    return value.value if field in ENUMS and value is not None else value


def apply_correction(state: ReviewState, field: str, value: Any) -> None:
    """Put the corrected value in place: the body of the ``Corrected`` event, replayed forever."""
    if parts.names_a_part(field):
        parts.apply(state, field, value)
    elif field == "decided_on":
        assert state.decision is not None
        state.decision = replace(state.decision, decided_on=value)
    elif field == "decommissioned_on":
        assert state.decommissioned is not None
        state.decommissioned = replace(state.decommissioned, closed_on=value)
    elif field == "pause":
        pauses = sorted((*state.pauses, value), key=lambda p: p.paused_on)
        state.pauses = tuple(pauses)
    elif field in ENUMS:
        setattr(state, field, ENUMS[field](value) if value is not None else None)
    else:
        setattr(state, field, value)


def correct(
    case: ReviewState,
    field: str,
    value: object,
    reason: str,
    today: date | None,
    recorded_since: tuple[date, str] | None = None,
    pseudonym_confirmed: bool = False,
) -> tuple[Any, ...]:
    """Checks ``DomesticHomicideReview.correct``; returns the ``Corrected`` event's arguments.
    ``recorded_since``: the earliest day the review recorded something about the death outside
    the case (a finding, a recommendation, a cost) and what it was; the incident cannot be
    corrected to after it, as none of those can be recorded before the incident. One part
    among several (a commissioning's agreed cost) is corrected by ``correcting_parts``."""
    if parts.names_a_part(field):
        fixed = parts.correct(case, field, value, reason)
        trial = copy.deepcopy(case)
        apply_correction(trial, field, fixed[1])
        check_chronology(trial, today)
        return fixed
    field = c.check_field(field, {**PARSERS, **parts.PATTERNS}, "a case")
    why = c.check_reason(reason)
    new = _past_pause(value, today) if field == "pause" else PARSERS[field](value, field)
    previous = current(case, field)
    if field == "pause" and case.review_started_on is None:
        raise InvalidTransitionError(
            f"Case {case.reference} is not under review, so it has no pause to add; a past "
            "pause is recorded once the decision to review is."
        )
    if field in STEPS and previous is None:
        step = STEPS[field]
        raise InvalidTransitionError(
            f"Case {case.reference} has no {step} to correct; record the {step} instead."
        )
    if field == "pseudonym":
        new = check_pseudonym(new, pseudonym_confirmed)
    c.unchanged(field, previous, new)
    if field == "incident_on" and isinstance(new, date):
        _not_ahead(new, today or uk_today())  # before the other checks: a mistyped year
        if recorded_since is not None:
            _not_after(new, *recorded_since)
    trial = copy.deepcopy(case)
    apply_correction(trial, field, new)
    check_chronology(trial, today)
    return field, new, previous, why


def _not_ahead(incident: date, today: date) -> None:
    """An incident after today is a mistyped date: said so, not as a clash with the first
    cost or notification, whose dates would then look like the ones to correct."""
    if incident > today:
        raise InvalidValueError(
            f"The incident cannot be on {incident.isoformat()}: that is after today "
            f"({today.isoformat()}). Check the date, the year especially."
        )


def _not_after(incident: date, day: date, what: str) -> None:
    if incident > day:
        raise InvalidValueError(
            f"The incident cannot be on {incident.isoformat()}: {what} is dated "
            f"{day.isoformat()}, and nothing a review records comes before the death. Correct "
            "that date first, or check this one."
        )


def _past_pause(value: object, today: date | None) -> Pause:
    """A pause that began and ended in the past, e.g. one found missing after later steps."""
    if not isinstance(value, dict):
        raise InvalidValueError(
            "Give the missing pause as an object: "
            '{"paused_on": "YYYY-MM-DD", "resumed_on": "YYYY-MM-DD", "reason": "criminal_trial"}.'
        )
    paused_on = c.a_date(value.get("paused_on"), "pause start")
    resumed_on = c.a_date(value.get("resumed_on"), "pause end")
    why = coerce(PauseReason, value.get("reason"), "pause reason")
    note = value.get("note") or ""
    if why is PauseReason.OTHER or note:
        note = check_text(note, "description of the parallel proceedings")
    check_date(resumed_on, "resumption", today, ("pause", paused_on))
    return Pause(paused_on, why, str(note), resumed_on)
