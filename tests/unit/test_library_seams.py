"""What this code relies on in its libraries, one test per reliance (see ``adapters/library``).

A library upgrade that changes one of these fails the test that names it, instead of an
application test far away (or nothing at all). The last test keeps private names of libraries
out of every module but ``adapters/library``. The PostgreSQL recorders connect as they are
built, so their tests run on the local server (marked ``postgres``).
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import json
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from enum import IntEnum
from pathlib import Path
from typing import Any

import psycopg
import pytest
from apispec import BasePlugin
from eventsourcing.application import Repository, project_aggregate
from eventsourcing.domain import DomainEvent
from eventsourcing.persistence import Cipher, JSONTranscoder, Mapper
from eventsourcing.postgres import (
    PostgresApplicationRecorder,
    PostgresDatastore,
    PostgresFactory,
)
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteDatastore
from eventsourcing.utils import Environment
from flask import Flask
from flask_smorest import Api, Blueprint
from werkzeug.exceptions import HTTPException

from adapters.bulk_rows import EventRows
from adapters.crypto.factories import EncryptingSQLiteFactory
from adapters.library.eventsourcing import (
    WAL_CHECKPOINT_PAGES,
    CheckpointingPool,
    FastProjecting,
    LatestFirstPool,
    SchemaDatastore,
    SchemaFactory,
    checkpointing_often,
    copy_target,
    events_table,
    fast_projecting,
    insert_statement,
    json_settings,
    keeping_prepared,
    latest_first,
    notification_channel,
    project,
    reading,
    transcoding_default,
    value_heads,
    value_object_heads,
)
from adapters.library.json_encoder import reusable_encoder
from api import problems
from domain.actionplan.values import Supersession
from domain.funding.years import FinancialYear
from domain.recording import acting_as
from domain.reviews.qa import FeedbackPoint, FeedbackRound, PointAnswer
from domain.reviews.records import Imr, ImrAssessment
from domain.reviews.values import ImrOutcome, ReviewKind
from tenants.ledger import PartnershipLedger
from tests.unit import review_cases as cases

ROOT = Path(__file__).resolve().parents[2]
MEMORY = {"PERSISTENCE_MODULE": "eventsourcing.popo"}


def review_events() -> list[Any]:
    with acting_as("seams"):
        return cases.under_review_events()


# --- eventsourcing: loading aggregates ----------------------------------------------------


def test_the_repository_still_takes_a_projector_function_by_keyword() -> None:
    parameter = inspect.signature(Repository.get).parameters["projector_func"]
    assert parameter.kind is inspect.Parameter.KEYWORD_ONLY
    assert parameter.default is project_aggregate


def test_the_fast_projector_builds_what_the_librarys_projector_builds() -> None:
    events = review_events()
    ours, theirs = project(None, events), project_aggregate(None, events)
    assert ours is not None and vars(ours) == vars(theirs)


def test_the_repository_is_the_librarys_own_with_every_setting_it_reads() -> None:
    """Built by ``Application.construct_repository``: a setting the library adds is honoured
    (``AGGREGATE_CACHE_FASTFORWARD_SKIPPING`` was lost by the copy this replaced)."""
    assert "__slots__" not in vars(Repository)  # ``fast_projecting`` changes an instance's class
    env = {**MEMORY, "AGGREGATE_CACHE_MAXSIZE": "10", "AGGREGATE_CACHE_FASTFORWARD_SKIPPING": "y"}
    app = PartnershipLedger(tenant_slug=f"t-{uuid.uuid4().hex[:8]}", env=env)
    try:
        assert type(app.repository) is FastProjecting
        assert app.repository.fastforward_skipping is True
        assert app.repository.cache is not None
        with acting_as("seams"):
            review = cases.notified_unsettled()
        app.save(review)
        assert app.repository.get(review.id).version == review.version
    finally:
        app.close()


def test_fast_projecting_keeps_the_repository_it_is_given() -> None:
    repository: Repository[Any] = Repository(event_store=None, cache_maxsize=5)  # type: ignore[arg-type]
    assert fast_projecting(repository) is repository
    assert repository.cache is not None and isinstance(repository, Repository)


# --- eventsourcing: the mapper the import path mirrors ------------------------------------


def test_the_transcoder_still_encodes_with_a_plain_json_encoder() -> None:
    app = PartnershipLedger(tenant_slug=f"t-{uuid.uuid4().hex[:8]}", env=MEMORY)
    try:
        settings = json_settings(app.mapper)
        assert isinstance(settings, json.JSONEncoder)  # else the import path's fast mapping is off
    finally:
        app.close()


def test_rows_for_the_import_are_the_bytes_the_mapper_stores() -> None:
    """``EventRows`` repeats ``Mapper.to_stored_event``'s steps; the bytes must be the same."""
    app = PartnershipLedger(tenant_slug=f"t-{uuid.uuid4().hex[:8]}", env=MEMORY)
    try:
        events = review_events()
        rows = list(EventRows(app.mapper)(events))
        for event, (originator_id, version, topic, state) in zip(events, rows, strict=True):
            stored = app.mapper.to_stored_event(event)
            assert (originator_id, version, topic) == (
                stored.originator_id,
                stored.originator_version,
                stored.topic,
            )
            assert state == stored.state
    finally:
        app.close()


@dataclasses.dataclass(frozen=True)
class _Stamped(DomainEvent):
    """An event type of this test's own: a timestamp and, maybe, a note."""

    note: str | None = None


def test_rows_for_the_import_splice_the_timestamp_as_the_encoder_writes_it() -> None:
    """The import path writes an event's leading ``timestamp`` itself (``timestamp_head``);
    with nothing after it, with fields after it, and with it not first (then the encoder does
    it all), the bytes are the mapper's."""
    app = PartnershipLedger(tenant_slug=f"t-{uuid.uuid4().hex[:8]}", env=MEMORY)
    try:
        stamp = datetime(2020, 2, 29, 13, 5, 7, 123456, tzinfo=UTC)
        alone = _Stamped(uuid.uuid4(), 1, stamp)
        del alone.__dict__["note"]  # only the timestamp left to encode
        later: Any = object.__new__(_Stamped)  # the timestamp after another field
        for name, value in (("originator_id", uuid.uuid4()), ("originator_version", 2)):
            object.__setattr__(later, name, value)
        object.__setattr__(later, "note", "Zoë")
        object.__setattr__(later, "timestamp", stamp)
        events = [alone, _Stamped(uuid.uuid4(), 3, stamp, 'a "quoted" note'), later]
        rows = list(EventRows(app.mapper)(events))
        for event, (_, _, _, state) in zip(events, rows, strict=True):
            assert state == app.mapper.to_stored_event(event).state
    finally:
        app.close()


@dataclasses.dataclass(frozen=True)
class _Varied(DomainEvent):
    """An event type of this test's own, with a value of each kind the import path writes
    itself or hands to the encoder."""

    class_version = 2

    note: Any = None
    on: Any = None
    other: Any = None


def test_rows_for_the_import_write_each_kind_of_value_as_the_encoder_does() -> None:
    """The import path writes strings, datetimes, dates, UUIDs, ints and None itself
    (``value_heads``) and appends ``class_version``; whatever else goes to the encoder. The
    bytes are the mapper's for each, and for an event with a ``class_version`` field of its own."""
    app = PartnershipLedger(tenant_slug=f"t-{uuid.uuid4().hex[:8]}", env=MEMORY)
    try:
        assert value_heads(app.mapper) is not None  # else the field-by-field writing is off
        assert EventRows(app.mapper).encode_event is not None
        stamp = datetime(2020, 2, 29, 13, 5, 7, 123456, tzinfo=UTC)
        values: list[Any] = [
            'Zoë said "hi"\n\u2028\x00',
            stamp,
            datetime(2020, 2, 29),
            date(2020, 2, 29),
            uuid.uuid4(),
            None,
            0,
            -(2**70),
            True,
            1.5e16,
            Decimal("12.50"),
            ("a", date(2021, 1, 1), {"k": uuid.uuid4()}),
            [1, None],
            {"x": stamp},
        ]
        events: list[Any] = [
            _Varied(uuid.uuid4(), i + 1, stamp, v, values[-1 - i], values[i // 2])
            for i, v in enumerate(values)
        ]
        own: Any = _Varied(uuid.uuid4(), 99, stamp, "n")
        object.__setattr__(own, "class_version", 7)  # a field of that name: the mapper's order
        events.append(own)
        rows = list(EventRows(app.mapper)(events))
        for event, (_, _, _, state) in zip(events, rows, strict=True):
            assert state == app.mapper.to_stored_event(event).state
    finally:
        app.close()


class _Rank(IntEnum):
    """An ``int`` enum of this test's own: the encoder writes it as its number."""

    FIRST = 1


def test_rows_for_the_import_write_enums_tuples_and_value_objects_as_the_encoder_does() -> None:
    """The import path writes ``str`` and ``int`` enums, lists and tuples and the domain's
    registered value objects itself (``value_object_heads``), nested inside each other, and
    remembers the texts of days and ids it has written; it writes UTC timestamps from their
    parts, with or without microseconds, and any other timezone's by ``isoformat``. The bytes
    are the mapper's for each, written twice over (the second time from what it remembers)."""
    app = PartnershipLedger(tenant_slug=f"t-{uuid.uuid4().hex[:8]}", env=MEMORY)
    try:
        assert value_object_heads(app.mapper)  # else value objects go to the encoder
        day, other_day, ref = date(2019, 4, 1), date(2020, 2, 29), uuid.uuid4()
        assessment = ImrAssessment(day, ImrOutcome.RETURNED, ("late", 'a "quoted" gap'))
        imr = Imr("Police", day, None, True, other_day, (), (day, other_day), (assessment,), 2)
        round_ = FeedbackRound(
            day, (FeedbackPoint(1, "Zoë\n"),), (PointAnswer(1, "done"),), resubmitted_on=None
        )
        values: list[Any] = [
            ReviewKind.DHR,
            _Rank.FIRST,
            FinancialYear(2016),
            imr,
            round_,
            Supersession(other_day, "merged", ref),
            Supersession(day, "dropped", None),
            (FinancialYear(2017), ReviewKind.DARDR, (day, ref), [None, False, 2.5]),
            (),
            [],
            ("x", Decimal("1.10"), {"y": FinancialYear(2018)}),
            datetime(2020, 2, 29, 13, 5, 7, tzinfo=UTC),  # no fraction: isoformat leaves it out
            datetime(2020, 2, 29, 13, 5, 7, 5, tzinfo=timezone(timedelta(hours=1))),
            datetime(2020, 2, 29, 13, 5, 7, 5, tzinfo=timezone(timedelta(0))),  # not ``UTC``
            False,
        ]
        stamps = [
            datetime(2020, 2, 29, 13, 5, 7, 123456, tzinfo=UTC),
            datetime(2021, 1, 1, 0, 0, 0, tzinfo=UTC),
            datetime(2021, 1, 1, 0, 0, 0, 1, tzinfo=timezone(timedelta(hours=-5, minutes=-30))),
        ]
        events: list[Any] = [
            _Varied(uuid.uuid4(), i + 1, stamps[i % 3], v, values[-1 - i], (v, ref, day))
            for i, v in enumerate(values)
        ]
        encode = EventRows(app.mapper)
        for _ in range(2):
            rows = list(encode(events))
            for event, (_, _, _, state) in zip(events, rows, strict=True):
                assert state == app.mapper.to_stored_event(event).state
    finally:
        app.close()


def test_the_import_paths_default_gives_the_librarys_dicts_for_every_registered_type() -> None:
    """``transcoding_default`` inlines the known transcodings; each must give what the
    transcoder's own ``default`` gives, for a value of every type registered."""
    app = PartnershipLedger(tenant_slug=f"t-{uuid.uuid4().hex[:8]}", env=MEMORY)
    try:
        transcoder = app.mapper.transcoder
        assert isinstance(transcoder, JSONTranscoder)
        default = transcoding_default(app.mapper)
        samples: dict[type, Any] = {
            uuid.UUID: uuid.uuid4(),
            date: date(2020, 2, 29),
            datetime: datetime(2020, 2, 29, 13, 5, 7, 123456, tzinfo=UTC),
            Decimal: Decimal("12.50"),
        }
        checked = 0
        for cls in transcoder.types:
            value = samples.get(cls)
            if value is None and dataclasses.is_dataclass(cls):
                value = _sample_value_object(cls)
            if value is None:
                continue
            assert default(value) == transcoder.encoder.default(value), cls
            checked += 1
        assert checked >= 5  # the library's types, dates and some value objects
        with pytest.raises(TypeError):
            default(object())  # an unregistered type: the library's own error
    finally:
        app.close()


def _sample_value_object(cls: type) -> Any:
    """An instance built without its validation: only its fields are read."""
    value: Any = object.__new__(cls)
    for f in dataclasses.fields(cls):
        object.__setattr__(value, f.name, f"v-{f.name}")
    return value


def test_the_factory_gives_the_mapper_its_cipher() -> None:
    class Marker(Cipher):
        def __init__(self) -> None: ...

        def encrypt(self, plaintext: bytes) -> bytes:
            return plaintext

        def decrypt(self, ciphertext: bytes) -> bytes:
            return ciphertext

    cipher = Marker()
    factory = EncryptingSQLiteFactory(Environment("seams", {"SQLITE_DBNAME": ":memory:"}), cipher)
    mapper: Mapper[Any] = factory.mapper(JSONTranscoder())
    assert mapper.cipher is cipher


# --- the standard library's C encoder ----------------------------------------------------


def test_the_reused_c_encoder_encodes_as_json_does() -> None:
    settings = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str)
    encode = reusable_encoder(settings)
    assert encode is not None  # c_make_encoder is still there with the arguments it takes
    value = {"a": [1, 2.5, None, True], "b": 'Zoë \u2028 "q"', "c": {"d": date(2020, 1, 2)}}
    assert encode(value) == settings.encode(value)
    assert encode(value) == encode(value)  # reusable: no state left from the first call


# --- eventsourcing: PostgreSQL (a schema on the shared pool, the import path's statements) -


def datastore_at(postgres_url: str, **options: int) -> PostgresDatastore:
    info = psycopg.conninfo.conninfo_to_dict(postgres_url)
    return PostgresDatastore(
        dbname=str(info["dbname"]),
        host=str(info.get("host", "127.0.0.1")),
        port=str(info.get("port", 5432)),
        user=str(info.get("user", "postgres")),
        password=str(info.get("password", "")),
        **options,  # type: ignore[arg-type]
    )


@pytest.fixture
def shared(postgres_url: str) -> Iterator[PostgresDatastore]:
    datastore = datastore_at(postgres_url)
    yield datastore
    datastore.close()


def test_a_sqlite_stores_connections_checkpoint_the_wal_after_fewer_pages(tmp_path: Path) -> None:
    factory = EncryptingSQLiteFactory(
        Environment("seams", {"SQLITE_DBNAME": str(tmp_path / "seams.sqlite")})
    )
    assert isinstance(factory.datastore, SQLiteDatastore)
    pool = checkpointing_often(factory.datastore).pool
    assert type(pool) is CheckpointingPool
    with factory.datastore.transaction(commit=False) as curs:  # the library's own way in
        curs.execute("PRAGMA wal_autocheckpoint")
        assert curs.fetchone()[0] == WAL_CHECKPOINT_PAGES
        curs.execute("PRAGMA journal_mode")
        assert curs.fetchone()[0] == "wal"  # the library's own setting is kept


@pytest.mark.postgres
def test_a_kept_prepared_pools_connections_keep_more_statements_after_the_librarys_setup(
    shared: PostgresDatastore,
) -> None:
    assert callable(shared.pool._configure)  # the library's own setup, kept and run first
    keeping_prepared(shared, 1234)
    with shared.get_connection() as conn:
        assert conn.prepared_max == 1234
        assert conn.autocommit  # what the library's setup does


@pytest.mark.postgres
def test_a_latest_first_pool_hands_out_the_connection_returned_last(postgres_url: str) -> None:
    datastore = datastore_at(postgres_url, pool_size=3)
    try:
        assert type(latest_first(datastore).pool) is LatestFirstPool
        datastore.pool.open(wait=True)
        pool = datastore.pool
        first, second = pool.getconn(), pool.getconn()
        pool.putconn(second)
        pool.putconn(first)
        assert pool.getconn() is first  # returned last, handed out first
        assert pool.getconn() is second
        with datastore.transaction(commit=False) as curs:  # the library's own way in
            curs.execute("SELECT 1 AS one")
            assert curs.fetchone() == {"one": 1}
    finally:
        datastore.close()


@pytest.mark.postgres
def test_a_rollback_still_drops_prepared_statements_and_reading_does_not(
    shared: PostgresDatastore,
) -> None:
    """Why ``reading`` exists: psycopg forgets a connection's prepared statements after a
    ROLLBACK. If a release stops doing that, ``reading`` is still right, only not needed."""
    assert shared.pool.max_size == 1  # one connection: every block below reuses it
    with shared.get_connection() as conn:
        conn.execute("SELECT 1 AS one", prepare=True)
        assert len(conn._prepared._names) == 1
    with reading(shared) as curs:
        curs.execute("SELECT 2 AS two")
        assert curs.fetchone() == {"two": 2}
    with shared.get_connection() as conn:
        assert len(conn._prepared._names) == 1
    with shared.transaction(commit=False) as curs:
        curs.execute("SELECT 3 AS three")
    with shared.get_connection() as conn:
        assert len(conn._prepared._names) == 0


@pytest.mark.postgres
def test_a_schema_datastore_borrows_the_shared_pool_and_leaves_it_open(
    shared: PostgresDatastore,
) -> None:
    schema = f"seams_{uuid.uuid4().hex[:8]}"
    datastore = SchemaDatastore(shared, schema)
    assert datastore.pool is shared.pool and datastore.schema == schema
    assert isinstance(datastore.db_type_names, set)  # what register_type_adapters reads
    assert isinstance(datastore.psycopg_python_types, dict)
    datastore.close()
    with shared.transaction(commit=False) as curs:
        curs.execute("SELECT 1 AS one")
        assert curs.fetchone() == {"one": 1}


@pytest.mark.postgres
def test_a_schema_factory_is_the_librarys_with_the_schema_datastore(
    shared: PostgresDatastore,
) -> None:
    schema = f"seams_{uuid.uuid4().hex[:8]}"
    with shared.transaction(commit=True) as curs:
        curs.execute(f'CREATE SCHEMA "{schema}"')
    ran: list[str] = []

    def ddl(change: Any) -> None:
        ran.append("ddl")
        change()

    datastore = SchemaDatastore(shared, schema)
    factory = SchemaFactory(Environment("seams", {}), datastore, ddl)
    assert factory.datastore is datastore and factory.env_create_table() is False
    assert PostgresFactory.CREATE_TABLE == "CREATE_TABLE"
    recorder = factory.application_recorder()
    assert ran == ["ddl"]  # created once, through the lock
    assert isinstance(recorder, PostgresApplicationRecorder)
    again = SchemaFactory(Environment("seams", {}), SchemaDatastore(shared, schema), ddl)
    again.application_recorder()
    assert ran == ["ddl"]  # the tables exist: no DDL


@pytest.mark.postgres
def test_the_recorder_still_locks_and_notifies_as_the_import_path_repeats(
    shared: PostgresDatastore,
) -> None:
    schema = f"seams_{uuid.uuid4().hex[:8]}"
    with shared.transaction(commit=True) as curs:
        curs.execute(f'CREATE SCHEMA "{schema}"')
    recorder = PostgresApplicationRecorder(SchemaDatastore(shared, schema))
    recorder.create_table()
    lock_sql = " ".join(
        s.as_string() if isinstance(s, psycopg.sql.Composable) else str(s)
        for s in recorder.lock_table_statements
    )
    assert "LOCK TABLE" in lock_sql and recorder.events_table_name in lock_sql
    assert recorder.channel_name == recorder.events_table_name.replace(".", "_")
    # what its inserts run: if the library stopped taking these locks, the import's COPY would
    # take locks no save takes, and notification ids could commit out of order
    source = inspect.getsource(PostgresApplicationRecorder)
    assert "in self.lock_table_statements" in source and "NOTIFY" in source
    table, prepare = copy_target(recorder)
    with shared.transaction(commit=True) as curs:
        curs.execute(prepare)  # the statements run as they are joined
        curs.execute(psycopg.sql.SQL("SELECT count(*) AS n FROM {0}").format(table))
        assert curs.fetchone() == {"n": 0}


def test_the_sqlite_recorders_insert_statement_takes_the_four_columns() -> None:
    recorder = SQLiteApplicationRecorder(SQLiteDatastore(":memory:"))
    recorder.create_table()
    statement = insert_statement(recorder)
    assert statement.count("?") == 4 and recorder.events_table_name in statement
    with recorder.datastore.transaction(commit=True) as cursor:
        cursor.executemany(statement, [(uuid.uuid4().hex, 1, "t:T", b"{}")])
    assert len(recorder.select_notifications(0, 10)) == 1


# --- flask-smorest and apispec: public hooks only -----------------------------------------


def small_api(*plugins: BasePlugin) -> tuple[Flask, Api]:
    app = Flask("seams")
    app.config.update(API_TITLE="t", API_VERSION="v1", OPENAPI_VERSION="3.0.3")
    blp = Blueprint("things", __name__)

    @blp.route("/things")
    def things() -> dict[str, str]:
        return {}

    api = Api(app, spec_kwargs={"extra_plugins": list(plugins)})
    api.register_blueprint(blp)
    return app, api


def test_an_error_handler_registered_after_the_api_replaces_flask_smorests() -> None:
    app, _ = small_api()
    problems.register(app)
    assert app.error_handler_spec[None][None][HTTPException] is problems.handle_http
    with app.test_request_context():
        answer = app.test_client().get("/nowhere")
    assert answer.status_code == 404 and answer.mimetype == problems.PROBLEM


def test_apispec_plugins_are_told_the_flask_rule_of_each_path() -> None:
    seen: list[Any] = []

    class Spy(BasePlugin):
        def operation_helper(self, path: Any = None, operations: Any = None, **kw: Any) -> None:
            seen.append((path, kw.get("rule"), sorted(operations or {})))

    small_api(Spy())
    assert [(p, r.endpoint, ops) for p, r, ops in seen] == [("/things", "things.things", ["get"])]


# --- no private name of a library outside adapters/library --------------------------------

LIBRARIES = {"eventsourcing", "flask_smorest", "apispec", "marshmallow", "json"}
PACKAGES = ("domain", "adapters", "tenants", "projections", "api", "benchmarks", "tests")


def private_uses(tree: ast.AST) -> Iterator[str]:
    """Imports of a private name or module of a library, and ``json.encoder``'s internals."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            if parts[0] not in LIBRARIES:
                continue
            names = [a.name for a in node.names]
            if any(p.startswith("_") for p in parts) or any(n.startswith("_") for n in names):
                yield f"from {node.module} import {', '.join(names)}"
            if node.module == "json.encoder" or (node.module == "json" and "encoder" in names):
                yield f"from {node.module} import {', '.join(names)}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] in LIBRARIES and (
                    any(p.startswith("_") for p in parts) or alias.name == "json.encoder"
                ):
                    yield f"import {alias.name}"


def test_no_module_outside_adapters_library_imports_a_private_name_of_a_library() -> None:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path.is_relative_to(ROOT / "adapters" / "library"):
                continue
            for use in private_uses(ast.parse(path.read_text(), str(path))):
                found.append(f"{path.relative_to(ROOT)}: {use}")
    assert found == []


def test_the_private_name_check_finds_what_it_looks_for() -> None:
    code = "import json.encoder\nfrom eventsourcing.application import _x\nfrom json import loads\n"
    assert list(private_uses(ast.parse(code))) == [
        "import json.encoder",
        "from eventsourcing.application import _x",
    ]


@pytest.mark.postgres
def test_a_postgres_recorder_names_its_table_and_channel(shared: PostgresDatastore) -> None:
    schema = f"seams_{uuid.uuid4().hex[:8]}"
    with shared.transaction(commit=True) as curs:
        curs.execute(f'CREATE SCHEMA "{schema}"')
    recorder = PostgresApplicationRecorder(SchemaDatastore(shared, schema), events_table_name="ev")
    assert events_table(recorder) == (schema, "ev")
    assert notification_channel(recorder) == "ev"


def test_an_sqlite_recorder_names_its_table_and_has_no_channel() -> None:
    recorder = SQLiteApplicationRecorder(SQLiteDatastore(":memory:"), events_table_name="ev")
    assert events_table(recorder) == (None, "ev")
    assert notification_channel(recorder) is None


# --- py-amqp: the plain send on a confirm channel (adapters/library/amqp.py) -----------------


def test_a_confirm_channel_can_still_publish_without_waiting_for_each_confirm() -> None:
    from amqp.channel import Channel

    from adapters.library.amqp import publish_without_waiting

    assert callable(Channel._basic_publish) and Channel.basic_publish is Channel._basic_publish
    assert "_basic_publish" in inspect.getsource(Channel.basic_publish_confirm)

    class Opened:
        _basic_publish = Channel._basic_publish
        basic_publish = Channel.basic_publish_confirm

    channel = Opened()
    publish_without_waiting(channel)
    assert channel.basic_publish == channel._basic_publish


# --- WeasyPrint: a tagged table's structure elements (adapters/library/weasyprint.py) -------


def test_weasyprint_still_tags_a_table_as_the_heading_links_expect() -> None:
    """``link_headings`` reads WeasyPrint's tags: a ``/Table`` of ``/THead``/``/TBody`` rows,
    ``/TH`` cells with an ``/ID`` and ``/ColSpan``, ``/TD`` cells whose ``/Headers`` name only
    the heading starting in their column. If an upgrade links a spanning heading itself (or
    writes cells another way), this fails: check the finisher still does right, or drop it."""
    from weasyprint import HTML

    from adapters.library.weasyprint import _elements, _grid, link_headings

    html = (
        "<html lang='en-GB'><body><table><thead><tr><th scope='col' colspan='2'>Group</th></tr>"
        "<tr><th scope='col'>First</th><th scope='col'>Second</th></tr></thead>"
        "<tbody><tr><td>1</td><td>2</td></tr></tbody></table></body></html>"
    )
    seen: dict[str, list[int]] = {}

    def headers(pdf: Any) -> list[int]:
        """How many headings each data cell is read with, left to right."""
        (table,) = list(_elements(pdf, "/Table"))
        cells = list(_grid(pdf, table))
        assert any(int(c.element["A"].get("ColSpan", 1)) == 2 for c in cells if "ID" in c.element)
        data = [c for c in cells if c.element["S"] == "/TD"]
        assert [c.column for c in data] == [0, 1]
        return [len(c.element["A"].get("Headers", ())) for c in data]

    def finisher(document: Any, pdf: Any) -> None:
        seen["as written"] = headers(pdf)
        link_headings(document, pdf)
        seen["linked"] = headers(pdf)

    HTML(string=html).write_pdf(pdf_tags=True, finisher=finisher)
    assert seen["as written"] == [2, 1], "WeasyPrint links a spanning heading another way now"
    assert seen["linked"] == [2, 2]


def test_weasyprint_still_shows_a_row_headings_scope_only_by_linking_its_rows_cells() -> None:
    """``link_headings`` tells a row's heading (``scope="row"``) from a column's by the data cells
    of its own row naming it in their ``/Headers``: the structure tree keeps no other trace of
    the scope. A heading without a scope is linked by column (``link_headings`` applies HTML's
    rule to it). If an upgrade writes ``/Scope`` itself, or stops linking a row's heading, this
    fails: check the finisher still scopes headings right, or drop that part of it."""
    from weasyprint import HTML

    from adapters.library.weasyprint import _elements, _grid

    html = (
        "<html lang='en-GB'><body><table><tbody>"
        "<tr><th scope='row'>Meeting</th><td>Board</td></tr>"
        "<tr><th>Date</th><td>1 May</td></tr></tbody></table></body></html>"
    )
    seen: dict[str, Any] = {}

    def finisher(document: Any, pdf: Any) -> None:
        (table,) = list(_elements(pdf, "/Table"))
        cells = list(_grid(pdf, table))
        ids = {str(c.element["ID"].string): c.row for c in cells if "ID" in c.element}
        headers = [c.element["A"].get("Headers", ()) for c in cells if c.element["S"] == "/TD"]
        seen["linked"] = [[ids[str(h.string)] for h in row] for row in headers]
        seen["scopes"] = [c.element["A"].get("Scope") for c in cells if c.element["S"] == "/TH"]

    HTML(string=html).write_pdf(pdf_tags=True, finisher=finisher)
    assert seen["scopes"] == [None, None], "WeasyPrint writes /Scope itself now"
    assert seen["linked"] == [[0], []], "WeasyPrint links a row's heading another way now"
