"""A lead corrects a case's facts in Chromium from the case page's "Change" links: a slip is
refused beside its box and changes nothing; the right value, with its reason, takes the lead
back to the case, where a banner names the correction and the history says who changed what
from what to what, and why. Every page visited passes axe-core's WCAG 2.2 AA rules."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Page, expect

from domain.recording import acting_as
from tests.web.browser.conftest import Live, check_page, sign_in
from tests.web.browser.test_officer_journeys import LEAD, OFFICER, fill_date


def test_a_lead_changes_a_fact_from_the_case_page_and_lands_back_on_it(
    page: Page, live: Live
) -> None:
    platform = live.platform
    officer = platform.access.user(OFFICER)
    with acting_as(str(officer.id)), platform.ledgers.lease("birmingham") as ledger:
        review = ledger.reviews.notify(
            "CHANGE-01", date(2024, 1, 5), date(2024, 1, 9), "Kim", "dhr", "familial_homicide"
        )
        ledger.reviews.decide(review, date(2024, 1, 30), "hold")
        ledger.reviews.commission(review, date(2024, 2, 20), "CH-1", "AU-1", 850_000)

    sign_in(page, LEAD)
    page.goto(f"/partnerships/birmingham/cases/{review}")
    page.click("a:has-text('Change agreed cost')")
    expect(page.locator("h1")).to_have_text("Correct the agreed cost of commissioning 1")
    page.fill("#value", "9,0,00")
    page.fill("#reason", "The contract says £9,000")
    page.click("button:has-text('Record the correction')")
    expect(page.locator("#value-error")).to_contain_text("has a comma in the wrong place")
    expect(page.locator(".govuk-error-summary")).to_contain_text("comma in the wrong place")
    check_page(page, live, "correction-refused")
    page.fill("#value", "8,500.00")
    page.click("button:has-text('Record the correction')")
    expect(page.locator("#value-error")).to_contain_text(
        "The cost recorded now is already £8,500.00; there is nothing to correct."
    )
    page.fill("#value", "9,000")
    page.click("button:has-text('Record the correction')")
    expect(page.locator("h1")).to_have_text("Kim")  # back on the case's page
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Correction recorded: Commissioning 1: agreed cost."
    )
    expect(page.locator(".moj-timeline")).to_contain_text(
        "Was £8,500.00; corrected to £9,000.00. The contract says £9,000."
    )
    check_page(page, live, "case-after-correction")

    page.click("a:has-text('Change date notified')")
    fill_date(page, "value", date(2023, 12, 31))
    page.fill("#reason", "Typed the year of the incident")
    page.click("button:has-text('Record the correction')")
    expect(page.locator("#value-error")).to_contain_text("before the incident")
    page.click("a:has-text('Back to the case')")
    expect(page.locator("h1")).to_have_text("Kim")
    notified = page.locator(".govuk-summary-list__row:has-text('Date notified')")
    expect(notified).to_contain_text("9 January 2024")  # unchanged
