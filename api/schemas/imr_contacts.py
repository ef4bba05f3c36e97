"""An IMR author's contact, in and out: personal data, sealed in the case's vault."""

from __future__ import annotations

from marshmallow import fields

from api.schemas.common import In, Out, optional_text, required_text


class ContactIn(In):
    name = required_text(120)
    email = optional_text(254)
    phone = fields.String(load_default="", metadata={"description": "digits, spaces, +, -"})
    emailed = fields.Boolean(
        load_default=True,
        metadata={"description": "false: they asked not to be emailed reminders of their IMR"},
    )


class AgencyContactIn(ContactIn):
    agency = required_text(120, metadata={"description": "an agency asked for an IMR"})


class ContactOut(Out):
    agency, name, email, phone = fields.String(), fields.String(), fields.String(), fields.String()
    emailed = fields.Boolean()
