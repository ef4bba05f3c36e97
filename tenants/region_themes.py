"""``RegionThemes``: each region's own themes, event-sourced in the platform's store.

A region is not a tenant, so its taxonomy cannot live in a tenant's store; its tenants follow
it into their own taxonomies instead (``domain/themes/following.py``). Its own application
(own table in the ``platform`` area), so registry followers never see theme events.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from domain.themes import VALUE_OBJECTS, RegionTaxonomy, Theme, ThemeKind, ThemeListing
from domain.themes import empty_listing as _empty
from tenants.application import LedgerApplication, aggregate_cache
from tenants.conflicts import retried_on_index_conflict


class RegionThemes(LedgerApplication):
    name = "platform_region_themes"
    env: ClassVar[dict[str, str]] = aggregate_cache(256)
    value_objects = VALUE_OBJECTS

    def listing(self, region: str) -> ThemeListing:
        """Every theme the region ever added, retired ones included (empty if none yet)."""
        taxonomy = self._taxonomy(region)
        return _empty(region) if taxonomy is None else taxonomy.listing()

    @retried_on_index_conflict
    def add_theme(
        self, region: str, code: str, label: str, kind: ThemeKind | str, home_office_code: str
    ) -> Theme:
        taxonomy = self._taxonomy(region) or RegionTaxonomy(region=region)
        theme = taxonomy.add_theme(code, label, kind, home_office_code)
        self.save(taxonomy)
        return theme

    def retire_theme(self, region: str, code: str, retired_on: date, reason: str) -> None:
        taxonomy = self._taxonomy(region) or RegionTaxonomy(region=region)
        taxonomy.retire_theme(code, retired_on, reason)
        self.save(taxonomy)

    def _taxonomy(self, region: str) -> RegionTaxonomy | None:
        return self.find(RegionTaxonomy.create_id(region), RegionTaxonomy)
