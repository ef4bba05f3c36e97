"""Figure b (and g's API worker): commands over HTTP under gunicorn, 2 workers, many clients.

Clients are threads in this process, each an officer with a token per tenant and the actions
in their charge (a share of the load's actions), doing what the API asks of a careful client:
GET an action once for its ETag, then POST progress with ``If-Match`` and keep the ETag the
answer carries (a 412 or 409 means someone else wrote first: GET again). Only accepted
commands count; every status, and the first problem body of each, goes to stderr, and a
dropped connection (a worker recycled under ``max_requests``) is counted and reopened. The same load aimed at one tenant, then at two (alternating short slices, so both
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
import sys
import threading
import time
from collections import Counter
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
ETAGS: list[dict[UUID, str]] = [{} for _ in range(CLIENTS)]  # each client's, kept across loads


def measure(ctx: Context, in_process: float | None) -> None:
    work = ctx.live_actions(5000, seed=11)
    for etags in ETAGS:
        etags.clear()
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
        spread = _load(work, tokens, window, "spread")
        ones, twos = [], []
        for _ in range(SLICES):
            ones.append(
                _load(
                    [w for w in work if w[0] == slugs[0]], tokens, window / 2 / SLICES, "1 tenant"
                )
            )
            twos.append(
                _load(
                    [w for w in work if w[0] in slugs[:2]], tokens, window / 2 / SLICES, "2 tenants"
                )
            )
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


class Answers:
    """Every status the clients got, with the first problem body of each (printed per load)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.statuses: Counter[str] = Counter()
        self.bodies: dict[str, str] = {}

    def note(self, what: str, status: int, body: bytes) -> None:
        key = f"{what} {status}"
        with self.lock:
            self.statuses[key] += 1
            if (status >= 300 or not status) and key not in self.bodies:
                self.bodies[key] = body[:300].decode(errors="replace")

    def show(self, label: str) -> None:
        sys.stderr.write(f"  b {label}: {dict(sorted(self.statuses.items()))}\n")
        for key, body in self.bodies.items():
            sys.stderr.write(f"    {key}: {body}\n")


def _load(work: Work, tokens: dict[str, str], window: float, label: str = "") -> float:
    stop, counts, answers = threading.Event(), [0] * CLIENTS, Answers()
    threads = [
        threading.Thread(target=_client, args=(i, work, tokens, stop, counts, answers))
        for i in range(CLIENTS)
    ]
    for t in threads:
        t.start()
    started = time.perf_counter()
    time.sleep(window)
    stop.set()
    for t in threads:
        t.join()
    answers.show(label)
    return rate(sum(counts), time.perf_counter() - started)


def _client(
    n: int,
    work: Work,
    tokens: dict[str, str],
    stop: threading.Event,
    counts: list[int],
    answers: Answers,
) -> None:
    _one_core()
    rng, etags = Random(n), ETAGS[n]
    mine = _share(work, n)
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    body = json.dumps({"on": date.today().isoformat(), "text": "Weekly update: on track"})
    while not stop.is_set():
        slug, action = rng.choice(mine)
        path = f"/api/v1/tenants/{slug}/actions/{action}"
        auth = {"Authorization": f"Bearer {tokens[slug]}"}
        try:
            if action not in etags:
                etags[action] = _call(conn, "GET", path, auth, answers=answers)[1]
            status, tag = _call(
                conn,
                "POST",
                path + "/progress",
                {**auth, "If-Match": etags[action], "Content-Type": "application/json"},
                body,
                answers,
            )
        except (OSError, http.client.HTTPException) as e:  # a recycled worker, a time-out
            answers.note("error", 0, type(e).__name__.encode())
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
            etags.pop(action, None)
            continue
        if status == 200:
            counts[n] += 1
            etags[action] = tag
        else:
            etags.pop(action, None)  # 412/409: another client wrote first; read it again
    conn.close()


def _share(work: Work, n: int) -> Work:
    """Client ``n``'s own actions (an officer updates the actions in their charge), so it
    reads an action once and then writes with the ETag its last write returned; all of them
    when there are fewer distinct actions than clients."""
    distinct = sorted(set(work))
    return distinct[n::CLIENTS] or distinct


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
    answers: Answers | None = None,
) -> tuple[int, str]:
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    if answers is not None:
        answers.note(method, response.status, data)
    return response.status, response.getheader("ETag") or ""
