"""What a platform administrator new to the service tripped on when adding a user and
looking after their tokens."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask.testing import FlaskClient

from tenants.platform import Platform
from tests.web.conftest import People, page_text, post_form
from tests.web.test_oversight_pages import signed_in_with_code


def test_a_user_with_no_tokens_is_told_where_tokens_are_issued_in_words_not_markup(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    signed_in_with_code(visitor, people, "admin")
    officer = people.names["officer"]
    page = visitor.get(f"/admin/users/{officer}")
    assert page.status_code == 200
    said = page_text(page.data)
    assert "`" not in said
    assert "A token is issued on the server's command line, which shows it once" in said
    assert f"<code>ledger tokens issue {officer}</code>" in page.data.decode()


def test_an_agency_contributor_is_added_with_the_agency_named_as_the_directory_names_it(
    visitor: FlaskClient, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    with platform.region_ledgers.lease(people.region) as region:
        region.partners.add("midshire-police", "Midshire Police", "police", date(2015, 4, 1))
    signed_in_with_code(visitor, people, "admin")
    name = unique("pc")
    person = {"display_name": "Pat Cole", "name": name, "role": "agency_contributor"}
    wrong = post_form(
        visitor, "/admin/users/new", person | {"region": people.region, "agency": "Nowhere"}
    )
    assert wrong.status_code == 200
    said = page_text(wrong.data)
    assert "There is a problem" in said and "midshire-police (Midshire Police)" in said
    assert name not in {u.name for u in platform.access.users()}

    added = post_form(
        visitor,
        "/admin/users/new",
        person | {"tenant": people.tenant, "agency": "  midshire POLICE "},
    )
    assert added.status_code == 302, page_text(added.data)
    assert platform.access.user(name).agency == "midshire-police"
