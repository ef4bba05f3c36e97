"""Throwaway PostgreSQL clusters on this machine, for the tests that need a second server.

Each lives in a folder under /tmp owned by the ``postgres`` user (initdb refuses to run as
root), listens on a free loopback port only, and is stopped and removed when the test
ends, passed or failed. Never a server off this machine.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

SETTINGS = (
    "listen_addresses = '127.0.0.1'\n"
    "fsync = off\nfull_page_writes = off\n"
    "shared_buffers = 16MB\nmax_connections = 40\n"
    "wal_level = replica\nmax_wal_senders = 4\nhot_standby = on\n"
)


@dataclass(frozen=True)
class Cluster:
    port: int
    folder: str

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def sql(self, statement: str, dbname: str = "postgres") -> list[tuple[object, ...]]:
        with psycopg.connect(self.url(dbname), autocommit=True, connect_timeout=5) as conn:
            cur = conn.execute(statement)
            return list(cur.fetchall()) if cur.description else []


def _binary(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if found is None:
        pytest.fail(f"`{name}` is not installed; tests/services.sh installs the PostgreSQL server.")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_owner(cmd: list[str]) -> list[str]:
    """initdb and pg_ctl refuse root: run them as the postgres user when we are root."""
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def _folder() -> str:
    folder = tempfile.mkdtemp(prefix="ledger-pg-", dir="/tmp")
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
    os.chmod(folder, 0o700)
    return folder


def _run(cmd: list[str]) -> None:
    done = subprocess.run(_as_owner(cmd), capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed: {done.stderr.strip()[-800:]}")


def _start(folder: str) -> int:
    """Start the cluster on a free loopback port; returns the port. A port is free only until
    something binds it (a parallel test's server), so a start that lost its port tries another;
    any other failure is raised with the end of the server's log."""
    for attempt in range(3):
        port = _free_port()
        with open(os.path.join(folder, "data", "postgresql.auto.conf"), "a") as conf:
            conf.write(f"port = {port}\nunix_socket_directories = '{folder}'\n")
        try:
            _run(
                [
                    _binary("pg_ctl"),
                    "-D",
                    f"{folder}/data",
                    "-l",
                    f"{folder}/log",
                    "-w",
                    "-t",
                    "30",
                    "start",
                ]
            )
            return port
        except RuntimeError as failed:
            log = Path(folder, "log").read_text(errors="replace")[-1500:]
            if "could not bind" not in log or attempt == 2:
                raise RuntimeError(f"{failed}\nserver log:\n{log}") from None
    raise AssertionError("unreachable: the last attempt returns or raises")


def _stop(folder: str) -> None:
    if os.path.exists(f"{folder}/data/postmaster.pid"):
        subprocess.run(
            _as_owner([_binary("pg_ctl"), "-D", f"{folder}/data", "-m", "immediate", "-w", "stop"]),
            capture_output=True,
            timeout=60,
        )
    shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def local_cluster() -> Iterator[Cluster]:
    """A new, empty primary (trust auth on loopback, replication allowed)."""
    folder = _folder()
    try:
        _run(
            [
                _binary("initdb"),
                "-D",
                f"{folder}/data",
                "-U",
                "postgres",
                "--auth=trust",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C",
            ]
        )
        with open(os.path.join(folder, "data", "postgresql.conf"), "a") as conf:
            conf.write(SETTINGS)
        yield Cluster(_start(folder), folder)
    finally:
        _stop(folder)


@contextmanager
def hot_standby(primary: Cluster) -> Iterator[Cluster]:
    """A streaming-replication standby of ``primary``, read-only, on its own port."""
    folder = _folder()
    try:
        _run(
            [
                _binary("pg_basebackup"),
                "-h",
                "127.0.0.1",
                "-p",
                str(primary.port),
                "-U",
                "postgres",
                "-D",
                f"{folder}/data",
                "-R",
                "-X",
                "stream",
                "--no-sync",
                "--checkpoint=fast",
            ]
        )
        yield Cluster(_start(folder), folder)
    finally:
        _stop(folder)


def wait_for_replay(primary: Cluster, standby: Cluster, timeout: float = 20.0) -> None:
    """Until the standby has replayed everything the primary had written when asked."""
    lsn = primary.sql("SELECT pg_current_wal_insert_lsn()::text")[0][0]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = standby.sql(f"SELECT pg_last_wal_replay_lsn() >= '{lsn}'::pg_lsn")[0][0]
        if done:
            return
        time.sleep(0.05)
    raise AssertionError(f"the standby did not replay up to {lsn} within {timeout}s")
