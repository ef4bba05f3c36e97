"""A partnership's lead in Chromium: reads who can reach Birmingham's records and removes a
leaver with a reason. Every page visited passes axe-core's WCAG 2.2 AA rules."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tenants.demo.credentials import DEMO_PASSWORD
from tenants.users.onboarding import add_user
from tenants.users.signin import set_password
from tests.web.browser.conftest import Live, check_page, sign_in

LEAD = "demo-birmingham-lead"


def test_a_lead_reads_who_has_access_and_removes_a_leaver(page: Page, live: Live) -> None:
    add_user(
        live.platform, "birmingham-leaver", "csp_officer", ("birmingham",), (),
        display_name="Robin Leaver",
    )  # fmt: skip
    set_password(live.platform.access, "birmingham-leaver", DEMO_PASSWORD, temporary=False)
    sign_in(page, LEAD)
    page.click("nav a:has-text('People')")
    expect(page.locator("h1")).to_have_text("People with access")
    expect(page.locator("#outside")).to_contain_text("Platform administrator")
    check_page(page, live, "people")

    leaver = page.locator("#own tr", has_text="Robin Leaver")
    expect(leaver).to_contain_text("Never")
    leaver.locator("a:has-text('Deactivate')").click()
    expect(page.locator("h1")).to_have_text("Deactivate Robin Leaver")
    page.click("button:has-text('Deactivate')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the reason")
    check_page(page, live, "deactivate-leaver")
    page.fill("#reason", "Left the council in March")
    page.click("button:has-text('Deactivate')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Robin Leaver deactivated")
    expect(leaver).to_contain_text("Deactivated")
    expect(leaver).to_contain_text("by Alex Morgan")
    check_page(page, live, "people-after-leaver")
    assert not live.platform.access.user("birmingham-leaver").active
