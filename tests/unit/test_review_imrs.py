"""IMRs with a clock: due dates, extensions, chasing, receipt and the panel's quality assessment."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError
from domain.reviews import DomesticHomicideReview, ImrAssessment, ImrExtension, ImrOutcome
from tests.unit import review_cases as cases
from tests.unit.review_cases import assert_refused

POLICE, HEALTH, COUNCIL = "West Midlands Police", "Black Country ICB", "City Council Housing"
ASKED, DUE = date(2014, 3, 10), date(2014, 4, 21)


def three_asked() -> DomesticHomicideReview:
    review = cases.under_review()
    for agency in (POLICE, HEALTH, COUNCIL):
        review.request_imr(agency, ASKED, DUE)
    review.collect_events()
    return review


def test_a_panel_asks_three_agencies_one_is_late_and_chased_and_all_arrive() -> None:
    review = three_asked()
    review.receive_imr(POLICE, date(2014, 4, 14), with_chronology=True)
    review.extend_imr(HEALTH, date(2014, 4, 15), date(2014, 5, 5), "author off sick")
    review.chase_imr(COUNCIL, date(2014, 4, 28))
    clock = {i.agency: late for i, late in review.imr_clock(date(2014, 4, 30))}
    assert clock == {POLICE: 0, HEALTH: 0, COUNCIL: 9}
    review.receive_imr(HEALTH, date(2014, 5, 7), with_chronology=True)
    review.receive_imr(COUNCIL, date(2014, 5, 9), with_chronology=True)
    clock = {i.agency: late for i, late in review.imr_clock(date(2014, 6, 30))}
    assert clock == {POLICE: 0, HEALTH: 2, COUNCIL: 18}
    council = review.imrs[2]
    assert council.chased_on == (date(2014, 4, 28),)
    assert review.imrs[1].extensions == (
        ImrExtension(date(2014, 4, 15), date(2014, 5, 5), "author off sick"),
    )
    assert [type(e).__name__ for e in review.collect_events()] == [
        "ImrReceived",
        "ImrExtended",
        "ImrChased",
        "ImrReceived",
        "ImrReceived",
    ]


def test_a_returned_imr_is_outstanding_again_until_resubmitted_and_accepted() -> None:
    review = three_asked()
    review.receive_imr(POLICE, date(2014, 4, 14))
    review.assess_imr(POLICE, date(2014, 4, 20), "returned", ["Add the 2013 call-outs"])
    police = review.imrs[0]
    assert police.returned and police.outstanding and not police.awaiting_assessment
    assert police.days_late(date(2014, 4, 25)) == 4
    review.chase_imr(POLICE, date(2014, 4, 25))
    review.receive_imr(POLICE, date(2014, 4, 28), with_chronology=True)
    review.assess_imr(POLICE, date(2014, 4, 29), "accepted")
    police = review.imrs[0]
    assert police.accepted and not police.outstanding
    assert police.assessments == (
        ImrAssessment(date(2014, 4, 20), ImrOutcome.RETURNED, ("Add the 2013 call-outs",)),
        ImrAssessment(date(2014, 4, 29), ImrOutcome.ACCEPTED, ()),
    )
    assert police.days_late(date(2014, 6, 1)) == 7


def test_requests_stored_before_due_dates_existed_still_replay() -> None:
    review = cases.under_review()
    review.request_imr(POLICE, ASKED)
    review.receive_imr(POLICE, date(2014, 4, 1))
    events = review.collect_events()
    vars(events[0]).pop("due_on")  # as the old code wrote it: no due_on attribute at all
    replayed = None
    for e in [*cases.under_review_events(), *events]:
        replayed = e.mutate(replayed)
    assert replayed is not None
    assert replayed.imrs[0].due_on is None
    assert replayed.imrs[0].days_late(date(2015, 1, 1)) is None
    assert replayed.imrs[0].received_on == date(2014, 4, 1)


@pytest.mark.parametrize(
    ("command", "args", "error", "match"),
    [
        ("request_imr", (POLICE, ASKED, DUE), DuplicateError, "already requested"),
        ("request_imr", ("Probation", ASKED, ASKED), InvalidValueError, "after the request"),
        ("extend_imr", (POLICE, date(2014, 4, 1), DUE, "more time"), InvalidValueError, "later"),
        ("extend_imr", (POLICE, date(2014, 4, 1), date(2014, 5, 1), " "), InvalidValueError, None),
        (
            "extend_imr",
            ("Probation", date(2014, 4, 1), date(2014, 5, 1), "x"),
            InvalidTransitionError,
            "request it first",
        ),
        ("chase_imr", (POLICE, date(2014, 3, 1)), InvalidValueError, "before the IMR request"),
        (
            "assess_imr",
            (POLICE, date(2014, 4, 1), "accepted"),
            InvalidTransitionError,
            "has not arrived",
        ),
    ],
)
def test_imr_refusals_record_nothing(
    command: str, args: tuple[object, ...], error: type[Exception], match: str | None
) -> None:
    review = three_asked()
    assert_refused(review, error, getattr(review, command), *args, match=match)


def test_assessment_refusals_record_nothing() -> None:
    review = three_asked()
    review.receive_imr(POLICE, date(2014, 4, 14))
    review.collect_events()
    assert_refused(
        review,
        InvalidValueError,
        review.assess_imr,
        POLICE,
        date(2014, 4, 20),
        "returned",
        match="at least one point",
    )
    assert_refused(review, InvalidValueError, review.assess_imr, POLICE, date(2014, 4, 20), "maybe")
    assert_refused(
        review,
        InvalidValueError,
        review.assess_imr,
        POLICE,
        date(2014, 4, 1),
        "accepted",
        match="before the IMR receipt",
    )
    assert_refused(review, DuplicateError, review.receive_imr, POLICE, date(2014, 4, 15))
    assert_refused(
        review,
        InvalidTransitionError,
        review.chase_imr,
        POLICE,
        date(2014, 4, 15),
        match="received",
    )
    review.chase_imr(HEALTH, date(2014, 4, 22))
    review.collect_events()
    assert_refused(review, DuplicateError, review.chase_imr, HEALTH, date(2014, 4, 22))


def test_a_receipt_says_whether_the_agencys_report_is_attached_and_older_ones_still_load() -> None:
    """An agency's report uploaded with its IMR is said on the receipt; a receipt stored before
    agencies uploaded carries no ``with_report`` and replays as without one."""
    review = cases.notified_unsettled()
    review.decide(cases.DECIDED, "hold")
    for agency in (POLICE, HEALTH, COUNCIL):
        review.request_imr(agency, ASKED, DUE)
    review.receive_imr(POLICE, date(2014, 4, 14), with_report=True)
    review.receive_imr(HEALTH, date(2014, 4, 15), with_chronology=True)
    with pytest.raises(InvalidValueError, match="report is attached"):
        review.receive_imr(COUNCIL, date(2014, 4, 16), with_report="yes")  # type: ignore[arg-type]
    assert [i.with_report for i in review.imrs] == [True, False, False]
    copy: Any = None
    for stored in review.collect_events():
        if type(stored).__name__ == "ImrReceived" and getattr(stored, "agency", "") == HEALTH:
            del stored.__dict__["with_report"]  # as a receipt stored before the field
        copy = stored.mutate(copy)
    assert [i.with_report for i in copy.imrs] == [True, False, False]
