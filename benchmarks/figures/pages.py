"""Figure j: the regional dashboard page's latency, beside the JSON views it is built from.

A regional lead of each of a few regions signs in through the sign-in form (password, CSRF);
then, alternating regions, the Flask test client GETs the dashboard page (every query, the
heat map's per-partnership queries, two SVG charts and the template), and as the baseline the
five JSON views of the same region (dhr-counts, timeliness, themes, actions, money) one after
another with an API token. Both go through the whole app in process, so the ratio is what the
page adds: the heat map, the charts and the HTML.
"""

from __future__ import annotations

import re
import time
from random import Random

from flask.testing import FlaskClient

from api.app import create_app
from benchmarks.context import Context
from benchmarks.report import Row
from benchmarks.timing import percentile, ratio
from tenants.users.onboarding import add_user
from tenants.users.signin import set_password

REGIONS = 5
SAMPLES = 60
VIEWS = ("dhr-counts", "timeliness", "themes", "actions", "money")
PASSWORD = "benchmark-only-password"
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def measure(ctx: Context) -> None:
    app = create_app({"PLATFORM": ctx.platform, "SECRET_KEY": "benchmark-only-key"})
    rng = Random(7)
    regions = rng.sample(list(ctx.shape.regions), min(REGIONS, len(ctx.shape.regions)))
    clients = {region: _signed_in(app.test_client(), ctx, region) for region in regions}
    tokens = {region: ctx.platform.access.issue_token(_lead(region)).secret for region in regions}
    for region in regions:  # warm both paths once: templates compile, caches fill
        _page(clients[region], region)
        _views(clients[region], region, tokens[region])
    pages: list[float] = []
    views: list[float] = []
    for i in range(SAMPLES // 2 if ctx.quick else SAMPLES):
        region = regions[i % len(regions)]
        pages.append(_page(clients[region], region))
        views.append(_views(clients[region], region, tokens[region]))
    page_p95, views_p95 = percentile(pages, 95), percentile(views, 95)
    ctx.report.add(
        Row(
            "j",
            ctx.kind,
            f"regional dashboard page p95 ({len(pages)} GETs over {len(regions)} regions)",
            page_p95,
            "ms",
            "the 5 JSON views it is built from, p95",
            views_p95,
            ratio(page_p95, views_p95),
            "",
            None,
            f"p50 {percentile(pages, 50):.1f} / p99 {percentile(pages, 99):.1f} ms",
        )
    )
    extensions = app.extensions.get("ledger.views")
    if extensions is not None:
        extensions.close()


def _lead(region: str) -> str:
    return f"bench-lead-{region}"[:64].rstrip("-")


def _signed_in(client: FlaskClient, ctx: Context, region: str) -> FlaskClient:
    name = _lead(region)
    if name not in {u.name for u in ctx.platform.access.users()}:
        add_user(ctx.platform, name, "regional_lead", (), (region,), "Benchmark lead")
        set_password(ctx.platform.access, name, PASSWORD)
    found = CSRF.search(client.get("/").get_data(as_text=True))
    if found is None:
        raise RuntimeError("the sign-in page has no CSRF token")
    signed = client.post("/", data={"csrf_token": found[1], "username": name, "password": PASSWORD})
    if signed.status_code != 302:
        raise RuntimeError(f"the benchmark lead could not sign in ({signed.status_code})")
    return client


def _page(client: FlaskClient, region: str) -> float:
    started = time.perf_counter()
    response = client.get(f"/regions/{region}/dashboard")
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200 or b'id="dhr-total"' not in response.data:
        raise RuntimeError(f"the dashboard of {region} answered {response.status_code}")
    return elapsed


def _views(client: FlaskClient, region: str, token: str) -> float:
    headers = {"Authorization": f"Bearer {token}"}
    started = time.perf_counter()
    for view in VIEWS:
        response = client.get(f"/api/v1/regions/{region}/views/{view}", headers=headers)
        if response.status_code != 200:
            raise RuntimeError(f"the {view} view of {region} answered {response.status_code}")
    return (time.perf_counter() - started) * 1000
