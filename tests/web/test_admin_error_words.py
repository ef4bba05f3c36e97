"""The administrator's forms say what is wrong in the page's own words, naming the question,
beside it and in the error summary linking to it; nothing is recorded."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from tenants.platform import Platform
from tests.web.conftest import People, page_text, post_form
from tests.web.test_oversight_pages import signed_in_with_code


def beside(page: bytes, field: str) -> str:
    """The error message shown at a field, as a person reads it ("" when there is none)."""
    shown = rf'<p id="{field}-error" class="govuk-error-message">(.*?)</p>'
    found = re.search(shown, page.decode(), re.S)
    return page_text(found.group(1).encode()).strip() if found else ""


def in_summary(page: bytes, field: str) -> str:
    """The error summary's entry that links to a field ("" when there is none)."""
    found = re.search(rf'<a href="#{field}">(.*?)</a>', page.decode(), re.S)
    return page_text(found.group(1).encode()).strip() if found else ""


def both(page: bytes, field: str) -> str:
    """The message at the field, which the summary repeats and links to."""
    said = in_summary(page, field)
    assert said and beside(page, field) == f"Error: {said}", page_text(page)[:2000]
    return said


def test_a_short_name_already_taken_is_named_in_words_at_its_question(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    signed_in_with_code(visitor, people, "admin")
    taken = post_form(
        visitor,
        "/admin/partnerships/new",
        {"name": "Northtown again", "slug": people.tenant, "region": people.region},
    )
    assert both(taken.data, "slug") == (
        f"There is already a partnership with the short name {people.tenant}: "
        "choose another short name"
    )
    region = post_form(visitor, "/admin/regions", {"name": "Midshire", "slug": people.region})
    assert both(region.data, "slug") == (
        f"There is already a region with the short name {people.region}: choose another short name"
    )
    assert [t.name for t in platform.registry.tenants()].count("Northtown again") == 0

    own = platform.registry.tenant(people.tenant)
    region_name = platform.registry.region(people.region).name
    alike = post_form(
        visitor,
        "/admin/partnerships/new",
        {"name": own.name.upper(), "slug": f"again-{people.tenant}", "region": people.region},
    )
    assert both(alike.data, "name") == (
        f"{region_name} already has a partnership called {own.name} ({own.slug}); give this "
        "one a name people can tell apart, such as the area it covers."
    )
    assert f"again-{people.tenant}" not in [t.slug for t in platform.registry.tenants()]


def test_a_region_name_another_region_has_is_named_at_the_name_question(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """People choose a region by its name (a user's grants, the lists): one read as another's,
    spaced or cased otherwise, is refused beside the name, saying what to do."""
    signed_in_with_code(visitor, people, "admin")
    slug = f"again-{people.region}"
    alike = post_form(visitor, "/admin/regions", {"name": people.region_name.upper(), "slug": slug})
    assert both(alike.data, "name") == (
        f"There is already a region called {people.region_name} ({people.region}); give this "
        "one a name people can tell apart, such as the police force area it covers."
    )
    assert slug not in [r.slug for r in platform.registry.regions()]


def test_a_blank_or_long_name_and_a_bad_short_name_say_which_question(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    signed_in_with_code(visitor, people, "admin")
    url = "/admin/partnerships/new"
    slug = f"new-{people.tenant}"
    blank = post_form(visitor, url, {"name": "   ", "slug": slug, "region": people.region})
    assert both(blank.data, "name") == "Enter the partnership's name"
    long = post_form(visitor, url, {"name": "N" * 121, "slug": slug, "region": people.region})
    assert both(long.data, "name") == "Partnership name must be 120 characters or fewer"
    bad = post_form(visitor, url, {"name": "Eastwick", "slug": "East Wick", "region": ""})
    assert both(bad.data, "slug").startswith("Short name must be 3 to 40 lower-case letters")
    assert both(bad.data, "region") == "Select the partnership's region"
    region = post_form(visitor, "/admin/regions", {"name": " ", "slug": f"r-{people.region}"})
    assert both(region.data, "name") == "Enter the region's name"
    for page in (blank, long, bad, region):
        assert "Tenant" not in page_text(page.data) and "slug" not in page_text(page.data)
    assert slug not in [t.slug for t in platform.registry.tenants()]

    reason = post_form(
        visitor, f"/admin/partnerships/{people.tenant}/suspension", {"reason": "x" * 121}
    )
    assert both(reason.data, "reason") == "Reason must be 120 characters or fewer"
    assert str(platform.registry.tenant(people.tenant).status) == "active"


def test_adding_a_user_names_each_question_in_its_message(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    signed_in_with_code(visitor, people, "admin")
    url = "/admin/users/new"
    officer = people.names["officer"]
    form = {"display_name": "Someone Else", "role": "csp_officer", "region": ""}

    taken = post_form(visitor, url, {**form, "name": officer, "tenant": people.tenant})
    assert both(taken.data, "name") == (
        f"There is already a user with the user name {officer}: choose another one"
    )

    name = f"lee.{people.tenant}"
    long = post_form(
        visitor, url, {**form, "name": name, "display_name": "L" * 101, "tenant": people.tenant}
    )
    assert both(long.data, "display_name") == "Full name must be 100 characters or fewer"
    assert "Field cannot be longer" not in page_text(long.data)

    no_place = post_form(visitor, url, {**form, "name": name, "tenant": ""})
    said = both(no_place.data, "tenant")
    assert said.startswith("A partnership officer works for exactly one partnership")
    assert "--" not in said

    assert name not in [u.name for u in platform.access.users()]
    assert platform.access.user(officer).shown_as != "Someone Else"


def test_the_add_user_page_offers_no_offboarded_partnership_and_the_api_refuses_it(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """Offered after offboarding, and accepted by every channel: the new user then read the
    offboarded partnership's cases."""
    platform.registry.offboard_tenant(people.neighbour, "merged with Northtown")
    signed_in_with_code(visitor, people, "admin")
    url = "/admin/users/new"
    page = visitor.get(url).data.decode()
    assert f'value="{people.tenant}"' in page and f'value="{people.neighbour}"' not in page
    form = {"display_name": "Sam Patel", "role": "csp_officer", "region": ""}
    name = f"sam.{people.tenant}"
    refused = post_form(visitor, url, {**form, "name": name, "tenant": people.neighbour})
    assert refused.status_code == 200 and beside(refused.data, "tenant")
    admin = platform.access.issue_token(people.names["admin"], 1).secret
    sent = visitor.post(
        "/api/v1/users",
        json={"name": name, "role": "csp_officer", "tenants": [people.neighbour]},
        headers={"Authorization": f"Bearer {admin}"},
    )
    assert sent.status_code == 409 and "offboarded" in sent.get_json()["detail"]
    assert name not in [u.name for u in platform.access.users()]


@pytest.mark.parametrize(
    ("blank", "said"),
    [
        ("\u0301", "Give the person's name as colleagues know it, e.g. 'Sam Patel'."),
        (" \u0301 ", "Give the person's name as colleagues know it, e.g. 'Sam Patel'."),
        ("\u200b", "Contains an invisible formatting character (U+200B at character 1)"),
    ],
)
def test_adding_a_user_whose_full_name_shows_nothing_says_so_at_the_question(
    visitor: FlaskClient, people: People, platform: Platform, blank: str, said: str
) -> None:
    """A lone accent passes the form's "required" (it is not spaces) and its plain-text check
    (it is a letter's accent) but names nobody: the command refuses it as a missing name, the
    page says so at the question and in the summary, and nobody is added. An invisible
    character the form itself refuses, in its own words."""
    signed_in_with_code(visitor, people, "admin")
    name = f"sam.{people.tenant}"
    form = {"name": name, "role": "csp_officer", "tenant": people.tenant, "region": ""}
    refused = post_form(visitor, "/admin/users/new", {**form, "display_name": blank})
    assert refused.status_code == 200
    assert both(refused.data, "display_name").startswith(said)
    assert name not in [u.name for u in platform.access.users()]


def test_a_blank_add_user_form_lists_its_errors_in_the_order_of_the_page(
    visitor: FlaskClient, people: People
) -> None:
    """The summary listed the user name before the full name, though the page asks the full
    name first: each entry now comes in the page's order and links to its own question."""
    signed_in_with_code(visitor, people, "admin")
    blank = post_form(visitor, "/admin/users/new", {}).data
    page = blank.decode()
    summary, _, form = page.partition('<form method="post" novalidate>')
    listed = re.findall(r'<a href="#([\w-]+)">', summary.split("govuk-error-summary__list")[1])
    on_page = sorted(listed, key=lambda field: form.index(f'id="{field}"'))
    assert listed == on_page == ["display_name", "name", "role"]
    assert both(blank, "display_name") == "Enter the person's full name"
    assert both(blank, "name") == "Enter a user name"
