"""A region's own ledger: its partner directory, hosted pots, commissioning, groups, demand."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, post_load, pre_dump, validate

from api.schemas.common import (
    DatedIn,
    In,
    Out,
    dates,
    integers,
    optional_text,
    required_text,
    strings,
)
from api.schemas.funding import AllocationOut, pence_field, year
from api.schemas.pooled import SpendIn
from domain.region import Indicator, Sector

KEY = validate.Regexp(r"^[a-z0-9][a-z0-9-]{0,78}[a-z0-9]$")


def key_field(**kw: Any) -> fields.String:
    return fields.String(required=True, validate=KEY, **kw)


class PartnerEntryIn(DatedIn):
    key = key_field(metadata={"description": "e.g. 'leicestershire-police'; a CSP's tenant slug"})
    name = required_text(200)
    sector = fields.String(required=True, validate=validate.OneOf([s.value for s in Sector]))
    tenant = fields.String(
        load_default=None, allow_none=True, metadata={"description": "CSPs only"}
    )


class NameMappingIn(DatedIn):
    RENAME = {"partner": "key"}
    name = required_text(
        200, metadata={"description": "a free-text name used before, e.g. 'Police'"}
    )
    partner = key_field()


class DirectoryPartnerOut(Out):
    key, name, sector = fields.String(), fields.String(), fields.String()
    tenant = fields.String(allow_none=True)
    aliases = fields.List(fields.String())


class DirectoryOut(Out):
    version = fields.Integer()
    partners = fields.List(fields.Nested(DirectoryPartnerOut))

    @pre_dump
    def _flatten(self, d: Any, **_: Any) -> dict[str, Any]:
        return {"version": d.version, "partners": list(d.partners.values())}


class PotSpendIn(SpendIn):
    tenant = fields.String(
        load_default=None,
        allow_none=True,
        metadata={"description": "the partnership whose review it is (needed with review_id)"},
    )


class PotSpendOut(Out):
    on, allocation, amount = fields.Date(), fields.String(), fields.Integer()
    review_id = fields.UUID(allow_none=True)


class KeyAmountIn(In):
    """A directory key and an amount in pence, loaded as the pair the use case takes."""

    @post_load
    def _pair(self, data: dict[str, Any], **_: Any) -> tuple[str, int]:
        key, amount = (data[name] for name in self.load_fields)
        return key, amount


class AreaMinimumIn(KeyAmountIn):
    area, minimum = key_field(), pence_field()


class CommissioningIn(DatedIn):
    reference, name = required_text(80), required_text(200)
    lead = key_field()


class CommissioningYearIn(DatedIn):
    year = year()
    annual_value = pence_field()
    minimums = fields.List(fields.Nested(AreaMinimumIn), load_default=list)


class CommissioningAllocationIn(DatedIn):
    year = year()
    area = key_field()
    amount = pence_field()
    purpose = required_text(500)


class AreaLineOut(Out):
    area = fields.String()
    minimum, allocated, short_of_minimum = integers(3)


class CommissioningAllocationOut(Out):
    number = fields.Integer(
        metadata={"description": "from 1 in the year, as a correction names it"}
    )
    area, purpose = strings(2)
    amount = fields.Integer()
    on = fields.Date()


class CommissioningYearOut(Out):
    year = fields.Function(lambda y: y.year.label)
    annual_value, allocated, unallocated = fields.Integer(), fields.Integer(), fields.Integer()
    areas = fields.List(fields.Nested(AreaLineOut))
    allocations = fields.List(fields.Nested(CommissioningAllocationOut))


class CommissioningOut(Out):
    id = fields.UUID()
    version = fields.Integer()
    reference, name, lead = strings(3)
    years = fields.List(fields.Nested(CommissioningYearOut))

    @pre_dump
    def _flatten(self, b: Any, **_: Any) -> dict[str, Any]:
        keep = ("id", "version", "reference", "name", "lead")
        return {**{k: getattr(b, k) for k in keep}, "years": [b.year(y) for y in sorted(b.values)]}


class ShareIn(KeyAmountIn):
    funder, amount = key_field(), pence_field()


class ServiceIn(DatedIn):
    reference, name = required_text(80), required_text(200)
    provider, area = key_field(), key_field()


class AgreementIn(In):
    RENAME = {"reference": "agreement"}
    reference = required_text(80)
    starts_on, ends_on = fields.Date(required=True), fields.Date(required=True)
    annual_value = pence_field()
    shares = fields.List(fields.Nested(ShareIn), required=True, validate=validate.Length(min=1))


class ExtensionIn(In):
    agreement, reason = required_text(80), required_text(2000)
    ends_on = fields.Date(required=True)


class HandoverIn(DatedIn):
    provider = key_field()
    reason = required_text(2000)


class MilestoneIn(In):
    name = required_text(200)
    due_on = fields.Date(required=True)


class MilestoneReachedIn(DatedIn):
    name = required_text(200)


class ServicePaymentIn(DatedIn):
    agreement = required_text(80)
    funder = key_field()
    amount = pence_field()


class AgreementOut(Out):
    reference = fields.String()
    starts_on, ends_on = dates(2)
    annual_value = fields.Integer()
    shares = fields.Function(lambda a: [{"funder": f, "amount": p} for f, p in a.shares])
    extensions = fields.Function(
        lambda a: [{"previous_end": d.isoformat(), "reason": r} for d, r in a.extensions]
    )


class ServicePaymentOut(Out):
    number = fields.Integer()
    agreement, funder = strings(2)
    amount = fields.Integer()
    paid_on = fields.Date()


class ServiceOut(Out):
    id = fields.UUID()
    version = fields.Integer()
    reference, name, provider, area = strings(4)
    providers = fields.Function(
        lambda s: [{"provider": p, "from": d.isoformat()} for p, d in s.providers]
    )
    agreements = fields.Function(
        lambda s: AgreementOut(many=True).dump(list(s.agreements.values()))
    )
    milestones = fields.Function(
        lambda s: [
            {
                "name": m.name,
                "due_on": m.due_on.isoformat(),
                "reached_on": m.reached_on.isoformat() if m.reached_on else None,
            }
            for m in s.milestones.values()
        ]
    )
    paid = fields.Dict(keys=fields.String(), values=fields.Integer())
    payments = fields.List(
        fields.Nested(ServicePaymentOut),
        metadata={"description": "each payment, numbered as a correction names it"},
    )


class GroupIn(DatedIn):
    key, owner = key_field(), key_field()
    name = required_text(200)
    kind = fields.String(
        load_default="partnerships", validate=validate.OneOf(["partnerships", "board"])
    )
    members = fields.List(fields.String(), load_default=list)


class GroupItemIn(DatedIn):
    reference, text = required_text(80), required_text(2000)
    owner = key_field()
    due_on = fields.Date(load_default=None, allow_none=True)


class GroupItemUpdateIn(DatedIn):
    note = required_text(2000)
    completed = fields.Boolean(load_default=False)


class PlanItemOut(Out):
    reference, text, owner, status = strings(4)
    due_on, added_on, completed_on = (
        fields.Date(allow_none=True),
        fields.Date(),
        fields.Date(allow_none=True),
    )
    updates = fields.Function(lambda i: [{"on": d.isoformat(), "note": n} for d, n in i.updates])


class GroupOut(Out):
    id = fields.UUID()
    version = fields.Integer()
    key, name, kind, owner = strings(4)
    members = fields.List(fields.String())
    items = fields.Function(lambda g: PlanItemOut(many=True).dump(list(g.items.values())))


class DemandIn(DatedIn):
    indicator = fields.String(required=True, validate=validate.OneOf([i.value for i in Indicator]))
    area = required_text(80, metadata={"description": "a partner key, or the region's slug"})
    period = required_text(20, metadata={"description": "2016/17 or 2017/18 Q1"})
    value = fields.Integer(required=True, strict=True, validate=validate.Range(min=0))
    reason = optional_text(2000)


class OwnGrantOut(Out):
    line, owner = strings(2)
    allocation = fields.Nested(AllocationOut)


class OwnMinimumOut(Out):
    budget = fields.String()
    year = fields.Function(lambda m: m.year.label)
    line = fields.Nested(AreaLineOut)


class OwnServiceOut(Out):
    name, provider = strings(2)
    funded_to = fields.Date(allow_none=True, metadata={"description": "latest agreement's end"})


class OwnAreaOut(Out):
    """What the region's ledger holds for one partnership's own area (nothing of another's)."""

    grants = fields.List(fields.Nested(OwnGrantOut))
    minimums = fields.List(fields.Nested(OwnMinimumOut))
    services = fields.List(fields.Nested(OwnServiceOut))
