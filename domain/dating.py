"""Refusals many commands share: a step taken twice, dated before its cause, or not yet happened."""

from __future__ import annotations

from datetime import date

from domain.calendar import uk_today
from domain.errors import InvalidTransitionError, InvalidValueError


def check_once(done_on: date | None, already: str) -> None:
    """Refuse a step already taken; ``already`` says what was done ("X was already routed")."""
    if done_on is not None:
        raise InvalidTransitionError(f"{already} on {done_on.isoformat()}.")


def check_not_before(day: date, earlier: date, done: str, cause: str) -> None:
    """Refuse a step ``done`` on ``day`` before the ``cause`` it follows happened on ``earlier``."""
    if day < earlier:
        raise InvalidValueError(
            f"It cannot be {done} on {day.isoformat()}, before it was {cause} "
            f"({earlier.isoformat()})."
        )


def check_happened(day: date, what: str, today: date | None = None) -> date:
    """What is recorded as done must have happened by today in the UK: a start, progress, a
    completion or sign-off dated next month would count as done in every figure until then.
    Only a plan's due dates lie ahead, and they are not checked here."""
    today = today or uk_today()
    if day > today:
        raise InvalidValueError(
            f"{what} is dated {day.isoformat()}, after today ({today.isoformat()}); "
            "record it once it has happened."
        )
    return day


def check_since_incident(day: date, incident_on: date, what: str) -> date:
    """What a review records about a death (a finding, a recommendation, a cost) comes after
    it: dated before the case's incident, the record would contradict the case. The incident
    is itself never before the day DHRs began (``domain.reviews.checks.STATUTORY_START``), so
    neither is anything this lets through. ``what`` opens the sentence ("The finding")."""
    if day < incident_on:
        raise InvalidValueError(
            f"{what} is dated {day.isoformat()}, before the incident the review is about "
            f"({incident_on.isoformat()}); use a date on or after the incident."
        )
    return day
