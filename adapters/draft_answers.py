"""Where a step's answers wait between its question page and its check-answers page: a table
in the tenant's own store (``adapters/tenant_tables.py``), as document files are.

Rows are keyed by a random token that only the person's session names, hold sealed bytes
only, and are short-lived: taken away when the answers are recorded, and any older than
``MAX_AGE`` removed whenever another is kept (a session ends sooner than that).
"""

from __future__ import annotations

import time

from adapters.tenant_tables import TenantTable

MAX_AGE = 24 * 60 * 60  # seconds: longer than any session lasts


class DraftAnswers(TenantTable):
    TABLE = "draft_answers"
    COLUMNS = (
        "(token TEXT PRIMARY KEY, person TEXT NOT NULL, kept_at DOUBLE PRECISION NOT NULL, "
        "sealed {blob} NOT NULL)"
    )

    def keep(self, token: str, person: str, sealed: bytes) -> None:
        """Keep ``sealed`` under ``token`` for ``person``; drop drafts past ``MAX_AGE``."""
        self.ensure()
        now = time.time()
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(self.sql("DELETE FROM {t} WHERE kept_at < ?"), (now - MAX_AGE,))
            curs.execute(
                self.sql("INSERT INTO {t} VALUES (?, ?, ?, ?)"), (token, person, now, sealed)
            )

    def get(self, token: str, person: str) -> bytes | None:
        """The sealed answers ``person`` kept under ``token``, unless past ``MAX_AGE``."""
        self.ensure()
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(
                self.sql("SELECT sealed FROM {t} WHERE token = ? AND person = ? AND kept_at >= ?"),
                (token, person, time.time() - MAX_AGE),
            )
            row = curs.fetchone()
        return None if row is None else bytes(self.one(row, "sealed"))

    def drop(self, token: str) -> None:
        self.ensure()
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(self.sql("DELETE FROM {t} WHERE token = ?"), (token,))
