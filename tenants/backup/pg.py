"""PostgreSQL: ``pg_dump -n`` one tenant's schema; ``pg_restore`` it under a staging name.

Restoring under another slug (``--as``) renames the schema and the tables, which carry
the application's name, in the DDL that ``pg_restore`` prints; the rows (COPY data)
pass through untouched, so every stored byte the seals vouch for is what was dumped.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

from psycopg.sql import SQL, Identifier

from adapters.postgres import PostgresStores
from adapters.settings import PostgresAddress
from domain.errors import InvalidValueError

CLIENT_HINT = (
    "install the PostgreSQL client tools (Debian: apt-get install postgresql-client) "
    "in the same major version as the server or newer"
)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise InvalidValueError(f"`{name}` is not installed here; {CLIENT_HINT}.")
    return found


def _connection_args(a: PostgresAddress) -> list[str]:
    return ["-h", a.host, "-p", str(a.port), "-U", a.user, "-d", a.dbname]


def _env(a: PostgresAddress) -> dict[str, str]:
    env = dict(os.environ)
    if a.password:
        env["PGPASSWORD"] = a.password  # never on the command line, where `ps` shows it
    return env


def dump(address: PostgresAddress, schema: str, to: Path) -> None:
    cmd = [
        _tool("pg_dump"),
        *_connection_args(address),
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        f"--schema={schema}",
        f"--file={to}",
    ]
    done = subprocess.run(cmd, env=_env(address), capture_output=True, text=True)
    if done.returncode != 0:
        raise InvalidValueError(f"pg_dump failed: {done.stderr.strip()[-500:]}")


def renamed(
    lines: Iterable[bytes], schema: tuple[str, str], app: tuple[str, str]
) -> Iterator[bytes]:
    """The restore script with ``schema`` and ``app`` (old, new) renamed outside COPY data."""
    schema_word = re.compile(rb"\b" + re.escape(schema[0].encode()) + rb"\b")
    app_prefix = re.compile(rb"\b" + re.escape(app[0].encode()) + rb"_(?=[a-z])")
    in_copy = False
    for line in lines:
        if in_copy:
            in_copy = line not in (b"\\.\n", b"\\.\r\n")
            yield line
            continue
        line = schema_word.sub(schema[1].encode(), line)
        if app[0] != app[1]:
            line = app_prefix.sub(app[1].encode() + b"_", line)
        in_copy = line.startswith(b"COPY ") and line.rstrip().endswith(b"FROM stdin;")
        yield line


def restore(
    stores: PostgresStores, dump_file: Path, schema: tuple[str, str], app: tuple[str, str]
) -> None:
    """Load the dump into schema ``schema[1]`` in one transaction (all or nothing)."""
    a = stores.address
    printer = subprocess.Popen(
        [_tool("pg_restore"), "--no-owner", "--no-privileges", "--file=-", str(dump_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    loader = subprocess.Popen(
        [
            _tool("psql"),
            *_connection_args(a),
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "--single-transaction",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_env(a),
    )
    assert printer.stdout is not None and loader.stdin is not None
    try:
        for line in renamed(printer.stdout, schema, app):
            loader.stdin.write(line)
    except BrokenPipeError:
        pass  # psql stopped at an error: reported below
    finally:
        loader.stdin.close()
    printed, loaded = printer.wait(), loader.wait()
    errors = (printer.stderr.read() if printer.stderr else b"") + (
        loader.stderr.read() if loader.stderr else b""
    )
    if printed != 0 or loaded != 0:
        raise InvalidValueError(
            f"restoring the dump failed: {errors.decode(errors='replace').strip()[-500:]}"
        )


def rename_schema(stores: PostgresStores, staging: str, final: str) -> None:
    """Put the verified schema live, and point its functions' bodies at the new name."""
    word = re.compile(r"\b" + re.escape(staging) + r"\b")
    with stores.shared.transaction(commit=True) as curs:
        curs.execute(
            SQL("ALTER SCHEMA {0} RENAME TO {1}").format(Identifier(staging), Identifier(final))
        )
        curs.execute(
            "SELECT pg_get_functiondef(p.oid) AS body FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = %s",
            (final,),
        )
        for row in curs.fetchall():
            curs.execute(word.sub(final, row["body"]))
