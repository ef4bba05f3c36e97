"""Your account, for every signed-in person, and their own password: changed there, or chosen
before any other page after signing in with the temporary one an administrator set; on both
stores."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from domain.recording import acting_as
from tenants.demo.credentials import DEMO_PASSWORD, demo_totp_secret, ensure_demo_credentials
from tenants.platform import Platform
from tenants.users.onboarding import add_user
from tenants.users.passwords import must_choose
from tenants.users.signin import (
    credentials,
    current_code,
    enable_two_factor,
    reset_two_factor,
    set_password,
)
from tests.web.conftest import PASSWORD, People, page_text, post_form, sign_in
from tests.web.test_admin_error_words import beside, in_summary
from tests.web.test_oversight_pages import signed_in_with_code

OWN = "three random words"


def test_every_signed_in_person_reaches_their_account_from_the_header(
    web_app: Flask, people: People
) -> None:
    said = {
        "officer": ("Partnership officer", "Partnership Northtown", "Not set up: you sign in"),
        "regional": ("Regional lead", "Region Midshire", "Not set up: you sign in"),
        "auditor": ("Auditor", "Partnership Northtown", "Set up: you sign in with a security"),
        "admin": ("Platform administrator", "User name", "Set up: you sign in with a security"),
    }
    for who, words in said.items():
        client = web_app.test_client()
        if who in people.totp:
            signed_in_with_code(client, people, who)
        else:
            sign_in(client, people.names[who])
        home = client.get("/", follow_redirects=True).data.decode()
        assert 'href="/account">Your account</a>' in home, who
        page = page_text(client.get("/account").data)
        assert f"Name {people.names[who]}" in page
        assert f"Role {words[0]}" in page and words[1] in page, (who, page)
        assert f"Two-factor authentication {words[2]}" in page, (who, page)
        account = client.get("/account").data.decode()
        assert 'href="/account/password"' in account
        assert 'href="/account" aria-current="page">' in account  # marked where they are
        assert (
            'href="/account" aria-current="true">' in client.get("/account/password").data.decode()
        )
        assert 'href="/account" aria-current' not in home


def test_a_person_changes_their_own_password_and_signs_in_with_it(
    visitor: FlaskClient, people: People, platform: Platform, web_app: Flask
) -> None:
    officer = people.names["officer"]
    sign_in(visitor, officer)
    sent = {"current": PASSWORD, "password": OWN, "confirm": OWN}
    done = post_form(visitor, "/account/password", sent)
    assert done.status_code == 302 and done.headers["Location"] == "/account/password/changed"
    panel = page_text(visitor.get(done.headers["Location"]).data)
    assert "Password changed" in panel and "old password no longer works" in panel
    assert visitor.get("/account/password/changed").status_code == 302  # shown once
    assert visitor.get("/account").status_code == 200  # still signed in here

    old = post_form(web_app.test_client(), "/", {"username": officer, "password": PASSWORD})
    assert "Enter a correct user name and password" in page_text(old.data)
    sign_in(web_app.test_client(), officer, OWN)
    user = platform.access.user(officer)
    assert not must_choose(platform.access, user.id)


def signed_in_elsewhere(web_app: Flask, people: People) -> tuple[str, str, FlaskClient]:
    """The officer, their cases page, and a browser where they are signed in on it."""
    officer, cases = people.names["officer"], f"/partnerships/{people.tenant}/cases"
    elsewhere = web_app.test_client()
    sign_in(elsewhere, officer)
    assert elsewhere.get(cases).status_code == 200
    return officer, cases, elsewhere


def test_a_new_password_signs_the_person_out_everywhere_else_but_here(
    visitor: FlaskClient, people: People, web_app: Flask
) -> None:
    """Whoever knew the old password may be signed in with it: changing it ends them."""
    officer, cases, elsewhere = signed_in_elsewhere(web_app, people)
    sign_in(visitor, officer)
    kept = elsewhere.get_cookie("ledger_session")
    assert kept is not None

    post_form(visitor, "/account/password", {"current": PASSWORD, "password": OWN, "confirm": OWN})
    panel = page_text(visitor.get("/account/password/changed").data)
    assert "Anywhere else you were signed in" in panel and "has been signed out" in panel
    assert visitor.get(cases).status_code == 200  # here, a fresh session carries on
    gone = elsewhere.get(cases)
    assert gone.status_code == 302 and gone.headers["Location"].startswith("/?next=")

    replay = web_app.test_client()  # a copy of the old cookie, kept from before, is refused too
    replay.set_cookie("ledger_session", kept.value)
    assert replay.get(cases).status_code == 302
    again = web_app.test_client()
    sign_in(again, officer, OWN)
    assert again.get(cases).status_code == 200


def test_an_administrators_new_password_signs_the_person_out(
    people: People, platform: Platform, web_app: Flask
) -> None:
    officer, cases, signed_in = signed_in_elsewhere(web_app, people)
    with acting_as("an-admin"):
        set_password(platform.access, officer, "the admin's one", temporary=True)
    assert signed_in.get(cases).headers["Location"].startswith("/?next=")


def test_a_wrong_current_or_weak_new_password_is_refused_beside_its_box(
    visitor: FlaskClient, people: People, platform: Platform, web_app: Flask
) -> None:
    officer = people.names["officer"]
    user_id = platform.access.user(officer).id
    sign_in(visitor, officer)
    before = credentials(platform.access, user_id).version
    url = "/account/password"

    wrong = post_form(visitor, url, {"current": "not my password", "password": OWN, "confirm": OWN})
    said = "Your current password is not right: enter the password you sign in with."
    assert beside(wrong.data, "current") == f"Error: {said}"
    assert in_summary(wrong.data, "current") == said
    assert credentials(platform.access, user_id).failures == 1  # counts toward the lockout
    before += 1

    same = post_form(visitor, url, {"current": PASSWORD, "password": PASSWORD, "confirm": PASSWORD})
    said = "Your new password must be different from your current one: choose a new password."
    assert beside(same.data, "password") == f"Error: {said}"

    short = post_form(visitor, url, {"current": PASSWORD, "password": "short", "confirm": "short"})
    assert beside(short.data, "password") == "Error: New password must be 10 characters or more"
    other = post_form(visitor, url, {"current": PASSWORD, "password": OWN, "confirm": OWN + "!"})
    assert "do not match" in beside(other.data, "confirm")
    empty = post_form(visitor, url, {"current": "", "password": "", "confirm": ""})
    assert in_summary(empty.data, "current") == "Enter your current password"

    assert credentials(platform.access, user_id).version == before
    sign_in(web_app.test_client(), officer)  # the password is unchanged


def test_wrong_current_passwords_lock_sign_in_as_wrong_sign_ins_do(
    visitor: FlaskClient, people: People, web_app: Flask
) -> None:
    officer = people.names["officer"]
    sign_in(visitor, officer)
    for _ in range(5):
        tried = post_form(
            visitor, "/account/password", {"current": "a guess", "password": OWN, "confirm": OWN}
        )
    assert "sign-in is locked for 15 minutes" in beside(tried.data, "current")
    right = {"current": PASSWORD, "password": OWN, "confirm": OWN}
    assert "locked" in beside(post_form(visitor, "/account/password", right).data, "current")
    again = post_form(web_app.test_client(), "/", {"username": officer, "password": PASSWORD})
    assert "locked" in page_text(again.data)


def test_after_an_administrators_password_the_person_chooses_their_own_before_any_page(
    visitor: FlaskClient, people: People, platform: Platform, web_app: Flask
) -> None:
    officer = people.names["officer"]
    signed_in_with_code(visitor, people, "admin")
    url = f"/admin/users/{officer}/password"
    asked = "They will be asked to choose their own password when they first sign in"
    assert asked in page_text(visitor.get(url).data)
    done = post_form(visitor, url, {"password": "the admin's one", "confirm": "the admin's one"})
    assert asked in page_text(visitor.get(done.headers["Location"]).data)

    nia = web_app.test_client()
    sign_in(nia, officer, "the admin's one")
    cases = f"/partnerships/{people.tenant}/cases"
    for page in ("/home", cases, "/account", "/account/password"):
        sent_on = nia.get(page)
        assert sent_on.status_code == 302, page
        assert sent_on.headers["Location"].startswith("/account/choose-password?next="), page
    choose = f"/account/choose-password?next={cases}"
    asking = nia.get(choose).data.decode()
    assert "Choose your own password" in page_text(asking.encode())
    assert "Your account</a>" not in asking and "Sign out</button>" in asking
    assert 'class="govuk-service-navigation__item' not in asking  # no menu: every link led back
    account = asking.split('app-account">')[1].split("</ul>")[0]
    assert account.count("<li") == 2  # their name, sign out
    same = post_form(nia, choose, {"password": "the admin's one", "confirm": "the admin's one"})
    assert "different from your current one" in beside(same.data, "password")

    chosen = post_form(nia, choose, {"password": OWN, "confirm": OWN})
    assert chosen.headers["Location"] == f"/account/password/changed?next={cases}"
    panel = nia.get(chosen.headers["Location"]).data.decode()
    assert f'href="{cases}">Continue' in panel
    assert nia.get(cases).status_code == 200  # every page is open again
    assert nia.get("/account/choose-password").status_code == 302

    later = web_app.test_client()
    sign_in(later, officer, OWN)
    assert later.get(cases).status_code == 200  # chosen once, never asked again


def test_a_two_factor_user_chooses_their_own_after_the_security_code(
    people: People, platform: Platform, web_app: Flask
) -> None:
    auditor = people.names["auditor"]
    with acting_as("an-admin"):
        set_password(platform.access, auditor, "the admin's one", temporary=True)
    client = web_app.test_client()
    sign_in(client, auditor, "the admin's one")
    assert client.get("/home").headers["Location"].startswith("/?next=")  # the code comes first
    code = post_form(
        client, "/sign-in/security-code", {"code": current_code(people.totp["auditor"])}
    )
    assert code.status_code == 302
    assert client.get("/home").headers["Location"].startswith("/account/choose-password")
    post_form(client, "/account/choose-password", {"password": OWN, "confirm": OWN})
    assert client.get("/home").status_code in (200, 302)
    assert not client.get("/home").headers.get("Location", "").startswith("/account")


def test_the_demos_people_sign_in_straight_away_with_the_demo_password(
    platform: Platform, web_app: Flask, people: People, unique: Callable[[str], str]
) -> None:
    """The demo gives its known password as the system, not as a temporary one: the browser
    journeys and demo sign-ins go straight to their pages."""
    name = unique("demo-officer")
    add_user(platform, name, "csp_officer", (people.tenant,), ())
    with acting_as("system"):
        ensure_demo_credentials(platform.access, [name])
    client = web_app.test_client()
    sign_in(client, name, DEMO_PASSWORD)
    assert client.get(f"/partnerships/{people.tenant}/cases").status_code == 200
    assert not must_choose(platform.access, platform.access.user(name).id)


def test_the_demo_run_again_gives_back_its_known_secret_replaced_since(
    platform: Platform, people: People, unique: Callable[[str], str]
) -> None:
    """A secret is replaced only after a reset, on the page and the CLI alike; the demo, run
    again after an administrator gave someone a new one, resets it itself, so the sign-ins
    it prints stay true."""
    name = unique("demo-auditor")
    add_user(platform, name, "auditor", (people.tenant,), ())
    with acting_as("system"):
        ensure_demo_credentials(platform.access, [name])
        reset_two_factor(platform.access, name)
        enable_two_factor(platform.access, name)  # an administrator's new one
        ensure_demo_credentials(platform.access, [name])
    given = credentials(platform.access, platform.access.user(name).id).totp_secret
    assert given == demo_totp_secret(name)
