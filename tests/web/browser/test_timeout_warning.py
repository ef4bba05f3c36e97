"""In Chromium: the timeout warning. A signed-in page warns before signing out for want of a
page; "Stay signed in" (or Escape) keeps the person signed in; waiting it out signs them out
to the sign-in page, which says why. With two tabs open, using one keeps the other signed in:
it neither warns nor leaves while pages are opened in the other, and its warning closes when
the other stays signed in. The idle limit is made short for this module.

Time passes by ``wait``: the server's session clock and the browser's (Playwright's
``page.clock``, which the pages' timers and ``Date`` read) are moved on together, so the
dialog's real script meets the real server's idle clock in seconds rather than minutes."""

from __future__ import annotations

import time
from datetime import timedelta

from playwright.sync_api import Browser, Page, expect

from tests.web.browser.conftest import Live, check_page, sign_in


class SessionClock:
    """The server's session clock (``SESSION_CLOCK``): the real time, plus the time ``wait``
    has moved it on (the app serves every test of the module, so it only ever moves on)."""

    def __init__(self) -> None:
        self.ahead = 0.0

    def __call__(self) -> float:
        return time.time() + self.ahead


OFFICER = "demo-birmingham-officer"
IDLE, WARN = 25, 15  # seconds: the warning comes 10 s after a page, signing out 25 s after
CLOCK = SessionClock()
APP_CONFIG = {
    "SESSION_IDLE_TIMEOUT": timedelta(seconds=IDLE),
    "SESSION_TIMEOUT_WARNING": timedelta(seconds=WARN),
    "SESSION_CLOCK": CLOCK,
}
INSIDE = "document.getElementById('app-timeout').contains(document.activeElement)"
WATCH = """() => {
  window.stayedPut = true // gone once the page is left or loaded again
  const dialog = document.getElementById('app-timeout')
  new MutationObserver(() => { if (dialog.open) window.warned = true })
    .observe(dialog, { attributes: true, attributeFilter: ['open'] })
}"""


def wait(page: Page, seconds: int) -> None:
    """``seconds`` pass for the server and for every tab of the page's browser. The server's
    clock moves first, so a page's timer that comes due asks a server that has seen the time
    pass; each timer due meanwhile fires once, as in a tab that sat unwatched."""
    CLOCK.ahead += seconds
    page.clock.fast_forward(seconds * 1000)


def test_the_warning_keeps_a_person_signed_in_or_signs_them_out_saying_why(
    page: Page, live: Live
) -> None:
    page.clock.install()
    sign_in(page, OFFICER)
    expect(page.locator("h1")).to_be_visible()
    dialog = page.get_by_role("dialog", name="You’re about to be signed out")
    # Halfway to the warning (the real seconds the page took to load and be read count too,
    # as the browser's clock runs on between moves): not before its time.
    wait(page, (IDLE - WARN) // 2)
    expect(dialog).to_be_hidden()
    wait(page, IDLE - WARN - (IDLE - WARN) // 2 + 1)
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("You’ll be signed out in")
    expect(page.locator("#app-timeout-announced")).to_have_text(
        "You’ll be signed out in 15 seconds."
    )
    assert page.evaluate(INSIDE), "focus did not move into the dialog"
    for _ in range(6):  # Tab goes round the dialog's Stay signed in and Sign out
        page.keyboard.press("Tab")
        assert page.evaluate(INSIDE), "focus left the dialog"
    check_page(page, live, "timeout-warning")

    dialog.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()
    # The dialog came IDLE - WARN seconds after the last page, so by WARN + 1 seconds after
    # staying, that page's idle clock would have run out; this one's has IDLE - WARN - 1 left.
    wait(page, WARN + 1)
    page.reload()
    expect(page.locator("header .app-account")).to_contain_text("Sign out")  # still signed in

    wait(page, IDLE - WARN + 1)
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")  # stays signed in, as the button does
    expect(dialog).to_be_hidden()

    wait(page, IDLE - WARN + 1)
    expect(dialog).to_be_visible()
    # The page's own count ends IDLE seconds after staying; 2 s later it asks, and leaves.
    wait(page, WARN + 2)
    expect(page.locator("h1")).to_have_text("Sign in to Partnership Ledger")
    banner = page.locator(".govuk-notification-banner")
    expect(banner).to_contain_text("You have been signed out")
    expect(banner).to_contain_text(f"You had not opened a page for {IDLE} seconds")
    check_page(page, live, "timed-out-sign-in")
    page.goto("/home")
    expect(page.locator("h1")).to_have_text("Sign in to Partnership Ledger")


def test_without_javascript_no_warning_is_shown(browser: Browser, live: Live) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=live.base)
    try:
        page = context.new_page()
        sign_in(page, OFFICER)
        expect(page.locator("header .app-account")).to_contain_text("Sign out")
        page.wait_for_timeout((IDLE - WARN + 2) * 1000)
        expect(page.locator("#app-timeout")).to_be_hidden()
    finally:
        context.close()


def test_pages_opened_in_another_tab_keep_this_one_signed_in_without_a_warning(
    page: Page, live: Live
) -> None:
    page.clock.install()  # the context's clock: both tabs read it
    sign_in(page, OFFICER)
    expect(page.locator("h1")).to_be_visible()
    page.evaluate(WATCH)
    other = page.context.new_page()
    # On its own count this page would warn IDLE - WARN seconds after it was made and leave
    # for the sign-in page IDLE seconds after; the other tab opens pages for longer than that.
    for _ in range(0, IDLE + WARN, 2):
        other.goto("/home")
        expect(other.locator("header .app-account")).to_contain_text("Sign out")
        wait(page, 2)
    assert page.evaluate("window.stayedPut === true"), "it left though the other tab was in use"
    assert not page.evaluate("window.warned === true"), "it warned though the other tab was in use"
    other.close()


def test_staying_signed_in_in_another_tab_closes_this_ones_warning(page: Page, live: Live) -> None:
    page.clock.install()  # the context's clock: both tabs read it
    sign_in(page, OFFICER)
    expect(page.locator("h1")).to_be_visible()
    other = page.context.new_page()
    other.goto("/home")
    here = page.get_by_role("dialog", name="You’re about to be signed out")
    there = other.get_by_role("dialog", name="You’re about to be signed out")
    wait(page, IDLE - WARN + 1)
    expect(here).to_be_visible()
    page.evaluate(WATCH)
    expect(there).to_be_visible()
    there.get_by_role("button", name="Stay signed in").click()
    expect(there).to_be_hidden()
    # The other tab tells this one at once (no time passes): it asks the server, and closes
    # its warning.
    expect(here).to_be_hidden()
    assert page.evaluate("window.stayedPut === true"), "it left though the other tab stayed"

    # Pages opened where no script tells this tab (as a page in a browser without JavaScript):
    # it asks before leaving, finds the end moved on, closes its warning and stays.
    wait(page, IDLE - WARN + 1)
    expect(here).to_be_visible()
    waited = 0
    while here.is_visible() and waited < IDLE * 2:
        assert page.request.get(f"{live.base}/home").ok
        wait(page, 2)
        waited += 2
    expect(here).to_be_hidden()
    assert page.evaluate("window.stayedPut === true"), "it left though a page was opened"
    expect(page.locator("header .app-account")).to_contain_text("Sign out")
    other.close()
