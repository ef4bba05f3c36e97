"""The lifecycle edges: pauses move the completion due date; a pause behind later milestones
is refused with what to do instead; an action exists on a business day only from its
recommendation's date, with the status it had then."""

from __future__ import annotations

import uuid
from datetime import date

from domain.actionplan import Action, ImpactOutcome
from domain.errors import InvalidTransitionError
from tests.unit import review_cases as cases
from tests.unit.review_cases import assert_refused


def test_a_37_day_pause_moves_the_completion_due_date_by_37_days() -> None:
    review = cases.under_review()
    unpaused = review.timeliness(date(2014, 6, 1)).completion_due
    review.pause(date(2014, 3, 1), "criminal_trial")
    review.resume(date(2014, 4, 7))
    timing = review.timeliness(date(2014, 6, 1))
    assert unpaused == date(2014, 8, 10)
    assert (timing.paused_days, timing.completion_due) == (37, date(2014, 9, 16))
    assert not review.timeliness(date(2014, 9, 16)).missed_completion_target
    assert review.timeliness(date(2014, 9, 17)).missed_completion_target


def test_an_open_pause_keeps_moving_the_due_date() -> None:
    review = cases.paused()  # since 2014-03-01
    assert review.timeliness(date(2014, 3, 11)).completion_due == date(2014, 8, 20)


def test_a_pause_dated_before_a_later_milestone_is_refused_with_the_correction_to_use() -> None:
    review = cases.ready_to_submit()  # panel 2014-04-07, drafts 2014-07, plan agreed 2014-07-20
    assert_refused(
        review,
        InvalidTransitionError,
        review.pause,
        date(2014, 5, 1),
        "inquest",
        match="action plan agreement is recorded on 2014-07-20.*correction",
    )
    review.pause(date(2014, 7, 20), "inquest")
    assert review.status == "paused"


def test_an_action_on_a_business_day_has_the_status_it_had_then() -> None:
    action = Action.plan(
        uuid.uuid4(), uuid.uuid4(), "Police", "Train", date(2016, 6, 1), date(2016, 2, 1)
    )
    action.start(date(2016, 3, 1))
    action.complete(date(2016, 5, 1), 6)
    action.review_impact(date(2016, 11, 1), ImpactOutcome.NOT_EMBEDDED, "not in practice")

    assert action.as_on(date(2016, 1, 31)) is None  # its recommendation was not yet made
    assert [
        (then.status, then.completed_on, then.awaiting_impact_review, then.is_overdue(day))
        for day in (date(2016, 2, 15), date(2016, 4, 1), date(2016, 6, 1), date(2016, 12, 1))
        if (then := action.as_on(day)) is not None
    ] == [
        ("open", None, False, False),
        ("in_progress", None, False, False),
        ("completed", date(2016, 5, 1), True, False),
        ("open", None, False, True),  # reopened by the impact review
    ]
