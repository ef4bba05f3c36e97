"""The demo, loaded once per store, and its read models rebuilt: what `make run` shows."""

from __future__ import annotations

import pytest

from projections.rebuild import rebuild, select
from projections.store import open_views
from tenants.demo.load import load_all
from tenants.platform import Platform


@pytest.fixture
def demo(platform: Platform) -> Platform:
    """The demo on this test's store (idempotent: a shared PostgreSQL database loads it once)."""
    load_all(platform)
    views = open_views(platform)
    try:
        rebuild(views, platform, select([]))
    finally:
        views.close()
    return platform
