"""Learning across reviews in Chromium: an officer drafting a recommendation on identification of
risk checks it against earlier ones (the region's, with their outcomes) and then records it; the
officer's own lookup page; the regional lead's dashboard, repeated recommendations, and the
research agreements they revoke. Every page visited passes axe-core's WCAG 2.2 AA rules."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

import pytest
from playwright.sync_api import Page, expect

from domain.actionplan import ImpactOutcome, Scope
from domain.recording import acting_as
from tenants.demo.lifecycle import DemoCase, Stage, record
from tenants.learning.agreements import ResearchAgreements
from tenants.platform import Platform
from tenants.users.onboarding import add_user
from tests.web.browser.conftest import Live, check_page, shown_again, sign_in

OFFICER, REGIONAL = "demo-birmingham-officer", "demo-west-midlands-analyst"
EARLIER = "Call handlers should complete the DASH risk checklist with every caller at first contact"
DRAFT = "Call handlers to ask the DASH risk checklist questions of every caller at first contact"


def _recommend(platform: Platform, tenant: str, ref: str, stage: Stage, made: date) -> UUID:
    with acting_as("officer-1"), platform.ledgers.lease(tenant) as ledger:
        review = record(ledger, DemoCase(ref, "Robin", date(2015, 2, 3), stage))
        rec = ledger.recommendations.make(
            review, "R1", EARLIER, Scope.MULTI_AGENCY, made, ["identification-of-risk"],
            target_sector="police",
        )  # fmt: skip
        action = ledger.actions.plan(rec, "Police", "Brief call handlers", made + timedelta(90))
        if stage == Stage.PUBLISHED:
            ledger.actions.complete(action, made + timedelta(days=40))
            ledger.actions.review_impact(action, made + timedelta(200), ImpactOutcome.EMBEDDED)
        return review


@pytest.fixture(scope="module")
def planted(live: Live) -> dict[str, UUID]:
    """Coventry's published recommendation (embedded), Blaby's in another region, Birmingham's
    own made again later, a Birmingham case under review to draft on, and an agreement."""
    platform = live.platform
    _recommend(platform, "coventry", "LRN-COV-1", Stage.PUBLISHED, date(2016, 5, 1))
    _recommend(platform, "blaby", "LRN-BLA-1", Stage.PUBLISHED, date(2017, 3, 1))
    own = _recommend(platform, "birmingham", "LRN-BHM-1", Stage.UNDER_REVIEW, date(2018, 1, 9))
    with acting_as("officer-1"), platform.ledgers.lease("birmingham") as ledger:
        drafting = record(ledger, DemoCase("LRN-BHM-2", "Jess", date(2019, 4, 2), Stage.DRAFTED))
    add_user(platform, "uni-researcher", "researcher", (), ())
    with acting_as("regional"):
        store = ResearchAgreements.open(platform)
        try:
            agreement = store.record(
                "west-midlands", "DSA-WM-1", "uni-researcher", "Lessons of 13 DHRs (seed 002)",
                [("birmingham", own)], date(2025, 1, 1), date.today() + timedelta(days=365),
            )  # fmt: skip
        finally:
            store.close()
    return {"drafting": drafting, "agreement": agreement.id, "own": own}


def test_an_officer_drafting_on_identification_of_risk_sees_the_regions_earlier_ones(
    page: Page, live: Live, planted: dict[str, UUID]
) -> None:
    sign_in(page, OFFICER)
    page.goto(f"/partnerships/birmingham/cases/{planted['drafting']}/recommendation")
    page.fill("#reference", "4")
    page.fill("#text", DRAFT)
    page.check("input[name=themes][value=identification-of-risk]")
    page.select_option("#target_sector", "police")
    page.click("button:has-text('Check for earlier recommendations like this')")
    panel = page.locator("#preview")
    expect(panel.locator("h2")).to_have_text("Earlier recommendations like this")
    region = panel.locator("li", has_text="Coventry")
    expect(region).to_contain_text(EARLIER)
    expect(region).to_contain_text("Identification of risk")
    expect(region).to_contain_text("1 of 1 action completed, 1 impact reviewed, 1 embedded")
    expect(panel).to_contain_text("Blaby")  # another region's published review
    expect(page.locator("#text")).to_have_value(DRAFT)  # nothing lost, nothing recorded yet
    check_page(page, live, "learning-drafting-panel")
    page.check("input[name=scope][value=multi_agency]")
    page.fill("#on-day", "2")
    page.fill("#on-month", "5")
    page.fill("#on-year", "2019")
    page.click("button:has-text('Save and continue')")
    expect(page.locator(".govuk-panel__title")).to_have_text("Recommendation recorded")
    shown_again(page, "back")  # the question page beside its panel was asked for with a GET
    expect(page.locator("h1")).to_have_text("Make a recommendation")
    with live.platform.ledgers.lease("birmingham", writing=False) as ledger:
        made = ledger.recommendations.of_review(planted["drafting"])
        assert [r.text for r in made] == [DRAFT]  # recorded once


def test_an_officer_asks_whether_it_has_been_recommended_before(
    page: Page, live: Live, planted: dict[str, UUID]
) -> None:
    sign_in(page, OFFICER)
    page.goto("/partnerships/birmingham/earlier-recommendations")
    page.click("button:has-text('Find earlier recommendations')")  # nothing typed
    expect(page.locator(".govuk-error-message")).to_contain_text("Give the draft recommendation")
    check_page(page, live, "learning-earlier-errors")
    page.fill("#text", DRAFT)
    page.select_option("#theme", "identification-of-risk")
    page.click("button:has-text('Find earlier recommendations')")
    expect(page.locator("table")).to_contain_text("Coventry")
    check_page(page, live, "learning-earlier")


def test_the_regional_lead_sees_repeats_and_revokes_a_research_agreement(
    page: Page, live: Live, planted: dict[str, UUID]
) -> None:
    sign_in(page, REGIONAL)
    page.goto("/regions/west-midlands/dashboard#repeated")
    table = page.locator("#repeats-table")
    expect(table).to_contain_text("Birmingham")
    expect(table).to_contain_text("Coventry")
    check_page(page, live, "learning-dashboard")
    page.click("a:has-text('Every repeated recommendation')")
    expect(page.locator("h1")).to_have_text("Repeated recommendations")
    expect(page.locator("body")).to_contain_text("Recommended again after completion")
    check_page(page, live, "learning-repeated")
    page.click("header a:has-text('Research agreements')")
    expect(page.locator("#agreements")).to_contain_text("DSA-WM-1")
    check_page(page, live, "research-agreements")
    page.click("a:has-text('Revoke')")
    page.click("button:has-text('Revoke the agreement')")  # no reason given
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter why the agreement is being revoked"
    )
    check_page(page, live, "research-revoke-errors")
    page.fill("#reason", "The university withdrew the study")
    page.click("button:has-text('Revoke the agreement')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("DSA-WM-1 revoked")
    expect(page.locator("#agreements")).to_contain_text("The university withdrew the study")
    check_page(page, live, "research-agreements-revoked")

    page.click("a:has-text('Record an agreement')")
    page.fill("#reference", "DSA-WM-2")
    page.select_option("#researcher", "uni-researcher")
    page.fill("#purpose", "A second look at risk identification")
    page.locator("input[name=reviews]").first.check()
    for name, day in (("signed_on", date(2026, 1, 5)), ("expires_on", date(2025, 1, 5))):
        for part, number in (("day", day.day), ("month", day.month), ("year", day.year)):
            page.fill(f"#{name}-{part}", str(number))
    page.click("button:has-text('Record the agreement')")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The date it expires must be after the date it was signed"
    )
    check_page(page, live, "research-record-errors")
    page.fill("#expires_on-year", "2027")
    page.click("button:has-text('Record the agreement')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("DSA-WM-2 recorded")


def test_a_researcher_and_the_national_analyst_download_what_their_role_allows(
    page: Page, live: Live, planted: dict[str, UUID]
) -> None:
    """The demo's researcher lands on the agreements naming them and downloads an extract; the
    demo's national analyst chooses a month and downloads the national export."""
    with acting_as("regional"):
        store = ResearchAgreements.open(live.platform)
        try:
            store.record(
                "west-midlands", "DSA-WM-3", "demo-researcher", "Risk identification (seed 002)",
                [("birmingham", planted["own"])], date(2025, 1, 1),
                date.today() + timedelta(days=30),
            )  # fmt: skip
        finally:
            store.close()
    sign_in(page, "demo-researcher")
    expect(page.locator("h1")).to_have_text("Your data-sharing agreements")
    expect(page.locator("#agreements")).to_contain_text("DSA-WM-3")
    with page.expect_download() as extract:
        page.click("a:has-text('Download (JSON)')")
    assert extract.value.suggested_filename == "DSA-WM-3-extract.json"
    with page.expect_download() as workbook:
        page.click("a:has-text('Download (spreadsheet, XLSX)')")
    assert workbook.value.suggested_filename == "DSA-WM-3-extract.xlsx"
    page.reload()
    expect(page.locator("#agreements")).to_contain_text("Downloaded 2 times")
    check_page(page, live, "research-mine")
    page.click("header button:has-text('Sign out')")
    expect(page.locator("h1")).to_have_text("You have signed out")

    sign_in(page, "demo-national-analyst")
    expect(page.locator("h1")).to_have_text("National learning export")
    check_page(page, live, "national-export")
    page.select_option("#month", "4")
    page.select_option("#year", "2016")
    with page.expect_download() as export:
        page.click("button:has-text('Download CSV')")
    assert export.value.suggested_filename == "national-learning-from-2016-04.csv"


def test_on_a_phone_the_dashboards_charts_keep_a_readable_width(page: Page, live: Live) -> None:
    """Shrunk to a 375px screen the timeliness charts' labels could not be read: each keeps a
    readable width and scrolls sideways in its figure, a keyboard stop named by its caption,
    while the page itself keeps to the screen."""
    sign_in(page, REGIONAL)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/regions/west-midlands/dashboard#timeliness")
    chart = page.locator(".app-chart").first
    assert chart.locator("img").evaluate("i => i.getBoundingClientRect().width") >= 560
    expect(chart).to_have_attribute("tabindex", "0")
    expect(chart).to_have_attribute("role", "region")
    expect(chart).to_have_attribute(
        "aria-label",
        "Median months from incident to decision, by partnership. Target 1 month: the darker "
        "gridline, scrolls sideways",
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    check_page(page, live, "dashboard-on-a-phone")
