"""Figure j: the pages' latency — regional dashboard, case register, case page — and the PDF
board paper's.

A regional lead of each of a few regions signs in through the sign-in form (password, CSRF);
then, alternating regions, the Flask test client GETs the dashboard page (every query, the
heat map's per-partnership queries, two SVG charts and the template), and as the baseline the
five JSON views of the same region (dhr-counts, timeliness, themes, actions, money) one after
another with an API token. Both go through the whole app in process, so the ratio is what the
page adds: the heat map, the charts and the HTML.

A CSP officer of each of a few partnerships (the largest register among them) signs in the
same way and GETs the case register (every case of the partnership loaded, newest first,
clock tags) and the page of one of its cases (facts, clocks, IMRs, the plan, the timeline);
their target is p95 < 100 ms, like the dashboard's. The regional board paper is rendered to
PDF through the API (Chromium-free: WeasyPrint), after one warm-up render; target < 2 s. The
paper is fetched over HTTP from a ``ledger serve`` worker (one, gunicorn), as a user fetches it,
not rendered in this process: its heap holds the generated nation, which a full garbage
collection during a render would scan; an API worker holds no such heap.
"""

from __future__ import annotations

import http.client
import re
import time
from random import Random
from typing import Any

from flask.testing import FlaskClient

from api.app import create_app
from benchmarks.context import Context
from benchmarks.figures import procs
from benchmarks.report import Row
from benchmarks.timing import percentile, ratio
from domain.reviews import DomesticHomicideReview
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
            f"web regional dashboard page p95 ({len(pages)} GETs over {len(regions)} regions)",
            page_p95,
            "ms",
            "the 5 JSON views it is built from, p95",
            views_p95,
            ratio(page_p95, views_p95),
            f"p95 < {TARGET_MS:.0f} ms",
            page_p95 < TARGET_MS,
            f"p50 {percentile(pages, 50):.1f} / p99 {percentile(pages, 99):.1f} ms",
        )
    )
    _case_pages(ctx, app, rng)
    _board_paper(ctx, regions[0], tokens[regions[0]])
    extensions = app.extensions.get("ledger.views")
    if extensions is not None:
        extensions.close()


TARGET_MS = 100.0
PAPER_TARGET_S = 2.0
PARTNERSHIPS = 5


def _case_pages(ctx: Context, app: Any, rng: Random) -> None:
    cases = {
        slug: [a.id for a in book.aggregates.values() if isinstance(a, DomesticHomicideReview)]
        for slug, book in ctx.loader.books.items()
    }
    cases = {slug: ids for slug, ids in cases.items() if ids}
    largest = max(cases, key=lambda s: len(cases[s]))
    chosen = [
        largest,
        *rng.sample(sorted(set(cases) - {largest}), min(PARTNERSHIPS - 1, len(cases) - 1)),
    ]
    clients = {slug: _officer(app.test_client(), ctx, slug) for slug in chosen}
    registers: list[float] = []
    pages: list[float] = []
    for slug in chosen:  # warm: templates compile, applications open
        _get(clients[slug], f"/partnerships/{slug}/cases", b"govuk-table")
        _get(clients[slug], f"/partnerships/{slug}/cases/{cases[slug][0]}", b"govuk-summary-list")
    for i in range(SAMPLES // 2 if ctx.quick else SAMPLES):
        slug = chosen[i % len(chosen)]
        registers.append(_get(clients[slug], f"/partnerships/{slug}/cases", b"govuk-table"))
        case = rng.choice(cases[slug])
        pages.append(
            _get(clients[slug], f"/partnerships/{slug}/cases/{case}", b"govuk-summary-list")
        )
    sizes = f"{len(cases[largest])} cases in the largest"
    for what, samples in (("case register page", registers), ("case page", pages)):
        p95 = percentile(samples, 95)
        ctx.report.add(
            Row(
                "j",
                ctx.kind,
                f"web {what} p95 ({len(samples)} GETs over {len(chosen)} partnerships, {sizes})",
                p95,
                "ms",
                "",
                None,
                None,
                f"p95 < {TARGET_MS:.0f} ms",
                p95 < TARGET_MS,
                f"p50 {percentile(samples, 50):.1f} / p99 {percentile(samples, 99):.1f} ms",
            )
        )


def _board_paper(ctx: Context, region: str, token: str) -> None:
    """Rendered by a ``ledger serve`` worker over HTTP, as a user gets it: not in this process,
    whose heap holds the generated nation (millions of objects), so that a full garbage
    collection during a render scans them (one render in three or five took ~2x the others)."""
    env = ctx.store.child_environ(GUNICORN_LOG_LEVEL="warning", GUNICORN_THREADS="1")
    log = ctx.workdir / f"gunicorn-paper-{ctx.kind}.log"
    with procs.serving(env, PAPER_PORT, 1, log) as server:
        path = f"/api/v1/regions/{region}/reports/regional"
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/pdf"}
        html = percentile([_fetch(path + "?format=html", b"<table", headers) for _ in range(3)], 50)
        _fetch(path, b"%PDF", headers)  # the first render loads fonts and pango
        worker = procs.children(server.pid)[0]
        seconds, cpu = [], []
        for _ in range(3 if ctx.quick else 5):
            before = procs.cpu_seconds(worker)
            seconds.append(_fetch(path, b"%PDF", headers) / 1000)
            cpu.append(procs.cpu_seconds(worker) - before)
    worst = max(seconds)
    ctx.report.add(
        Row(
            "j",
            ctx.kind,
            f"PDF regional board paper, slowest of {len(seconds)} renders (API worker over HTTP)",
            worst,
            "s",
            "the same paper as HTML, median",
            html / 1000,
            ratio(worst * 1000, html),
            f"< {PAPER_TARGET_S:.0f} s",
            worst < PAPER_TARGET_S,
            f"median {percentile(seconds, 50):.2f} s; worker CPU median "
            f"{percentile(cpu, 50):.2f} / max {max(cpu):.2f} s",
        )
    )


PAPER_PORT = 18767  # figure b's server uses 18765


def _fetch(path: str, expect: bytes, headers: dict[str, str]) -> float:
    """One GET from the paper's server, in ms (a fresh connection, as a browser's download)."""
    conn = http.client.HTTPConnection("127.0.0.1", PAPER_PORT, timeout=120)
    try:
        started = time.perf_counter()
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
    finally:
        conn.close()
    if response.status != 200 or expect not in body:
        raise RuntimeError(f"{path} answered {response.status} without {expect!r}")
    return elapsed


def _officer(client: FlaskClient, ctx: Context, slug: str) -> FlaskClient:
    name = f"bench-officer-{slug}"[:64]
    if name not in {u.name for u in ctx.platform.access.users()}:
        add_user(ctx.platform, name, "csp_officer", (slug,), (), display_name="Benchmark officer")
        set_password(ctx.platform.access, name, PASSWORD, temporary=False)
    return _sign_in(client, name)


def _get(
    client: FlaskClient, path: str, expect: bytes, headers: dict[str, str] | None = None
) -> float:
    started = time.perf_counter()
    response = client.get(path, headers=headers or {})
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200 or expect not in response.data:
        raise RuntimeError(f"{path} answered {response.status_code} without {expect!r}")
    return elapsed


def _lead(region: str) -> str:
    return f"bench-lead-{region}"[:64].rstrip("-")


def _signed_in(client: FlaskClient, ctx: Context, region: str) -> FlaskClient:
    name = _lead(region)
    if name not in {u.name for u in ctx.platform.access.users()}:
        add_user(ctx.platform, name, "regional_lead", (), (region,), display_name="Benchmark lead")
        set_password(ctx.platform.access, name, PASSWORD, temporary=False)
    return _sign_in(client, name)


def _sign_in(client: FlaskClient, name: str) -> FlaskClient:
    found = CSRF.search(client.get("/").get_data(as_text=True))
    if found is None:
        raise RuntimeError("the sign-in page has no CSRF token")
    signed = client.post("/", data={"csrf_token": found[1], "username": name, "password": PASSWORD})
    if signed.status_code != 302:
        raise RuntimeError(f"{name} could not sign in ({signed.status_code})")
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
