"""In Chromium: an officer answers the QA panel's letter, checks the answers and resubmits,
pressing Refresh and Back at every page on the way: no page is the answer to a form (each
successful form redirects to a page asked for with a GET), so Chromium never asks to confirm
a form resubmission, and the resubmission is recorded once.

A page that answered a POST could not be asked for again without sending the form again:
Back or Refresh there fails in Chromium (``net::ERR_CACHE_MISS``, the "Confirm form
resubmission" page) instead of showing a page."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from domain.recording import acting_as
from domain.reviews import FeedbackPoint
from tests.web.browser.conftest import Live, check_page, shown_again, sign_in
from tests.web.browser.test_officer_journeys import OFFICER, fill_date

GP = "GP section added.\n\nThe practice's records to 2023 were read."  # two paragraphs


def test_refresh_and_back_after_checking_and_resubmitting_never_send_the_answers_again(
    page: Page, live: Live
) -> None:
    officer = live.platform.access.user(OFFICER)
    with acting_as(str(officer.id)), live.platform.ledgers.lease("birmingham") as ledger:
        review = ledger.reviews.notify(
            "PRG-01", date(2024, 1, 5), date(2024, 1, 9), "Lee", "dhr", "familial_homicide"
        )
        ledger.reviews.decide(review, date(2024, 1, 20), "hold")
        ledger.reviews.draft(review, "overview_report", date(2024, 7, 1))
        ledger.reviews.draft(review, "executive_summary", date(2024, 7, 2))
        ledger.reviews.agree_action_plan(review, date(2024, 7, 10))
        ledger.reviews.submit(review, date(2024, 9, 1))
        points = [FeedbackPoint(1, "Clarify the chronology"), FeedbackPoint(2, "Add the GP")]
        ledger.reviews.receive_feedback(review, date(2024, 10, 1), points)
        before = ledger.reviews.get(review).version

    sign_in(page, OFFICER)
    page.goto(f"/partnerships/birmingham/cases/{review}/resubmission")
    fill_date(page, "on", date(2024, 11, 1))
    page.fill("#answers-0", "Chronology merged")
    page.fill("#answers-1", GP)
    page.click("button:has-text('Continue')")
    expect(page.locator("h1")).to_have_text(
        "Check your answers before you resubmit to the Home Office"
    )

    shown_again(page, "refresh")
    assert urlsplit(page.url).path.endswith("/resubmission/check")  # its own, asked with a GET
    second = page.locator(".govuk-summary-list__row", has_text="Point 2: Add the GP")
    assert second.locator(".govuk-summary-list__value").inner_text() == GP
    second.locator("a:has-text('Change')").click()  # to its own box, and back again
    expect(page.locator("#answers-1")).to_have_value(GP)
    expect(page.locator("#answers-0")).to_have_value("Chronology merged")
    shown_again(page, "back")
    expect(page.locator("h1")).to_contain_text("Check your answers")
    check_page(page, live, "resubmission-check-again")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: each answer wraps
    check_page(page, live, "resubmission-check-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.click("button:has-text('Resubmit to the Home Office')")
    expect(page.locator(".govuk-panel__title")).to_have_text("Resubmitted to the Home Office")
    shown_again(page, "refresh")
    expect(page.locator(".govuk-panel__title")).to_have_text("Resubmitted to the Home Office")

    shown_again(page, "back")  # the check page's address: the answers were sent already
    expect(page.locator("main")).to_contain_text(
        "The answers to the QA panel's letter of 1 October 2024 were already sent to the "
        "Home Office on 1 November 2024."
    )
    shown_again(page, "refresh")
    shown_again(page, "back")  # the question page, as the step stands now
    expect(page.locator("main")).to_contain_text("were already sent to the Home Office")
    expect(page.locator("main button:has-text('Continue')")).to_have_count(0)

    with live.platform.ledgers.lease("birmingham", writing=False) as ledger:
        resubmitted = ledger.reviews.get(review)
        assert resubmitted.version == before + 1  # one event: the resubmission, once
        assert resubmitted.feedback_rounds[-1].resubmitted_on == date(2024, 11, 1)
        recorded = [(a.number, a.response) for a in resubmitted.feedback_rounds[-1].answers]
        assert recorded == [(1, "Chronology merged"), (2, GP)]  # its paragraphs, whole
