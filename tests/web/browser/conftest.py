"""A real browser on the real pages: Debian's Chromium driven by Playwright, against the app
served in-process on a loopback port, with the Birmingham demo loaded.

Over embedded SQLite, the store a partnership running the service itself starts with; the
oversight journeys (tests/web/oversight) run over PostgreSQL. Each journey runs once: the
pages are the same code over either store, whose reads and writes the API and integration
tests prove on both, and every page is served over both to every role by
tests/web/test_page_roles.py.

Every page a test visits is checked with axe-core (WCAG 2.2 AA rules), and screenshotted to
``tests/output/screenshots/`` for reviewers to look at when ``LEDGER_TEST_SCREENSHOTS`` is set
(``tests/web/screenshots.py``).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request, Response
from werkzeug.serving import make_server

from api.app import create_app
from api.resources.views import close_views
from tenants.demo.credentials import DEMO_PASSWORD, ensure_demo_credentials
from tenants.demo.load import ensure_tenants, load_case, steps
from tenants.demo.people import ensure_users
from tenants.platform import Platform, bootstrap
from tests.store_copies import copy_of
from tests.web.screenshots import keep

ROOT = Path(__file__).resolve().parents[3]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
FEW = 5  # of Birmingham's demo cases: enough for every kind of row, quick to load
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The same rules over the same page, reporting every node of every violation; the other result
# types (passes, incomplete, inapplicable), never read here, keep one node each: listing every
# passing node was two thirds of axe's time on a long page (2.6 s of the West Midlands table).
AXE_RUN = """tags => axe.run(document, {
  runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']
})"""


@dataclass
class Live:
    base: str
    store: str
    platform: Platform


@pytest.fixture(scope="module", params=["sqlite"])
def live(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Live]:
    """The app on a free loopback port over the given store, with a few of Birmingham's demo
    cases (every demo user can sign in with the demo password)."""
    kind = str(request.param)
    into = tmp_path_factory.mktemp(kind)
    with copy_of(tmp_path_factory, kind, "birmingham-few", _few_of_birmingham, into) as settings:
        platform = bootstrap(settings)
        own = getattr(request.module, "APP_CONFIG", {})  # a module's own settings, if any
        app = create_app({"PLATFORM": platform, "SECRET_KEY": "browser-tests-only", **own})
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield Live(f"http://127.0.0.1:{server.server_port}", kind, platform)
        finally:
            server.shutdown()
            thread.join(timeout=5)
            close_views(app)
            platform.close()


def _few_of_birmingham(platform: Platform) -> None:
    """Built once per run and store; each module serves a copy of its own (it writes)."""
    ensure_tenants(platform)
    for step in [s for s in steps() if s.tenant == "birmingham"][:FEW]:
        load_case(platform, step)
    ensure_demo_credentials(platform.access, ensure_users(platform))


@pytest.fixture
def page(browser: Browser, live: Live) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live.base)
    context.set_default_timeout(45_000)  # a cold, loaded start (a fresh clone) can take >15 s
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource")
            else None
        ),
    )
    tab.on(  # a stylesheet, script, font or image the page asked for and did not get
        "response",
        lambda r: (
            errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and r.request.resource_type != "document" and not signed_out(r)
            else None
        ),
    )
    yield tab
    context.close()
    assert not errors, f"the pages logged errors (a script blocked by the CSP?): {errors}"


def signed_out(response: Response) -> bool:
    """The timeout warning asking how long is left, and told the session has ended (401)."""
    return response.status == 401 and response.request.resource_type == "fetch"


def check_page(page: Page, live: Live, name: str) -> None:
    """No WCAG 2.2 AA violation axe-core can find on this page, and a screenshot of it."""
    visible = page.inner_text("body")
    assert not UUID_TEXT.search(visible), f"{name} shows an id to a person"
    keep(page, f"{live.store}-{name}", full_page=True)
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text())  # evaluated by the test, not a script the page's CSP allows
    result = page.evaluate(AXE_RUN, WCAG_22_AA)
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]
    assert not problems, f"{name}: accessibility violations:\n" + "\n".join(problems)
    assert '<html lang="en"' in page.content()
    wide = page.viewport_size is not None and page.viewport_size["width"] >= 1000
    assert not (wide and cut_off(page)), f"{name}: tables cut off on a desktop: {cut_off(page)}"


def cut_off(page: Page) -> list[str]:
    """The tables whose box must scroll sideways to show them whole: on a phone that is how a
    wide table is read, but on a desktop nothing says a column is hidden past the edge."""
    return list(
        page.evaluate(
            """() => [...document.querySelectorAll('.app-table-scroll')]
                .filter(box => box.scrollWidth > box.clientWidth + 1)
                .map(box => (box.querySelector('caption') || box).innerText.slice(0, 60))"""
        )
    )


UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def shown_again(page: Page, how: str) -> None:
    """Refresh, or Back, as a person presses it: the page asked for again and shown, with no
    form sent (Playwright's Chromium sends a form again without asking, where a person's
    would ask to confirm the resubmission)."""
    sent: list[str] = []

    def note(request: Request) -> None:
        if request.method != "GET":
            sent.append(f"{request.method} {urlsplit(request.url).path}")

    page.on("request", note)
    try:
        response = page.reload() if how == "refresh" else page.go_back()
    finally:
        page.remove_listener("request", note)
    assert not sent, f"{how} sent a form again: {sent}"
    assert response is not None and response.ok, f"{how} did not show a page"


def sign_in(page: Page, name: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/")
    page.fill("#username", name)
    page.fill("#password", password)
    page.click("button:has-text('Sign in')")
