"""SQLite: one tenant's file copied page by page with the online backup API.

The backup API copies a consistent snapshot while the service keeps writing, and keeps
every row id (the notification ids the audit chain hashes).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from domain.errors import InvalidValueError


def copy(source: Path, to: Path) -> None:
    if not source.exists():
        raise InvalidValueError(f"The tenant's store {source} does not exist; nothing to back up.")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(to)
    try:
        with dst:
            src.backup(dst)
    finally:
        dst.close()
        src.close()
