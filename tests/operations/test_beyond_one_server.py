"""Past one PostgreSQL server: tenants on two servers behind one API, and a hot standby.

Each test creates its own local cluster(s) on free loopback ports under /tmp and removes
them afterwards, whatever happens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from flask import Flask

from adapters.settings import Settings
from api.app import create_app
from api.resources.views import close_views
from domain.recording import acting_as
from projections.service import ProjectionService
from tenants.backup.moving import move_tenant
from tenants.platform import Platform, bootstrap
from tenants.users.onboarding import add_user
from tests.conftest import TEST_MASTER_KEY, fresh_database
from tests.integration.test_audit_seals import add_case, tenant_with_cases
from tests.operations.clusters import Cluster, hot_standby, local_cluster, wait_for_replay

pytestmark = pytest.mark.postgres


@pytest.fixture
def home_url() -> Iterator[str]:
    """A database of this test's own, so a tenant stranded by a failure touches no other test."""
    with fresh_database("ledger_move") as url:
        yield url


@pytest.fixture
def second_server() -> Iterator[Cluster]:
    with local_cluster() as cluster:
        cluster.sql("CREATE DATABASE ledger_second")
        yield cluster


def _platform(tmp_path: Path, **env: str) -> Platform:
    return bootstrap(
        Settings.from_environ(
            {
                "LEDGER_DATA_DIR": str(tmp_path),
                "LEDGER_PG_POOL_SIZE": "3",
                "LEDGER_MASTER_KEY": TEST_MASTER_KEY,  # every process of one platform shares it
                **env,
            }
        )
    )


def _token(
    p: Platform, name: str, role: str, tenants: tuple[str, ...] = (), regions: tuple[str, ...] = ()
) -> dict[str, str]:
    add_user(p, name, role, tenants, regions)
    return {"Authorization": f"Bearer {p.access.issue_token(name).secret}"}


def _schemas(url: str) -> set[str]:
    with psycopg.connect(url, autocommit=True) as conn:
        return {r[0] for r in conn.execute("SELECT nspname FROM pg_namespace").fetchall()}


def test_a_tenant_moved_to_a_second_server_keeps_serving_with_its_history(
    home_url: str,
    second_server: Cluster,
    tmp_path: Path,
    unique: Callable[[str], str],
) -> None:
    p = _platform(tmp_path, LEDGER_DATABASE_URL=home_url)
    try:
        with acting_as("operator:test"):
            moving = tenant_with_cases(p, unique, cases=3)
            region = p.registry.tenant(moving).region
            staying = unique("stays")
            p.register_tenant(staying, "Stays", region)
            with p.ledgers.lease(staying) as ledger:
                add_case(ledger, 1)
            with p.ledgers.lease(moving, writing=False) as ledger:
                before = ledger.recorder.select_notifications(0, 1000)
            officer = _token(p, unique("officer"), "csp_officer", (moving,))
            neighbour = _token(p, unique("neighbour"), "csp_officer", (staying,))
            app = create_app({"PLATFORM": p, "TESTING": True})
            client = app.test_client()
            assert (
                client.get(f"/api/v1/tenants/{moving}/reviews", headers=officer).status_code == 200
            )

            result = move_tenant(p, moving, second_server.url("ledger_second"))

        area = p.registry.tenant(moving).store_area
        assert result.events == len(before)
        assert p.registry.tenant(moving).server == second_server.url("ledger_second")
        assert area in _schemas(second_server.url("ledger_second"))
        assert area not in _schemas(home_url)  # the old copy is gone
        assert p.registry.tenant(moving).status == "active"
        with p.ledgers.lease(moving, writing=False) as ledger:
            after = ledger.recorder.select_notifications(0, 1000)
        assert [(n.id, n.originator_id, n.originator_version, bytes(n.state)) for n in after] == [
            (n.id, n.originator_id, n.originator_version, bytes(n.state)) for n in before
        ]
        # one API, two servers: both tenants answer, and a new case lands on the second server
        listed = client.get(f"/api/v1/tenants/{moving}/reviews", headers=officer)
        assert listed.status_code == 200 and "DHR-2" in listed.get_data(as_text=True)
        assert (
            client.get(f"/api/v1/tenants/{staying}/reviews", headers=neighbour).status_code == 200
        )
        case = {
            "reference": "DHR-MOVED",
            "incident_on": "2024-01-10",
            "notified_on": "2024-01-20",
            "pseudonym": "Ann",
            "kind": "dhr",
            "death_category": "intimate_partner_homicide",
        }
        created = client.post(f"/api/v1/tenants/{moving}/reviews", json=case, headers=officer)
        assert created.status_code == 201
        with psycopg.connect(second_server.url("ledger_second")) as conn:
            table = f'"{area}"."ledger_{moving.replace("-", "_")}_events"'
            stored = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
        assert stored is not None and stored[0] > len(before)
        with p.ledgers.lease(moving, writing=False) as ledger:
            assert p.audit.verify(ledger).intact
    finally:
        p.close()
    restarted = _platform(tmp_path, LEDGER_DATABASE_URL=home_url)  # another process
    try:
        with restarted.ledgers.lease(moving, writing=False) as ledger:
            head = ledger.recorder.max_notification_id() or 0
            # another process decrypts the moved store with the home platform's keys
            assert "DHR-MOVED" in {r.reference for r in ledger.reviews.all()}
        assert head > len(before)
        with acting_as("operator:test"):  # and home again, before the second server goes away
            back = move_tenant(restarted, moving, home_url)
        assert back.head == head and restarted.registry.tenant(moving).server == ""
        assert area in _schemas(home_url) and area not in _schemas(
            second_server.url("ledger_second")
        )
    finally:
        restarted.close()


def _regional(app: Flask, region: str, headers: dict[str, str]) -> Any:
    r = app.test_client().get(f"/api/v1/regions/{region}/views/dhr-counts", headers=headers)
    assert r.status_code == 200, r.get_data(as_text=True)
    return r.get_json()


def _project(p: Platform) -> None:
    service = ProjectionService(p).start()  # catches every view up before returning
    service.stop()


def test_regional_views_served_from_a_hot_standby_match_the_primary(
    tmp_path: Path, unique: Callable[[str], str]
) -> None:
    with local_cluster() as primary:
        primary.sql("CREATE DATABASE ledger")
        with hot_standby(primary) as standby:
            url, read_url = primary.url("ledger"), standby.url("ledger")
            p = _platform(tmp_path / "p", LEDGER_DATABASE_URL=url)
            reader = _platform(
                tmp_path / "r", LEDGER_DATABASE_URL=url, LEDGER_READ_DATABASE_URL=read_url
            )
            apps: list[Flask] = []
            try:
                with acting_as("operator:test"):
                    slug = tenant_with_cases(p, unique, cases=3)
                    region = p.registry.tenant(slug).region
                    other = unique("other")
                    p.register_tenant(other, "Other", region)
                    with p.ledgers.lease(other) as ledger:
                        add_case(ledger, 1)
                    analyst = _token(p, unique("analyst"), "regional_lead", (), (region,))
                _project(p)
                on_primary = create_app({"PLATFORM": p, "TESTING": True})
                on_standby = create_app({"PLATFORM": reader, "TESTING": True})
                apps += [on_primary, on_standby]
                wait_for_replay(primary, standby)
                expected = _regional(on_primary, region, analyst)
                assert {row["tenant"] for row in expected["rows"]} == {slug, other}
                assert _regional(on_standby, region, analyst) == expected

                # the standby really is where the regional reads go: hold its replay back
                standby.sql("SELECT pg_wal_replay_pause()")
                with acting_as("operator:test"), p.ledgers.lease(slug) as ledger:
                    add_case(ledger, 9)
                _project(p)
                newer = _regional(on_primary, region, analyst)
                assert newer != expected
                assert _regional(on_standby, region, analyst) == expected
                standby.sql("SELECT pg_wal_replay_resume()")
                wait_for_replay(primary, standby)
                assert _regional(on_standby, region, analyst) == newer
            finally:
                for app in apps:
                    close_views(app)
                reader.close()
                p.close()
