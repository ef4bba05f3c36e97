"""The calendar the partnerships work in: UK dates, whatever the server's clock zone.

Servers run on UTC; between midnight and 1am in British Summer Time the UTC date is still
yesterday, so an officer recording something that happened today would be told it is in
the future. Every default "today" comes from here instead of ``date.today()``.

Guidance counts in calendar months and years (a decision due a month after the incident,
an impact review six months after completion, data kept six years after a case ended), so
they are counted here once, the same way wherever they are due.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")  # the tzdata package supplies it where the system has none


def uk_today(now: datetime | None = None) -> date:
    """Today's date in the UK (``now`` must carry a time zone; default: the current instant)."""
    return (now or datetime.now(UTC)).astimezone(UK).date()


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months; a day the target month lacks clamps to its end
    (31 August + 6 is 28 or 29 February, and 29 February + 12 is 28 February)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def long_date(value: date | datetime) -> str:
    """ "4 September 2013"; a timestamp is first moved to UK time."""
    if isinstance(value, datetime):
        value = value.astimezone(UK) if value.tzinfo else value
    return f"{value.day} {value:%B %Y}"


def date_time(value: datetime) -> str:
    """ "4 September 2013 at 2:05pm", UK time."""
    local = value.astimezone(UK) if value.tzinfo else value
    hour = local.hour % 12 or 12
    return f"{long_date(local)} at {hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"
