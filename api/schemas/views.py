"""Regional views: counts and spreads across partnerships, never case details."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from marshmallow import Schema, ValidationError, fields

from api.schemas.common import In, Out, dates
from projections.asof import instant


class Instant(fields.String):
    """An instant with its zone: an ISO date-time (UTC if no zone given), or a date's end.

    A string to the OpenAPI document, since both forms are accepted.
    """

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> datetime:  # type: ignore[override]
        try:
            return instant(str(value))
        except ValueError as e:
            raise ValidationError(
                "Give an ISO date-time such as 2019-03-31T18:00:00Z, or a date (its end, UTC)."
            ) from e


class ViewQueryIn(In):
    since = fields.Date(load_default=None, metadata={"description": "default: 13 April 2011"})
    until = fields.Date(load_default=None, metadata={"description": "default: today"})
    tenant = fields.String(
        load_default=None, metadata={"description": "one partnership of the region"}
    )
    on = fields.Date(
        load_default=None,
        metadata={
            "description": "business date: what was true on this day, from the facts as known "
            "now (corrections included); later cases and actions are absent"
        },
    )
    as_recorded = Instant(
        load_default=None,
        metadata={
            "description": "what the ledger showed at this instant (ISO date-time; a bare date "
            "means the end of that day, UTC); combine with 'on'"
        },
    )
    as_of = fields.Date(
        load_default=None,
        metadata={
            "description": "kept for compatibility: as_recorded at the end of this day, with "
            "'now' meaning that day"
        },
    )


def rows(schema: type[Schema]) -> fields.List:
    return fields.List(fields.Nested(schema))


class DhrCountsOut(Out):
    tenant, name = fields.String(), fields.String()
    notified, commenced, completed, decommissioned = (fields.Integer() for _ in range(4))
    joint_reviews, alternative_reviews, suicides, paused_now = (fields.Integer() for _ in range(4))


class RegionalDhrCountsOut(Out):
    region, since, until = fields.String(), fields.Date(), fields.Date()
    rows = rows(DhrCountsOut)
    total = fields.Nested(DhrCountsOut)


class SpreadOut(Out):
    cases, median_days, worst_days = (
        fields.Integer(),
        fields.Float(allow_none=True),
        fields.Integer(allow_none=True),
    )


class CspTimelinessOut(Out):
    tenant, name, cases = fields.String(), fields.String(), fields.Integer()
    to_decision, to_first_panel = fields.Nested(SpreadOut), fields.Nested(SpreadOut)
    to_submission = fields.Nested(SpreadOut)
    decided_late = fields.Integer(
        metadata={
            "description": "Cases notified in the period decided over a month after the death"
        }
    )
    past_decision_target_now, past_completion_target_now = fields.Integer(), fields.Integer()


class AgencyImrsOut(Out):
    key, label = fields.String(), fields.String()
    requested, awaited, late = fields.Integer(), fields.Integer(), fields.Integer()
    days_late, worst_days_late, chased = fields.Integer(), fields.Integer(), fields.Integer()
    more_time_asked = fields.Integer()  # IMRs whose request for more time awaits an answer


class RegionalTimelinessOut(Out):
    region, since, until, today = fields.String(), fields.Date(), fields.Date(), fields.Date()
    rows = rows(CspTimelinessOut)
    overall = fields.Nested(CspTimelinessOut)
    imrs_by_agency = fields.List(fields.Nested(AgencyImrsOut))


class ThemeSpreadOut(Out):
    theme, label = fields.String(), fields.String()
    csps, dhrs, recommendations = fields.Integer(), fields.Integer(), fields.Integer()


class SectorCountOut(Out):
    sector, label, recommendations, csps = (
        fields.String(allow_none=True),
        fields.String(),
        fields.Integer(),
        fields.Integer(),
    )


class RegionalThemesOut(Out):
    region = fields.String()
    since, until = dates(2)
    partnerships = fields.Integer()
    themes, sectors = rows(ThemeSpreadOut), rows(SectorCountOut)


class ActionCountsOut(Out):
    key, label = fields.String(), fields.String()
    open, overdue, awaiting_impact_review, impact_review_overdue = (
        fields.Integer() for _ in range(4)
    )


class RegionalActionsOut(Out):
    region, since, until, today = fields.String(), fields.Date(), fields.Date(), fields.Date()
    by_csp, by_owner, by_theme = rows(ActionCountsOut), rows(ActionCountsOut), rows(ActionCountsOut)
    total = fields.Nested(ActionCountsOut)


class MoneyRowOut(Out):
    tenant = fields.String(
        allow_none=True,
        metadata={
            "description": "null for a partner that is not a CSP, for a partnership "
            "no longer in the region, for the pooled budgets' own row, and for the row of "
            "grants approved while the region's directory lists no commissioner"
        },
    )
    name = fields.String()
    partner = fields.String(
        allow_none=True,
        metadata={"description": "region directory key; null on a row the directory does not list"},
    )
    sector = fields.String()
    grants_approved, grants_allocated, grants_paid = (fields.Integer() for _ in range(3))
    pool_contributions_agreed, pool_contributions_received = fields.Integer(), fields.Integer()
    pool_not_drawn_down, pool_spent, pool_reserve = (fields.Integer() for _ in range(3))
    dhr_costs, dhrs_costed, commissioned_paid = (fields.Integer() for _ in range(3))
    cost_per_dhr = fields.Integer(
        allow_none=True,
        metadata={
            "description": "over the completed (submitted) reviews costed in the period "
            "(completed_dhrs_costed); null when there are none"
        },
    )
    completed_dhrs_costed, spent_on_open_reviews = fields.Integer(), fields.Integer()


class PotRowOut(Out):
    pot = fields.String(metadata={"description": "the pot's id in the region's ledger"})
    agreed, received, spent, reserve = (fields.Integer() for _ in range(4))


class ReviewSpendOut(Out):
    review_id, tenant, amount = fields.String(), fields.String(allow_none=True), fields.Integer()


class RegionalMoneyOut(Out):
    region, since, until = fields.String(), fields.Date(), fields.Date()
    rows = rows(MoneyRowOut)
    total = fields.Nested(MoneyRowOut)
    pots = fields.List(fields.Nested(PotRowOut), metadata={"description": "hosted pots"})
    spend_by_review = fields.List(fields.Nested(ReviewSpendOut))
