"""A table of the tenant's own store beside its events (its SQLite file or PostgreSQL schema),
made on first use: what document files and draft answers are kept in.

Kept in the tenant's store rather than a folder or another database, so a backup, a restore
under another name and a move to another server carry it with the events, and one tenant's
rows can never be read through another's connection. ``{t}`` in a statement is the table and
``?`` a parameter, on either store.
"""

from __future__ import annotations

from typing import Any, ClassVar

from psycopg.sql import SQL, Composed, Identifier


class TenantTable:
    TABLE: ClassVar[str]
    COLUMNS: ClassVar[str]  # "(...)", ``{blob}`` where bytes go: BLOB or BYTEA

    def __init__(self, datastore: Any) -> None:
        self.datastore = datastore
        self.schema: str | None = getattr(datastore, "schema", None)  # None: SQLite
        self._ready = False

    def sql(self, statement: str) -> str | Composed:
        """``statement`` for this store: ``{t}`` the table, ``?`` a parameter."""
        if self.schema is None:
            return statement.format(t=self.TABLE)
        return SQL(statement.replace("?", "%s").replace("{t}", "{0}.{1}")).format(
            Identifier(self.schema), Identifier(self.TABLE)
        )

    def one(self, row: Any, column: str) -> Any:
        """A column of a fetched row: SQLite rows by position (one column asked for),
        PostgreSQL's by name."""
        return row[0] if self.schema is None else row[column]

    def count(self) -> int:
        """How many rows the table holds."""
        self.ensure()
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(self.sql("SELECT count(*) AS n FROM {t}"))
            return int(self.one(curs.fetchone(), "n"))

    def ensure(self) -> None:
        """Made on first use, once per process; on PostgreSQL under an advisory lock, so two
        processes making it at once do not collide."""
        if self._ready:
            return
        with self.datastore.transaction(commit=True) as curs:
            if self.schema is not None:
                curs.execute(
                    "SELECT pg_advisory_xact_lock(hashtext(%s))", (f"{self.schema}.{self.TABLE}",)
                )
            blob = "BLOB" if self.schema is None else "BYTEA"
            curs.execute(
                self.sql("CREATE TABLE IF NOT EXISTS {t} " + self.COLUMNS.format(blob=blob))
            )
        self._ready = True
