"""A panel officer runs an agency's IMR through its clock in Chromium: asked with a due date,
chased, received, returned for more work with points; keeps the overview report's drafts as
versions of one document and uploads agencies' chronology entries from the template. Every page
passes axe-core."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from domain.recording import acting_as
from tests.integration.document_files import PNG, pdf
from tests.web.browser.conftest import Live, check_page, sign_in
from tests.web.browser.test_officer_journeys import OFFICER, fill_date

POLICE = "West Midlands Police"


def test_an_officer_chases_a_late_imr_and_the_panel_returns_it(page: Page, live: Live) -> None:
    platform = live.platform
    officer = platform.access.user(OFFICER)
    with acting_as(str(officer.id)), platform.ledgers.lease("birmingham") as ledger:
        review = ledger.reviews.notify(
            f"IMR-{live.store}",
            date(2024, 1, 5),
            date(2024, 1, 9),
            "Jo",
            "dhr",
            "familial_homicide",
        )
        ledger.reviews.decide(review, date(2024, 1, 30), "hold")
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

    page.click("a:has-text('Record that an agency sent its IMR')")
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
    expect(table).to_contain_text(re.compile(r"\b1\s*Last 15 Mar 2024"))  # chased once, when
    expect(page.locator(".moj-timeline")).to_contain_text("IMR chased from West Midlands Police")
    check_page(page, live, "case-imr-clock")


def test_the_panel_adds_an_entry_and_reads_the_merged_chronology(page: Page, live: Live) -> None:
    platform = live.platform
    officer = platform.access.user(OFFICER)
    with acting_as(str(officer.id)), platform.ledgers.lease("birmingham") as ledger:
        review = ledger.reviews.notify(
            f"CHR-{live.store}",
            date(2024, 1, 5),
            date(2024, 1, 9),
            "Kit",
            "dhr",
            "unexpected_death",
        )
        ledger.reviews.decide(review, date(2024, 1, 30), "hold")
        ledger.imrs.request(review, POLICE, date(2024, 2, 5), date(2024, 3, 8))
        ledger.chronology.submit(
            review, POLICE, date(2023, 1, 4), None, "Call-out", "Incident log", date(2024, 6, 1)
        )
    sign_in(page, OFFICER)
    page.goto(f"/partnerships/birmingham/cases/{review}")
    page.click("a:has-text('Merged chronology')")
    page.click("a:has-text('Add an agency’s entry')")
    page.select_option("#agency", POLICE)
    fill_date(page, "occurred_on", date(2023, 9, 14))
    page.fill("#occurred_at", "25:00")
    page.fill("#what_happened", "Attended A&E with a wrist injury")
    page.fill("#source", "Hospital discharge summary")
    page.click("button:has-text('Add the entry')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the time as hours")
    check_page(page, live, "chronology-entry-errors")
    page.fill("#occurred_at", "14:30")
    page.click("button:has-text('Add the entry')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Chronology entry added")
    table = page.locator("table.app-chronology")
    expect(table).to_contain_text("No agency recorded anything for 253 days")
    page.click("button:has-text('Mark key')  >> nth=1")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Entry marked as key")
    expect(page.locator("#entry-2")).to_contain_text("Key")
    check_page(page, live, "chronology-merged")


def test_an_officer_keeps_two_versions_of_a_draft_and_uploads_a_chronology(
    page: Page, live: Live, tmp_path: Path
) -> None:
    platform = live.platform
    officer = platform.access.user(OFFICER)
    with acting_as(str(officer.id)), platform.ledgers.lease("birmingham") as ledger:
        review = ledger.reviews.notify(
            f"DOC-{live.store}",
            date(2024, 1, 5),
            date(2024, 1, 9),
            "Sam",
            "dhr",
            "familial_homicide",
        )
        ledger.reviews.decide(review, date(2024, 1, 30), "hold")
        ledger.imrs.request(review, POLICE, date(2024, 2, 5), date(2024, 3, 8))
    (tmp_path / "draft-1.pdf").write_bytes(pdf("Overview report draft 1"))
    (tmp_path / "draft-2.pdf").write_bytes(pdf("Overview report draft 2"))
    (tmp_path / "photo.pdf").write_bytes(PNG)
    sign_in(page, OFFICER)
    page.goto(f"/partnerships/birmingham/cases/{review}")
    page.click("a:has-text('Upload a document')")
    page.check("input[name=kind][value=overview_report_draft]")
    page.fill("#title", "Overview report")
    page.set_input_files("#document", str(tmp_path / "photo.pdf"))
    page.click("button:has-text('Upload the document')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("its content is PNG image")
    check_page(page, live, "document-upload-errors")
    page.check("input[name=kind][value=overview_report_draft]")
    page.set_input_files("#document", str(tmp_path / "draft-1.pdf"))
    page.click("button:has-text('Upload the document')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Document uploaded")
    page.set_input_files("#document", str(tmp_path / "draft-2.pdf"))
    page.click("button:has-text('Upload the new version')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("New version uploaded")
    versions = page.locator("table:has(caption:has-text('Versions of Overview report'))")
    expect(versions).to_contain_text("draft-1.pdf")
    expect(versions).to_contain_text("draft-2.pdf")
    check_page(page, live, "document-versions")
    with page.expect_download() as got:
        page.click("a[href$='/documents/1/versions/1']")
    assert Path(got.value.path()).read_bytes() == (tmp_path / "draft-1.pdf").read_bytes()
    page.click("a:has-text('Documents')")
    expect(page.locator("table")).to_contain_text("Overview report draft")
    check_page(page, live, "documents")

    page.goto(f"/partnerships/birmingham/cases/{review}/chronology")
    page.click("a:has-text('Upload entries from a spreadsheet')")
    with page.expect_download() as got:
        page.click("a:has-text('Download the chronology template')")
    book = load_workbook(io.BytesIO(Path(got.value.path()).read_bytes()))
    sheet = book["Chronology"]
    for column, value in enumerate((date(2023, 9, 14), "14:30", POLICE, "Call-out", "Log"), 1):
        sheet.cell(2, column, value)
    sheet.cell(3, 1, "14/13/2023")
    for column, value in enumerate(("Probation", "Visit", "Notes"), 3):
        sheet.cell(3, column, value)
    out = io.BytesIO()
    book.save(out)
    (tmp_path / "chronology.xlsx").write_bytes(out.getvalue())
    page.set_input_files("#sheet", str(tmp_path / "chronology.xlsx"))
    page.click("button:has-text('Check and record the entries')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("nothing was recorded")
    expect(page.locator("table:has(caption:has-text('Problems'))")).to_contain_text("Probation")
    check_page(page, live, "chronology-upload-errors")
    sheet.delete_rows(3)
    out = io.BytesIO()
    book.save(out)
    (tmp_path / "chronology.xlsx").write_bytes(out.getvalue())
    page.set_input_files("#sheet", str(tmp_path / "chronology.xlsx"))
    page.click("button:has-text('Check and record the entries')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Chronology entry added")
    expect(page.locator("table.app-chronology")).to_contain_text("Call-out")
