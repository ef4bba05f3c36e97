"""In Chromium: Sign out is a button in the header that looks like the header's links and is
reached and pressed from the keyboard; a link to /sign-out only asks; each page passes axe-core."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.web.browser.conftest import Live, check_page, sign_in
from tests.web.screenshots import keep

OFFICER = "demo-birmingham-officer"
LOOKS = """e => { const s = getComputedStyle(e)
  return [s.fontFamily, s.fontSize, s.fontWeight, s.color, s.textDecorationLine,
          s.backgroundColor, s.borderTopWidth, s.cursor] }"""


def test_an_officer_signs_out_with_the_headers_button_from_the_keyboard(
    page: Page, live: Live
) -> None:
    sign_in(page, OFFICER)
    account = page.locator("header .app-account")
    button = account.get_by_role("button", name="Sign out")
    link = account.get_by_role("link", name="Your account")
    assert button.evaluate(LOOKS) == link.evaluate(LOOKS)  # a link to look at, a form to send
    keep(page.locator("header"), f"{live.store}-header-sign-out")
    check_page(page, live, "signed-in-header")

    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim() === 'Sign out'"):
            break
    else:
        raise AssertionError("could not reach Sign out with Tab")
    keep(page.locator("header"), f"{live.store}-header-sign-out-focused")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("You have signed out")
    check_page(page, live, "signed-out")
    page.goto("/home")
    expect(page.locator("h1")).to_have_text("Sign in to Partnership Ledger")


def test_a_link_to_sign_out_asks_before_signing_out(page: Page, live: Live) -> None:
    """An old bookmark, or a link or image on another site: the address alone signs no one out."""
    sign_in(page, OFFICER)
    page.goto("/sign-out")
    expect(page.locator("h1")).to_have_text("Sign out")
    check_page(page, live, "sign-out-asks")
    page.goto("/home")
    expect(page.locator("header .app-account")).to_contain_text("Sign out")  # still signed in
    page.goto("/sign-out")
    page.locator("main").get_by_role("button", name="Sign out").click()
    expect(page.locator("h1")).to_have_text("You have signed out")
