"""Small input checks shared by the funding aggregates, and how their ids are derived.

Ids are ``uuid5`` of a tenant-unique natural key (a budget's reference, a review id), so
the same reference always reaches the same aggregate and a duplicate is caught.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from domain.errors import InvalidValueError
from domain.ids import ledger_id
from domain.texts import required_text


def funding_id(kind: str, key: str) -> UUID:
    """The deterministic id of the ``kind`` aggregate with natural key ``key``."""
    return ledger_id(kind, key)


def check_text(value: object, what: str) -> str:
    """A required piece of text: refuse blanks (text that shows nothing) so every record says
    what it is."""
    required = f"{what} is required; enter it as text."
    if not isinstance(value, str):
        raise InvalidValueError(required)
    return required_text(value, required)


def check_date(value: object, what: str) -> date:
    """A calendar date (not a datetime): the day the thing happened, which may be in the past."""
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidValueError(f"{what} must be a date (YYYY-MM-DD).")
    return value


def check_not_before(later: date, earlier: date, what: str, reference: str) -> None:
    """Refuse a date that comes before the event it depends on."""
    if later < earlier:
        raise InvalidValueError(
            f"{what} ({later.isoformat()}) is before {reference} ({earlier.isoformat()}); "
            "check the date."
        )
