"""How pages lie on the screen, as a council officer sees them on a desktop (1100 pixels wide) and
on a phone (390): a page's button lines up with its content, and a date in a table stays on one
line rather than running down a narrow column ("18 / September / 2012")."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import Browser, FloatRect, Page, expect

from domain.recording import acting_as
from tests.web.browser.conftest import Live, check_page, sign_in

OFFICER = "demo-birmingham-officer"
DESKTOP, PHONE = 1100, 390
POLICE, HEALTH, HOUSING = "West Midlands Police", "Clinical Commissioning Group", "Housing"


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def screen(request: pytest.FixtureRequest, browser: Browser, live: Live) -> Iterator[Page]:
    width = int(request.param)
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=live.base)
    context.set_default_timeout(45_000)
    tab = context.new_page()
    yield tab
    context.close()


def box(page: Page, selector: str) -> FloatRect:
    found = page.locator(selector).first.bounding_box()
    assert found, f"{selector} is not on the screen"
    return found


def test_notify_a_death_lines_up_with_the_case_register(screen: Page, live: Live) -> None:
    """The button sat in the middle of the page, beside the heading at the start of a grid
    column, lined up with nothing. It ends at the content's right edge, as the MOJ page header
    actions put it; on a phone too, or under the heading at its left edge when there is no room."""
    width = screen.viewport_size["width"] if screen.viewport_size else 0
    sign_in(screen, OFFICER)
    expect(screen.locator("h1")).to_have_text("Cases")
    button = box(screen, "a.govuk-button:has-text('Notify a death')")
    heading = box(screen, "h1")
    content = box(screen, "main")
    right = button["x"] + button["width"]
    content_right = content["x"] + content["width"]
    beside = button["y"] < heading["y"] + heading["height"]
    if beside:
        assert abs(right - content_right) <= 1, (right, content_right)
    else:
        assert abs(button["x"] - heading["x"]) <= 1, (button["x"], heading["x"])
    assert right <= content_right + 1
    filters = box(screen, "#q")
    assert button["y"] + button["height"] <= filters["y"], "the button overlaps the filters"
    if width == DESKTOP:
        assert beside, "on a desktop the button stands beside the heading"
    check_page(screen, live, f"layout-register-{width}")


def test_each_case_on_the_register_shows_its_status_on_a_phone(screen: Page, live: Live) -> None:
    """On a phone the register scrolled sideways in its box, each case's status off the screen.
    Each case stands as a block, as the action plan's actions do, its status on the screen."""
    width = screen.viewport_size["width"] if screen.viewport_size else 0
    sign_in(screen, OFFICER)
    status = box(screen, "table tbody tr td.app-tags .govuk-tag")
    assert status["x"] + status["width"] <= width, "a case's status is off the screen"
    scrolls = screen.locator(".app-table-scroll:has(table)").first
    assert scrolls.evaluate("b => b.scrollWidth <= b.clientWidth + 1"), "the register scrolls"
    if width == PHONE:
        notified = screen.locator("table tbody tr td[data-label=Notified]").first
        expect(notified).to_be_visible()
        label = notified.evaluate("td => getComputedStyle(td, '::before').content")
        assert "Notified" in label, label


def test_a_case_pages_imr_dates_stay_on_one_line(screen: Page, live: Live) -> None:
    """The IMR clock's dates ran over three lines in its narrow columns, an extension's old date
    in brackets after the new one. Each date stays on one line ("18 Sep 2012", as GOV.UK's style
    shortens a month where space is short), what it was extended from and when it was last
    chased sit under it as secondary words, and on a desktop the table fits beside the side
    column without scrolling."""
    platform = live.platform
    officer = platform.access.user(OFFICER)
    width = screen.viewport_size["width"] if screen.viewport_size else 0
    with acting_as(str(officer.id)), platform.ledgers.lease("birmingham") as ledger:
        review = ledger.reviews.notify(
            f"LAY-{live.store}-{width}",
            date(2012, 4, 3),
            date(2012, 4, 9),
            "Lee",
            "dhr",
            "intimate_partner_homicide",
        )
        ledger.reviews.decide(review, date(2012, 5, 1), "hold")
        for agency, asked in ((POLICE, 4), (HEALTH, 5), (HOUSING, 6)):
            ledger.imrs.request(review, agency, date(2012, 6, asked), date(2012, 9, 14 + asked))
        ledger.imrs.extend(review, HEALTH, date(2012, 9, 13), date(2012, 10, 8), "On leave")
        ledger.imrs.chase(review, HOUSING, date(2012, 9, 28))
        ledger.imrs.receive(review, POLICE, date(2012, 9, 20))
        ledger.imrs.receive(review, HEALTH, date(2012, 10, 8))
        ledger.imrs.receive(review, HOUSING, date(2012, 10, 17))
    sign_in(screen, OFFICER)
    screen.goto(f"/partnerships/birmingham/cases/{review}")
    table = screen.locator("table:has(caption:has-text('IMR clock'))")
    expect(table).to_contain_text(HOUSING)
    dates = table.evaluate(
        r"""table => {
          const found = []
          const walker = document.createTreeWalker(table.tBodies[0], NodeFilter.SHOW_TEXT)
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const m of node.data.matchAll(/\d{1,2}\s+[A-Z][a-z]+\s+\d{4}/g)) {
              const range = document.createRange()
              range.setStart(node, m.index)
              range.setEnd(node, m.index + m[0].length)
              const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)))
              found.push([m[0].replace(/\s+/g, ' '), tops.size])
            }
          }
          return found
        }"""
    )
    assert len(dates) >= 8, dates  # 3 due, 3 received, 1 extended from, 1 last chased
    assert [d for d, lines in dates if lines != 1] == [], dates
    extended = table.locator("tr", has_text=HEALTH).locator("td").nth(1)
    expect(extended.locator(".govuk-hint")).to_have_text("Extended from 19 Sep 2012")
    chased = table.locator("tr", has_text=HOUSING).locator("td").nth(4)
    expect(chased.locator(".govuk-hint")).to_have_text("Last 28 Sep 2012")
    if width == DESKTOP:
        scroll = table.locator("xpath=..")
        assert scroll.evaluate("b => b.scrollWidth <= b.clientWidth + 1"), "the table is cut off"
    check_page(screen, live, f"layout-imr-clock-{width}")


def test_the_dashboards_heading_starts_where_the_header_does(screen: Page, live: Live) -> None:
    """The dashboard is wider than other pages, but only its content was: its heading started
    left of the service's name and menu. Header, phase banner, content and footer share one
    left edge, on a desktop and on a phone."""
    sign_in(screen, "demo-west-midlands-analyst")
    expect(screen.locator("h1")).to_contain_text("West Midlands")
    edges = {
        name: round(box(screen, selector)["x"])
        for name, selector in (
            ("service name", ".govuk-service-navigation__service-name"),
            ("phase banner", ".govuk-phase-banner__content"),
            ("heading", "h1"),
            ("footer", ".govuk-footer__inline-list"),
        )
    }
    assert len(set(edges.values())) == 1, edges
    if screen.viewport_size and screen.viewport_size["width"] == DESKTOP:
        assert box(screen, "main")["width"] > 960, "the dashboard is no wider than other pages"


def test_the_header_keeps_its_account_links_together_on_a_phone(screen: Page, live: Live) -> None:
    """On a phone the header's line of who is signed in wrapped where the words ran out, leaving
    "Sign out" alone under "Your account". The name has its own line, the two links the next."""
    sign_in(screen, OFFICER)
    name = box(screen, ".app-account__name")
    account = box(screen, ".app-account a:has-text('Your account')")
    sign_out = box(screen, ".app-account button:has-text('Sign out')")
    assert abs(account["y"] - sign_out["y"]) <= 2, (account, sign_out)
    if screen.viewport_size and screen.viewport_size["width"] == PHONE:
        assert account["y"] >= name["y"] + name["height"] - 1, "the name shares a line with a link"
        assert abs(account["x"] - name["x"]) <= 1, (account["x"], name["x"])
    else:
        assert abs(account["y"] - name["y"]) <= 2, "on a desktop the header's line is one line"
