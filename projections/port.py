"""The view port: the little SQL the read models need, the same on SQLite and PostgreSQL.

Statements use ``?`` placeholders and portable SQL (``ON CONFLICT`` upserts, ISO dates as
text), so one projection's code and one query's text serve both stores — and the as-of
rebuild, which runs the same code against a private in-memory SQLite database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

Row = tuple[Any, ...]
Rows = Sequence[Sequence[Any]]  # what is sent: one sequence of values a row
Columns = Mapping[str, str]  # name -> SQL type (TEXT, BIGINT), in the order of the values
# A recorded name as the read models keep it: a keyed fingerprint, never the text
# (``adapters.crypto.fingerprints``), given by whoever opens the store.
Fingerprint = Callable[[str], str]


def unkeyed(text: str) -> str:
    """The fingerprint of a store opened without the platform's key: nothing to fingerprint with."""
    raise RuntimeError(
        "This read-model store was opened without the platform's fingerprint key; open it with "
        "projections.store.open_views(platform), or pass fingerprint= to the view store."
    )


class ViewTx(Protocol):
    """One open transaction on the read-model store."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    def executemany(self, sql: str, rows: Rows) -> None: ...

    def fetchone(self, sql: str, params: Sequence[Any] = ()) -> Row | None: ...

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]: ...

    def insert_rows(self, table: str, columns: Columns, on_conflict: str, rows: Rows) -> None:
        """``INSERT INTO table (columns) VALUES ... ON CONFLICT ...`` for many rows at once.

        ``columns`` maps each name to its SQL type (``TEXT``, ``BIGINT``); PostgreSQL sends the
        rows as one array per column in a single statement, where ``executemany`` would
        execute the statement once per row.
        """
        ...

    @property
    def fingerprint(self) -> Fingerprint:
        """How the read models keep (and the queries match) recorded names."""
        ...

    def serialize(self) -> None:
        """Hold the store-wide schema lock until commit (creating or swapping table sets)."""
        ...

    @property
    def for_update(self) -> str:
        """`` FOR UPDATE`` where rows can be locked (PostgreSQL); SQLite locks the whole file."""
        ...

    @property
    def bytewise(self) -> str:
        """`` COLLATE "C"`` on PostgreSQL, for keys only grouped or joined on, never shown in
        order: a database whose default collation is a libc locale (even C.UTF-8) compares
        text through ``strcoll``, several times the cost; SQLite already compares bytes."""
        ...


class ViewStore(Protocol):
    kind: str

    def writing(self, pipelined: bool = False) -> AbstractContextManager[ViewTx]:
        """A write transaction: committed on success, rolled back on any error. ``pipelined``:
        the store may send statements without waiting for each one's result, so an error may
        surface at a later statement or at commit (never with savepoints of one's own)."""
        ...

    def reading(self, wait: float | None = None) -> AbstractContextManager[ViewTx]:
        """A read-only transaction: one consistent snapshot for a query. ``wait``: at most so
        many seconds for a connection, for a page that shows without the answer (the
        store's own limit otherwise)."""
        ...

    def table_names(self) -> set[str]: ...

    def close(self) -> None: ...


def chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
