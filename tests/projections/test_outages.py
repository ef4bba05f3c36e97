"""Self-healing: a 15 s outage of the broker, then of PostgreSQL, as the relay and worker
processes see it (their connections go through a TCP proxy the test takes down and brings
back; the real servers keep running). No process exits, and the views catch up by themselves."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from projections.queries import dhr_counts
from projections.store import open_views
from tenants.platform import Platform
from tests.projections.proxy import Proxy
from tests.projections.support import open_case, wait_caught_up

pytestmark = [pytest.mark.postgres, pytest.mark.rabbitmq]
OUTAGE = 15.0


@pytest.fixture
def store_kind() -> str:
    return "postgres"


def through(url: str, proxy: Proxy) -> str:
    parts = urlsplit(url)
    auth = parts.netloc.rpartition("@")[0]
    return urlunsplit(
        parts._replace(
            netloc=f"{auth}@127.0.0.1:{proxy.port}" if auth else f"127.0.0.1:{proxy.port}"
        )
    )


@pytest.fixture
def proxies(platform: Platform) -> Iterator[tuple[Proxy, Proxy]]:
    assert platform.settings.postgres is not None
    pg = Proxy(platform.settings.postgres.port)
    mq = Proxy(urlsplit(platform.settings.broker_url).port or 5672)
    yield pg, mq
    pg.close()
    mq.close()


def test_a_broker_and_a_database_outage_leave_every_process_running_and_views_catch_up(
    platform: Platform, proxies: tuple[Proxy, Proxy], queue_name: str, tmp_path: Path
) -> None:
    pg, mq = proxies
    settings = platform.settings
    assert settings.postgres is not None
    a = settings.postgres
    env = {
        **os.environ,
        "LEDGER_DATABASE_URL": f"postgresql://{a.user}@127.0.0.1:{pg.port}/{a.dbname}",
        "LEDGER_BROKER_URL": through(settings.broker_url, mq),
        "LEDGER_EVENTS_EXCHANGE": settings.events_exchange,
        "LEDGER_DATA_DIR": str(settings.data_dir),
        "LEDGER_PG_POOL_SIZE": "4",
        "LEDGER_MASTER_KEY": settings.master_key or "",  # the children read encrypted events
    }
    suffix = os.urandom(3).hex()
    region, slug = f"outage-{suffix}", f"csp-{suffix}"
    platform.registry.create_region(region, f"Outage region {suffix}")
    platform.register_tenant(slug, "Outage CSP", region)
    code = "from api.cli import main; main()"
    processes = {
        role: subprocess.Popen(
            [sys.executable, "-c", code, "projections", *args],
            env=env,
            stdout=(tmp_path / f"{role}.log").open("wb"),
            stderr=subprocess.STDOUT,
        )
        for role, args in (("relay", ["relay"]), ("worker", ["worker", "--queue", queue_name]))
    }
    views = open_views(platform)
    written = 0

    def write(cases: int) -> None:
        nonlocal written
        with platform.ledgers.lease(slug) as app:  # straight to PostgreSQL, not through the proxy
            for _ in range(cases):
                open_case(app, f"DHR-{written}", date(2020, 1, 1) + timedelta(days=written))
                written += 1

    def all_alive() -> None:
        for role, proc in processes.items():
            log = (tmp_path / f"{role}.log").read_text(errors="replace")[-3000:]
            assert proc.poll() is None, f"the {role} exited with {proc.returncode}:\n{log}"

    try:
        write(3)
        wait_caught_up(views, platform, timeout=90)
        for proxy in (mq, pg):
            proxy.down()
            write(4)
            time.sleep(OUTAGE)
            all_alive()
            proxy.up()
            wait_caught_up(views, platform, timeout=90)
            all_alive()
        assert dhr_counts(views, region).total.commenced == written == 11
    finally:
        for proc in processes.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                proc.wait(timeout=30)
        views.close()
    for role in processes:
        log = (tmp_path / f"{role}.log").read_text(errors="replace")
        assert "retrying in" in log, f"the {role} never noticed an outage:\n{log[-2000:]}"
