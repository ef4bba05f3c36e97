"""A review's findings (``ledger.findings``): the predictable / preventable judgement, themed
findings, and a finding's correction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

from domain.actionplan import ReviewFindings
from domain.errors import NotFoundError
from domain.themes import ThemeKind
from tenants.ledger.plan import PlanService
from tenants.ledger.service import command
from tenants.ledger.themes import Themes


class Findings(PlanService):
    def __init__(self, app: Any, tenant_slug: str, themes: Themes) -> None:
        super().__init__(app, tenant_slug)
        self.themes = themes

    def _of(self, review_id: UUID) -> ReviewFindings:
        self.require_review(review_id)
        findings_id = ReviewFindings.create_id(review_id)
        return self.record_or_new(ReviewFindings, findings_id, review_id=review_id)

    judge = command(_of, ReviewFindings.judge)

    def record(
        self, review_id: UUID, text: str, theme_codes: Sequence[str], recorded_on: date
    ) -> int:
        findings, taxonomy = self._of(review_id), self.themes.taxonomy()
        taxonomy.check_taggable(theme_codes, ThemeKind.THEME)
        incident_on = self.incident_of(review_id)
        number = findings.record_finding(text, theme_codes, recorded_on, incident_on=incident_on)
        self.save(findings, taxonomy)
        return number

    def correct(self, review_id: UUID, number: int, field: str, value: object, reason: str) -> None:
        """Correct a finding's text, themes or date: a date held to the case's incident,
        added themes to the taxonomy (saved with it, as a tag is)."""
        findings = self.get(review_id)
        taxonomy = self.themes.taxonomy() if field == "theme_codes" else None
        incident_on = self.incident_of(review_id)
        findings.correct_finding(
            number, field, value, reason, incident_on=incident_on, themes=taxonomy
        )
        self.save(findings, *([taxonomy] if taxonomy else []))

    def get(self, review_id: UUID) -> ReviewFindings:
        self.require_review(review_id)
        findings_id = ReviewFindings.create_id(review_id)
        return self.stored(findings_id, ReviewFindings, "findings for review")

    def of_review(self, review_id: UUID) -> ReviewFindings | None:
        """The review's findings, or None while it has none (nothing judged or found yet)
        or there is no such review: what a page or an answer that shows them starts from."""
        try:
            return self.get(review_id)
        except NotFoundError:
            return None
