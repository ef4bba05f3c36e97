"""Learning across reviews: similar earlier recommendations while one is drafted, and the
region's repeated recommendations with what became of their actions.

The comparison runs in this process over texts read from the tenants' own stores (an
in-memory cache per tenant at most); nothing derived from them is stored.
"""

from __future__ import annotations

from typing import Any

from api.context import per_platform
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import recording
from api.resources.reads import query
from api.schemas.learning import RecommendationDraftIn, RepeatsOut, RepeatsQuery, SimilarListOut
from domain.learning import Draft
from tenants.learning.corpus import RecommendationCorpus
from tenants.learning.lookup import left_out, similar_recommendations
from tenants.learning.regional import region_learning
from tenants.learning.shaping import region_row, similar_row

blp = api_blueprint("learning", "", "Learning across reviews: earlier and repeated recommendations")
CORPUS_KEY = "ledger.learning.corpus"


def corpus() -> RecommendationCorpus:
    return per_platform(CORPUS_KEY, RecommendationCorpus)


@recording(
    blp,
    "/tenants/<tenant>/learning/similar-recommendations",
    RecommendationDraftIn,
    SimilarListOut,
    Permission.CASE_READ,
)
def similar(data: dict[str, Any], tenant: str) -> Any:
    """The earlier recommendations most like a draft: all of this partnership's, and those of
    published reviews in the region and nationally, with what became of their actions.
    Nothing is recorded; POST only because a draft is too long for a URL."""
    draft = Draft(data["text"], tuple(data["theme_codes"]), data["target_sector"])
    matches = similar_recommendations(corpus(), tenant, draft, data["limit"])
    skipped = left_out(corpus(), tenant)
    return {
        "matches": [similar_row(m) for m in matches],
        "unreadable_own": skipped.own,
        "unreadable_others": skipped.others,
    }


@query(
    blp,
    "/regions/<region>/learning/repeated-recommendations",
    RepeatsOut,
    Permission.REGION_VIEW,
    args=RepeatsQuery,
)
def repeated(query: dict[str, Any], region: str) -> Any:
    """Groups of similar recommendations made by different reviews of the region, their action
    outcomes, whether one was made again within ``within_years`` of an action being completed,
    and the theme x partnership x year heat map."""
    learning = region_learning(corpus(), region, query["threshold"], query["within_years"])
    return region_row(learning, query["threshold"], query["within_years"])
