"""Shared schema pieces: the problem document, strict inputs, reasons."""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from api.schemas import limits


class In(Schema):
    """Base of every input schema: unknown fields are refused, never ignored, and every field
    keeps the limits of ``api.schemas.limits`` (plain text, £10bn, a sane date window)."""

    class Meta:
        unknown = RAISE

    def on_bind_field(self, field_name: str, field_obj: fields.Field) -> None:
        limits.guard(field_obj)


class ProblemSchema(Schema):
    """RFC 9457 problem details."""

    type = fields.String()
    title = fields.String()
    status = fields.Integer()
    detail = fields.String()
    instance = fields.String()
    errors = fields.Dict(metadata={"description": "per-field messages, by location then field"})
    request_id = fields.String(
        metadata={"description": "also in the X-Request-ID header; quote it to the operator"}
    )


Text = fields.String
Slug = fields.String(required=True, validate=validate.Regexp(r"^[a-z][a-z0-9-]{1,38}[a-z0-9]$"))


def required_text(max_len: int = 2000, **kwargs: object) -> fields.String:
    return fields.String(required=True, validate=validate.Length(min=1, max=max_len), **kwargs)  # type: ignore[arg-type]


class ReasonIn(In):
    reason = required_text(500)


class Out(Schema):
    """Base of every output schema."""


def enum(cls: type, **kw: object) -> fields.Enum:
    return fields.Enum(cls, by_value=True, **kw)  # type: ignore[arg-type]


class DatedIn(In):
    on = fields.Date(
        required=True, metadata={"description": "the day it happened (ISO date)", "past": True}
    )
