"""A platform administrator changes a person's role and grants from their page: a "Change"
link, a question prefilled with what they have, back to the page with a banner; the person's
next page follows at once."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from tenants.platform import Platform
from tenants.users.model import Role
from tenants.users.onboarding import add_user
from tests.web.conftest import People, page_text, post_form, sign_in
from tests.web.test_new_partnership_pages import main_text
from tests.web.test_oversight_pages import signed_in_with_code


def test_the_admin_moves_an_officer_and_their_open_session_follows_on_the_next_page(
    visitor: FlaskClient, web_app: Flask, people: People, platform: Platform
) -> None:
    officer = people.names["officer"]
    theirs = web_app.test_client()
    sign_in(theirs, officer)
    cases = f"/partnerships/{people.tenant}/cases"
    assert theirs.get(cases).status_code == 200

    signed_in_with_code(visitor, people, "admin")
    page = visitor.get(f"/admin/users/{officer}")
    url = f"/admin/users/{officer}/grants"
    assert f'href="{url}"' in page.data.decode()
    assert "Change role" in page_text(page.data)
    asked = visitor.get(url)
    said, markup = page_text(asked.data), asked.data.decode()
    assert asked.status_code == 200 and "Role and grants" in said
    assert "Northtown" in said and "Southtown" in said and people.region_name in said
    assert f'value="{people.tenant}" checked' in markup  # what they have now
    assert 'value="csp_officer" checked' in markup

    moved = post_form(visitor, url, {"role": "csp_lead", "tenants": [people.neighbour]})
    assert moved.status_code == 302 and moved.location.endswith(f"/admin/users/{officer}")
    after = page_text(visitor.get(moved.location).data)
    assert "Role and grants saved for" in after
    assert "Partnership lead" in after and "Southtown" in after
    assert people.neighbour not in after  # the partnership by name, not its key
    assert theirs.get(cases).status_code == 404
    assert theirs.get(f"/partnerships/{people.neighbour}/cases").status_code == 200


def test_a_refusal_is_shown_beside_its_question_and_nothing_changes(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    officer, admin = people.names["officer"], people.names["admin"]
    signed_in_with_code(visitor, people, "admin")
    url = f"/admin/users/{officer}/grants"
    two = post_form(
        visitor, url, {"role": "csp_officer", "tenants": [people.tenant, people.neighbour]}
    )
    said = page_text(two.data)
    assert two.status_code == 200 and "There is a problem" in said
    assert "works for exactly one partnership" in said and "--tenant" not in said
    assert 'href="#tenants"' in two.data.decode()
    assert platform.access.user(officer).tenants == (people.tenant,)

    last = post_form(visitor, f"/admin/users/{admin}/grants", {"role": "researcher"})
    assert "only active platform admin" in page_text(last.data)
    assert platform.access.user(admin).role == Role.PLATFORM_ADMIN

    gone = people.names["neighbour_officer"]
    platform.access.deactivate_user(gone, "left the team")
    assert f"/admin/users/{gone}/grants" not in visitor.get(f"/admin/users/{gone}").data.decode()
    late = post_form(visitor, f"/admin/users/{gone}/grants", {"role": "csp_lead"})
    assert "is deactivated" in page_text(late.data)
    assert platform.access.user(gone).role == Role.CSP_OFFICER


def test_an_agency_contributors_agency_is_asked_by_the_name_the_directory_gives_it(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    with platform.region_ledgers.lease(people.region) as region:
        region.partners.add("midshire-police", "Midshire Police", "police", date(2015, 4, 1))
    name = "pc-" + people.names["officer"]
    add_user(platform, name, "agency_contributor", (people.tenant,), (), agency="midshire-police")
    signed_in_with_code(visitor, people, "admin")
    url = f"/admin/users/{name}/grants"
    assert 'value="Midshire Police"' in visitor.get(url).data.decode()
    moved = post_form(
        visitor,
        url,
        {"role": "agency_contributor", "regions": [people.region], "agency": "Midshire Police"},
    )
    assert moved.status_code == 302, page_text(moved.data)
    user = platform.access.user(name)
    assert (user.tenants, user.regions, user.agency) == ((), (people.region,), "midshire-police")


def test_moving_a_partnerships_only_lead_or_officer_warns_what_it_is_left_without(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """Deactivating a partnership's only lead warned; moving them to another partnership or
    role left it just as leaderless, with nothing said before or after."""
    lead, officer = people.names["lead"], people.names["officer"]
    signed_in_with_code(visitor, people, "admin")
    asked = visitor.get(f"/admin/users/{lead}/grants")
    said = main_text(asked.data)
    assert (
        "is the only lead of Northtown. Moved to another partnership or role, they leave it "
        "without one. Until it has another, nobody there can sign off completed actions" in said
    ), said
    assert f"/admin/users/new?tenant={people.tenant}&amp;role=csp_lead" in asked.data.decode()
    assert "Nobody else works for" not in said  # its officer still records its cases
    assert 'id="left-without"' not in visitor.get(f"/admin/users/{officer}/grants").data.decode()
    alone = main_text(visitor.get(f"/admin/users/{people.names['neighbour_officer']}/grants").data)
    assert (
        "Nobody else works for Southtown as an officer or lead: without them, nobody there can "
        "record its cases until someone is added." in alone
    ), alone

    moved = post_form(
        visitor, f"/admin/users/{lead}/grants", {"role": "csp_lead", "tenants": [people.neighbour]}
    )
    assert moved.status_code == 302
    after = main_text(visitor.get(moved.location).data)
    assert "Role and grants saved for" in after and "Northtown now has no lead" in after, after
