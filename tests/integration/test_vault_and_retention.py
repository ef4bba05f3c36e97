"""The vault and the retention schedule on both stores, and their operator commands."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import main
from domain.errors import InvalidTransitionError, NotFoundError
from domain.vault import ErasureBasis, PersonalDetails
from tenants.ledger import PartnershipLedger
from tenants.platform import Platform, bootstrap
from tests.conftest import settings_for
from tests.integration.at_rest import readable_in

TODAY = date(2024, 6, 1)


def tenant(platform: Platform, unique: Callable[[str], str]) -> str:
    region, slug = unique("region"), unique("csp")
    platform.registry.create_region(region, unique("Region"))
    platform.register_tenant(slug, f"CSP {slug}", region)
    return slug


def cases(ledger: PartnershipLedger, mark: str) -> tuple[uuid.UUID, uuid.UUID]:
    """One case that ended in 2015 (no review held), one still open; both with personal details."""
    ended = ledger.reviews.notify(
        "DHR-ENDED", date(2015, 1, 2), date(2015, 1, 9), "Ann", "dhr", "unexpected_death"
    )
    ledger.reviews.decide(ended, date(2015, 2, 1), "not_hold", "criteria not met")
    open_ = ledger.reviews.notify(
        "DHR-OPEN", date(2023, 1, 2), date(2023, 1, 9), "Bea", "dhr", "unexpected_death"
    )
    for review in (ended, open_):
        ledger.vault.record(review, PersonalDetails(f"V{mark} {review.hex[:4]}"), TODAY)
    return ended, open_


def test_retention_erases_only_what_fell_due_and_records_why(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    mark = uuid.uuid4().hex[:10]
    slug = tenant(platform, unique)
    with platform.ledgers.lease(slug) as ledger:
        ended, open_ = cases(ledger, mark)
        assert ledger.vault.retention_due(TODAY) == []  # no schedule: nothing is ever erased by it
        ledger.vault.set_retention_years(6, TODAY)
        due = ledger.vault.retention_due(TODAY)
        assert [(d.review_id, d.due_on) for d in due] == [(ended, date(2021, 2, 1))]
        ledger.vault.erase(ended, "Retention: 6 years", TODAY, ErasureBasis.RETENTION)
        assert ledger.vault.retention_due(TODAY) == []
        entry = ledger.vault.entry(ended)
        assert entry.status == "erased" and entry.erasure_basis == "retention"
        assert entry.details is None
        assert ledger.vault.entry(open_).details == PersonalDetails(f"V{mark} {open_.hex[:4]}")
        with pytest.raises(InvalidTransitionError, match="already erased"):
            ledger.vault.erase(ended, "again", TODAY)
        with pytest.raises(NotFoundError, match="no personal details"):
            ledger.vault.erase(
                ledger.reviews.notify(
                    "DHR-NONE", date(2023, 1, 2), date(2023, 1, 9), "Cy", "dhr", "unexpected_death"
                ),
                "nothing there",
                TODAY,
            )
        assert platform.audit.verify(ledger).intact
    area = platform.registry.tenant(slug).store_area
    assert platform.stores.keyring.case_key(area, str(ended)) is None  # shredded
    assert readable_in(platform, mark) == []


def test_an_erasure_recorded_but_not_finished_is_finished_by_erasing_again(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    slug = tenant(platform, unique)
    with platform.ledgers.lease(slug) as ledger:
        ended, _ = cases(ledger, "x")
        keys = ledger.case_keys
        assert keys is not None
        destroy = keys.destroy
        keys.destroy = lambda case: False  # type: ignore[method-assign]  # as if it crashed first
        ledger.vault.erase(ended, "asked", TODAY)
        keys.destroy = destroy  # type: ignore[method-assign]
        area = platform.registry.tenant(slug).store_area
        assert platform.stores.keyring.case_key(area, str(ended)) is not None
        ledger.vault.erase(ended, "asked", TODAY)
        assert platform.stores.keyring.case_key(area, str(ended)) is None


def test_operators_rotate_keys_erase_and_apply_retention_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    monkeypatch.delenv("LEDGER_MASTER_KEY", raising=False)
    run = CliRunner().invoke
    assert run(main, ["regions", "create", "west-mids", "West Midlands"]).exit_code == 0
    assert (
        run(main, ["tenants", "register", "coventry", "Cov", "--region", "west-mids"]).exit_code
        == 0
    )
    platform = bootstrap(settings_for("sqlite", tmp_path, ""))
    try:
        with platform.ledgers.lease("coventry") as ledger:
            ended, open_ = cases(ledger, "cli")
    finally:
        platform.close()

    rotated = run(main, ["keys", "rotate", "coventry"])
    assert rotated.exit_code == 0 and "data key 2" in rotated.output
    assert run(main, ["keys", "list", "coventry"]).output.strip() == "coventry\t1, 2"
    assert len(run(main, ["keys", "new-master"]).output.strip()) == 44

    assert "no retention schedule" in run(main, ["retention", "run", "coventry"]).output
    assert run(main, ["retention", "set", "coventry", "6"]).exit_code == 0
    dry = run(main, ["retention", "run", "--dry-run"])
    assert (
        dry.exit_code == 0
        and "DHR-ENDED" in dry.output
        and "1 due, 0 erased (dry run)" in dry.output
    )
    mistyped = run(main, ["retention", "run", "coventry", "nosuch"])  # checked before erasing
    assert mistyped.exit_code == 2 and "No tenant 'nosuch'" in mistyped.output
    assert "erased" not in mistyped.output
    done = run(main, ["retention", "run"])
    assert "DHR-ENDED" in done.output and "1 due, 1 erased" in done.output
    assert "0 due, 0 erased" in run(main, ["retention", "run"]).output

    erased = run(
        main, ["vault", "erase", "coventry", "DHR-OPEN", "--reason", "family asked", "--yes"]
    )
    assert erased.exit_code == 0, erased.output
    twice = run(main, ["vault", "erase", "coventry", str(open_), "--reason", "x", "--yes"])
    assert twice.exit_code == 2 and "already erased" in twice.output
    verified = run(main, ["audit", "verify", "coventry"])
    assert verified.exit_code == 0 and "intact" in verified.output

    platform = bootstrap(settings_for("sqlite", tmp_path, ""))
    try:
        with platform.ledgers.lease("coventry", writing=False) as ledger:
            assert {ledger.vault.entry(r).status for r in (ended, open_)} == {"erased"}
            assert [r.reference for r in ledger.reviews.all()] == ["DHR-ENDED", "DHR-OPEN"]
    finally:
        platform.close()


def test_a_command_writing_into_a_missing_folder_is_refused_before_it_does_anything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A backup sealed the history, then failed to open its file with a traceback; an export
    read every partnership first. Each now refuses the path at once (exit 2, saying what
    to do), and the backup records no seal."""
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    monkeypatch.delenv("LEDGER_MASTER_KEY", raising=False)
    run = CliRunner().invoke
    assert run(main, ["regions", "create", "west-mids", "West Midlands"]).exit_code == 0
    assert run(main, ["tenants", "register", "cov", "Cov", "--region", "west-mids"]).exit_code == 0
    verified = run(main, ["audit", "verify", "cov"]).output
    missing = tmp_path / "nowhere"
    for command in (
        ["tenants", "backup", "cov", "-o", str(missing / "cov.backup")],
        ["export", "dhr-counts", "west-mids", "-o", str(missing / "counts.csv")],
        ["audit", "export", "cov", "-o", str(missing / "bundle.zip")],
        ["export", "national", "--since", "2020-01", "--output", str(missing / "n.json")],
    ):
        refused = run(main, command)
        assert refused.exit_code == 2, (command, refused.output)
        assert f"the folder {missing} does not exist; create it first" in refused.output
    assert run(main, ["audit", "verify", "cov"]).output == verified  # no seal was added
    assert not missing.exists()

    older = tmp_path / "cov.backup"  # last night's backup is not replaced by a slip
    older.write_bytes(b"last night")
    kept = run(main, ["tenants", "backup", "cov", "-o", str(older)])
    assert kept.exit_code == 2 and "--replace" in kept.output
    assert older.read_bytes() == b"last night"
    replaced = run(main, ["tenants", "backup", "cov", "-o", str(older), "--replace"])
    assert replaced.exit_code == 0, replaced.output
    assert older.read_bytes() != b"last night"
