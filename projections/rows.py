"""One table's rows that a batch of events touches: read in one query, changed in memory, written in one.

Applying events one statement at a time costs a round trip each on PostgreSQL. Folding a page
of one tenant's events into the rows they touch, then writing every changed row once, costs a
few statements per table per page instead. The rows live only inside the transaction that also
advances the model's position, so a rollback forgets them and the store stays the only memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from operator import itemgetter
from typing import Any

from projections.port import ViewTx, chunks

Row = dict[str, Any]
IN_LIST = 500  # ids per SELECT ... IN (...): well inside SQLite's and PostgreSQL's parameter limits


def columns(definition: str) -> dict[str, str]:
    """Column names and types of a table definition (``"tenant TEXT NOT NULL, ..., PRIMARY KEY (...)"``)."""
    body = definition.split("PRIMARY KEY (")[0]
    return {p.split()[0]: p.split()[1] for p in body.split(",") if p.strip()}


class RowSet:
    """One tenant's rows of one table, keyed by ``key`` (the primary key without ``tenant``)."""

    def __init__(
        self,
        table: str,
        tenant: str,
        key: tuple[str, ...],
        definition: str,
        *,
        upsert: bool = True,
    ) -> None:
        """``upsert=False`` for insert-only tables: a row already stored is kept (``DO NOTHING``)."""
        self.table, self.tenant, self.key, self.upsert = table, tenant, key, upsert
        self.types = columns(definition)
        self.cols = tuple(c for c in self.types if c != "tenant")
        self._values = _getter(self.cols)  # a row's values in column order, as a tuple
        self._key_of = _getter(key)
        self.rows: dict[tuple[Any, ...], Row] = {}
        self.dirty: set[tuple[Any, ...]] = set()
        self.deleted: set[tuple[Any, ...]] = set()

    def load(self, tx: ViewTx, ids: Iterable[Any], by: str | None = None) -> None:
        """Read the stored rows whose ``by`` column (the key's first by default) is one of ``ids``."""
        by = by or self.key[0]
        names = ", ".join(self.cols)
        for part in chunks(sorted(set(ids) - {None}), IN_LIST):
            marks = ", ".join("?" * len(part))
            sql = f"SELECT {names} FROM {self.table} WHERE tenant = ? AND {by} IN ({marks})"
            for values in tx.fetchall(sql, (self.tenant, *part)):
                row = dict(zip(self.cols, values, strict=True))
                self.rows.setdefault(self._key(row), row)

    def get(self, *key: Any) -> Row | None:
        return self.rows.get(key)

    def where(self, column: str, value: Any) -> Iterator[Row]:
        return (row for row in self.rows.values() if row[column] == value)

    def insert(self, **values: Any) -> None:
        """Add a row unless one with the same key is already known (``ON CONFLICT DO NOTHING``)."""
        key = self._key_of(values)
        if key not in self.rows:
            self.rows[key] = {c: values.get(c) for c in self.cols}
            self.dirty.add(key)

    def update(self, key: tuple[Any, ...], **values: Any) -> Row | None:
        """Change a known row (``UPDATE ... WHERE key``: nothing happens when there is none)."""
        row = self.rows.get(key)
        if row is not None:
            row.update(values)
            self.dirty.add(key)
        return row

    def delete(self, key: tuple[Any, ...]) -> None:
        """Forget a row (``DELETE ... WHERE key`` at ``flush``, before any row is written, so
        a row deleted and added again in one page stands as added)."""
        self.rows.pop(key, None)
        self.dirty.discard(key)
        self.deleted.add(key)

    def touch(self, row: Row) -> None:
        """Mark a row changed in place (after ``get``) so ``flush`` writes it."""
        self.dirty.add(self._key(row))

    def flush(self, tx: ViewTx) -> None:
        """Delete the rows deleted, then write every changed row with one statement."""
        if self.deleted:
            match = " AND ".join(f"{c} = ?" for c in ("tenant", *self.key))
            gone = [(self.tenant, *k) for k in sorted(self.deleted)]
            tx.executemany(f"DELETE FROM {self.table} WHERE {match}", gone)
            self.deleted.clear()
        if not self.dirty:
            return
        rest = [c for c in self.cols if c not in self.key]
        action = (
            "DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in rest)
            if self.upsert and rest
            else "DO NOTHING"
        )
        values, tenant = self._values, self.tenant
        rows = [(tenant, *values(self.rows[k])) for k in sorted(self.dirty)]
        tx.insert_rows(
            self.table, self.types, f"({', '.join(('tenant', *self.key))}) {action}", rows
        )
        self.dirty.clear()

    def _key(self, row: Row) -> tuple[Any, ...]:
        return self._key_of(row)


def _getter(names: tuple[str, ...]) -> Callable[[Row], tuple[Any, ...]]:
    """The values of ``names`` in a row, always as a tuple (``itemgetter`` of one name is not)."""
    if len(names) == 1:
        (name,) = names
        return lambda row: (row[name],)
    return itemgetter(*names)
