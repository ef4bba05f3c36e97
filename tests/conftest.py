"""Fixtures shared by every test.

Integration tests run once per store through the parametrised ``platform`` fixture:
embedded SQLite in a temporary folder, and the real PostgreSQL server on this machine.
PostgreSQL being unreachable is a failure, never a skip: CI must prove both stores.

The suite runs in parallel (pytest-xdist, ``-n``/``--dist loadgroup`` in pyproject.toml), so
every test must be safe beside any other test running at the same time in another process:

- names in shared services are unique: slugs through ``unique``, and region names too (the
  platform allows each name once: ``unique("Midshire")``, or the test's own suffix after the
  name; a test asserting a region's name shown asserts that whole name), databases through
  ``fresh_database``, queues through ``queue_name`` and events exchanges through
  ``events_exchange`` (``LEDGER_EVENTS_EXCHANGE``), so a queue on the shared vhost hears
  only its own test's events (each worker's session has its own PostgreSQL database already);
- ports are free ones (bind to port 0), files live under ``tmp_path``/``tmp_path_factory``,
  never at a fixed path;
- a test that uses the real RabbitMQ asks for ``amqp_url``: it is then marked ``rabbitmq``
  (``-m "not rabbitmq"`` leaves it out) and runs in any worker, beside the others;
- a store many tests want the same (the demo) is built once per run under a file lock and each
  user gets a copy of its own (``tests/store_copies.py``): SQLite's data dir copied, PostgreSQL's
  database cloned from the original as a template;
- a module with a fixture built once per module (``scope="module"``) has its tests kept in
  one worker automatically; one that reaches such a fixture only through
  ``request.getfixturevalue`` marks itself ``pytest.mark.xdist_group("<its name>")``.

``pytest -n0`` runs everything in one process, as before (handy with ``--pdb``).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from hypothesis import settings as hypothesis_settings

from adapters.settings import Settings
from tenants.ledger import PartnershipLedger
from tenants.platform import Platform, bootstrap
from tests import fast_passwords, fast_routes, fast_templates

# The suite's property tests (``test_*_rules.py``, ``test_*_follow_the_*.py``) draw the same
# examples on every run, so a run is repeatable and CI fails only on a change; each was explored
# with thousands of fresh examples when written. ``HYPOTHESIS_PROFILE=explore`` draws new ones.
hypothesis_settings.register_profile("repeatable", derandomize=True)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

PG_SERVER = os.environ.get("LEDGER_TEST_PG_SERVER", "postgresql://postgres@127.0.0.1:5432")
PG_TEST_DB = "ledger_test"
# PostgreSQL tests share one database (and so its wrapped keys) but not a data dir: one master key.
TEST_MASTER_KEY = "dGVzdC1tYXN0ZXIta2V5LW9mLTMyLWJ5dGVzLW9rISE="


@pytest.fixture
def memory_ledger() -> Iterator[PartnershipLedger]:
    """A tenant's application with the in-memory store: for fast use-case tests."""
    app = PartnershipLedger(
        tenant_slug=f"t-{uuid.uuid4().hex[:8]}", env={"PERSISTENCE_MODULE": "eventsourcing.popo"}
    )
    yield app
    app.close()


@contextmanager
def fresh_database(prefix: str, template: str = "") -> Iterator[str]:
    """A database of its own on the local server (a copy of ``template`` if named), dropped
    afterwards.

    Fresh per session, so schemas from earlier runs never pile up, and two sessions
    running at once (a developer and CI) never see each other's tenants.
    """
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    try:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"{copy}')
            # a throwaway database: a commit need not wait for the disk (only an OS crash could
            # lose it), which the tests' many small transactions otherwise do, one flush each
            conn.execute(f'ALTER DATABASE "{name}" SET synchronous_commit TO off')
    except psycopg.OperationalError as e:
        pytest.fail(
            f"PostgreSQL is not reachable at {PG_SERVER} ({e}); start it with tests/services.sh."
        )
    try:
        yield f"{PG_SERVER}/{name}"
    finally:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with fresh_database(PG_TEST_DB) as url:
        yield url


@contextmanager
def database_alone(module: str) -> Iterator[str]:
    """A database of its own for one module's tests, for code that reads every partnership
    on the platform (a reminder run): in the shared one it read every other test's, hundreds
    by the end of a session, some left unreadable on purpose (tampering, restores), and was
    slow and failed on them. Use as a module's own ``postgres_url`` fixture."""
    with fresh_database(f"ledger_{module}") as url:
        yield url


def settings_for(kind: str, tmp_path: Path, postgres_url: str, **extra: str) -> Settings:
    env = {"LEDGER_DATA_DIR": str(tmp_path / "data"), **extra}
    if kind == "postgres":
        env["LEDGER_DATABASE_URL"] = postgres_url
        env.setdefault("LEDGER_PG_POOL_SIZE", "4")
        env.setdefault("LEDGER_MASTER_KEY", TEST_MASTER_KEY)
    return Settings.from_environ(env)


def store_env(s: Settings) -> dict[str, str]:
    """The environment that points ``ledger ...`` (in process or as a subprocess) at the store
    ``s`` describes, as an operator's would."""
    env = {
        "LEDGER_DATA_DIR": str(s.data_dir),
        "LEDGER_BROKER_URL": s.broker_url,
        "LEDGER_EVENTS_EXCHANGE": s.events_exchange,
    }
    if s.postgres is not None:
        pg = s.postgres
        secret = f":{pg.password}" if pg.password else ""
        env["LEDGER_DATABASE_URL"] = (
            f"postgresql://{pg.user}{secret}@{pg.host}:{pg.port}/{pg.dbname}"
        )
    if s.master_key:
        env["LEDGER_MASTER_KEY"] = s.master_key
    return env


def use_store(monkeypatch: pytest.MonkeyPatch, s: Settings) -> None:
    """Point this test's ``ledger ...`` commands at the store ``s`` describes."""
    monkeypatch.delenv("LEDGER_DATABASE_URL", raising=False)
    for name, value in store_env(s).items():
        monkeypatch.setenv(name, value)


BOTH_STORES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BOTH_STORES)
def store_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make_platform(
    store_kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[..., Platform]]:
    """Build platforms on this test's store; call again to simulate a restart."""
    url = request.getfixturevalue("postgres_url") if store_kind == "postgres" else ""
    opened: list[Platform] = []

    def make(**extra: str) -> Platform:
        p = bootstrap(settings_for(store_kind, tmp_path, url, **extra))
        opened.append(p)
        return p

    yield make
    for p in opened:
        p.close()


@pytest.fixture
def platform(make_platform: Callable[..., Platform]) -> Platform:
    return make_platform()


@pytest.fixture
def unique() -> Callable[[str], str]:
    """Slugs (and names the platform allows once, a region's) unique to this test, so tests
    can share one PostgreSQL database."""
    suffix = uuid.uuid4().hex[:8]
    return lambda stem: f"{stem}-{suffix}"


PROJECTIONS = Path(__file__).parent / "projections"


def pytest_configure(config: pytest.Config) -> None:
    """Apps built by the tests share their compiled URL builders and templates, and
    passwords are hashed cheaply (tests/fast_routes.py, fast_templates.py, fast_passwords.py)."""
    fast_routes.install()
    fast_templates.install()
    fast_passwords.install()


def _on_broker(item: pytest.Item) -> bool:
    """Whether the test runs against the real RabbitMQ: it asks for the broker, or it is a
    read-model test on PostgreSQL, whose ``platform`` takes the broker (projections/conftest)."""
    if "amqp_url" in getattr(item, "fixturenames", ()) or item.get_closest_marker("rabbitmq"):
        return True
    callspec = getattr(item, "callspec", None)
    return (
        item.path.is_relative_to(PROJECTIONS)
        and callspec is not None
        and callspec.params.get("store_kind") == "postgres"
    )


def _built_once_per_module(item: pytest.Item) -> bool:
    """Whether the test uses a fixture built once per module (or class or package): its
    module's tests then stay in one worker, so that fixture is built once, as without xdist."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return False
    for name in getattr(item, "fixturenames", ()):
        defs = info.name2fixturedefs.get(name)
        if defs and defs[-1].scope in ("module", "package", "class"):
            return True
    return False


def _name_group_in_node_id(item: pytest.Item) -> None:
    """xdist's scheduler reads a test's group from ``<node id>@<group>``. xdist 3.8 appends it by
    setting ``_nodeid``, which pytest 9.2 no longer reads (node ids became ``NodeId``s), so the
    groups were silently ignored: append it here the way pytest now keeps the id."""
    mark = item.get_closest_marker("xdist_group")
    if mark is None or hasattr(item, "_nodeid"):  # older pytest: xdist's own hook does it
        return
    from _pytest.nodeid import NodeId

    group = mark.args[0] if mark.args else mark.kwargs.get("name", "default")
    item._id = NodeId.parse(f"{item.nodeid}@{group}")


@pytest.hookimpl(tryfirst=True)  # before xdist's worker reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark each test by the real services it needs, so ``make test-sqlite`` can leave them
    out by marker: the broker (``rabbitmq``), a PostgreSQL database asked for by name
    (``postgres``; the store-parametrised tests mark their PostgreSQL half themselves) and
    Chromium (``browser``).

    And group tests for pytest-xdist (``--dist loadgroup``): each module with a module-wide
    fixture in one worker.
    """
    for item in items:
        names = getattr(item, "fixturenames", ())
        if _on_broker(item):
            item.add_marker(pytest.mark.rabbitmq)
        if "postgres_url" in names:
            item.add_marker(pytest.mark.postgres)
        if "browser" in names:
            item.add_marker(pytest.mark.browser)
        if not item.get_closest_marker("xdist_group") and _built_once_per_module(item):
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))
        if getattr(config.option, "loadgroup", False):  # an xdist worker with --dist loadgroup
            _name_group_in_node_id(item)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """The run's last process (xdist's controller, or the only one) drops the PostgreSQL
    originals the workers built (tests/store_copies.py)."""
    if hasattr(session.config, "workerinput"):
        return
    factory = getattr(session.config, "_tmp_path_factory", None)
    if factory is not None and factory._basetemp is not None:
        from tests.store_copies import drop_originals

        drop_originals(factory.getbasetemp())


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say which real services the passing tests ran against, so a skipped store cannot hide."""
    ran = {"sqlite": 0, "postgres": 0, "rabbitmq": 0}
    for report in terminalreporter.stats.get("passed", []):
        if report.when != "call":
            continue
        for service in ran:
            if f"[{service}" in report.nodeid or service in report.keywords:
                ran[service] += 1
    terminalreporter.write_line(
        "real services: " + ", ".join(f"{n} passed on {service}" for service, n in ran.items())
    )
