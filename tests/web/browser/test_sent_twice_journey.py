"""In Chromium: an officer plans an action, presses Back and Save again, and is told it was
already saved, with the way to it; the action is recorded once.

Pages are ``no-store``, so Back asks for the form's address again while Chromium restores the
visible answers: the page's script keeps the form's key in that address (``?submission=``), so
the form comes back with the key it was sent with. The Flask-client tests
(tests/web/test_sent_twice_pages.py) send the same rendered form again."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Page, expect

from domain.actionplan import Scope
from domain.recording import acting_as
from tests.web.browser.conftest import Live, check_page, sign_in
from tests.web.browser.test_officer_journeys import OFFICER, fill_date


def test_back_then_save_again_says_the_action_was_already_saved(page: Page, live: Live) -> None:
    officer = live.platform.access.user(OFFICER)
    with acting_as(str(officer.id)), live.platform.ledgers.lease("birmingham") as ledger:
        review = ledger.reviews.notify(
            "BACK-01", date(2024, 1, 5), date(2024, 1, 9), "Sam", "dhr", "familial_homicide"
        )
        theme = ledger.themes.all()[0].code
        rec = ledger.recommendations.make(
            review, "3", "Share housing records.", Scope.MULTI_AGENCY, date(2024, 9, 1),
            [theme], target_organisation="Birmingham City Council",
        )  # fmt: skip

    sign_in(page, OFFICER)
    page.goto(f"/partnerships/birmingham/cases/{review}")
    page.click("a:has-text('Plan an action')")
    page.fill("#owner", "Housing")
    page.fill("#description", "Back-resubmit test")
    fill_date(page, "due_on", date(2026, 12, 1))
    page.click("button:has-text('Save and continue')")
    expect(page.locator(".govuk-panel__title")).to_have_text("Action planned")

    page.go_back()  # the form as it was sent, its answers and its key restored
    expect(page.locator("#description")).to_have_value("Back-resubmit test")
    page.click("button:has-text('Save and continue')")

    expect(page.locator("h1")).to_have_text("This action was already saved")
    check_page(page, live, "action-already-saved")
    page.click("a:has-text('View the action')")
    expect(page.locator("main")).to_contain_text("Back-resubmit test")
    with live.platform.ledgers.lease("birmingham", writing=False) as ledger:
        assert len(ledger.plan.index().actions_of(rec)) == 1
