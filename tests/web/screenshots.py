"""Screenshots of the pages the browser tests visit, for a person to look at: taken only when
``LEDGER_TEST_SCREENSHOTS`` is set (``LEDGER_TEST_SCREENSHOTS=1 make test``), into
``tests/output/screenshots/`` (not committed).

Every run took about 160 full-page PNGs (0.7-1.7 s of the browser's CPU each, a dashboard
8,000 px tall among them) that nobody opened on CI: a minute or more of a suite held to ten.
The checks that run on every page (axe-core, no id shown) do not depend on them.
"""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import Locator, Page

SHOTS = Path(__file__).resolve().parents[2] / "tests" / "output" / "screenshots"


def wanted() -> bool:
    return bool(os.environ.get("LEDGER_TEST_SCREENSHOTS"))


def keep(target: Page | Locator, name: str, *, full_page: bool = False) -> None:
    """``target`` (a page, or a locator for part of one) as ``name``.png, if screenshots are
    wanted."""
    if not wanted():
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = str(SHOTS / f"{name}.png")
    if isinstance(target, Page):
        target.screenshot(path=path, full_page=full_page)
    else:
        target.screenshot(path=path)
