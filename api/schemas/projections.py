"""How the regional views stand, for platform administrators: lag and set-aside events."""

from __future__ import annotations

from marshmallow import fields

from api.schemas.common import Out


class SetAsideOut(Out):
    tenant, event_type, error, set_aside_at = (
        fields.String(),
        fields.String(metadata={"description": "e.g. DomesticHomicideReview.Decided"}),
        fields.String(metadata={"description": "why the read model could not apply it"}),
        fields.String(),
    )
    position, attempts = fields.Integer(), fields.Integer()


class ViewStateOut(Out):
    name = fields.String()
    generation, version, code_version = fields.Integer(), fields.Integer(), fields.Integer()
    lag = fields.Integer(metadata={"description": "events recorded but not yet applied"})
    tenants_behind = fields.Integer()
    set_aside = fields.List(fields.Nested(SetAsideOut))
