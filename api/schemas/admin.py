"""Regions, tenants, users and tokens: what platform administrators send and see."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, post_load, validate

from api.schemas.common import In, Out, required_text, strings
from tenants.users import Role

SLUG = validate.Regexp(
    r"^[a-z][a-z0-9-]{1,38}[a-z0-9]$", error="3-40 lower-case letters, digits, hyphens"
)


class RegionIn(In):
    slug = fields.String(required=True, validate=SLUG)
    name = required_text(120)


class RegionOut(Out):
    slug = fields.String()
    name = fields.String()


class TenantIn(In):
    slug = fields.String(required=True, validate=SLUG)
    name = required_text(120)
    region = fields.String(required=True, validate=SLUG)


class TenantOut(Out):
    slug, name, region, status = strings(4)


class TenantMoveIn(In):
    region = fields.String(required=True, validate=SLUG)


class NameIn(In):
    name = required_text(120)


class GrantsIn(In):
    """A role and everything it reaches, replacing the user's: a grant not named is taken away."""

    role = fields.Enum(Role, by_value=True, required=True)
    tenants = fields.List(fields.String(validate=SLUG), load_default=list)
    regions = fields.List(fields.String(validate=SLUG), load_default=list)
    agency = fields.String(
        load_default="",
        validate=validate.Length(max=40),
        metadata={"description": "agency_contributor only: their agency's partner directory key"},
    )

    @post_load
    def _grants(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        return {**data, "tenants": tuple(data["tenants"]), "regions": tuple(data["regions"])}


class UserIn(GrantsIn):
    name = fields.String(
        required=True, validate=validate.Regexp(r"^[a-z][a-z0-9._-]{1,62}[a-z0-9]$")
    )
    display_name = fields.String(
        load_default="",
        validate=validate.Length(max=100),
        metadata={"description": "the name pages and histories show, e.g. 'Jo Smith'"},
    )
    email = fields.String(
        load_default="",
        validate=validate.Length(max=254),
        metadata={"description": "where the user's reminders go; personal data, kept encrypted"},
    )


class EmailIn(In):
    email = fields.String(
        required=True,
        validate=validate.Length(min=3, max=254),
        metadata={"description": "where the user's reminders go, e.g. jo.smith@coventry.gov.uk"},
    )


class UserOut(Out):
    id = fields.UUID()
    name = fields.String()
    display_name = fields.String(attribute="shown_as")
    role = fields.Enum(Role, by_value=True)
    tenants = fields.List(fields.String())
    regions = fields.List(fields.String())
    agency = fields.String()
    active = fields.Boolean()
    email = fields.String(metadata={"description": "where reminders go; empty when none is set"})


class TokenIn(In):
    days = fields.Integer(load_default=90, validate=validate.Range(min=1, max=366))


class TokenOut(Out):
    token_id = fields.UUID()
    expires_at = fields.DateTime()
    revoked = fields.Boolean()


class IssuedTokenOut(Out):
    token_id = fields.UUID()
    token = fields.String(metadata={"description": "shown once; store it now"})
    expires_at = fields.DateTime()
