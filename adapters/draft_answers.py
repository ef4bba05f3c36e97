"""Where a step's answers wait between its question page and its check-answers page: a table
in the tenant's own store, as document files are (``adapters/document_files.py``).

Rows are keyed by a random token that only the person's session names, hold sealed bytes
only, and are short-lived: taken away when the answers are recorded, and any older than
``MAX_AGE`` removed whenever another is kept (a session ends sooner than that).
"""

from __future__ import annotations

import time
from typing import Any

from psycopg.sql import SQL, Identifier

TABLE = "draft_answers"
_COLUMNS = (
    "(token TEXT PRIMARY KEY, person TEXT NOT NULL, kept_at DOUBLE PRECISION NOT NULL, "
    "sealed {blob} NOT NULL)"
)
MAX_AGE = 24 * 60 * 60  # seconds: longer than any session lasts


class DraftAnswers:
    def __init__(self, datastore: Any) -> None:
        self.datastore = datastore
        self.schema: str | None = getattr(datastore, "schema", None)  # None: SQLite
        self._ready = False

    def _sql(self, statement: str) -> Any:
        """``statement`` for this store: ``{t}`` the table, ``?`` a parameter."""
        if self.schema is None:
            return statement.format(t=TABLE)
        return SQL(statement.replace("?", "%s").replace("{t}", "{0}.{1}")).format(
            Identifier(self.schema), Identifier(TABLE)
        )

    def keep(self, token: str, person: str, sealed: bytes) -> None:
        """Keep ``sealed`` under ``token`` for ``person``; drop drafts past ``MAX_AGE``."""
        self._ensure()
        now = time.time()
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(self._sql("DELETE FROM {t} WHERE kept_at < ?"), (now - MAX_AGE,))
            curs.execute(
                self._sql("INSERT INTO {t} VALUES (?, ?, ?, ?)"), (token, person, now, sealed)
            )

    def get(self, token: str, person: str) -> bytes | None:
        """The sealed answers ``person`` kept under ``token``, unless past ``MAX_AGE``."""
        self._ensure()
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(
                self._sql("SELECT sealed FROM {t} WHERE token = ? AND person = ? AND kept_at >= ?"),
                (token, person, time.time() - MAX_AGE),
            )
            row = curs.fetchone()
        if row is None:
            return None
        return bytes(row[0] if self.schema is None else row["sealed"])

    def drop(self, token: str) -> None:
        self._ensure()
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(self._sql("DELETE FROM {t} WHERE token = ?"), (token,))

    def count(self) -> int:
        """How many drafts the store holds (what recording a step must leave at none)."""
        self._ensure()
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(self._sql("SELECT count(*) AS n FROM {t}"))
            row = curs.fetchone()
        return int(row[0] if self.schema is None else row["n"])

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
