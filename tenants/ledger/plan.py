"""The partnership's action plan as a whole (``ledger.plan``): its index of recommendations and
actions, its settings, one review's plan, the master plan now, and the master plan as it was
recorded at a past instant (for auditors and quarterly boards).

The index and the settings are tenant-local aggregates created on first use; the
recommendation and action services save new entries of the index with what they list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar, Unpack
from uuid import UUID

from domain.actionplan import (
    Action,
    ActionPlanIndex,
    ActionStatus,
    PlanFilter,
    PlanLine,
    PlanNames,
    PlanSettings,
    Recommendation,
    ReviewFindings,
    master_plan,
)
from domain.calendar import UK, uk_today
from domain.errors import InvalidValueError, NotFoundError
from domain.ordering import reference_order
from domain.reviews import DomesticHomicideReview, ReviewIndex
from domain.themes import Taxonomy
from tenants.ledger.service import Service
from tenants.unreadable import LeftOut

if TYPE_CHECKING:
    from tenants.ledger.themes import Themes

A = TypeVar("A")


class PlanFilters(TypedDict, total=False):
    """How the master plan may be filtered (``master``, ``snapshot``, ``as_recorded_at``): every
    one given must hold; ``theme`` takes in the theme's children too."""

    status: ActionStatus | None
    owner: str | None
    theme: str | None
    overdue: bool
    due_next_quarter: bool
    awaiting_impact_review: bool


_ACTION_PLAN_TYPES = (
    Action,
    Recommendation,
    ReviewFindings,
    ActionPlanIndex,
    PlanSettings,
    Taxonomy,
)


class PlanService(Service):
    """What the action-plan services share: the tenant, and loading its records."""

    def __init__(self, app: Any, tenant_slug: str) -> None:
        super().__init__(app)
        self.tenant_slug = tenant_slug

    def stored(self, aggregate_id: UUID, cls: type[A], what: str) -> A:
        return self.load(
            aggregate_id, cls, f"No {what} with that id in this partnership; check the id."
        )

    def record_or_new(self, cls: type[A], aggregate_id: UUID, **kwargs: Any) -> A:
        return self.find_or(aggregate_id, cls, lambda: cls(**kwargs))

    def recommendation(self, recommendation_id: UUID) -> Recommendation:
        return self.stored(recommendation_id, Recommendation, "recommendation")

    def action(self, action_id: UUID) -> Action:
        return self.stored(action_id, Action, "action")

    def incident_of(self, review_id: UUID) -> date:
        """The day of the case's incident: what its findings, recommendations and costs
        cannot precede."""
        self.require_review(review_id)
        review = self.find(review_id, DomesticHomicideReview)
        assert review is not None
        return review.incident_on

    def require_review(self, review_id: UUID) -> None:
        review = self.find(review_id, object)
        if review is None or isinstance(review, _ACTION_PLAN_TYPES):
            raise NotFoundError(
                "No such review in this partnership; check its id, or record the review first."
            )


@dataclass(frozen=True)
class Attention:
    """What the case register says needs attention today across the plan."""

    overdue: int  # actions past their due date
    to_sign_off: int  # actions completed, awaiting the lead's sign-off
    unreadable: tuple[tuple[UUID, str], ...] = ()  # records left out, and why
    awaiting_impact: int = 0  # completed actions whose impact is still to be reviewed
    impact_overdue: int = 0  # of those, the ones whose impact review is past its due date


class Plan(PlanService):
    def __init__(self, app: Any, tenant_slug: str, themes: Themes) -> None:
        super().__init__(app, tenant_slug)
        self.themes = themes
        self._attention = app.recent(ttl=0.0, size=8)

    def attention(self, today: date, left_out: LeftOut) -> Attention:
        """The register's counts of actions overdue, awaiting sign-off and awaiting their
        impact review, kept while this
        store has not moved on (one cheap query per ask): they need every action loaded, over
        a second for a partnership with a couple of thousand, on a page opened many times a
        day. A record that cannot be read is noted in ``left_out`` every time."""
        found: Attention = self._attention.get(today, partial(self._count, today))
        for record, why in found.unreadable:
            left_out.note(record, why)
        return found

    def _count(self, today: date) -> Attention:
        left_out = LeftOut("the register of cases", self.tenant_slug)
        lines = self.master(today, left_out=left_out)
        awaiting = [line for line in lines if line.awaiting_impact_review]
        return Attention(
            sum(1 for line in lines if line.overdue),
            sum(1 for line in lines if line.status == ActionStatus.COMPLETED),
            tuple((r, left_out.why[r]) for r in left_out.records),
            awaiting_impact=len(awaiting),
            impact_overdue=sum(
                1
                for line in awaiting
                if line.impact_review_due_on and line.impact_review_due_on < today
            ),
        )

    def index(self) -> ActionPlanIndex:
        index_id = ActionPlanIndex.create_id(self.tenant_slug)
        return self.record_or_new(ActionPlanIndex, index_id, tenant_slug=self.tenant_slug)

    def settings(self) -> PlanSettings:
        settings_id = PlanSettings.create_id(self.tenant_slug)
        return self.record_or_new(PlanSettings, settings_id, tenant_slug=self.tenant_slug)

    def set_impact_review_interval(self, months: int, reason: str) -> None:
        self.perform(self.settings().set_impact_review_interval, months, reason)

    def of_review(self, review_id: UUID) -> list[tuple[Recommendation, list[Action]]]:
        """The review's recommendations, each with its actions: what ``recommendations.of_review``
        and ``actions.of_recommendation`` per recommendation give, reading the plan's index once
        instead of once per recommendation (each read copies the whole index; the case page's
        main cost)."""
        self.require_review(review_id)
        index = self.index()
        recs = sorted(
            (self.recommendation(i) for i in index.recommendations_of(review_id)),
            key=lambda r: reference_order(r.reference),
        )
        return [(r, [self.action(a) for a in index.actions_of(r.id)]) for r in recs]

    def master(
        self,
        as_of: date | None = None,
        *,
        on: date | None = None,
        left_out: LeftOut | None = None,
        **filters: Unpack[PlanFilters],
    ) -> list[PlanLine]:
        """Every action of every review, filtered; overdue and next quarter judged at the day.

        Given a day (``on``, or ``as_of`` as before), each action is as it stood that day and
        actions of recommendations made later are left out: a business-date view.
        ``left_out``: an action whose own record or recommendation cannot be read is left
        out and noted there, for readers that must carry on past it; without, it fails.
        """
        day, as_of = on or as_of, on or as_of or uk_today()
        plan_filter = self.filter(**filters)
        if left_out is not None:
            return self._master(self._readable(left_out), day, as_of, plan_filter, left_out)
        index = self.index()
        recs = {r: self.recommendation(r) for r in set(index.actions.values())}
        pairs = ((self.action(a), recs[r]) for a, r in index.actions.items())
        return self._master(pairs, day, as_of, plan_filter)

    def readable(self, on: date, left_out: LeftOut) -> list[PlanLine]:
        """The master plan on ``on`` as ``master`` gives it, without the actions whose own
        record or recommendation cannot be read: each noted in ``left_out``, for readers that
        must carry on past them (the reminder run)."""
        return self.master(on=on, left_out=left_out)

    def _readable(
        self, left_out: LeftOut, at: datetime | None = None
    ) -> list[tuple[Action, Recommendation]]:
        """Each action with its recommendation (as recorded by ``at``), but those of which
        one cannot be read: noted in ``left_out``."""
        index_id = ActionPlanIndex.create_id(self.tenant_slug)
        if at is None:
            index = left_out.load(index_id, self.index)
            load: Any = self._as_stored
        else:
            index = left_out.load(index_id, partial(self.replayed, index_id, at))
            load = self.replayed
        if not isinstance(index, ActionPlanIndex):
            return []
        recs = {r: left_out.load(r, partial(load, r, at)) for r in set(index.actions.values())}
        found = [
            (left_out.load(a, partial(load, a, at)), recs[r]) for a, r in index.actions.items()
        ]
        return [(a, r) for a, r in found if isinstance(a, Action) and isinstance(r, Recommendation)]

    def _as_stored(self, record: UUID, _: None) -> object:
        return self.find(record, object)

    def _master(
        self,
        pairs: Iterable[tuple[Action, Recommendation]],
        day: date | None,
        as_of: date,
        plan_filter: PlanFilter,
        left_out: LeftOut | None = None,
        at: datetime | None = None,
    ) -> list[PlanLine]:
        names = PlanNames(self._references(left_out, at), self.themes.labels(at))
        return master_plan(on_day(pairs, day), as_of, plan_filter, names)

    def _references(self, left_out: LeftOut | None, at: datetime | None) -> dict[UUID, str]:
        """Each case's reference by its id, from the register (as recorded by ``at``); none
        where the register itself cannot be read and ``left_out`` notes it."""
        index_id = ReviewIndex.create_id()
        if at is None:
            find: Any = partial(self.find, index_id, ReviewIndex)
        else:
            find = partial(self.replayed, index_id, at)
        cases = find() if left_out is None else left_out.load(index_id, find)
        return cases.by_id() if isinstance(cases, ReviewIndex) else {}

    def snapshot(
        self, on: date, *, left_out: LeftOut | None = None, **filters: Unpack[PlanFilters]
    ) -> list[PlanLine]:
        """The plan as recorded by the end of ``on`` (UK time), e.g. quarter end 31 March 2016."""
        end_of_day = datetime.combine(on + timedelta(days=1), time(), tzinfo=UK)
        return self.as_recorded_at(end_of_day, as_of=on, left_out=left_out, **filters)

    def as_recorded_at(
        self,
        at: datetime,
        as_of: date | None = None,
        on: date | None = None,
        *,
        left_out: LeftOut | None = None,
        **filters: Unpack[PlanFilters],
    ) -> list[PlanLine]:
        """Replays every aggregate to its last event recorded at or before ``at``: no later
        correction, back-dated entry or status change shows; the auditor sees what the board saw.
        ``left_out``: as ``master``'s."""
        if at.tzinfo is None:
            raise InvalidValueError("Give the instant with its time zone (e.g. UTC).")
        plan_filter = self.filter(**filters)
        as_of = on or as_of or uk_today(at)
        if left_out is not None:
            pairs = self._readable(left_out, at)
            return self._master(pairs, on, as_of, plan_filter, left_out, at)
        index = self.replayed(ActionPlanIndex.create_id(self.tenant_slug), at)
        if not isinstance(index, ActionPlanIndex):
            return []
        pairs = []
        for action_id, rec_id in index.actions.items():
            action, rec = self.replayed(action_id, at), self.replayed(rec_id, at)
            if isinstance(action, Action) and isinstance(rec, Recommendation):
                pairs.append((action, rec))
        return self._master(pairs, on, as_of, plan_filter, at=at)

    def judged(
        self, on: date, recorded_by: datetime | None = None, left_out: LeftOut | None = None
    ) -> list[PlanLine]:
        """The whole plan judged on a day (overdue, due next quarter), as recorded now or by
        an instant: what a board paper, or an auditor's copy of it, reads."""
        if recorded_by:
            return self.as_recorded_at(recorded_by, on, left_out=left_out)
        return self.master(on, left_out=left_out)

    def filter(self, **filters: Unpack[PlanFilters]) -> PlanFilter:
        theme, status = filters.get("theme"), filters.get("status")
        codes = None
        if theme is not None:
            taxonomy = self.themes.taxonomy()
            taxonomy.resolve(theme)
            children = {t.code for t in taxonomy.themes.values() if t.home_office_code == theme}
            codes = frozenset({theme} | children)
        return PlanFilter(
            status=None if status is None else ActionStatus(status),
            owner=filters.get("owner"),
            theme_codes=codes,
            overdue=filters.get("overdue", False),
            due_next_quarter=filters.get("due_next_quarter", False),
            awaiting_impact_review=filters.get("awaiting_impact_review", False),
        )


def on_day(
    pairs: Iterable[tuple[Action, Recommendation]], day: date | None
) -> Iterable[tuple[Action, Recommendation]]:
    """Each action as it stood on ``day`` (all of them as they stand, without one)."""
    if day is None:
        return pairs
    then = ((action.as_on(day), rec) for action, rec in pairs)
    return [(action, rec) for action, rec in then if action is not None]
