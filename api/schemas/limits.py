"""The limits every value sent to the API must keep, applied to every input field in one place.

``In`` (the base of every input schema) hands each of its fields to ``guard``: text, whole
numbers and dates then carry these rules whatever schema declared them, so a new schema
cannot forget them. They exist because a value the stores or read models cannot hold
(a NUL PostgreSQL refuses, a 2**63 SQLite overflows on, a lone surrogate UTF-8 cannot
encode) must be refused at the door, not accepted and then fail downstream for ever.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from marshmallow import ValidationError, fields, validate

from domain.calendar import uk_today
from domain.texts import not_plain

MONEY_CEILING = 10_000_000_000 * 100  # £10bn in pence: far beyond any DHR budget, inside BIGINT
EARLIEST = date(1990, 1, 1)  # DHRs began in 2011; older dates are typing mistakes
FUTURE_YEARS = 5  # plans, due dates and financial years reach a few years ahead, no more


def plain_text(value: Any) -> None:
    if not isinstance(value, str):
        return
    problem = not_plain(value)
    if problem is not None:
        raise ValidationError(
            f"{problem}; send plain text: printable characters, tabs and new lines only."
        )


def plain_anywhere(value: Any) -> None:
    """``plain_text`` for a value of any shape (a correction's value may be text or a list of
    theme codes): every text inside it is held to the same rule."""
    if isinstance(value, list | tuple):
        for item in value:
            plain_anywhere(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            plain_anywhere(key)
            plain_anywhere(item)
    else:
        plain_text(value)


def latest_date(past: bool = False) -> date:
    """Today (UK) for a date that must have happened; otherwise five years ahead."""
    today = uk_today()
    if past:
        return today
    try:
        return today.replace(year=today.year + FUTURE_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year + FUTURE_YEARS, day=28)


def check_window(value: date, past: bool = False, earliest: date = EARLIEST) -> None:
    """Every date the API takes lies in one window (a date of birth may go further back)."""
    latest = latest_date(past)
    if not earliest <= value <= latest:
        raise ValidationError(
            f"Must be a date from {earliest.isoformat()} to {latest.isoformat()}"
            + (" (it cannot be in the future)." if past else ".")
        )


def sane_date(field: fields.Field) -> validate.Validator:
    class Window(validate.Validator):
        def __call__(self, value: Any) -> Any:
            if isinstance(value, date):
                past = bool(field.metadata.get("past"))
                check_window(value, past, field.metadata.get("earliest", EARLIEST))
            return value

    return Window()


def guard(field: fields.Field) -> None:
    """Attach the limits to ``field`` and to the fields it contains (lists, dicts, tuples).

    marshmallow copies a schema's declared fields shallowly for each instance, so the copy's
    ``validators`` list is the class's own: it is replaced here, never appended to, or every
    schema instance would add one more validator to every field for the life of the process.
    """
    if getattr(field, "_ledger_guarded", False):
        return
    field._ledger_guarded = True  # type: ignore[attr-defined]
    limit = _limit_for(field)
    if limit is not None:
        field.validators = [*field.validators, limit]
    for inner in _children(field):
        guard(inner)


def _limit_for(field: fields.Field) -> Any:
    if isinstance(field, fields.String):
        return plain_text
    if type(field) is fields.Raw:  # any JSON at all: its texts, wherever they are
        return plain_anywhere
    if isinstance(field, fields.Integer):
        return validate.Range(min=-MONEY_CEILING, max=MONEY_CEILING, error=_CEILING_MESSAGE)
    if isinstance(field, fields.Date) and not isinstance(field, fields.DateTime):
        return sane_date(field)
    if isinstance(field, fields.DateTime):
        return _sane_datetime
    return None


_CEILING_MESSAGE = (
    f"Must be between {{min}} and {{max}}: amounts are whole pence, and £10bn "
    f"({MONEY_CEILING:,} pence) is the most any amount may be."
)


def _sane_datetime(value: Any) -> None:
    day = value.date() if hasattr(value, "date") else None
    if day is not None and not EARLIEST <= day <= date(uk_today().year + FUTURE_YEARS, 12, 31):
        raise ValidationError(
            f"Must be an instant from {EARLIEST.isoformat()} onwards, not years ahead."
        )


def _children(field: fields.Field) -> list[fields.Field]:
    found: list[fields.Field] = []
    if isinstance(field, fields.List):
        found.append(field.inner)
    if isinstance(field, fields.Tuple):
        found.extend(field.tuple_fields)
    if isinstance(field, fields.Dict):
        found.extend(f for f in (field.key_field, field.value_field) if f is not None)
    return found
