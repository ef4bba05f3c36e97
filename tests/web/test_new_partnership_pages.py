"""Where people new to the service tripped bringing a new partnership on: the administrator
registering it and adding its first people, and its officer's first page."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask.testing import FlaskClient

from tenants.platform import Platform
from tenants.users.onboarding import add_user
from tests.web.conftest import People, page_text, post_form, sign_in
from tests.web.test_oversight_pages import signed_in_with_code

MAIN = re.compile(rb"<main\b.*?</main>", re.S)


def main_text(page: bytes) -> str:
    """What the page says in its main content (the timeout dialog sits after it)."""
    found = MAIN.search(page)
    assert found, "the page has no <main>"
    return page_text(found.group(0))


def test_registering_a_partnership_leads_on_to_adding_its_first_people(
    visitor: FlaskClient, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    signed_in_with_code(visitor, people, "admin")
    slug = unique("new")
    sent = {"name": "Safer Newtown", "slug": slug, "region": people.region}
    registered = post_form(visitor, "/admin/partnerships/new", sent)
    assert registered.status_code == 302
    listing = visitor.get(registered.headers["Location"])
    said = main_text(listing.data)
    assert "Safer Newtown registered. Nobody can use it yet: add its first officer and lead" in said
    assert f'href="/admin/users/new?tenant={slug}"' in listing.data.decode()

    form = visitor.get(f"/admin/users/new?tenant={slug}").data.decode()
    assert re.search(rf'<option selected value="{slug}">|<option value="{slug}" selected', form)


def test_a_new_partnerships_cases_page_says_what_to_do_first_not_that_no_filter_matched(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    sign_in(visitor, people.names["officer"])
    said = main_text(visitor.get(f"/partnerships/{people.tenant}/cases").data)
    assert "No cases match" not in said and "Show cases" not in said
    assert "No cases yet" in said
    assert "When a death is notified to the partnership, open its case with Notify a death" in said
    assert "Import spreadsheets" in said


def test_deactivating_a_partnerships_only_lead_says_what_it_is_left_without(
    visitor: FlaskClient, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    signed_in_with_code(visitor, people, "admin")
    lead, officer = people.names["lead"], people.names["officer"]
    asked = visitor.get(f"/admin/users/{lead}/deactivation").data
    said = main_text(asked)
    assert "is the only lead of Northtown" in said and "sign off completed actions" in said
    assert f"/admin/users/new?tenant={people.tenant}&amp;role=csp_lead" in asked.decode()
    form = visitor.get(f"/admin/users/new?tenant={people.tenant}&role=csp_lead").data.decode()
    assert re.search(r'value="csp_lead"[^>]*checked|checked[^>]*value="csp_lead"', form)
    assert "only lead" not in main_text(visitor.get(f"/admin/users/{officer}/deactivation").data)

    add_user(platform, unique("second-lead"), "csp_lead", (people.tenant,), ())
    assert "only lead" not in main_text(visitor.get(f"/admin/users/{lead}/deactivation").data)
