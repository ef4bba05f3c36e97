"""Where a tenant's document files are kept: a table in the tenant's own store.

A table of the tenant's SQLite file or PostgreSQL schema, not a folder beside it, so a
backup (the SQLite backup API, ``pg_dump -n``), a restore under another name and a move to
another server carry the files with the events and nothing else has to be copied. Rows are
keyed by document and SHA-256 digest: the same bytes are stored once, and two uploads racing
for one version number can never overwrite each other's file. Rows hold sealed bytes only.
"""

from __future__ import annotations

from typing import Any

from psycopg.sql import SQL, Identifier

TABLE = "document_files"
_COLUMNS = "(document TEXT NOT NULL, sha256 TEXT NOT NULL, sealed {blob} NOT NULL, PRIMARY KEY (document, sha256))"


class DocumentFiles:
    def __init__(self, datastore: Any) -> None:
        self.datastore = datastore
        self.schema: str | None = getattr(datastore, "schema", None)  # None: SQLite
        self._ready = False

    def put(self, document: str, sha256: str, sealed: bytes) -> bool:
        """Keep ``sealed`` unless the same document already holds these bytes; True if this
        call kept them (so only this call may ``discard`` them)."""
        self._ensure()
        with self.datastore.transaction(commit=True) as curs:
            if self.schema is None:
                curs.execute(
                    f"INSERT INTO {TABLE} VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1",
                    (document, sha256, sealed),
                )
            else:
                curs.execute(
                    SQL(
                        "INSERT INTO {0}.{1} VALUES (%s, %s, %s) ON CONFLICT DO NOTHING RETURNING 1"
                    ).format(Identifier(self.schema), Identifier(TABLE)),
                    (document, sha256, sealed),
                )
            return curs.fetchone() is not None

    def discard(self, document: str, sha256: str) -> None:
        """Remove a file ``put`` kept for an upload whose event was then refused: no event
        names it, so nothing may hold it."""
        self._ensure()
        with self.datastore.transaction(commit=True) as curs:
            if self.schema is None:
                curs.execute(
                    f"DELETE FROM {TABLE} WHERE document = ? AND sha256 = ?", (document, sha256)
                )
            else:
                curs.execute(
                    SQL("DELETE FROM {0}.{1} WHERE document = %s AND sha256 = %s").format(
                        Identifier(self.schema), Identifier(TABLE)
                    ),
                    (document, sha256),
                )

    def get(self, document: str, sha256: str) -> bytes | None:
        self._ensure()
        with self.datastore.transaction(commit=False) as curs:
            if self.schema is None:
                curs.execute(
                    f"SELECT sealed FROM {TABLE} WHERE document = ? AND sha256 = ?",
                    (document, sha256),
                )
                row = curs.fetchone()
                return bytes(row[0]) if row else None
            curs.execute(
                SQL("SELECT sealed FROM {0}.{1} WHERE document = %s AND sha256 = %s").format(
                    Identifier(self.schema), Identifier(TABLE)
                ),
                (document, sha256),
            )
            found = curs.fetchone()
            return bytes(found["sealed"]) if found else None

    def count(self) -> int:
        """How many files the store holds (what a refused upload must leave unchanged)."""
        self._ensure()
        with self.datastore.transaction(commit=False) as curs:
            if self.schema is None:
                curs.execute(f"SELECT count(*) FROM {TABLE}")
                return int(curs.fetchone()[0])
            curs.execute(
                SQL("SELECT count(*) AS n FROM {0}.{1}").format(
                    Identifier(self.schema), Identifier(TABLE)
                )
            )
            return int(curs.fetchone()["n"])

    def _ensure(self) -> None:
        if self._ready:
            return
        with self.datastore.transaction(commit=True) as curs:
            if self.schema is None:
                curs.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} {_COLUMNS.format(blob='BLOB')}")
            else:
                curs.execute(
                    "SELECT pg_advisory_xact_lock(hashtext(%s))", (f"{self.schema}.{TABLE}",)
                )
                curs.execute(
                    SQL(
                        "CREATE TABLE IF NOT EXISTS {0}.{1} " + _COLUMNS.format(blob="BYTEA")
                    ).format(Identifier(self.schema), Identifier(TABLE))
                )
        self._ready = True
