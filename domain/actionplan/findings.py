"""``ReviewFindings``: what a DHR concluded — predictable / preventable, and themed findings.

Kept beside the review rather than inside it, one per review (id from the review's id).
Theme codes are checked against the tenant's taxonomy by the use case before recording; a
mis-keyed finding is put right by ``correct_finding`` (rules: ``correcting_findings``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.actionplan.correcting import Taggable
from domain.actionplan.correcting_findings import correct_finding, corrected
from domain.actionplan.values import Finding, Judgement
from domain.dating import check_happened, check_since_incident
from domain.errors import InvalidValueError
from domain.recording import CaseRecord
from domain.texts import required_text


class ReviewFindings(CaseRecord):
    KIND = "findings"

    @event("Opened")
    def __init__(self, review_id: UUID) -> None:
        self.review_id = review_id
        self.predictable: Judgement | None = None
        self.preventable: Judgement | None = None
        self.judged_on: date | None = None
        self.findings: tuple[Finding, ...] = ()

    def judge(self, predictable: Judgement, preventable: Judgement, judged_on: date) -> None:
        """Record (or revise, e.g. after QA feedback) the review's judgement."""
        self._judge(
            predictable=Judgement(predictable),
            preventable=Judgement(preventable),
            judged_on=check_happened(judged_on, "The judgement"),
        )

    @event("Judged")
    def _judge(self, predictable: Judgement, preventable: Judgement, judged_on: date) -> None:
        self.predictable = Judgement(predictable)
        self.preventable = Judgement(preventable)
        self.judged_on = judged_on

    def record_finding(
        self, text: str, theme_codes: Sequence[str], recorded_on: date, *, incident_on: date
    ) -> int:
        """Add a finding; returns its number within the review (``incident_on``: the case's,
        which the finding cannot precede)."""
        text = required_text(text, "A finding needs text; write what the review found.")
        codes = tuple(dict.fromkeys(theme_codes))
        if not codes:
            raise InvalidValueError("Tag the finding with at least one theme code.")
        number = len(self.findings) + 1
        check_happened(recorded_on, "The finding")
        check_since_incident(recorded_on, incident_on, "The finding")
        self._record(number=number, text=text, theme_codes=codes, recorded_on=recorded_on)
        return number

    @event("FindingRecorded")
    def _record(
        self, number: int, text: str, theme_codes: tuple[str, ...], recorded_on: date
    ) -> None:
        self.findings += (Finding(number, text, tuple(theme_codes), recorded_on),)

    def correct_finding(
        self,
        number: int,
        field: str,
        value: object,
        reason: str,
        *,
        incident_on: date,
        themes: Taggable | None = None,
    ) -> None:
        """Put right a mis-keyed text, themes or date of finding ``number``, keeping the old
        value and why (``incident_on``: the case's; ``themes``: the tenant's taxonomy)."""
        args = correct_finding(self.findings, number, field, value, reason, incident_on, themes)
        self._finding_corrected(*args)

    @event("FindingCorrected")
    def _finding_corrected(
        self, number: int, field: str, value: Any, previous: Any, reason: str
    ) -> None:
        self.findings = corrected(self.findings, number, field, value)

    @property
    def theme_codes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c for f in self.findings for c in f.theme_codes))
