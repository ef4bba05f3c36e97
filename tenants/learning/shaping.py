"""Earlier recommendations as the rows readers get: year only, ids only for their own."""

from __future__ import annotations

from typing import Any

from domain.learning import EarlierRecommendation, Reach
from domain.learning.repeats import RepeatCluster
from tenants.learning.lookup import SimilarRecommendation
from tenants.learning.regional import RegionLearning


def outcomes_row(record: EarlierRecommendation) -> dict[str, int]:
    o = record.outcomes
    return {
        "actions": o.actions,
        "completed": o.completed,
        "impact_reviewed": o.impact_reviewed,
        "embedded": o.embedded,
    }


def similar_row(match: SimilarRecommendation) -> dict[str, Any]:
    r, own = match.earlier, match.reach == Reach.OWN
    return {
        "score": match.score,
        "reach": str(match.reach),
        "partnership": match.tenant_name,
        "year": r.year,
        "text": r.text,
        "scope": str(r.scope),
        "theme_codes": list(r.theme_codes),
        "addressee": r.addressee,
        "organisation": r.organisation,
        "published": r.published,
        "outcome": str(r.outcome),
        "actions": outcomes_row(r),
        "recommendation_id": r.recommendation_id if own else None,
        "review_id": r.review_id if own else None,
    }


def cluster_row(cluster: RepeatCluster, names: dict[str, str]) -> dict[str, Any]:
    return {
        "themes": list(cluster.themes),
        "addressees": list(cluster.addressees),
        "tenants": list(cluster.tenants),
        "years": list(cluster.years),
        "actions": {
            "actions": cluster.actions,
            "completed": cluster.completed,
            "impact_reviewed": cluster.impact_reviewed,
            "embedded": cluster.embedded,
        },
        "recommended_again_after_completion": cluster.recommended_again_after_completion,
        "members": [
            {
                "partnership": names.get(m.tenant, m.tenant),
                "tenant": m.tenant,
                "year": m.year,
                "text": m.text,
                "theme_codes": list(m.theme_codes),
                "addressee": m.addressee,
                "published": m.published,
                "outcome": str(m.outcome),
                "actions": outcomes_row(m),
            }
            for m in cluster.members
        ],
    }


def region_row(learning: RegionLearning, threshold: float, within_years: int) -> dict[str, Any]:
    return {
        "region": learning.region,
        "recommendations": learning.recommendations,
        "threshold": threshold,
        "within_years": within_years,
        "unreadable": learning.unreadable,
        "clusters": [cluster_row(c, learning.tenant_names) for c in learning.clusters],
        "heat_map": [
            {
                "theme": c.theme,
                "tenant": c.tenant,
                "year": c.year,
                "recommendations": c.recommendations,
            }
            for c in learning.heat_map
        ],
    }
