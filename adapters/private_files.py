"""SQLite files hold case data: only the service's own user may read them (0600, folder 0700).

SQLite creates a database with the process's umask (often world-readable 0644) and gives its
``-wal`` and ``-shm`` files the database file's mode, so creating the empty file 0600 first
is enough for all three.
"""

from __future__ import annotations

import os
from pathlib import Path


def private_dir(path: Path) -> None:
    """Create ``path`` (and parents) if missing; the folder itself is made, or tightened to, 0700."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if (path.stat().st_mode & 0o777) != 0o700:
        os.chmod(path, 0o700)


def private_file(path: Path) -> None:
    """Create ``path`` empty and 0600 if missing (tighten it if not), before SQLite opens it."""
    private_dir(path.parent)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        if (path.stat().st_mode & 0o077) != 0:  # made looser by hand or by an older version
            path.chmod(0o600)
