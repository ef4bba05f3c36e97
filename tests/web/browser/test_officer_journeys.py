"""People doing their main jobs in Chromium: an officer records a DHR from notification to
submission (with the mouse, then with the keyboard alone), a lead signs off an action.
Every page visited passes axe-core's WCAG 2.2 AA rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from playwright.sync_api import Page, expect

from domain.actionplan import Scope
from domain.recording import acting_as
from tests.unit.test_own_trackers import ROW, tracker
from tests.web.browser.conftest import Live, check_page, shown_again, sign_in

OFFICER, LEAD = "demo-birmingham-officer", "demo-birmingham-lead"


def fill_date(page: Page, name: str, day: date) -> None:
    page.fill(f"#{name}-day", str(day.day))
    page.fill(f"#{name}-month", str(day.month))
    page.fill(f"#{name}-year", str(day.year))


def dated_step(page: Page, live: Live, link: str, day: date, shot: str = "") -> None:
    """Follow a task's link, give its date, save; land on its confirmation, then the case."""
    page.click(f"a:has-text('{link}')")
    fill_date(page, "on", day)
    if shot:
        check_page(page, live, shot)
    page.click("button:has-text('Save and continue')")
    expect(page.locator(".govuk-panel__title")).to_be_visible()
    page.click("a:has-text('Return to Case')")


def test_an_officer_records_a_dhr_from_notification_to_submission(page: Page, live: Live) -> None:
    sign_in(page, OFFICER)
    expect(page.locator("h1")).to_have_text("Cases")
    check_page(page, live, "cases")

    page.click("a:has-text('Notify a death')")
    page.click("button:has-text('Open the case')")  # nothing filled in: every field explains
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the case reference")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the date of the death, for example 27 3 2017"
    )
    check_page(page, live, "notify-errors")
    page.click(".govuk-error-summary a:has-text('Enter the date of the death')")
    expect(page.locator("#incident_on-day")).to_be_focused()

    page.fill("#reference", "WEB-01")
    page.fill("#pseudonym", "Alex")
    page.check("input[name=kind][value=dhr]")
    page.check("input[name=death_category][value=intimate_partner_homicide]")
    fill_date(page, "incident_on", date(2025, 3, 3))
    fill_date(page, "notified_on", date(2025, 3, 10))
    page.select_option("#victim_age_band", "25-34")
    page.click("button:has-text('Open the case')")
    expect(page.locator(".govuk-panel strong")).to_have_text("WEB-01")
    check_page(page, live, "case-opened")
    page.click("a:has-text('Go to case WEB-01')")
    expect(page.locator("h1")).to_have_text("Alex")

    page.click("a:has-text('Decide whether to hold a review')")
    fill_date(page, "on", date(2025, 3, 31))
    page.click("button:has-text('Save and continue')")  # no outcome chosen
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select what the partnership decided"
    )
    check_page(page, live, "decision-errors")
    page.check("input[name=outcome][value=hold]")
    page.click("button:has-text('Save and continue')")
    expect(page.locator(".govuk-panel__title")).to_have_text("Decision recorded")
    check_page(page, live, "decision-done")
    page.click("a:has-text('Return to Case')")

    dated_step(page, live, "Notify the Home Office of the decision", date(2025, 4, 2))
    page.click("a:has-text('Commission the chair and author')")
    page.fill("#chair_ref", "Chair A")
    page.fill("#author_ref", "Author B")
    page.fill("#cost", "8,500")
    fill_date(page, "on", date(2025, 4, 20))
    page.click("button:has-text('Save and continue')")
    page.click("a:has-text('Return to Case')")
    expect(page.locator(".govuk-summary-list")).to_contain_text(["£8,500.00"])

    dated_step(page, live, "Panel meetings", date(2025, 5, 1))
    page.click("a:has-text('Individual Management Reviews')")
    page.fill("#agency", "West Midlands Police")
    fill_date(page, "on", date(2025, 5, 2))
    page.click("button:has-text('Save and continue')")
    page.click("a:has-text('Return to Case')")
    for document in ("overview_report", "executive_summary"):
        page.click("a:has-text('Overview report and executive summary')")
        page.check(f"input[name=document][value={document}]")
        fill_date(page, "on", date(2025, 8, 1))
        page.click("button:has-text('Save and continue')")
        page.click("a:has-text('Return to Case')")
    dated_step(page, live, "Agree the action plan", date(2025, 8, 5))

    page.click("a:has-text('Submit to the Home Office')")
    fill_date(page, "on", date(2025, 8, 20))
    page.click("button:has-text('Continue')")
    expect(page.locator("h1")).to_contain_text("Check your answers")
    expect(page.locator(".govuk-summary-list")).to_contain_text("20 August 2025")
    check_page(page, live, "submission-check")
    page.click("button:has-text('Submit to the Home Office')")
    expect(page.locator(".govuk-panel__title")).to_have_text("Submitted to the Home Office")
    page.click("a:has-text('Return to Case')")
    expect(page.locator(".app-tags")).to_contain_text("Submitted")
    expect(page.locator(".moj-timeline")).to_contain_text("Submitted to the Home Office")
    expect(page.locator(".moj-timeline")).to_contain_text("by Sam Patel")  # display name
    check_page(page, live, "case-submitted")


def test_an_officer_does_the_main_job_with_the_keyboard_alone(page: Page, live: Live) -> None:
    def tab_to(selector: str, text: str = "", limit: int = 80) -> None:
        """Press Tab until the focus is on ``selector`` (containing ``text``)."""
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(
                "([s, t]) => document.activeElement.matches(s)"
                " && document.activeElement.textContent.includes(t)",
                [selector, text],
            ):
                return
        raise AssertionError(f"could not reach {selector} {text!r} with Tab")

    def enter() -> None:
        with page.expect_navigation():
            page.keyboard.press("Enter")

    def type_date(name: str, day: date) -> None:
        tab_to(f"#{name}-day")
        page.keyboard.type(str(day.day))
        page.keyboard.press("Tab")
        page.keyboard.type(str(day.month))
        page.keyboard.press("Tab")
        page.keyboard.type(str(day.year))

    page.goto("/")
    tab_to("#username")
    page.keyboard.type(OFFICER)
    tab_to("#password")
    page.keyboard.type("demo-password-1")
    enter()
    expect(page.locator("h1")).to_have_text("Cases")

    tab_to("a", "Notify a death")
    enter()
    expect(page.locator("h1")).to_have_text("Notify a death")
    tab_to("#reference")
    page.keyboard.type("KEY-01")
    tab_to("#pseudonym")
    page.keyboard.type("Sam")
    tab_to("input[name=kind]")
    page.keyboard.press("Space")
    tab_to("input[name=death_category]")
    page.keyboard.press("Space")
    type_date("incident_on", date(2025, 6, 1))
    type_date("notified_on", date(2025, 6, 3))
    tab_to("button.govuk-button")
    enter()
    expect(page.locator(".govuk-panel")).to_contain_text("KEY-01")

    tab_to("a", "Go to case KEY-01")
    enter()
    tab_to("a", "Decide whether to hold a review")
    enter()
    tab_to("input[name=outcome]")
    page.keyboard.press("Space")
    type_date("on", date(2025, 6, 20))
    tab_to("button.govuk-button")
    enter()
    expect(page.locator(".govuk-panel__title")).to_have_text("Decision recorded")


def test_a_lead_signs_off_a_completed_action(page: Page, live: Live) -> None:
    platform = live.platform
    officer = platform.access.user(OFFICER)
    with acting_as(str(officer.id)), platform.ledgers.lease("birmingham") as ledger:
        review = ledger.reviews.notify(
            "SIGN-01", date(2024, 1, 5), date(2024, 1, 9), "Lee", "dhr", "familial_homicide"
        )
        ledger.reviews.decide(review, date(2024, 1, 30), "hold")
        rec = ledger.recommendations.make(
            review,
            "1",
            "Train staff to ask about coercive control.",
            Scope.MULTI_AGENCY,
            date(2024, 9, 1),
            [_any_theme(ledger)],
            target_organisation="Birmingham Community Healthcare",
        )
        ledger.findings.record(
            review,
            "Nobody asked about controlling behaviour.",
            [_any_theme(ledger)],
            date(2024, 8, 1),
        )
        action = ledger.actions.plan(
            rec, "Birmingham Community Healthcare", "Run the training.", date(2025, 3, 1)
        )
        ledger.actions.start(action, date(2024, 10, 1))
        ledger.actions.record_progress(action, date(2024, 12, 1), "Two sessions held.")
        ledger.actions.complete(action, date(2025, 2, 1))

    sign_in(page, LEAD)
    page.click("nav a:has-text('Action plan')")
    expect(page.locator("h1")).to_have_text("Action plan")
    check_page(page, live, "action-plan")
    page.click("a:has-text('Run the training.')")
    expect(page.locator("h1")).to_have_text("Action for Birmingham Community Healthcare")
    expect(page.locator(".moj-timeline")).to_contain_text("Two sessions held.")
    check_page(page, live, "action")
    page.click("a:has-text('Sign off completion')")
    fill_date(page, "on", date(2025, 2, 10))
    page.click("button:has-text('Continue')")
    check_page(page, live, "sign-off-check")
    page.click("a:has-text('Change')")  # the answers kept for the check page, to edit
    expect(page.locator("#on-day")).to_have_value("10")
    fill_date(page, "on", date(2025, 2, 11))
    page.click("button:has-text('Continue')")
    page.click(".govuk-back-link:has-text('Back')")
    expect(page.locator("#on-day")).to_have_value("11")
    page.click("button:has-text('Continue')")
    expect(page.locator(".govuk-summary-list")).to_contain_text("11 February 2025")
    page.click("button:has-text('Sign off completion')")
    expect(page.locator(".govuk-panel__title")).to_have_text("Completion signed off")
    page.click("a:has-text('Return to')")
    expect(page.locator(".app-tags")).to_contain_text("Signed off")
    # signed off by the lead, named as people know them (their display name), not by user name
    expect(page.locator(".govuk-summary-list")).to_contain_text("11 February 2025 by Alex Morgan")
    expect(page.locator(".app-tags")).to_contain_text("Impact review")
    page.click("a:has-text('Go to case SIGN-01')")
    expect(page.locator("table a:has-text('Run the training.')")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Train staff to ask about coercive control.")
    check_page(page, live, "case-with-plan")


def test_the_pages_anyone_can_reach_are_accessible(page: Page, live: Live) -> None:
    page.goto("/")
    check_page(page, live, "sign-in")
    for path, name in (
        ("/accessibility", "accessibility"),
        ("/privacy", "privacy"),
        ("/cookies", "cookies"),
    ):
        page.goto(path)
        check_page(page, live, name)
    page.goto("/no-such-page")
    expect(page.locator("h1")).to_have_text("Page not found")
    check_page(page, live, "not-found")


def _any_theme(ledger: object) -> str:
    from domain.themes import ThemeKind

    return str(ledger.themes.all(ThemeKind.THEME)[0].code)  # type: ignore[attr-defined]


def test_on_a_phone_each_reviews_costs_stand_as_a_block(page: Page, live: Live) -> None:
    """An officer checking what the reviews cost on a phone: the costs table scrolled sideways
    in its box, the incurred column past the screen's edge. Each review stands as a block, each
    figure headed by its column's name, so nothing is read sideways and the box is no keyboard
    stop at either width. (Only a grid read across and down still scrolls: the dashboard's,
    tests/web/oversight/test_reflow.py.)"""
    sign_in(page, OFFICER)
    page.goto("/partnerships/birmingham/money")
    expect(page.locator("h1")).to_have_text("Money")
    box = page.locator(".app-table-scroll", has_text="Reviews with costs recorded")
    expect(box).not_to_have_attribute("tabindex", "0")
    page.set_viewport_size({"width": 375, "height": 800})
    incurred = box.locator("td[data-label=Incurred]").first
    expect(incurred).to_be_visible()
    assert incurred.evaluate("td => td.getBoundingClientRect().right") <= 375
    expect(box).not_to_have_attribute("tabindex", "0")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1")
    check_page(page, live, "costs-on-a-phone")


def test_an_officer_imports_their_own_tracker_choosing_its_columns(
    page: Page, live: Live, tmp_path: Path
) -> None:
    """The tracker's headings are its own: the officer is asked which is which, corrects one
    guess, reads the check in their own headings and records it."""
    sheet = tmp_path / "tracker.xlsx"
    sheet.write_bytes(tracker(("WEB/T/01", *ROW[1:])))
    sign_in(page, OFFICER)
    page.click("a:has-text('Import spreadsheets')")
    page.check("input[value=cases]")
    page.set_input_files("input[type=file]", str(sheet))
    page.click("button:has-text('Check the file')")
    expect(page.locator("h1")).to_have_text("Which of your columns is which?")
    expect(page.locator("#column_incident_on")).to_have_value("Date of death")
    page.select_option("#column_pseudonym", "DHR Ref")  # a slip: chosen twice
    page.click("button:has-text('Check the file')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("already chosen for Reference")
    check_page(page, live, "import-columns-errors")
    page.select_option("#column_pseudonym", "Pseudonym")
    page.click("button:has-text('Check the file')")
    expect(page.locator("main")).to_contain_text("‘Date of death’ is read as Incident date")
    check_page(page, live, "import-check")
    shown_again(page, "refresh")  # the check is a page of its own: the file is not sent again
    expect(page.locator("main")).to_contain_text("‘Date of death’ is read as Incident date")
    page.click("button:has-text('Record 1 new row')")
    expect(page.locator("main")).to_contain_text("1 new row recorded")
    shown_again(page, "refresh")  # and so is the confirmation
    expect(page.locator("main")).to_contain_text("1 new row recorded")
    shown_again(page, "back")  # the check's address: recorded, nothing waits to be checked
    expect(page.locator("h1")).to_have_text("Import a spreadsheet")
    with live.platform.ledgers.lease("birmingham", writing=False) as ledger:
        assert ledger.reviews.index().references.count("WEB/T/01") == 1


def test_an_officer_confirms_a_cost_far_above_what_a_review_costs(page: Page, live: Live) -> None:
    """2,500,000 pounds for one review's chair is refused beside the amount, with the box
    that confirms it; ticked, the estimate is recorded."""
    with acting_as("system"), live.platform.ledgers.lease("birmingham") as ledger:
        review = ledger.reviews.notify(
            "WEB-COST", date(2025, 3, 3), date(2025, 3, 10), "Bea", "dhr",
            "intimate_partner_homicide",
        )  # fmt: skip
    sign_in(page, OFFICER)
    page.goto(f"/partnerships/birmingham/cases/{review}/cost-estimate")
    expect(page.locator("input[name=amount_confirmed]")).to_have_count(0)
    page.check("input[name=category][value=chair]")
    page.fill("#amount", "2,500,000")
    fill_date(page, "on", date(2025, 4, 1))
    page.click("button:has-text('Save and continue')")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "£2,500,000.00 is far more than one review usually costs"
    )
    expect(page.locator("#amount-error")).to_contain_text('tick "Yes, this figure is right"')
    check_page(page, live, "cost-far-above-a-review")
    page.click(".govuk-error-summary a:has-text('far more than one review')")
    expect(page.locator("#amount")).to_be_focused()
    page.check("input[name=amount_confirmed]")
    page.click("button:has-text('Save and continue')")
    expect(page.locator(".govuk-panel__title")).to_have_text("Estimate recorded")
