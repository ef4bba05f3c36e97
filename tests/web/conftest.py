"""Pages over embedded SQLite: an app, its test client, and people who can sign in.

A page is the same code over either store: what it reads and records goes through the
ledgers' use cases, which the API, integration, projection and spreadsheet tests prove on
both. So the page tests run over SQLite, and PostgreSQL serves every page too: for every role
in ``test_page_roles.py`` (which asks for both stores), and in the oversight journeys in
Chromium (tests/web/oversight). Running every page test on both stores doubled their time
for no page that differed."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from playwright.sync_api import Browser, sync_playwright
from werkzeug.test import TestResponse

from api.app import create_app
from api.resources.views import close_views
from tenants.platform import Platform
from tenants.users import signin
from tenants.users.onboarding import add_user
from tenants.users.signin import credentials, current_code, enable_two_factor

PASSWORD = "a long enough password"


@pytest.fixture(params=["sqlite"])
def store_kind(request: pytest.FixtureRequest) -> str:
    """Over SQLite (see above); a module asks for ``BOTH_STORES`` to run over both."""
    return str(request.param)


CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@pytest.fixture
def web_app(platform: Platform) -> Iterator[Flask]:
    app = create_app({"PLATFORM": platform, "TESTING": True, "SECRET_KEY": "test-only-key"})
    yield app
    close_views(app)


Person = tuple[str, str, tuple[str, ...], tuple[str, ...]]
"""(name, role, tenants, regions): someone a page test signs in as."""


@contextmanager
def site_with(platform: Platform, people: Sequence[Person]) -> Iterator[FlaskClient]:
    """A test client of an app on ``platform``, with ``people`` able to sign in (``PASSWORD``)."""
    app = create_app({"PLATFORM": platform, "TESTING": True, "SECRET_KEY": "test-only-key"})
    for name, role, tenants, regions in people:
        add_user(platform, name, role, tenants, regions)
        give_password(platform, name)  # PASSWORD, hashed once per run
    try:
        yield app.test_client()
    finally:
        close_views(app)


@pytest.fixture
def visitor(web_app: Flask) -> FlaskClient:
    """A browser without JavaScript: Flask's test client, keeping the session cookie."""
    return web_app.test_client()


@dataclass
class People:
    region: str
    tenant: str
    neighbour: str
    names: dict[str, str]
    totp: dict[str, str]
    region_name: str  # "Midshire-<the test's suffix>": the platform allows a region's name once


@pytest.fixture
def people(platform: Platform, unique: Callable[[str], str]) -> People:
    """A region with two partnerships, and one person per role with a password."""
    region, tenant, neighbour = unique("region"), unique("csp"), unique("next")
    region_name = unique("Midshire")
    platform.registry.create_region(region, region_name)
    platform.register_tenant(tenant, "Northtown", region)
    platform.register_tenant(neighbour, "Southtown", region)
    roles = {
        "officer": ("csp_officer", (tenant,), ()),
        "lead": ("csp_lead", (tenant,), ()),
        "neighbour_officer": ("csp_officer", (neighbour,), ()),
        "regional": ("regional_lead", (), (region,)),
        "auditor": ("auditor", (tenant,), ()),
        "admin": ("platform_admin", (), ()),
    }
    p = People(region, tenant, neighbour, {}, {}, region_name)
    for who, (role, tenants, regions) in roles.items():
        name = unique(who.replace("_", "-"))
        add_user(platform, name, role, tenants, regions)
        give_password(platform, name)
        p.names[who] = name
        if role in ("auditor", "platform_admin"):
            p.totp[who] = enable_two_factor(platform.access, name)
    return p


@functools.cache
def password_hash() -> str:
    """Hashed once per run: argon2id is slow on purpose, and every test needs the same one."""
    return signin.HASHER.hash(PASSWORD)


def give_password(platform: Platform, name: str) -> None:
    creds = credentials(platform.access, platform.access.user(name).id)
    creds.set_password_hash(password_hash())
    platform.access.save(creds)


def csrf(page: bytes) -> str:
    found = CSRF.search(page.decode())
    assert found, "the form has no CSRF token"
    return found.group(1)


def page_text(page: bytes) -> str:
    """A page as a person reads it: the text without tags or entities, spaces collapsed."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.decode())))


def post_form(
    client: FlaskClient, url: str, data: Mapping[str, str | Sequence[str]]
) -> TestResponse:
    """GET the form (for its CSRF token) then POST it, as a browser would."""
    token = csrf(client.get(url).data)
    return client.post(url, data={"csrf_token": token, **data})


def sign_in(client: FlaskClient, name: str, password: str = PASSWORD) -> None:
    response = post_form(client, "/", {"username": name, "password": password})
    assert response.status_code == 302, response.data[:500]


def sign_out(client: FlaskClient) -> None:
    """Sign out as a person does: the Sign out button, which sends the page's CSRF token (a
    GET of /sign-out only asks)."""
    response = post_form(client, "/sign-out", {})
    assert response.status_code == 303, response.data[:500]


def sign_in_with_code(client: FlaskClient, name: str, secret: str) -> None:
    """Password, then the authenticator's code (auditors and administrators must)."""
    sign_in(client, name)
    done = post_form(client, "/sign-in/security-code", {"code": current_code(secret)})
    assert done.status_code == 302, done.data[:500]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for every browser test of the session: Playwright's sync API allows one."""
    from tests.web.browser.conftest import AXE, CHROMIUM

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: run tests/browser.sh (make test does).")
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `npm ci` (make test does).")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()
