"""An administrator gives a user an email address when adding them, and changes it later; a
wrong address is an error summary and changes nothing."""

from __future__ import annotations

from flask.testing import FlaskClient

from tenants.platform import Platform
from tests.web.conftest import People, post_form
from tests.web.test_oversight_pages import signed_in_with_code, text


def test_an_administrator_adds_a_user_with_an_email_and_changes_it(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    signed_in_with_code(visitor, people, "admin")
    name = f"sam.{people.tenant}"
    form = {"name": name, "display_name": "Sam Patel", "role": "csp_lead", "region": ""}

    refused = post_form(
        visitor, "/admin/users/new", {**form, "tenant": people.tenant, "email": "sam at council"}
    )
    assert "There is a problem" in refused.data.decode()
    assert "not an email address we can send to" in refused.data.decode()
    assert name not in [u.name for u in platform.access.users()]

    added = post_form(
        visitor,
        "/admin/users/new",
        {**form, "tenant": people.tenant, "email": "Sam.Patel@Council.EXAMPLE"},
    )
    assert added.status_code == 302
    assert platform.access.user(name).email == "Sam.Patel@council.example"
    page = text(visitor.get(f"/admin/users/{name}").data)
    assert "Email address Sam.Patel@council.example" in page

    url = f"/admin/users/{name}/email"
    assert "Sam.Patel@council.example" in visitor.get(url).data.decode()  # filled in
    wrong = post_form(visitor, url, {"email": "nobody@"})
    assert "There is a problem" in wrong.data.decode()
    assert platform.access.user(name).email == "Sam.Patel@council.example"
    changed = post_form(visitor, url, {"email": "sam.patel@newcouncil.example"})
    assert changed.status_code == 302
    assert platform.access.user(name).email == "sam.patel@newcouncil.example"


def test_only_an_administrator_changes_an_email_address(
    visitor: FlaskClient, people: People
) -> None:
    signed_in_with_code(visitor, people, "auditor")
    url = f"/admin/users/{people.names['auditor']}/email"
    assert visitor.get(url).status_code == 403


def test_the_email_pages_say_what_each_role_is_sent_there(
    visitor: FlaskClient, people: People
) -> None:
    """A regional lead is sent a weekly summary of the region, not a daily list; an auditor
    is sent nothing, so no address is not a missed reminder."""
    signed_in_with_code(visitor, people, "admin")
    regional = people.names["regional"]
    said = text(visitor.get(f"/admin/users/{regional}/email").data)
    assert "a weekly summary of what is due or late in each partnership of their region" in said
    assert "a daily list" not in said
    page = text(visitor.get(f"/admin/users/{regional}").data)
    assert "Email address Not set: they get no reminders" in page
    auditor = people.names["auditor"]
    assert "Their role gets no reminders." in text(
        visitor.get(f"/admin/users/{auditor}/email").data
    )
    page = text(visitor.get(f"/admin/users/{auditor}").data)
    assert "Email address Not set" in page and "they get no reminders" not in page
