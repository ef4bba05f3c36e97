"""Where a typed text can be read at rest: every file of the data dir, and ``pg_dump``."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tenants.platform import Platform


def readable_in(platform: Platform, *texts: str) -> list[str]:
    """Every file (or ``pg_dump``) in which any of ``texts`` appears as plain bytes."""
    needles = [t.encode() for t in texts]
    found = []
    data_dir = platform.settings.data_dir
    for path in sorted(Path(data_dir).rglob("*")) if data_dir.exists() else []:
        if path.is_file() and any(n in path.read_bytes() for n in needles):
            found.append(str(path.relative_to(data_dir)))
    pg = platform.settings.postgres
    if pg is not None:
        dump = subprocess.run(
            ["pg_dump", "-h", pg.host, "-p", str(pg.port), "-U", pg.user, pg.dbname],
            capture_output=True,
            check=True,
        ).stdout
        assert b"CREATE TABLE" in dump  # the dump really holds the stores
        found += ["pg_dump"] if any(n in dump for n in needles) else []
    return found
