"""An administrator sets a user's password and resets and sets up their two-factor in the
browser, as the sign-in page tells people to ask for; on both stores."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tenants.platform import Platform
from tenants.users.signin import credentials, current_code
from tests.web.conftest import PASSWORD, People, csrf, page_text, post_form, sign_in
from tests.web.test_admin_error_words import beside, in_summary
from tests.web.test_oversight_pages import signed_in_with_code

NEW_PASSWORD = "correct horse battery"


def test_an_administrator_sets_a_new_users_password_and_they_sign_in_with_it(
    visitor: FlaskClient, people: People, platform: Platform, web_app: Flask
) -> None:
    signed_in_with_code(visitor, people, "admin")
    name = f"nia.{people.tenant}"
    form = {"name": name, "display_name": "Nia Walker", "role": "csp_officer", "region": ""}
    added = post_form(visitor, "/admin/users/new", {**form, "tenant": people.tenant})
    user_page = visitor.get(added.headers["Location"]).data

    offered = f'href="/admin/users/{name}/password"'
    assert offered in user_page.decode() and "Set their password" in page_text(user_page)
    assert "ledger users" not in page_text(user_page)  # no command line for people in a browser
    assert "Password Not set: they cannot sign in until you set one" in page_text(user_page)

    url = f"/admin/users/{name}/password"
    assert "Set a new password" in page_text(visitor.get(url).data)
    done = post_form(visitor, url, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302 and done.headers["Location"].endswith(url + "/set")
    panel = page_text(visitor.get(done.headers["Location"]).data)
    assert "Password set for Nia Walker" in panel and "by a secure route" in panel
    assert NEW_PASSWORD not in panel
    assert visitor.get(url + "/set").status_code == 302  # the confirmation is shown once
    temporary = "Password Temporary: they choose their own when they next sign in"
    assert temporary in page_text(visitor.get(f"/admin/users/{name}").data)

    nia = web_app.test_client()
    sign_in(nia, name, NEW_PASSWORD)
    first = page_text(nia.get("/", follow_redirects=True).data)
    assert "Nia Walker" in first and "Choose your own password" in first  # only Nia knows it
    post_form(
        nia, "/account/choose-password", {"password": "only nia knows", "confirm": "only nia knows"}
    )
    assert "Password Set" in page_text(visitor.get(f"/admin/users/{name}").data)


def test_a_new_password_ends_a_lockout_and_the_old_password_stops_working(
    visitor: FlaskClient, people: People, platform: Platform, web_app: Flask
) -> None:
    officer = people.names["officer"]
    locked = web_app.test_client()
    for _ in range(5):
        post_form(locked, "/", {"username": officer, "password": "not the password"})
    right = post_form(locked, "/", {"username": officer, "password": PASSWORD})
    assert "locked" in page_text(right.data)

    signed_in_with_code(visitor, people, "admin")
    url = f"/admin/users/{officer}/password"
    post_form(visitor, url, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})

    old = post_form(web_app.test_client(), "/", {"username": officer, "password": PASSWORD})
    assert "Enter a correct user name and password" in page_text(old.data)
    sign_in(web_app.test_client(), officer, NEW_PASSWORD)


def test_a_short_or_mismatched_password_is_refused_at_its_field_and_nothing_changes(
    visitor: FlaskClient, people: People, platform: Platform, web_app: Flask
) -> None:
    officer = people.names["officer"]
    before = credentials(platform.access, platform.access.user(officer).id).version
    signed_in_with_code(visitor, people, "admin")
    url = f"/admin/users/{officer}/password"

    short = post_form(visitor, url, {"password": "too short", "confirm": "too short"})
    assert short.status_code == 200 and "There is a problem" in page_text(short.data)
    said = "New password must be 10 characters or more"
    assert beside(short.data, "password") == f"Error: {said}"
    assert in_summary(short.data, "password") == said

    other = post_form(visitor, url, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD + "!"})
    said = "The passwords do not match: type the same password in both boxes"
    assert beside(other.data, "confirm") == f"Error: {said}"
    assert in_summary(other.data, "confirm") == said

    empty = post_form(visitor, url, {"password": "", "confirm": ""})
    assert in_summary(empty.data, "password") == "Enter a new password"
    assert in_summary(empty.data, "confirm") == "Enter the new password again"

    assert credentials(platform.access, platform.access.user(officer).id).version == before
    sign_in(web_app.test_client(), officer)  # the old password still works


def test_only_a_platform_administrator_reaches_a_users_sign_in_pages(
    web_app: Flask, people: People, platform: Platform
) -> None:
    auditor = people.names["auditor"]
    before = _sign_in_with(platform, auditor)
    pages = ("password", "password/set", "two-factor-reset", "two-factor", "two-factor/secret")
    for who in ("officer", "lead", "regional", "auditor"):
        visitor = web_app.test_client()
        if who in people.totp:
            signed_in_with_code(visitor, people, who)
        else:
            sign_in(visitor, people.names[who])
        for page in pages:
            url = f"/admin/users/{auditor}/{page}"
            assert visitor.get(url).status_code == 403, (who, page)
            sent = {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
            assert visitor.post(url, data=sent).status_code in (403, 405), (who, page)
    assert _sign_in_with(platform, auditor) == before


def test_resetting_two_factor_asks_first_and_a_new_secret_signs_the_user_in(
    visitor: FlaskClient, people: People, platform: Platform, web_app: Flask
) -> None:
    auditor = people.names["auditor"]
    old_secret = people.totp["auditor"]
    signed_in_with_code(visitor, people, "admin")
    user_url = f"/admin/users/{auditor}"

    user_page = visitor.get(user_url).data.decode()
    assert f'action="{user_url}/two-factor-reset"' not in user_page  # no one-click reset
    assert f'href="{user_url}/two-factor-reset"' in user_page

    check = visitor.get(user_url + "/two-factor-reset")
    checked = page_text(check.data)
    assert check.status_code == 200 and "Reset two-factor for" in checked
    assert "Warning" in checked and "stop working at once" in checked
    assert "cannot sign in until you set up two-factor" in checked  # an auditor needs it
    assert _secret(platform, auditor) == old_secret  # asking changed nothing

    reset = post_form(visitor, user_url + "/two-factor-reset", {})
    assert reset.status_code == 302 and reset.headers["Location"].endswith(user_url + "/two-factor")
    assert _secret(platform, auditor) is None

    stuck = web_app.test_client()
    sign_in(stuck, auditor)
    waiting = post_form(stuck, "/sign-in/security-code", {"code": current_code(old_secret)})
    told = page_text(waiting.data)
    assert "Ask a platform administrator to set up two-factor for you" in told
    assert "ledger" not in told

    set_up = visitor.get(user_url + "/two-factor")
    assert "Two-factor reset for" in page_text(set_up.data)  # the banner
    assert "Create a new secret" in page_text(set_up.data)
    sent = {"csrf_token": csrf(set_up.data)}
    made = visitor.post(user_url + "/two-factor", data=sent)
    secret = _secret(platform, auditor)
    assert secret is not None and secret != old_secret
    assert made.status_code == 303  # on to the secret, asked for with a GET
    assert made.headers["Location"] == user_url + "/two-factor/secret"
    assert secret not in str(visitor.get_cookie("ledger_session"))  # only whose it is
    shown = visitor.get(made.headers["Location"])
    page = page_text(shown.data)
    assert f"Setup key {secret}" in page and "only time the secret is shown" in page
    assert f"otpauth://totp/Partnership%20Ledger:{auditor}?secret={secret}" in page
    refreshed = visitor.get(made.headers["Location"])  # shown once: Refresh, the user's page
    assert refreshed.status_code == 302 and refreshed.headers["Location"].endswith(user_url)

    again = visitor.post(user_url + "/two-factor", data=sent)  # sent a second time
    assert again.status_code == 302 and _secret(platform, auditor) == secret  # kept, not replaced
    assert "already has two-factor: reset it first" in page_text(visitor.get(user_url).data)

    signed = web_app.test_client()
    sign_in(signed, auditor)
    code = post_form(signed, "/sign-in/security-code", {"code": current_code(secret)})
    assert code.status_code == 302


def test_setting_up_two_factor_for_a_deactivated_user_says_they_are_deactivated(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """It was a generic 409 page ("the state does not allow it") for a form sent after
    the user was deactivated, where the CLI says why."""
    officer = people.names["officer"]
    signed_in_with_code(visitor, people, "admin")
    url = f"/admin/users/{officer}/two-factor"
    token = csrf(visitor.get(url).data)  # the form, opened while they were still active
    platform.access.deactivate_user(officer, "left the team")
    sent = visitor.post(url, data={"csrf_token": token})
    assert sent.status_code == 302 and sent.headers["Location"].endswith(f"/admin/users/{officer}")
    told = page_text(visitor.get(sent.headers["Location"]).data)
    assert f"User '{officer}' is deactivated" in told
    assert _secret(platform, officer) is None
    assert visitor.get(url).status_code == 302  # no form to set it up for them


def _secret(platform: Platform, name: str) -> str | None:
    return credentials(platform.access, platform.access.user(name).id).totp_secret


def _sign_in_with(platform: Platform, name: str) -> tuple[str | None, str | None]:
    """A user's password hash and two-factor secret (not their sign-ins, also recorded there)."""
    creds = credentials(platform.access, platform.access.user(name).id)
    return creds.password_hash, creds.totp_secret


def test_a_deactivated_users_page_does_not_ask_for_a_password_or_two_factor(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """It said "Not set: they cannot sign in until you set one" of a person who has left, and
    offers no way to set one: an administrator was told to do what the page cannot."""
    from tenants.users.onboarding import add_user

    leaver = f"leaver-{people.tenant}"
    add_user(platform, leaver, "csp_officer", (people.tenant,), ())
    platform.access.deactivate_user(leaver, "left the team")
    signed_in_with_code(visitor, people, "admin")

    shown = page_text(visitor.get(f"/admin/users/{leaver}").data)

    assert "Deactivated on" in shown
    assert "until you set one" not in shown and "their role needs it" not in shown
