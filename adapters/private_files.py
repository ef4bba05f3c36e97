"""SQLite files hold case data: only the service's own user may read them (0600, folder 0700);
so do the files the operator's commands write (audit bundles, exports, papers, backups).

SQLite creates a database with the process's umask (often world-readable 0644) and gives its
``-wal`` and ``-shm`` files the database file's mode, so creating the empty file 0600 first
is enough for all three. A command's output is opened 0600 by ``private_output``, never with
``open`` or ``Path.write_bytes``, which would follow the umask (``private_append`` adds to one).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


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


@contextmanager
def private_output(path: Path) -> Iterator[BinaryIO]:
    """``path`` opened to be written afresh, readable by its owner only whatever the umask: a
    new file is made 0600, an existing one (an older export) emptied and tightened to 0600
    before anything is written. A device such as /dev/stdout is written as it is."""
    with _private(path, os.O_TRUNC) as out:
        yield out


@contextmanager
def private_append(path: Path) -> Iterator[BinaryIO]:
    """``path`` opened to add to its end and never rewrite what it holds (the audit anchor, a
    line per seal run), owner-only as ``private_output`` makes it."""
    with _private(path, os.O_APPEND) as out:
        yield out


@contextmanager
def _private(path: Path, mode: int) -> Iterator[BinaryIO]:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | mode, 0o600)
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            os.fchmod(fd, 0o600)
        out = os.fdopen(fd, "wb")
    except BaseException:
        os.close(fd)
        raise
    with out:
        yield out


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` as ``private_output`` opens it: owner-only, whatever the umask."""
    with private_output(path) as out:
        out.write(data)
