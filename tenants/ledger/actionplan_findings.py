"""Use cases on a review's findings: the predictable / preventable judgement, themed findings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from uuid import UUID

from domain.actionplan import Judgement, ReviewFindings
from domain.themes import ThemeKind
from tenants.ledger.actionplan_support import ActionPlanSupport


class FindingsUseCases(ActionPlanSupport):
    def _plan_findings(self, review_id: UUID) -> ReviewFindings:
        self._plan_require_review(review_id)
        findings_id = ReviewFindings.create_id(review_id)
        return self._plan_get_or_new(ReviewFindings, findings_id, review_id=review_id)

    def judge_review(
        self, review_id: UUID, predictable: Judgement, preventable: Judgement, judged_on: date
    ) -> None:
        findings = self._plan_findings(review_id)
        findings.judge(predictable, preventable, judged_on)
        self.save(findings)

    def record_finding(
        self, review_id: UUID, text: str, theme_codes: Sequence[str], recorded_on: date
    ) -> int:
        findings, taxonomy = self._plan_findings(review_id), self._plan_taxonomy()
        taxonomy.check_taggable(theme_codes, ThemeKind.THEME)
        number = findings.record_finding(text, theme_codes, recorded_on)
        self.save(findings, taxonomy)
        return number

    def get_findings(self, review_id: UUID) -> ReviewFindings:
        self._plan_require_review(review_id)
        findings_id = ReviewFindings.create_id(review_id)
        return self._plan_load(findings_id, ReviewFindings, "findings for review")
