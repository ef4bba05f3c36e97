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
from domain.errors import InvalidTransitionError, InvalidValueError
from domain.reviews.checks import check_date, check_text
from domain.reviews.records import Pause
from domain.reviews.state import ReviewState
from domain.reviews.values import (
    AgeBand,
    DeathCategory,
    PauseReason,
    Relationship,
    ReviewKind,
    Sex,
    coerce,
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
    if field == "decided_on":
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


class Correcting(ReviewState):
    def correct(self, field: str, value: object, reason: str, *, today: date | None = None) -> None:
        """Replace a mis-keyed fact, with the reason; refused if the case would break a date rule."""
        field = c.check_field(field, PARSERS, "a case")
        why = c.check_reason(reason)
        new = self._past_pause(value, today) if field == "pause" else PARSERS[field](value, field)
        previous = current(self, field)
        if field in ("decided_on", "decommissioned_on") and previous is None:
            step = "decision" if field == "decided_on" else "decommissioning"
            raise InvalidTransitionError(
                f"Case {self.reference} has no {step} to correct; record the {step} instead."
            )
        if field in ("pseudonym",):
            new = check_text(new, "pseudonym (e.g. 'Mary' or 'FN', never a real name)", 40)
        c.unchanged(field, previous, new)
        trial = copy.deepcopy(self)
        apply_correction(trial, field, new)
        check_chronology(trial, today)
        self._corrected(field, new, previous, why)

    def _corrected(self, field: str, value: Any, previous: Any, reason: str) -> None:
        apply_correction(self, field, value)

    def _past_pause(self, value: object, today: date | None) -> Pause:
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


def check_chronology(s: ReviewState, today: date | None) -> None:
    """Every dated fact of the case against what must precede it, as the commands check them."""
    started = s.review_started_on
    decided = s.decision.decided_on if s.decision else None

    def dated(on: date | None, what: str, *earlier: tuple[str, date | None]) -> None:
        if on is not None:
            check_date(on, what, today, ("incident", s.incident_on), *earlier)

    dated(s.incident_on, "incident")
    dated(s.notified_on, "notification")
    dated(decided, "decision", ("notification", s.notified_on))
    dated(s.home_office_notified_on, "Home Office notification", ("decision", decided))
    check = s.decision_check.checked_on if s.decision_check else None
    dated(check, "QA panel check", ("decision", decided))
    dated(s.directed_on, "direction to review", ("decision", decided), ("QA panel check", check))
    after_start = ("decision to review", started)
    for commission in s.commissions:
        dated(commission.commissioned_on, "commissioning", after_start)
    for met_on in s.panel_meetings:
        dated(met_on, "panel meeting", after_start)
    dated(s.overview_report_drafted_on, "draft", after_start)
    dated(s.executive_summary_drafted_on, "draft", after_start)
    dated(s.action_plan_agreed_on, "action plan agreement", after_start)
    dated(
        s.submitted_on,
        "submission",
        ("overview report draft", s.overview_report_drafted_on),
        ("executive summary draft", s.executive_summary_drafted_on),
        ("action plan agreement", s.action_plan_agreed_on),
    )
    dated(s.approved_on, "approval", ("submission", s.last_submitted_on))
    dated(s.published_on, "publication", ("approval", s.approved_on))
    closed = s.decommissioned.closed_on if s.decommissioned else None
    dated(closed, "decommissioning", ("notification", s.notified_on), ("decision", decided))
    _check_pauses(s, today, started)


def _check_pauses(s: ReviewState, today: date | None, started: date | None) -> None:
    previous_end: date | None = None
    for pause in s.pauses:
        check_date(
            pause.paused_on,
            "pause",
            today,
            ("incident", s.incident_on),
            ("decision to review", started),
            ("previous pause's resumption", previous_end),
        )
        if pause.resumed_on is not None:
            check_date(pause.resumed_on, "resumption", today, ("pause", pause.paused_on))
            for label, on in milestones(s):
                if pause.paused_on < on < pause.resumed_on:
                    raise InvalidValueError(
                        f"The review cannot have been paused from {pause.paused_on} to "
                        f"{pause.resumed_on}: its {label} is recorded on {on}, in between. "
                        "Check the dates."
                    )
        previous_end = pause.resumed_on or date.max


def milestones(s: ReviewState) -> list[tuple[str, date]]:
    """The steps a paused review cannot take (commissioning and IMRs can), with their dates."""
    found: list[tuple[str, date | None]] = [
        *(("panel meeting", d) for d in s.panel_meetings),
        ("overview report draft", s.overview_report_drafted_on),
        ("executive summary draft", s.executive_summary_drafted_on),
        ("action plan agreement", s.action_plan_agreed_on),
        ("submission", s.submitted_on),
        ("approval", s.approved_on),
    ]
    return sorted(((label, on) for label, on in found if on is not None), key=lambda m: m[1])
