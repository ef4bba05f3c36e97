"""What an agency's user sends and sees: its own actions and IMRs, nothing of the case beyond
its reference."""

from __future__ import annotations

from marshmallow import fields

from api.schemas.common import LEFT_OUT, DatedIn, In, Out, required_text
from api.schemas.reviews import ImrOut
from domain.reviews.checks import NOTE


class AgencyActionOut(Out):
    action_id, review_id = fields.UUID(), fields.UUID()
    review_reference = fields.String(metadata={"description": "the case's reference"})
    recommendation_reference = fields.String()
    owner, description, status = fields.String(), fields.String(), fields.String()
    due_on, completed_on = fields.Date(), fields.Date(allow_none=True)
    overdue = fields.Boolean()
    last_progress_on = fields.Date(allow_none=True)


class AgencyImrOut(Out):
    review_id = fields.UUID()
    reference = fields.String(metadata={"description": "the case's reference"})
    imr = fields.Nested(ImrOut)
    days_late = fields.Integer(allow_none=True)


class AgencyWorkOut(Out):
    agency = fields.String(metadata={"description": "the agency's partner directory key"})
    agency_name = fields.String()
    tenant = fields.String()
    actions = fields.List(fields.Nested(AgencyActionOut))
    imrs = fields.List(fields.Nested(AgencyImrOut))
    unreadable = fields.Integer(metadata={"description": f"the partnership's {LEFT_OUT}"})


class AgencyImrIn(DatedIn):
    with_chronology = fields.Boolean(load_default=False)


class AgencyImrExtensionIn(In):
    """The agency's request for more time; it is dated the day it is sent."""

    due_on = fields.Date(
        required=True, metadata={"description": "the date proposed, after the current due date"}
    )
    reason = required_text(NOTE)


class AgencyEntryIn(In):
    occurred_on = fields.Date(required=True, metadata={"description": "the day it happened"})
    occurred_at = fields.Time(
        load_default=None, allow_none=True, metadata={"description": "HH:MM, if known"}
    )
    what_happened = required_text(4000)
    source = required_text(300, metadata={"description": "the record it comes from"})
