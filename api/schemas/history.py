"""History: every recorded event of one record, with when, by whom, and what it said."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from enum import Enum
from typing import Any
from uuid import UUID

from marshmallow import fields, pre_dump

from api.schemas.common import In, Out
from tenants.users.read_log import MAX_DAYS

ENVELOPE = {"originator_id", "originator_version", "timestamp", "recorded_by", "originator_topic"}


def plain(value: Any) -> Any:
    """Event values as JSON: dates ISO, ids and enums as strings, value objects as objects."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


class EventOut(Out):
    version = fields.Integer()
    event = fields.String(metadata={"description": "what happened, e.g. Decided"})
    recorded_at = fields.DateTime(metadata={"description": "when it was recorded (UTC)"})
    recorded_by = fields.String(metadata={"description": "the acting user's id"})
    data = fields.Dict(keys=fields.String())

    @pre_dump
    def _envelope(self, event: Any, **_: Any) -> dict[str, Any]:
        return {
            "version": event.originator_version,
            "event": type(event).__name__,
            "recorded_at": event.timestamp,
            "recorded_by": getattr(event, "recorded_by", ""),
            "data": {k: plain(v) for k, v in vars(event).items() if k not in ENVELOPE},
        }


class AsOfDayIn(In):
    on = fields.Date(
        required=True,
        metadata={"description": "the state as recorded by the end of this day (UTC)"},
    )


class SealOut(Out):
    position, link, events = fields.Integer(), fields.String(), fields.Integer()
    sealed_at = fields.DateTime()


class VerificationOut(Out):
    tenant = fields.String()
    events_checked, seals_checked, head_position = (
        fields.Integer(),
        fields.Integer(),
        fields.Integer(),
    )
    broken_at_seal = fields.Integer(allow_none=True)
    intact = fields.Boolean()
    problems = fields.List(fields.String(), metadata={"description": "each failure found"})
    unsealed_events = fields.Integer(metadata={"description": "events after the last seal"})


class ReadsQueryIn(In):
    since = fields.Date(load_default=None, metadata={"description": "default: 6 days ago"})
    until = fields.Date(
        load_default=None, metadata={"description": f"default: today; at most {MAX_DAYS} days"}
    )


class AuditReadOut(Out):
    at, user_id, auditor = fields.DateTime(), fields.UUID(), fields.String()
    path = fields.String()
    tenant, region = fields.String(allow_none=True), fields.String(allow_none=True)
