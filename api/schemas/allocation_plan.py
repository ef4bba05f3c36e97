"""A pooled budget's allocation plan: what the money is earmarked for, and requests to vary it."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from marshmallow import fields, pre_dump, validate

from api.concurrency import stored_version
from api.schemas.common import DatedIn, Out, integers, required_text, strings
from api.schemas.funding import pence_field, year
from domain.funding import dhrs_text
from domain.texts import NAMED

DHRS = validate.Regexp(r"^\d+(\.\d+)?$")


class PlannedIn(DatedIn):
    RENAME = {"on": "planned_on"}
    year, key, purpose = year(), required_text(80), required_text(NAMED)
    amount = fields.Integer(load_default=None, strict=True, validate=validate.Range(min=0))
    per_dhr = fields.Integer(load_default=None, strict=True, validate=validate.Range(min=0))
    expected_dhrs = fields.String(load_default=None, validate=DHRS)


class VariationRequestIn(DatedIn):
    RENAME = {"on": "requested_on"}
    year, key = year(), required_text(80)
    amount = pence_field()
    requested_by, reason = required_text(200), required_text(2000)


class VariationDecisionIn(DatedIn):
    RENAME = {"on": "decided_on"}
    year, key = year(), required_text(80)
    approved = fields.Boolean(required=True)
    reason = required_text(2000)


class PlannedAllocationOut(Out):
    year, key, purpose, amount = fields.String(), fields.String(), fields.String(), fields.Integer()
    per_dhr = fields.Integer(allow_none=True)
    expected_dhrs = fields.String(allow_none=True)


class VariationOut(Out):
    year, key = strings(2)
    amount, shortfall = integers(2)
    requested_on, requested_by, reason = fields.Date(), fields.String(), fields.String()


class PlanOut(Out):
    budget_reference, version = fields.String(), fields.Integer()
    allocations = fields.List(fields.Nested(PlannedAllocationOut))
    requests = fields.List(
        fields.Nested(VariationOut), metadata={"description": "awaiting a decision"}
    )

    @pre_dump
    def _flatten(self, plan: Any, **_: Any) -> dict[str, Any]:
        def row(value: Any) -> dict[str, Any]:
            return {**vars(value), "year": value.year.label}

        allocations = [
            {**row(a), "expected_dhrs": _decimal(a.expected_dhrs)}
            for a in plan.allocations.values()
        ]
        return {
            "budget_reference": plan.budget_reference,
            "version": stored_version(plan),
            "allocations": allocations,
            "requests": [row(r) for r in plan.requests.values()],
        }


def _decimal(dhrs: Fraction | None) -> str | None:
    """2.5 expected DHRs as "2.5", 3 as "3": the form they are sent in."""
    return None if dhrs is None else dhrs_text(dhrs)
