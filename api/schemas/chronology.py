"""The merged chronology: entries agencies submit, and the panel's merged view (personal data)."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, validate

from api.schemas.common import In, Out, required_text
from domain.chronology import Gap


class EntryIn(In):
    agency = required_text(120, metadata={"description": "an agency asked for an IMR"})
    occurred_on = fields.Date(required=True, metadata={"description": "the day it happened"})
    occurred_at = fields.Time(
        load_default=None, allow_none=True, metadata={"description": "HH:MM, if known"}
    )
    what_happened = required_text(4000)
    source = required_text(300, metadata={"description": "the record it comes from"})


class EntryNumberOut(Out):
    number = fields.Integer()


class KeyIn(In):
    number = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    key = fields.Boolean(required=True)


class GapDaysIn(In):
    gap_days = fields.Integer(
        load_default=90,
        validate=validate.Range(min=1, max=3650),
        metadata={"description": "show a gap where no agency recorded anything for longer"},
    )


class RowOut(Out):
    """One row: an entry (``kind`` "entry") or a gap between entries (``kind`` "gap")."""

    kind = fields.Method("_kind")
    numbers = fields.List(fields.Integer())
    occurred_on = fields.Date()
    occurred_at = fields.Time(format="%H:%M", allow_none=True)
    agencies = fields.List(fields.String())
    what_happened = fields.String()
    sources = fields.List(fields.String())
    key = fields.Boolean()
    after, before, days = fields.Date(), fields.Date(), fields.Integer()

    def _kind(self, row: Any) -> str:
        return "gap" if isinstance(row, Gap) else "entry"


class MergedOut(Out):
    rows = fields.List(fields.Nested(RowOut))
    agencies = fields.List(fields.String())
    entries = fields.Integer()
    duplicates = fields.Integer(metadata={"description": "entries folded into another's row"})
