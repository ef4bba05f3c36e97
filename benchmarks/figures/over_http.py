"""Figure b (and g's API worker): commands over HTTP under gunicorn, 2 workers, many clients.

Clients are threads in this process, each an officer with a token per tenant and the actions
in their charge (a share of the load's actions), doing what the API asks of a careful client:
GET an action once for its ETag, then POST progress with ``If-Match`` and keep the ETag the
answer carries (a 412 or 409 means someone else wrote first: GET again). Only accepted
commands count; every status, and the first problem body of each, goes to stderr, and a
dropped connection (a worker recycled under ``max_requests``) is counted and reopened.

Every load is timed warm, as figure a is: before the spread load each client reads each of its
actions once (untimed), so the timed window holds commands, not first reads and cold loads.

The second row asks one question: does a second tenant's load slow the first? The same eight
clients, each with the same number of actions (``_pair_shares``), write either all to tenant
A or half of them (clients 4-7) to tenant B instead; nothing else changes, so only the
tenant of half the writes differs. It used to split the union of both tenants' actions among
the clients, so a client's share (and the aggregates its worker kept warm) depended on the
configuration, and it ran three 1-then-2 pairs of slices: with slices of 1-2 s one worker
recycle (``max_requests``) or the other helpers' load landing in a slice swung a ratio from
0.76 to 1.16 between calm runs with every status 200. Now both configurations are warmed
(untimed, every client has read its actions) and then run in ABBA order (1 2 2 1 1 2 2 1) in
the same total time, and the figure is the median slice of each, which one recycle cannot
move. The server's CPU per accepted command of each configuration goes to stderr: equal
CPU per command with equal throughput means the tenants do not wait for each other.

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
from pathlib import Path
from random import Random
from statistics import median
from uuid import UUID

from benchmarks.context import Context
from benchmarks.figures import procs
from benchmarks.report import Row
from benchmarks.timing import rate, ratio
from tenants.users.onboarding import add_user

PORT, CLIENTS, TENANTS, SLICES = 18765, 8, 24, 4  # SLICES per configuration
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
    with procs.serving(env, PORT, 2, ctx.workdir / f"gunicorn-{ctx.kind}.log") as server:
        sampler = procs.PeakSampler(server.pid).start()  # gunicorn recycles workers (max_requests)
        window = ctx.window(12.0)
        shares = [_share(work, n) for n in range(CLIENTS)]
        _read(shares, tokens)  # warm, as figure a is: each client has its actions' ETags
        spread = _load(shares, tokens, window, "spread")
        one_tenant, two_tenants = _pair_shares(work, *_busiest(work))
        slice_s = window / 2 / SLICES
        for shares, label in ((one_tenant, "warm 1 tenant"), (two_tenants, "warm 2 tenants")):
            _load(shares, tokens, min(1.0, slice_s), label)
        runs: dict[str, list[tuple[float, float]]] = {"1 tenant": [], "2 tenants": []}
        for label in _abba(SLICES):
            shares = one_tenant if label == "1 tenant" else two_tenants
            cpu = _server_cpu(server.pid)
            done = _load(shares, tokens, slice_s, label)
            runs[label].append((done, _server_cpu(server.pid) - cpu))
        for label, slices in runs.items():
            cmds = sum(d for d, _ in slices) * slice_s
            sys.stderr.write(
                f"  b {label}: slices {[round(d) for d, _ in slices]} cmd/s, server CPU "
                f"{1000 * sum(c for _, c in slices) / max(cmds, 1):.2f} ms per command\n"
            )
        one = median(d for d, _ in runs["1 tenant"])
        two = median(d for d, _ in runs["2 tenants"])
        peak = sampler.stop()
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


def _load(shares: list[Work], tokens: dict[str, str], window: float, label: str = "") -> float:
    """Run the clients for ``window`` seconds, client ``n`` on ``shares[n]``."""
    stop, counts, answers = threading.Event(), [0] * CLIENTS, Answers()
    threads = [
        threading.Thread(target=_client, args=(i, shares[i], tokens, stop, counts, answers))
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


def _read(shares: list[Work], tokens: dict[str, str]) -> None:
    """Each client GETs every action of its share once, untimed: the ETags an officer's client
    holds before it posts progress, and each aggregate loaded once by the server."""

    def read(n: int) -> None:
        _one_core()
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        for slug, action in sorted(set(shares[n])):
            if action not in ETAGS[n]:
                path = f"/api/v1/tenants/{slug}/actions/{action}"
                auth = {"Authorization": f"Bearer {tokens[slug]}"}
                ETAGS[n][action] = _call(conn, "GET", path, auth)[1]
        conn.close()

    threads = [threading.Thread(target=read, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    sys.stderr.write(f"  b read {sum(len(e) for e in ETAGS)} actions (untimed)\n")


def _client(
    n: int,
    mine: Work,
    tokens: dict[str, str],
    stop: threading.Event,
    counts: list[int],
    answers: Answers,
) -> None:
    _one_core()
    rng, etags = Random(n), ETAGS[n]
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


def _busiest(work: Work) -> tuple[str, str]:
    """The two tenants with the most distinct actions in the load: "1 tenant" needs one action
    per client in tenant A, "2 tenants" one per upper-half client in tenant B. (The first two
    slugs used to be taken; at full scale a tenant has only a handful of live actions in the
    sample, so several clients shared one and refused each other with 412s.)"""
    counts = Counter(slug for slug, _ in set(work))
    (a, in_a), (b, in_b) = counts.most_common(2)
    if in_a < CLIENTS or in_b < CLIENTS // 2:
        raise RuntimeError(
            f"figure b needs {CLIENTS} live actions in one tenant and {CLIENTS // 2} in another "
            f"(found {in_a} and {in_b}); run at a larger --scale"
        )
    return a, b


def _pair_shares(work: Work, a: str, b: str) -> tuple[list[Work], list[Work]]:
    """Per-client shares for "1 tenant" and "2 tenants": the same ``k`` actions per client in
    both, all in tenant ``a`` in the first; in the second, clients in the upper half take
    ``k`` of tenant ``b``'s instead, shared among those clients only. No two clients hold the
    same action (no 412s between clients), and a client's tenant-``a`` share is the one it
    had in the spread load (a prefix of the sorted actions), so its ETags stay valid."""
    half = CLIENTS // 2
    of_a = [_share([w for w in work if w[0] == a], n) for n in range(CLIENTS)]
    in_b = sorted({w for w in work if w[0] == b})
    of_b = [in_b[n::half] for n in range(half)]
    k = max(1, min(len(s) for s in of_a + of_b))
    one = [s[:k] for s in of_a]
    two = [of_a[n][:k] for n in range(half)] + [s[:k] for s in of_b]
    return one, two


def _abba(per_config: int) -> list[str]:
    """1 2 2 1 1 2 2 1 ...: each configuration as often first as second, so a drift in the
    machine's load (the other helpers, a worker recycle) falls on both alike."""
    pair = ["1 tenant", "2 tenants"]
    return [pair[(i + i // 2) % 2] for i in range(2 * per_config)]


def _server_cpu(master: int) -> float:
    """CPU seconds of gunicorn's master and workers so far, recycled workers included (the
    master's ``cutime``/``cstime`` count the children it reaped)."""
    fields = Path(f"/proc/{master}/stat").read_text().rsplit(")", 1)[1].split()
    total = (int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])) / os.sysconf(
        "SC_CLK_TCK"
    )
    for pid in procs.children(master):
        try:
            total += procs.cpu_seconds(pid)
        except (FileNotFoundError, ProcessLookupError):  # a worker that just left
            pass
    return total


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
