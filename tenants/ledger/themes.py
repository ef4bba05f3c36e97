"""The tenant's theme taxonomy (``ledger.themes``).

The taxonomy a use case sees is already caught up with the region's themes (``taxonomy``);
``sync_region`` saves that catch-up on its own, for when the region changes or the
partnership joins or re-joins a region.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from domain.calendar import uk_today
from domain.errors import NotFoundError
from domain.themes import Taxonomy, Theme, ThemeKind, ThemeListing
from tenants.conflicts import retried_on_index_conflict
from tenants.ledger.plan import PlanService


class Themes(PlanService):
    def __init__(
        self, app: Any, tenant_slug: str, region_themes: Callable[[], ThemeListing | None]
    ) -> None:
        super().__init__(app, tenant_slug)
        self.region_themes = region_themes

    def taxonomy(self) -> Taxonomy:
        """The tenant's taxonomy (a fresh copy of the default until first saved), caught up
        with its region's themes: whoever saves it next records what the region changed, in
        the same transaction as the tag that relies on it."""
        taxonomy_id = Taxonomy.create_id(self.tenant_slug)
        try:
            taxonomy = self.stored(taxonomy_id, Taxonomy, "taxonomy")
        except NotFoundError:
            taxonomy = Taxonomy.from_default(self.tenant_slug)
        listing = self.region_themes()
        if listing is not None:
            taxonomy.follow_region(listing, uk_today())
        return taxonomy

    def all(
        self, kind: ThemeKind | None = None, include_retired: bool = False
    ) -> tuple[Theme, ...]:
        taxonomy = self.taxonomy()
        if include_retired:
            return tuple(t for t in taxonomy.themes.values() if kind is None or t.kind == kind)
        return taxonomy.active(kind)

    def labels(self, at: datetime | None = None) -> dict[str, str]:
        """Every theme's and sector's label by its code, retired ones too (old tags keep their
        names); ``at``: as the taxonomy was recorded by then (the default before its first)."""
        taxonomy = self.taxonomy() if at is None else self._recorded(at)
        return {t.code: t.label for t in taxonomy.themes.values()}

    def _recorded(self, at: datetime) -> Taxonomy:
        replayed = self.replayed(Taxonomy.create_id(self.tenant_slug), at)
        if isinstance(replayed, Taxonomy):
            return replayed
        return Taxonomy.from_default(self.tenant_slug)

    def listing(self) -> ThemeListing:
        """Every theme with its retirement and origin; ``version`` is the taxonomy's ETag."""
        return self.taxonomy().listing()

    def resolve(self, code: str) -> Theme:
        """The meaning of a code, even a retired one."""
        return self.taxonomy().resolve(code)

    def retired(self) -> dict[str, date]:
        return dict(self.taxonomy().retired)

    def add(self, code: str, label: str, kind: ThemeKind, home_office_code: str = "other") -> Theme:
        taxonomy = self.taxonomy()
        self.perform(taxonomy.add_theme, code, label, kind, home_office_code)
        return taxonomy.resolve(code)

    def retire(self, code: str, retired_on: date, reason: str) -> None:
        self.perform(self.taxonomy().retire_theme, code, retired_on, reason)

    @retried_on_index_conflict
    def sync_region(self) -> bool:
        """Record what the region changed since the taxonomy was last saved; True if anything."""
        taxonomy = self.taxonomy()
        never_saved = taxonomy.listing().version == 0  # then its first event is pending too
        if len(taxonomy.pending_events) <= int(never_saved):
            return False
        self.save(taxonomy)
        return True
