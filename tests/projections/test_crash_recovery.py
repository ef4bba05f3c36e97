"""Exactly-once under crashes, with the real thing: PostgreSQL, RabbitMQ, and relay and worker
as separate processes, killed with SIGKILL mid-stream and restarted. Afterwards the live views
must equal a rebuild from scratch: nothing lost, nothing counted twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from kombu import Connection

from projections.asof import as_of
from projections.port import ViewStore
from projections.queries import dhr_counts, timeliness
from projections.queries.reading import snapshot
from projections.store import open_views
from tenants.platform import Platform
from tests.projections.support import caught_up, open_case, wait_caught_up, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.rabbitmq]
CASES_PER_TENANT = 40


@pytest.fixture
def store_kind() -> str:
    return "postgres"


def start(role: str, env: dict[str, str], log_dir: Path, *extra: str) -> subprocess.Popen[bytes]:
    log = open(log_dir / f"{role}-{uuid.uuid4().hex[:4]}.log", "wb")  # noqa: SIM115 - lives with the child
    code = "from api.cli import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, "projections", role, *extra], env=env, stdout=log, stderr=log
    )


@pytest.fixture
def processes(
    platform: Platform, queue_name: str, tmp_path: Path
) -> Iterator[Callable[[str], subprocess.Popen[bytes]]]:
    settings = platform.settings
    assert settings.postgres is not None
    env = {
        **os.environ,
        "LEDGER_DATABASE_URL": os.environ.get("LEDGER_DATABASE_URL", "")
        or f"postgresql://{settings.postgres.user}@{settings.postgres.host}:{settings.postgres.port}/"
        f"{settings.postgres.dbname}",
        "LEDGER_BROKER_URL": settings.broker_url,
        "LEDGER_EVENTS_EXCHANGE": settings.events_exchange,
        "LEDGER_DATA_DIR": str(settings.data_dir),
        "LEDGER_PG_POOL_SIZE": "4",
        "LEDGER_MASTER_KEY": settings.master_key or "",
    }
    started: list[subprocess.Popen[bytes]] = []

    def run(role: str) -> subprocess.Popen[bytes]:
        extra = ("--queue", queue_name) if role == "worker" else ()
        started.append(start(role, env, tmp_path, *extra))
        return started[-1]

    yield run
    for proc in started:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=20)


def write_cases(
    platform: Platform, slugs: list[str], written: list[int], killed: threading.Event
) -> None:
    """Cases with costs, so a doubled event would show as doubled pence; most of them only
    once the relay and worker are dead, so some are always recorded while both are down."""
    for n in range(CASES_PER_TENANT):
        if n == 3:
            killed.wait(timeout=120)
        for slug in slugs:
            with platform.ledgers.lease(slug) as app:
                incident = date(2012, 1, 1) + timedelta(days=9 * n)
                rid = open_case(app, f"DHR-{n}", incident)
                app.reviews.commission(
                    rid, incident + timedelta(days=40), "chair-1", "author-1", 850_000
                )
                if n % 3 == 0:
                    app.reviews.pause(rid, incident + timedelta(days=50), "criminal_trial")
                written.append(1)


def rows(views: ViewStore, slugs: list[str]) -> list[tuple[object, ...]]:
    marks = ", ".join("?" for _ in slugs)
    with snapshot(views) as snap:
        cases = snap.all(
            f"SELECT * FROM {{cases}} WHERE tenant IN ({marks}) ORDER BY 1, 2", tuple(slugs)
        )
        pauses = snap.all(
            f"SELECT * FROM {{pauses}} WHERE tenant IN ({marks}) ORDER BY 1, 2, 3", tuple(slugs)
        )
    return [*cases, *pauses]


def test_killed_relay_and_worker_resume_with_every_event_counted_once(
    platform: Platform, processes: Callable[[str], subprocess.Popen[bytes]], queue_name: str
) -> None:
    suffix = uuid.uuid4().hex[:6]
    region = f"crash-{suffix}"
    platform.registry.create_region(region, f"Crash test region {suffix}")
    slugs = [f"csp{i}-{suffix}" for i in range(3)]
    for slug in slugs:
        platform.register_tenant(slug, slug.upper(), region)
    views = open_views(platform)
    relay, worker = processes("relay"), processes("worker")
    written: list[int] = []
    killed = threading.Event()
    writer = threading.Thread(target=write_cases, args=(platform, slugs, written, killed))
    writer.start()
    try:
        wait_for(lambda: len(rows(views, slugs)) >= 5, "the worker to apply some events")
        for proc in (relay, worker):
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        at_kill = len(written)
        killed.set()
        wait_for(lambda: len(written) > at_kill + 6, "more cases recorded while both are down")
        with Connection(platform.settings.broker_url) as conn, conn.channel() as channel:
            channel.queue_purge(queue_name)  # lose messages: the worker must notice the gap
        processes("relay"), processes("worker")
    finally:
        killed.set()
        writer.join()
    wait_caught_up(views, platform, timeout=120)
    assert caught_up(views, platform)

    with as_of(platform, datetime.now(UTC), region) as rebuilt:
        assert rows(views, slugs) == rows(rebuilt, slugs)
        assert dhr_counts(views, region) == dhr_counts(rebuilt, region)
        assert timeliness(views, region) == timeliness(rebuilt, region)
    assert dhr_counts(views, region).total.commenced == CASES_PER_TENANT * len(slugs)
    views.close()
