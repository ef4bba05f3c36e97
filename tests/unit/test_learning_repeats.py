"""Outcomes of earlier recommendations, repeat clusters and the 'recommended again' flag:
pure rules, in memory."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from uuid import uuid4

import pytest

from domain.actionplan import Action, ActionStatus, ImpactOutcome, Scope
from domain.errors import InvalidValueError
from domain.learning import ActionOutcomes, EarlierRecommendation, Outcome, Reach
from domain.learning.repeats import heat_map, recommended_again, repeat_clusters

NONE = ActionOutcomes(0, 0, 0, 0, None)


def earlier(
    tenant: str = "a",
    made_on: date = date(2016, 1, 1),
    published: bool = True,
    outcomes: ActionOutcomes = NONE,
    region: str = "wm",
    themes: tuple[str, ...] = ("t",),
) -> EarlierRecommendation:
    return EarlierRecommendation(
        tenant=tenant,
        region=region,
        recommendation_id=uuid4(),
        review_id=uuid4(),
        text="x",
        scope=Scope.MULTI_AGENCY,
        theme_codes=themes,
        addressee="police",
        organisation=None,
        made_on=made_on,
        published=published,
        outcomes=outcomes,
        outcome=Outcome.NO_ACTIONS,
    )


def _action(completed: bool, outcome: ImpactOutcome | None = None) -> Action:
    action = Action.plan(uuid4(), uuid4(), "Police", "Do it", date(2016, 6, 1), date(2016, 1, 1))
    if completed:
        action.complete(date(2016, 3, 1), 6)
    if outcome is not None:
        action.review_impact(date(2016, 9, 1), outcome, "")
    return action


def test_outcomes_say_whether_actions_were_completed_reviewed_and_embedded() -> None:
    actions = [_action(True, ImpactOutcome.EMBEDDED), _action(True), _action(False)]
    outcomes = ActionOutcomes.of(actions)
    assert outcomes == ActionOutcomes(3, 2, 1, 1, date(2016, 3, 1))
    assert outcomes.outcome(a.status for a in actions) == Outcome.OPEN
    done = actions[:2]
    assert ActionOutcomes.of(done).outcome(a.status for a in done) == (
        Outcome.COMPLETED_NOT_REVIEWED
    )
    embedded = actions[:1]
    assert ActionOutcomes.of(embedded).outcome([ActionStatus.COMPLETED]) == Outcome.EMBEDDED
    reopened = [_action(True, ImpactOutcome.NOT_EMBEDDED)]
    assert ActionOutcomes.of(reopened).outcome(a.status for a in reopened) == Outcome.OPEN
    assert NONE.outcome() == Outcome.NO_ACTIONS


def test_only_the_own_partnership_sees_unpublished_recommendations() -> None:
    draft = earlier(tenant="a", published=False)
    assert draft.visible_as("a", "wm") == Reach.OWN
    assert draft.visible_as("b", "wm") is None
    public = earlier(tenant="a", published=True)
    assert public.visible_as("b", "wm") == Reach.REGION
    assert public.visible_as("c", "east") == Reach.NATIONAL


def test_made_again_within_the_years_after_a_completion_is_flagged() -> None:
    done = ActionOutcomes(1, 1, 0, 0, date(2016, 3, 1))
    first = earlier("a", date(2015, 6, 1), outcomes=done)
    again = earlier("b", date(2018, 2, 28))
    assert recommended_again([first, again], 2)
    assert not recommended_again([first, again], 1)
    before = earlier("b", date(2016, 2, 1))  # made before the completion: not a repeat of it
    assert not recommended_again([first, before], 5)
    # the same reference (so the same review id) in another partnership is another review
    twin = replace(again, review_id=first.review_id)
    assert recommended_again([first, twin], 2)


def test_clusters_need_two_reviews_and_sort_by_spread() -> None:
    a1, a2, b1, c1 = earlier("a"), earlier("a"), earlier("b"), earlier("c")
    similarity = [
        [1.0, 0.9, 0.1, 0.1],
        [0.9, 1.0, 0.6, 0.0],
        [0.1, 0.6, 1.0, 0.0],
        [0.1, 0.0, 0.0, 1.0],
    ]
    clusters = repeat_clusters([a1, a2, b1, c1], similarity, threshold=0.5)
    assert len(clusters) == 1
    assert set(clusters[0].members) == {a1, a2, b1}  # single link through a2
    assert clusters[0].tenants == ("a", "b")
    assert repeat_clusters([a1, c1], [[1.0, 0.4], [0.4, 1.0]], threshold=0.5) == []
    with pytest.raises(InvalidValueError):
        repeat_clusters([a1], [[1.0]], threshold=0)
    with pytest.raises(InvalidValueError):
        repeat_clusters([a1], [[1.0]], within_years=0)


def test_the_heat_map_counts_each_theme_by_partnership_and_year() -> None:
    cells = heat_map(
        [
            earlier("a", themes=("t", "u")),
            earlier("a", themes=("t",)),
            earlier("b", date(2017, 1, 1)),
        ]
    )
    assert [(c.theme, c.tenant, c.year, c.recommendations) for c in cells] == [
        ("t", "a", 2016, 2),
        ("t", "b", 2017, 1),
        ("u", "a", 2016, 1),
    ]
