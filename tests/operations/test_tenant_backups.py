"""A tenant backed up, dropped and restored verifies intact, on SQLite and on PostgreSQL."""

from __future__ import annotations

import io
import json
import sqlite3
import tarfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from adapters.crypto.errors import KeyMissingError
from adapters.crypto.master import MasterKey, format_master_key
from adapters.crypto.sealed import new_key
from adapters.stores import SQLiteStores
from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError
from domain.vault import PersonalDetails
from tenants.audit import HistoryAlteredError
from tenants.backup import backup_tenant, restore_tenant
from tenants.model import TenantStatus
from tenants.platform import Platform
from tests.integration.test_audit_seals import add_case, tamper, tenant_with_cases


def _history(platform: Platform, slug: str) -> list[tuple[int, str, int, bytes]]:
    with platform.ledgers.lease(slug, writing=False) as ledger:
        notes = ledger.recorder.select_notifications(0, 10_000)
        return [(n.id, str(n.originator_id), n.originator_version, bytes(n.state)) for n in notes]


def _drop_store(platform: Platform, slug: str) -> None:
    """What losing a tenant's schema or file looks like to the platform."""
    platform.ledgers.forget(slug)
    platform.stores.drop_area(platform.registry.tenant(slug).store_area)


def test_a_tenant_backed_up_dropped_and_restored_is_intact_and_keeps_working(
    platform: Platform, unique: Callable[[str], str], tmp_path: Path
) -> None:
    slug = tenant_with_cases(platform, unique)
    report = b"Overview report draft: kept outside the events"
    with platform.ledgers.lease(slug) as ledger:
        review = ledger.reviews.all()[0].id
        ledger.documents.add(
            review, "overview_report_draft", "Draft", "d.txt", report, date.today()
        )
    before = _history(platform, slug)
    file = tmp_path / "tenant.backup"
    manifest = backup_tenant(platform, slug, file)
    assert report not in file.read_bytes()  # the document travels sealed
    assert manifest.head == before[-1][0] and manifest.seals[-1].position == manifest.head
    _drop_store(platform, slug)
    with platform.ledgers.lease(slug, writing=False) as ledger:
        assert (ledger.recorder.max_notification_id() or 0) == 0  # the history is gone
    _drop_store(platform, slug)
    restored = restore_tenant(platform, file)
    assert restored.tenant == slug and restored.events == len(before)
    assert restored.seals_checked >= 1 and restored.sealed_after_backup == 0
    assert _history(platform, slug) == before  # same positions, ids and bytes
    with platform.ledgers.lease(slug) as ledger:
        assert ledger.documents.file(review, 1, 1)[1] == report  # the files came back too
        add_case(ledger, 7)  # it goes on recording after the restore
        assert platform.audit.verify(ledger).intact


def test_a_backup_restores_beside_the_original_under_another_slug(
    platform: Platform, unique: Callable[[str], str], tmp_path: Path
) -> None:
    slug = tenant_with_cases(platform, unique, cases=2)
    file = tmp_path / "tenant.backup"
    backup_tenant(platform, slug, file)
    copy = unique("copy")
    restored = restore_tenant(platform, file, as_slug=copy)
    original, copied = platform.registry.tenant(slug), platform.registry.tenant(copy)
    assert copied.region == original.region and restored.events == len(_history(platform, slug))
    assert [h[1:] for h in _history(platform, copy)] == [h[1:] for h in _history(platform, slug)]
    assert copied.status is TenantStatus.COPY  # to inspect, not a second partnership
    with platform.ledgers.lease(copy, writing=False) as ledger:
        assert platform.audit.verify(ledger).intact  # the copy has seals of its own
    with pytest.raises(InvalidTransitionError, match="copy"), platform.ledgers.lease(copy):
        pass  # nothing is recorded in a copy
    with platform.ledgers.lease(slug, writing=False) as ledger:
        assert platform.audit.verify(ledger).intact  # and the original is untouched


def test_restoring_over_a_tenant_that_still_has_events_is_refused(
    platform: Platform, unique: Callable[[str], str], tmp_path: Path
) -> None:
    slug = tenant_with_cases(platform, unique, cases=1)
    file = tmp_path / "tenant.backup"
    backup_tenant(platform, slug, file)
    before = _history(platform, slug)
    with pytest.raises(DuplicateError, match="--as"):
        restore_tenant(platform, file)
    assert _history(platform, slug) == before


def test_an_altered_backup_is_refused_before_it_goes_live(
    platform: Platform, unique: Callable[[str], str], tmp_path: Path
) -> None:
    slug = tenant_with_cases(platform, unique, cases=2)
    with platform.ledgers.lease(slug, writing=False) as ledger:
        platform.audit.seal(ledger)
    _flip_a_stored_byte(platform, slug)
    file = tmp_path / "tenant.backup"
    told: list[HistoryAlteredError] = []
    backup_tenant(platform, slug, file, told.append)  # backs up the altered history, seals included
    assert len(told) == 1 and len(platform.audit.seals(slug)) == 1  # not sealed over it
    _drop_store(platform, slug)
    with pytest.raises(InvalidValueError, match="altered"):
        restore_tenant(platform, file)
    with platform.ledgers.lease(slug, writing=False) as ledger:
        assert (ledger.recorder.max_notification_id() or 0) == 0  # nothing went live


def _flip_a_stored_byte(platform: Platform, slug: str) -> None:
    """Alter one byte of a stored (encrypted) event body, as a person with the database might."""
    if isinstance(platform.stores, SQLiteStores):
        path = platform.stores.path(platform.registry.tenant(slug).store_area)
        with sqlite3.connect(path) as conn:
            rowid, state = conn.execute(
                "SELECT rowid, state FROM stored_events WHERE originator_version = 1 LIMIT 1"
            ).fetchone()
            altered = bytes(state[:-1]) + bytes([state[-1] ^ 1])
            conn.execute("UPDATE stored_events SET state = ? WHERE rowid = ?", (altered, rowid))
    else:
        tamper(
            platform,
            slug,
            "UPDATE {table} SET state = set_byte(state, length(state) - 1, "
            "get_byte(state, length(state) - 1) # 1) WHERE originator_version = 1",
        )


def test_a_damaged_backup_file_is_refused(
    platform: Platform, unique: Callable[[str], str], tmp_path: Path
) -> None:
    slug = tenant_with_cases(platform, unique, cases=1)
    file = tmp_path / "tenant.backup"
    backup_tenant(platform, slug, file)
    damaged = tmp_path / "damaged.backup"
    with tarfile.open(file) as src, tarfile.open(damaged, "w") as dst:
        for member in src.getmembers():
            data = src.extractfile(member)
            assert data is not None
            body = data.read()
            if member.name == "store.dump":
                body = body[:-40] + bytes(40)
            dst.addfile(member, io.BytesIO(body))
    with pytest.raises(InvalidValueError, match="damaged"):
        restore_tenant(platform, damaged, as_slug=unique("copy"))


def test_a_copy_reads_its_vault_and_erased_case_keys_stay_erased(
    platform: Platform, unique: Callable[[str], str], tmp_path: Path
) -> None:
    """The backup carries the wrapped keys; a copy under another slug reads its vault, and a
    case key erased before (recorded in history) or after the backup is not brought back."""
    slug = tenant_with_cases(platform, unique, cases=3)
    today = date(2026, 1, 5)
    with platform.ledgers.lease(slug) as ledger:
        kept, before, after = [r.id for r in ledger.reviews.all()][:3]
        for review in (kept, before, after):
            ledger.vault.record(review, PersonalDetails("Vx Person"), today)
        ledger.vault.erase(before, "asked before the backup", today)
    file = tmp_path / "tenant.backup"
    manifest = backup_tenant(platform, slug, file)
    assert set(manifest.keys["cases"]) == {str(kept), str(after)}  # the erased key is gone
    assert b"Vx Person" not in file.read_bytes()  # keys and bodies stay wrapped in the file
    with platform.ledgers.lease(slug) as ledger:
        ledger.vault.erase(after, "asked after the backup", today)
    copy = unique("copy")
    restored = restore_tenant(platform, file, as_slug=copy)
    assert restored.case_keys == 1 and restored.erased_since_backup == (str(after),)
    with platform.ledgers.lease(copy, writing=False) as ledger:
        assert ledger.vault.entry(kept).details == PersonalDetails("Vx Person")
        assert ledger.vault.entry(before).status == "erased"
        with pytest.raises(KeyMissingError):
            ledger.vault.entry(after)  # unreadable: not resurrected


def test_a_backup_is_refused_under_another_master_key(
    platform: Platform, unique: Callable[[str], str], tmp_path: Path
) -> None:
    slug = tenant_with_cases(platform, unique, cases=1)
    file = tmp_path / "tenant.backup"
    backup_tenant(platform, slug, file)
    copy = unique("copy")
    keyring = platform.stores.keyring
    real = keyring.master
    keyring.master = MasterKey(format_master_key(new_key()), tmp_path / "none.key")
    try:
        with pytest.raises(KeyMissingError, match="LEDGER_MASTER_KEY"):
            restore_tenant(platform, file, as_slug=copy)
    finally:
        keyring.master = real
    assert copy not in [t.slug for t in platform.registry.tenants()]  # nothing went live


def test_a_backup_from_before_backups_carried_keys_restores_here(
    platform: Platform, unique: Callable[[str], str], tmp_path: Path
) -> None:
    """Files written before the manifest had ``keys`` use this platform's keys of the store."""
    slug = tenant_with_cases(platform, unique, cases=2)
    file, old = tmp_path / "tenant.backup", tmp_path / "old.backup"
    backup_tenant(platform, slug, file)
    with tarfile.open(file) as src, tarfile.open(old, "w") as dst:
        for member in src.getmembers():
            data = src.extractfile(member)
            assert data is not None
            body = data.read()
            if member.name == "manifest.json":
                manifest = json.loads(body)
                del manifest["keys"]
                body = json.dumps(manifest).encode()
                member.size = len(body)
            dst.addfile(member, io.BytesIO(body))
    copy = unique("copy")
    restore_tenant(platform, old, as_slug=copy)
    with platform.ledgers.lease(copy, writing=False) as ledger:
        assert {r.reference for r in ledger.reviews.all()} == {"DHR-0", "DHR-1"}
