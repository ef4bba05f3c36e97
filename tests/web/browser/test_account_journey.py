"""In Chromium: someone given a temporary password by an administrator chooses their own
before any other page, then changes it from Your account; each page passes axe-core."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from domain.recording import acting_as
from tenants.users.onboarding import add_user
from tenants.users.signin import set_password
from tests.web.browser.conftest import Live, check_page, sign_in

GIVEN, OWN, LATER = "the admin's one", "three random words", "four more random words"


def test_a_new_officer_chooses_their_own_password_then_changes_it(page: Page, live: Live) -> None:
    name = "new-birmingham-officer"
    add_user(live.platform, name, "csp_officer", ("birmingham",), (), display_name="Nia Walker")
    with acting_as("an-admin"):
        set_password(live.platform.access, name, GIVEN, temporary=True)

    sign_in(page, name, GIVEN)
    expect(page.locator("h1")).to_have_text("Choose your own password")
    page.fill("#password", OWN)
    page.fill("#confirm", OWN + "!")
    page.click("button:has-text('Save your password')")
    expect(page.locator("#confirm-error")).to_contain_text("do not match")
    check_page(page, live, "choose-password-refused")
    page.fill("#password", OWN)
    page.fill("#confirm", OWN)
    page.click("button:has-text('Save your password')")
    expect(page.locator(".govuk-panel__title")).to_have_text("Password changed")
    check_page(page, live, "password-chosen")
    page.click("a:has-text('Continue')")
    expect(page.locator("h1")).not_to_have_text("Choose your own password")

    page.click("a:has-text('Your account')")
    expect(page.locator("main")).to_contain_text("Partnership officer")
    check_page(page, live, "your-account")
    page.click("a:has-text('Change your password')")
    page.fill("#current", GIVEN)
    page.fill("#password", LATER)
    page.fill("#confirm", LATER)
    page.click("button:has-text('Change password')")
    expect(page.locator("#current-error")).to_contain_text("current password is not right")
    check_page(page, live, "change-password-refused")
    page.fill("#current", OWN)
    page.fill("#password", LATER)
    page.fill("#confirm", LATER)
    page.click("button:has-text('Change password')")
    expect(page.locator(".govuk-panel__title")).to_have_text("Password changed")
