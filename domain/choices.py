"""Input turned into one of an enum's values, or refused in the caller's words.

Every vocabulary is a ``StrEnum``: events store the plain string, and commands accept the
string (or the member) and refuse anything else with the values allowed.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar, get_type_hints

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


class EnumFields:
    """Base of frozen value objects whose fields hold enum members.

    Events and snapshots store a member as its plain string and give the string back, so
    without this a replayed record would hold ``"accepted"`` where the saved one held
    ``ImrOutcome.ACCEPTED``, and the two would not compare equal.
    """

    def __post_init__(self) -> None:
        for name, enum in _enum_fields(type(self)):
            object.__setattr__(self, name, enum(getattr(self, name)))


_ENUM_FIELDS: dict[type, tuple[tuple[str, type[StrEnum]], ...]] = {}


def _enum_fields(cls: type) -> tuple[tuple[str, type[StrEnum]], ...]:
    """Read once per class, on its first instance: by then every annotation resolves."""
    if cls not in _ENUM_FIELDS:
        _ENUM_FIELDS[cls] = tuple(
            (name, hint)
            for name, hint in get_type_hints(cls).items()
            if isinstance(hint, type) and issubclass(hint, StrEnum)
        )
    return _ENUM_FIELDS[cls]
