"""Ended sessions are remembered as long as a session could live, and no longer."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from tenants.users.credentials import SESSION_LIFETIME, Credentials


def test_an_ended_session_is_refused_until_it_could_not_have_lived_anyway() -> None:
    creds = Credentials(user_id=uuid.uuid4())
    morning = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)
    creds.end_session("first", morning)
    assert creds.session_ended("first") and not creds.session_ended("second")
    creds.end_session("second", morning + SESSION_LIFETIME - timedelta(minutes=1))
    assert creds.session_ended("first") and creds.session_ended("second")
    creds.end_session("third", morning + SESSION_LIFETIME)
    assert not creds.session_ended("first")  # its cookie has expired by itself
    assert creds.session_ended("second") and creds.session_ended("third")
    assert [type(e).__name__ for e in creds.collect_events()][-3:] == ["SessionEnded"] * 3
