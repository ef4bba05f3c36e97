"""Similar earlier recommendations for a panel drafting one: its own partnership's (all of
them), and those of published reviews in its region and nationally — public documents.

The reader's rights decide the candidates before anything is compared, so a recommendation
of another tenant's unpublished review is never read into the ranking at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.learning import Draft, EarlierRecommendation, Reach
from tenants.learning.corpus import RecommendationCorpus
from tenants.model import TenantStatus

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
    tenants = [
        t for t in registry.tenants() if t.slug == tenant or t.status != TenantStatus.OFFBOARDED
    ]
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


def _reach(record: EarlierRecommendation, tenant: str, region: str) -> Reach:
    reach = record.visible_as(tenant, region)
    assert reach is not None, "only visible candidates are ranked"
    return reach
