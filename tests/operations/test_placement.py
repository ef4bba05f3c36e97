"""Where a tenant lives is recorded without secrets, and only PostgreSQL tenants can move."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from adapters.servers import ServerStores
from adapters.settings import Settings
from adapters.stores import SQLiteStores
from domain.errors import InvalidTransitionError, InvalidValueError
from tenants.backup.moving import move_tenant
from tenants.platform import Platform


def test_a_server_is_recorded_without_its_password_and_home_as_empty() -> None:
    settings = Settings.from_environ(
        {"LEDGER_DATABASE_URL": "postgresql://ledger@db1:5432/ledger", "LEDGER_DATA_DIR": "/tmp"}
    )
    servers = ServerStores(SQLiteStores(Path("/tmp")), settings)
    assert servers.placement("postgresql://ledger@db1:5432/ledger") == ""
    assert (
        servers.placement("postgresql://ledger@db2/ledger") == "postgresql://ledger@db2:5432/ledger"
    )
    with pytest.raises(InvalidValueError, match="pgpass"):
        servers.placement("postgresql://ledger:hunter2@db2:5432/ledger")
    with pytest.raises(InvalidValueError, match="postgresql://"):
        servers.placement("mysql://db2/ledger")


def test_a_tenant_cannot_move_to_where_it_already_lives_or_off_sqlite(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    region, slug = unique("region"), unique("csp")
    platform.registry.create_region(region, unique("R"))
    platform.register_tenant(slug, f"CSP {slug}", region)
    if platform.settings.postgres is None:
        with pytest.raises(InvalidValueError, match="SQLite"):
            move_tenant(platform, slug, "postgresql://postgres@127.0.0.1:5432/x")
        return
    home = platform.settings.postgres
    url = f"postgresql://{home.user}@{home.host}:{home.port}/{home.dbname}"
    with pytest.raises(InvalidTransitionError, match="already lives"):
        move_tenant(platform, slug, url)
    assert platform.registry.tenant(slug).status == "active"  # refused before suspending


@pytest.mark.parametrize(  # only a PostgreSQL tenant moves between servers
    "store_kind", [pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_a_move_to_a_server_that_cannot_be_reached_is_refused_in_words(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    """It printed a chained traceback after the pool's timeout; now it says what to check,
    and the tenant was never suspended."""
    region, slug = unique("region"), unique("csp")
    platform.registry.create_region(region, unique("R"))
    platform.register_tenant(slug, f"CSP {slug}", region)
    nowhere = "postgresql://postgres@127.0.0.1:1/ledger"  # nothing listens on port 1
    with pytest.raises(InvalidTransitionError, match="could not be reached"):
        move_tenant(platform, slug, nowhere)
    assert platform.registry.tenant(slug).status == "active"
