"""An auditor in Chromium, beyond verifying and replaying a case (tests/web/oversight): takes a
partnership's audit bundle away and checks it with Python alone, as its README says; reads an
action's history in words; and, once a row of the store has been altered behind the service's
back, is told which seal broke, among which events, and what to do next."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.integration.test_audit_tampering import tamper
from tests.web.browser.conftest import Live, check_page
from tests.web.oversight.conftest import sign_in

AUDITOR = "demo-auditor"


def test_an_auditor_takes_birminghams_bundle_away_and_checks_it_with_python_alone(
    page: Page, live: Live, tmp_path: Path
) -> None:
    with live.platform.ledgers.lease("birmingham") as ledger:
        live.platform.audit.seal(ledger)
    sign_in(page, AUDITOR)
    page.click("a:has-text('Birmingham')")
    page.locator("#cases a").first.click()
    titles = page.locator(".moj-timeline__title")
    expect(titles.last).to_have_text("Death notified to the partnership")
    page.locator("a:has-text('R1:')").first.click()
    expect(titles.filter(has_text="Action planned")).to_have_count(1)
    expect(page.locator("main")).not_to_contain_text("Text")  # what each field is, in words
    check_page(page, live, "auditor-action-history")

    page.click(".govuk-service-navigation a:has-text('Audit bundles')")
    page.click("main a:has-text('Birmingham')")
    check_page(page, live, "auditor-bundle-page")
    with page.expect_download() as download:
        page.click("button:has-text('Download the audit bundle')")
    bundle = tmp_path / download.value.suggested_filename
    download.value.save_as(bundle)
    with zipfile.ZipFile(bundle) as zipped:
        zipped.extractall(tmp_path / "bundle")
    readme = (tmp_path / "bundle" / "README.txt").read_text()
    assert "python3 verify.py" in readme and "OFFICIAL-SENSITIVE" in readme

    checked = subprocess.run(
        [sys.executable, "verify.py"],
        cwd=tmp_path / "bundle",
        capture_output=True,
        text=True,
        check=False,
    )

    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.startswith("INTACT:") and "of Birmingham" in checked.stdout
    page.click("a:has-text('My read log')")
    expect(page.locator("#reads")).to_contain_text("An audit bundle, downloaded")
    expect(page.locator("#reads")).to_contain_text("An action's history")


def test_an_auditor_is_told_which_seal_broke_and_what_to_do_next(page: Page, live: Live) -> None:
    with live.platform.ledgers.lease("birmingham") as ledger:
        seal = live.platform.audit.seal(ledger)
    tamper(
        live.platform,
        "birmingham",
        "UPDATE {table} SET state = substr(state, 1, length(state) - 1) "
        "WHERE {pos} = (SELECT max({pos}) FROM {table})",
    )
    sign_in(page, AUDITOR)
    page.click("a:has-text('Birmingham')")

    page.click("button:has-text('Verify integrity')")

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(f"the seal at event {seal.position:,}, made")
    expect(page.locator("#altered-among")).to_contain_text(f"events 1 to {seal.position:,}")
    expect(page.locator(".govuk-warning-text")).to_contain_text("Tell the platform operator")
    expect(page.locator(".govuk-panel")).to_have_count(0)
    expect(page.locator("#problems")).not_to_contain_text("position")
    check_page(page, live, "auditor-history-altered")
    summary.locator("a").first.click()
    expect(page).to_have_url(f"{live.base}/audit/partnerships/birmingham/verification#verification")
