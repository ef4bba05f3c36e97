"""`ledger reminders send` as operators and `ledger serve` run it: a child process reading the
same stores from the environment, sending to aiosmtpd on loopback, on both stores."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime

import pytest

from api.cli.reminder_schedule import ReminderSchedule, ran_to_the_end, reminders_process
from domain.calendar import UK
from tenants.platform import Platform
from tests.conftest import database_alone, store_env
from tests.integration.test_reminders import build
from tests.mail_server import MailServer, mail_server

__all__ = ["mail_server"]


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    """This module's own database: a reminder run reads every partnership on the platform."""
    with database_alone(__name__.rsplit(".", 1)[-1]) as url:
        yield url


def env_for(platform: Platform, server: MailServer) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "LEDGER_DATABASE_URL"}
    return {
        **env,
        **store_env(platform.settings),
        "LEDGER_SMTP_URL": server.url,
        "LEDGER_BASE_URL": "https://ledger.example.gov.uk",
        "LEDGER_MAIL_FROM": "Ledger <noreply@ledger.test>",
    }


def ledger(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    code = "from api.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=300
    )


def test_the_command_says_what_it_does_and_fails_clearly_without_a_mail_server(
    platform: Platform, unique: Callable[[str], str], mail_server: MailServer
) -> None:
    w = build(platform, unique)
    env, officer = env_for(platform, mail_server), w.address("officer")
    dry = ledger(env, "reminders", "send", "--date", "2024-06-10", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert f"would send to {officer.split('@')[0]}: daily digest, 7 items" in dry.stdout
    assert mail_server.inbox.to(officer) == []

    mail_server.stop()
    down = ledger(env, "reminders", "send", "--date", "2024-06-10")
    assert down.returncode == 3
    assert "error: Could not reach the mail server at 127.0.0.1" in down.stderr
    assert "@" not in down.stdout + down.stderr.replace("noreply@", "")

    mail_server.start()
    sent = ledger(env, "reminders", "send", "--date", "2024-06-10")
    assert sent.returncode == 0, sent.stderr
    assert f"sent to {officer.split('@')[0]}: daily digest, 7 items" in sent.stdout
    assert len(mail_server.inbox.to(officer)) == 1


def test_a_refused_recipient_s_closing_line_says_how_to_find_whose_without_the_progress(
    platform: Platform, unique: Callable[[str], str], mail_server: MailServer
) -> None:
    """``ledger serve`` keeps only the run's closing words (its progress names people): they
    must say how to find whose email was refused, not "see above" alone."""
    w = build(platform, unique)
    env, officer = env_for(platform, mail_server), w.address("officer")
    mail_server.inbox.refuse.add(officer)
    refused = ledger(env, "reminders", "send", "--date", "2024-06-10")
    assert refused.returncode == 4 and ran_to_the_end(refused.stderr)
    last = refused.stderr.strip().splitlines()[-1]
    assert "1 email(s) refused by the mail server" in last
    assert "`ledger reminders send --dry-run` lists whose are still to send" in last
    assert "@" not in refused.stderr.replace("noreply@", "")
    dry = ledger(env, "reminders", "send", "--date", "2024-06-10", "--dry-run")
    assert dry.stdout.count("would send to") == 1
    assert f"would send to {officer.split('@')[0]}: daily digest, 7 items" in dry.stdout


def test_serve_s_schedule_runs_the_send_once_a_day_and_retries_a_failed_run(
    platform: Platform,
    unique: Callable[[str], str],
    mail_server: MailServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    w = build(platform, unique)
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    for key, value in env_for(platform, mail_server).items():
        monkeypatch.setenv(key, value)
    # a morning of today's date, whatever the hour the suite runs: after 23:00 a failed run's
    # retry would fall tomorrow and be dropped (``due``), and this test failed every evening
    now = datetime.now(UK).replace(hour=9, minute=0, second=0, microsecond=0)
    mail_server.stop()  # the first run fails: retried an hour later, nothing recorded
    schedule = ReminderSchedule(now.hour, reminders_process, lambda: now, poll_seconds=0.2)
    schedule.start()
    try:
        _until(lambda: schedule.retry_at is not None)
        assert schedule.runs == 1 and schedule.done_on is None

        mail_server.start()
        assert schedule.retry_at is not None
        now = schedule.retry_at  # an hour later
        _until(lambda: schedule.done_on is not None)
        assert schedule.runs == 2
        assert len(mail_server.inbox.to(w.address("officer"))) == 1  # today's digest
        time.sleep(1)
        assert schedule.runs == 2  # once a day
    finally:
        schedule.stop()


def _until(condition: Callable[[], bool], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the scheduled run did not finish in time"
        time.sleep(0.2)
