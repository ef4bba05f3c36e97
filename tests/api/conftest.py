"""An app on each real store, and a small world: two regions, three tenants, one user per role."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, cast

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api.app import create_app
from api.resources.views import VIEWS_KEY, close_views
from projections.port import ViewStore
from projections.store import open_views
from tenants.platform import Platform
from tenants.users.onboarding import add_user


@dataclass
class World:
    region: str
    other_region: str
    tenant: str
    neighbour: str  # same region, another tenant
    stranger: str  # another region
    tokens: dict[str, str] = field(default_factory=dict)

    def auth(self, who: str, **headers: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}", **headers}


@pytest.fixture
def app(platform: Platform) -> Iterator[Flask]:
    app = create_app({"PLATFORM": platform, "TESTING": True})
    yield app
    close_views(app)


def views_of(app: Flask, platform: Platform) -> ViewStore:
    """The app's read models, opened once as ``live_views`` opens them (so ``close_views``
    closes them): ``extensions.setdefault(key, open_views(...))`` opened a pool on every call
    and left all but the first to the garbage collector, whose own pool thread cannot join
    itself ("cannot join current thread" in a later test)."""
    views = app.extensions.get(VIEWS_KEY)
    if views is None:
        views = app.extensions[VIEWS_KEY] = open_views(platform)
    return cast(ViewStore, views)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def world(platform: Platform, unique: Callable[[str], str]) -> World:
    w = World(unique("region"), unique("elsewhere"), unique("csp"), unique("next"), unique("far"))
    platform.registry.create_region(w.region, unique("Region"))
    platform.registry.create_region(w.other_region, unique("Elsewhere"))
    platform.register_tenant(w.tenant, "Our CSP", w.region)
    platform.register_tenant(w.neighbour, "Next CSP", w.region)
    platform.register_tenant(w.stranger, "Far CSP", w.other_region)
    users: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
        "officer": ("csp_officer", (w.tenant,), ()),
        "lead": ("csp_lead", (w.tenant,), ()),
        "neighbour_officer": ("csp_officer", (w.neighbour,), ()),
        "stranger_lead": ("csp_lead", (w.stranger,), ()),
        "regional": ("regional_lead", (), (w.region,)),
        "other_regional": ("regional_lead", (), (w.other_region,)),
        "auditor": ("auditor", (w.tenant,), ()),
        "region_auditor": ("auditor", (), (w.region,)),
        "other_auditor": ("auditor", (w.stranger,), ()),
        "admin": ("platform_admin", (), ()),
    }
    for who, (role, tenants, regions) in users.items():
        name = unique(who.replace("_", "-"))
        add_user(platform, name, role, tenants, regions)
        w.tokens[who] = platform.access.issue_token(name).secret
    return w


def body(response: Any) -> Any:
    assert response.is_json, response.data[:200]
    return response.get_json()


AGENCY = "world-police"


@pytest.fixture
def agency_users(platform: Platform, world: World, unique: Callable[[str], str]) -> dict[str, str]:
    """An agency of the world's region directory, and its users: one for the world's tenant,
    one for the whole region (name -> token secret). Only tests that ask for it get a
    directory, so the other tests keep recording free-text agencies."""
    from datetime import date

    with platform.region_ledgers.lease(world.region) as ledger:
        ledger.partners.add(AGENCY, "World Police", "police", date(2015, 4, 1))
    secrets = {}
    for who, tenants, regions in (
        ("agency", (world.tenant,), ()),
        ("region_agency", (), (world.region,)),
    ):
        name = unique(who.replace("_", "-"))
        add_user(platform, name, "agency_contributor", tenants, regions, agency=AGENCY)
        secrets[who] = platform.access.issue_token(name).secret
    return secrets
