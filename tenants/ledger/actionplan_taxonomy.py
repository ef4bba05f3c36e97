"""Use cases on the tenant's theme taxonomy and its action-plan settings."""

from __future__ import annotations

from datetime import date

from domain.actionplan import PlanSettings
from domain.themes import Theme, ThemeKind
from tenants.ledger.actionplan_support import ActionPlanSupport


class TaxonomyUseCases(ActionPlanSupport):
    def list_themes(
        self, kind: ThemeKind | None = None, include_retired: bool = False
    ) -> tuple[Theme, ...]:
        taxonomy = self._plan_taxonomy()
        if include_retired:
            return tuple(t for t in taxonomy.themes.values() if kind is None or t.kind == kind)
        return taxonomy.active(kind)

    def resolve_theme(self, code: str) -> Theme:
        """The meaning of a code, even a retired one."""
        return self._plan_taxonomy().resolve(code)

    def retired_themes(self) -> dict[str, date]:
        return dict(self._plan_taxonomy().retired)

    def add_theme(
        self, code: str, label: str, kind: ThemeKind, home_office_code: str = "other"
    ) -> Theme:
        taxonomy = self._plan_taxonomy()
        if home_office_code == "other" and ThemeKind(kind) == ThemeKind.ADDRESSEE:
            home_office_code = "other-addressee"
        taxonomy.add_theme(code, label, kind, home_office_code)
        self.save(taxonomy)
        return taxonomy.resolve(code)

    def retire_theme(self, code: str, retired_on: date, reason: str) -> None:
        taxonomy = self._plan_taxonomy()
        taxonomy.retire_theme(code, retired_on, reason)
        self.save(taxonomy)

    def plan_settings(self) -> PlanSettings:
        return self._plan_settings()

    def set_impact_review_interval(self, months: int, reason: str) -> None:
        settings = self._plan_settings()
        settings.set_impact_review_interval(months, reason)
        self.save(settings)
