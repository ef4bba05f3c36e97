"""DHR cases: what officers send for each lifecycle step, and how a case reads back."""

from __future__ import annotations

from marshmallow import fields

from api.schemas.common import In, Out, enum, required_text
from api.schemas.review_steps import AnswerIn, PointIn
from domain.reviews import (
    AgeBand,
    DeathCategory,
    Relationship,
    ReviewKind,
    ReviewStatus,
    Sex,
)


class NotifyIn(In):
    reference = required_text(40)
    incident_on = fields.Date(required=True, metadata={"past": True})
    notified_on = fields.Date(required=True, metadata={"past": True})
    pseudonym = required_text(
        40, metadata={"description": "e.g. 'Mary' or 'FN'; never a real name"}
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


class AsOfIn(In):
    as_of = fields.Date(load_default=None, metadata={"description": "default: today"})


class DecisionOut(Out):
    decided_on, outcome, reason = fields.Date(), fields.String(), fields.String()


class DecisionCheckOut(Out):
    checked_on, outcome = fields.Date(), fields.String()


class CommissionOut(Out):
    commissioned_on, chair_ref, author_ref, cost_pence = (
        fields.Date(),
        fields.String(),
        fields.String(),
        fields.Integer(),
    )


class ImrOut(Out):
    agency, requested_on, received_on, with_chronology = (
        fields.String(),
        fields.Date(),
        fields.Date(),
        fields.Boolean(),
    )


class PauseOut(Out):
    paused_on, reason, note, resumed_on = (
        fields.Date(),
        fields.String(),
        fields.String(),
        fields.Date(),
    )


class FamilyOut(Out):
    milestone, occurred_on = fields.String(), fields.Date()


class ClosureOut(Out):
    closed_on, reason = fields.Date(), fields.String()


class RoundOut(Out):
    received_on, resubmitted_on = fields.Date(), fields.Date()
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
    commissions = fields.List(fields.Nested(CommissionOut))
    panel_meetings = fields.List(fields.Date())
    imrs = fields.List(fields.Nested(ImrOut))
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
