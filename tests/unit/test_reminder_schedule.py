"""When ``ledger serve`` starts the daily reminder run: from the hour, once a day, and a failed
run retried an hour later even when that hour falls after midnight."""

from __future__ import annotations

from datetime import datetime

from api.cli.reminder_schedule import RETRY_AFTER, ReminderSchedule
from domain.calendar import UK


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=UK)


def test_due_from_the_hour_once_a_day() -> None:
    schedule = ReminderSchedule(7)
    assert not schedule.due(at(3, 6, 59))
    assert schedule.due(at(3, 7)) and schedule.due(at(3, 23))
    schedule.done_on = at(3, 7).date()
    assert not schedule.due(at(3, 23, 59))
    assert not schedule.due(at(4, 6)) and schedule.due(at(4, 7))


def test_a_run_failed_late_in_the_evening_is_retried_after_midnight() -> None:
    schedule = ReminderSchedule(23)
    schedule.retry_at = at(3, 23, 30) + RETRY_AFTER
    assert not schedule.due(at(4, 0, 29))
    assert schedule.due(at(4, 0, 30))  # not left until 23:00 the next day
