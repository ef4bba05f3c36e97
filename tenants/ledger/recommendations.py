"""Recommendations of a review (``ledger.recommendations``): make, route nationally, record the
national response, correct; get → command → save, one each.

A new recommendation is saved together with the ``ActionPlanIndex`` entry that lists it, and
with the tenant's taxonomy the first time it is used to tag something. Its number is refused
when another recommendation of the case has it or had it before a correction renumbered it
(``domain.actionplan.numbering``): its id follows from the number, so an old number would
otherwise land on the renumbered record.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any
from uuid import UUID

from domain.actionplan import (
    Recommendation,
    Scope,
)
from domain.actionplan.numbering import check_number_free
from domain.ordering import reference_order
from domain.themes import ThemeKind
from tenants.conflicts import retried_on_index_conflict
from tenants.ledger.plan import Plan, PlanService
from tenants.ledger.service import command
from tenants.ledger.themes import Themes


class Recommendations(PlanService):
    def __init__(self, app: Any, tenant_slug: str, plan: Plan, themes: Themes) -> None:
        super().__init__(app, tenant_slug)
        self.plan, self.themes = plan, themes

    def get(self, recommendation_id: UUID) -> Recommendation:
        return self.recommendation(recommendation_id)

    def of_review(self, review_id: UUID) -> list[Recommendation]:
        self.require_review(review_id)
        ids = self.plan.index().recommendations_of(review_id)
        return sorted((self.get(i) for i in ids), key=lambda r: reference_order(r.reference))

    @retried_on_index_conflict
    def make(
        self,
        review_id: UUID,
        reference: str,
        text: str,
        scope: Scope,
        made_on: date,
        theme_codes: Sequence[str],
        target_organisation: str | None = None,
        target_sector: str | None = None,
    ) -> UUID:
        incident_on = self.incident_of(review_id)
        taxonomy, index = self.themes.taxonomy(), self.plan.index()
        taxonomy.check_taggable(theme_codes, ThemeKind.THEME)
        if target_sector:
            taxonomy.check_taggable([target_sector], ThemeKind.ADDRESSEE)
        rec = Recommendation.make(
            review_id,
            reference,
            text,
            scope,
            made_on,
            theme_codes,
            target_organisation=target_organisation,
            target_sector=target_sector,
            incident_on=incident_on,
        )
        check_number_free(rec.reference, self._of(index.recommendations_of(review_id)))
        index.list_recommendation(rec.id, review_id)
        self.save(rec, index, taxonomy)
        return rec.id

    route_nationally = command(get, Recommendation.route_nationally)
    record_national_response = command(get, Recommendation.record_national_response)

    def correct(self, recommendation_id: UUID, field: str, value: object, reason: str) -> None:
        """Correct a fact; a corrected date made is held to the case's incident and the
        recommendation's actions, and recorded on each of them too, saved together; a number
        to the case's other recommendations; themes and a sector to the taxonomy, as when it
        was made, saved with it as a tag."""
        rec = self.get(recommendation_id)
        index = self.plan.index()
        actions = [self.action(a) for a in index.actions_of(rec.id)]
        incident_on = self.incident_of(rec.review_id)
        siblings = (i for i in index.recommendations_of(rec.review_id) if i != rec.id)
        others = self._of(siblings) if field == "reference" else []
        taxonomy = self.themes.taxonomy() if field in ("theme_codes", "target_sector") else None
        rec.correct(
            field,
            value,
            reason,
            incident_on=incident_on,
            actions=actions,
            others=others,
            themes=taxonomy,
        )
        followers = (a for a in actions if a.follow_recommendation(rec.made_on))
        self.save(rec, *followers, *([taxonomy] if taxonomy else []))

    def _of(self, ids: Iterable[UUID]) -> list[Recommendation]:
        return [self.get(i) for i in ids]
