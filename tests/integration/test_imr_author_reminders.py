"""IMR authors known only as contacts are reminded of their IMR, on both stores, through a
real SMTP server on loopback (aiosmtpd): the officers' words for the item and no link (they
have no account), replying to the officer who recorded them; an author without an address
or who asked not to be emailed is skipped. An address the server refuses is kept, for the
user's page or the case's IMR authors page, until a later email gets through."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest

from domain.recording import acting_as
from domain.vault.imr_contacts import ImrContact
from tenants.ledger.imr_contacts import ImrContacts
from tenants.platform import Platform
from tenants.reminders import send_reminders
from tenants.reminders.authors import author_id
from tenants.reminders.delivery import refused_on
from tests.conftest import database_alone
from tests.integration.at_rest import readable_in
from tests.integration.test_reminders import BASE, TODAY, World, build, settings
from tests.mail_server import MailServer, mail_server, text_of

__all__ = ["mail_server"]  # the fixture, used by name


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    """This module's own database: a reminder run reads every partnership on the platform."""
    with database_alone(__name__.rsplit(".", 1)[-1]) as url:
        yield url


AUTHOR = "jo.author@police.example"
QUIET = "sam.quiet@health.example"


def with_authors(platform: Platform, unique: Callable[[str], str]) -> World:
    """The officer records three authors: Shire Constabulary's IMR (7 days late) by one to
    email, Health's (due in 5 days) by one who asked not to be emailed, and Police's (late)
    by one with a phone number only."""
    w = build(platform, unique)
    with platform.region_ledgers.lease(w.region) as region:
        region.partners.add("force-police", "Shire Constabulary", "police", date(2015, 4, 1))
    officer = platform.access.user(w.address("officer").split("@")[0])
    with platform.ledgers.lease(w.mine) as ledger, acting_as(str(officer.id)):
        ledger.imrs.request(w.review_b, "force-police", date(2023, 11, 1), date(2024, 6, 3))
        contacts, on = ImrContacts(ledger), date(2024, 5, 1)
        contacts.record(w.review_b, "force-police", ImrContact.checked("Jo Author", AUTHOR), on)
        quiet = ImrContact.checked("Sam Quiet", QUIET, emailed=False)
        contacts.record(w.review_b, "Health", quiet, on)
        by_phone = ImrContact.checked("Pat Phone", "", "0121 496 0000")
        contacts.record(w.review_b, "Police", by_phone, on)
    return w


def test_an_imr_author_known_only_as_a_contact_is_reminded_and_replies_to_the_officer(
    platform: Platform, unique: Callable[[str], str], mail_server: MailServer
) -> None:
    w = with_authors(platform, unique)
    lines: list[str] = []
    send_reminders(platform, settings(mail_server), TODAY, progress=lines.append)

    (mail,) = mail_server.inbox.to(AUTHOR)
    assert mail["Subject"] == "Our Partnership: 1 thing needs you (10 June 2024)"
    assert mail["Reply-To"] == w.address("officer")
    text = text_of(mail)
    assert text.startswith("The Partnership Ledger lists these for Our Partnership as due")
    assert "Our Partnership: IMRs late" in text
    assert "* Case DHR-B, IMR from Shire Constabulary: was due 3 June 2024, 7 days late" in text
    assert "reply to this email or contact Officer of the community safety team of Our " in text
    assert "you need no account in the Partnership Ledger" in text
    assert BASE not in text and "http" not in text and "Sign in" not in text  # no account
    assert "Anne" not in text and "Jo Author" not in text and "Health" not in text
    assert "DHR-A" not in text  # only their own IMR
    html = mail.get_body(preferencelist=("html",))
    assert html is not None and "<a " not in str(html.get_content())
    assert mail_server.inbox.to(QUIET) == []  # asked not to be emailed
    said = [line for line in lines if "the author of the IMR" in line]
    assert said == [
        "[7/7] sent to the author of the IMR from Shire Constabulary on case DHR-B: "
        "IMR reminder, 1 item"
    ]
    assert not any("@" in line or "Jo Author" in line for line in lines)
    assert readable_in(platform, AUTHOR) == []  # the address stays sealed

    mail_server.inbox.clear()
    send_reminders(platform, settings(mail_server), TODAY)
    assert mail_server.inbox.to(AUTHOR) == []  # once a day
    send_reminders(platform, settings(mail_server), TODAY + timedelta(days=1))
    assert len(mail_server.inbox.to(AUTHOR)) == 1


def test_a_refused_address_is_kept_until_a_later_email_gets_through_and_the_rest_still_go(
    platform: Platform, unique: Callable[[str], str], mail_server: MailServer
) -> None:
    w = with_authors(platform, unique)
    officer = platform.access.user(w.address("officer").split("@")[0])
    author = author_id(w.mine, w.review_b, "force-police")
    mail_server.inbox.refuse |= {w.address("officer"), AUTHOR}
    lines: list[str] = []
    report = send_reminders(platform, settings(mail_server), TODAY, progress=lines.append)

    assert report.refused == 2 and report.sent == 5  # the rest of the run still went
    assert len(mail_server.inbox.to(w.address("lead"))) == 2
    assert refused_on(platform.access, officer.id) == TODAY
    assert refused_on(platform.access, author) == TODAY
    lead = platform.access.user(w.address("lead").split("@")[0])
    assert refused_on(platform.access, lead.id) is None
    (about_author,) = [line for line in lines if "not sent to the author" in line]
    assert "refused the recipient's address" in about_author
    assert "Check the author's address on the case's IMR authors page." in about_author
    assert not any("@" in line for line in lines)  # never the address
    assert readable_in(platform, AUTHOR) == []

    mail_server.inbox.refuse.clear()  # corrected, or the mailbox came back
    again = send_reminders(platform, settings(mail_server), TODAY + timedelta(days=1))
    assert again.refused == 0 and len(mail_server.inbox.to(AUTHOR)) == 1
    assert refused_on(platform.access, officer.id) is None
    assert refused_on(platform.access, author) is None
