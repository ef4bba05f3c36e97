"""The platform's typed words (research agreements, suspension and offboarding reasons) are never
at rest in clear, on either store, and those kept in clear by earlier code still load.

The registry's ``platform`` area is keyless on purpose (an auditor verifies chains with no key);
typed words go to the encrypted ``platform_access`` area instead. A marker typed into each
must then be found in no file of the data dir and in no events table of the database.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from uuid import UUID

import psycopg
import pytest
from click.testing import CliRunner
from psycopg.sql import SQL, Identifier

from adapters.settings import Settings
from api.cli import main
from domain.errors import InvalidValueError
from tenants.learning.agreements import ResearchAgreements
from tenants.model import Tenant, TenantStatus
from tenants.platform import PLATFORM_AREA, Platform, bootstrap
from tests.conftest import fresh_database, use_store
from tests.fixtures import make_platform_texts as old
from tests.fixtures.make_stores import MASTER_KEY, load_sqlite_dumps
from tests.integration.at_rest import readable_in

PURPOSE, REFERENCE = "ZQXPURPOSE study of the death of Jane Doe's family", "ZQXREF-7"
REVOCATION = "ZQXREVOKE researcher disclosed case details"
SUSPENSION, OFFBOARDING = "ZQXSUSPEND invoice dispute with J Bloggs", "ZQXOFFBOARD Jo left"
REVIEW = UUID("5a1c0c4e-0000-4000-8000-000000000002")


def in_clear(platform: Platform, *texts: str) -> list[str]:
    """Every file of the data dir, and every PostgreSQL events table, holding any of ``texts``
    as plain bytes (a plain ``pg_dump`` shows event bodies as hex, so the tables are asked)."""
    found = readable_in(platform, *texts)
    pg = platform.settings.postgres
    if pg is None:
        return found
    with psycopg.connect(**pg.connection_args()) as conn:
        tables = conn.execute(
            "SELECT table_schema, table_name FROM information_schema.columns "
            "WHERE column_name = 'state' AND data_type = 'bytea'"
        ).fetchall()
        assert tables
        for schema, table in tables:
            for text in texts:
                hits = conn.execute(
                    SQL("SELECT count(*) FROM {}.{} WHERE position(%s IN state) > 0").format(
                        Identifier(schema), Identifier(table)
                    ),
                    (text.encode(),),
                ).fetchone()
                if hits and hits[0]:
                    found.append(f"{schema}.{table}")
    return found


def test_agreements_and_reasons_typed_now_are_encrypted_at_rest_and_still_read(
    make_platform: Callable[..., Platform], unique: Callable[[str], str]
) -> None:
    platform = make_platform()
    region, paused, gone = unique("region"), unique("paused"), unique("gone")
    platform.registry.create_region(region, unique("Region"))
    platform.register_tenant(paused, f"CSP {paused}", region)
    platform.register_tenant(gone, f"CSP {gone}", region)
    agreements = ResearchAgreements.open(platform)
    agreement = agreements.record(
        region, REFERENCE, "a-researcher", PURPOSE, [(paused, REVIEW)],
        date(2024, 1, 1), date(2099, 1, 1),
    )  # fmt: skip
    agreements.revoke(agreement.id, REVOCATION, date(2024, 2, 1))
    agreements.close()
    platform.registry.suspend_tenant(paused, SUSPENSION)
    platform.registry.offboard_tenant(gone, OFFBOARDING)
    platform.close()

    assert in_clear(platform, PURPOSE, REFERENCE, REVOCATION, SUSPENSION, OFFBOARDING) == []

    again = make_platform()
    agreements = ResearchAgreements.open(again)
    (kept,) = agreements.of_region(region)
    assert (kept.reference, kept.purpose, kept.revocation_reason) == (
        REFERENCE,
        PURPOSE,
        REVOCATION,
    )
    agreements.close()
    assert again.registry.tenant(paused).status == TenantStatus.SUSPENDED
    assert [(c.status, c.reason) for c in again.registry.status_history(paused)] == [
        (TenantStatus.SUSPENDED, SUSPENSION)
    ]
    assert [(c.status, c.reason) for c in again.registry.status_history(gone)] == [
        (TenantStatus.OFFBOARDED, OFFBOARDING)
    ]


@pytest.mark.parametrize("reason", ["tab\tand\x1b escape", "right\u202eto left", "x" * 121, "   "])
def test_the_command_line_holds_reasons_to_the_pages_rules(
    platform: Platform,
    unique: Callable[[str], str],
    monkeypatch: pytest.MonkeyPatch,
    reason: str,
) -> None:
    region, slug = unique("region"), unique("csp")
    platform.registry.create_region(region, unique("Region"))
    platform.register_tenant(slug, f"CSP {slug}", region)
    use_store(monkeypatch, platform.settings)
    for command in ("suspend", "offboard"):
        refused = CliRunner().invoke(main, ["tenants", command, slug, "--reason", reason])
        assert refused.exit_code != 0 and "reason" in refused.output, refused.output
    assert platform.registry.tenant(slug).status == TenantStatus.ACTIVE
    assert platform.registry.status_history(slug) == []
    with pytest.raises(InvalidValueError, match="plain text"):
        platform.registry.suspend_tenant(slug, "a\x00b")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def old_platform(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Callable[[], Platform]]:
    """Opens (and reopens) a platform written by the code of 2026-12-05, which kept these
    words in the keyless ``platform`` area (``tests/fixtures/make_platform_texts.py``)."""
    data = tmp_path / "data"
    env = {"LEDGER_DATA_DIR": str(data), "LEDGER_MASTER_KEY": MASTER_KEY}
    opened: list[Platform] = []

    def opening(extra: dict[str, str]) -> Callable[[], Platform]:
        def make() -> Platform:
            opened.append(bootstrap(Settings.from_environ({**env, **extra})))
            return opened[-1]

        return make

    try:
        if request.param == "sqlite":
            load_sqlite_dumps(old.HERE / "sqlite", data)
            yield opening({})
            return
        with fresh_database("ledger_old_texts") as url:
            subprocess.run(
                ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-f", str(old.HERE / "postgres.sql"), url],
                check=True,
                capture_output=True,
            )
            yield opening({"LEDGER_DATABASE_URL": url})
            for p in opened:
                p.close()
    finally:
        for p in opened:
            p.close()


MARKERS = (
    old.PURPOSE, old.REVOCATION, old.SUSPENSION, old.OFFBOARDING, old.REVOKED_REF, old.KEPT_REF
)  # fmt: skip


def test_words_an_old_platform_kept_in_clear_still_load_and_are_in_clear_no_more(
    old_platform: Callable[[], Platform],
) -> None:
    platform = old_platform()  # starting moves the reasons out of the registry's events
    assert in_clear(platform, old.PURPOSE, old.REVOCATION)  # the fixture really is the old way
    events = platform.registry.events.get(Tenant.create_id(old.PAUSED))
    assert [type(e).__name__ for e in events][-1] == "Suspended"  # the old event, replayed
    assert [(c.status, c.reason, c.by) for c in platform.registry.status_history(old.PAUSED)] == [
        (TenantStatus.SUSPENDED, old.SUSPENSION, "operator:cli")
    ]
    assert [(c.status, c.reason) for c in platform.registry.status_history(old.GONE)] == [
        (TenantStatus.OFFBOARDED, old.OFFBOARDING)
    ]
    assert platform.registry.tenant(old.GONE).status == TenantStatus.OFFBOARDED

    agreements = ResearchAgreements.open(platform)  # moves them out of the keyless area
    kept, revoked = agreements.of_region(old.REGION)  # newest signed first
    assert (kept.reference, revoked.reference) == (old.KEPT_REF, old.REVOKED_REF)
    assert (revoked.purpose, revoked.revocation_reason) == (old.PURPOSE, old.REVOCATION)
    assert revoked.revoked_on == date(2022, 3, 1)
    assert [by for by, _ in revoked.downloads] == [old.RESEARCHER]
    assert agreements.of_researcher(old.RESEARCHER) == [kept, revoked]
    agreements.log_download(kept.id, old.RESEARCHER, datetime.now(UTC), date(2024, 1, 1))
    agreements.close()
    platform.registry.reinstate_tenant(old.PAUSED)
    platform.registry.suspend_tenant(old.PAUSED, "ZQXNEWSUSPEND paused again")
    platform.close()

    assert in_clear(platform, *MARKERS, "ZQXNEWSUSPEND") == []

    reopened = old_platform()  # moving again finds nothing to move, and loses nothing
    assert reopened.registry.notes is not None
    assert reopened.registry.notes.take_over(reopened.registry) == 0
    agreements = ResearchAgreements.open(reopened)
    assert [len(a.downloads) for a in agreements.of_region(old.REGION)] == [1, 1]
    legacy = ResearchAgreements(reopened.stores.factory(PLATFORM_AREA, ResearchAgreements.name))
    assert agreements.take_over(legacy) == 0
    legacy.close()
    agreements.close()
    assert [c.reason for c in reopened.registry.status_history(old.PAUSED)] == [
        old.SUSPENSION,
        "ZQXNEWSUSPEND paused again",
    ]
