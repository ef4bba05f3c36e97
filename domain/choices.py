"""Input turned into one of an enum's values, or refused in the caller's words.

Every vocabulary is a ``StrEnum``: events store the plain string, and commands accept the
string (or the member) and refuse anything else with the values allowed.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from domain.errors import InvalidValueError

E = TypeVar("E", bound=StrEnum)


def choose(enum: type[E], value: object, refusal: str) -> E:
    """``value`` as a member of ``enum``; anything else raises ``InvalidValueError(refusal)``,
    with ``{value}`` and ``{allowed}`` (the values, comma-separated) filled in."""
    if isinstance(value, str):
        try:
            return enum(value)
        except ValueError:
            pass
    raise InvalidValueError(refusal.format(value=value, allowed=", ".join(enum)))


def coerce(enum: type[E], value: object, what: str) -> E:
    """``value`` as a member of ``enum``, refused as not a known ``what`` with the allowed values."""
    return choose(enum, value, "'{value}' is not a known " + what + "; use one of: {allowed}.")
