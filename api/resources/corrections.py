"""Corrections: a partnership lead puts right a mis-keyed fact, with the reason, as its own event.

Each is a command on the record it corrects (``If-Match`` with that record's ETag), answers the
corrected record, and leaves the original value and the correction side by side in its history.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from api.concurrency import etag_header, if_match
from api.context import tenant_ledger
from api.policy import Permission
from api.resources.blueprints import api_blueprint
from api.resources.commands import apply, command, on_review
from api.resources.region_common import check_partner_name
from api.schemas.actionplan import ActionOut, FindingsOut, RecommendationOut
from api.schemas.corrections import CaseCorrectionIn, CorrectionIn, CostCorrectionIn
from api.schemas.funding import CostSummaryOut
from api.schemas.pooled import PoolOut
from api.schemas.reviews import ReviewOut
from domain.funding import ReviewCost

blp = api_blueprint(
    "corrections",
    "/tenants/<tenant>",
    "Correcting a mis-keyed fact, with the reason (partnership leads)",
)
LEAD = Permission.CORRECT


@command(blp, "/reviews/<uuid:review>/corrections", CaseCorrectionIn, ReviewOut, LEAD)
def correct_review(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Correct a fact of a case (a date, the pseudonym, the kind, a missing past pause).

    A part that comes several to a case is named by its number from 1 in the case's list, in
    the order recorded: a commissioning's agreed cost, commission.<number>.cost_pence (pence);
    a panel meeting's date, panel_meeting.<number>.met_on; an IMR's dates,
    imr.<number>.requested_on, imr.<number>.due_on (its first due date) or
    imr.<number>.received_on (its latest receipt). Each is held to the rules of the command that
    recorded it, and the regional timeliness and late-IMR views follow.
    """
    return on_review(tenant, review, lambda lg: lg.reviews.correct(review, **data))


@command(blp, "/actions/<uuid:action>/corrections", CorrectionIn, ActionOut, LEAD)
def correct_action(data: dict[str, Any], tenant: str, action: UUID) -> Any:
    """Correct an action's owner, description, due date or completion date; an owner is
    picked from the region's partner directory, as when the action was planned."""
    if data["field"] == "owner" and isinstance(data["value"], str):
        check_partner_name(tenant, data["value"])
    return apply(
        tenant, lambda lg: lg.actions.get(action), lambda lg: lg.actions.correct(action, **data)
    )


@command(
    blp, "/recommendations/<uuid:recommendation>/corrections", CorrectionIn, RecommendationOut, LEAD
)
def correct_recommendation(data: dict[str, Any], tenant: str, recommendation: UUID) -> Any:
    """Correct a recommendation's text, date made, target, number, scope or themes."""
    return apply(
        tenant,
        lambda lg: lg.recommendations.get(recommendation),
        lambda lg: lg.recommendations.correct(recommendation, **data),
    )


@command(
    blp,
    "/reviews/<uuid:review>/findings/<int:number>/corrections",
    CorrectionIn,
    FindingsOut,
    LEAD,
)
def correct_finding(data: dict[str, Any], tenant: str, review: UUID, number: int) -> Any:
    """Correct a finding's text, themes (theme_codes) or date recorded (recorded_on); If-Match
    takes the findings' ETag."""
    return apply(
        tenant,
        lambda lg: lg.findings.get(review),
        lambda lg: lg.findings.correct(review, number, **data),
    )


@command(blp, "/reviews/<uuid:review>/costs/corrections", CostCorrectionIn, CostSummaryOut, LEAD)
def correct_cost(data: dict[str, Any], tenant: str, review: UUID) -> Any:
    """Correct a DHR's estimate or actual cost of one category, or one cost incurred.

    The field names the figure: a category's whole estimate or cost (estimate.chair,
    actual.chair), or one cost incurred by its number in the costs' "incurred" list, its amount
    in pence (incurred.2.amount) or its date (incurred.2.incurred_on: not after today, not
    before the incident). The regional money views move it where the wrong figure stood.
    """
    with tenant_ledger(tenant) as ledger:
        ledger.reviews.get(review)
        with if_match(ReviewCost.create_id(review), _cost_version(ledger, review)):
            ledger.costs.correct(review, **data)
        return ledger.costs.of_review(review), etag_header(_cost_version(ledger, review))


@command(blp, "/funding/pooled-budgets/<uuid:pool>/corrections", CorrectionIn, PoolOut, LEAD)
def correct_contribution(data: dict[str, Any], tenant: str, pool: UUID) -> Any:
    """Correct a partner's agreed contribution for a year (field agreed.<partner>.<2016/17>),
    a receipt, spend or reserve brought in (movement.<number>.amount, numbered as the pot's
    movements list them; refused in a closed year until it is reopened) or a decision not to
    call a contribution (not_drawn.<number>.amount, numbered as the pot's not_drawn list)."""
    return apply(
        tenant,
        lambda lg: lg.pooled.get(pool),
        lambda lg: lg.pooled.correct(pool, **data),
    )


def _cost_version(ledger: Any, review: UUID) -> int:
    """The cost record's version, as ``GET .../costs`` gives it (0 before the first entry)."""
    try:
        return int(ledger.repository.get(ReviewCost.create_id(review)).version)
    except AggregateNotFoundError:
        return 0
