"""When ``ledger serve`` starts the daily reminder run: from the hour, once a day; a run that
could not send retried hourly within its day; refused recipients wait for tomorrow's run."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta

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


def test_a_run_failed_late_in_the_evening_is_not_retried_past_midnight() -> None:
    """After midnight the run is the new day's: it waits for the hour, not 00:30."""
    schedule = ReminderSchedule(23)
    schedule.retry_at = at(3, 22, 50) + RETRY_AFTER  # a run from 22:50 that failed after 00:00
    assert not schedule.due(at(4, 0, 30)) and not schedule.due(at(4, 22, 59))
    assert schedule.due(at(4, 23))
    schedule = ReminderSchedule(23, start=child(UNAVAILABLE, 3))
    schedule._run(at(3, 23, 30))
    assert schedule.retry_at is None and schedule.done_on == at(3, 0).date()
    assert not schedule.due(at(4, 0, 30)) and schedule.due(at(4, 23))


def child(words: str, code: int) -> Callable[[], subprocess.Popen[bytes]]:
    """A real child process closing with ``ledger reminders send``'s own last words."""
    script = f"import sys; sys.stderr.write({words!r}); sys.exit({code})"
    return lambda: subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE)


SENT = "2026-12-05: sent 50 email(s)\n"
REFUSED = SENT + (
    "1 email(s) refused by the mail server (see above; `ledger reminders send --dry-run` "
    "lists whose are still to send)\n"
)
UNAVAILABLE = (
    "error: Could not reach the mail server at smtp://127.0.0.1:25: ConnectionRefusedError.\n"
)


def runs(schedule: ReminderSchedule, start: datetime, end: datetime) -> list[str]:
    """When the schedule starts a run, polling every half hour from ``start`` to ``end``."""
    started, now = [], start
    while now < end:
        if schedule.due(now):
            schedule._run(now)
            started.append(f"{now:%a %H:%M}")
        now += timedelta(minutes=30)
    return started


def test_a_refused_recipient_finishes_the_day_and_tomorrow_tries_again() -> None:
    """A mailbox that refuses today refuses in an hour too: retrying would rerun all day."""
    schedule = ReminderSchedule(7, start=child(REFUSED, 4))
    assert runs(schedule, at(5, 6), at(6, 12)) == ["Sat 07:00", "Sun 07:00"]


def test_a_mail_server_down_or_a_crash_is_retried_hourly_until_midnight_only() -> None:
    schedule = ReminderSchedule(21, start=child(UNAVAILABLE, 3))
    assert runs(schedule, at(5, 20), at(6, 22)) == [
        "Sat 21:00", "Sat 22:00", "Sat 23:00", "Sun 21:00"
    ]  # fmt: skip
    crashed = ReminderSchedule(22, start=child("Traceback ...\nKeyError: 'x'\n", 1))
    assert runs(crashed, at(5, 22), at(6, 0)) == ["Sat 22:00", "Sat 23:00"]
    sent = ReminderSchedule(7, start=child(SENT, 0))
    assert runs(sent, at(5, 6), at(6, 8)) == ["Sat 07:00", "Sun 07:00"]
