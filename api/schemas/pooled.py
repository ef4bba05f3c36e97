"""Pooled DHR budgets: partners, contributions, planned allocations, spend, statements, forecasts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import ValidationError, fields, post_load, pre_dump, validate

from api.schemas.common import DatedIn, In, Out, integers, optional_text, required_text, strings
from api.schemas.funding import pence_field, year


class PoolIn(DatedIn):
    RENAME = {"on": "opened_on"}
    reference, name, manager = required_text(40), required_text(200), required_text(200)


class PartnerIn(DatedIn):
    RENAME = {"on": "joined_on"}
    partner = required_text(
        80, metadata={"description": "a short key, e.g. 'county' or a tenant slug"}
    )
    name = required_text(200)


class ContributionIn(DatedIn):
    RENAME = {"on": "agreed_on"}
    partner, year = required_text(80), year()
    amount = pence_field()
    reason = optional_text(2000)


class ReceiptIn(DatedIn):
    RENAME = {"on": "received_on", "year": "for_year"}
    partner, year = required_text(80), year()
    amount = pence_field()


class SpendIn(DatedIn):
    RENAME = {"on": "spent_on"}
    allocation, reason = required_text(80), required_text(2000)
    amount = pence_field()
    review_id = fields.UUID(load_default=None, allow_none=True)


class YearIn(In):
    year = year()


class NotDrawnDownIn(DatedIn):
    RENAME = {"on": "decided_on"}
    partner, year, reason = required_text(80), year(), required_text(2000)
    amount = fields.Integer(
        load_default=None,
        strict=True,
        validate=validate.Range(min=0),
        metadata={"description": "pence; default: all that is outstanding for the year"},
    )
    deferred_to = fields.String(
        load_default=None,
        validate=validate.Regexp(r"^\d{4}/\d{2}$"),
        metadata={"description": "a later financial year the partner pays it in instead"},
    )


class BroughtForwardIn(In):
    year, reason = year(), required_text(2000)
    amount = pence_field()


class YearCloseIn(DatedIn):
    RENAME = {"on": "closed_on"}
    year = year()
    reason = fields.String(load_default="Year end", validate=validate.Length(min=1, max=2000))


class YearReopenIn(DatedIn):
    RENAME = {"on": "reopened_on"}
    year, reason = year(), required_text(2000)


DHRS = validate.Regexp(r"^\d+(\.\d+)?$", error="Give a number of DHRs such as 3 or 2.5.")


class ForecastIn(YearIn):
    """Query values are text: ``?dhrs=2.5&cost_per_dhr=850000`` (kept exact, never a float)."""

    expected_dhrs = fields.String(load_default=None, validate=DHRS)
    dhrs = fields.String(
        load_default=None, validate=DHRS, metadata={"description": "same as expected_dhrs"}
    )
    cost_per_dhr = fields.String(
        load_default=None,
        validate=validate.Regexp(
            r"^\d{1,12}$", error="Give the cost per DHR in whole pence, e.g. 850000."
        ),
        metadata={"description": "whole pence; default: the year's planned per-DHR estimate"},
    )

    @post_load
    def _exact(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        dhrs = data.pop("dhrs") or data["expected_dhrs"]
        if dhrs is None:
            raise ValidationError({"dhrs": ["Give the expected number of DHRs, e.g. dhrs=2.5."]})
        cost = data["cost_per_dhr"]
        return {**data, "expected_dhrs": dhrs, "cost_per_dhr": None if cost is None else int(cost)}


class PartnerOut(Out):
    partner, name = fields.String(), fields.String()


class ClosedYearOut(Out):
    year, carried_forward = fields.String(), fields.Integer()


class MovementOut(Out):
    number = fields.Integer(metadata={"description": "from 1, as a correction names it"})
    kind = fields.String(metadata={"description": "brought_forward, contribution or spend"})
    on, amount = fields.Date(), fields.Integer()
    partner = fields.String(allow_none=True, metadata={"description": "who paid it in"})
    for_year = fields.String(allow_none=True, metadata={"description": "the year it was due for"})
    allocation = fields.String(allow_none=True, metadata={"description": "what it was spent on"})
    review_id = fields.UUID(allow_none=True, metadata={"description": "the review it paid for"})


class NotDrawnOut(Out):
    number = fields.Integer(metadata={"description": "from 1, as a correction names it"})
    partner, year, amount = fields.String(), fields.String(), fields.Integer()
    decided_on = fields.Date()
    deferred_to = fields.String(
        allow_none=True, metadata={"description": "the later year the partner owes it in"}
    )


class PoolOut(Out):
    id, version, reference, name = fields.UUID(), fields.Integer(), fields.String(), fields.String()
    manager, opened_on = fields.String(), fields.Date()
    partners = fields.List(fields.Nested(PartnerOut))
    closed_years = fields.List(fields.Nested(ClosedYearOut))
    movements = fields.List(
        fields.Nested(MovementOut),
        metadata={"description": "every receipt, spend and reserve brought in, in order"},
    )
    not_drawn = fields.List(
        fields.Nested(NotDrawnOut),
        metadata={"description": "every decision not to call a contribution, in order"},
    )

    @pre_dump
    def _flatten(self, pool: Any, **_: Any) -> dict[str, Any]:
        partners = [{"partner": k, "name": v} for k, v in pool.partners.items()]
        closed = [{"year": y.label, "carried_forward": c} for y, c in sorted(pool.closed.items())]
        keep = ("id", "version", "reference", "name", "manager", "opened_on")
        movements = [
            {
                "number": n,
                "kind": m.kind.value,
                "on": m.on,
                "amount": m.amount,
                "partner": m.partner,
                "for_year": m.for_year.label if m.for_year else None,
                "allocation": m.allocation,
                "review_id": m.review_id,
            }
            for n, m in enumerate(pool.movements, start=1)
        ]
        not_drawn = [
            {
                "number": n,
                "partner": d.partner,
                "year": d.year.label,
                "amount": d.amount,
                "decided_on": d.decided_on,
                "deferred_to": d.deferred_to.label if d.deferred_to else None,
            }
            for n, d in enumerate(pool.not_drawn_decisions, start=1)
        ]
        found = {k: getattr(pool, k) for k in keep}
        lists = {"movements": movements, "not_drawn": not_drawn}
        return {**found, "partners": partners, "closed_years": closed, **lists}


class PartnerLineOut(Out):
    partner = fields.String()
    agreed, not_drawn_down, received_for_year, outstanding = (fields.Integer() for _ in range(4))


class AllocationLineOut(Out):
    key, purpose = strings(2)
    planned, spent = integers(2)


class PaymentOut(Out):
    partner, amount = fields.String(), fields.Integer()
    for_year = fields.Function(lambda p: p.for_year.label)
    paid_in = fields.Function(lambda p: p.paid_in.label, metadata={"description": "cash year"})


def _partners_total(statement: Any) -> dict[str, int]:
    return {
        key: sum(getattr(line, key) for line in statement.partners)
        for key in ("agreed", "not_drawn_down", "received_for_year", "outstanding")
    }


class StatementOut(Out):
    budget_reference, year = fields.String(), fields.Function(lambda s: s.year.label)
    opening_reserve, contributions, spend, closing_reserve = (fields.Integer() for _ in range(4))
    carried_forward = fields.Integer(allow_none=True)
    received_in_advance, agreed, received_for_year = (fields.Integer() for _ in range(3))
    received_in_year_for_year = fields.Integer(
        metadata={"description": "contributions received in the year that were for the year"}
    )
    received_late = fields.Integer(
        metadata={"description": "contributions received in the year for earlier years"}
    )
    paid_in_other_years = fields.List(
        fields.Nested(PaymentOut),
        metadata={"description": "each payment for this year in another year's cash"},
    )
    for_other_years = fields.List(
        fields.Nested(PaymentOut),
        metadata={"description": "each payment in the year's cash that was for another year"},
    )
    reserve_origin = fields.String(
        allow_none=True,
        metadata={"description": "where a reserve brought in this year came from"},
    )
    reconciles = fields.Boolean()
    partners = fields.List(fields.Nested(PartnerLineOut))
    partners_total = fields.Function(_partners_total)
    allocations = fields.List(fields.Nested(AllocationLineOut))


class ShareOut(Out):
    partner, agreed, required = fields.String(), fields.Integer(), fields.Integer()


class CommitmentOut(Out):
    year = fields.Function(lambda c: c.year.label)
    key, purpose = fields.String(), fields.String()
    approved, planned_before, spent, unpaid = (fields.Integer() for _ in range(4))
    decided_on = fields.Date()
    in_cost = fields.Boolean(
        metadata={
            "description": "true: the forecast year's own, in its annual cost; false: an "
            "earlier year's, owed from the reserve"
        }
    )


class ForecastOut(Out):
    year = fields.Function(lambda f: f.year.label)
    expected_dhrs = fields.Function(
        lambda f: str(Decimal(f.expected_dhrs.numerator) / Decimal(f.expected_dhrs.denominator))
    )
    cost_per_dhr, fixed_costs, annual_cost, reserve = (fields.Integer() for _ in range(4))
    agreed_contributions, annual_shortfall = fields.Integer(), fields.Integer()
    years_reserve_lasts = fields.Integer(allow_none=True)
    years_reserve_alone_covers = fields.Integer()
    shares = fields.List(fields.Nested(ShareOut))
    shares_from = fields.Function(
        lambda f: f.shares_from.label if f.shares_from else None,
        metadata={"description": "the year whose agreed contributions the shares follow"},
    )
    commitments = fields.List(
        fields.Nested(CommitmentOut),
        metadata={
            "description": "approved variations of open years up to this one not yet paid in full"
        },
    )
    committed_from_reserve = fields.Integer(
        metadata={
            "description": "what earlier years' commitments take off the reserve; the years "
            "the reserve lasts are counted without it"
        }
    )


class DebtorOut(Out):
    partner = fields.String()
    due_for_year, received_for_year, owed_at_year_end = (fields.Integer() for _ in range(3))
    earlier = fields.Function(
        lambda d: [{"year": y.label, "owed": owed} for y, owed in d.earlier],
        metadata={"description": "of what is owed at the year's end, what is for earlier years"},
    )


class AccrualsOut(Out):
    year = fields.Function(lambda s: s.year.label)
    opening_reserve, contributions_due, spend, closing_reserve = (
        fields.Integer() for _ in range(4)
    )
    debtors, received_in_advance = fields.Integer(), fields.Integer()
    reconciles = fields.Boolean()
    partners = fields.List(fields.Nested(DebtorOut))


class BothBasesOut(StatementOut):
    """The cash statement's fields (as before), and the accruals basis beside it."""

    basis = fields.Constant("cash", metadata={"description": "the basis of the top-level figures"})
    accruals = fields.Nested(AccrualsOut)
    closing_reserve_cash = fields.Function(lambda s: s.closing_reserve)
    closing_reserve_accruals = fields.Function(lambda s: s.accruals.closing_reserve)
