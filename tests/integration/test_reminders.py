"""Reminders end to end on both stores, sent to a real SMTP server on loopback (aiosmtpd):
the right people get the right items, once; nobody outside a partnership hears of its cases;
a mail server that is down fails the run clearly and records nothing as sent."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

import pytest

from adapters.mail import MailSettings, MailUnavailable
from adapters.mail.settings import SmtpAddress
from adapters.run_lock import AlreadyRunning, one_at_a_time
from domain.actionplan import Scope
from domain.recording import acting_as
from tenants.ledger.agency_work import AgencyWork
from tenants.platform import Platform
from tenants.reminders import send_reminders
from tenants.reminders.log import sent_keys
from tenants.reminders.run import periods
from tenants.users.onboarding import add_user
from tests.conftest import database_alone
from tests.integration.at_rest import readable_in
from tests.mail_server import MailServer, mail_server, text_of

__all__ = ["mail_server"]  # the fixture, used by name


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    """This module's own database: a reminder run reads every partnership on the platform."""
    with database_alone(__name__.rsplit(".", 1)[-1]) as url:
        yield url


TODAY = date(2024, 6, 10)  # a Monday; every date below is before it
BASE = "https://ledger.example.gov.uk"


@dataclass
class World:
    region: str
    mine: str
    neighbour: str
    stranger: str
    review_a: UUID
    review_b: UUID
    action_late: UUID
    emails: dict[str, str]
    region_name: str  # unique to the test: the platform allows a region's name once

    def address(self, who: str) -> str:
        return self.emails[who]


def settings(server: MailServer) -> MailSettings:
    return MailSettings(SmtpAddress.parse(server.url), "Ledger <noreply@ledger.test>", BASE, None)


def build(platform: Platform, unique: Callable[[str], str]) -> World:
    region, other = unique("region"), unique("far")
    mine, neighbour, stranger = unique("csp"), unique("next"), unique("away")
    region_name = unique("Region")
    platform.registry.create_region(region, region_name)
    platform.registry.create_region(other, unique("Far region"))
    platform.register_tenant(mine, "Our Partnership", region)
    platform.register_tenant(neighbour, "Next Partnership", region)
    platform.register_tenant(stranger, "Far Partnership", other)
    with platform.ledgers.lease(mine) as ledger:
        # A: notified, not yet decided: the 1-month decision clock runs out on 20 June
        review_a = ledger.reviews.notify(
            "DHR-A", date(2024, 5, 20), date(2024, 5, 25), "Mary", "dhr", "unexpected_death"
        )
        # B: under review since October: 7-month completion clock passed on 1 May
        review_b = ledger.reviews.notify(
            "DHR-B", date(2023, 10, 1), date(2023, 10, 5), "Anne", "dhr", "unexpected_death"
        )
        ledger.reviews.decide(review_b, date(2023, 10, 20), "hold")
        ledger.imrs.request(review_b, "Police", date(2023, 11, 1), date(2024, 6, 1))  # late
        ledger.imrs.request(review_b, "Health", date(2023, 11, 1), date(2024, 6, 15))  # due
        ledger.imrs.request(review_b, "Council", date(2023, 11, 1), date(2024, 8, 1))  # later
        rec = ledger.recommendations.make(
            review_b,
            "R1",
            "Train call handlers",
            Scope.MULTI_AGENCY,
            date(2023, 11, 20),
            ["training"],
            target_sector="police",
        )
        action_late = ledger.actions.plan(rec, "Police", "Brief call handlers", date(2024, 6, 5))
        ledger.actions.plan(rec, "Health", "Screen at A&E", date(2024, 6, 20))
        ledger.actions.plan(rec, "Council", "Train housing staff", date(2024, 9, 1))
        done = ledger.actions.plan(rec, "Probation", "Share MARAC lists", date(2024, 3, 1))
        assert ledger.actions.complete(done, date(2023, 12, 20)) == date(2024, 6, 20)
    with platform.ledgers.lease(neighbour) as ledger:
        review_n = ledger.reviews.notify(
            "DHR-N", date(2023, 12, 1), date(2023, 12, 5), "Nina", "dhr", "unexpected_death"
        )
        ledger.reviews.decide(review_n, date(2023, 12, 20), "hold")
        ledger.imrs.request(review_n, "Probation", date(2024, 1, 5), date(2024, 5, 1))
    with platform.ledgers.lease(stranger) as ledger:
        ledger.reviews.notify(
            "DHR-S", date(2024, 5, 15), date(2024, 5, 20), "Sara", "dhr", "unexpected_death"
        )
    emails = {}
    people = {
        "officer": ("csp_officer", (mine,), ()),
        "lead": ("csp_lead", (mine,), ()),
        "neighbour": ("csp_officer", (neighbour,), ()),
        "stranger": ("csp_officer", (stranger,), ()),
        "regional": ("regional_lead", (), (region,)),
        "auditor": ("auditor", (mine,), ()),
    }
    for who, (role, tenants, regions) in people.items():
        name = unique(who)
        emails[who] = f"{name}@council.example"
        add_user(
            platform, name, role, tenants, regions, display_name=who.title(), email=emails[who]
        )
    add_user(platform, unique("silent"), "csp_officer", (mine,), (), display_name="No Email")
    return World(
        region, mine, neighbour, stranger, review_a, review_b, action_late, emails, region_name
    )


def test_each_person_gets_what_needs_them_once_and_nothing_of_other_partnerships(
    platform: Platform, unique: Callable[[str], str], mail_server: MailServer
) -> None:
    w = build(platform, unique)
    inbox, lines = mail_server.inbox, list[str]()
    send_reminders(platform, settings(mail_server), TODAY, progress=lines.append)

    (officer,) = inbox.to(w.address("officer"))
    text = text_of(officer)
    assert "7 things need you" in officer["Subject"]
    assert "Our Partnership: Actions overdue" in text
    # "Police", "Health", "Probation": typed, not in the region's directory, so not in the email
    assert "Case DHR-B, recommendation R1: was due 5 June 2024, 5 days late" in text
    assert f"{BASE}/partnerships/{w.mine}/actions/{w.action_late}" in text
    assert "Case DHR-B, IMR from an agency: was due 1 June 2024, 9 days late" in text
    assert "Case DHR-B, IMR from an agency: due 15 June 2024" in text
    assert "Case DHR-A, decision whether to review: due 20 June 2024" in text
    assert "Case DHR-B, review completion: was due 1 May 2024" in text
    assert "Impact reviews due" in text
    assert "Case DHR-B, recommendation R1: due 20 June 2024" in text
    assert f"{BASE}/partnerships/{w.mine}/cases/{w.review_a}" in text
    assert "Police" not in text and "Health" not in text and "Probation" not in text
    assert "Council" not in text  # due beyond 14 days
    assert "Mary" not in text and "Anne" not in text  # no pseudonyms, ever
    assert "DHR-N" not in text and "DHR-S" not in text
    html = officer.get_body(preferencelist=("html",))
    assert html is not None and "DHR-B" in str(html.get_content())

    assert "sign-off" not in text  # the lead signs completion off, not the officer
    lead = inbox.to(w.address("lead"))
    subjects = sorted(m["Subject"] for m in lead)
    assert len(lead) == 2 and "weekly summary" in subjects[1] and "8 things" in subjects[0]
    (digest,) = (m for m in lead if "things" in m["Subject"])
    assert "Our Partnership: Completed actions awaiting the lead's sign-off" in text_of(digest)
    assert "Case DHR-B, recommendation R1: completed 20 December 2023, 173 days ago" in text_of(
        digest
    )
    (neighbour,) = inbox.to(w.address("neighbour"))
    assert "DHR-N, IMR from an agency" in text_of(neighbour) and "DHR-B" not in text_of(neighbour)
    (stranger,) = inbox.to(w.address("stranger"))
    assert "DHR-S, decision whether to review" in text_of(stranger)
    assert "DHR-B" not in text_of(stranger) and "DHR-N" not in text_of(stranger)
    (regional,) = inbox.to(w.address("regional"))
    summary = text_of(regional)
    assert "weekly summary" in regional["Subject"]
    assert "Our Partnership" in summary and "Next Partnership" in summary
    assert "Far Partnership" not in summary and "DHR-" not in summary
    assert f"{BASE}/regions/{w.region}/dashboard" in summary
    assert inbox.to(w.address("auditor")) == []
    assert any("sent to" in line for line in lines)
    assert not any("@" in line for line in lines)  # progress never shows an address

    inbox.clear()
    second = send_reminders(platform, settings(mail_server), TODAY)
    assert [o for o in second.planned if o.who.endswith(w.mine[-8:])] == []
    assert all(inbox.to(address) == [] for address in w.emails.values())

    # the next day the digest comes again (the items are still due); the summary waits a week
    send_reminders(platform, settings(mail_server), date(2024, 6, 11))
    assert len(inbox.to(w.address("officer"))) == 1 and len(inbox.to(w.address("lead"))) == 1
    assert inbox.to(w.address("regional")) == []
    assert readable_in(platform, w.address("officer")) == []  # email addresses stay encrypted


def test_a_mail_server_that_is_down_fails_the_run_and_records_nothing(
    platform: Platform, unique: Callable[[str], str], mail_server: MailServer
) -> None:
    w = build(platform, unique)
    mail_server.stop()
    with pytest.raises(MailUnavailable, match="Could not reach the mail server at 127.0.0.1"):
        send_reminders(platform, settings(mail_server), TODAY)
    officer = platform.access.user(w.address("officer").split("@")[0])
    daily, weekly = periods(TODAY)
    assert sent_keys(platform.access, officer.id, daily) == frozenset()

    mail_server.start()
    send_reminders(platform, settings(mail_server), TODAY)
    assert len(mail_server.inbox.to(w.address("officer"))) == 1
    assert len(sent_keys(platform.access, officer.id, daily)) == 7


def test_a_run_cut_off_midway_sends_only_the_rest_next_time(
    platform: Platform, unique: Callable[[str], str], mail_server: MailServer
) -> None:
    w = build(platform, unique)
    ours = set(w.emails.values())
    first: list[str] = []

    def lose_the_server_after_the_first_email(line: str) -> None:
        if "sent to" in line and not first:
            first.append(line)
            mail_server.stop()  # the connection drops under the run

    with pytest.raises(MailUnavailable, match="Lost the mail server"):
        send_reminders(
            platform, settings(mail_server), TODAY, progress=lose_the_server_after_the_first_email
        )
    (got_one,) = [(to, m["Subject"]) for to, m in mail_server.inbox.messages]

    mail_server.start()
    mail_server.inbox.clear()
    send_reminders(platform, settings(mail_server), TODAY)
    again = [(to, m["Subject"]) for to, m in mail_server.inbox.messages if to in ours]
    assert got_one not in again  # what was accepted and recorded is not sent twice
    assert len(again) == len(set(again)) == 6 - (got_one[0] in ours)  # the rest, once each
    assert {w.address(who) for who in ("officer", "regional", "neighbour")} <= {t for t, _ in again}


def test_a_refused_email_is_not_recorded_and_goes_on_the_next_run(
    platform: Platform, unique: Callable[[str], str], mail_server: MailServer
) -> None:
    w = build(platform, unique)
    mail_server.inbox.refuse.add(w.address("officer"))
    lines: list[str] = []
    report = send_reminders(platform, settings(mail_server), TODAY, progress=lines.append)
    assert report.refused >= 1 and any("refused" in line for line in lines)
    (said,) = [line for line in lines if "refused" in line]
    officer = w.address("officer").split("@")[0]
    assert f"not sent to {officer}: The mail server refused the recipient's address" in said
    assert f"Check {officer}'s email address (ledger users set-email" in said
    assert "The others still go" in said and w.address("officer") not in said
    assert mail_server.inbox.to(w.address("officer")) == []
    assert len(mail_server.inbox.to(w.address("lead"))) == 2

    mail_server.inbox.refuse.clear()
    mail_server.inbox.clear()
    send_reminders(platform, settings(mail_server), TODAY)
    assert len(mail_server.inbox.to(w.address("officer"))) == 1  # only what was not sent
    assert all(
        mail_server.inbox.to(w.address(who)) == [] for who in ("lead", "neighbour", "regional")
    )


def test_a_second_run_while_one_is_under_way_sends_nothing(
    platform: Platform, unique: Callable[[str], str], mail_server: MailServer
) -> None:
    w = build(platform, unique)
    with one_at_a_time(platform.settings, "reminders"):  # as another process's run would
        with pytest.raises(AlreadyRunning, match="Another reminders run is under way"):
            send_reminders(platform, settings(mail_server), TODAY)
    assert all(mail_server.inbox.to(a) == [] for a in w.emails.values())
    send_reminders(platform, settings(mail_server), TODAY)  # the lock is free again
    assert len(mail_server.inbox.to(w.address("officer"))) == 1


def test_a_dry_run_sends_and_records_nothing(
    platform: Platform, unique: Callable[[str], str], mail_server: MailServer
) -> None:
    w = build(platform, unique)
    lines: list[str] = []
    report = send_reminders(
        platform, settings(mail_server), TODAY, dry_run=True, progress=lines.append
    )
    assert any(line.startswith("would send to") for line in lines) and report.sent == 0
    assert all(mail_server.inbox.to(a) == [] for a in w.emails.values())
    send_reminders(platform, settings(mail_server), TODAY)
    assert len(mail_server.inbox.to(w.address("officer"))) == 1


def test_opcc_staff_are_reminded_of_their_regions_commissioning_milestones(
    platform: Platform, unique: Callable[[str], str], mail_server: MailServer
) -> None:
    """The region ledger's milestones go to the region's OPCC staff only: one overdue, one due
    within 14 days; not one reached or one months away, and not to the partnership's people."""
    w = build(platform, unique)
    opcc = unique("opcc")
    add_user(platform, opcc, "pcc_officer", (), (w.region,), email=f"{opcc}@opcc.example")
    start = date(2024, 1, 2)
    with acting_as("test"), platform.region_ledgers.lease(w.region) as ledger:
        ledger.partners.add("refuge-trust", "Refuge Trust", "da_service", start)
        ledger.partners.add(w.mine, "Our Partnership", "csp", start, w.mine)
        ledger.services.open("refuge", "City refuge", "refuge-trust", w.mine, start)
        ledger.services.plan_milestone("refuge", "Tender advertised", date(2024, 6, 1))
        ledger.services.plan_milestone("refuge", "Contract awarded", date(2024, 6, 20))
        ledger.services.plan_milestone("refuge", "Service starts", date(2024, 10, 1))
        ledger.services.plan_milestone("refuge", "Market engagement", date(2024, 3, 1))
        ledger.services.reach_milestone("refuge", "Market engagement", date(2024, 3, 1))
    send_reminders(platform, settings(mail_server), TODAY)

    (mail,) = mail_server.inbox.to(f"{opcc}@opcc.example")
    text = text_of(mail)
    assert "2 things need you" in mail["Subject"]
    assert f"{w.region_name}: Commissioning milestones not yet recorded as reached" in text
    assert "Tender advertised, City refuge: was due 1 June 2024, 9 days late" in text
    assert "Contract awarded, City refuge: due 20 June 2024" in text
    assert f"{BASE}/regions/{w.region}/services/refuge" in text
    assert "Service starts" not in text and "Market engagement" not in text
    assert "DHR-" not in text  # the partnerships' cases are not theirs
    assert "Record a milestone as reached on its service's page" in text
    assert "contact the service's provider" in text
    assert "To chase an IMR" not in text
    for who in ("officer", "lead", "regional"):
        assert all("City refuge" not in text_of(m) for m in mail_server.inbox.to(w.address(who)))


def test_opcc_staff_are_told_once_a_week_of_funding_ending_within_six_months(
    platform: Platform, unique: Callable[[str], str], mail_server: MailServer
) -> None:
    """A service funded to 30 September is six months' notice on 10 June: a weekly notice
    of its own to OPCC staff, not a line in every daily digest; told again the next week,
    not the next day; one funded to next year is not mentioned."""
    w = build(platform, unique)
    opcc = unique("opcc")
    address = f"{opcc}@opcc.example"
    add_user(platform, opcc, "pcc_officer", (), (w.region,), email=address)
    start = date(2023, 4, 1)
    with acting_as("test"), platform.region_ledgers.lease(w.region) as ledger:
        ledger.partners.add("refuge-trust", "Refuge Trust", "da_service", start)
        ledger.partners.add(w.mine, "Our Partnership", "csp", start, w.mine)
        for ref, name, ends in (
            ("refuge", "City refuge", date(2024, 9, 30)),
            ("outreach", "County outreach", date(2025, 3, 31)),
        ):
            ledger.services.open(ref, name, "refuge-trust", w.mine, start)
            ledger.services.agree_funding(
                ref,
                f"{ref}-1",
                start,
                ends,
                100_000,
                [(w.mine, 100_000)],  # the CSP funds it
            )
    send_reminders(platform, settings(mail_server), TODAY)
    (notice,) = mail_server.inbox.to(address)
    assert "funding ends within six months for 1 commissioned service" in notice["Subject"]
    text = text_of(notice)
    assert f"{w.region_name}: Commissioned services whose funding ends within six months" in text
    assert "City refuge: funded to 30 September 2024" in text
    assert f"{BASE}/regions/{w.region}/services/refuge" in text
    assert "County outreach" not in text
    for who in ("officer", "lead", "regional"):
        assert all("City refuge" not in text_of(m) for m in mail_server.inbox.to(w.address(who)))

    send_reminders(platform, settings(mail_server), TODAY + timedelta(days=1))  # same week
    assert len(mail_server.inbox.to(address)) == 1
    send_reminders(platform, settings(mail_server), TODAY + timedelta(days=7))  # the next
    assert len(mail_server.inbox.to(address)) == 2


def test_an_email_names_the_agency_a_directory_key_stands_for(
    platform: Platform, unique: Callable[[str], str], mail_server: MailServer
) -> None:
    """An IMR requested and an action planned through the pages record the directory's key;
    the email names the body, and the agency's own user is still reminded by that key."""
    w = build(platform, unique)
    with platform.region_ledgers.lease(w.region) as region:
        region.partners.add("force-police", "Shire Constabulary", "police", date(2015, 4, 1))
    with platform.ledgers.lease(w.mine) as ledger:
        ledger.imrs.request(w.review_b, "force-police", date(2023, 11, 1), date(2024, 6, 3))
        rec = ledger.recommendations.make(
            w.review_b,
            "R2",
            "Share risk plans",
            Scope.MULTI_AGENCY,
            date(2023, 11, 20),
            ["training"],
            target_sector="police",
        )
        ledger.actions.plan(rec, "force-police", "Share plans", date(2024, 6, 12))
    police = unique("police")
    email = f"{police}@police.example"
    add_user(
        platform, police, "agency_contributor", (w.mine,), (), email=email, agency="force-police"
    )
    send_reminders(platform, settings(mail_server), TODAY)

    (officer,) = mail_server.inbox.to(w.address("officer"))
    text = text_of(officer)
    assert "Case DHR-B, IMR from Shire Constabulary: was due 3 June 2024, 7 days late" in text
    assert "Case DHR-B, recommendation R2 (Shire Constabulary): due 12 June 2024" in text
    assert "Case DHR-B, IMR from an agency: was due 1 June 2024" in text  # typed: not named
    assert "force-police" not in text
    html = officer.get_body(preferencelist=("html",))
    assert html is not None and "force-police" not in str(html.get_content())
    (agency,) = mail_server.inbox.to(email)  # still theirs: the key is what the user holds
    said = text_of(agency)
    assert "IMR from Shire Constabulary" in said and "R2 (Shire Constabulary)" in said
    assert "IMR from Police" not in said and "force-police" not in said


def test_an_agency_user_is_reminded_of_what_its_pages_list_by_key_name_or_alias(
    platform: Platform, unique: Callable[[str], str], mail_server: MailServer
) -> None:
    """Records name their agency by key, by name or by a mapped alias ("Police", typed before
    the directory); the agency's pages list all three, and so does its users' email. Text
    typed for an agency the directory does not know never reaches an email."""
    w = build(platform, unique)
    with platform.region_ledgers.lease(w.region) as region:
        region.partners.add("force-police", "Shire Constabulary", "police", date(2015, 4, 1))
        region.partners.map_name("Police", "force-police", date(2024, 1, 1))  # an alias
        directory = region.partners.directory()
    typed = "GP: Dr Anil Kapoor (Mrs B's GP, Hanley)"
    with platform.ledgers.lease(w.mine) as ledger:
        ledger.imrs.request(w.review_b, "shire constabulary", date(2023, 11, 1), date(2024, 6, 3))
        ledger.imrs.request(w.review_b, typed, date(2023, 11, 1), date(2024, 6, 4))
        rec = ledger.recommendations.make(
            w.review_b,
            "R2",
            "Share risk plans",
            Scope.MULTI_AGENCY,
            date(2023, 11, 20),
            ["training"],
            target_sector="police",
        )
        ledger.actions.plan(rec, "force-police", "Share plans", date(2024, 6, 12))
        ledger.actions.plan(rec, "Dr Anil Kapoor", "Review prescriptions", date(2024, 6, 13))
        pages = AgencyWork(ledger, directory, "force-police")
        listed = {line.owner for line in pages.actions(TODAY)}
        listed |= {i.imr.agency for i in pages.imrs(TODAY)}
    assert listed == {"Police", "force-police", "shire constabulary"}  # what the pages show
    police = unique("police")
    email = f"{police}@police.example"
    add_user(
        platform, police, "agency_contributor", (w.mine,), (), email=email, agency="force-police"
    )
    send_reminders(platform, settings(mail_server), TODAY)

    (agency,) = mail_server.inbox.to(email)
    said = text_of(agency)
    assert "4 things need you" in agency["Subject"]
    assert said.count("IMR from Shire Constabulary") == 2  # by alias ("Police") and by name
    assert "R1 (Shire Constabulary): was due 5 June 2024" in said  # by alias
    assert "R2 (Shire Constabulary): due 12 June 2024" in said  # by key
    assert "Kapoor" not in said and "an agency" not in said
    (officer,) = mail_server.inbox.to(w.address("officer"))
    text = text_of(officer)
    assert "Case DHR-B, IMR from an agency: was due 4 June 2024, 6 days late" in text
    assert "Case DHR-B, recommendation R2: due 13 June 2024" in text
    for message in (officer, agency):
        html = message.get_body(preferencelist=("html",))
        assert html is not None and "Kapoor" not in str(html.get_content())
        assert "Kapoor" not in text_of(message) and "Hanley" not in text_of(message)


def test_a_digest_says_who_asks_what_to_do_and_whom_to_contact(
    platform: Platform, unique: Callable[[str], str], mail_server: MailServer
) -> None:
    """The partnership asking is in the subject and the opening line; the closing line says
    how to chase a late IMR (its author's contact on the case) and an action (its agency);
    an agency's user is told to ask the partnership's community safety team."""
    w = build(platform, unique)
    with platform.region_ledgers.lease(w.region) as region:
        region.partners.add("force-police", "Shire Constabulary", "police", date(2015, 4, 1))
    with platform.ledgers.lease(w.mine) as ledger:
        ledger.imrs.request(w.review_b, "force-police", date(2023, 11, 1), date(2024, 6, 3))
    police = unique("police")
    email = f"{police}@police.example"
    add_user(
        platform, police, "agency_contributor", (w.mine,), (), email=email, agency="force-police"
    )
    send_reminders(platform, settings(mail_server), TODAY)

    (officer,) = mail_server.inbox.to(w.address("officer"))
    assert officer["Subject"] == "Our Partnership: 8 things need you (10 June 2024)"
    text = text_of(officer)
    assert text.startswith("The Partnership Ledger lists these for Our Partnership as due")
    assert "To chase an IMR, contact its author" in text and "IMR authors' contacts" in text
    assert "contact the agency named beside it" in text
    (agency,) = mail_server.inbox.to(email)
    said = text_of(agency)
    assert agency["Subject"] == "Our Partnership: 1 thing needs you (10 June 2024)"
    assert "contact the community safety team of Our Partnership" in said
    assert "IMR authors' contacts" not in said  # theirs to write, not to chase
    assert "Sign off a completed action" not in text  # the lead's to do, not the officer's
    (digest,) = (m for m in mail_server.inbox.to(w.address("lead")) if "things" in m["Subject"])
    assert "Sign off a completed action on its page (Sign off completion)" in text_of(digest)
    (lead,) = (m for m in mail_server.inbox.to(w.address("lead")) if "weekly" in m["Subject"])
    assert lead["Subject"] == "Partnership Ledger: weekly summary, week beginning 10 June 2024"


def test_a_chased_imr_says_when_it_was_chased_to_its_agency_and_the_partnership(
    platform: Platform, unique: Callable[[str], str], mail_server: MailServer
) -> None:
    """The author chased is reminded that they were, and when; so is the officer, who sees
    it was chased already before chasing again."""
    w = build(platform, unique)
    with platform.region_ledgers.lease(w.region) as region:
        region.partners.add("force-police", "Shire Constabulary", "police", date(2015, 4, 1))
    with platform.ledgers.lease(w.mine) as ledger:
        ledger.imrs.request(w.review_b, "force-police", date(2023, 11, 1), date(2024, 6, 3))
        ledger.imrs.chase(w.review_b, "force-police", date(2024, 6, 4))
        ledger.imrs.chase(w.review_b, "force-police", date(2024, 6, 7))
    police = unique("police")
    email = f"{police}@police.example"
    add_user(
        platform, police, "agency_contributor", (w.mine,), (), email=email, agency="force-police"
    )
    send_reminders(platform, settings(mail_server), TODAY)

    chased = (
        "Case DHR-B, IMR from Shire Constabulary: was due 3 June 2024, 7 days late, "
        "chased 7 June 2024"
    )
    (agency,) = mail_server.inbox.to(email)
    assert chased in text_of(agency)
    (officer,) = mail_server.inbox.to(w.address("officer"))
    assert chased in text_of(officer)
    assert "Case DHR-B, IMR from an agency: was due 1 June 2024, 9 days late\r\n" in text_of(
        officer
    )
