"""Opening the read-model store for a platform: the ``projections`` area, never a tenant's."""

from __future__ import annotations

from adapters.stores import PostgresStores, SQLiteStores
from projections.port import ViewStore
from projections.postgres_views import PostgresViews
from projections.sqlite_views import SQLiteViews
from tenants.platform import Platform

AREA = "projections"


def open_views(platform: Platform) -> ViewStore:
    stores = platform.stores
    if isinstance(stores, PostgresStores):
        stores.create_area(AREA)
        return PostgresViews(stores.address, AREA)
    if isinstance(stores, SQLiteStores):
        return SQLiteViews(stores.path(AREA))
    raise TypeError(f"no read-model store for {type(stores).__name__}")
