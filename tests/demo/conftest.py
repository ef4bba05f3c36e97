"""The demo, loaded once per store, and its read models brought up to date: what `make run`
shows."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from projections.catchup import catch_up
from projections.generations import install
from projections.model import REGISTRY_SOURCE, region_source
from projections.sources import Sources
from projections.store import open_views
from projections.views import all_models
from tenants.demo.cases import CASES
from tenants.demo.load import load_all
from tenants.demo.regions import REGIONS
from tenants.platform import Platform


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


@pytest.fixture
def demo(platform: Platform) -> Platform:
    """The demo on this test's store (idempotent: a shared PostgreSQL database loads it once)."""
    load_all(platform)
    caught_up(platform, {*CASES, *(region_source(r.slug) for r in REGIONS)})  # pots, grants
    return platform
