"""OPCC staff keep a group's master action plan in Chromium: form the group from the region
ledger (first with nothing filled in), add an item the group owns, record progress that
completes it. Every page visited passes axe-core's WCAG 2.2 AA rules."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Page, expect

from tests.web.browser.conftest import Live, check_page, sign_in
from tests.web.browser.test_officer_journeys import fill_date

OPCC, WM, PCC = "demo-west-midlands-opcc", "west-midlands", "west-midlands-pcc"


def test_opcc_staff_form_a_group_and_complete_an_item_of_its_plan(page: Page, live: Live) -> None:
    with live.platform.region_ledgers.lease(WM) as region:
        if PCC not in {p.key for p in region.partners.all()}:
            region.partners.add(PCC, "West Midlands PCC", "pcc", date(2012, 4, 1))

    sign_in(page, OPCC)
    expect(page.locator("h1")).to_have_text("Region ledger")
    page.click("a:has-text('Form a group')")
    check_page(page, live, "group-form")
    page.click("button:has-text('Form the group')")  # nothing filled in: every field explains
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the group's name")
    expect(summary).to_contain_text("Select who owns the plan")
    check_page(page, live, "group-form-errors")

    page.fill("#name", f"Black Country DHR plan ({live.store})")
    page.check("input[name=kind][value=partnerships]")
    page.select_option("#owner", PCC)
    page.check("input[name=members][value=birmingham]")
    page.check("input[name=members][value=coventry]")
    fill_date(page, "on", date(2026, 4, 1))
    page.click("button:has-text('Form the group')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("formed")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Birmingham, Coventry")

    page.click("a:has-text('Add an item')")
    page.fill("#reference", "BC-01")
    page.fill("#text", "Joint training on coercive control")
    page.select_option("#owner", PCC)
    fill_date(page, "due_on", date(2026, 9, 30))
    fill_date(page, "on", date(2026, 4, 2))
    check_page(page, live, "group-item")
    page.click("button:has-text('Add the item')")
    expect(page.locator("#group-items")).to_contain_text("30 September 2026")

    page.click("a:has-text('Record progress')")
    page.fill("#note", "Both sessions held")
    fill_date(page, "on", date(2026, 6, 20))
    page.check("input[name=completed]")
    check_page(page, live, "group-progress")
    page.click("button:has-text('Record the progress')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Item BC-01 completed")
    expect(page.locator("#group-items")).to_contain_text("20 June 2026: Both sessions held")
    check_page(page, live, "group")
