"""Use cases on the tenant's theme taxonomy and its action-plan settings.

The taxonomy a use case sees is already caught up with the region's themes
(``ActionPlanSupport._plan_taxonomy``); ``sync_region_themes`` saves that catch-up on its own,
for when the region changes or the partnership joins or re-joins a region.
"""

from __future__ import annotations

from datetime import date

from domain.actionplan import PlanSettings
from domain.themes import Theme, ThemeKind, ThemeListing
from tenants.conflicts import retried_on_index_conflict
from tenants.ledger.actionplan_support import ActionPlanSupport


class TaxonomyUseCases(ActionPlanSupport):
    def list_themes(
        self, kind: ThemeKind | None = None, include_retired: bool = False
    ) -> tuple[Theme, ...]:
        taxonomy = self._plan_taxonomy()
        if include_retired:
            return tuple(t for t in taxonomy.themes.values() if kind is None or t.kind == kind)
        return taxonomy.active(kind)

    def theme_taxonomy(self) -> ThemeListing:
        """Every theme with its retirement and origin; ``version`` is the taxonomy's ETag."""
        return self._plan_taxonomy().listing()

    def resolve_theme(self, code: str) -> Theme:
        """The meaning of a code, even a retired one."""
        return self._plan_taxonomy().resolve(code)

    def retired_themes(self) -> dict[str, date]:
        return dict(self._plan_taxonomy().retired)

    def add_theme(
        self, code: str, label: str, kind: ThemeKind, home_office_code: str = "other"
    ) -> Theme:
        taxonomy = self._plan_taxonomy()
        taxonomy.add_theme(code, label, kind, home_office_code)
        self.save(taxonomy)
        return taxonomy.resolve(code)

    def retire_theme(self, code: str, retired_on: date, reason: str) -> None:
        taxonomy = self._plan_taxonomy()
        taxonomy.retire_theme(code, retired_on, reason)
        self.save(taxonomy)

    @retried_on_index_conflict
    def sync_region_themes(self) -> bool:
        """Record what the region changed since the taxonomy was last saved; True if anything."""
        taxonomy = self._plan_taxonomy()
        never_saved = taxonomy.listing().version == 0  # then its first event is pending too
        if len(taxonomy.pending_events) <= int(never_saved):
            return False
        self.save(taxonomy)
        return True

    def plan_settings(self) -> PlanSettings:
        return self._plan_settings()

    def set_impact_review_interval(self, months: int, reason: str) -> None:
        settings = self._plan_settings()
        settings.set_impact_review_interval(months, reason)
        self.save(settings)
