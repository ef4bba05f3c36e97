"""Where a tenant's document files are kept: a table in the tenant's own store.

A table of the tenant's SQLite file or PostgreSQL schema, not a folder beside it, so a
backup (the SQLite backup API, ``pg_dump -n``), a restore under another name and a move to
another server carry the files with the events and nothing else has to be copied. Rows are
keyed by document and SHA-256 digest: the same bytes are stored once, and two uploads racing
for one version number can never overwrite each other's file. Rows hold sealed bytes only.
"""

from __future__ import annotations

from adapters.tenant_tables import TenantTable


class DocumentFiles(TenantTable):
    TABLE = "document_files"
    COLUMNS = (
        "(document TEXT NOT NULL, sha256 TEXT NOT NULL, sealed {blob} NOT NULL, "
        "PRIMARY KEY (document, sha256))"
    )

    def put(self, document: str, sha256: str, sealed: bytes) -> bool:
        """Keep ``sealed`` unless the same document already holds these bytes; True if this
        call kept them (so only this call may ``discard`` them)."""
        self.ensure()
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(
                self.sql("INSERT INTO {t} VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1"),
                (document, sha256, sealed),
            )
            return curs.fetchone() is not None

    def discard(self, document: str, sha256: str) -> None:
        """Remove a file ``put`` kept for an upload whose event was then refused: no event
        names it, so nothing may hold it."""
        self.ensure()
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(
                self.sql("DELETE FROM {t} WHERE document = ? AND sha256 = ?"), (document, sha256)
            )

    def get(self, document: str, sha256: str) -> bytes | None:
        self.ensure()
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(
                self.sql("SELECT sealed FROM {t} WHERE document = ? AND sha256 = ?"),
                (document, sha256),
            )
            row = curs.fetchone()
        return None if row is None else bytes(self.one(row, "sealed"))
