"""Correcting an IMR's due date while its agency's request for more time waits: a correction
to the date the agency asked for, or later, would answer the request without a word to the
agency, so it is refused until the panel answers; an earlier date leaves the request asking."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import InvalidTransitionError
from tests.unit import review_cases as cases
from tests.unit.refusals import assert_refused
from tests.unit.test_imr_more_time_answers import ASKED, DUE, POLICE, PROPOSED, asking


@pytest.mark.parametrize("corrected_to", ["2014-05-12", "2014-05-20"])
def test_correcting_the_due_date_to_or_past_the_date_asked_is_refused_until_answered(
    corrected_to: str,
) -> None:
    review = asking()
    assert_refused(
        review,
        InvalidTransitionError,
        review.correct,
        "imr.1.due_on",
        corrected_to,
        "the letter said so",
        match="answer the request for more time first",
    )
    review.refuse_imr_extension(POLICE, date(2014, 4, 15), "It was due later all along")
    review.correct("imr.1.due_on", corrected_to, "the letter said so")
    assert review.imrs[0].current_due_on == date.fromisoformat(corrected_to)


def test_correcting_the_due_date_to_before_the_date_asked_leaves_the_request_waiting() -> None:
    review = asking()
    review.correct("imr.1.due_on", "2014-05-11", "the letter said 11 May")
    police = review.imrs[0]
    assert police.current_due_on == date(2014, 5, 11)
    assert police.open_extension_request is not None  # still asks for one more day


def test_after_an_extension_the_first_due_date_is_corrected_with_a_request_open() -> None:
    """The extension's date stands, so correcting the first one moves no clock."""
    review = cases.under_review()
    review.request_imr(POLICE, ASKED, DUE)
    review.extend_imr(POLICE, date(2014, 4, 1), date(2014, 5, 1), "Agreed by phone")
    review.ask_imr_extension(POLICE, date(2014, 4, 14), PROPOSED, "Author off sick")
    review.correct("imr.1.due_on", "2014-04-28", "the letter said 28 April")
    assert review.imrs[0].current_due_on == date(2014, 5, 1)
    assert review.imrs[0].open_extension_request is not None
