"""Opening the read-model store for a platform: the ``projections`` area, never a tenant's."""

from __future__ import annotations

from adapters.crypto.fingerprints import Fingerprints
from adapters.stores import PostgresStores, SQLiteStores
from projections.generations import install
from projections.port import ViewStore
from projections.postgres_views import PostgresViews
from projections.sqlite_views import SQLiteViews
from projections.views import all_models
from tenants.platform import Platform

AREA = "projections"


def open_views(platform: Platform) -> ViewStore:
    """Open (and on first use create) the read-model tables, so queries work before any worker ran."""
    stores = platform.stores
    views: ViewStore
    if isinstance(stores, PostgresStores):
        stores.create_area(AREA)
        views = PostgresViews(stores.address, AREA, fingerprint=fingerprints(platform))
    elif isinstance(stores, SQLiteStores):
        stores.create_area(AREA)  # the file made 0600 in the 0700 data dir, like every store's
        views = SQLiteViews(stores.path(AREA), fingerprint=fingerprints(platform))
    else:
        raise TypeError(f"no read-model store for {type(stores).__name__}")
    install(views, all_models())
    return views


def open_read_views(platform: Platform) -> ViewStore:
    """The store regional queries read: a hot standby when LEDGER_READ_DATABASE_URL names one.

    A standby is read-only, so nothing is installed there: the primary's workers create and
    fill the tables, and streaming replication brings them over.
    """
    read = platform.settings.read_postgres
    if read is None:
        return open_views(platform)
    return PostgresViews(read, AREA, fingerprint=fingerprints(platform))


def fingerprints(platform: Platform) -> Fingerprints:
    """How the read models keep recorded names: keyed by the platform's master key."""
    return Fingerprints(platform.stores.keyring)
