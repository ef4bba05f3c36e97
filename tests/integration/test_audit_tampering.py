"""The audit reads every stored row, whatever its position, on both stores: the tampering that
slipped past a verify reading only the application's notification log is caught, and the
failure names the seal or the row."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from click.testing import CliRunner
from psycopg.sql import SQL, Identifier

from adapters.audit_rows import stored_rows
from adapters.stores import PostgresStores, SQLiteStores
from api.cli import main
from domain.vault import PersonalDetails
from tenants.audit import HistoryAlteredError, Verification
from tenants.bundles.export import write_bundle
from tenants.bundles.logging import log_export
from tenants.ledger import PartnershipLedger
from tenants.platform import Platform, bootstrap
from tenants.region_ledger import RegionLedger
from tenants.region_ledger import store_area as region_store_area
from tenants.unreadable import ALTERED
from tests.api.test_audit_bundle import verifier
from tests.conftest import fresh_database, settings_for
from tests.integration.test_audit_seals import add_case, tenant_with_cases


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    """A database of these tests' own: what they alter would otherwise sit in the session's
    shared database, where anything reading every partnership (reminders, earlier
    recommendations) would meet it."""
    with fresh_database("ledger_tampering") as url:
        yield url


def tamper(platform: Platform, slug: str, *statements: str) -> None:
    """Run SQL behind the application's back; ``{table}`` is the events table, ``{pos}`` the
    position column (SQLite's rowid, PostgreSQL's notification_id). ``slug`` is a
    partnership's, or "@" and a region's for the region's own ledger (as seals name it)."""
    area, app = _store(platform, slug)
    if isinstance(platform.stores, SQLiteStores):
        with sqlite3.connect(platform.stores.path(area), isolation_level=None) as conn:
            for sql in statements:
                conn.execute(sql.format(table="stored_events", pos="rowid"))
        return
    assert isinstance(platform.stores, PostgresStores)
    target = SQL("{}.{}").format(Identifier(area), Identifier(f"{app}_events"))
    with platform.stores.shared.transaction(commit=True) as curs:
        for sql in statements:
            text = sql.replace("{table}", "{t}").replace("{pos}", "notification_id")
            curs.execute(SQL(text).format(t=target))


def _store(platform: Platform, slug: str) -> tuple[str, str]:
    """The store area and application name of a partnership, or of "@<region>"'s ledger."""
    if slug.startswith("@"):
        return region_store_area(slug[1:]), RegionLedger.app_name(slug[1:])
    return platform.registry.tenant(slug).store_area, PartnershipLedger.app_name(slug)


def flip_a_byte(platform: Platform, slug: str, record: UUID, version: int) -> int:
    """Alter the last byte of one stored (encrypted) event body, as a person with the database
    might; the event's position. ``slug`` as ``tamper`` takes it."""
    if isinstance(platform.stores, SQLiteStores):
        path = platform.stores.path(_store(platform, slug)[0])
        with sqlite3.connect(path) as conn:
            rowid, state = conn.execute(
                "SELECT rowid, state FROM stored_events"
                " WHERE originator_id = ? AND originator_version = ?",
                (record.hex, version),
            ).fetchone()
            altered = bytes(state[:-1]) + bytes([state[-1] ^ 1])
            conn.execute("UPDATE stored_events SET state = ? WHERE rowid = ?", (altered, rowid))
    else:
        tamper(
            platform,
            slug,
            "UPDATE {table} SET state = set_byte(state, length(state) - 1, "
            "get_byte(state, length(state) - 1) # 1) "
            f"WHERE originator_id = '{record}' AND originator_version = {version}",
        )
    # the application may hold the record from before (its aggregate cache): reopen it, as a
    # restarted service would, so what is read is what is stored
    if slug.startswith("@"):
        platform.region_ledgers.forget(slug[1:])
        with platform.region_ledgers.lease(slug[1:], writing=False) as region:
            return _position(region, record, version)
    platform.ledgers.forget(slug)
    with platform.ledgers.lease(slug, writing=False) as ledger:
        return _position(ledger, record, version)


def _position(ledger: PartnershipLedger | RegionLedger, record: UUID, version: int) -> int:
    return next(
        e.position
        for e in stored_rows(ledger.recorder)
        if e.originator_id == record and e.originator_version == version
    )


def verify(platform: Platform, slug: str) -> Verification:
    with platform.ledgers.lease(slug, writing=False) as ledger:
        return platform.audit.verify(ledger)


def sealed(platform: Platform, slug: str, more_cases: int = 0) -> int:
    """Seal now, record ``more_cases`` more; the sealed position."""
    with platform.ledgers.lease(slug) as ledger:
        position = platform.audit.seal(ledger).position
        for n in range(more_cases):
            add_case(ledger, 100 + n)
    return position


def test_deleting_the_sealed_event_is_caught_though_later_events_follow(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    slug = tenant_with_cases(platform, unique)
    head = sealed(platform, slug, more_cases=1)
    assert verify(platform, slug).intact
    tamper(platform, slug, f"DELETE FROM {{table}} WHERE {{pos}} = {head}")
    result = verify(platform, slug)
    assert not result.intact and result.broken_at_seal == head
    assert any(f"seal at position {head}" in p and "gone" in p for p in result.problems)


def test_a_row_planted_at_position_zero_or_below_is_caught(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    slug = tenant_with_cases(platform, unique)
    sealed(platform, slug)
    for position in (0, -5):  # the next version of the first record: the application loads it
        tamper(
            platform,
            slug,
            "INSERT INTO {table} ({pos}, originator_id, originator_version, topic, state)"
            f" SELECT {position}, originator_id, (SELECT max(originator_version) + 1"
            " FROM {table} AS later WHERE later.originator_id = first.originator_id),"
            " topic, state FROM {table} AS first WHERE {pos} > 0 ORDER BY {pos} LIMIT 1",
        )
    result = verify(platform, slug)
    assert not result.intact and result.broken_at_seal == -5
    assert [p for p in result.problems if "positions start at 1" in p] == [
        "a row at position -5: positions start at 1, so it was written behind the application's back",
        "a row at position 0: positions start at 1, so it was written behind the application's back",
    ]


def test_a_row_planted_with_a_duplicate_version_is_caught(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    slug = tenant_with_cases(platform, unique)
    sealed(platform, slug)
    if isinstance(platform.stores, SQLiteStores):  # first drop the uniqueness that stops it
        drop_key = [
            "ALTER TABLE {table} RENAME TO old_events",
            "CREATE TABLE {table} (originator_id TEXT, originator_version INTEGER,"
            " topic TEXT, state BLOB)",
            "INSERT INTO {table} (rowid, originator_id, originator_version, topic, state)"
            " SELECT rowid, originator_id, originator_version, topic, state FROM old_events",
            "DROP TABLE old_events",
        ]
    else:
        table = f"{PartnershipLedger.app_name(slug)}_events"
        drop_key = [f'ALTER TABLE {{table}} DROP CONSTRAINT "{table}_pkey"']
    tamper(
        platform,
        slug,
        *drop_key,
        "INSERT INTO {table} (originator_id, originator_version, topic, state)"
        " SELECT originator_id, originator_version, topic, state FROM {table}"
        " ORDER BY {pos} LIMIT 1",
    )
    result = verify(platform, slug)
    assert not result.intact
    assert any("version 1 of its record where version 2 was due" in p for p in result.problems)


def test_truncating_the_tail_back_past_the_last_seal_is_caught(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    slug = tenant_with_cases(platform, unique)
    head = sealed(platform, slug, more_cases=2)
    before = verify(platform, slug)
    assert before.intact and before.unsealed_events == 4  # two cases: event + index entry each
    tamper(platform, slug, f"DELETE FROM {{table}} WHERE {{pos}} >= {head - 1}")
    result = verify(platform, slug)
    assert not result.intact and result.broken_at_seal == head
    assert result.problems == (
        f"the seal at position {head} ({_sealed_at(platform, slug)}) vouches for an event "
        "that is gone",
    )


def _sealed_at(platform: Platform, slug: str) -> str:
    seal = platform.audit.seals(slug)[-1]
    return "sealed " + seal.sealed_at.strftime("%Y-%m-%d %H:%M UTC")


def test_an_event_whose_time_cannot_be_read_starts_a_bundle_from_a_later_day(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    """Every readable event is before the day asked for; the altered one cannot say when it was
    recorded, so the bundle starts at it, flagged, rather than leave it out unseen."""
    slug = tenant_with_cases(platform, unique)
    with platform.ledgers.lease(slug, writing=False) as ledger:
        second = ledger.reviews.index().review_ids[1]
    position = flip_a_byte(platform, slug, second, 1)
    out = io.BytesIO()
    with platform.ledgers.lease(slug, writing=False) as ledger:
        done = write_bundle(
            out, ledger, platform.audit, exported_for="test", since=date.today() + timedelta(1)
        )
    with zipfile.ZipFile(out) as z:
        manifest = json.loads(z.read("manifest.json"))
    assert done.unreadable == 1 and manifest["first_position"] == position
    assert manifest["events_before"] == position - 1
    assert [(u["position"], u["record"], u["why"]) for u in manifest["unreadable"]] == [
        (position, "DomesticHomicideReview", ALTERED)
    ]


@pytest.mark.parametrize("store_kind", ["sqlite"])  # PostgreSQL's columns are typed
@pytest.mark.parametrize(
    "edit, stored_as",
    [
        ("originator_id = upper(originator_id)", "its record id is stored as text"),
        (
            "originator_id = substr(originator_id, 1, 8) || '-' || substr(originator_id, 9)",
            "its record id is stored as text",
        ),
        ("originator_id = CAST(originator_id AS BLOB)", "its record id is stored as blob"),
        ("originator_version = originator_version + 0.5", "its version is stored as real"),
        ("state = CAST(state AS TEXT)", "its body is stored as text"),
    ],
)
def test_a_row_respelt_so_the_application_skips_it_is_caught_though_it_hashes_the_same(
    platform: Platform, unique: Callable[[str], str], store_kind: str, edit: str, stored_as: str
) -> None:
    """The chain hashes an id's UUID and a body's bytes, so an id in capitals or a body stored
    as text hashes as before, and the seal still matches; yet the application looks rows up by
    the exact text it wrote, so the event is gone from the record. PostgreSQL's columns are
    typed (uuid, bigint, bytea): no other spelling can be stored there."""
    assert isinstance(platform.stores, SQLiteStores)
    slug = tenant_with_cases(platform, unique)
    head = sealed(platform, slug)
    tamper(platform, slug, f"UPDATE {{table}} SET {edit} WHERE {{pos}} = {head - 1}")
    result = verify(platform, slug)
    assert not result.intact and result.broken_at_seal == head - 1
    assert any(
        p.startswith(f"the row at position {head - 1} is not stored as the application writes it")
        and stored_as in p
        for p in result.problems
    ), result.problems


def test_verify_reports_a_row_and_a_store_it_cannot_read_and_goes_on_to_the_other_tenants(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A body stored as text that is not UTF-8 stops SQLite's text decoder; a store file that
    is not a database stops everything. Each is reported for its tenant and the rest verified."""
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    run = CliRunner().invoke
    assert run(main, ["regions", "create", "west-mids", "West Midlands"]).exit_code == 0
    slugs = ("a-csp", "b-csp", "c-csp")
    for slug in slugs:
        registered = run(main, ["tenants", "register", slug, slug, "--region", "west-mids"])
        assert registered.exit_code == 0, registered.output
    platform = bootstrap(settings_for("sqlite", tmp_path, ""))
    try:
        for slug in slugs:
            with platform.ledgers.lease(slug) as ledger:
                add_case(ledger, 1)
                platform.audit.seal(ledger)
        assert isinstance(platform.stores, SQLiteStores)
        a_store, b_store = (
            platform.stores.path(platform.registry.tenant(s).store_area) for s in slugs[:2]
        )
    finally:
        platform.close()
    with sqlite3.connect(a_store) as conn:  # a NUL where a JSON byte was, then not UTF-8 at all
        conn.execute(
            "UPDATE stored_events SET state = CAST(X'FF00FE' || state AS TEXT) WHERE rowid = 1"
        )
    for leftover in b_store.parent.glob(b_store.name + "*"):
        leftover.unlink()
    b_store.write_bytes(b"not a database" * 100)

    verified = run(main, ["audit", "verify"])

    lines = {line.split("\t")[0]: line for line in verified.output.splitlines() if "\t" in line}
    assert verified.exit_code == 1, verified.output
    assert "ALTERED at or before position 1" in lines["a-csp"]
    assert "its body is stored as text" in verified.output
    assert "NOT VERIFIED: its store could not be read" in lines["b-csp"]
    assert lines["c-csp"].startswith("c-csp\tintact")
    bundle = tmp_path / "a.zip"  # exported all the same, marked ALTERED, on the CLI and inside
    exported = run(main, ["audit", "export", "a-csp", "-o", str(bundle)])
    assert exported.exit_code == 1 and "a-csp\tALTERED: verifying its history" in exported.output
    checked = verifier(bundle)
    assert checked.returncode == 1 and checked.stdout.startswith("ALTERED"), checked.stdout
    with zipfile.ZipFile(bundle) as z:
        problems = json.loads(z.read("manifest.json"))["verification"]["problems"]
    assert any("its body is stored as text" in p for p in problems)


@pytest.mark.parametrize("tampering", ["delete", "alter"])
def test_rows_an_exported_bundle_holds_cannot_be_removed_or_changed_though_no_seal_covers_them(
    platform: Platform, unique: Callable[[str], str], tampering: str
) -> None:
    """An auditor holds the bundle's head link: the unsealed tail it carried is vouched for."""
    slug = tenant_with_cases(platform, unique)
    sealed_head = sealed(platform, slug, more_cases=1)
    with platform.ledgers.lease(slug, writing=False) as ledger:
        done = write_bundle(io.BytesIO(), ledger, platform.audit, exported_for="auditor:ann")
    log_export(platform, slug, "auditor:ann", None, done)
    before = verify(platform, slug)
    assert before.intact and before.exports_checked == 1 and before.unsealed_events == 2
    if tampering == "delete":
        tamper(platform, slug, f"DELETE FROM {{table}} WHERE {{pos}} > {sealed_head}")
    else:
        tamper(
            platform,
            slug,
            "UPDATE {table} SET state = substr(state, 1, length(state) - 1)"
            f" WHERE {{pos}} = {done.head_position}",
        )
    result = verify(platform, slug)
    assert not result.intact and result.broken_at_seal == done.head_position
    exported_at = platform.audit.exports(slug)[-1].exported_at.strftime("%Y-%m-%d %H:%M UTC")
    said = f"the audit bundle exported {exported_at} for auditor:ann vouched for the event at "
    assert result.problems == (
        said + f"position {done.head_position}, which is gone"
        if tampering == "delete"
        else said + f"position {done.head_position}, which no longer matches: an event up to it "
        "was changed, removed, inserted or reordered",
    )


def _exported(platform: Platform, slug: str, path: Path) -> tuple[Any, dict[str, Any], list[Any]]:
    """Export ``slug``'s bundle to ``path``: what the export said, its manifest, its rows."""
    with platform.ledgers.lease(slug, writing=False) as ledger, path.open("wb") as out:
        done = write_bundle(out, ledger, platform.audit, exported_for="test")
    with zipfile.ZipFile(path) as z:
        manifest = json.loads(z.read("manifest.json"))
        rows = [json.loads(line) for line in z.read("events.jsonl").splitlines()]
    return done, manifest, rows


def test_a_bundle_holds_a_planted_row_the_application_loads_and_is_marked_altered(
    platform: Platform, unique: Callable[[str], str], tmp_path: Path
) -> None:
    slug = tenant_with_cases(platform, unique)
    sealed(platform, slug)
    _, manifest, _ = _exported(platform, slug, tmp_path / "before.zip")
    assert manifest["verification"]["intact"] and manifest["altered"] == []
    assert verifier(tmp_path / "before.zip").returncode == 0
    tamper(  # the next version of the first record, at -1: the application loads it
        platform,
        slug,
        "INSERT INTO {table} ({pos}, originator_id, originator_version, topic, state)"
        " SELECT -1, originator_id, (SELECT max(originator_version) + 1"
        " FROM {table} AS later WHERE later.originator_id = first.originator_id),"
        " topic, state FROM {table} AS first WHERE {pos} > 0 ORDER BY {pos} LIMIT 1",
    )
    planted = (
        "a row at position -1: positions start at 1, so it was written behind the "
        "application's back"
    )

    done, manifest, rows = _exported(platform, slug, tmp_path / "after.zip")
    checked = verifier(tmp_path / "after.zip")

    assert done.problems == (planted,)
    assert manifest["verification"]["intact"] is False
    assert manifest["verification"]["problems"] == [planted]
    assert [r["position"] for r in rows if "outside_chain" in r] == [-1]
    assert checked.returncode == 1 and checked.stdout.startswith("ALTERED"), checked.stdout
    in_words = (
        "Event -1: events are numbered from 1, so it was written behind the application's back."
    )
    assert manifest["verification"]["found"] == [in_words]  # "problems" keeps the command line's
    assert in_words in checked.stdout and "position" not in checked.stdout


@pytest.mark.parametrize("store_kind", ["sqlite"])  # PostgreSQL's columns are typed
def test_a_bundle_flags_a_respelt_row_and_is_marked_altered(
    platform: Platform, unique: Callable[[str], str], store_kind: str, tmp_path: Path
) -> None:
    slug = tenant_with_cases(platform, unique)
    head = sealed(platform, slug)
    tamper(
        platform,
        slug,
        f"UPDATE {{table}} SET originator_id = upper(originator_id) WHERE {{pos}} = {head}",
    )

    done, manifest, rows = _exported(platform, slug, tmp_path / "b.zip")
    checked = verifier(tmp_path / "b.zip")

    assert [a["position"] for a in manifest["altered"]] == [head]
    assert (
        "its record id is stored as text"
        in next(r for r in rows if r["position"] == head)["altered"]
    )
    assert done.problems and manifest["verification"]["intact"] is False
    assert checked.returncode == 1 and "its record id is stored as text" in checked.stdout


def test_sealing_refuses_a_history_verify_calls_altered_and_never_extends_the_chain_over_it(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    """Sealing used to extend the chain from the last seal through the notification log: a row
    planted at position 0 was never read, and the new seal vouched for the history around it."""
    slug = tenant_with_cases(platform, unique)
    sealed(platform, slug, more_cases=1)
    before = platform.audit.seals(slug)
    tamper(
        platform,
        slug,
        "INSERT INTO {table} ({pos}, originator_id, originator_version, topic, state)"
        " SELECT 0, originator_id, 2, topic, state FROM {table} WHERE {pos} = 1",
    )
    with (
        platform.ledgers.lease(slug, writing=False) as ledger,
        pytest.raises(HistoryAlteredError, match="was not sealed") as refused,
    ):
        platform.audit.seal(ledger)
    assert any("a row at position 0" in p for p in refused.value.verification.problems)
    assert platform.audit.seals(slug) == before


def test_seal_reports_a_tenant_it_refuses_and_goes_on_to_the_other_tenants(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A body stored as text that is not UTF-8 crashed sealing with a traceback, and the
    tenants after it went unsealed that night."""
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    run = CliRunner().invoke
    assert run(main, ["regions", "create", "west-mids", "West Midlands"]).exit_code == 0
    slugs = ("a-csp", "b-csp")
    for slug in slugs:
        registered = run(main, ["tenants", "register", slug, slug, "--region", "west-mids"])
        assert registered.exit_code == 0, registered.output
    platform = bootstrap(settings_for("sqlite", tmp_path, ""))
    try:
        for slug in slugs:
            with platform.ledgers.lease(slug) as ledger:
                add_case(ledger, 1)
                platform.audit.seal(ledger)
                add_case(ledger, 2)
        assert isinstance(platform.stores, SQLiteStores)
        a_store = platform.stores.path(platform.registry.tenant("a-csp").store_area)
    finally:
        platform.close()
    with sqlite3.connect(a_store) as conn:  # after the last seal: only reading it all shows it
        conn.execute(
            "UPDATE stored_events SET state = CAST(X'FF00FE' || state AS TEXT) "
            "WHERE rowid = (SELECT max(rowid) FROM stored_events)"
        )

    done = run(main, ["audit", "seal"])

    lines = {line.split("\t")[0]: line for line in done.output.splitlines() if "\t" in line}
    assert done.exit_code == 1, done.output
    assert done.exception is None or isinstance(done.exception, SystemExit), done.exception
    assert "NOT SEALED: its history was altered outside the service" in lines["a-csp"]
    assert "its body is stored as text" in done.output
    assert lines["b-csp"].startswith("b-csp\tposition ")
    platform = bootstrap(settings_for("sqlite", tmp_path, ""))
    try:
        assert len(platform.audit.seals("a-csp")) == 1  # nothing vouches for the altered row
        assert len(platform.audit.seals("b-csp")) == 2
    finally:
        platform.close()


def test_a_case_key_deleted_behind_the_services_back_is_reported_though_every_seal_matches(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    """Deleting a case's key row destroys its personal details as an erasure would, with no
    event: verify passed. A case erased through the service, and one that never sealed
    anything with a key, are not reported."""
    slug = tenant_with_cases(platform, unique, cases=0)
    with platform.ledgers.lease(slug) as ledger:
        shredded, erased, bare = (
            ledger.reviews.notify(
                f"DHR-{n}", date(2020, 1, 2), date(2020, 1, 9), "Ann", "dhr", "unexpected_death"
            )
            for n in (1, 2, 3)
        )
        for review in (shredded, erased):
            ledger.vault.record(review, PersonalDetails(f"Name {review.hex[:6]}"), date(2024, 6, 1))
        ledger.vault.erase(erased, "no longer needed", date(2024, 6, 2))
        platform.audit.seal(ledger)
    assert verify(platform, slug).intact
    area = platform.registry.tenant(slug).store_area
    assert platform.stores.keyring.store.delete("case", area, str(shredded)) == 1

    result = verify(platform, slug)

    assert not result.intact and result.broken_at_seal is None  # the events are untouched
    assert len(result.problems) == 1, result.problems
    assert result.problems[0].startswith(
        f"the key of case DHR-1 ({shredded}) is gone, though the case was never erased: "
        "it was erased outside the service"
    )
    assert str(bare) not in result.problems[0]
    with platform.ledgers.lease(slug, writing=False) as ledger:
        platform.audit.seal(ledger)  # the events are as recorded: they are still sealed
