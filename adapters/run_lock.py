"""One run at a time of a job that must not overlap itself (the reminder run), across processes
and, on PostgreSQL, across machines: a session advisory lock there, a file lock on SQLite.

Taken without waiting: a second run meanwhile is told at once, sends nothing, and can be run
again later (what the first one sent is recorded, so the later run sends only the rest).
"""

from __future__ import annotations

import fcntl
import os
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from adapters.private_files import private_file
from adapters.settings import Settings


class AlreadyRunning(Exception):
    """Another process holds the job's lock."""


@contextmanager
def one_at_a_time(settings: Settings, job: str) -> Iterator[None]:
    if settings.postgres is not None:
        key = zlib.crc32(f"ledger-job:{job}".encode())
        with settings.postgres.connect_alone() as conn:
            row = conn.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone()
            if not row or not row[0]:
                raise AlreadyRunning(f"Another {job} run is under way; wait for it to finish.")
            try:
                yield
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s)", (key,))
        return
    path = settings.data_dir / f"{job}.lock"
    private_file(path)
    fd = os.open(path, os.O_RDWR)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AlreadyRunning(
                f"Another {job} run is under way; wait for it to finish."
            ) from None
        yield
    finally:
        os.close(fd)
