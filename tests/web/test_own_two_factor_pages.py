"""Anyone can set up two-factor for themselves from Your account: before, an officer who
wanted a security code had no way to get one but to ask a platform administrator, and their
account page said only that they signed in with their password alone."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

import pyotp
from flask.testing import FlaskClient

from tenants.platform import Platform
from tenants.users.onboarding import add_user
from tenants.users.signin import credentials
from tests.web.conftest import PASSWORD, People, post_form, sign_in
from tests.web.test_new_partnership_pages import main_text

KEY = re.compile(r'<code id="secret"[^>]*>([A-Z2-7]+)</code>')


def test_an_officer_sets_up_two_factor_from_their_account_and_signs_in_with_a_code(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    officer = people.names["officer"]
    sign_in(visitor, officer)
    account = visitor.get("/account").data
    assert 'href="/account/two-factor"' in account.decode()
    assert "Set up two-factor with an authenticator app" in main_text(account)
    page = visitor.get("/account/two-factor").data
    key = KEY.search(page.decode())
    assert key, main_text(page)
    secret = key.group(1)

    wrong = post_form(visitor, "/account/two-factor", {"code": "000000", "current": PASSWORD})
    assert "Enter the 6-digit code your authenticator app shows now" in main_text(wrong.data)
    assert KEY.search(wrong.data.decode()).group(1) == secret  # type: ignore[union-attr]
    user = platform.access.user(officer)
    assert credentials(platform.access, user.id).totp_secret is None  # nothing recorded

    code = pyotp.TOTP(secret).now()
    not_theirs = post_form(visitor, "/account/two-factor", {"code": code, "current": "guess"})
    assert "Your current password is not right" in main_text(not_theirs.data)
    assert credentials(platform.access, user.id).totp_secret is None

    done = post_form(visitor, "/account/two-factor", {"code": code, "current": PASSWORD})
    assert done.status_code == 302
    said = main_text(visitor.get(done.headers["Location"]).data)
    assert "Two-factor is on" in said and "Set up: you sign in with a security code" in said
    assert credentials(platform.access, user.id).totp_secret == secret

    fresh = visitor.application.test_client()
    asked = post_form(fresh, "/", {"username": officer, "password": PASSWORD})
    assert asked.headers["Location"].startswith("/sign-in/security-code")


def test_the_code_that_set_up_two_factor_is_spent_and_signs_no_one_in(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """Before, enabling two-factor forgot every step used, so whoever watched the set-up code
    being typed could sign in with it for the next minute and a half."""
    officer = people.names["officer"]
    sign_in(visitor, officer)
    secret = KEY.search(visitor.get("/account/two-factor").data.decode()).group(1)  # type: ignore[union-attr]
    totp = pyotp.TOTP(secret)
    step = totp.timecode(datetime.now(UTC))
    code = totp.generate_otp(step)
    done = post_form(visitor, "/account/two-factor", {"code": code, "current": PASSWORD})
    assert done.status_code == 302

    fresh = visitor.application.test_client()
    sign_in(fresh, officer)
    again = post_form(fresh, "/sign-in/security-code", {"code": code})
    assert again.status_code != 302
    assert "Enter the current security code" in main_text(again.data)

    following = post_form(fresh, "/sign-in/security-code", {"code": totp.generate_otp(step + 1)})
    assert following.status_code == 302, main_text(following.data)


def test_two_factor_stored_before_its_set_up_step_was_kept_loads_with_none_spent(
    make_platform: Callable[..., Platform], unique: Callable[[str], str]
) -> None:
    platform = make_platform()
    name = unique("admin")
    add_user(platform, name, "platform_admin", (), ())
    user = platform.access.user(name)
    creds = credentials(platform.access, user.id)
    creds.enable_two_factor(pyotp.random_base32(), code_step=123)
    del creds.pending_events[-1].__dict__["code_step"]  # as every TwoFactorEnabled before it
    platform.access.save(creds)
    platform.close()
    again = make_platform()  # a restart: read from the store, not the cache
    assert credentials(again.access, user.id).last_code_step == -1
