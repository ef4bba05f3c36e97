"""The "page not found" page names whom to ask by who grants the reader's access: a researcher
or an auditor has no partnership, so "ask your partnership's lead" left them nowhere to go."""

from __future__ import annotations

from flask.testing import FlaskClient

from tenants.platform import Platform
from tenants.users.onboarding import add_user
from tests.web.conftest import People, give_password, page_text, sign_in, sign_in_with_code


def test_a_researcher_is_sent_to_the_regional_lead_not_a_partnership_they_lack(
    visitor: FlaskClient, platform: Platform, people: People
) -> None:
    name = f"researcher-{people.tenant}-404"
    add_user(platform, name, "researcher", (), ())
    give_password(platform, name)
    sign_in(visitor, name)
    said = page_text(visitor.get(f"/partnerships/{people.tenant}/cases").data)
    assert "Page not found" in said and "access to it. Ask your partnership’s lead" not in said
    assert "ask the regional lead who recorded your data-sharing agreement" in said


def test_an_auditor_is_sent_to_a_platform_administrator(
    visitor: FlaskClient, people: People
) -> None:
    sign_in_with_code(visitor, people.names["auditor"], people.totp["auditor"])
    said = page_text(visitor.get(f"/partnerships/{people.neighbour}/audit-bundle").data)
    assert "Page not found" in said and "access to it. Ask your partnership’s lead" not in said
    assert "If your job needs it, ask a platform administrator" in said


def test_a_partnership_officer_is_still_sent_to_their_lead(
    visitor: FlaskClient, people: People
) -> None:
    sign_in(visitor, people.names["officer"])
    said = page_text(visitor.get(f"/partnerships/{people.neighbour}/cases").data)
    assert "Page not found" in said and "If your job needs it, ask your partnership’s lead" in said
