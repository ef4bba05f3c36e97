"""What officers send for each step of a DHR case's lifecycle after notification."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from marshmallow import fields, post_load, validate

from api.schemas.common import DatedIn, In, enum, optional_text, required_text
from api.schemas.imr_contacts import ContactIn
from domain.reviews import (
    DecisionCheckOutcome,
    DecisionOutcome,
    Document,
    FamilyMilestone,
    FeedbackPoint,
    ImrOutcome,
    PauseReason,
    PointAnswer,
)
from domain.reviews.checks import NOTE


class DecisionIn(DatedIn):
    outcome = enum(DecisionOutcome, required=True)
    reason = optional_text(2000)


class DecisionCheckIn(DatedIn):
    outcome = enum(DecisionCheckOutcome, required=True)


class CommissionIn(DatedIn):
    chair_ref = required_text(
        80, metadata={"description": "a reference or role label, never a name"}
    )
    author_ref = required_text(80)
    cost_pence = fields.Integer(required=True, strict=True, validate=validate.Range(min=0))


class ImrIn(DatedIn):
    agency = required_text(120)
    with_chronology = fields.Boolean(load_default=False)
    due_on = fields.Date(
        load_default=None,
        metadata={"description": "when a requested IMR is due (ignored on a return)"},
    )
    author = fields.Nested(
        ContactIn,
        load_default=None,
        allow_none=True,
        metadata={"description": "the IMR author's contact, kept in the case's vault (request)"},
    )


class ImrExtensionIn(DatedIn):
    agency = required_text(120)
    due_on = fields.Date(required=True, metadata={"description": "the new due date"})
    reason = required_text(500)


class ImrExtensionRefusalIn(DatedIn):
    agency = required_text(120)
    reason = required_text(NOTE, metadata={"description": "why; the agency reads it"})


class ImrChaseIn(DatedIn):
    agency = required_text(120)


class ImrAssessmentIn(DatedIn):
    agency = required_text(120)
    outcome = enum(ImrOutcome, required=True)
    points = fields.List(
        fields.String(validate=validate.Length(min=1, max=500)),
        load_default=list,
        validate=validate.Length(max=50),
        metadata={"description": "what the agency must address; required when returned"},
    )


class PauseIn(DatedIn):
    reason = enum(PauseReason, required=True)
    note = optional_text(NOTE)


class FamilyIn(DatedIn):
    milestone = enum(FamilyMilestone, required=True)


class DraftIn(DatedIn):
    document = enum(Document, required=True)


class ClosureIn(DatedIn):
    reason = required_text(2000)


class NumberedIn(In):
    """A numbered point of a letter, loaded as the value ``MAKES`` (the number, then the text)."""

    MAKES: ClassVar[Callable[..., Any]]
    number = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))

    @post_load
    def _make(self, data: dict[str, Any], **_: Any) -> Any:
        return self.MAKES(**data)


class PointIn(NumberedIn):
    MAKES = FeedbackPoint
    summary = required_text(NOTE)


class FeedbackIn(DatedIn):
    points = fields.List(fields.Nested(PointIn), required=True, validate=validate.Length(min=1))


class AnswerIn(NumberedIn):
    MAKES = PointAnswer
    response = required_text(NOTE)


class ResubmissionIn(DatedIn):
    answers = fields.List(fields.Nested(AnswerIn), required=True, validate=validate.Length(min=1))
