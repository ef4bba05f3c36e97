"""Each cost incurred as it was recorded (an invoice, say), and correcting one of them.

A review's actual cost by category is the sum of what was incurred; a category's total can
be corrected as a whole (``actual.<category>``, ``correcting.correct_cost``), which says
nothing about which invoice was wrong or when. An entry's own correction names it by the
number it has in the order recorded (``incurred.2.amount``, ``incurred.2.incurred_on``),
holds it to the rules recording held it to (a whole, non-zero amount; a day that has
happened, not before the death) and moves the category's total by the difference, so every
total that followed the entry follows its correction. Entries are never removed, so a number
names the same entry for ever.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from domain import correcting as c
from domain.dating import check_happened, check_since_incident
from domain.errors import InvalidTransitionError, InvalidValueError
from domain.funding.money import check_pence, pounds
from domain.funding.plausible import check_plausible

FIELDS = ("amount", "incurred_on")


@dataclass(frozen=True)
class Incurred:
    """One cost incurred, numbered from 1 in the order recorded; ``category`` as recorded."""

    number: int
    category: str
    amount: int
    incurred_on: date
    description: str


def dated(day: date, what: str, incident_on: date | None, today: date | None = None) -> date:
    """A cost's date: a day that has happened, on or after the incident (when known)."""
    check_happened(day, what, today)
    return day if incident_on is None else check_since_incident(day, incident_on, what)


def fields_of(entries: tuple[Incurred, ...]) -> list[str]:
    return [f"incurred.{e.number}.{name}" for e in entries for name in FIELDS]


def correct_incurred(
    entries: tuple[Incurred, ...],
    field: str,
    value: object,
    reason: str,
    incident_on: date | None,
    today: date | None = None,
    amount_confirmed: bool = False,
    totals: Mapping[str, int] | None = None,
) -> tuple[str, object, object, str, date, int | None]:
    """Checks ``ReviewCost.correct`` of one entry; returns the ``Corrected`` event's arguments:
    the field, the right value, the recorded one, why, the entry's date as recorded (where
    the wrong figure took effect) and, for a date, the amount it moves. A right amount far
    above what a review costs only when ``amount_confirmed`` (``plausible``); never so low
    that its category's total (``totals``, as a total correction may have left it) falls
    below nothing."""
    totals = totals or {}
    entry, name = _entry(entries, field)
    why = c.check_reason(reason)
    if name == "amount":
        amount = check_plausible(check_pence(value, "The cost"), "The cost", amount_confirmed)
        c.unchanged("amount", pounds(entry.amount), pounds(amount))
        total = totals.get(entry.category, 0)
        if amount < entry.amount - total:  # the total was corrected down on its own
            raise InvalidTransitionError(
                f"The {entry.category} costs total {pounds(total)} as corrected, so this cost "
                f"can come down by at most that: correct it to at least "
                f"{pounds(entry.amount - total)}, or correct the total (actual.{entry.category})."
            )
        return field, amount, entry.amount, why, entry.incurred_on, None
    day = dated(c.a_date(value, "date incurred"), "The cost", incident_on, today)
    c.unchanged("date incurred", entry.incurred_on, day)
    return field, day, entry.incurred_on, why, entry.incurred_on, entry.amount


def corrected(entries: tuple[Incurred, ...], field: str, value: Any) -> tuple[Incurred, ...]:
    """The entries with the one ``field`` names corrected: the body of ``ReviewCost.Corrected``."""
    entry, name = _entry(entries, field)
    fixed = (
        replace(entry, amount=int(value)) if name == "amount" else replace(entry, incurred_on=value)
    )
    return tuple(fixed if e is entry else e for e in entries)


def _entry(entries: tuple[Incurred, ...], field: object) -> tuple[Incurred, str]:
    parts = field.split(".") if isinstance(field, str) else []
    number = int(parts[1]) if len(parts) == 3 and parts[1].isdigit() else 0
    if len(parts) != 3 or parts[0] != "incurred" or parts[2] not in FIELDS:
        raise InvalidValueError(
            f"'{field}' names no cost incurred; use 'incurred.<number>.amount' or "
            "'incurred.<number>.incurred_on', e.g. 'incurred.1.amount'."
        )
    if not 1 <= number <= len(entries):
        recorded = f"1 to {len(entries)}" if entries else "none yet"
        raise InvalidValueError(
            f"No cost incurred is numbered {parts[1]}; the costs recorded are numbered "
            f"{recorded}, in the order they were recorded."
        )
    return entries[number - 1], parts[2]
