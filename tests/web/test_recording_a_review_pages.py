"""A first-time officer recording a Domestic Homicide Review: what each page tells them at the
points a walk-through found them stuck (a fact to change, a submission not yet possible, IMRs
still awaited, the action just planned, an example date)."""

from __future__ import annotations

import html
import re
from datetime import date
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient

from api.web.fields import DATE_EXAMPLE
from domain.actionplan import Scope
from domain.recording import acting_as
from domain.themes import ThemeKind
from tenants.platform import Platform
from tests.web.conftest import People, csrf, page_text, sign_in
from tests.web.test_case_pages import open_case


def test_the_notify_pages_hints_give_the_example_date_its_error_gives(
    visitor: FlaskClient, people: People
) -> None:
    """A hint saying "3 4 2017" above an error saying "27 3 2017" made the officer wonder
    which form the date should take: one example, everywhere."""
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/new"
    page = page_text(visitor.get(url).data)
    hints = re.findall(r"For example, (\d+ \d+ \d+)", page)
    assert hints == [DATE_EXAMPLE, DATE_EXAMPLE]  # the death's date and the notification's
    sent = {
        "csrf_token": csrf(visitor.get(url).data),
        "reference": "NT-EX",
        "pseudonym": "Jo",
        "kind": "dhr",
        "death_category": "intimate_partner_homicide",
        "incident_on": ["", "", ""],
        "notified_on": ["", "", ""],
    }
    refused = page_text(visitor.post(url, data=sent).data)
    assert f"Enter the date of the notification, for example {DATE_EXAMPLE}" in refused
    assert set(re.findall(r"for example (\d+ \d+ \d+)", refused, re.I)) == {DATE_EXAMPLE}


def about_the_case(page: bytes) -> dict[str, str | None]:
    """Each "About the case" row's key and where its "Change" link leads (None: no link)."""
    section = re.search(r">About the case</h2>(.*?)</dl>", page.decode(), re.S)
    assert section, "no 'About the case' summary list"
    rows = re.findall(r'<div class="govuk-summary-list__row[^"]*">(.*?)</div>', section[1], re.S)
    found: dict[str, str | None] = {}
    for row in rows:
        key = re.search(r'<dt class="govuk-summary-list__key">\s*(.*?)\s*</dt>', row, re.S)
        change = re.search(r'<a class="govuk-link" href="([^"]+)">\s*Change', row)
        assert key
        found[html.unescape(key[1])] = html.unescape(change[1]) if change else None
    return found


def decided_and_commissioned(platform: Platform, tenant: str, reference: str) -> UUID:
    review = open_case(platform, tenant, reference)
    with acting_as("system"), platform.ledgers.lease(tenant) as ledger:
        ledger.reviews.decide(review, date(2024, 2, 20), "hold", "")
        ledger.reviews.commission(review, date(2024, 3, 1), "Chair A", "Author B", 850_000)
    return review


def test_a_lead_changes_each_correctable_fact_about_the_case_from_its_row(
    web_app: Flask, visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """Each fact a correction can reach has its "Change" into that correction; the reference,
    the decision's outcome and a fact never recorded have none; an officer, who may not
    correct, sees none at all."""
    review = decided_and_commissioned(platform, people.tenant, "NT-CHANGE")
    case = f"/partnerships/{people.tenant}/cases/{review}"
    fix = f"/partnerships/{people.tenant}/corrections/{review}"
    sign_in(visitor, people.names["lead"])
    rows = about_the_case(visitor.get(case).data)
    assert rows == {
        "Reference": None,
        "Pseudonym": f"{fix}/pseudonym",
        "Kind of review": f"{fix}/kind",
        "How the person died": f"{fix}/death_category",
        "Date of the death": f"{fix}/incident_on",
        "Date notified": f"{fix}/notified_on",
        "Age": None,  # not recorded: nothing to correct
        "Sex": None,
        "Perpetrator's relationship": None,
        "Decision": None,
        "Date of the decision": f"{fix}/decided_on",
        "Agreed cost": f"{fix}/parts/commission.1.cost_pence",
    }
    for href in filter(None, rows.values()):
        assert visitor.get(href).status_code == 200, href
    assert "Correct the pseudonym" in page_text(visitor.get(f"{fix}/pseudonym").data)
    hidden = '<span class="govuk-visually-hidden"> date of the death</span>'
    assert hidden in visitor.get(case).data.decode()  # which "Change", for a screen reader

    officer = web_app.test_client()
    sign_in(officer, people.names["officer"])
    assert set(about_the_case(officer.get(case).data).values()) == {None}


def test_the_confirmation_of_an_action_planned_links_to_the_new_action(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """After "Plan an action" the officer was offered another action and the case, but not
    the action just planned, where its progress and evidence are recorded."""
    review = open_case(platform, people.tenant, "NT-ACTION")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        theme = ledger.themes.all(ThemeKind.THEME)[0].code
        rec = ledger.recommendations.make(
            review, "1", "Ask about coercive control.", Scope.MULTI_AGENCY, date(2024, 5, 1),
            [theme], target_organisation="Northtown Council",
        )  # fmt: skip
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/action"
    sent = visitor.post(
        url,
        data={
            "csrf_token": csrf(visitor.get(url).data),
            "recommendation": str(rec),
            "owner": "Northtown Council",
            "description": "Train the front door team.",
            "due_on": ["1", "12", "2024"],
        },
    )
    assert sent.status_code == 302, page_text(sent.data)[:2000]
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        (action,) = [a for r, actions in ledger.plan.of_review(review) for a in actions]
    confirmed = visitor.get(sent.headers["Location"]).data.decode()
    assert "Action planned" in confirmed
    to_it = f'href="/partnerships/{people.tenant}/actions/{action.id}">View the action'
    assert to_it in confirmed
    assert visitor.get(f"/partnerships/{people.tenant}/actions/{action.id}").status_code == 200
    # an address naming no id shows no link, and no text from it
    bare = visitor.get(f"{url}/done?made=<b>me</b>").data.decode()
    assert "View the action" not in bare and "<b>me</b>" not in bare
