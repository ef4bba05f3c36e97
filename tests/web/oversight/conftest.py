"""The oversight pages in a real browser: Debian's Chromium driven by Playwright against the
app served on a loopback port, with the whole demo loaded (every seed region) and its read
models built, so the West Midlands table is the seed's.

Over PostgreSQL, the store OPCCs, regional leads and auditors use when the service is hosted;
the officers' journeys (tests/web/browser) run over embedded SQLite. Each journey runs once:
the pages are the same code over either store, whose reads and writes the API and
integration tests prove on both, and every page is served over both to every role by
tests/web/test_page_roles.py.

Every page a test visits is checked with axe-core (WCAG 2.2 AA rules), and screenshotted into
``tests/output/screenshots/`` (not committed) for reviewers to look at when
``LEDGER_TEST_SCREENSHOTS`` is set (``tests/web/screenshots.py``).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page
from werkzeug.serving import make_server

from api.app import create_app
from tenants.demo.credentials import DEMO_PASSWORD, demo_totp_secret
from tenants.platform import Platform, bootstrap
from tenants.users.signin import current_code
from tests.demo.conftest import build_demo
from tests.store_copies import copy_of
from tests.web.browser.conftest import AXE_RUN, cut_off
from tests.web.screenshots import keep

ROOT = Path(__file__).resolve().parents[3]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass
class Demo:
    base: str
    store: str
    platform: Platform


@pytest.fixture(scope="session")
def chromium(browser: Browser) -> Browser:
    """The session's one Chromium (tests/web/conftest.py)."""
    return browser


@pytest.fixture(scope="module", params=[pytest.param("postgres", marks=pytest.mark.postgres)])
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Demo]:
    """`make run`'s demo on a free loopback port: every region, sign-ins, read models, seals."""
    kind = str(request.param)
    into = tmp_path_factory.mktemp(kind)
    with copy_of(tmp_path_factory, kind, "demo", build_demo, into) as settings:
        platform = bootstrap(settings)
        app = create_app({"PLATFORM": platform, "SECRET_KEY": "browser-tests-only"})
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield Demo(f"http://127.0.0.1:{server.server_port}", kind, platform)
        finally:
            server.shutdown()
            thread.join(timeout=5)
            live_views = app.extensions.get("ledger.views")
            if live_views is not None:
                live_views.close()
            platform.close()


@pytest.fixture
def page(chromium: Browser, demo: Demo) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, base_url=demo.base)
    context.set_default_timeout(45_000)  # a cold, loaded start (a fresh clone) can take >15 s
    tab = context.new_page()
    yield tab
    context.close()


def check_page(page: Page, demo: Demo, name: str) -> None:
    """No WCAG 2.2 AA violation axe-core can find, no id shown to a person, and a screenshot."""
    keep(page, f"{demo.store}-oversight-{name}", full_page=True)
    if not page.evaluate("typeof axe !== 'undefined'"):
        # evaluated by the test: the page's CSP allows no inline script
        page.evaluate(AXE.read_text())
    result = page.evaluate(AXE_RUN, WCAG_22_AA)
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]
    assert not problems, f"{name}: accessibility violations:\n" + "\n".join(problems)
    assert not UUID_TEXT.search(page.inner_text("body")), f"{name} shows an id to a person"
    wide = page.viewport_size is not None and page.viewport_size["width"] >= 1000
    assert not (wide and cut_off(page)), f"{name}: tables cut off on a desktop: {cut_off(page)}"


_SIGNED_IN: dict[tuple[str, str], list[Any]] = {}  # (server, user): the session's cookies


def sign_in(page: Page, name: str) -> None:
    """Password, then the security code from the demo's fixed secret where the role needs one.

    A user signed in once on this server keeps that session for later tests: a security code is
    accepted once, so signing in again within its 30 s window would wait for the next code.
    """
    page.goto("/")
    server = page.url.split("/", 3)[2]
    if (server, name) in _SIGNED_IN:
        page.context.add_cookies(_SIGNED_IN[server, name])
        page.goto("/")
        return
    page.fill("#username", name)
    page.fill("#password", DEMO_PASSWORD)
    # Each answer is waited for: a loaded machine answered after the next line had looked for
    # the code's field on the old page, and the session was kept without the code entered.
    with page.expect_navigation():
        page.click("button:has-text('Sign in')")
    for _ in range(2):  # a code is accepted once: a second sign-in in its 30 s window waits
        if not page.locator("#code").count():
            break
        if page.locator(".govuk-error-summary").count():
            time.sleep(30.5 - time.time() % 30)
        page.fill("#code", current_code(demo_totp_secret(name)))
        with page.expect_navigation():
            page.click("button:has-text('Continue')")
    assert not page.locator("#code").count(), f"{name} was not let in with the security code"
    _SIGNED_IN[server, name] = page.context.cookies()
