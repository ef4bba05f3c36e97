"""What every correction shares: a reason, a known field, and a value of that field's kind.

A correction puts right a fact that was mis-keyed; it is recorded as its own event beside the
original, so the history shows both. Values arrive as JSON (dates as ISO text); they are turned
into the field's own type here, in the public command, never inside an event body.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableSequence
from dataclasses import replace
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from domain.choices import coerce
from domain.errors import InvalidValueError
from domain.funding.money import check_ceiling
from domain.texts import NAMED, limited_text

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Parser = Callable[[object, str], Any]
Entry = TypeVar("Entry", bound="DataclassInstance")


def check_reason(reason: object) -> str:
    """A correction without its reason would be indistinguishable from tampering."""
    why = "Say why the fact is corrected (e.g. 'typed the date of the first police call')."
    return limited_text(
        reason, why, 500, lambda n: f"The reason is {n} characters; keep it to 500."
    )


def check_field(field: object, parsers: Mapping[str, object], what: str) -> str:
    """``field`` if ``parsers`` (the correctable fields, or patterns of them) names it."""
    if not isinstance(field, str) or field not in parsers:
        allowed = ", ".join(sorted(parsers))
        raise InvalidValueError(
            f"'{field}' is not a correctable field of {what}; use one of: {allowed}."
        )
    return field


def proposed(
    record: object,
    field: object,
    value: object,
    reason: object,
    parsers: Mapping[str, Parser],
    what: str,
) -> tuple[str, Any, Any, str]:
    """A correction's known field, its new value (parsed), the value it replaces, and the reason."""
    name = check_field(field, parsers, what)
    why = check_reason(reason)
    new = parsers[name](value, name.replace("_", " "))
    return name, new, getattr(record, name), why


def a_date(value: object, what: str) -> date:
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            pass
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidValueError(f"The corrected {what} must be a calendar date (YYYY-MM-DD).")
    return value


def a_text(max_length: int) -> Parser:
    def parse(value: object, what: str) -> str:
        required = f"The corrected {what} is required; give it as text."
        too_long = f"The corrected {what} is too long; keep it to {max_length}."
        return limited_text(value, required, max_length, lambda _: too_long)

    return parse


def optional_text(value: object, what: str) -> str | None:
    if value is None or value == "":
        return None
    return a_text(NAMED)(value, what)


def pence(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidValueError(
            f"The corrected {what} must be a whole, non-negative number of pence."
        )
    return check_ceiling(value, f"The corrected {what}")


def one_of(enum: type[StrEnum], optional: bool = False) -> Parser:
    def parse(value: object, what: str) -> str | None:
        if optional and value in (None, ""):
            return None
        return coerce(enum, value, what).value

    return parse


def codes(value: object, what: str) -> tuple[str, ...]:
    """Codes of a taxonomy (themes), at least one, each once, in the order given; whether the
    taxonomy knows them is the caller's to check, as when they were first tagged."""
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise InvalidValueError(
            f'The corrected {what} must be a list of codes, such as ["training"].'
        )
    found = tuple(dict.fromkeys(v.strip() for v in value if v.strip()))
    if not found:
        raise InvalidValueError(f"Tag it with at least one theme: the corrected {what} are empty.")
    if any(len(code) > 80 for code in found):
        raise InvalidValueError(f"A corrected {what[:-1]} is too long; keep each to 80.")
    return found


def entry_number(field: object, kind: str, count: int) -> int | None:
    """The number ``field`` names as ``<kind>.<number>.amount`` when it is one of ``count``
    entries numbered from 1 in the order recorded (a receipt, a decision, a payment...); None
    otherwise, for the caller to say what its entries are."""
    parts = field.split(".") if isinstance(field, str) else []
    if len(parts) != 3 or parts[0] != kind or parts[2] != "amount" or not parts[1].isdigit():
        return None
    return int(parts[1]) if 1 <= int(parts[1]) <= count else None


def put_right(entries: MutableSequence[Entry], field: str, amount: int) -> None:
    """What a correction ``entry_number`` checked does when replayed: the entry ``field``
    numbers keeps its place in the order recorded, with the right amount."""
    index = int(field.split(".")[1]) - 1
    entries[index] = replace(entries[index], amount=amount)


class NothingToCorrectError(InvalidValueError):
    """A correction to the value already recorded: the page that asked for it says so in its
    own words, the value as it showed it."""


def unchanged(field: str, previous: object, value: object) -> None:
    """Refuse a correction to the value already recorded (codes in any order are the same)."""
    if isinstance(previous, tuple) and isinstance(value, tuple):
        if set(previous) == set(value):
            raise NothingToCorrectError(
                f"The {field} are already {', '.join(value)}; there is nothing to correct."
            )
        return
    if previous == value:
        raise NothingToCorrectError(f"The {field} is already {value}; there is nothing to correct.")
