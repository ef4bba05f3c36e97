"""The main pages on a phone, or a desktop zoomed to 400%: 320 CSS pixels wide (WCAG 2.2 1.4.10
Reflow). Nothing scrolls sideways but a data table, in its own labelled box that the keyboard
can reach; the table's caption wraps to the box rather than running off the screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from domain.recording import acting_as
from tenants.demo.shared import load_directories
from tests.web.browser.conftest import Live, check_page, sign_in

OFFICER, LEAD = "demo-birmingham-officer", "demo-birmingham-lead"
NARROW = 320


@pytest.fixture
def phone(browser: Browser, live: Live) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": NARROW, "height": 800}, base_url=live.base)
    context.set_default_timeout(45_000)
    tab = context.new_page()
    yield tab
    context.close()


def page_width(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def test_the_people_page_fits_a_phone(phone: Page, live: Live) -> None:
    """Each "Deactivate" link names its person in visually hidden words, placed absolutely: in a
    column past the screen's edge they widened the whole page, not just the table's box."""
    sign_in(phone, LEAD)
    phone.goto("/partnerships/birmingham/people")
    expect(phone.locator("h1")).to_have_text("People with access")
    expect(phone.locator(".govuk-table .govuk-visually-hidden").first).to_be_attached()
    assert page_width(phone) <= NARROW
    check_page(phone, live, "narrow-people")


def test_a_case_page_fits_a_phone(phone: Page, live: Live) -> None:
    """The case page's IMR clock, costs and actions list records: on a phone each record stands
    as a block, each fact headed, in a box that no longer needs to scroll sideways (the costs'
    last column was cut off at the screen's edge, with nothing to say so)."""
    sign_in(phone, OFFICER)
    phone.locator(".govuk-table a").first.click()
    expect(phone.locator(".govuk-caption-l")).to_contain_text("Case")
    tables = phone.locator("table")
    assert tables.count() > 0
    boxed = phone.locator(".app-table-scroll > table.app-table--stack")
    assert boxed.count() == tables.count(), "a table on the case page does not stack"
    assert page_width(phone) <= NARROW
    scrolling = phone.locator(".app-table-scroll[role=region]")
    assert scrolling.count() == 0, "a table on the case page scrolls sideways"
    tree = tables.first.aria_snapshot()
    assert "- row" in tree and "- cell" in tree, tree
    check_page(phone, live, "narrow-case")


def test_a_table_under_a_heading_is_named_by_its_hidden_caption(phone: Page, live: Live) -> None:
    """Earlier recommendations like a draft: a table under a heading that says what it is. Its
    caption says it again to a screen reader only; on a phone each recommendation stands as a
    block (it scrolled sideways in a box named by the caption until every list of records
    stacked), so nothing passes the screen's edge."""
    sign_in(phone, OFFICER)
    phone.goto("/partnerships/birmingham/earlier-recommendations?text=risk+assessment")
    heading = phone.locator("h2", has_text="similar earlier recommendation")
    table = phone.locator("table.app-table--stack")
    expect(table).to_have_count(1)
    caption = table.locator("caption.govuk-visually-hidden")
    expect(caption).to_have_text(heading.inner_text().strip())
    expect(phone.locator(".app-table-scroll[role=region]")).to_have_count(0)
    assert page_width(phone) <= NARROW
    check_page(phone, live, "narrow-earlier-recommendations")


def test_a_case_reference_stays_on_one_line_on_a_phone(phone: Page, live: Live) -> None:
    """ "BHM-DHR-01" broke at its hyphens in the register's narrow first column, so a reference
    read as three fragments; an officer reads and quotes it whole."""
    sign_in(phone, OFFICER)
    phone.goto("/partnerships/birmingham/cases")
    links = phone.locator("tbody th a")
    assert links.count() > 0
    lines = links.evaluate_all("links => links.map(a => a.getClientRects().length)")
    assert set(lines) == {1}, lines


def test_the_action_plan_stacks_each_action_on_a_phone(phone: Page, live: Live) -> None:
    """Four columns at 320px wrapped an action's words a few to a line and put its status off the
    screen. Each action stands as a block, its owner, due date and status under it, each headed;
    the table is still a table of rows and cells to a screen reader."""
    sign_in(phone, OFFICER)
    phone.goto("/partnerships/birmingham/action-plan")
    table = phone.locator("table").first
    link = table.locator("td a").first
    assert link.evaluate("a => a.getBoundingClientRect().width") > 200, "the action is squeezed"
    status = table.locator("td[data-label='Status'] .govuk-tag").first
    status.evaluate("t => window.scrollTo(0, t.getBoundingClientRect().top + window.scrollY - 100)")
    expect(status).to_be_in_viewport(ratio=1)  # down the page only: the table does not scroll
    assert status.evaluate("t => t.getBoundingClientRect().right") <= NARROW
    assert table.locator("xpath=..").evaluate("b => b.scrollWidth <= b.clientWidth")
    assert page_width(phone) <= NARROW
    tree = table.aria_snapshot()
    assert "- table" in tree and "- row" in tree, tree
    assert '- columnheader "Status"' in tree and "- cell" in tree, tree
    check_page(phone, live, "narrow-action-plan")


def test_a_groups_master_plan_stacks_each_action_on_a_phone(phone: Page, live: Live) -> None:
    """Six columns in a box scrolling sideways put each action's due date and status off the
    screen, for 75 actions. Each stands as a block under its partnership's name, each fact
    headed, and the caption spans the screen rather than a narrow column of its own."""
    with acting_as("demo"):
        load_directories(live.platform)  # the region's directory and its groups, as the demo's
    sign_in(phone, LEAD)
    phone.goto("/regions/west-midlands/groups/west-midlands-master-plan")
    table = phone.locator("#member-actions")
    status = table.locator("td[data-label='Status'] .govuk-tag").first
    status.evaluate("t => window.scrollTo(0, t.getBoundingClientRect().top + window.scrollY - 100)")
    expect(status).to_be_in_viewport(ratio=1)
    assert status.evaluate("t => t.getBoundingClientRect().right") <= NARROW
    assert table.locator("xpath=..").evaluate("b => b.scrollWidth <= b.clientWidth")
    caption = table.locator("caption")
    assert caption.evaluate("c => c.getBoundingClientRect().width") > NARROW * 0.8
    assert page_width(phone) <= NARROW
    tree = table.aria_snapshot()
    assert '- columnheader "Status"' in tree and "- cell" in tree, tree
    check_page(phone, live, "narrow-group-plan")
