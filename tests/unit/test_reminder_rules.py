"""The pure parts of reminders: addresses, the mail server's URL, and which items are due."""

from __future__ import annotations

from datetime import date

import pytest

from adapters.mail.settings import MailSettings, SmtpAddress
from domain.errors import InvalidValueError
from domain.reminders import ItemKind, ReminderItem, review_items
from domain.reviews import DomesticHomicideReview
from tenants.ledger import PartnershipLedger
from tenants.reminders.emails import item_words
from tenants.users.email import clean_email
from tenants.users.model import Role, User


def test_an_email_address_is_trimmed_and_its_domain_lower_cased() -> None:
    assert clean_email("  Jo.Smith@Coventry.GOV.uk ") == "Jo.Smith@coventry.gov.uk"


@pytest.mark.parametrize(
    "wrong", ["", "jo", "jo@", "@council.example", "jo@council", "jo smith@x.example", "a@b@c.d"]
)
def test_what_cannot_be_an_address_is_refused_without_repeating_it(wrong: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        clean_email(wrong)
    assert wrong.strip() == "" or wrong not in str(refused.value)


@pytest.mark.parametrize("accent", ["\u0301", "\u0301\u0308", " \u0301"])
def test_a_name_that_is_only_an_accent_is_no_address(accent: str) -> None:
    """The domain shows, so the address as a whole is ``visible``: its name must be too."""
    with pytest.raises(InvalidValueError, match="part before the @ shows nothing"):
        clean_email(f"{accent}@example.org")


def test_a_user_added_before_emails_existed_replays_without_one() -> None:
    user = User.add("jo.smith", Role.CSP_OFFICER, ("coventry",), (), display_name="Jo Smith")
    assert user.info().email == ""
    assert user.change_email("jo@council.example") and not user.change_email("jo@council.example")
    assert user.info().email == "jo@council.example"
    assert [type(e).__name__ for e in user.collect_events()][-1] == "EmailChanged"


def test_the_smtp_url_says_how_to_reach_the_server() -> None:
    plain = SmtpAddress.parse("smtp://relay.local")
    assert (plain.host, plain.port, plain.security, plain.user) == ("relay.local", 25, "plain", "")
    secure = SmtpAddress.parse("smtp+starttls://ledger%40x:p%3Ass@mail.example:2525")
    assert (secure.port, secure.security, secure.user, secure.password) == (
        2525,
        "starttls",
        "ledger@x",
        "p:ss",
    )
    assert SmtpAddress.parse("smtps://mail.example").port == 465
    assert "p:ss" not in str(secure)
    for wrong in ("http://mail.example", "smtp://", "smtp://mail.example:x"):
        with pytest.raises(InvalidValueError, match="LEDGER_SMTP_URL"):
            SmtpAddress.parse(wrong)


def test_mail_settings_refuse_a_bad_hour_or_base_url_and_need_a_server_to_send() -> None:
    settings = MailSettings.from_environ({"LEDGER_REMINDERS_HOUR": "7"})
    assert settings.reminders_hour == 7 and settings.base_url == "http://127.0.0.1:8000"
    with pytest.raises(InvalidValueError, match="LEDGER_SMTP_URL is not set"):
        settings.require_smtp()
    with pytest.raises(InvalidValueError, match="LEDGER_REMINDERS_HOUR"):
        MailSettings.from_environ({"LEDGER_REMINDERS_HOUR": "24"})
    with pytest.raises(InvalidValueError, match="LEDGER_BASE_URL"):
        MailSettings.from_environ({"LEDGER_BASE_URL": "ledger.example"})


def a_case(incident: date) -> DomesticHomicideReview:
    return DomesticHomicideReview.notify(
        "DHR-1", incident, incident, "Mary", "dhr", "unexpected_death"
    )


def test_the_decision_clock_reminds_from_14_days_before_a_month_after_the_incident() -> None:
    review = a_case(date(2024, 5, 1))
    assert review_items("t", review, date(2024, 5, 17)) == []
    (due,) = review_items("t", review, date(2024, 5, 18))
    assert due.kind is ItemKind.DECISION_DUE and due.due_on == date(2024, 6, 1)
    assert "Mary" not in repr(due)


def test_a_paused_case_is_not_reminded_of_completion_and_a_case_not_held_of_nothing() -> None:
    held = a_case(date(2023, 1, 1))
    held.decide(date(2023, 1, 20), "hold", "", today=date(2023, 1, 20))
    assert [i.kind for i in review_items("t", held, date(2024, 1, 1))] == [ItemKind.COMPLETION_DUE]
    held.pause(date(2023, 12, 1), "criminal_trial", today=date(2023, 12, 1))
    assert review_items("t", held, date(2024, 1, 1)) == []
    not_held = a_case(date(2023, 1, 1))
    not_held.decide(date(2023, 1, 20), "not_hold", "criteria not met", today=date(2023, 1, 20))
    assert review_items("t", not_held, date(2024, 1, 1)) == []


def test_an_agency_user_is_reminded_only_of_its_own_agencys_items_on_its_own_pages() -> None:
    from uuid import uuid4

    from domain.reminders import ReminderItem
    from tenants.reminders.audience import for_user
    from tenants.users.model import UserInfo

    def item(kind: ItemKind, agency: str, key: str = "") -> ReminderItem:
        """``agency`` as recorded; ``key``: the directory entry it resolves to (gathered)."""
        path = "/partnerships/coventry/cases/1"
        on = date(2025, 1, 1)
        return ReminderItem(kind, "coventry", "1", "DHR-1", agency, "x", on, path, "", key)

    police = UserInfo(
        uuid4(), "p", Role.AGENCY_CONTRIBUTOR, ("coventry",), (), True, agency="wm-police"
    )
    items = [
        item(ItemKind.IMR_LATE, "wm-police", "wm-police"),
        item(ItemKind.ACTION_DUE, "Police", "wm-police"),  # recorded by an alias
        item(ItemKind.ACTION_DUE, "health", "health"),
        item(ItemKind.ACTION_DUE, "wm-police"),  # typed, the directory knows no such entry
        item(ItemKind.DECISION_DUE, ""),
    ]
    mine = for_user(police, items, frozenset(ItemKind))
    assert [(i.kind, i.agency) for i in mine] == [
        (ItemKind.IMR_LATE, "wm-police"),
        (ItemKind.ACTION_DUE, "Police"),
    ]
    assert {i.path for i in mine} == {"/partnerships/coventry/agency-work"}
    officer = UserInfo(uuid4(), "o", Role.CSP_OFFICER, ("coventry",), (), True)
    assert len(for_user(officer, items, frozenset(ItemKind))) == 5


def test_a_completed_action_reminds_the_lead_not_the_officer_until_it_is_signed_off(
    memory_ledger: PartnershipLedger,
) -> None:
    from uuid import uuid4

    from domain.actionplan import Scope
    from domain.reminders import action_items
    from tenants.reminders.audience import RECIPIENTS, for_user
    from tenants.users.model import UserInfo

    ledger, today = memory_ledger, date(2024, 9, 1)
    review = ledger.reviews.notify(
        "DHR-9", date(2024, 1, 2), date(2024, 1, 5), "Ann", "dhr", "familial_homicide"
    )
    rec = ledger.recommendations.make(
        review, "R1", "Do better.", Scope.SINGLE_AGENCY, date(2024, 5, 1), ["training"], "Police"
    )
    done = ledger.actions.plan(rec, "Police", "Brief.", date(2025, 1, 31))
    ledger.actions.plan(rec, "Housing", "Rehouse.", date(2025, 1, 31))  # due later: no item
    ledger.actions.complete(done, date(2024, 8, 20))

    items = action_items(ledger.tenant_slug, ledger.plan.master(today), today)
    assert [(i.kind, i.due_on) for i in items] == [(ItemKind.SIGN_OFF_DUE, date(2024, 8, 20))]
    assert items[0].path.endswith(f"/actions/{done}")
    lead = UserInfo(uuid4(), "l", Role.CSP_LEAD, (ledger.tenant_slug,), (), True)
    officer = UserInfo(uuid4(), "o", Role.CSP_OFFICER, (ledger.tenant_slug,), (), True)
    assert for_user(lead, items, RECIPIENTS[Role.CSP_LEAD].daily) == items
    assert for_user(officer, items, RECIPIENTS[Role.CSP_OFFICER].daily) == []

    ledger.actions.confirm_completion(done, date(2024, 8, 25))
    assert action_items(ledger.tenant_slug, ledger.plan.master(today), today) == []


def test_a_long_late_count_reads_with_thousands_separated() -> None:
    late = ReminderItem(
        ItemKind.ACTION_OVERDUE, "t", "a", "DHR-1", "", "recommendation R1", date(2013, 2, 15), "/"
    )
    said = item_words(late, date(2026, 12, 6))
    assert said == "Case DHR-1, recommendation R1: was due 15 February 2013, 5,042 days late"
