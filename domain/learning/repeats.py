"""Repeated recommendations: groups of similar ones made by different reviews, and the signal
a PCC wants flagged — the same thing recommended again within a few years of an action on it
being marked completed, which says the completion did not change practice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from domain.calendar import add_months
from domain.errors import InvalidValueError
from domain.learning.earlier import EarlierRecommendation

DEFAULT_THRESHOLD = 0.5
DEFAULT_WITHIN_YEARS = 3


@dataclass(frozen=True)
class RepeatCluster:
    members: tuple[EarlierRecommendation, ...]  # oldest first
    themes: tuple[str, ...]  # most used first
    addressees: tuple[str, ...]
    tenants: tuple[str, ...]
    years: tuple[int, ...]
    actions: int
    completed: int
    impact_reviewed: int
    embedded: int
    recommended_again_after_completion: bool


def recommended_again(members: Sequence[EarlierRecommendation], within_years: int) -> bool:
    """Whether one member was made after, and within ``within_years`` of, the first completion of
    an action on another member (of another review)."""
    for earlier in members:
        done = earlier.outcomes.first_completed_on
        if done is None:
            continue
        limit = add_months(done, 12 * within_years)  # 29 February: the 28th
        if any(
            (m.tenant, m.review_id) != (earlier.tenant, earlier.review_id)
            and done <= m.made_on <= limit
            for m in members
        ):
            return True
    return False


def repeat_clusters(
    records: Sequence[EarlierRecommendation],
    similarity: Sequence[Sequence[float]],
    threshold: float = DEFAULT_THRESHOLD,
    within_years: int = DEFAULT_WITHIN_YEARS,
) -> list[RepeatCluster]:
    """Single-link groups of recommendations at least ``threshold`` similar, made by two or
    more reviews; largest spread (partnerships, then members) first."""
    if not 0 < threshold <= 1:
        raise InvalidValueError("The similarity threshold is a number above 0 and at most 1.")
    if within_years < 1:
        raise InvalidValueError("Give the years to look back as a whole number of at least 1.")
    parent = list(range(len(records)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(records)):
        for j in range(i + 1, len(records)):
            if similarity[i][j] >= threshold:
                parent[root(i)] = root(j)
    groups: dict[int, list[EarlierRecommendation]] = {}
    for i, record in enumerate(records):
        groups.setdefault(root(i), []).append(record)
    clusters = [
        _cluster(group, within_years)
        for group in groups.values()
        if len({(m.tenant, m.review_id) for m in group}) > 1
    ]
    return sorted(clusters, key=lambda c: (-len(c.tenants), -len(c.members), c.themes))


def _cluster(group: list[EarlierRecommendation], within_years: int) -> RepeatCluster:
    members = tuple(sorted(group, key=lambda m: (m.made_on, m.tenant, str(m.recommendation_id))))
    themes = Counter(code for m in members for code in m.theme_codes)
    addressees = Counter(m.addressee for m in members if m.addressee)
    return RepeatCluster(
        members=members,
        themes=tuple(code for code, _ in themes.most_common()),
        addressees=tuple(code for code, _ in addressees.most_common()),
        tenants=tuple(sorted({m.tenant for m in members})),
        years=tuple(sorted({m.year for m in members})),
        actions=sum(m.outcomes.actions for m in members),
        completed=sum(m.outcomes.completed for m in members),
        impact_reviewed=sum(m.outcomes.impact_reviewed for m in members),
        embedded=sum(m.outcomes.embedded for m in members),
        recommended_again_after_completion=recommended_again(members, within_years),
    )


@dataclass(frozen=True)
class HeatCell:
    theme: str
    tenant: str
    year: int
    recommendations: int


def heat_map(records: Sequence[EarlierRecommendation]) -> list[HeatCell]:
    """How many recommendations each partnership made under each theme, by year."""
    counts = Counter((code, r.tenant, r.year) for r in records for code in r.theme_codes)
    return [HeatCell(t, tenant, y, n) for (t, tenant, y), n in sorted(counts.items())]
