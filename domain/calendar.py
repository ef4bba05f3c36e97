"""The calendar the partnerships work in: UK dates, whatever the server's clock zone.

Servers run on UTC; between midnight and 1am in British Summer Time the UTC date is still
yesterday, so an officer recording something that happened today would be told it is in
the future. Every default "today" comes from here instead of ``date.today()``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")  # the tzdata package supplies it where the system has none


def uk_today(now: datetime | None = None) -> date:
    """Today's date in the UK (``now`` must carry a time zone; default: the current instant)."""
    return (now or datetime.now(UTC)).astimezone(UK).date()
