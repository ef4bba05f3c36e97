"""A panel officer runs an agency's IMR through its clock in Chromium: asked with a due date,
chased, received, returned for more work with points. Every page passes axe-core."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Page, expect

from domain.recording import acting_as
from tests.web.browser.conftest import Live, check_page, sign_in
from tests.web.browser.test_officer_journeys import OFFICER, fill_date

POLICE = "West Midlands Police"


def test_an_officer_chases_a_late_imr_and_the_panel_returns_it(page: Page, live: Live) -> None:
    platform = live.platform
    officer = platform.access.user(OFFICER)
    with acting_as(str(officer.id)), platform.ledgers.lease("birmingham") as ledger:
        review = ledger.notify_death(
            f"IMR-{live.store}",
            date(2024, 1, 5),
            date(2024, 1, 9),
            "Jo",
            "dhr",
            "familial_homicide",
        )
        ledger.decide_review(review, date(2024, 1, 30), "hold")
    sign_in(page, OFFICER)
    page.goto(f"/partnerships/birmingham/cases/{review}")
    expect(page.locator("#imrs + p")).to_contain_text("No IMRs requested yet")

    page.click("a:has-text('Individual Management Reviews')")
    page.fill("#agency", POLICE)
    fill_date(page, "on", date(2024, 2, 5))
    fill_date(page, "due_on", date(2024, 3, 8))
    check_page(page, live, "imr-request")
    page.click("button:has-text('Save and continue')")
    page.click("a:has-text('Return to Case')")

    page.click("a:has-text('Record chasing an IMR')")
    page.select_option("#agency", POLICE)
    fill_date(page, "on", date(2024, 3, 15))
    check_page(page, live, "imr-chase")
    page.click("button:has-text('Save and continue')")
    page.click("a:has-text('Return to Case')")

    page.click("a:has-text('Record an IMR coming back')")
    page.select_option("#agency", POLICE)
    fill_date(page, "on", date(2024, 3, 20))
    page.check("#with_chronology")
    page.click("button:has-text('Save and continue')")
    page.click("a:has-text('Return to Case')")

    page.click("a:has-text('Record the panel')")
    page.select_option("#agency", POLICE)
    page.check("input[name=outcome][value=returned]")
    fill_date(page, "on", date(2024, 3, 25))
    page.click("button:has-text('Save and continue')")  # returned without points: refused
    expect(page.locator(".govuk-error-summary")).to_contain_text("at least one point")
    check_page(page, live, "imr-assessment-errors")
    page.fill("#points", "Cover the 2023 referrals")
    page.click("button:has-text('Save and continue')")
    expect(page.locator(".govuk-panel__title")).to_have_text("IMR assessment recorded")
    page.click("a:has-text('Return to Case')")

    table = page.locator("table:has(caption:has-text('IMR clock'))")
    expect(table).to_contain_text(POLICE)
    expect(table).to_contain_text("Returned for more work")
    expect(table).to_contain_text("1, last 15 March 2024")
    expect(page.locator(".moj-timeline")).to_contain_text("IMR chased from West Midlands Police")
    check_page(page, live, "case-imr-clock")
