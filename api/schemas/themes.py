"""Theme taxonomies (a partnership's, a region's) and a partnership's action-plan settings."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, pre_dump, validate

from api.schemas.common import DatedIn, In, Out, enum, required_text
from domain.themes import ThemeEntry, ThemeKind

CODE = validate.Regexp(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", error="lower-case words joined by hyphens")


class ThemeQueryIn(In):
    kind = enum(ThemeKind, load_default=None)
    include_retired = fields.Boolean(load_default=False)


class ThemeIn(In):
    code = fields.String(required=True, validate=[validate.Length(max=80), CODE])
    label = required_text(200)
    kind = enum(ThemeKind, required=True)
    home_office_code = fields.String(
        load_default="other",
        validate=validate.Length(min=1, max=80),
        metadata={"description": "the Home Office Library code it rolls up to"},
    )


class RetirementIn(DatedIn):
    reason = required_text(500)


class ThemeOut(Out):
    code, label, kind, source, home_office_code = (fields.String() for _ in range(5))
    retired_on = fields.Date(allow_none=True)
    retirement_reason = fields.String(allow_none=True)
    region = fields.String(
        allow_none=True, metadata={"description": "the region a followed theme belongs to"}
    )

    @pre_dump
    def _flatten(self, entry: ThemeEntry, **_: Any) -> dict[str, Any]:
        t = entry.theme
        return {
            "code": t.code,
            "label": t.label,
            "kind": str(t.kind),
            "source": str(t.source),
            "home_office_code": t.home_office_code,
            "retired_on": entry.retired_on,
            "retirement_reason": entry.retirement_reason,
            "region": entry.region,
        }


class IntervalIn(In):
    months = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=36))
    reason = required_text(500)


class SettingsOut(Out):
    impact_review_months = fields.Integer(
        metadata={"description": "months after completion an action's impact is reviewed"}
    )
