"""The embedded store's files hold case data: the folder is 0700 and every file (with its
write-ahead log and shared memory) 0600, whatever the process's umask."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

from adapters.settings import Settings
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
