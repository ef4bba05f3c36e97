"""Similar earlier recommendations for a panel drafting one: its own partnership's (all of
them), and those of published reviews in its region and nationally — public documents.

The reader's rights decide the candidates before anything is compared, so a recommendation
of another tenant's unpublished review is never read into the ranking at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.learning import Draft, EarlierRecommendation, Reach
from tenants.learning.corpus import RecommendationCorpus
from tenants.learning.similarity import rank
from tenants.model import TenantStatus

MAX_LIMIT = 50


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
    names: dict[str, str] = {}
    candidates: list[EarlierRecommendation] = []
    for info in registry.tenants():
        if info.slug != tenant and info.status == TenantStatus.OFFBOARDED:
            continue
        names[info.slug] = info.name
        for record in corpus.of_tenant(info):
            if record.visible_as(reader.slug, reader.region) is not None:
                candidates.append(record)
    ranked = rank(draft, candidates, max(1, min(limit, MAX_LIMIT)))
    return [
        SimilarRecommendation(score, _reach(r, reader.slug, reader.region), names[r.tenant], r)
        for score, r in ranked
    ]


def _reach(record: EarlierRecommendation, tenant: str, region: str) -> Reach:
    reach = record.visible_as(tenant, region)
    assert reach is not None, "only visible candidates are ranked"
    return reach
