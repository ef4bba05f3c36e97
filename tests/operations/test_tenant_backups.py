"""A tenant backed up, dropped and restored verifies intact, on SQLite and on PostgreSQL."""

from __future__ import annotations

import io
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest

from domain.errors import DuplicateError, InvalidValueError
from tenants.backup import backup_tenant, restore_tenant
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
    before = _history(platform, slug)
    file = tmp_path / "tenant.backup"
    manifest = backup_tenant(platform, slug, file)
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
    with platform.ledgers.lease(copy) as ledger:
        add_case(ledger, 5)
        assert platform.audit.verify(ledger).intact  # the copy has seals of its own
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
    tamper(platform, slug, "UPDATE {table} SET state = state || 'x' WHERE originator_version = 1")
    file = tmp_path / "tenant.backup"
    backup_tenant(platform, slug, file)  # backs up the altered history, seals included
    _drop_store(platform, slug)
    with pytest.raises(InvalidValueError, match="altered"):
        restore_tenant(platform, file)
    with platform.ledgers.lease(slug, writing=False) as ledger:
        assert (ledger.recorder.max_notification_id() or 0) == 0  # nothing went live


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
