"""History for auditors and officers: every event of a record, and its state on a past day."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from api.context import tenant_ledger
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.reads import query
from api.schemas.history import AsOfDayIn, EventOut, with_corrections
from api.schemas.reviews import ReviewOut
from domain.errors import NotFoundError
from projections.asof import end_of_day
from tenants.ledger import PartnershipLedger

blp = api_blueprint("history", "/tenants/<tenant>", "Immutable history: who recorded what, when")


def _events(tenant: str, get: Callable[[PartnershipLedger], Any]) -> list[Any]:
    with tenant_ledger(tenant, writing=False) as ledger:
        found = get(ledger)  # proves the id is of the right kind in this tenant
        return with_corrections(list(ledger.events.get(found.id)))


@query(blp, "/reviews/<uuid:review>/history", EventOut(many=True), Permission.HISTORY)
def review_history(tenant: str, review: UUID) -> Any:
    """Every event of a case, oldest first."""
    return _events(tenant, lambda lg: lg.reviews.get(review))


@query(blp, "/reviews/<uuid:review>/as-of", ReviewOut, Permission.HISTORY, args=AsOfDayIn)
def review_as_of(args: dict[str, Any], tenant: str, review: UUID) -> Any:
    """The case exactly as it was recorded by the end of a past day."""
    with tenant_ledger(tenant, writing=False) as ledger:
        ledger.reviews.get(review)
        cutoff = end_of_day(args["on"])
        versions = [
            e.originator_version
            for e in ledger.events.get(review)
            if getattr(e, "timestamp") <= cutoff  # noqa: B009 - every stored event has one
        ]
        if not versions:
            raise NotFoundError(
                f"The case was not yet recorded on {args['on'].isoformat()}; pick a later day."
            )
        return ledger.repository.get(review, version=versions[-1])


@query(
    blp, "/recommendations/<uuid:recommendation>/history", EventOut(many=True), Permission.HISTORY
)
def recommendation_history(tenant: str, recommendation: UUID) -> Any:
    """Every event of a recommendation, oldest first."""
    return _events(tenant, lambda lg: lg.recommendations.get(recommendation))


@query(blp, "/reviews/<uuid:review>/findings/history", EventOut(many=True), Permission.HISTORY)
def findings_history(tenant: str, review: UUID) -> Any:
    """Every event of a review's findings (judgements, findings and their corrections)."""
    return _events(tenant, lambda lg: lg.findings.get(review))


@query(blp, "/actions/<uuid:action>/history", EventOut(many=True), Permission.HISTORY)
def action_history(tenant: str, action: UUID) -> Any:
    """Every event of an action, oldest first."""
    return _events(tenant, lambda lg: lg.actions.get(action))


@query(blp, "/funding/budget-lines/<uuid:line>/history", EventOut(many=True), Permission.HISTORY)
def budget_line_history(tenant: str, line: UUID) -> Any:
    """Every event of a budget line, oldest first."""
    return _events(tenant, lambda lg: lg.funding.line(line))
