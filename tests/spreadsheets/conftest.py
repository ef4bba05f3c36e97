"""The West Midlands of the seed table on each real store, a regional lead and an officer,
and the ``ledger`` command pointed at the same store."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from flask import Flask
from flask.testing import FlaskClient

from api.app import create_app
from api.cli import main
from tenants.platform import Platform
from tenants.users.onboarding import add_user
from tests.conftest import TEST_MASTER_KEY
from tests.projections.support import seed_west_midlands

TODAY = date.today().isoformat()


@dataclass
class WestMidlands:
    region: str
    slugs: dict[str, str]  # seed key -> tenant slug
    analyst: dict[str, str]  # headers
    officer: dict[str, str]  # Birmingham's officer
    name: str  # "West Midlands <suffix>": the platform allows a region's name once


@pytest.fixture
def app(platform: Platform) -> Iterator[Flask]:
    app = create_app({"PLATFORM": platform, "TESTING": True})
    yield app
    views = app.extensions.get("ledger.views")
    if views is not None:
        views.close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def wm(platform: Platform) -> WestMidlands:
    suffix = uuid.uuid4().hex[:6]
    region, slugs = seed_west_midlands(platform, suffix)
    add_user(platform, f"analyst-{suffix}", "regional_lead", (), (region,))
    add_user(platform, f"officer-{suffix}", "csp_officer", (slugs["birmingham"],), ())
    analyst = platform.access.issue_token(f"analyst-{suffix}").secret
    officer = platform.access.issue_token(f"officer-{suffix}").secret
    return WestMidlands(
        region,
        slugs,
        {"Authorization": f"Bearer {analyst}"},
        {"Authorization": f"Bearer {officer}"},
        f"West Midlands {suffix}",
    )


@pytest.fixture
def ledger_cli(
    store_kind: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    platform: Platform,
) -> Callable[..., Result]:
    """Run ``ledger ...`` against this test's store, as an operator would."""
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    if store_kind == "postgres":
        monkeypatch.setenv("LEDGER_DATABASE_URL", request.getfixturevalue("postgres_url"))
        monkeypatch.setenv("LEDGER_PG_POOL_SIZE", "2")
        monkeypatch.setenv("LEDGER_MASTER_KEY", TEST_MASTER_KEY)  # the shared database's key
    else:
        monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)

    def run(*args: str) -> Result:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return run
