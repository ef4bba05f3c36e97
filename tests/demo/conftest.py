"""The demo, loaded once per store and run, and its read models brought up to date: what
`make run` shows. Each test reads a copy of its own (tests/store_copies.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from projections.catchup import catch_up
from projections.generations import install
from projections.model import REGISTRY_SOURCE, region_source
from projections.rebuild import rebuild, select
from projections.sources import Sources
from projections.store import open_views
from projections.views import all_models
from tenants.demo.cases import CASES
from tenants.demo.credentials import ensure_demo_credentials
from tenants.demo.load import load_all
from tenants.demo.regions import REGIONS
from tenants.platform import Platform, bootstrap
from tests.store_copies import copy_of

SIGNING_IN = (
    "demo-west-midlands-analyst",
    "demo-auditor",
    "demo-admin",
    "demo-west-midlands-opcc",
    "demo-leicestershire-opcc",
    "demo-staffordshire-opcc",
    "demo-charnwood-officer",
    "demo-stoke-on-trent-lead",
)


def caught_up(platform: Platform, tenants: Iterable[str]) -> None:
    """Apply the registry's and these tenants' events to the read models (what the projection
    worker does live). Only these: a shared PostgreSQL test database also holds other tests'
    tenants, some deliberately tampered with by the audit tests."""
    models = all_models()
    views = open_views(platform)
    try:
        install(views, models)
        sources = Sources(platform, frozenset().union(*(m.topics_of_interest() for m in models)))
        for source in (REGISTRY_SOURCE, *tenants):
            catch_up(views, models, sources, source)
    finally:
        views.close()


def build_demo(platform: Platform) -> None:
    """`make run`'s demo: every region, sign-ins for the oversight roles, read models rebuilt,
    Birmingham sealed (what tests/web/oversight shows)."""
    load_all(platform)
    ensure_demo_credentials(platform.access, list(SIGNING_IN))  # argon2: only who signs in
    views = open_views(platform)
    try:
        rebuild(views, platform, select([]))
    finally:
        views.close()
    with platform.ledgers.lease("birmingham", writing=False) as ledger:
        platform.audit.seal(ledger)


@pytest.fixture
def demo(
    store_kind: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Platform]:
    """A copy of the demo on this test's store, its read models caught up."""
    with copy_of(tmp_path_factory, store_kind, "demo", build_demo, tmp_path) as settings:
        platform = bootstrap(settings)
        try:
            caught_up(platform, {*CASES, *(region_source(r.slug) for r in REGIONS)})  # pots, grants
            yield platform
        finally:
            platform.close()
