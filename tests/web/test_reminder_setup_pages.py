"""What a partnership must set up for reminders and chasing to reach someone, told on its own
pages: the action plan while no officer or lead has an email address (nobody is reminded),
and the IMR authors' page for each agency asked for an IMR without its author's contact."""

from __future__ import annotations

from datetime import date

from flask.testing import FlaskClient

from domain.recording import acting_as
from domain.vault.imr_contacts import ImrContact
from tenants.ledger.imr_contacts import ImrContacts
from tenants.platform import Platform
from tests.web.conftest import People, page_text, sign_in
from tests.web.test_case_pages import open_case

NOBODY = "Nobody in this partnership gets reminder emails"


def test_the_action_plan_says_to_add_an_email_while_nobody_is_reminded(
    platform: Platform, people: People, visitor: FlaskClient
) -> None:
    sign_in(visitor, people.names["officer"])
    plan = f"/partnerships/{people.tenant}/action-plan"
    said = page_text(visitor.get(plan).data)
    assert NOBODY in said and "Ask your platform administrator to add one" in said

    platform.access.change_email(people.names["neighbour_officer"], "n@next.example")
    assert NOBODY in page_text(visitor.get(plan).data)  # another partnership's officer

    platform.access.change_email(people.names["lead"], "lead@council.example")
    assert NOBODY not in page_text(visitor.get(plan).data)


def test_the_imr_authors_page_names_each_imr_awaited_without_its_authors_contact(
    platform: Platform, people: People, visitor: FlaskClient
) -> None:
    review = open_case(platform, people.tenant, "DHR-CONTACTS")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.decide(review, date(2024, 2, 20), "hold")
        ledger.imrs.request(review, "Police", date(2024, 3, 1), date(2024, 4, 1))
        ledger.imrs.request(review, "Housing", date(2024, 3, 1), date(2024, 4, 1))
        ledger.imrs.request(review, "Probation", date(2024, 3, 1), date(2024, 4, 1))
        ledger.imrs.receive(review, "Probation", date(2024, 3, 20))  # back: nobody chases it
        contact = ImrContact.checked("Jo Example", "jo@police.example", "")
        ImrContacts(ledger).record(review, "Police", contact, date(2024, 3, 2))
    sign_in(visitor, people.names["officer"])
    page = f"/partnerships/{people.tenant}/cases/{review}/imr-contacts"
    said = page_text(visitor.get(page).data)
    assert "No author’s contact recorded yet for the IMR from: Housing" in said
    assert "so whoever chases a late IMR knows whom to contact" in said
    assert "from: Police" not in said and "Jo Example" in said
    assert "Probation" not in said.split("Record an author")[0]
