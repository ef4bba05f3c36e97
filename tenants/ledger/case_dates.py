"""The earliest day a review recorded something about the death outside the case itself: a
finding, a recommendation, a cost. None of those can be recorded before the incident, so the
incident cannot be corrected to after it either (``DomesticHomicideReview.correct``)."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID


def recorded_since(ledger: Any, review_id: UUID) -> tuple[date, str] | None:
    """(day, what it was) of the earliest such record, or None when there is none.
    ``ledger``: the partnership's ``PartnershipLedger`` (its services are read, nothing saved)."""
    dated: list[tuple[date, str]] = []
    findings = ledger.findings.of_review(review_id)
    if findings is not None:
        dated += [(f.recorded_on, f"finding {f.number}") for f in findings.findings]
        if findings.judged_on is not None:
            dated.append((findings.judged_on, "the judgement of predictability"))
    dated += [
        (r.made_on, f"recommendation {r.reference}")
        for r in ledger.recommendations.of_review(review_id)
    ]
    cost = ledger.costs.record_of(review_id)
    if cost is not None and cost.first_dated is not None:
        dated.append((cost.first_dated, "a cost"))
    return min(dated, default=None)
