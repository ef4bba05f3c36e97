"""How the pages write money and dates, and the date input's messages."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from wtforms import Form

from api.web.fields import GovDate, in_words
from api.web.formatting import (
    clause,
    date_time,
    full_stop,
    long_date,
    mid_sentence,
    money,
    sentence,
)


def test_money_is_written_in_pounds_with_pence_and_thousands() -> None:
    assert money(850000) == "£8,500.00"
    assert money(5) == "£0.05"
    assert money(-500) == "−£5.00"
    assert money(0) == "£0.00"


def test_dates_are_written_out_without_a_leading_zero() -> None:
    assert long_date(date(2013, 9, 4)) == "4 September 2013"
    assert long_date("2017-03-27") == "27 March 2017"
    assert long_date(None) == ""


def test_timestamps_are_shown_in_uk_time() -> None:
    assert date_time(datetime(2024, 7, 1, 13, 5, tzinfo=UTC)) == "1 July 2024 at 2:05pm"
    assert date_time(datetime(2024, 1, 1, 0, 30, tzinfo=UTC)) == "1 January 2024 at 12:30am"


def test_a_ledger_refusal_has_its_iso_dates_written_out() -> None:
    message = (
        "The decision is dated 2024-01-01, before the notification (2024-02-05); check the date."
    )
    assert in_words(message) == (
        "The decision is dated 1 January 2024, before the notification (5 February 2024); "
        "check the date."
    )


@pytest.mark.parametrize(
    ("heading", "inside"),
    [
        ("Date of the incident", "date of the incident"),
        ("Home Office told", "Home Office told"),
        ("Submitted to the Home Office", "submitted to the Home Office"),
        ("IMR due", "IMR due"),
    ],
)
def test_a_heading_inside_a_sentence_keeps_the_names_it_opens_with(
    heading: str, inside: str
) -> None:
    assert mid_sentence(heading) == inside


@pytest.mark.parametrize(
    ("typed", "ended", "inside"),
    [
        ("Share DASH scores at MARAC", "Share DASH scores at MARAC.", "Share DASH scores at MARAC"),
        (
            "Share DASH scores at MARAC. ",
            "Share DASH scores at MARAC.",
            "Share DASH scores at MARAC",
        ),
        ("Is it shared?", "Is it shared?", "Is it shared?"),
        ("", "", ""),
    ],
)
def test_typed_text_is_ended_with_one_full_stop_and_loses_it_inside_a_sentence(
    typed: str, ended: str, inside: str
) -> None:
    assert sentence(typed) == ended and clause(typed) == inside
    assert typed.rstrip() + full_stop(typed) == ended


def test_a_date_question_never_asks_for_the_date_of_a_due_date() -> None:
    class Dates(Form):
        due = GovDate("Due date", "the action's due date")
        decided = GovDate("Date of the decision", "the decision")

    form = Dates()
    assert (form.due.subject, form.decided.subject) == (
        "the action's due date",
        "the date of the decision",
    )
