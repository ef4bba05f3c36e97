"""Stores built once per test run and copied for each test (or module) that uses them.

Loading the demo costs tens of seconds of CPU per store, and several modules want the same demo:
the first to ask builds it (under a file lock, so the xdist workers of one run build it once
between them), every user gets a copy of its own to read and write: the SQLite data dir copied
file by file, the PostgreSQL database cloned with ``CREATE DATABASE ... TEMPLATE`` (and the data
dir copied beside it). A copy is the same stored events, keys and read models as the original,
so what a test sees is what a fresh load would have given it.

The originals live under the run's shared temporary folder; their PostgreSQL databases are
dropped when the run ends (``drop_originals``, called from ``pytest_sessionfinish``).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

from adapters.settings import Settings
from tenants.platform import Platform, bootstrap
from tests.conftest import PG_SERVER, fresh_database, settings_for

FOLDER = "store-originals"


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The temporary folder every process of this run shares (xdist workers' parent)."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = root / FOLDER
    folder.mkdir(exist_ok=True)
    return folder


def _original(folder: Path, kind: str, name: str, build: Callable[[Platform], None]) -> Path:
    """The original's folder (``data`` and, on PostgreSQL, ``database``), built on first use."""
    home = folder / f"{name}-{kind}"
    with open(folder / f"{name}-{kind}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other workers wait for the first build
        if (home / "built").exists():
            return home
        shutil.rmtree(home, ignore_errors=True)  # a build that failed half way
        home.mkdir()
        url = ""
        if kind == "postgres":
            database = f"ledger_original_{uuid.uuid4().hex[:8]}"
            (home / "database").write_text(database)  # dropped at the run's end, even half built
            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{database}"')
                conn.execute(f'ALTER DATABASE "{database}" SET synchronous_commit TO off')
            url = f"{PG_SERVER}/{database}"
        platform = bootstrap(settings_for(kind, home, url))
        try:
            build(platform)
        finally:
            platform.close()  # no connection left open: a template must have none
        (home / "built").touch()
        return home


@contextmanager
def copy_of(
    tmp_path_factory: pytest.TempPathFactory,
    kind: str,
    name: str,
    build: Callable[[Platform], None],
    into: Path,
    **extra: str,
) -> Iterator[Settings]:
    """Settings for a copy of the store ``build`` fills (built once per run, per kind)."""
    home = _original(run_folder(tmp_path_factory), kind, name, build)
    if (home / "data").exists():  # on PostgreSQL, only files (documents) live there
        shutil.copytree(home / "data", into / "data")
    if kind != "postgres":
        yield settings_for(kind, into, "", **extra)
        return
    template = (home / "database").read_text()
    with fresh_database(f"{template}_copy", template=template) as url:
        yield settings_for(kind, into, url, **extra)


def drop_originals(folder: Path) -> None:
    for marker in folder.glob(f"{FOLDER}/*/database"):
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{marker.read_text()}" WITH (FORCE)')
