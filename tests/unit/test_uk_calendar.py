"""Officers work in UK dates; servers keep UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.calendar import uk_today
from domain.reviews.checks import check_date


def test_just_after_midnight_in_summer_time_it_is_already_tomorrow() -> None:
    half_past_midnight_bst = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)
    assert uk_today(half_past_midnight_bst) == date(2026, 7, 2)
    assert uk_today(datetime(2026, 1, 1, 23, 30, tzinfo=UTC)) == date(2026, 1, 1)  # GMT in winter


def test_an_event_dated_today_in_the_uk_is_not_in_the_future() -> None:
    today = uk_today(datetime(2026, 7, 1, 23, 30, tzinfo=UTC))
    assert check_date(date(2026, 7, 2), "panel meeting", today) == date(2026, 7, 2)
