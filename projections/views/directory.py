"""Which tenants belong to which region, and which are offboarded or restored copies — built
from registry events.

Regional queries join through this table, so an offboarded tenant's rows leave every regional
view at once, and 'as of 2016-03-31' uses the membership of that day, not today's.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from projections.model import ReadModel, Tables, on
from projections.port import ViewTx


class Directory(ReadModel):
    name = "directory"
    source: ClassVar[Literal["tenant", "registry", "region"]] = "registry"
    tables: ClassVar[dict[str, str]] = {
        "tenants": "slug TEXT PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
        " region TEXT NOT NULL, status TEXT NOT NULL",
        "regions": "slug TEXT PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL",
    }
    indexes: ClassVar[dict[str, tuple[str, ...]]] = {"tenants": ("region, status",)}

    @on("Region.Created")
    def region_created(self, tx: ViewTx, t: Tables, source: str, e: Any) -> None:
        tx.execute(
            t.sql(
                "INSERT INTO {regions} (slug, id, name) VALUES (?, ?, ?) ON CONFLICT (slug) DO NOTHING"
            ),
            (e.slug, str(e.originator_id), e.name),
        )

    @on("Region.Renamed")
    def region_renamed(self, tx: ViewTx, t: Tables, source: str, e: Any) -> None:
        tx.execute(
            t.sql("UPDATE {regions} SET name = ? WHERE id = ?"), (e.name, str(e.originator_id))
        )

    @on("Tenant.Registered")
    def registered(self, tx: ViewTx, t: Tables, source: str, e: Any) -> None:
        tx.execute(
            t.sql(
                "INSERT INTO {tenants} (slug, id, name, region, status) VALUES (?, ?, ?, ?, 'active')"
                " ON CONFLICT (slug) DO NOTHING"
            ),
            (e.slug, str(e.originator_id), e.name, e.region),
        )

    @on("Tenant.Renamed")
    def renamed(self, tx: ViewTx, t: Tables, source: str, e: Any) -> None:
        self._set(tx, t, e, "name", e.name)

    @on("Tenant.MovedRegion")
    def moved(self, tx: ViewTx, t: Tables, source: str, e: Any) -> None:
        self._set(tx, t, e, "region", e.region)

    @on("Tenant.Suspended", "Tenant.SuspendedWithNote")
    def suspended(self, tx: ViewTx, t: Tables, source: str, e: Any) -> None:
        self._set(tx, t, e, "status", "suspended")

    @on("Tenant.Reinstated")
    def reinstated(self, tx: ViewTx, t: Tables, source: str, e: Any) -> None:
        self._set(tx, t, e, "status", "active")

    @on("Tenant.KeptAsCopy")
    def kept_as_copy(self, tx: ViewTx, t: Tables, source: str, e: Any) -> None:
        self._set(tx, t, e, "status", "copy")  # a restored backup: none of the region's members

    @on("Tenant.Offboarded", "Tenant.OffboardedWithNote")
    def offboarded(self, tx: ViewTx, t: Tables, source: str, e: Any) -> None:
        self._set(tx, t, e, "status", "offboarded")

    @staticmethod
    def _set(tx: ViewTx, t: Tables, e: Any, column: str, value: str) -> None:
        tx.execute(
            t.sql(f"UPDATE {{tenants}} SET {column} = ? WHERE id = ?"),
            (value, str(e.originator_id)),
        )
