"""DHR cases: what officers send for each lifecycle step, and how a case reads back."""

from __future__ import annotations

from marshmallow import fields

from api.schemas.common import In, Out, enum, required_text, strings
from api.schemas.review_steps import AnswerIn, PointIn
from api.schemas.views import Instant
from domain.calendar import uk_today
from domain.reviews import (
    AgeBand,
    DeathCategory,
    Imr,
    Relationship,
    ReviewKind,
    ReviewStatus,
    Sex,
)
from domain.reviews.checks import PSEUDONYM


class NotifyIn(In):
    reference = required_text(40)
    incident_on = fields.Date(required=True, metadata={"past": True})
    notified_on = fields.Date(required=True, metadata={"past": True})
    pseudonym = required_text(
        PSEUDONYM, metadata={"description": "e.g. 'Mary' or 'FN'; never a real name"}
    )
    kind = enum(ReviewKind, required=True)
    death_category = enum(DeathCategory, required=True)
    victim_age_band = enum(AgeBand, load_default=None, allow_none=True)
    victim_sex = enum(Sex, load_default=None, allow_none=True)
    perpetrator_relationship = enum(Relationship, load_default=None, allow_none=True)
    pseudonym_confirmed = fields.Boolean(
        load_default=False,
        metadata={"description": "true to keep a pseudonym that looks like a full name"},
    )


class AsRecordedIn(In):
    as_recorded = Instant(
        load_default=None,
        metadata={"description": "as the ledger showed it at this instant (ISO date-time or date)"},
    )


class RegisterIn(AsRecordedIn):
    on = fields.Date(
        load_default=None,
        metadata={"description": "business date: only the cases notified by this day"},
    )


class AsOfIn(RegisterIn):
    """``on``: measured on that day from the steps dated by then; ``as_of``: every step known."""

    as_of = fields.Date(
        load_default=None,
        metadata={"description": "measured as of this day with every step known (default today)"},
    )


class DecisionOut(Out):
    decided_on, outcome, reason = fields.Date(), fields.String(), fields.String()


class DecisionCheckOut(Out):
    checked_on, outcome = fields.Date(), fields.String()


class CommissionOut(Out):
    commissioned_on = fields.Date()
    chair_ref, author_ref = strings(2)
    cost_pence = fields.Integer()


class ImrExtensionOut(Out):
    extended_on, due_on, reason = fields.Date(), fields.Date(), fields.String()


class ImrExtensionRequestOut(Out):
    """The agency's own request for more time, and the panel's answer (nulls while open)."""

    asked_on = fields.Date()
    due_on = fields.Date(metadata={"description": "the date the agency proposed"})
    reason = fields.String()
    open = fields.Boolean(metadata={"description": "waiting for the panel's answer"})
    agreed_on = fields.Date(allow_none=True)
    agreed_due_on = fields.Date(
        allow_none=True, metadata={"description": "the date the panel agreed, perhaps another"}
    )
    agreed_as_asked = fields.Boolean(
        metadata={
            "description": "agreed to the date the agency proposed; false while open, refused, "
            "not needed or agreed to another date"
        }
    )
    refused_on = fields.Date(allow_none=True)
    refusal = fields.String(metadata={"description": "why the panel refused; empty otherwise"})
    overtaken_on = fields.Date(
        allow_none=True, metadata={"description": "the IMR arrived before the panel answered"}
    )


class ImrAssessmentOut(Out):
    assessed_on, outcome, points = (
        fields.Date(),
        fields.String(),
        fields.List(fields.String()),
    )


class ImrOut(Out):
    """An IMR and its clock; ``days_late`` is as of today (UK), null when no due date was set."""

    agency = fields.String()
    requested_on, received_on = fields.Date(), fields.Date(allow_none=True)
    with_chronology = fields.Boolean()
    with_report = fields.Boolean(
        metadata={"description": "the agency uploaded its report, a document of the case"}
    )
    due_on = fields.Date(attribute="current_due_on", allow_none=True)
    first_due_on = fields.Date(attribute="due_on", allow_none=True)
    extensions = fields.List(fields.Nested(ImrExtensionOut))
    extension_requests = fields.List(fields.Nested(ImrExtensionRequestOut))
    chased_on = fields.List(fields.Date())
    assessments = fields.List(fields.Nested(ImrAssessmentOut))
    outstanding, awaiting_assessment, accepted = (
        fields.Boolean(),
        fields.Boolean(),
        fields.Boolean(),
    )
    days_late = fields.Method("_days_late", allow_none=True)

    def _days_late(self, imr: Imr) -> int | None:
        return imr.days_late(uk_today())


class PauseOut(Out):
    paused_on = fields.Date()
    reason, note = strings(2)
    resumed_on = fields.Date(allow_none=True, metadata={"description": "null while paused"})


class FamilyOut(Out):
    milestone, occurred_on = fields.String(), fields.Date()


class ClosureOut(Out):
    closed_on, reason = fields.Date(), fields.String()


class RoundOut(Out):
    received_on, resubmitted_on = fields.Date(), fields.Date(allow_none=True)
    points = fields.List(fields.Nested(PointIn))
    answers = fields.List(fields.Nested(AnswerIn))


class ReviewSummaryOut(Out):
    id, reference, pseudonym = fields.UUID(), fields.String(), fields.String()
    kind, status = fields.String(), enum(ReviewStatus)
    incident_on, notified_on = fields.Date(), fields.Date()
    version = fields.Integer()


class ReviewOut(ReviewSummaryOut):
    death_category, victim_age_band = fields.String(), fields.String(allow_none=True)
    victim_sex, perpetrator_relationship = (
        fields.String(allow_none=True),
        fields.String(allow_none=True),
    )
    decision, decision_check = (
        fields.Nested(DecisionOut, allow_none=True),
        fields.Nested(DecisionCheckOut, allow_none=True),
    )
    home_office_notified_on, directed_on = (
        fields.Date(allow_none=True),
        fields.Date(allow_none=True),
    )
    commissions = fields.List(
        fields.Nested(CommissionOut),
        metadata={
            "description": "in the order recorded: a correction names one by its number from 1 "
            "(field commission.<number>.cost_pence)"
        },
    )
    panel_meetings = fields.List(
        fields.Date(),
        metadata={
            "description": "in the order recorded: a correction names one by its number from 1 "
            "(field panel_meeting.<number>.met_on)"
        },
    )
    imrs = fields.List(
        fields.Nested(ImrOut),
        metadata={
            "description": "in the order requested: a correction names one by its number from "
            "1 (field imr.<number>.requested_on, .due_on or .received_on)"
        },
    )
    pauses = fields.List(fields.Nested(PauseOut))
    family_involvement = fields.List(fields.Nested(FamilyOut))
    feedback_rounds = fields.List(fields.Nested(RoundOut))
    overview_report_drafted_on = fields.Date(allow_none=True)
    executive_summary_drafted_on = fields.Date(allow_none=True)
    action_plan_agreed_on, submitted_on = fields.Date(allow_none=True), fields.Date(allow_none=True)
    approved_on, published_on = fields.Date(allow_none=True), fields.Date(allow_none=True)
    publication_withheld = fields.Nested(ClosureOut, allow_none=True)
    decommissioned = fields.Nested(ClosureOut, allow_none=True)
    agreed_cost_pence = fields.Integer()


class TimelinessOut(Out):
    as_of, decision_due, completion_due = fields.Date(), fields.Date(), fields.Date()
    paused_days = fields.Integer()
    days_to_decision, days_to_first_panel = (
        fields.Integer(allow_none=True),
        fields.Integer(allow_none=True),
    )
    days_to_submission, days_to_completion = (
        fields.Integer(allow_none=True),
        fields.Integer(allow_none=True),
    )
    missed_decision_target, missed_completion_target = fields.Boolean(), fields.Boolean()
