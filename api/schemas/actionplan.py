"""Findings, recommendations, actions and the master action plan: what comes in and goes out."""

from __future__ import annotations

from marshmallow import fields, validate

from api.schemas.common import (
    DatedIn,
    History,
    In,
    Out,
    enum,
    optional_text,
    required_text,
    strings,
)
from api.schemas.views import Instant
from domain.actionplan import ActionStatus, ImpactOutcome, ImplementationStatus, Judgement, Scope
from domain.texts import NAMED, WRITTEN

Codes = fields.List(
    fields.String(validate=validate.Length(min=1, max=80)),
    required=True,
    validate=validate.Length(min=1),
)


class JudgementIn(DatedIn):
    RENAME = {"on": "judged_on"}
    predictable, preventable = enum(Judgement, required=True), enum(Judgement, required=True)


class FindingIn(DatedIn):
    RENAME = {"on": "recorded_on"}
    text = required_text(WRITTEN)
    theme_codes = Codes


class FindingOut(Out):
    number, text, recorded_on = fields.Integer(), fields.String(), fields.Date()
    theme_codes = fields.List(fields.String())


class FindingsOut(Out):
    review_id, version = fields.UUID(), fields.Integer()
    predictable, preventable = fields.String(allow_none=True), fields.String(allow_none=True)
    judged_on = fields.Date(allow_none=True)
    findings = fields.List(fields.Nested(FindingOut))


class RecommendationIn(DatedIn):
    RENAME = {"on": "made_on"}
    reference = required_text(40)
    text = required_text(WRITTEN)
    scope = enum(Scope, required=True)
    theme_codes = Codes
    target_organisation = fields.String(
        load_default=None, allow_none=True, validate=validate.Length(max=NAMED)
    )
    target_sector = fields.String(
        load_default=None, allow_none=True, validate=validate.Length(max=80)
    )


class RoutingIn(DatedIn):
    RENAME = {"on": "routed_on"}
    addressee = required_text(200)


class NationalResponseIn(DatedIn):
    RENAME = {"on": "received_on"}
    status = enum(ImplementationStatus, required=True)
    note = optional_text(2000)


class NationalResponseOut(Out):
    status, received_on, note = fields.String(), fields.Date(), fields.String()


class RecommendationOut(Out):
    id, review_id, version = fields.UUID(), fields.UUID(), fields.Integer()
    reference, text, scope = strings(3)
    made_on = fields.Date()
    theme_codes = fields.List(fields.String())
    target_organisation, target_sector = (
        fields.String(allow_none=True),
        fields.String(allow_none=True),
    )
    national_addressee, routed_on = fields.String(allow_none=True), fields.Date(allow_none=True)
    national_status = fields.String(allow_none=True)
    national_responses = fields.List(fields.Nested(NationalResponseOut))


class NamedRecommendationOut(RecommendationOut):
    theme_names = fields.List(fields.String(), metadata={"description": "the themes' labels"})
    target_sector_name = fields.String(allow_none=True, metadata={"description": "its label"})


class ActionIn(In):
    owner = required_text(NAMED)
    description = required_text(WRITTEN)
    due_on = fields.Date(required=True)


class ProgressIn(DatedIn):
    text = required_text(WRITTEN)


class EvidenceIn(DatedIn):
    RENAME = {"on": "added_on"}
    reference = required_text(200)


class DueDateIn(DatedIn):
    RENAME = {"on": "changed_on", "due_on": "new_due_on"}
    due_on = fields.Date(required=True)
    reason = required_text(2000)


class ReasonedIn(DatedIn):
    reason = required_text(2000)


class SupersedeIn(ReasonedIn):
    by_action_id = fields.UUID(load_default=None, allow_none=True)


class ImpactIn(DatedIn):
    RENAME = {"on": "reviewed_on"}
    outcome = enum(ImpactOutcome, required=True)
    notes = optional_text(WRITTEN)


class ProgressOut(Out):
    on, text = fields.Date(), fields.String()


class EvidenceOut(Out):
    reference, added_on = fields.String(), fields.Date()


class ImpactReviewOut(Out):
    reviewed_on, outcome, notes = fields.Date(), fields.String(), fields.String()


class ActionOut(Out):
    id, recommendation_id, review_id = fields.UUID(), fields.UUID(), fields.UUID()
    version = fields.Integer()
    owner, description, status = fields.String(), fields.String(), fields.String()
    due_on, completed_on = fields.Date(), fields.Date(allow_none=True)
    confirmed_on, confirmed_by = fields.Date(allow_none=True), fields.String(allow_none=True)
    impact_review_due_on = fields.Date(allow_none=True)
    progress = fields.List(History(ProgressOut))
    evidence = fields.List(History(EvidenceOut))
    impact_reviews = fields.List(History(ImpactReviewOut))


class PlanQueryIn(In):
    on = fields.Date(
        load_default=None,
        metadata={
            "description": "business date: actions as they stood that day (facts as known now); "
            "actions of later recommendations are absent; overdue judged on it"
        },
    )
    as_of = fields.Date(
        load_default=None, metadata={"description": "kept for compatibility: the same as 'on'"}
    )
    as_recorded = Instant(
        load_default=None,
        metadata={"description": "the plan as recorded at this instant (ISO date-time or date)"},
    )
    status = enum(ActionStatus, load_default=None)
    owner = fields.String(
        load_default=None,
        metadata={
            "description": "an owner as recorded (any case), or the name, key or alias of a "
            "body in the region's partner directory: every action of that body"
        },
    )
    theme = fields.String(load_default=None)
    overdue = fields.Boolean(load_default=False)
    due_next_quarter = fields.Boolean(load_default=False)
    awaiting_impact_review = fields.Boolean(load_default=False)


class SnapshotQueryIn(In):
    on = fields.Date(
        required=True, metadata={"description": "the plan as recorded by the end of this day"}
    )


class PlanLineOut(Out):
    action_id, review_id, recommendation_id = fields.UUID(), fields.UUID(), fields.UUID()
    review_reference = fields.String(metadata={"description": "the case's reference"})
    recommendation_reference, scope = fields.String(), fields.String()
    recommendation_text = fields.String(metadata={"description": "what it recommends"})
    theme_codes = fields.List(fields.String())
    theme_names = fields.List(fields.String(), metadata={"description": "the themes' labels"})
    target_organisation, target_sector = (
        fields.String(allow_none=True),
        fields.String(allow_none=True),
    )
    target_sector_name = fields.String(allow_none=True, metadata={"description": "its label"})
    owner, description, status = fields.String(), fields.String(), fields.String()
    owner_name = fields.String(
        metadata={"description": "the owner as the region's partner directory names it"}
    )
    due_on, overdue = fields.Date(), fields.Boolean()
    completed_on, confirmed_on = fields.Date(allow_none=True), fields.Date(allow_none=True)
    impact_review_due_on = fields.Date(allow_none=True)
    awaiting_impact_review = fields.Boolean()
    last_progress_on = fields.Date(allow_none=True)


class AsRecordedQueryIn(PlanQueryIn):
    at = fields.AwareDateTime(
        required=True,
        metadata={"description": "the instant, with its offset (e.g. 2016-03-31T17:00:00Z)"},
    )
