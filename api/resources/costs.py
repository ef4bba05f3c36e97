"""What one DHR costs: estimates agreed up front against actual spend, by category."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from api.concurrency import etag_header, if_match
from api.context import tenant_ledger
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import Command, register
from api.resources.reads import query
from api.schemas.funding import CostActualIn, CostEstimateIn, CostSummaryOut
from domain.funding import ReviewCost
from tenants.ledger import PartnershipLedger

blp = api_blueprint(
    "review-costs", "/tenants/<tenant>/reviews/<uuid:review>/costs", "The direct cost of a DHR"
)


def _version(ledger: PartnershipLedger, review: UUID) -> int | None:
    try:
        return ledger.repository.get(ReviewCost.create_id(review)).version
    except AggregateNotFoundError:
        return None


def _change(tenant: str, review: UUID, act: Any) -> Any:
    with tenant_ledger(tenant) as ledger:
        ledger.reviews.get(review)
        before = _version(ledger, review)
        if before is None:  # the first entry creates the cost record: nothing to be stale against
            act(ledger)
        else:
            with if_match(ReviewCost.create_id(review), before):
                act(ledger)
        return ledger.costs.of_review(review), etag_header(_version(ledger, review) or 0)


@query(blp, "", CostSummaryOut)
def get_costs(tenant: str, review: UUID) -> Any:
    """Estimate against actual for one DHR, by category; its ETag guards new entries."""
    with tenant_ledger(tenant, writing=False) as ledger:
        summary = ledger.costs.of_review(review)
        return summary, etag_header(_version(ledger, review) or 0)


COST_COMMANDS = (
    Command(
        "estimate",
        "/estimates",
        CostEstimateIn,
        "costs.estimate",
        "Record (or revise) the estimated cost of one category.",
    ),
    Command(
        "actual",
        "/actuals",
        CostActualIn,
        "costs.record",
        "Record money actually spent on the review.",
    ),
)
register(blp, CostSummaryOut, _change, ("tenant", "review"), Permission.CASE_RECORD, COST_COMMANDS)
