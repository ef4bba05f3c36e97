"""The Action aggregate: every transition, and every refusal recording nothing."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from domain.actionplan import Action, ActionStatus, ImpactOutcome
from domain.errors import InvalidTransitionError, InvalidValueError
from domain.recording import acting_as
from tests.unit.refusals import assert_refused

MADE_ON = date(2015, 6, 1)


def planned(due_on: date = date(2016, 3, 31)) -> Action:
    action = Action.plan(
        uuid.uuid4(),
        uuid.uuid4(),
        "Leicestershire Police",
        "Disseminate learning from the 'FN' DHR",
        due_on,
        MADE_ON,
    )
    action.collect_events()
    return action


def completed(on: date = date(2016, 2, 1)) -> Action:
    action = planned()
    action.start(date(2015, 7, 1))
    action.complete(on, impact_review_after_months=6)
    action.collect_events()
    return action


def test_planning_records_owner_due_date_and_recorder() -> None:
    with acting_as("user-1"):
        action = Action.plan(
            uuid.uuid4(),
            uuid.uuid4(),
            " Swanswell ",
            "Roll out DASH training",
            date(2016, 3, 31),
            MADE_ON,
        )
    (created,) = action.collect_events()
    assert type(created).__name__ == "Planned"
    assert created.recorded_by == "user-1"  # type: ignore[attr-defined]
    assert (action.owner, action.status, action.due_on) == (
        "Swanswell",
        ActionStatus.OPEN,
        date(2016, 3, 31),
    )


FUTURE = date(2999, 1, 1)  # a due date may lie ahead; nothing done may


@pytest.mark.parametrize(
    "command",
    [
        lambda a: a.start(FUTURE),
        lambda a: a.record_progress(FUTURE, "Two sessions held."),
        lambda a: a.add_evidence("minutes.pdf", FUTURE),
        lambda a: a.change_due_date(date(2017, 1, 1), "Waiting for funding", FUTURE),
        lambda a: a.complete(FUTURE, impact_review_after_months=6),
        lambda a: a.mark_not_achievable(FUTURE, "No funding"),
        lambda a: a.supersede(FUTURE, "Replaced"),
    ],
)
def test_work_dated_in_the_future_is_refused(command: Any) -> None:
    action = planned()
    assert_refused(action, InvalidValueError, command, action, match="after today")


def test_signing_off_or_reviewing_impact_in_the_future_is_refused() -> None:
    action = completed()
    assert_refused(
        action, InvalidValueError, action.confirm_completion, FUTURE, "lead", match="after today"
    )
    assert_refused(
        action,
        InvalidValueError,
        action.review_impact,
        FUTURE,
        ImpactOutcome.EMBEDDED,
        "",
        match="after today",
    )


def test_a_completion_dated_before_the_action_was_started_is_refused() -> None:
    action = planned()
    action.start(date(2015, 9, 1))
    assert_refused(
        action,
        InvalidValueError,
        action.complete,
        date(2015, 8, 31),
        impact_review_after_months=6,
        match=r"before the action was last started or reopened \(2015-09-01\)",
    )
    action.complete(date(2015, 9, 1), impact_review_after_months=6)  # the same day will do


def test_an_action_due_before_its_recommendation_was_made_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="only made on 2015-06-01"):
        Action.plan(uuid.uuid4(), uuid.uuid4(), "Police", "x", date(2015, 5, 31), MADE_ON)


def test_an_action_needs_an_owner() -> None:
    with pytest.raises(InvalidValueError, match="owner"):
        Action.plan(uuid.uuid4(), uuid.uuid4(), " ", "x", date(2016, 1, 1), MADE_ON)


def test_starting_puts_the_action_in_progress_once() -> None:
    action = planned()
    action.start(date(2015, 7, 1))
    assert action.status == ActionStatus.IN_PROGRESS
    assert_refused(
        action, InvalidTransitionError, lambda: action.start(date(2015, 7, 2)), match="in progress"
    )


def test_progress_updates_are_dated_and_kept_in_order() -> None:
    action = planned()
    with acting_as("user-1"):
        action.record_progress(date(2015, 9, 1), "Briefing written")
        action.record_progress(date(2015, 12, 1), "Briefing delivered to 3 teams")
    events = action.collect_events()
    assert [e.recorded_by for e in events] == ["user-1", "user-1"]  # type: ignore[attr-defined]
    assert [p.text for p in action.progress] == [
        "Briefing written",
        "Briefing delivered to 3 teams",
    ]


def test_empty_or_backdated_progress_is_refused() -> None:
    action = planned()
    assert_refused(
        action,
        InvalidValueError,
        lambda: action.record_progress(date(2015, 9, 1), "  "),
        match="needs text",
    )
    assert_refused(
        action,
        InvalidValueError,
        lambda: action.record_progress(date(2015, 1, 1), "text"),
        match="recommendation was only made",
    )


def test_evidence_references_are_recorded() -> None:
    action = planned()
    action.add_evidence("Training register 2016-Q1", date(2016, 4, 2))
    assert action.evidence[0].reference == "Training register 2016-Q1"
    assert_refused(
        action,
        InvalidValueError,
        lambda: action.add_evidence("", date(2016, 4, 2)),
        match="evidence reference",
    )


def test_moving_the_due_date_keeps_the_reason_and_the_previous_date() -> None:
    action = planned()
    action.change_due_date(date(2016, 5, 31), "Awaiting the new commissioning", date(2016, 3, 1))
    change = action.due_date_changes[0]
    assert (change.previous, change.new, change.reason) == (
        date(2016, 3, 31),
        date(2016, 5, 31),
        "Awaiting the new commissioning",
    )
    assert action.due_on == date(2016, 5, 31)


@pytest.mark.parametrize(
    ("new_due", "reason", "match"),
    [
        (date(2016, 6, 1), " ", "never moved silently"),
        (date(2015, 1, 1), "why", "only made on"),
    ],
)
def test_a_due_date_change_without_reason_or_before_the_recommendation_is_refused(
    new_due: date, reason: str, match: str
) -> None:
    action = planned()
    assert_refused(
        action,
        InvalidValueError,
        lambda: action.change_due_date(new_due, reason, date(2016, 1, 1)),
        match=match,
    )


def test_moving_the_due_date_to_the_same_day_is_refused() -> None:
    action = planned()
    assert_refused(
        action,
        InvalidValueError,
        lambda: action.change_due_date(date(2016, 3, 31), "why", date(2016, 1, 1)),
        match="already due",
    )


def test_overdue_depends_on_the_date_asked_about_and_the_status() -> None:
    action = planned(due_on=date(2016, 3, 31))
    assert not action.is_overdue(date(2016, 3, 31))
    assert action.is_overdue(date(2016, 4, 1))
    action.complete(date(2016, 4, 10), 6)
    assert not action.is_overdue(date(2016, 5, 1))


def test_completing_schedules_the_impact_review() -> None:
    action = planned()
    action.complete(date(2016, 8, 31), impact_review_after_months=6)
    assert action.status == ActionStatus.COMPLETED
    assert action.impact_review_due_on == date(2017, 2, 28)
    assert action.awaiting_impact_review
    assert action.impact_review_overdue(date(2017, 3, 1))
    assert not action.impact_review_overdue(date(2017, 2, 28))


def test_completing_twice_is_refused() -> None:
    action = completed()
    assert_refused(
        action,
        InvalidTransitionError,
        lambda: action.complete(date(2016, 3, 1), 6),
        match="completed",
    )


def test_a_zero_month_impact_interval_is_refused() -> None:
    action = planned()
    assert_refused(
        action,
        InvalidValueError,
        lambda: action.complete(date(2016, 3, 1), 0),
        match="whole number",
    )


def test_the_hocs_confirms_completion_once() -> None:
    action = completed()
    action.confirm_completion(date(2016, 3, 1), confirmed_by="hocs-1")
    assert (action.status, action.confirmed_by) == (ActionStatus.COMPLETION_CONFIRMED, "hocs-1")
    assert_refused(
        action,
        InvalidTransitionError,
        lambda: action.confirm_completion(date(2016, 3, 2), "hocs-2"),
        match="already confirmed on 2016-03-01; there is nothing more to confirm",
    )


def test_confirming_an_action_not_completed_is_refused() -> None:
    action = planned()
    assert_refused(
        action,
        InvalidTransitionError,
        lambda: action.confirm_completion(date(2016, 3, 1), "hocs-1"),
        match="is open; that needs an action that is completed",
    )


def test_confirming_before_the_completion_date_is_refused() -> None:
    action = completed(on=date(2016, 2, 1))
    assert_refused(
        action,
        InvalidValueError,
        lambda: action.confirm_completion(date(2016, 1, 31), "hocs-1"),
        match="before the action was completed",
    )


def test_an_embedded_impact_review_closes_the_review_loop() -> None:
    action = completed()
    action.review_impact(date(2016, 8, 1), ImpactOutcome.EMBEDDED, "Audit shows DASH used")
    assert not action.awaiting_impact_review
    assert action.status == ActionStatus.COMPLETED
    assert action.impact_reviews[0].outcome == ImpactOutcome.EMBEDDED
    assert_refused(
        action,
        InvalidTransitionError,
        lambda: action.review_impact(date(2016, 9, 1), ImpactOutcome.EMBEDDED, ""),
        match="already been reviewed",
    )


def test_a_not_embedded_impact_review_reopens_the_action() -> None:
    action = completed()
    action.confirm_completion(date(2016, 2, 2), "hocs-1")
    action.review_impact(date(2016, 8, 1), ImpactOutcome.NOT_EMBEDDED, "Audit: not used")
    assert action.status == ActionStatus.OPEN and action.reopened
    assert action.completed_on is None and action.confirmed_by is None
    action.complete(date(2016, 10, 1), 6)
    assert action.awaiting_impact_review


def test_an_impact_review_before_completion_is_refused() -> None:
    action = planned()
    assert_refused(
        action,
        InvalidTransitionError,
        lambda: action.review_impact(date(2016, 8, 1), ImpactOutcome.EMBEDDED, ""),
        match="review the impact",
    )
    done = completed(on=date(2016, 2, 1))
    assert_refused(
        done,
        InvalidValueError,
        lambda: done.review_impact(date(2016, 1, 1), ImpactOutcome.EMBEDDED, ""),
        match="precede the completion",
    )


def test_not_achievable_needs_a_reason_and_closes_the_action() -> None:
    action = planned()
    assert_refused(
        action,
        InvalidValueError,
        lambda: action.mark_not_achievable(date(2016, 1, 1), ""),
        match="why",
    )
    action.mark_not_achievable(date(2016, 1, 1), "Service decommissioned")
    assert (action.status, action.closure_reason) == (
        ActionStatus.NOT_ACHIEVABLE,
        "Service decommissioned",
    )
    assert not action.is_overdue(date(2020, 1, 1))
    assert_refused(
        action,
        InvalidTransitionError,
        lambda: action.record_progress(date(2016, 2, 1), "more"),
        match="not achievable",
    )


def test_a_superseded_action_refuses_updates_and_points_to_its_successor() -> None:
    action, successor = planned(), uuid.uuid4()
    action.supersede(date(2016, 1, 1), "Folded into the pathway framework", successor)
    assert action.status == ActionStatus.SUPERSEDED
    assert action.supersession is not None and action.supersession.by_action_id == successor
    expected = f"superseded on 2016-01-01; record it on action {successor}"
    assert_refused(
        action,
        InvalidTransitionError,
        lambda: action.record_progress(date(2016, 2, 1), "update"),
        match=expected,
    )
    assert_refused(
        action,
        InvalidTransitionError,
        lambda: action.supersede(date(2016, 2, 1), "again"),
        match="superseded",
    )
    assert_refused(
        action,
        InvalidTransitionError,
        lambda: action.complete(date(2016, 2, 1), 6),
        match="superseded",
    )


def test_an_action_cannot_supersede_itself() -> None:
    action = planned()
    assert_refused(
        action,
        InvalidValueError,
        lambda: action.supersede(date(2016, 1, 1), "why", action.id),
        match="itself",
    )


def test_a_step_dated_before_the_actions_last_step_is_refused() -> None:
    """Completed on 1 February 2016 and signed off on the 10th: superseding it, or reviewing
    its impact, dated before the sign-off would rewrite what the action was on the days
    between."""
    action = completed()
    action.confirm_completion(date(2016, 2, 10), "hocs")
    for command in (
        lambda: action.supersede(date(2016, 2, 9), "merged", None),
        lambda: action.review_impact(date(2016, 2, 9), ImpactOutcome.EMBEDDED, "audited"),
    ):
        assert_refused(action, InvalidValueError, command, match="before the action's last step")
    open_one = planned()
    assert_refused(
        open_one,
        InvalidValueError,
        lambda: open_one.mark_not_achievable(date(2015, 5, 31), "no budget"),
        match="recommendation was only made on 2015-06-01",
    )


def test_the_action_read_on_a_later_day_is_the_action_now() -> None:
    """An embedded review keeps the completion's date; a corrected completion moves the
    sign-off's impact review due with it; and a completion cannot be corrected past its
    supersession."""
    action = completed()
    action.review_impact(date(2016, 3, 1), ImpactOutcome.EMBEDDED, "audited")
    later = action.as_on(date(2017, 1, 1))
    assert later is not None and later.completed_on == date(2016, 2, 1)

    signed = completed()
    signed.confirm_completion(date(2016, 2, 10), "hocs")
    signed.correct("completed_on", date(2016, 1, 20), "the minute says 20 January")
    later = signed.as_on(date(2017, 1, 1))
    assert later is not None
    now = (signed.completed_on, signed.impact_review_due_on)
    assert now == (date(2016, 1, 20), date(2016, 7, 20))
    assert (later.completed_on, later.impact_review_due_on) == now

    closed = completed()
    closed.supersede(date(2016, 2, 5), "merged", None)
    assert_refused(
        closed,
        InvalidValueError,
        lambda: closed.correct("completed_on", date(2016, 2, 6), "x"),
        match="closed on 2016-02-05",
    )


def test_every_stored_action_event_is_named_on_action_for_projections() -> None:
    action = Action.plan(uuid.uuid4(), uuid.uuid4(), "Police", "x", date(2016, 3, 31), MADE_ON)
    action.start(date(2015, 7, 1))
    action.record_progress(date(2015, 8, 1), "p")
    action.add_evidence("e", date(2015, 8, 1))
    action.change_due_date(date(2016, 4, 30), "r", date(2015, 8, 1))
    action.complete(date(2015, 9, 1), 6)
    action.confirm_completion(date(2015, 9, 2), "hocs-1")
    action.review_impact(date(2016, 3, 1), ImpactOutcome.NOT_EMBEDDED, "n")
    action.mark_not_achievable(date(2016, 3, 2), "r")
    action.supersede(date(2016, 3, 3), "r")
    events = action.collect_events()
    assert [type(e).__qualname__ for e in events] == [
        "Action.Planned",
        "Action.Started",
        "Action.ProgressRecorded",
        "Action.EvidenceAdded",
        "Action.DueDateChanged",
        "Action.Completed",
        "Action.CompletionConfirmed",
        "Action.ImpactReviewed",
        "Action.MarkedNotAchievable",
        "Action.Superseded",
    ]
    assert all(type(e) is getattr(Action, type(e).__name__) for e in events)


def test_a_refusal_names_statuses_in_words_not_their_stored_values() -> None:
    action = planned()
    action.start(date(2015, 7, 1))
    assert_refused(
        action,
        InvalidTransitionError,
        action.start,
        date(2015, 7, 2),
        match=r"^Cannot start the action: the action is in progress; that needs an action "
        r"that is open\.$",
    )


def test_a_completion_is_corrected_before_its_impact_is_reviewed() -> None:
    """Reviewed 'partly embedded' on 1 September: that review set when the next one is due,
    and moving the completion now would move a schedule the review decided."""
    action = completed()
    action.review_impact(date(2016, 9, 1), ImpactOutcome.PARTLY_EMBEDDED, "half the teams")
    action.collect_events()
    assert_refused(
        action,
        InvalidTransitionError,
        lambda: action.correct("completed_on", date(2016, 1, 20), "the minute says 20 January"),
        match="impact was reviewed on 2016-09-01",
    )
