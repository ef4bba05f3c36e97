"""The region's repeated recommendations and its theme heat map, for the regional lead.

Every recommendation of every partnership of the region counts, published or not, so a
lesson repeated in reviews still to be published is found. But the region's people see the
words only of published reviews' recommendations (``api/people.py``: the regional lead sees
"the recommendations of published reviews; never a case's details", as a partnership sees no
other partnership's unpublished one): an unpublished one is in its cluster, its themes,
sector, year, partnership and outcome with it, its text replaced by ``UNPUBLISHED``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from domain.learning import EarlierRecommendation
from domain.learning.repeats import HeatCell, RepeatCluster, heat_map, repeat_clusters
from tenants.learning.corpus import RecommendationCorpus
from tenants.learning.similarity import pairwise

UNPUBLISHED = "Not shown until its review is published."

# The partnerships' new recommendations reach the region's view within this many seconds; the
# clusters are computed again only when a partnership's store has moved.
REGION_MAX_AGE = 10.0


@dataclass(frozen=True)
class RegionLearning:
    region: str
    recommendations: int
    clusters: list[RepeatCluster]
    heat_map: list[HeatCell]
    tenant_names: dict[str, str]
    unreadable: int = 0  # records left out: one of their events cannot be read


def region_learning(
    corpus: RecommendationCorpus,
    region: str,
    threshold: float,
    within_years: int,
    at: datetime | None = None,
) -> RegionLearning:
    """``at``: the partnerships' recommendations as recorded by then, computed afresh."""
    registry = corpus.platform.registry
    registry.region(region)
    tenants = registry.tenants(region)
    records: list[EarlierRecommendation]
    if at is None:
        records = corpus.of_tenants(tenants, REGION_MAX_AGE)
        unreadable = corpus.unreadable(tenants)
    else:
        records, unreadable = corpus.as_recorded(tenants, at)

    def compute() -> RegionLearning:
        clusters = repeat_clusters(records, pairwise(records), threshold, within_years)
        return RegionLearning(
            region=region,
            recommendations=len(records),
            clusters=[_words_published_only(c) for c in clusters],
            heat_map=heat_map(records),
            tenant_names={t.slug: t.name for t in tenants},
            unreadable=unreadable,
        )

    if at is not None:
        return compute()
    return corpus.remembered(("region", region, threshold, within_years), tenants, compute)


def _words_published_only(cluster: RepeatCluster) -> RepeatCluster:
    members = tuple(m if m.published else replace(m, text=UNPUBLISHED) for m in cluster.members)
    return replace(cluster, members=members)
