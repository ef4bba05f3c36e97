"""DHRs per financial year for a region, to set beside the demand figures partners report.

Deaths are few and demand (MARAC cases) is many; the PCC reads them together by year, so
the counts are grouped by the financial year of notification and of commencement.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from domain.funding import FinancialYear
from projections.port import ViewStore
from projections.queries.reading import placeholders, regional


@dataclass(frozen=True)
class DeathsInYear:
    year: str
    notified: int
    commenced: int


def deaths_by_year(views: ViewStore, region: str) -> tuple[DeathsInYear, ...]:
    with regional(views, region) as q:
        slugs = q.slugs
        rows = q.snap.all(
            f"SELECT notified_on, commenced_on FROM {{cases}} WHERE tenant IN ({placeholders(slugs)})",
            tuple(slugs),
        )
    notified: Counter[str] = Counter()
    commenced: Counter[str] = Counter()
    for notified_on, commenced_on in rows:
        notified[FinancialYear.of(date.fromisoformat(str(notified_on))).label] += 1
        if commenced_on:
            commenced[FinancialYear.of(date.fromisoformat(str(commenced_on))).label] += 1
    years = sorted(set(notified) | set(commenced))
    return tuple(DeathsInYear(y, notified[y], commenced[y]) for y in years)
