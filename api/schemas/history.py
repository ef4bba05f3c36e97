"""History: every recorded event of one record, with when, by whom, and what it said."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from enum import Enum
from typing import Any
from uuid import UUID

from marshmallow import fields, pre_dump

from api.names import actor_name
from api.schemas.common import In, Out, integers
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
    recorded_by_name = fields.String(
        metadata={"description": "the acting user's display name, as pages show it"}
    )
    data = fields.Dict(keys=fields.String())
    correction = fields.Dict(
        keys=fields.String(),
        allow_none=True,
        metadata={
            "description": "on a Corrected event: the field, the value it replaces and the new "
            "one, why, and since when the replaced value stood in the record (every report or "
            "board paper made between then and the correction used it)"
        },
    )

    @pre_dump
    def _envelope(self, item: Any, **_: Any) -> dict[str, Any]:
        event, correction = item if isinstance(item, tuple) else (item, None)
        return {
            "version": event.originator_version,
            "event": type(event).__name__,
            "recorded_at": event.timestamp,
            "recorded_by": getattr(event, "recorded_by", ""),
            "recorded_by_name": actor_name(getattr(event, "recorded_by", "")),
            "data": {k: plain(v) for k, v in vars(event).items() if k not in ENVELOPE},
            "correction": correction,
        }


def with_corrections(events: list[Any]) -> list[Any]:
    """Each correction (``Corrected``, or a finding's ``FindingCorrected``) paired with what it
    corrected and how long the old value stood."""
    found: list[Any] = []
    for i, event in enumerate(events):
        if type(event).__name__ not in CORRECTIONS:
            found.append(event)
            continue
        field = str(event.field)
        earlier = [e for e in events[:i] if _set(e, event)]
        earlier += _entry_recorded(events[:i], event.field)
        since = earlier[-1].timestamp if earlier else None
        found.append(
            (
                event,
                {
                    "field": field,
                    "replaced": plain(event.previous),
                    "value": plain(event.value),
                    "reason": event.reason,
                    "replaced_value_recorded_at": since.isoformat() if since else None,
                    "replaced_value_in_use_until": event.timestamp.isoformat(),
                },
            )
        )
    return found


CORRECTIONS = ("Corrected", "FindingCorrected")


def _set(earlier: Any, correction: Any) -> bool:
    """Whether ``earlier`` recorded the value ``correction`` replaces (a finding's: that
    finding's recording or an earlier correction of the same field)."""
    name, field = type(earlier).__name__, correction.field
    if type(correction).__name__ == "FindingCorrected":
        if getattr(earlier, "number", None) != correction.number:
            return False
        return name == "FindingRecorded" or (name == "FindingCorrected" and earlier.field == field)
    return (name == "Corrected" and earlier.field == field) or hasattr(earlier, field)


NUMBERED = {
    "incurred": "ActualCostRecorded",
    "commission": "Commissioned",
    "panel_meeting": "PanelMet",
    "imr": "ImrRequested",  # its request and first due date; not its receipt
    "allocation": "Allocated",  # a budget line's (a commissioning budget's names its year)
    "payment": "Paid",
    "clawback": "ClawedBack",
}
"""Parts several to a record, named in a correction by their number, and the event recording
each (``incurred.2.amount``: the second cost recorded)."""


def _entry_recorded(events: list[Any], field: str) -> list[Any]:
    """For one of several parts (``incurred.<number>.amount``): the event that recorded it,
    where no correction of the same field came after it."""
    kind, number, name, *_ = field.split(".") + ["", ""]
    if kind not in NUMBERED or not number.isdigit() or name == "received_on":
        return []
    recorded = [e for e in events if type(e).__name__ == NUMBERED[kind]]
    if len(recorded) < int(number):
        return []
    entry = recorded[int(number) - 1]
    later = any(e.field == field for e in events[events.index(entry) :] if hasattr(e, "field"))
    return [] if later else [entry]


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
    events_checked, seals_checked, head_position = integers(3)
    broken_at_seal = fields.Integer(allow_none=True)
    intact = fields.Boolean()
    problems = fields.List(fields.String(), metadata={"description": "each failure found"})
    unsealed_events = fields.Integer(metadata={"description": "events after the last seal"})
    anchored = fields.Boolean(
        metadata={
            "description": "whether the seals were checked against the audit anchor the server "
            "keeps outside the service (LEDGER_AUDIT_ANCHOR): seals deleted with the events "
            "they vouched for are found only then"
        }
    )
    anchored_checked = fields.Integer(
        metadata={"description": "links the anchor holds for this history, each checked"}
    )
    anchor = fields.String(
        metadata={"description": "in one line, whether and against what the seals were checked"}
    )


class ReadsQueryIn(In):
    since = fields.Date(load_default=None, metadata={"description": "default: 6 days ago"})
    until = fields.Date(
        load_default=None, metadata={"description": f"default: today; at most {MAX_DAYS} days"}
    )


class AuditReadOut(Out):
    at, user_id, auditor = fields.DateTime(), fields.UUID(), fields.String()
    path = fields.String()
    tenant, region = fields.String(allow_none=True), fields.String(allow_none=True)
