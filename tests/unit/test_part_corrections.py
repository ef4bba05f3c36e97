"""Correcting one of a case's parts that come several to a case, named by its number in the
order recorded: held to the rule of the command that recorded it, the old value kept."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.errors import InvalidTransitionError, InvalidValueError
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
