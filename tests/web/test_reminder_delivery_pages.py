"""Where a person sees whether reminders reach someone: each IMR author on the case's IMR
authors page (emailed, or why not: no address, asked not to be, the address refused), and a
user's refused address on their page in the admin pages, until a reminder gets through."""

from __future__ import annotations

from datetime import date

from flask.testing import FlaskClient

from domain.recording import acting_as
from tenants.platform import Platform
from tenants.reminders.authors import author_id
from tenants.reminders.delivery import record_delivered, record_refused
from tests.web.conftest import People, page_text, sign_in
from tests.web.test_imr_pages import under_review
from tests.web.test_oversight_pages import signed_in_with_code, text
from tests.web.test_personal_details import opened

REFUSED = "Reminder of 6 December 2026 not delivered: the mail server refused the address"


def test_the_imr_authors_page_says_whether_each_author_is_emailed_and_why_not(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = under_review(platform, people.tenant, "DL-1")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        for agency in ("Police", "Housing", "Health"):
            ledger.imrs.request(review, agency, date(2024, 3, 1), date(2024, 4, 1))
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/imr-contacts"
    authors = {
        "Police": {"name": "Pat Phone", "email": "", "phone": "0121 496 0000"},
        "Housing": {"name": "Sam Quiet", "email": "sam@housing.example", "not_emailed": "y"},
        "Health": {"name": "Jo Author", "email": "jo@health.example"},
    }
    for agency, author in authors.items():
        saved = visitor.post(url, data={**opened(visitor, url), "agency": agency, **author})
        assert saved.status_code == 302, page_text(saved.data)

    said = page_text(visitor.get(url).data)
    police, housing, health = (said.split(f"{a} Name")[1] for a in ("Police", "Housing", "Health"))
    assert "Email Not given" in police and "Reminders Not emailed: no address" in police
    assert "Reminders Not emailed: they asked not to be" in housing
    assert "Reminders Emailed when the IMR is due within 14 days or late" in health

    health_author = author_id(people.tenant, review, "Health")
    record_refused(platform.access, health_author, date(2026, 12, 6))
    assert f"Reminders {REFUSED}" in page_text(visitor.get(url).data)
    record_delivered(platform.access, health_author, date(2026, 12, 7))
    assert REFUSED not in page_text(visitor.get(url).data)


def test_a_users_page_shows_a_refused_address_until_a_reminder_gets_through(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    officer = platform.access.user(people.names["officer"])
    signed_in_with_code(visitor, people, "admin")
    page = f"/admin/users/{officer.name}"
    assert "not delivered" not in text(visitor.get(page).data)
    record_refused(platform.access, officer.id, date(2026, 12, 6))
    assert f"Reminders {REFUSED}" in text(visitor.get(page).data)
    record_delivered(platform.access, officer.id, date(2026, 12, 7))
    assert "not delivered" not in text(visitor.get(page).data)
