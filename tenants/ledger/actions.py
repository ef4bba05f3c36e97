"""The actions that carry recommendations out (``ledger.actions``): get → command → save, one
each. A new action is saved together with the ``ActionPlanIndex`` entry that lists it.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from domain.actionplan import (
    Action,
    ImpactOutcome,
)
from domain.recording import recorded_by_cvar
from tenants.conflicts import retried_on_index_conflict
from tenants.ledger.plan import Plan, PlanService
from tenants.ledger.service import command


class Actions(PlanService):
    def __init__(self, app: Any, tenant_slug: str, plan: Plan) -> None:
        super().__init__(app, tenant_slug)
        self.action_plan = plan

    def get(self, action_id: UUID) -> Action:
        return self.action(action_id)

    def of_recommendation(self, recommendation_id: UUID) -> list[Action]:
        self.recommendation(recommendation_id)
        return [self.get(i) for i in self.action_plan.index().actions_of(recommendation_id)]

    @retried_on_index_conflict
    def plan(self, recommendation_id: UUID, owner: str, description: str, due_on: date) -> UUID:
        rec, index = self.recommendation(recommendation_id), self.action_plan.index()
        action = Action.plan(rec.id, rec.review_id, owner, description, due_on, rec.made_on)
        index.list_action(action.id, rec.id)
        self.save(action, index)
        return action.id

    start = command(get, Action.start)
    record_progress = command(get, Action.record_progress)
    add_evidence = command(get, Action.add_evidence)
    change_due_date = command(get, Action.change_due_date)

    def complete(self, action_id: UUID, completed_on: date) -> date:
        """Complete the action; returns the scheduled impact review date."""
        action, settings = self.get(action_id), self.action_plan.settings()
        action.complete(completed_on, settings.impact_review_months)
        self.save(action)
        assert action.impact_review_due_on is not None
        return action.impact_review_due_on

    def confirm_completion(
        self, action_id: UUID, confirmed_on: date, confirmed_by: str | None = None
    ) -> None:
        """The HOCS signs completion off (the API checks the role); default: the acting user."""
        self.perform(
            self.get(action_id).confirm_completion,
            confirmed_on,
            confirmed_by or recorded_by_cvar.get(),
        )

    mark_not_achievable = command(get, Action.mark_not_achievable)

    def supersede(
        self, action_id: UUID, on: date, reason: str, by_action_id: UUID | None = None
    ) -> None:
        action = self.get(action_id)
        if by_action_id is not None and by_action_id != action_id:
            self.get(by_action_id)
        action.supersede(on, reason, by_action_id)
        self.save(action)

    def review_impact(
        self, action_id: UUID, reviewed_on: date, outcome: ImpactOutcome, notes: str = ""
    ) -> None:
        action, settings = self.get(action_id), self.action_plan.settings()
        action.review_impact(reviewed_on, outcome, notes, settings.impact_review_months)
        self.save(action)

    correct = command(get, Action.correct)
