"""Issue 17's "done when" through the pages, on both stores: the panel requests three IMRs by
picking agencies from the region's directory, one is late and chased; the police's own user
sends its IMR and chronology entries and updates only its own action; the chronology merges
in date order."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient

from domain.actionplan import Scope
from domain.chronology import MergedEntry
from domain.recording import acting_as
from domain.themes import ThemeKind
from tenants.platform import Platform
from tenants.users.onboarding import add_user
from tests.web.conftest import People, csrf, give_password, page_text, sign_in
from tests.web.test_imr_pages import submit, under_review
from tests.web.test_personal_details import opened

POLICE, HEALTH, COUNCIL = "mid-police", "mid-health", "mid-council"


def post(client: FlaskClient, url: str, data: Mapping[str, object]) -> Any:
    """GET the form for its CSRF token, then POST it (date fields as day, month, year lists)."""
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    return client.post(url, data={"csrf_token": csrf(page.data), **data})


def test_a_panel_and_an_agency_work_an_imr_and_actions_through_the_pages(
    web_app: Flask,
    visitor: FlaskClient,
    people: People,
    platform: Platform,
    unique: Callable[[str], str],
) -> None:
    with platform.region_ledgers.lease(people.region) as region:
        for key, name, sector in (
            (POLICE, "Midshire Police", "police"),
            (HEALTH, "Midshire Health Trust", "health"),
            (COUNCIL, "Midshire County Council", "county_council"),
        ):
            region.partners.add(key, name, sector, date(2015, 4, 1))
    agency = unique("police-user")
    add_user(platform, agency, "agency_contributor", (), (people.region,), agency=POLICE)
    give_password(platform, agency)
    review = under_review(platform, people.tenant, "AG-1")
    sign_in(visitor, people.names["officer"])
    base = f"/partnerships/{people.tenant}/cases/{review}"
    form = visitor.get(f"{base}/imr-request").data.decode()
    assert '<option value="mid-health">Midshire Health Trust</option>' in form
    assert "counts days late from this date. For example, 27 3 2017" in form  # as every date
    assert people.tenant not in form.split('name="agency"')[1].split("</select>")[0]  # no CSPs
    for key in (POLICE, HEALTH, COUNCIL):
        done = submit(
            visitor,
            f"{base}/imr-request",
            {"agency": key, "on": ["1", "3", "2024"], "due_on": ["1", "4", "2024"]},
        )
        assert done.status_code == 302, done.data.decode()[:2000]
    chase = visitor.get(f"{base}/imr-chase").data.decode()
    assert '<option value="mid-council">Midshire County Council</option>' in chase
    assert (
        submit(
            visitor, f"{base}/imr-chase", {"agency": COUNCIL, "on": ["8", "4", "2024"]}
        ).status_code
        == 302
    )
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        theme = ledger.themes.all(ThemeKind.THEME)[0].code
        rec = ledger.recommendations.make(
            review,
            "1",
            "Share risk.",
            Scope.MULTI_AGENCY,
            date(2024, 5, 1),
            [theme],
            target_sector="police",
        )
        own = ledger.actions.plan(rec, POLICE, "Brief officers.", date(2024, 9, 1))
        other = ledger.actions.plan(rec, HEALTH, "Train GPs.", date(2024, 9, 1))
        for key, on, what in (
            (HEALTH, date(2023, 8, 20), "GP appointment"),
            (COUNCIL, date(2023, 1, 15), "Tenancy started"),
        ):
            ledger.chronology.submit(review, key, on, None, what, "records", date(2024, 4, 1))
            ledger.imrs.receive(review, key, date(2024, 4, 20), with_chronology=True)

    police = web_app.test_client()
    sign_in(police, agency)
    home = police.get("/", follow_redirects=True)
    assert home.status_code == 200 and "Our actions and IMRs" in home.data.decode()
    listed = page_text(home.data)
    assert "Northtown 1 1 1" in listed  # one open action, overdue, and one IMR awaited
    assert "Southtown" not in listed  # asked nothing of the police
    reports = police.get("/reports").data.decode()  # not in their header; by address, a way on
    assert "Your role has no tables to download" in reports and "Each table" not in reports
    assert f'href="{home.request.path}">Go to your home page' in reports
    mine = f"/partnerships/{people.tenant}/agency-work"
    page = police.get(mine).data.decode()
    assert "AG-1" in page and "Brief officers." in page and "Train GPs." not in page
    owned = page.split('id="agency-actions"')[1]
    assert '<span class="app-nowrap">AG-1</span> 1' in owned and "Not started" in owned
    added = post(
        police,
        f"{mine}/cases/{review}/chronology",
        {
            "occurred_on": ["2", "11", "2023"],
            "what_happened": "Call to a disturbance.",
            "source": "command log",
        },
    )
    assert added.status_code == 302, added.data.decode()[:2000]
    sent = post(
        police,
        f"{mine}/cases/{review}/imr",
        {"on": ["28", "3", "2024"], "with_chronology": "y"},
    )
    assert sent.status_code == 302, sent.data.decode()[:2000]
    updated = post(
        police,
        f"{mine}/actions/{own}",
        {"on": ["1", "6", "2024"], "text": "Briefings booked."},
    )
    assert updated.status_code == 302, updated.data.decode()[:2000]
    assert police.get(f"{mine}/actions/{other}").status_code == 404
    assert police.get(f"/partnerships/{people.tenant}/actions/{other}").status_code == 403
    assert police.get(f"/partnerships/{people.neighbour}/agency-work").status_code == 200

    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        imrs = {i.agency: i for i in ledger.reviews.get(review).imrs}
        assert ledger.actions.get(own).progress[0].text == "Briefings booked."
        assert ledger.actions.get(other).progress == ()
        merged = ledger.chronology.merged(review)
    assert (
        imrs[POLICE].received_on == date(2024, 3, 28)
        and imrs[POLICE].days_late(date(2024, 5, 1)) == 0
    )
    assert (
        imrs[COUNCIL].chased_on == (date(2024, 4, 8),)
        and imrs[COUNCIL].days_late(date(2024, 5, 1)) == 19
    )
    dated = [r.occurred_on for r in merged.rows if isinstance(r, MergedEntry)]
    assert dated == sorted(dated) and len(dated) == 3
    chronology = visitor.get(f"{base}/chronology").data.decode()
    assert (
        chronology.index("Tenancy started")
        < chronology.index("GP appointment")
        < chronology.index("Call to a disturbance.")
    )
    assert "Midshire Police" in visitor.get(base).data.decode()  # the case names agencies


def test_an_officer_keeps_an_imr_authors_contact_on_its_own_page(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = under_review(platform, people.tenant, "AG-2")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.imrs.request(review, "Midshire Police", date(2024, 3, 1), date(2024, 4, 1))
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/imr-contacts"
    data = {"agency": "Midshire Police", "name": "Jo Bloggs", "email": "jo@", "phone": ""}
    refused = post(visitor, url, data)
    assert refused.status_code == 200 and "email address" in refused.data.decode()
    saved = post(visitor, url, {**data, "email": "jo.bloggs@police.example.gov.uk"})
    assert saved.status_code == 302
    page = visitor.get(url).data.decode()
    assert "Jo Bloggs" in page and "jo.bloggs@police.example.gov.uk" in page
    assert (
        "Jo Bloggs"
        not in visitor.get(f"/partnerships/{people.tenant}/cases/{review}").data.decode()
    )


def test_a_contact_saved_over_contacts_someone_else_changed_is_refused(
    web_app: Flask, visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """Both open the page before any contact is recorded; the first save stands, the second
    is refused, lists the contact recorded meanwhile and saves nothing."""
    review = under_review(platform, people.tenant, "AG-3")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.imrs.request(review, "Midshire Police", date(2024, 3, 1), date(2024, 4, 1))
    other = web_app.test_client()
    sign_in(visitor, people.names["officer"])
    sign_in(other, people.names["lead"])
    url = f"/partnerships/{people.tenant}/cases/{review}/imr-contacts"
    officers, leads = opened(visitor, url), opened(other, url)
    author = {"agency": "Midshire Police", "name": "Jo Bloggs", "phone": "0121 496 0001"}
    email = {"email": "jo.bloggs@police.example.gov.uk"}
    assert visitor.post(url, data={**officers, **author, **email}).status_code == 302

    replaced = {**author, "name": "Sam Other", "email": "sam.other@police.example.gov.uk"}
    refused = other.post(url, data={**leads, **replaced})
    text = refused.data.decode()
    assert refused.status_code == 200 and "Someone else changed this case" in text
    assert "nothing was saved" in text and "Jo Bloggs" in text.split("</h1>")[1]
    kept = visitor.get(url).data.decode()
    assert "Jo Bloggs" in kept and "Sam Other" not in kept.split("</h1>")[1]


def police_user(platform: Platform, people: People, unique: Callable[[str], str]) -> str:
    """A contributor for the region's police, named in its directory, who can sign in."""
    with platform.region_ledgers.lease(people.region) as region:
        region.partners.add(POLICE, "Midshire Police", "police", date(2015, 4, 1))
    agency = unique("police-user")
    add_user(platform, agency, "agency_contributor", (), (people.region,), agency=POLICE)
    give_password(platform, agency)
    return agency


def police_action(platform: Platform, tenant: str, case: str, recommendation: str) -> UUID:
    """A case under review whose recommendation gives the police "Brief officers."."""
    review = under_review(platform, tenant, case)
    with acting_as("system"), platform.ledgers.lease(tenant) as ledger:
        theme = ledger.themes.all(ThemeKind.THEME)[0].code
        rec = ledger.recommendations.make(
            review,
            recommendation,
            "Share risk.",
            Scope.MULTI_AGENCY,
            date(2024, 5, 1),
            [theme],
            target_sector="police",
        )
        return ledger.actions.plan(rec, POLICE, "Brief officers.", date(2024, 9, 1))


def test_an_agencys_progress_page_names_the_case_and_shows_the_updates_so_far(
    web_app: Flask,
    people: People,
    platform: Platform,
    unique: Callable[[str], str],
) -> None:
    """The same action text owned in two cases: each page says which case and recommendation
    it is, and lists what the agency recorded before, newest first."""
    agency = police_user(platform, people, unique)
    owned = [police_action(platform, people.tenant, case, "4") for case in ("AG-P1", "AG-P2")]
    police = web_app.test_client()
    sign_in(police, agency)
    mine = f"/partnerships/{people.tenant}/agency-work"
    home = police.get(mine).data.decode()
    assert "to case AG-P1 4: Brief officers." in home  # the two links say which is which
    assert "to case AG-P2 4: Brief officers." in home
    back = f'href="/regions/{people.region}/agency-work" class="govuk-back-link"'
    assert back in home  # the way back to the other partnerships, not only the header's

    first = post(
        police, f"{mine}/actions/{owned[1]}", {"on": ["1", "6", "2024"], "text": "Booked."}
    )
    assert first.status_code == 302, first.data.decode()[:2000]
    post(police, f"{mine}/actions/{owned[1]}", {"on": ["3", "6", "2024"], "text": "Held one."})

    page = page_text(police.get(f"{mine}/actions/{owned[1]}").data)
    assert "Case AG-P2, recommendation 4 Add progress" in page, page
    assert "Progress recorded so far 3 June 2024 : Held one. 1 June 2024 : Booked." in page, page
    other = page_text(police.get(f"{mine}/actions/{owned[0]}").data)
    assert "Case AG-P1, recommendation 4" in other and "Progress recorded so far" not in other


def test_an_agency_records_work_starting_and_its_action_shows_in_progress(
    web_app: Flask,
    people: People,
    platform: Platform,
    unique: Callable[[str], str],
) -> None:
    """Progress alone left an action "Not started" on every plan: the agency's pages offered
    no way to say work had started, though its API did."""
    agency = police_user(platform, people, unique)
    own = police_action(platform, people.tenant, "AG-S1", "2")
    police = web_app.test_client()
    sign_in(police, agency)
    mine = f"/partnerships/{people.tenant}/agency-work"
    assert f'href="{mine}/actions/{own}/start"' in police.get(mine).data.decode()
    assert f'href="{mine}/actions/{own}/start"' in police.get(f"{mine}/actions/{own}").data.decode()

    future = post(police, f"{mine}/actions/{own}/start", {"on": ["1", "1", "2099"]})
    assert future.status_code == 200 and 'href="#on-day"' in future.data.decode()
    started = post(police, f"{mine}/actions/{own}/start", {"on": ["2", "6", "2024"]})

    assert started.status_code == 302, started.data.decode()[:2000]
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.actions.get(own).status == "in_progress"
    home = police.get(mine).data.decode()
    assert "In progress" in home.split('id="agency-actions"')[1]
    assert f'href="{mine}/actions/{own}/start"' not in home
