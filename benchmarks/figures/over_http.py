"""Figure b (and g's API worker): commands over HTTP under gunicorn, 2 workers, many clients.

Clients are threads in this process, each an officer of one tenant with its own token, doing
what the API asks of a careful client: GET the action once for its ETag, then POST progress
with ``If-Match`` (a 412 means someone else wrote first: GET again). Only accepted commands
count. The same load aimed at one tenant, then at two (alternating short slices, so both
share the machine's noise), shows whether tenants serialise each other (they should not:
each has its own table and lock).

The clients are limited to one core (``os.sched_setaffinity`` of the client threads: the
last CPU), so on a small machine they cannot starve gunicorn's workers, which (with
PostgreSQL) may use every core.
"""

from __future__ import annotations

import http.client
import json
import os
import threading
import time
from datetime import date
from random import Random
from uuid import UUID

from benchmarks.context import Context
from benchmarks.figures import procs
from benchmarks.report import Row
from benchmarks.timing import rate, ratio
from tenants.users.onboarding import add_user

PORT, CLIENTS, TENANTS, SLICES = 18765, 8, 24, 3
Work = list[tuple[str, UUID]]


def measure(ctx: Context, in_process: float | None) -> None:
    work = ctx.live_actions(5000, seed=11)
    slugs = sorted({slug for slug, _ in work})[:TENANTS]
    tokens = {s: _token(ctx, s) for s in slugs}
    work = [(s, a) for s, a in work if s in tokens]
    env = ctx.store.child_environ(GUNICORN_LOG_LEVEL="warning", GUNICORN_THREADS="4")
    server = procs.start(
        ["serve", "--no-projections", "--workers", "2", "--port", str(PORT)],
        env,
        ctx.workdir / f"gunicorn-{ctx.kind}.log",
    )
    try:
        procs.wait_http(PORT, server)
        sampler = procs.PeakSampler(server.pid).start()  # gunicorn recycles workers (max_requests)
        window = ctx.window(12.0)
        spread = _load(work, tokens, window)
        ones, twos = [], []
        for _ in range(SLICES):
            ones.append(_load([w for w in work if w[0] == slugs[0]], tokens, window / 2 / SLICES))
            twos.append(_load([w for w in work if w[0] in slugs[:2]], tokens, window / 2 / SLICES))
        one, two = sum(ones) / SLICES, sum(twos) / SLICES
        peak = sampler.stop()
    finally:
        procs.stop(server)
    ctx.report.add(
        Row(
            "b",
            ctx.kind,
            f"commands/s over HTTP (gunicorn 2x4 threads, {CLIENTS} clients, "
            f"{len(slugs)} tenants; clients on 1 core)",
            spread,
            "cmd/s",
            "in process (figure a)",
            in_process,
            ratio(spread, in_process),
            ">= 0.6",
            (ratio(spread, in_process) or 0) >= 0.6,
        )
    )
    ctx.report.add(
        Row(
            "b",
            ctx.kind,
            "HTTP writers in 2 tenants vs 1 (same clients, clients on 1 core)",
            two,
            "cmd/s",
            "all clients on 1 tenant",
            one,
            ratio(two, one),
            ">= 1 (no cross-tenant wait)",
            (ratio(two, one) or 0) >= 1.0,
        )
    )
    base = procs.baseline_rss_mb(env, "import api.app")
    ctx.report.add(
        Row(
            "g",
            ctx.kind,
            "peak RSS of an API worker (after figure b's load)",
            peak,
            "MB",
            "process that only imports the API",
            base,
            ratio(peak, base),
            "< 150 MB",
            peak < 150,
        )
    )


def _token(ctx: Context, slug: str) -> str:
    name = f"bench-{slug}"
    add_user(ctx.platform, name, "csp_officer", (slug,), ())
    return ctx.platform.access.issue_token(name, 1).secret


def _load(work: Work, tokens: dict[str, str], window: float) -> float:
    stop, counts = threading.Event(), [0] * CLIENTS
    threads = [
        threading.Thread(target=_client, args=(i, work, tokens, stop, counts))
        for i in range(CLIENTS)
    ]
    for t in threads:
        t.start()
    started = time.perf_counter()
    time.sleep(window)
    stop.set()
    for t in threads:
        t.join()
    return rate(sum(counts), time.perf_counter() - started)


def _client(
    n: int, work: Work, tokens: dict[str, str], stop: threading.Event, counts: list[int]
) -> None:
    _one_core()
    rng, conn, etags = Random(n), http.client.HTTPConnection("127.0.0.1", PORT, timeout=30), {}
    body = json.dumps({"on": date.today().isoformat(), "text": "Weekly update: on track"})
    while not stop.is_set():
        slug, action = rng.choice(work)
        path = f"/api/v1/tenants/{slug}/actions/{action}"
        auth = {"Authorization": f"Bearer {tokens[slug]}"}
        if action not in etags:
            etags[action] = _call(conn, "GET", path, auth)[1]
        status, tag = _call(
            conn,
            "POST",
            path + "/progress",
            {**auth, "If-Match": etags[action], "Content-Type": "application/json"},
            body,
        )
        if status == 200:
            counts[n] += 1
            etags[action] = tag
        else:
            etags.pop(action, None)  # 412: another client wrote first; read it again


def _one_core() -> None:
    """Limit the calling client thread to the last CPU (Linux: affinity is per thread)."""
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) > 1:
        os.sched_setaffinity(0, {cpus[-1]})


def _call(
    conn: http.client.HTTPConnection,
    method: str,
    path: str,
    headers: dict[str, str],
    body: str | None = None,
) -> tuple[int, str]:
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    response.read()
    return response.status, response.getheader("ETag") or ""
