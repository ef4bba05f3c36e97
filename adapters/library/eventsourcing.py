"""Every reliance on eventsourcing beyond its documented application API, in one module.

Each piece builds on the library's own classes through ``super()`` and names what it relies
on; ``tests/unit/test_library_seams.py`` has a test per reliance that fails when an upgrade
changes it. The first three are optimisations the benchmarks pay for (README, Performance):

- loading an aggregate without the per-event runtime-protocol check (``FastProjecting``);
- one PostgreSQL schema per store on one process-wide pool (``SchemaDatastore``,
  ``SchemaFactory``): 300 open tenants cost one pool, not 300;
- the import path's ``COPY`` / ``executemany`` under the recorder's own lock, NOTIFY and
  insert statement (``copy_target``, ``insert_statement``), and its mapping of events with the
  mapper's own transcoder settings, compressor and cipher (``json_settings``,
  ``transcoding_default``, ``value_heads``, ``value_object_heads``);
- a SQLite store's write-ahead log checkpointed after fewer pages (``checkpointing_often``);
- room in each pooled PostgreSQL connection for every open schema's prepared statements
  (``keeping_prepared``), reads that never roll back and so never drop them (``reading``), and
  the most recently returned connection handed out first (``latest_first``);
- and, not for speed: the audit's read of every stored row and the relay's doorbell
  (``events_table``, ``notification_channel``).
"""

from __future__ import annotations

import dataclasses
import json
from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import Repository
from eventsourcing.persistence import (
    AggregateRecorder,
    ApplicationRecorder,
    DatetimeAsISO,
    DecimalAsStr,
    JSONTranscoder,
    Mapper,
    ProcessRecorder,
    Transcoding,
    UUIDAsHex,
)
from eventsourcing.postgres import (
    ConnectionPool,
    PostgresApplicationRecorder,
    PostgresDatastore,
    PostgresFactory,
)
from eventsourcing.sqlite import (
    SQLiteApplicationRecorder,
    SQLiteConnection,
    SQLiteConnectionPool,
    SQLiteDatastore,
)
from eventsourcing.utils import Environment
from psycopg import Connection, Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL, Composed, Identifier
from psycopg.types.composite import CompositeInfo, register_composite

from adapters.transcodings import DateAsISO, FrozenValueObject

R = TypeVar("R")


# --- loading aggregates -------------------------------------------------------------------


def project(aggregate: Any, events: Iterable[Any]) -> Any:
    """The library's ``project_aggregate`` without its per-event ``CanMutateProtocol`` assert.

    That runtime-Protocol ``isinstance`` cost about a seventh of loading an aggregate; every
    event this platform stores is a ``LedgerAggregate.Event``, which can mutate.
    """
    for event in events:
        aggregate = event.mutate(aggregate)
    return aggregate


class FastProjecting(Repository[Any]):
    """The library's repository, projecting with ``project`` unless a caller passes another.

    Relies on ``Repository.get`` taking ``projector_func`` (documented) and on a repository
    having no ``__slots__`` (``fast_projecting`` changes the class of one already built).
    """

    def get(self, aggregate_id: Any, *, projector_func: Any = project, **kwargs: Any) -> Any:
        return super().get(aggregate_id, projector_func=projector_func, **kwargs)


def fast_projecting(repository: Repository[Any]) -> Repository[Any]:
    """The repository ``Application.construct_repository`` built (so configured from the
    environment as the library does, every setting included), loading with ``project``."""
    repository.__class__ = FastProjecting
    return repository


# --- SQLite's write-ahead log ---------------------------------------------------------------

WAL_CHECKPOINT_PAGES = 64


class CheckpointingPool(SQLiteConnectionPool):
    """The library's pool, each new connection checkpointing the write-ahead log once it holds
    ``WAL_CHECKPOINT_PAGES`` pages (SQLite's default is 1,000).

    Why: SQLite's commit syncs the WAL file, and a sync of a file that grew costs about twice one
    that overwrote blocks it already had (the file system commits the new size and blocks too).
    After a checkpoint the next commit writes the WAL from its start again, over blocks the file
    already has; so a store reaches that cheaper state after ~64 pages instead of ~1,000, which
    with one file per tenant is after a few dozen commands instead of hundreds (figure a, README).
    Durability is unchanged (the same syncs, at the library's default ``synchronous``); the cost
    is one more checkpoint — a sync of the database file — per ~64 pages written.
    Relies on ``_create_connection`` building every connection and on ``SQLiteConnection``
    keeping its ``sqlite3`` connection as ``_sqlite_conn``; ``test_library_seams`` checks both.
    """

    def _create_connection(self) -> SQLiteConnection:
        conn = super()._create_connection()
        conn._sqlite_conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
        return conn


def checkpointing_often(datastore: SQLiteDatastore) -> SQLiteDatastore:
    """The datastore the library's factory built, its pool's connections made by
    ``CheckpointingPool`` (before any is made: the pool opens them on first use)."""
    datastore.pool.__class__ = CheckpointingPool
    return datastore


class LatestFirstPool(ConnectionPool[Any]):
    """The library's pool, handing out the connection returned last instead of the oldest.

    Why: psycopg prepares statements per connection, and with a schema per tenant each
    tenant's are distinct. Handed out in turn, every connection of the pool has to prepare
    every tenant's statements before commands stop paying two round trips for it; taking the
    latest, a process doing one thing at a time keeps using one warm connection, and under
    load the busiest connections are the warm ones. The connections left idle are the oldest
    returned, which the pool's shrinking closes first, as before. Relies on
    ``_get_ready_connection`` taking from the ``_pool`` deque; ``test_library_seams`` checks it.
    """

    def _get_ready_connection(self, timeout: float | None) -> Any:
        if self._pool:
            self._pool.rotate(1)  # the latest returned (on the right) first, as popleft takes
        return super()._get_ready_connection(timeout)


def latest_first(datastore: PostgresDatastore) -> PostgresDatastore:
    """The datastore, its pool handing out the connection returned last (``LatestFirstPool``)."""
    datastore.pool.__class__ = LatestFirstPool
    return datastore


@contextmanager
def reading(datastore: PostgresDatastore) -> Iterator[Cursor[DictRow]]:
    """A cursor for one read-only statement, in the pool's autocommit mode, as the library's
    own recorders read.

    Why not ``datastore.transaction(commit=False)``: it ends with ROLLBACK, and after a
    rollback psycopg drops every statement the connection has prepared (DEALLOCATE ALL), so
    every open tenant's insert, lock and select are prepared again on that connection (two
    round trips each). The key ring's read of a store's current key, every few seconds per
    tenant, did that on most commands of figure a (README, Performance). A single SELECT is
    as consistent on its own as in a transaction.
    """
    with datastore.get_connection() as conn, conn.cursor() as curs:
        yield curs


# --- one schema on a shared pool ----------------------------------------------------------


def keeping_prepared(datastore: PostgresDatastore, statements: int) -> PostgresDatastore:
    """The datastore, each connection its pool opens keeping up to ``statements`` prepared
    statements (psycopg's default is 100), after the library's own connection setup.

    Why: the library's recorders execute with ``prepare=True``, and each schema's statements
    are distinct texts (its table names are in them). With one schema the library's handful
    stays prepared; with a schema per tenant on one pool, a few dozen open tenants already
    overflow psycopg's 100, so it deallocates (one more round trip) and re-prepares (one
    more) on most commands (figure a, README). Relies on psycopg_pool's pool keeping its
    ``configure`` callback as ``_configure`` and calling it on every new connection (before
    any is made: the pool opens on first use); ``test_library_seams`` checks it.
    """
    library_configure = datastore.pool._configure

    def configure(conn: Connection[Any]) -> None:
        if library_configure is not None:
            library_configure(conn)
        conn.prepared_max = statements

    datastore.pool._configure = configure
    return datastore


@cache
def _row_class(schema: str, type_name: str, fields: tuple[str, ...]) -> type:
    """One class per schema for the whole process, so reopening a tenant finds its dumper again."""
    return namedtuple(f"{schema}__{type_name}", fields)


def _connection_params(shared: PostgresDatastore) -> dict[str, Any]:
    """The connection parameters the library gave the shared pool (psycopg_pool's ``kwargs``)."""
    params = shared.pool.kwargs
    return dict((params() if callable(params) else params) or {})


def _connection_env(shared: PostgresDatastore) -> dict[str, str]:
    """The shared pool's connection parameters, spelled as ``PostgresFactory`` reads them."""
    params = _connection_params(shared)
    return {
        PostgresFactory.POSTGRES_DBNAME: str(params["dbname"]),
        PostgresFactory.POSTGRES_HOST: str(params["host"]),
        PostgresFactory.POSTGRES_PORT: str(params["port"]),
        PostgresFactory.POSTGRES_USER: str(params["user"]),
        PostgresFactory.POSTGRES_PASSWORD: str(params.get("password") or ""),
    }


class SchemaDatastore(PostgresDatastore):
    """A datastore bound to one schema that borrows the process-wide pool instead of owning one.

    Built by the library's constructor with the shared datastore's settings; the pool that
    constructor makes (never opened) is closed at once and the shared one used instead. So
    ``close`` must not close it: ``PostgresStores.close`` does, once. The library registers
    its composite row type under one Python class per type *name*; with many schemas sharing
    connections that class would be re-bound to whichever schema registered last, so each
    schema gets a Python class of its own (``register_type_adapters``, ``get_connection``).
    """

    def __init__(self, shared: PostgresDatastore, schema: str) -> None:
        self._composites: dict[str, tuple[CompositeInfo, type]] = {}
        params = _connection_params(shared)
        super().__init__(
            dbname=params["dbname"],
            host=params["host"],
            port=params["port"],
            user=params["user"],
            password=params.get("password") or "",
            idle_in_transaction_session_timeout=shared.idle_in_transaction_session_timeout,
            pre_ping=shared.pre_ping,
            lock_timeout=shared.lock_timeout,
            pool_open_timeout=shared.pool_open_timeout,
            single_row_tracking=shared.single_row_tracking,
            originator_id_type=shared.originator_id_type,  # type: ignore[arg-type]
            enable_db_functions=shared.enable_db_functions,
            schema=schema,
        )
        self.pool.close()  # its own, never opened
        self.pool = shared.pool
        self.shared = shared

    def register_type_adapters(self) -> None:
        missing = [n for n in self.db_type_names if n not in self._composites]
        if not missing:
            return
        with self.get_connection() as conn:
            for name in missing:
                info = CompositeInfo.fetch(conn, f"{self.schema}.{name}")
                if info is None:
                    continue  # the table is not created yet; create_table() calls again
                row_class = _row_class(self.schema, name, tuple(info.field_names))
                register_composite(info, conn, factory=row_class)
                self._composites[name] = (info, row_class)
                self.psycopg_python_types[name] = row_class

    @contextmanager
    def get_connection(self) -> Iterator[Connection[DictRow]]:
        with super().get_connection() as conn:
            for info, row_class in self._composites.values():
                if conn.adapters.types.get(info.oid) is None:
                    register_composite(info, conn, factory=row_class)
            yield conn

    def close(self) -> None:
        """The pool is borrowed: the shared datastore closes it, after every schema's use."""


class SchemaFactory(PostgresFactory):
    """Creates a schema's tables only if missing, and then one process at a time.

    The library runs its CREATE statements every time an application opens; two processes
    opening the same new store at once (the API registering a tenant while the relay
    discovers it) then fail with "tuple concurrently updated". So ``CREATE_TABLE`` is off
    and creation is serialised by ``ddl``; opening a store whose tables exist costs one
    catalogue lookup and no DDL. The library's constructor runs with the shared pool's
    connection settings; the datastore it makes (never opened) gives way to ``datastore``.
    """

    def __init__(
        self,
        env: Environment,
        datastore: SchemaDatastore,
        ddl: Callable[[Callable[[], None]], None],
    ) -> None:
        settings = {
            **_connection_env(datastore.shared),
            self.POSTGRES_SCHEMA: datastore.schema,
            **env,
            self.CREATE_TABLE: "n",
        }
        super().__init__(Environment(env.name, settings))
        self.datastore.close()  # the library's own, never opened
        self.datastore = datastore
        self._ddl = ddl

    def aggregate_recorder(self, purpose: str = "events") -> AggregateRecorder:
        return self._ready(super().aggregate_recorder(purpose))

    def application_recorder(self) -> ApplicationRecorder:
        return self._ready(super().application_recorder())

    def tracking_recorder(self, tracking_recorder_class: Any = None) -> Any:
        return self._ready(super().tracking_recorder(tracking_recorder_class))

    def process_recorder(self) -> ProcessRecorder:
        return self._ready(super().process_recorder())

    def _ready(self, recorder: R) -> R:
        names = [getattr(recorder, a, None) for a in ("events_table_name", "tracking_table_name")]
        if all(self._exists(n) for n in names if n):
            self.datastore.register_type_adapters()
        else:
            self._ddl(recorder.create_table)  # type: ignore[attr-defined]
        return recorder

    def _exists(self, table: str) -> bool:
        with reading(self.datastore) as curs:
            curs.execute(
                "SELECT to_regclass(%s) AS found", (f'"{self.datastore.schema}"."{table}"',)
            )
            row = curs.fetchone()
            return bool(row and row["found"])


# --- the recorders' tables and channels ---------------------------------------------------


def events_table(recorder: Any) -> tuple[str | None, str]:
    """``(schema, table)`` of an application recorder's events; the schema is None on SQLite.

    The audit reads every row of the table itself (``adapters/audit_rows.py``): the library's
    notification reads skip positions at or below 0.
    """
    schema = getattr(recorder.datastore, "schema", None)
    return schema, recorder.events_table_name


def notification_channel(recorder: Any) -> str | None:
    """The channel a PostgreSQL recorder ``NOTIFY``s at each commit; None for other stores."""
    if isinstance(recorder, PostgresApplicationRecorder):
        return recorder.channel_name
    return None


# --- the import path ----------------------------------------------------------------------


def copy_target(recorder: PostgresApplicationRecorder) -> tuple[Identifier, Composed]:
    """The events table, and what the recorder runs before it inserts, plus its NOTIFY.

    The recorder's ``lock_table_statements`` (``EXCLUSIVE`` on the table, so notification ids
    are issued in commit order) and ``NOTIFY`` on its ``channel_name`` (delivered at commit),
    joined into one round trip.
    """
    table = Identifier(recorder.datastore.schema, recorder.events_table_name)
    prepare = SQL("; ").join(
        [
            *recorder.lock_table_statements,
            SQL("NOTIFY {0}").format(Identifier(recorder.channel_name)),
        ]
    )
    return table, prepare


def insert_statement(recorder: SQLiteApplicationRecorder) -> str:
    """The recorder's own ``INSERT`` of ``(originator_id, version, topic, state)``."""
    return recorder.insert_events_statement


def json_settings(mapper: Mapper[Any]) -> json.JSONEncoder | None:
    """The ``json.JSONEncoder`` the mapper's transcoder encodes with, if it is the library's
    plain ``JSONTranscoder`` (whose ``encode`` is ``encoder.encode(obj).encode("utf8")``) with
    a plain encoder; None for anything else, which the caller then calls as it is."""
    transcoder = mapper.transcoder
    if (
        not isinstance(transcoder, JSONTranscoder)
        or type(transcoder).encode is not JSONTranscoder.encode
        or type(transcoder.encoder) is not json.JSONEncoder
    ):
        return None
    return transcoder.encoder


def transcoding_default(mapper: Mapper[Any]) -> Callable[[Any], dict[str, Any]]:
    """``JSONTranscoder._encode_obj`` (the encoder's ``default``) with one function per type.

    The library looks up the type's transcoding and calls its ``encode`` for every value JSON
    does not know (each event's timestamp, ids, dates, value objects). Here the transcodings
    whose ``encode`` is known exactly are inlined (the library's UUID, datetime and Decimal
    ones, ours for dates and frozen dataclasses, fields named once per class); any other is
    called as the library calls it. Same dicts, so the same bytes (``test_library_seams``).
    Relies on ``JSONTranscoder.types`` (type -> transcoding) and ``Transcoding.name``.
    """
    transcoder = mapper.transcoder
    assert isinstance(transcoder, JSONTranscoder)
    library = transcoder.encoder.default  # for a type not registered: the library's own error
    encoders = {cls: _encoder_of(t) for cls, t in transcoder.types.items()}

    def default(o: Any) -> dict[str, Any]:
        encode = encoders.get(type(o))
        return encode(o) if encode is not None else library(o)

    return default


def _encoder_of(transcoding: Transcoding) -> Callable[[Any], dict[str, Any]]:
    name, kind = transcoding.name, type(transcoding)
    if kind is UUIDAsHex:
        return lambda o: {"_type_": name, "_data_": o.hex}
    if kind is DatetimeAsISO or kind is DateAsISO:
        return lambda o: {"_type_": name, "_data_": o.isoformat()}
    if kind is DecimalAsStr:
        return lambda o: {"_type_": name, "_data_": str(o)}
    if kind is FrozenValueObject:
        fields = tuple(f.name for f in dataclasses.fields(transcoding.type))
        return lambda o: {"_type_": name, "_data_": {f: getattr(o, f) for f in fields}}
    encode = transcoding.encode
    return lambda o: {"_type_": name, "_data_": encode(o)}


def timestamp_head(mapper: Mapper[Any]) -> str | None:
    """The JSON an event's state starts with when its first field is a ``timestamp`` datetime,
    up to the value's digits: ``{"timestamp":{"_type_":"datetime_iso","_data_":"``.

    Every event has one; splicing it in saves the encoder calling back into ``default`` for
    it (about 6% of mapping an event, in CPU). None unless the transcoder encodes datetimes with the library's
    ``DatetimeAsISO`` and separates as ``json_settings`` would (``,`` and ``:``).
    """
    settings = json_settings(mapper)
    transcoder = mapper.transcoder
    if settings is None or not isinstance(transcoder, JSONTranscoder):
        return None
    transcoding = transcoder.types.get(datetime)
    if type(transcoding) is not DatetimeAsISO or (
        settings.key_separator,
        settings.item_separator,
    ) != (":", ","):
        return None
    name = json.dumps(transcoding.name, ensure_ascii=settings.ensure_ascii)
    return '{"timestamp":{"_type_":' + name + ',"_data_":"'


def value_heads(mapper: Mapper[Any]) -> dict[type, str] | None:
    """The JSON the transcoder writes in front of a ``datetime``'s, a ``date``'s and a
    ``UUID``'s text, e.g. ``{"_type_":"datetime_iso","_data_":"``, for the import path to
    write those values itself (text ``isoformat()``, ``isoformat()`` and ``hex``, then ``"}``).

    None unless each of the three is encoded by the library's own transcoding (ours for dates),
    whose ``encode`` is exactly that text, and the settings separate with ``,`` and ``:``
    unsorted (``json_settings``). Relies on ``JSONTranscoder.types`` and ``Transcoding.name``.
    """
    settings = json_settings(mapper)
    transcoder = mapper.transcoder
    if (
        settings is None
        or not isinstance(transcoder, JSONTranscoder)
        or settings.sort_keys
        or (settings.key_separator, settings.item_separator) != (":", ",")
    ):
        return None
    expected = {datetime: DatetimeAsISO, date: DateAsISO, UUID: UUIDAsHex}
    heads: dict[type, str] = {}
    for cls, kind in expected.items():
        transcoding = transcoder.types.get(cls)
        if type(transcoding) is not kind:
            return None
        name = json.dumps(transcoding.name, ensure_ascii=settings.ensure_ascii)
        heads[cls] = '{"_type_":' + name + ',"_data_":"'
    return heads


def value_object_heads(mapper: Mapper[Any]) -> dict[type, tuple[str, tuple[tuple[str, str], ...]]]:
    """For each frozen dataclass the transcoder stores (our ``FrozenValueObject``), the JSON in
    front of its fields, ``{"_type_":"<name>","_data_":{``, and each field's name with its key
    as the encoder writes it (``"field":``), so the import path can write value objects itself
    instead of the encoder calling back into ``default`` for each. Empty unless ``value_heads``
    applies (same separators, unsorted keys). Relies on ``JSONTranscoder.types``."""
    settings = json_settings(mapper)
    transcoder = mapper.transcoder
    if (
        settings is None
        or value_heads(mapper) is None
        or not isinstance(transcoder, JSONTranscoder)
    ):
        return {}
    ascii_only = settings.ensure_ascii
    heads: dict[type, tuple[str, tuple[tuple[str, str], ...]]] = {}
    for cls, transcoding in transcoder.types.items():
        if type(transcoding) is not FrozenValueObject:
            continue
        name = json.dumps(transcoding.name, ensure_ascii=ascii_only)
        fields = tuple(
            (f.name, json.dumps(f.name, ensure_ascii=ascii_only) + ":")
            for f in dataclasses.fields(transcoding.type)
        )
        heads[cls] = ('{"_type_":' + name + ',"_data_":{', fields)
    return heads
