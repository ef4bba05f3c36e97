"""A police force's own user in Chromium: signs in, finds the police's IMR and action in
Birmingham, adds a progress update, uploads its report (and a chronology sheet that is
refused) and sends the IMR. Every page passes axe-core."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from playwright.sync_api import Browser, FilePayload, Page, expect

from domain.actionplan import Scope
from domain.recording import acting_as
from domain.themes import ThemeKind
from tests.integration.document_files import pdf
from tests.web.browser.conftest import Live, check_page, sign_in
from tests.web.browser.test_officer_journeys import OFFICER, fill_date

POLICE, AGENCY_USER = "west-midlands-police", "demo-west-midlands-police"
PHONE = 390


def police_work(live: Live, reference: str) -> UUID:
    """A Birmingham case asking the police for an IMR, with an action the police own."""
    platform = live.platform
    with platform.region_ledgers.lease("west-midlands") as region:
        if POLICE not in {p.key for p in region.partners.all()}:
            region.partners.add(POLICE, "West Midlands Police", "police", date(2012, 4, 1))
    officer = platform.access.user(OFFICER)
    with acting_as(str(officer.id)), platform.ledgers.lease("birmingham") as ledger:
        review = ledger.reviews.notify(
            reference,
            date(2024, 1, 5),
            date(2024, 1, 9),
            "Lee",
            "dhr",
            "unexpected_death",
        )
        ledger.reviews.decide(review, date(2024, 1, 30), "hold")
        ledger.imrs.request(review, POLICE, date(2024, 2, 5), date(2024, 3, 8))
        theme = ledger.themes.all(ThemeKind.THEME)[0].code
        rec = ledger.recommendations.make(
            review,
            f"{reference}-1",
            "Share risk.",
            Scope.SINGLE_AGENCY,
            date(2024, 5, 1),
            [theme],
            target_organisation="West Midlands Police",
        )
        ledger.actions.plan(rec, POLICE, f"Brief response officers ({reference})", date(2024, 9, 1))
    return review


def test_a_police_user_updates_its_action_and_sends_its_imr(page: Page, live: Live) -> None:
    platform = live.platform
    review = police_work(live, f"AGY-{live.store}")
    sign_in(page, AGENCY_USER)
    expect(page.locator("h1")).to_have_text("Our actions and IMRs")
    check_page(page, live, "agency-home")
    page.click("a:has-text('Birmingham')")
    expect(page.locator("#agency-imrs")).to_contain_text(f"AGY-{live.store}")
    check_page(page, live, "agency-work")

    page.click("a:has-text('Add progress') >> nth=-1")
    fill_date(page, "on", date(2024, 6, 1))
    page.click("button:has-text('Add the update')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what was done")
    check_page(page, live, "agency-progress-errors")
    page.fill("#text", "Briefings booked for all response teams.")
    page.click("button:has-text('Add the update')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Progress update added")

    page.click(f"#agency-imrs tr:has-text('AGY-{live.store}') a:has-text('Send the IMR')")
    imr_page = page.url
    page.click("a:has-text('Upload your chronology')")
    sheet = "Date,Agency,What happened,Source document\n01/02/2024,Health,Call-out,Log\n"
    page.set_input_files("#sheet", files=[_sheet(sheet)])
    page.click("button:has-text('Check and record the entries')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("nothing was recorded")
    expect(page.locator("table")).to_contain_text("Agency 'Health' is not a known agency here")
    check_page(page, live, "agency-chronology-upload-errors")
    page.goto(imr_page)
    page.click("a:has-text('Upload your IMR report')")
    page.set_input_files("#document", files=[_file("imr.pdf", b"not a pdf")])
    page.click("button:has-text('Upload the report')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("its content is plain text")
    check_page(page, live, "agency-report-errors")
    page.set_input_files("#document", files=[_file("Police IMR.pdf", pdf("IMR"))])
    page.click("button:has-text('Upload the report')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("IMR report uploaded")
    expect(page.locator("#your-uploads")).to_contain_text("Police IMR.pdf")
    fill_date(page, "on", date(2024, 3, 20))
    page.check("#with_chronology")
    check_page(page, live, "agency-imr")
    page.click("button:has-text('Record that the IMR was sent')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "IMR sent to the panel, with your report attached"
    )
    expect(page.locator(f"#agency-imrs tr:has-text('AGY-{live.store}')")).to_contain_text(
        "Received"
    )
    with platform.ledgers.lease("birmingham", writing=False) as ledger:
        imr = ledger.reviews.get(review).imrs[0]
    assert imr.received_on == date(2024, 3, 20) and imr.days_late(date(2024, 6, 1)) == 12


def _file(name: str, content: bytes) -> FilePayload:
    return {"name": name, "mimeType": "application/octet-stream", "buffer": content}


def _sheet(csv: str) -> FilePayload:
    return _file("chronology.csv", csv.encode())


def test_an_agencys_work_reads_on_a_phone_without_scrolling_sideways(
    browser: Browser, live: Live
) -> None:
    """The two tables scrolled sideways in their boxes on a phone, so "Send the IMR" and "Add
    progress", in the last column, were past the screen's edge: each row stands as a block."""
    police_work(live, f"AGP-{live.store}")
    context = browser.new_context(viewport={"width": PHONE, "height": 800}, base_url=live.base)
    context.set_default_timeout(45_000)
    phone = context.new_page()
    try:
        sign_in(phone, AGENCY_USER)
        phone.goto("/partnerships/birmingham/agency-work")
        row = phone.locator(f"#agency-imrs tr:has-text('AGP-{live.store}')")
        for link in (
            row.locator("a:has-text('Send the IMR')"),
            phone.locator(f"#agency-actions tr:has-text('AGP-{live.store}') a").last,
        ):
            box = link.bounding_box()
            assert box is not None and box["x"] + box["width"] <= PHONE, box
        assert int(phone.evaluate("document.documentElement.scrollWidth")) <= PHONE
        check_page(phone, live, "agency-work-phone")
    finally:
        context.close()


def test_a_police_user_adds_evidence_and_says_its_action_is_complete(
    page: Page, live: Live
) -> None:
    """The agency's own way to finish an action: evidence, then completion, which waits for
    the partnership's lead to sign it off. Each page passes axe-core."""
    reference = f"AGE-{live.store}"
    police_work(live, reference)
    sign_in(page, AGENCY_USER)
    page.goto("/partnerships/birmingham/agency-work")
    page.click(f"#agency-actions tr:has-text('{reference}') a:has-text('Add progress')")
    expect(page.locator("#other-steps")).to_contain_text("Record the action as complete")
    check_page(page, live, "agency-action")

    page.click("#other-steps a:has-text('Add evidence')")
    page.click("button:has-text('Add the evidence')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter where the evidence is kept")
    check_page(page, live, "agency-evidence-errors")
    page.fill("#reference", "Briefing register, June 2024")
    fill_date(page, "on", date(2024, 6, 3))
    page.click("button:has-text('Add the evidence')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Evidence added")

    page.click(f"#agency-actions tr:has-text('{reference}') a:has-text('Add progress')")
    expect(page.locator("main")).to_contain_text("Briefing register, June 2024 (3 June 2024)")
    page.click("#other-steps a:has-text('Record the action as complete')")
    fill_date(page, "on", date(2024, 6, 4))
    check_page(page, live, "agency-complete")
    page.click("button:has-text('Record the action as complete')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "the partnership’s lead signs it off"
    )
    expect(page.locator(f"#agency-actions tr:has-text('{reference}')")).to_contain_text("Completed")
