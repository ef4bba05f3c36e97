"""A new partnership's first people are invited by email (through a real SMTP server) and choose
their own password from its link: before, an administrator set a password and had to pass it
on by phone, and the person was told nothing of the service, its address or their user name."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from adapters.mail import MailSettings
from adapters.mail.settings import SmtpAddress
from api.app import create_app
from api.cli import main
from api.resources.views import close_views
from tenants.platform import Platform
from tenants.users.signin import credentials
from tests.mail_server import MailServer, free_port, mail_server, text_of
from tests.web.conftest import People, post_form
from tests.web.test_new_partnership_pages import main_text
from tests.web.test_oversight_pages import signed_in_with_code

__all__ = ["mail_server"]  # the fixture, imported for this module's tests
BASE = "https://ledger.example.gov.uk"
LINK = re.compile(re.escape(BASE) + r"(/invitation/\S+)")
CHOSEN = "three random words"


def mail_to(port: int) -> MailSettings:
    return MailSettings(
        SmtpAddress.parse(f"smtp://127.0.0.1:{port}"), "Ledger <noreply@test>", BASE, None
    )


@pytest.fixture
def site(platform: Platform, mail_server: MailServer) -> Iterator[Flask]:
    config = {"PLATFORM": platform, "TESTING": True, "SECRET_KEY": "test-only-key"}
    app = create_app({**config, "MAIL_SETTINGS": mail_to(mail_server.port)})
    yield app
    close_views(app)


def added_with_email(admin: FlaskClient, people: People, name: str) -> str:
    """Add an officer of the people's partnership with an email address; the banner's link."""
    person = {"display_name": "Amira Khan", "name": name, "role": "csp_officer"}
    email = {"email": f"{name}@council.example.gov.uk", "tenant": people.tenant}
    added = post_form(admin, "/admin/users/new", person | email)
    assert added.status_code == 302, main_text(added.data)
    banner = admin.get(added.headers["Location"]).data.decode()
    found = re.search(r'href="([^"]+)">Send them an invitation email</a>', banner)
    assert found, main_text(banner.encode())
    return found.group(1)


def test_an_invited_officer_chooses_their_own_password_from_the_emails_link_and_signs_in(
    site: Flask,
    people: People,
    platform: Platform,
    mail_server: MailServer,
    unique: Callable[[str], str],
) -> None:
    admin, newcomer = site.test_client(), site.test_client()
    signed_in_with_code(admin, people, "admin")
    name = unique("amira")
    invite = added_with_email(admin, people, name)
    asked = main_text(admin.get(invite).data)
    assert f"The email goes to {name}@council.example.gov.uk" in asked
    sent = post_form(admin, invite, {})
    assert sent.status_code == 302
    assert "Invitation sent to" in main_text(admin.get(sent.headers["Location"]).data)

    (message,) = mail_server.inbox.to(f"{name}@council.example.gov.uk")
    body = text_of(message)
    assert message["Subject"] == "Your Partnership Ledger account for Northtown"
    assert f"Your user name is: {name}" in body and "partnership officer for Northtown" in body
    assert f"sign in at {BASE}/ with your user name" in body
    link = LINK.search(body)
    assert link, body

    page = main_text(newcomer.get(link.group(1)).data)
    assert "Welcome to the Partnership Ledger, Amira Khan" in page and name in page
    chose = post_form(newcomer, link.group(1), {"password": CHOSEN, "confirm": CHOSEN})
    assert chose.status_code == 302
    done = main_text(newcomer.get(chose.headers["Location"]).data)
    assert f"Sign in with your user name, {name}, and the password you have just chosen" in done
    assert "you can set up two-factor from Your account" in done  # and it is offered there
    assert not credentials(platform.access, platform.access.user(name).id).must_choose_password

    signed = post_form(newcomer, "/", {"username": name, "password": CHOSEN})
    assert signed.headers["Location"] == f"/partnerships/{people.tenant}/cases"  # not choosing
    again = newcomer.get(link.group(1))
    assert again.status_code == 404
    assert "Ask your platform administrator to send you a new invitation" in main_text(again.data)


def test_a_second_invitation_stops_the_first_link_and_nobody_learns_a_name_from_the_pages(
    site: Flask,
    people: People,
    mail_server: MailServer,
    unique: Callable[[str], str],
) -> None:
    admin, stranger = site.test_client(), site.test_client()
    signed_in_with_code(admin, people, "admin")
    name = unique("amira")
    invite = added_with_email(admin, people, name)
    post_form(admin, invite, {})
    post_form(admin, invite, {})
    first, second = (
        LINK.search(text_of(m)) for m in mail_server.inbox.to(f"{name}@council.example.gov.uk")
    )
    assert first and second
    assert stranger.get(first.group(1)).status_code == 404
    assert stranger.get(second.group(1)).status_code == 200
    wrong_name = second.group(1).replace(name, people.names["officer"])
    assert stranger.get(wrong_name).status_code == 404  # another's name with this token
    done = stranger.get("/invitation/done")  # only after choosing, in that browser
    assert done.status_code == 302 and done.headers["Location"] == "/"


def test_an_invitation_the_mail_server_cannot_take_says_so_and_what_to_do_instead(
    platform: Platform, people: People, unique: Callable[[str], str]
) -> None:
    config = {"PLATFORM": platform, "TESTING": True, "SECRET_KEY": "test-only-key"}
    app = create_app({**config, "MAIL_SETTINGS": mail_to(free_port())})  # nothing listens
    try:
        admin = app.test_client()
        signed_in_with_code(admin, people, "admin")
        invite = added_with_email(admin, people, unique("amira"))
        refused = post_form(admin, invite, {})
        said = main_text(refused.data)
        assert refused.status_code == 200 and "There is a problem" in said
        assert "The invitation could not be sent" in said and "set a temporary password" in said
    finally:
        close_views(app)


def test_an_operator_invites_someone_from_the_command_line_through_the_same_mail_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mail_server: MailServer
) -> None:
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    monkeypatch.delenv("LEDGER_SMTP_URL", raising=False)
    monkeypatch.setenv("LEDGER_BASE_URL", BASE)
    run = CliRunner().invoke
    assert run(main, ["regions", "create", "midshire", "Midshire"]).exit_code == 0
    assert (
        run(main, ["tenants", "register", "newtown", "Newtown", "--region", "midshire"]).exit_code
        == 0
    )
    added = ["users", "add", "jo.smith", "--role", "csp_lead", "--tenant", "newtown"]
    assert run(main, [*added, "--email", "jo.smith@newtown.example.gov.uk"]).exit_code == 0
    unset = run(main, ["users", "invite", "jo.smith"])
    assert unset.exit_code == 2 and "No mail server is set (LEDGER_SMTP_URL)" in unset.output
    assert "--dry-run" not in unset.output
    monkeypatch.setenv("LEDGER_SMTP_URL", mail_server.url)
    sent = run(main, ["users", "invite", "jo.smith"])
    assert sent.exit_code == 0, sent.output
    (message,) = mail_server.inbox.to("jo.smith@newtown.example.gov.uk")
    body = text_of(message)
    assert "Your platform administrator has given you an account" in body
    assert "a partnership lead for Newtown" in body and LINK.search(body)
    # added without --display-name: not "Dear jo.smith", a user name greeted as a name
    assert body.splitlines()[0] == "Hello," and "Dear" not in body, body[:80]


def test_the_sign_in_page_says_a_forgotten_password_can_come_as_an_emailed_link(
    site: Flask,
) -> None:
    said = main_text(site.test_client().get("/").data)
    assert "They can email you a link to choose a new password" in said
