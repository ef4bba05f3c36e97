"""A reminder run over a partnership with an altered case and an altered action, on both stores:
everyone still gets their reminders, the two records are left out, and the run says so, where
one altered byte used to stop every email of the run."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

import pytest

from domain.region.partners import PartnerDirectory
from domain.vault.imr_contacts import ImrAuthorContacts
from tenants.platform import Platform
from tenants.reminders import send_reminders
from tests.conftest import fresh_database
from tests.integration.test_audit_tampering import flip_a_byte
from tests.integration.test_imr_author_reminders import AUTHOR, with_authors
from tests.integration.test_reminders import TODAY, build, settings
from tests.mail_server import MailServer, mail_server, text_of

__all__ = ["mail_server"]  # the fixture, used by name


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A database of its own: what it alters would meet every other run in a shared one."""
    with fresh_database("ledger_reminders_unreadable") as url:
        yield url


def test_a_case_and_an_action_that_cannot_be_read_are_left_out_and_the_rest_is_sent(
    platform: Platform,
    unique: Callable[[str], str],
    mail_server: MailServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    w = build(platform, unique)
    flip_a_byte(platform, w.mine, w.review_a, 1)
    flip_a_byte(platform, w.mine, w.action_late, 1)
    lines: list[str] = []

    with caplog.at_level(logging.WARNING, logger="tenants.unreadable"):
        report = send_reminders(platform, settings(mail_server), TODAY, progress=lines.append)

    assert report.unreadable == 2
    assert any("2 record(s) could not be read and were left out" in line for line in lines)
    (officer,) = mail_server.inbox.to(w.address("officer"))
    text = text_of(officer)
    assert "5 things need you" in officer["Subject"]  # 7, less the two left out
    assert "Case DHR-B, IMR from an agency: was due 1 June 2024, 9 days late" in text
    assert "Case DHR-B, recommendation R1: due 20 June 2024" in text
    assert "DHR-A" not in text and f"actions/{w.action_late}" not in text  # both left out
    (neighbour,) = mail_server.inbox.to(w.address("neighbour"))
    assert "DHR-N, IMR from an agency" in text_of(neighbour)
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert str(w.review_a) in logged and str(w.action_late) in logged and w.mine in logged
    assert "Mary" not in logged and "Brief call handlers" not in logged


def test_imr_authors_whose_contacts_cannot_be_read_are_left_out_and_the_rest_is_sent(
    platform: Platform,
    unique: Callable[[str], str],
    mail_server: MailServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    w = with_authors(platform, unique)
    contacts = ImrAuthorContacts.create_id(w.review_b)
    flip_a_byte(platform, w.mine, contacts, 2)  # the first contact recorded

    with caplog.at_level(logging.WARNING, logger="tenants.unreadable"):
        report = send_reminders(platform, settings(mail_server), TODAY)

    assert report.unreadable == 1 and mail_server.inbox.to(AUTHOR) == []
    (officer,) = mail_server.inbox.to(w.address("officer"))
    assert "Case DHR-B, IMR from Shire Constabulary" in text_of(officer)
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert str(contacts) in logged and "Jo Author" not in logged and AUTHOR not in logged


def test_a_region_whose_directory_cannot_be_read_names_no_agency_and_the_rest_is_sent(
    platform: Platform,
    unique: Callable[[str], str],
    mail_server: MailServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The region's partner directory names each IMR's agency in the emails: one altered byte
    in it stopped every email of the run. Its agencies now read "an agency", as one the
    directory lacks, and the directory is counted and logged as left out."""
    w = with_authors(platform, unique)
    flip_a_byte(platform, f"@{w.region}", PartnerDirectory.create_id(), 2)

    with caplog.at_level(logging.WARNING, logger="tenants.unreadable"):
        report = send_reminders(platform, settings(mail_server), TODAY)

    assert report.unreadable == 1
    (officer,) = mail_server.inbox.to(w.address("officer"))
    assert "Case DHR-B, IMR from an agency" in text_of(officer)
    assert "Shire Constabulary" not in text_of(officer)
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert str(PartnerDirectory.create_id()) in logged and w.region in logged
