"""Grants and DHR costs: money is whole pence (integers), years are '2016/17' labels."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, post_load, pre_dump, validate

from api.schemas.common import DatedIn, In, Out, enum, optional_text, required_text, strings
from domain.funding import AmountLine, CostCategory


def pence_field() -> fields.Integer:
    return fields.Integer(
        required=True,
        strict=True,
        validate=validate.Range(min=0),
        metadata={"description": "whole pence, e.g. 3000000 for £30,000"},
    )


def year() -> fields.String:
    return fields.String(
        required=True,
        validate=validate.Regexp(r"^\d{4}/\d{2}$"),
        metadata={"description": "financial year, e.g. 2016/17"},
    )


class BudgetLineIn(DatedIn):
    RENAME = {"on": "opened_on"}
    reference, name, owner = required_text(40), required_text(200), required_text(200)
    financial_year = year()
    ceiling = pence_field()


class AmountLineIn(In):
    purpose = required_text(200)
    pence = pence_field()

    @post_load
    def _line(self, data: dict[str, Any], **_: Any) -> AmountLine:
        return AmountLine(data["purpose"], data["pence"])


class BusinessCaseIn(DatedIn):
    RENAME = {"on": "submitted_on"}
    reference, title, submitted_by = required_text(40), required_text(200), required_text(200)
    lines = fields.List(fields.Nested(AmountLineIn), required=True, validate=validate.Length(min=1))


class WithdrawalIn(DatedIn):
    RENAME = {"on": "withdrawn_on"}
    reference, reason = required_text(40), required_text(2000)


class GrantDecisionIn(DatedIn):
    RENAME = {"on": "decided_on"}
    number, decision_maker = required_text(40), required_text(200)
    approved = pence_field()
    case_reference = fields.String(load_default=None, allow_none=True)
    conditions = fields.List(
        fields.String(validate=validate.Length(min=1, max=2000)), load_default=list
    )


class VariationIn(DatedIn):
    RENAME = {"on": "varied_on"}
    number, reason = required_text(40), required_text(2000)
    approved = pence_field()


class GrantMoneyIn(DatedIn):
    number = required_text(40)
    tenant = fields.String(required=True, metadata={"description": "the receiving tenant's slug"})
    amount = pence_field()


ALLOCATED, PAID = {"on": "allocated_on"}, {"on": "paid_on"}  # GrantMoneyIn's two use cases


class ClawbackIn(GrantMoneyIn):
    RENAME = {"on": "clawed_back_on"}
    reason = required_text(2000)


class AmountLineOut(Out):
    purpose, pence = fields.String(), fields.Integer()


class BusinessCaseOut(Out):
    reference, title, submitted_by = fields.String(), fields.String(), fields.String()
    lines = fields.List(fields.Nested(AmountLineOut))
    submitted_on, withdrawn_on = fields.Date(), fields.Date(allow_none=True)
    decision_number = fields.String(allow_none=True)


class GrantDecisionOut(Out):
    number, case_reference, decided_on = (
        fields.String(),
        fields.String(allow_none=True),
        fields.Date(),
    )
    decision_maker, first_approved, approved = fields.String(), fields.Integer(), fields.Integer()
    conditions = fields.List(fields.String())


class AllocationOut(Out):
    decision_number, tenant = fields.String(), fields.String()
    allocated, paid, clawed_back = fields.Integer(), fields.Integer(), fields.Integer()


class GrantEntryOut(Out):
    number = fields.Integer(
        metadata={"description": "from 1 among its kind, as a correction names it"}
    )
    decision_number, tenant = strings(2)
    amount = fields.Integer()
    on = fields.Date()


# A grant line's money by kind, each entry numbered from 1 among its kind as a correction
# names it (``domain.funding.grant_state``'s ``entries``).
ENTRY_KINDS = ("allocation", "payment", "clawback")


def _recorded(kind: str) -> fields.List:
    return fields.List(
        fields.Nested(GrantEntryOut),
        metadata={"description": f"each {kind} as recorded (or corrected), numbered"},
    )


class BudgetLineOut(Out):
    id, version = fields.UUID(), fields.Integer()
    reference, name, owner, financial_year = strings(4)
    ceiling, committed, opened_on = fields.Integer(), fields.Integer(), fields.Date()
    business_cases = fields.List(fields.Nested(BusinessCaseOut))
    decisions = fields.List(fields.Nested(GrantDecisionOut))
    allocations = fields.List(fields.Nested(AllocationOut))
    allocations_recorded, payments_recorded, clawbacks_recorded = (
        _recorded(kind) for kind in ENTRY_KINDS
    )

    @pre_dump
    def _flatten(self, line: Any, **_: Any) -> dict[str, Any]:
        return {
            "id": line.id,
            "version": line.version,
            "reference": line.reference,
            "name": line.name,
            "owner": line.owner,
            "financial_year": line.financial_year.label,
            "ceiling": line.ceiling,
            "committed": line.committed,
            "opened_on": line.opened_on,
            "business_cases": list(line.cases.values()),
            "decisions": list(line.decisions.values()),
            "allocations": list(line.allocations.values()),
            **{f"{kind}s_recorded": line.entries[kind] for kind in ENTRY_KINDS},
        }


class BudgetListingOut(Out):
    kind, reference = strings(2)
    budget_id = fields.UUID()
    name = fields.String()


def confirmation_field() -> fields.Boolean:
    """A DHR's cost above £100,000 is refused (422) unless this says it is right."""
    return fields.Boolean(
        load_default=False,
        metadata={
            "description": "true to keep an amount above £100,000 (10000000 pence), far more "
            "than one DHR usually costs; without it such an amount is refused (422) and "
            "nothing is recorded"
        },
    )


class _CostIn(DatedIn):
    """What an estimate and an actual cost of a DHR both record: its category and amount.
    Each then has its own words and, last, the confirmation of an unusual amount (the order
    the OpenAPI document lists them in)."""

    category = enum(CostCategory, required=True)
    amount = pence_field()


class CostEstimateIn(_CostIn):
    RENAME = {"on": "estimated_on"}
    reason = optional_text(2000)
    amount_confirmed = confirmation_field()


class CostActualIn(_CostIn):
    RENAME = {"on": "incurred_on"}
    description = required_text(2000)
    amount_confirmed = confirmation_field()


class IncurredOut(Out):
    number = fields.Integer(
        metadata={
            "description": "its number in the order recorded: a correction names it "
            "(field incurred.<number>.amount or incurred.<number>.incurred_on)"
        }
    )
    category = fields.String()
    amount = fields.Integer(metadata={"description": "whole pence, as corrected"})
    incurred_on = fields.Date(metadata={"description": "as corrected"})
    description = fields.String()


class CostSummaryOut(Out):
    review_id = fields.UUID()
    estimates, actuals = (
        fields.Dict(keys=fields.String(), values=fields.Integer()),
        fields.Dict(keys=fields.String(), values=fields.Integer()),
    )
    total_estimate, total_actual = fields.Integer(), fields.Integer()
    incurred = fields.List(
        fields.Nested(IncurredOut),
        metadata={"description": "each cost incurred (an invoice, say), in the order recorded"},
    )

    @pre_dump
    def _as_maps(self, summary: Any, **_: Any) -> dict[str, Any]:
        return {
            "review_id": summary.review_id,
            "estimates": {str(k): v for k, v in summary.estimates},
            "actuals": {str(k): v for k, v in summary.actuals},
            "total_estimate": summary.total_estimate,
            "total_actual": summary.total_actual,
            "incurred": summary.incurred,
        }
