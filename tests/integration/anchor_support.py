"""Sealing with an audit anchor through `ledger audit seal --anchor`, and deleting a tenant's
seals along with an edit of its history, for the tests of each place a verify is asked for."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import main
from domain.audit import AuditSeal
from tenants.platform import AUDIT_AREA, Platform
from tests.conftest import use_store
from tests.integration.test_audit_anchor import _id, tamper_platform
from tests.integration.test_audit_tampering import tamper as tamper_tenant
from tests.projections.support import open_case


def sealed_with_anchor(
    platform: Platform, anchor: Path, monkeypatch: pytest.MonkeyPatch, tenant: str
) -> None:
    """``tenant`` given a case (a history past position 2), then sealed with the anchor (alone:
    on PostgreSQL other tests' tenants share the database, and some are altered)."""
    with platform.ledgers.lease(tenant) as ledger:
        open_case(ledger, "DHR-A", date(2013, 2, 1))
    use_store(monkeypatch, platform.settings)
    monkeypatch.delenv("LEDGER_AUDIT_ANCHOR", raising=False)
    sealed = CliRunner().invoke(main, ["audit", "seal", tenant, "--anchor", str(anchor)])
    assert sealed.exit_code == 0, sealed.output


def seals_deleted_with_an_edit(platform: Platform, tenant: str) -> None:
    """What verify without the anchor calls intact, "0 seals". The seals must not have been
    read through ``platform`` before (its cache would still hold them)."""
    tamper_platform(
        platform,
        AUDIT_AREA,
        "platform_audit",
        f"DELETE FROM {{table}} WHERE originator_id = '{_id(platform, AuditSeal.create_id(tenant))}'",
    )
    tamper_tenant(
        platform, tenant, "UPDATE {table} SET state = substr(state, 1, length(state) - 1) "
        "WHERE {pos} = 2",
    )  # fmt: skip
