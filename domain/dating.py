"""Two refusals many commands share: a step taken twice, and a step dated before its cause."""

from __future__ import annotations

from datetime import date

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
