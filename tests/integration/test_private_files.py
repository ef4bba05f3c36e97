"""The embedded store's files hold case data: the folder is 0700 and every file (with its
write-ahead log and shared memory) 0600, whatever the process's umask."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from adapters.settings import Settings
from api.cli import main
from domain.recording import acting_as
from projections.service import ProjectionService
from tenants.platform import bootstrap


def test_sqlite_files_and_their_folder_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)  # the common default, which would leave them world-readable
    try:
        data = tmp_path / "var" / "data"
        platform = bootstrap(Settings.from_environ({"LEDGER_DATA_DIR": str(data)}))
        try:
            platform.registry.create_region("region", "R")
            platform.register_tenant("csp", "CSP", "region")
            with platform.ledgers.lease("csp") as app:
                app.reviews.notify(
                    "DHR-1", date(2020, 1, 1), date(2020, 1, 2), "FN", "dhr", "unexpected_death"
                )
            service = ProjectionService(platform).start()
            service.stop()
        finally:
            platform.close()
    finally:
        os.umask(old)
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    files = sorted(p.name for p in data.iterdir())
    assert {"tenant_csp.sqlite", "platform.sqlite", "projections.sqlite"} <= set(files)
    assert any(name.endswith("-wal") for name in files)
    modes = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in data.iterdir()}
    assert set(modes.values()) == {"0o600"}, modes


def test_every_file_the_operator_commands_write_is_readable_by_its_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An audit bundle holds the readable history, an export pseudonyms, a paper a region's
    cases, a backup the whole store: each was written 0644 under the usual umask, beside a
    data folder kept 0700. An older file written over is tightened too."""
    monkeypatch.setenv("LEDGER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    monkeypatch.delenv("LEDGER_MASTER_KEY", raising=False)
    out = tmp_path / "out"
    out.mkdir()
    older = out / "older-cases.csv"
    older.write_bytes(b"last week's export")
    older.chmod(0o644)
    bad = out / "cases-to-import.csv"
    bad.write_text("Reference,Pseudonym,Incident date\nDHR-2,Anne,not a date\n")
    commands = [
        ["audit", "export", "csp", "-o", str(out / "bundle.zip")],
        ["export", "cases", "csp", "-o", str(out / "cases.csv")],
        ["export", "cases", "csp", "-o", str(out / "cases.xlsx")],
        ["export", "cases", "csp", "-o", str(older)],
        ["export", "dhr-counts", "region", "-o", str(out / "counts.csv")],
        ["export", "national", "--since", "2020-01", "--output", str(out / "national.json")],
        ["report", "regional", "region", "-o", str(out / "paper.html")],
        ["tenants", "backup", "csp", "-o", str(out / "csp.backup")],
        ["import", "cases", str(bad), "--tenant", "csp", "--problems", str(out / "marked.xlsx")],
    ]
    run = CliRunner().invoke
    old = os.umask(0o022)
    try:
        assert run(main, ["regions", "create", "region", "R"]).exit_code == 0
        assert run(main, ["tenants", "register", "csp", "CSP", "--region", "region"]).exit_code == 0
        platform = bootstrap(Settings.from_environ({"LEDGER_DATA_DIR": str(tmp_path / "data")}))
        try:
            with acting_as("officer-1"), platform.ledgers.lease("csp") as app:
                app.reviews.notify(
                    "DHR-1", date(2020, 1, 1), date(2020, 1, 2), "FN", "dhr", "unexpected_death"
                )
        finally:
            platform.close()
        results = [run(main, command) for command in commands]
    finally:
        os.umask(old)
    refused_import = 1  # the sheet is refused, its marked copy written
    codes = [r.exit_code for r in results]
    assert codes == [0] * (len(commands) - 1) + [refused_import], [r.output for r in results]
    assert all("OFFICIAL-SENSITIVE" in r.output for r in results[1:5])  # handle it as such
    written = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in out.iterdir() if p != bad}
    assert set(written) == {
        "bundle.zip", "cases.csv", "cases.xlsx", "older-cases.csv", "counts.csv",
        "national.json", "paper.html", "csp.backup", "marked.xlsx",
    }  # fmt: skip
    assert set(written.values()) == {"0o600"}, written
    assert b"DHR-1" in older.read_bytes()
