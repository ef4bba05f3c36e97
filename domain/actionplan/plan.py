"""The master action plan: every action of every DHR of a tenant, as lines a board can read.

A pure function over aggregate states, so the same code draws today's plan and the plan as it
was recorded on a past date (the use case hands in aggregates replayed to that date).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.actionplan.action import Action
from domain.actionplan.recommendation import Recommendation
from domain.actionplan.values import LIVE_STATUSES, ActionStatus, Scope
from domain.calendar import add_months
from domain.ordering import reference_order


@dataclass(frozen=True)
class PlanLine:
    action_id: UUID
    review_id: UUID
    review_reference: str  # the case's reference: a recommendation's "R3" is only unique in it
    recommendation_id: UUID
    recommendation_reference: str
    recommendation_text: str  # so a plan line reads without the report beside it
    scope: Scope
    theme_codes: tuple[str, ...]
    theme_names: tuple[str, ...]  # as the partnership's taxonomy names them, for people
    target_organisation: str | None
    target_sector: str | None
    target_sector_name: str | None
    owner: str
    description: str
    status: ActionStatus
    due_on: date
    overdue: bool
    completed_on: date | None
    confirmed_on: date | None
    impact_review_due_on: date | None
    awaiting_impact_review: bool
    last_progress_on: date | None


@dataclass(frozen=True)
class PlanNames:
    """What a line names that its records hold only by key: each case's reference by review
    id, each theme's and sector's label by code."""

    cases: Mapping[UUID, str]
    themes: Mapping[str, str]


@dataclass(frozen=True)
class PlanFilter:
    """Every criterion given must hold. ``theme_codes``: any of them (a theme and its children)."""

    status: ActionStatus | None = None
    owner: str | None = None
    theme_codes: frozenset[str] | None = None
    overdue: bool = False
    due_next_quarter: bool = False
    awaiting_impact_review: bool = False

    def admits(self, line: PlanLine, as_of: date) -> bool:
        return (
            (self.status is None or line.status == self.status)
            and (self.owner is None or line.owner.casefold() == self.owner.strip().casefold())
            and (self.theme_codes is None or bool(self.theme_codes & set(line.theme_codes)))
            and (not self.overdue or line.overdue)
            and (not self.due_next_quarter or _due_within_quarter(line, as_of))
            and (not self.awaiting_impact_review or line.awaiting_impact_review)
        )


def _due_within_quarter(line: PlanLine, as_of: date) -> bool:
    """Still live and due on or after ``as_of`` but before the same day three months later."""
    return line.status in LIVE_STATUSES and as_of <= line.due_on < add_months(as_of, 3)


def plan_line(
    action: Action, recommendation: Recommendation, as_of: date, names: PlanNames
) -> PlanLine:
    return PlanLine(
        action_id=action.id,
        review_id=recommendation.review_id,
        review_reference=names.cases.get(recommendation.review_id, ""),
        recommendation_id=recommendation.id,
        recommendation_reference=recommendation.reference,
        recommendation_text=recommendation.text,
        scope=recommendation.scope,
        theme_codes=recommendation.theme_codes,
        theme_names=recommendation.theme_names(names.themes),
        target_organisation=recommendation.target_organisation,
        target_sector=recommendation.target_sector,
        target_sector_name=recommendation.target_sector_name(names.themes),
        owner=action.owner,
        description=action.description,
        status=action.status,
        due_on=action.due_on,
        overdue=action.is_overdue(as_of),
        completed_on=action.completed_on,
        confirmed_on=action.confirmed_on,
        impact_review_due_on=action.impact_review_due_on,
        awaiting_impact_review=action.awaiting_impact_review,
        last_progress_on=max((p.on for p in action.progress), default=None),
    )


def master_plan(
    pairs: Iterable[tuple[Action, Recommendation]],
    as_of: date,
    plan_filter: PlanFilter,
    names: PlanNames,
) -> list[PlanLine]:
    """The admitted lines, ordered by due date, then case and recommendation as people number
    them (R2 before R10), then owner."""
    lines = (plan_line(action, rec, as_of, names) for action, rec in pairs)
    admitted = [line for line in lines if plan_filter.admits(line, as_of)]
    return sorted(
        admitted,
        key=lambda x: (
            x.due_on,
            reference_order(x.review_reference),
            reference_order(x.recommendation_reference),
            x.owner,
        ),
    )
