"""An officer takes a submitted review to publication in Chromium: the Home Office QA panel
sends it back with points, the officer answers them and resubmits, the panel accepts it, and
the officer checks the answers before recording publication, which cannot be undone. Bad
answers on the way are said beside their boxes; Back after publishing records nothing twice.
Every page visited passes axe-core's WCAG 2.2 AA rules."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Page, expect

from domain.recording import acting_as
from tests.web.browser.conftest import Live, check_page, sign_in
from tests.web.browser.test_officer_journeys import OFFICER, fill_date

CASE = "BHM-DHR-02"  # the Birmingham demo's case submitted to the Home Office


def error_beside(page: Page, name: str) -> str:
    return page.locator(f"#{name}-error").inner_text()


def task_status(page: Page, title: str) -> str:
    """A task list row as it reads: its title, its hint, its status."""
    row = page.locator(".govuk-task-list__item", has_text=title)
    return " ".join(row.inner_text().split())


def test_an_officer_takes_a_submitted_review_from_qa_feedback_to_publication(
    page: Page, live: Live
) -> None:
    sign_in(page, OFFICER)
    page.click(f"a:has-text('{CASE}')")
    expect(page.locator(".app-tags")).to_contain_text("Submitted")
    assert "Waiting for the Home Office" in task_status(page, "QA feedback")
    assert "Record this when the QA panel accepts the report" in task_status(
        page, "Home Office approval"
    )
    assert "Needs the Home Office's approval" in task_status(page, "Publish")
    check_page(page, live, "publication-case-submitted")

    # The QA panel's letter: its date and how many points it raised, then a box for each
    # point; a date before the submission is said beside the date, the points kept
    page.click(".govuk-task-list a:has-text('QA feedback')")
    expect(page.locator("h1")).to_have_text("Record QA panel feedback")
    expect(page.locator("main")).to_contain_text("record the Home Office's approval instead")
    page.click("button:has-text('Continue')")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the date of the feedback letter, for example 27 3 2017"
    )
    expect(page.locator("#count-error")).to_contain_text(
        "Enter the number of points the letter raised"
    )
    check_page(page, live, "qa-feedback-errors")
    fill_date(page, "on", date(2012, 1, 1))
    page.fill("#count", "2")
    page.click("button:has-text('Continue')")
    expect(page.locator("h1")).to_have_text("The points the QA panel raised")
    expect(page.locator("label[for^='points-']")).to_have_text(["Point 1", "Point 2"])
    page.fill("#points-0", "Clarify the chronology")
    page.click("button:has-text('Continue')")
    expect(page.locator("#points-1-error")).to_contain_text("Enter point 2")
    expect(page.locator("#points-0-error")).to_have_count(0)
    check_page(page, live, "qa-feedback-points-errors")
    second = "Expand the GP section.\n\nSay what the GP knew of the abuse."
    page.fill("#points-1", second)
    page.click("button:has-text('Continue')")
    assert "before the submission" in error_beside(page, "on")  # back on the date's page
    fill_date(page, "on", date(2013, 1, 10))
    page.click("button:has-text('Continue')")
    expect(page.locator("#points-1")).to_have_value(second)  # kept while the date changed
    check_page(page, live, "qa-feedback-points")
    page.click("button:has-text('Continue')")
    expect(page.locator("h1")).to_have_text(
        "Check your answers before you record the QA panel's letter"
    )
    row = page.locator(".govuk-summary-list__row", has_text="Point 2")
    assert row.locator(".govuk-summary-list__value").inner_text() == second
    check_page(page, live, "qa-feedback-check")
    page.locator(".govuk-summary-list__row", has_text="Point 1").locator("a").click()
    expect(page.locator("h1")).to_have_text("The points the QA panel raised")
    page.fill("#points-0", "Clarify the chronology's sources")
    page.click("button:has-text('Continue')")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Clarify the chronology's sources")
    page.click("button:has-text('Record the QA panel')")
    expect(page.locator(".govuk-panel__title")).to_have_text("QA feedback recorded")
    check_page(page, live, "qa-feedback-done")

    # Its answer, offered next: a box for each of the letter's points, labelled by it
    page.click("a:has-text('Resubmit after QA feedback')")
    expect(page.locator("h1")).to_have_text("Resubmit after QA feedback")
    expect(page.locator("label[for^='answers-']")).to_have_text(
        [
            "Point 1: Clarify the chronology's sources",
            f"Point 2: {second}",  # its paragraphs apart
        ]
    )
    fill_date(page, "on", date(2013, 3, 1))
    two_paragraphs = "Chronology merged.\n\nEach entry now cites its source."
    page.fill("#answers-0", two_paragraphs)
    page.click("button:has-text('Continue')")
    expect(page.locator("#answers-1-error")).to_contain_text("Enter your answer to point 2")
    expect(page.locator("#answers-0-error")).to_have_count(0)
    page.click(".govuk-error-summary a:has-text('Enter your answer to point 2')")
    expect(page.locator("#answers-1")).to_be_focused()  # the summary leads to its own box
    expect(page.locator("#answers-0")).to_have_value(two_paragraphs)
    check_page(page, live, "resubmission-errors")
    page.fill("#answers-1", "GP section rewritten")
    page.click("button:has-text('Continue')")
    expect(page.locator("h1")).to_contain_text("Check your answers")
    first = page.locator(".govuk-summary-list__row", has_text="Point 1: Clarify the chronology")
    assert first.locator(".govuk-summary-list__value").inner_text() == two_paragraphs
    check_page(page, live, "resubmission-check")
    page.click("button:has-text('Resubmit to the Home Office')")
    expect(page.locator(".govuk-panel__title")).to_have_text("Resubmitted to the Home Office")
    page.click("a:has-text('Return to Case')")
    timeline = page.locator(".moj-timeline")
    letter = timeline.locator(".moj-timeline__item", has_text="QA panel feedback received")
    assert letter.locator(".moj-timeline__description").inner_text() == (
        f"On 10 January 2013. 2 points to answer:\n1. Clarify the chronology's sources.\n2. {second}"
    )
    answers = timeline.locator(".moj-timeline__item", has_text="Resubmitted to the Home Office")
    assert answers.locator(".moj-timeline__description").inner_text() == (
        f"On 1 March 2013. Answers:\n1. {two_paragraphs}\n2. GP section rewritten."
    )

    # The panel accepts it: approval, then a date in the future refused
    page.click(".govuk-task-list a:has-text('Home Office approval')")
    fill_date(page, "on", date(2099, 1, 1))
    page.click("button:has-text('Continue')")
    assert "after today" in error_beside(page, "on")
    fill_date(page, "on", date(2013, 4, 1))
    page.click("button:has-text('Continue')")
    expect(page.locator("h1")).to_have_text("Check your answers before you record the approval")
    expect(page.locator(".govuk-summary-list")).to_contain_text("1 April 2013")
    check_page(page, live, "approval-check")
    page.click("button:has-text('Record the approval')")
    expect(page.locator(".govuk-panel__title")).to_have_text("Approval recorded")

    # Publication, offered next: a date before approval said beside its box, then the
    # answers checked before the step that cannot be undone
    page.click("a:has-text('Publish')")
    expect(page.locator("h1")).to_have_text("Record publication")
    fill_date(page, "on", date(2013, 3, 15))
    page.click("button:has-text('Continue')")
    expect(page.locator("h1")).to_have_text("Record publication")  # not on to be checked
    assert "before the approval (1 April 2013)" in error_beside(page, "on")
    check_page(page, live, "publication-errors")
    fill_date(page, "on", date(2013, 6, 1))
    page.click("button:has-text('Continue')")
    expect(page.locator("h1")).to_have_text("Check your answers before you record publication")
    expect(page.locator("main")).to_contain_text("Once recorded this cannot be undone")
    expect(page.locator(".govuk-summary-list")).to_contain_text("1 June 2013")
    check_page(page, live, "publication-check")
    page.click("button:has-text('Record publication')")
    expect(page.locator(".govuk-panel__title")).to_have_text("Publication recorded")
    check_page(page, live, "publication-done")

    # Back past the check page (asked for again: nothing waits to be checked once recorded)
    # and the refused date (an answer to a form) to the question page: it says publication
    # was recorded, with no form
    with page.expect_navigation():
        page.evaluate("history.go(-3)")
    expect(page.locator("h1")).to_have_text("Record publication")
    expect(page.locator("main")).to_contain_text("Publication was already recorded on 1 June 2013")
    expect(page.locator("main button:has-text('Continue')")).to_have_count(0)

    page.click("a:has-text('Return to Case')")
    expect(page.locator(".app-tags")).to_contain_text("Published")
    assert "1 letter answered Completed" in task_status(page, "QA feedback")
    assert task_status(page, "Publish").endswith("Completed")
    expect(page.locator(".moj-timeline__item").first).to_contain_text("Published")
    expect(page.locator(".moj-timeline__item").first).to_contain_text("On 1 June 2013.")
    check_page(page, live, "publication-case-published")


def test_an_officer_withholds_an_approved_report_then_publishes_it_later(
    page: Page, live: Live
) -> None:
    officer = live.platform.access.user(OFFICER)
    with acting_as(str(officer.id)), live.platform.ledgers.lease("birmingham") as ledger:
        review = ledger.reviews.notify(
            "HOLD-01", date(2024, 1, 5), date(2024, 1, 9), "Sam", "dhr", "familial_homicide"
        )
        ledger.reviews.decide(review, date(2024, 1, 20), "hold")
        ledger.reviews.draft(review, "overview_report", date(2024, 7, 1))
        ledger.reviews.draft(review, "executive_summary", date(2024, 7, 2))
        ledger.reviews.agree_action_plan(review, date(2024, 7, 10))
        ledger.reviews.submit(review, date(2024, 9, 1))
        ledger.reviews.approve(review, date(2024, 11, 1))

    sign_in(page, OFFICER)
    page.goto(f"/partnerships/birmingham/cases/{review}")
    page.click("a:has-text('Withhold publication')")
    expect(page.locator("main")).to_contain_text("You can still record its publication later")
    expect(page.locator("#reason-hint")).to_contain_text("Do not include anyone's name")
    page.click("button:has-text('Continue')")
    expect(page.locator("#reason-error")).to_contain_text(
        "Enter the reason for withholding publication"
    )
    check_page(page, live, "withholding-errors")
    fill_date(page, "on", date(2024, 12, 1))
    page.fill("#reason", "Until the inquest has concluded")
    page.click("button:has-text('Continue')")
    expect(page.locator("h1")).to_have_text("Check your answers before you withhold publication")
    check_page(page, live, "withholding-check")
    page.click("button:has-text('Withhold publication')")
    expect(page.locator(".govuk-panel__title")).to_have_text("Publication withheld")
    page.click("a:has-text('Return to Case')")
    expect(page.locator(".app-tags")).to_contain_text("Publication withheld")
    assert "Until the inquest has concluded. Publish it when it can go ahead." in task_status(
        page, "Publish"
    )
    expect(page.locator(".moj-timeline__item").first).to_contain_text(
        "On 1 December 2024. Until the inquest has concluded."
    )

    page.click(".govuk-task-list a:has-text('Publish')")
    fill_date(page, "on", date(2024, 11, 15))  # after approval, before the decision to withhold
    page.click("button:has-text('Continue')")
    assert "before the decision to withhold (1 December 2024)" in error_beside(page, "on")
    fill_date(page, "on", date(2025, 3, 3))
    page.click("button:has-text('Continue')")
    page.click("button:has-text('Record publication')")
    expect(page.locator(".govuk-panel__title")).to_have_text("Publication recorded")
    page.click("a:has-text('Return to Case')")
    expect(page.locator(".app-tags")).to_contain_text("Published")
    check_page(page, live, "withheld-then-published")
