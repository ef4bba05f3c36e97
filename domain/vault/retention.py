"""A partnership's retention schedule for personal data, and when a case falls due."""

from __future__ import annotations

from datetime import date

from eventsourcing.domain import event

from domain.calendar import add_months
from domain.errors import InvalidValueError
from domain.ids import ledger_id
from domain.recording import SingleRecord

MAX_YEARS = 100


def retention_due_on(ended_on: date, years: int) -> date:
    """``years`` after the day the case ended; 29 February falls due on 28 February."""
    return add_months(ended_on, 12 * years)


class RetentionSchedule(SingleRecord):
    """How many years after a case is published or closed its vault entry is erased."""

    ID = ledger_id("retention-schedule")

    @event("Started")
    def __init__(self) -> None:
        self.years: int | None = None
        self.set_on: date | None = None

    def set_years(self, years: int, set_on: date) -> None:
        if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= MAX_YEARS:
            raise InvalidValueError(
                f"Keep personal data for a whole number of years from 1 to {MAX_YEARS}."
            )
        self._set(years=years, set_on=set_on)

    @event("Set")
    def _set(self, years: int, set_on: date) -> None:
        self.years, self.set_on = years, set_on
