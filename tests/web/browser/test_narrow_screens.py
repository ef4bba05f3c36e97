"""The main pages on a phone, or a desktop zoomed to 400%: 320 CSS pixels wide (WCAG 2.2 1.4.10
Reflow). Nothing scrolls sideways but a data table, in its own labelled box that the keyboard
can reach; the table's caption wraps to the box rather than running off the screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.browser.conftest import Live, check_page, sign_in

LEAD = "demo-birmingham-lead"
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
