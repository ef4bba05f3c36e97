"""Similar earlier recommendations for a panel drafting one: its own partnership's (all of
them), and those of published reviews in its region and nationally — public documents.

The reader's rights decide the candidates before anything is compared, so a recommendation
of another tenant's unpublished review is never read into the ranking at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.learning import Draft, EarlierRecommendation, Reach
from tenants.learning.corpus import RecommendationCorpus
from tenants.registry import TenantInfo

MAX_LIMIT = 50
# Other partnerships' newly published recommendations appear within this many seconds.
OTHERS_MAX_AGE = 10.0


@dataclass(frozen=True)
class SimilarRecommendation:
    score: float
    reach: Reach
    tenant_name: str
    earlier: EarlierRecommendation


def similar_recommendations(
    corpus: RecommendationCorpus, tenant: str, draft: Draft, limit: int = 10
) -> list[SimilarRecommendation]:
    registry = corpus.platform.registry
    reader = registry.tenant(tenant)
    tenants = _candidates(corpus, tenant)
    names = {t.slug: t.name for t in tenants}
    own: tuple[EarlierRecommendation, ...] = ()
    for info in tenants:
        if info.slug == tenant:
            own = corpus.of_tenant(info)  # always fresh: the panel's own latest work
        else:
            corpus.of_tenant(info, max_age=OTHERS_MAX_AGE)
    index = corpus.published_index(tenants)
    ranked = index.rank(draft, own, lambda r: r.tenant != tenant, max(1, min(limit, MAX_LIMIT)))
    return [
        SimilarRecommendation(score, _reach(r, reader.slug, reader.region), names[r.tenant], r)
        for score, r in ranked
    ]


@dataclass(frozen=True)
class LeftOut:
    """Records the lookup left out because one of their events cannot be read: the reader's
    own partnership's, and the other partnerships' (as last read)."""

    own: int
    others: int


def left_out(corpus: RecommendationCorpus, tenant: str) -> LeftOut:
    """What the last ``similar_recommendations`` for ``tenant`` had to leave out."""
    own = [t for t in _candidates(corpus, tenant) if t.slug == tenant]
    others = [t for t in _candidates(corpus, tenant) if t.slug != tenant]
    return LeftOut(corpus.unreadable(own), corpus.unreadable(others))


def _candidates(corpus: RecommendationCorpus, tenant: str) -> list[TenantInfo]:
    """Every partnership whose recommendations a lookup for ``tenant`` may compare."""
    return [t for t in corpus.platform.registry.tenants() if t.slug == tenant or t.status.in_region]


def _reach(record: EarlierRecommendation, tenant: str, region: str) -> Reach:
    reach = record.visible_as(tenant, region)
    assert reach is not None, "only visible candidates are ranked"
    return reach
