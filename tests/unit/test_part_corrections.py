"""Correcting one of a case's parts that come several to a case, named by its number in the
order recorded: held to the rule of the command that recorded it, the old value kept."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError
from tests.unit import review_cases as cases
from tests.unit.review_cases import assert_refused

WHY = "typed the chair's day rate, not the agreed cost"


def commissioned_twice() -> Any:
    review = cases.under_review()
    review.commission(date(2014, 3, 3), "chair CH-12", "same as chair", 850_000)
    review.commission(date(2014, 5, 1), "chair CH-13", "same as chair", 400_000)
    review.collect_events()
    return review


def test_a_commissionings_agreed_cost_is_corrected_on_its_own() -> None:
    review = commissioned_twice()
    review.correct("commission.2.cost_pence", 40_000, WHY)
    event: Any = review.collect_events()[-1]
    assert (event.field, event.value, event.previous, event.reason) == (
        "commission.2.cost_pence",
        40_000,
        400_000,
        WHY,
    )
    assert event.effective_on == date(2014, 5, 1)  # the day the wrong figure was agreed
    assert [c.cost_pence for c in review.commissions] == [850_000, 40_000]
    assert review.agreed_cost_pence == 890_000
    assert review.commissions[1].chair_ref == "chair CH-13"


def test_a_correction_stored_before_parts_existed_replays_without_their_date() -> None:
    review = cases.notified_unsettled()
    review.decide(cases.DECIDED, "hold")
    review.correct("pseudonym", "FN", "not the agreed pseudonym")
    events = review.collect_events()
    vars(events[-1]).pop("effective_on")  # as the old code wrote it
    replayed = None
    for e in events:
        replayed = e.mutate(replayed)
    assert replayed is not None and replayed.pseudonym == "FN"


@pytest.mark.parametrize(
    ("field", "value", "error", "match"),
    [
        ("commission.3.cost_pence", 1, InvalidTransitionError, "no commissioning numbered 3"),
        ("commission.1.cost_pence", -1, InvalidValueError, "non-negative number of pence"),
        ("commission.1.cost_pence", 8_500.5, InvalidValueError, "whole"),
        ("commission.1.cost_pence", 850_000, InvalidValueError, "nothing to correct"),
        ("commission.1.chair_ref", "x", InvalidValueError, "commission.<number>.cost_pence"),
        ("commission.one.cost_pence", 1, InvalidValueError, "names no part"),
    ],
)
def test_a_part_is_held_to_the_rule_of_the_command_that_recorded_it(
    field: str, value: object, error: type[Exception], match: str
) -> None:
    review = commissioned_twice()
    assert_refused(review, error, review.correct, field, value, WHY, match=match)


def test_an_unknown_field_names_the_parts_that_can_be_corrected() -> None:
    review = commissioned_twice()
    with pytest.raises(InvalidValueError, match=r"commission.<number>.cost_pence"):
        review.correct("chair", "x", WHY)


def with_panels_and_imrs() -> Any:
    review = cases.under_review()  # decided 3 February 2014
    review.hold_panel_meeting(date(2014, 4, 7))
    review.hold_panel_meeting(date(2014, 3, 20))
    review.request_imr("Police", date(2014, 3, 10), date(2014, 4, 10))
    review.request_imr("Health", date(2014, 3, 10), date(2014, 4, 10))
    review.extend_imr("Health", date(2014, 4, 1), date(2014, 5, 1), "more time")
    review.receive_imr("Police", date(2014, 4, 20))
    review.assess_imr("Police", date(2014, 4, 25), "accepted")
    review.collect_events()
    return review


def test_a_panel_meetings_date_is_corrected_and_the_event_names_the_first_meeting() -> None:
    review = with_panels_and_imrs()
    review.correct("panel_meeting.2.met_on", "2014-04-14", "the minutes' date")
    event: Any = review.collect_events()[-1]
    assert (event.previous, event.value) == (date(2014, 3, 20), date(2014, 4, 14))
    assert event.first_panel_on == date(2014, 4, 7) == review.first_panel_on
    assert review.panel_meetings == (date(2014, 4, 7), date(2014, 4, 14))


def test_an_imrs_dates_are_corrected_and_the_event_names_its_agency() -> None:
    review = with_panels_and_imrs()
    review.correct("imr.1.due_on", "2014-04-15", "the letter said 15 April")
    review.correct("imr.1.received_on", "2014-04-14", "date stamp")
    review.correct("imr.2.requested_on", "2014-03-12", "sent two days later")
    events: Any = review.collect_events()
    assert [e.agency for e in events] == ["Police", "Police", "Health"]
    police, health = review.imrs
    assert (police.due_on, police.received_on) == (date(2014, 4, 15), date(2014, 4, 14))
    assert police.days_late(date(2014, 6, 1)) == 0
    assert health.requested_on == date(2014, 3, 12) and health.current_due_on == date(2014, 5, 1)


@pytest.mark.parametrize(
    ("field", "value", "error", "match"),
    [
        ("panel_meeting.1.met_on", "2014-02-01", InvalidValueError, "before the decision"),
        ("panel_meeting.1.met_on", "2099-01-01", InvalidValueError, "after today"),
        ("panel_meeting.1.met_on", "2014-03-20", DuplicateError, "already recorded"),
        ("panel_meeting.3.met_on", "2014-05-01", InvalidTransitionError, "numbered 3"),
        ("imr.1.requested_on", "2014-01-31", InvalidValueError, "before the decision"),
        ("imr.1.requested_on", "2014-04-21", InvalidValueError, "due date must be after the req"),
        ("imr.1.due_on", "2014-03-10", InvalidValueError, "after the request"),
        ("imr.2.due_on", "2014-05-02", InvalidValueError, "extended to 2014-05-01"),
        ("imr.1.received_on", "2014-04-26", InvalidValueError, "before the IMR receipt"),
        ("imr.1.received_on", "2014-03-01", InvalidValueError, "before the IMR request"),
        ("imr.2.received_on", "2014-04-20", InvalidTransitionError, "record its receipt"),
        ("imr.3.due_on", "2014-05-01", InvalidTransitionError, "request the IMR instead"),
        ("imr.1.chased_on", "2014-05-01", InvalidValueError, "names no part"),
    ],
)
def test_panel_meetings_and_imrs_are_held_to_their_commands_rules(
    field: str, value: object, error: type[Exception], match: str
) -> None:
    review = with_panels_and_imrs()
    assert_refused(review, error, review.correct, field, value, WHY, match=match)


def test_a_panel_meeting_cannot_be_corrected_into_a_pause_still_open() -> None:
    """A paused review holds no panel meeting, so none can be corrected to after the pause
    began, as none could be recorded then."""
    review = with_panels_and_imrs()
    review.pause(date(2014, 5, 1), "criminal_trial")
    review.collect_events()
    with pytest.raises(InvalidValueError, match="paused since 2014-05-01: its panel meeting"):
        review.correct("panel_meeting.2.met_on", "2014-05-12", "the minutes' date")
    assert review.collect_events() == []
    review.correct("panel_meeting.2.met_on", "2014-04-30", "the minutes' date")  # before it
