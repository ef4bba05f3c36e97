"""Ended sessions are remembered as long as a session could live, and no longer; a new
password ends every session begun before it, a stronger hash of the same one none."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from tenants.users.credentials import SESSION_LIFETIME, Credentials

BEGAN = datetime(2026, 12, 4, 7, 30, tzinfo=UTC)


def test_an_ended_session_is_refused_until_it_could_not_have_lived_anyway() -> None:
    creds = Credentials(user_id=uuid.uuid4())
    morning = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)
    creds.end_session("first", morning)
    assert creds.session_ended("first", BEGAN) and not creds.session_ended("second", BEGAN)
    creds.end_session("second", morning + SESSION_LIFETIME - timedelta(minutes=1))
    assert creds.session_ended("first", BEGAN) and creds.session_ended("second", BEGAN)
    creds.end_session("third", morning + SESSION_LIFETIME)
    assert not creds.session_ended("first", BEGAN)  # its cookie has expired by itself
    assert creds.session_ended("second", BEGAN) and creds.session_ended("third", BEGAN)
    assert [type(e).__name__ for e in creds.collect_events()][-3:] == ["SessionEnded"] * 3


def test_a_new_password_ends_every_session_begun_before_it() -> None:
    creds = Credentials(user_id=uuid.uuid4())
    changed = datetime(2026, 12, 4, 9, 0, 0, 400_000, tzinfo=UTC)
    creds.set_password_hash("hash-1", temporary=False, sessions_from=changed)
    assert creds.session_ended("laptop", changed - timedelta(microseconds=1))
    assert not creds.session_ended("fresh", changed)
    assert not creds.session_ended("later", changed + timedelta(minutes=5))


def test_a_stronger_hash_of_the_same_password_ends_nothing() -> None:
    creds = Credentials(user_id=uuid.uuid4())
    changed = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    creds.set_password_hash("hash-1", temporary=False, sessions_from=changed)
    creds.set_password_hash("hash-1-stronger", False)  # rehashed at sign-in
    assert creds.sessions_from == changed
    assert not creds.session_ended("after", changed + timedelta(hours=1))
