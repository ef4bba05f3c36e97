"""`ledger audit document` on both stores: a file the tenant keeps is proven once sealed
(exit 0), another file is not (exit 1); the output names the event and its position."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import main
from tenants.platform import Platform
from tests.conftest import use_store


def test_a_document_is_proven_against_the_chain_from_the_command_line(
    platform: Platform,
    unique: Callable[[str], str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    region, slug = unique("region"), unique("csp")
    platform.registry.create_region(region, unique("Region"))
    platform.register_tenant(slug, f"CSP {slug}", region)
    letter = b"Quality assurance panel letter"
    with platform.ledgers.lease(slug) as ledger:
        review = ledger.reviews.notify(
            "DHR-CLI", date(2024, 1, 2), date(2024, 1, 9), "Ann", "dhr", "unexpected_death"
        )
        ledger.documents.add(review, "qa_letter", "QA letter", "qa.txt", letter, date(2024, 6, 1))
        platform.audit.seal(ledger)
    use_store(monkeypatch, platform.settings)
    ours, other = tmp_path / "ours.txt", tmp_path / "other.txt"
    ours.write_bytes(letter)
    other.write_bytes(b"a letter the partnership never kept")
    proven = CliRunner().invoke(main, ["audit", "document", slug, str(ours)])
    assert proven.exit_code == 0, proven.output
    assert "case DHR-CLI, document 1 version 1" in proven.output
    assert "CaseDocuments.VersionAdded at position" in proven.output
    assert "chain intact" in proven.output and proven.output.rstrip().endswith("PROVEN")
    refused = CliRunner().invoke(main, ["audit", "document", slug, str(other)])
    assert refused.exit_code == 1 and "no event carries this digest" in refused.output
