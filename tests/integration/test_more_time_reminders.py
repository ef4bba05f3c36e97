"""An agency's request for more time waiting for the panel reaches the partnership's officer
and lead in the daily reminder, on both stores through a real SMTP server, until answered:
the agency works to its old date until someone answers, so a forgotten request costs it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest

from domain.recording import acting_as
from tenants.platform import Platform
from tenants.reminders import send_reminders
from tenants.users.onboarding import add_user
from tests.conftest import database_alone
from tests.integration.test_reminders import BASE, TODAY, build, settings
from tests.mail_server import MailServer, mail_server, text_of

__all__ = ["mail_server"]  # the fixture, used by name


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    """This module's own database: a reminder run reads every partnership on the platform."""
    with database_alone(__name__.rsplit(".", 1)[-1]) as url:
        yield url


WAITING = (
    "Case DHR-B, IMR from Shire Constabulary: more time asked on 3 June 2024 to be due "
    "15 July 2024, waiting 7 days for the panel's answer"
)


def test_a_request_for_more_time_is_reminded_to_the_partnership_until_answered(
    platform: Platform, unique: Callable[[str], str], mail_server: MailServer
) -> None:
    w = build(platform, unique)
    with platform.region_ledgers.lease(w.region) as region:
        region.partners.add("force-police", "Shire Constabulary", "police", date(2015, 4, 1))
    with acting_as("system"), platform.ledgers.lease(w.mine) as ledger:
        ledger.imrs.request(w.review_b, "force-police", date(2023, 11, 1), date(2024, 7, 1))
        ledger.imrs.ask_extension(
            w.review_b, "force-police", date(2024, 6, 3), date(2024, 7, 15), "Author off sick"
        )
    police = unique("police")
    email = f"{police}@police.example"
    add_user(
        platform, police, "agency_contributor", (w.mine,), (), email=email, agency="force-police"
    )
    send_reminders(platform, settings(mail_server), TODAY)

    inbox = mail_server.inbox
    (officer,) = inbox.to(w.address("officer"))
    text = text_of(officer)
    assert "Our Partnership: Agencies' requests for more time waiting for an answer" in text
    assert WAITING in text, text
    assert f"{BASE}/partnerships/{w.mine}/cases/{w.review_b}#imrs" in text
    assert "Answer a request for more time on its case's page" in text
    assert "Author off sick" not in text  # typed words never leave in an email
    (digest,) = (m for m in inbox.to(w.address("lead")) if "things" in m["Subject"])
    assert WAITING in text_of(digest)
    assert "more time asked" not in " ".join(text_of(m) for m in inbox.to(email))  # the panel's
    assert "more time asked" not in text_of(inbox.to(w.address("neighbour"))[0])

    inbox.clear()
    with acting_as("system"), platform.ledgers.lease(w.mine) as ledger:
        ledger.imrs.refuse_extension(
            w.review_b, "force-police", date(2024, 6, 10), "Due as agreed", today=TODAY
        )
    send_reminders(platform, settings(mail_server), date(2024, 6, 11))
    (officer,) = inbox.to(w.address("officer"))
    assert "more time asked" not in text_of(officer)
