"""Findings, recommendations, actions, impact review, national routing and the master plan."""

from domain.actionplan.action import Action
from domain.actionplan.findings import ReviewFindings
from domain.actionplan.index import ActionPlanIndex
from domain.actionplan.plan import PlanFilter, PlanLine, PlanNames, master_plan
from domain.actionplan.recommendation import Recommendation
from domain.actionplan.settings import DEFAULT_IMPACT_REVIEW_MONTHS, PlanSettings
from domain.actionplan.values import (
    ActionStatus,
    DueDateChange,
    Evidence,
    Finding,
    ImpactOutcome,
    ImpactReview,
    ImplementationStatus,
    Judgement,
    NationalResponse,
    ProgressUpdate,
    Scope,
    Supersession,
)
from domain.themes import VALUE_OBJECTS as THEME_VALUE_OBJECTS

VALUE_OBJECTS: tuple[type, ...] = (
    *THEME_VALUE_OBJECTS,
    Finding,
    NationalResponse,
    ProgressUpdate,
    Evidence,
    DueDateChange,
    ImpactReview,
    Supersession,
)

__all__ = [
    "DEFAULT_IMPACT_REVIEW_MONTHS",
    "VALUE_OBJECTS",
    "Action",
    "ActionPlanIndex",
    "ActionStatus",
    "DueDateChange",
    "Evidence",
    "Finding",
    "ImpactOutcome",
    "ImpactReview",
    "ImplementationStatus",
    "Judgement",
    "NationalResponse",
    "PlanFilter",
    "PlanLine",
    "PlanNames",
    "PlanSettings",
    "Recommendation",
    "ReviewFindings",
    "Scope",
    "Supersession",
    "master_plan",
]
