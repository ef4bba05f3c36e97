"""Queries on the action plan: one recommendation or action, a review's plan, the master plan
now, and the master plan as it was recorded at a past instant (for auditors and quarterly boards).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import UUID

from domain.actionplan import (
    Action,
    ActionPlanIndex,
    ActionStatus,
    PlanFilter,
    PlanLine,
    Recommendation,
    master_plan,
)
from domain.calendar import UK, uk_today
from domain.errors import InvalidValueError
from tenants.ledger.actionplan_support import ActionPlanSupport


class MasterPlanQueries(ActionPlanSupport):
    def get_recommendation(self, recommendation_id: UUID) -> Recommendation:
        return self._plan_load(recommendation_id, Recommendation, "recommendation")

    def get_action(self, action_id: UUID) -> Action:
        return self._plan_load(action_id, Action, "action")

    def recommendations_of(self, review_id: UUID) -> list[Recommendation]:
        self._plan_require_review(review_id)
        ids = self._plan_index().recommendations_of(review_id)
        return sorted((self.get_recommendation(i) for i in ids), key=lambda r: r.reference)

    def actions_of(self, recommendation_id: UUID) -> list[Action]:
        self.get_recommendation(recommendation_id)
        return [self.get_action(i) for i in self._plan_index().actions_of(recommendation_id)]

    def plan_of_review(self, review_id: UUID) -> list[tuple[Recommendation, list[Action]]]:
        """The review's recommendations, each with its actions: what ``recommendations_of``
        and ``actions_of`` per recommendation give, reading the plan's index once instead of
        once per recommendation (each read copies the whole index; the case page's main cost)."""
        self._plan_require_review(review_id)
        index = self._plan_index()
        recs = sorted(
            (self.get_recommendation(i) for i in index.recommendations_of(review_id)),
            key=lambda r: r.reference,
        )
        return [(r, [self.get_action(a) for a in index.actions_of(r.id)]) for r in recs]

    def master_plan(
        self,
        as_of: date | None = None,
        *,
        on: date | None = None,
        status: ActionStatus | None = None,
        owner: str | None = None,
        theme: str | None = None,
        overdue: bool = False,
        due_next_quarter: bool = False,
        awaiting_impact_review: bool = False,
    ) -> list[PlanLine]:
        """Every action of every review, filtered; overdue and next quarter judged at the day.

        Given a day (``on``, or ``as_of`` as before), each action is as it stood that day and
        actions of recommendations made later are left out: a business-date view.
        """
        day, as_of = on or as_of, on or as_of or uk_today()
        plan_filter = self._plan_filter(
            status, owner, theme, overdue, due_next_quarter, awaiting_impact_review
        )
        index = self._plan_index()
        recs = {r: self.get_recommendation(r) for r in set(index.actions.values())}
        pairs = ((self.get_action(a), recs[r]) for a, r in index.actions.items())
        return master_plan(on_day(pairs, day), as_of, plan_filter)

    def master_plan_snapshot(self, on: date, **filters: Any) -> list[PlanLine]:
        """The plan as recorded by the end of ``on`` (UK time), e.g. quarter end 31 March 2016."""
        end_of_day = datetime.combine(on + timedelta(days=1), time(), tzinfo=UK)
        return self.master_plan_as_recorded_at(end_of_day, as_of=on, **filters)

    def master_plan_as_recorded_at(
        self, at: datetime, as_of: date | None = None, on: date | None = None, **filters: Any
    ) -> list[PlanLine]:
        """Replays every aggregate to its last event recorded at or before ``at``: no later
        correction, back-dated entry or status change shows; the auditor sees what the board saw."""
        if at.tzinfo is None:
            raise InvalidValueError("Give the instant with its time zone (e.g. UTC).")
        plan_filter = self._plan_filter(**filters)
        index = self._plan_as_recorded(ActionPlanIndex.create_id(self.tenant_slug), at)
        if not isinstance(index, ActionPlanIndex):
            return []
        pairs = []
        for action_id, rec_id in index.actions.items():
            action, rec = self._plan_as_recorded(action_id, at), self._plan_as_recorded(rec_id, at)
            if isinstance(action, Action) and isinstance(rec, Recommendation):
                pairs.append((action, rec))
        return master_plan(on_day(pairs, on), on or as_of or uk_today(at), plan_filter)

    def _plan_as_recorded(self, aggregate_id: UUID, at: datetime) -> Any:
        version = None
        stored_events: Iterable[Any] = self.events.get(aggregate_id)
        for stored in stored_events:
            if stored.timestamp > at:
                break
            version = stored.originator_version
        return None if version is None else self.repository.get(aggregate_id, version=version)

    def _plan_filter(
        self,
        status: ActionStatus | None = None,
        owner: str | None = None,
        theme: str | None = None,
        overdue: bool = False,
        due_next_quarter: bool = False,
        awaiting_impact_review: bool = False,
    ) -> PlanFilter:
        codes = None
        if theme is not None:
            taxonomy = self._plan_taxonomy()
            taxonomy.resolve(theme)
            children = {t.code for t in taxonomy.themes.values() if t.home_office_code == theme}
            codes = frozenset({theme} | children)
        return PlanFilter(
            status=None if status is None else ActionStatus(status),
            owner=owner,
            theme_codes=codes,
            overdue=overdue,
            due_next_quarter=due_next_quarter,
            awaiting_impact_review=awaiting_impact_review,
        )


def on_day(
    pairs: Iterable[tuple[Action, Recommendation]], day: date | None
) -> Iterable[tuple[Action, Recommendation]]:
    """Each action as it stood on ``day`` (all of them as they stand, without one)."""
    if day is None:
        return pairs
    then = ((action.as_on(day), rec) for action, rec in pairs)
    return [(action, rec) for action, rec in then if action is not None]
