"""The personal-data vault: what officers send and read back about real people (never logged)."""

from __future__ import annotations

from datetime import date

from marshmallow import fields, validate

from api.schemas.common import In, Out, optional_text, required_text

TEXT = validate.Length(max=500)


class FamilyContactIn(In):
    """A family member or friend the review contacts for liaison (``domain.vault.Contact``)."""

    name = required_text(500)
    relationship = fields.String(load_default="", validate=TEXT)
    address = fields.String(load_default="", validate=TEXT)
    phone = optional_text(40)


class PersonalDetailsIn(In):
    victim_name = required_text(500)
    victim_date_of_birth = fields.Date(
        load_default=None, allow_none=True, metadata={"past": True, "earliest": date(1900, 1, 1)}
    )
    victim_address = fields.String(load_default="", validate=TEXT)
    contacts = fields.List(fields.Nested(FamilyContactIn), load_default=list)
    notes = fields.String(load_default="", validate=TEXT)


class ErasureIn(In):
    reason = required_text(500)
    confirm = fields.Boolean(
        required=True,
        metadata={"description": "must be true: erasure cannot be undone"},
    )


class FamilyContactOut(Out):
    name, relationship, address, phone = (fields.String(),) * 4


class PersonalDetailsOut(Out):
    victim_name = fields.String()
    victim_date_of_birth = fields.Date(allow_none=True)
    victim_address = fields.String()
    contacts = fields.List(fields.Nested(FamilyContactOut))
    notes = fields.String()


class VaultEntryOut(Out):
    review_id = fields.UUID()
    status = fields.String(metadata={"description": "empty, recorded or erased"})
    details = fields.Nested(PersonalDetailsOut, allow_none=True)
    recorded_on = fields.Date(allow_none=True)
    erased_on = fields.Date(allow_none=True)
    erasure_basis = fields.String(allow_none=True, metadata={"description": "request or retention"})
