"""An agency asks for more time for its IMR; the panel agrees (an extension) or refuses."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError
from domain.reviews import DomesticHomicideReview, ImrExtension, ImrExtensionRequest
from tenants.ledger import PartnershipLedger
from tests.unit import review_cases as cases
from tests.unit.refusals import assert_refused

POLICE, HEALTH = "West Midlands Police", "Black Country ICB"
ASKED, DUE = date(2014, 3, 10), date(2014, 4, 21)
TODAY = date(2014, 6, 30)


def asked() -> DomesticHomicideReview:
    review = cases.under_review()
    for agency in (POLICE, HEALTH):
        review.request_imr(agency, ASKED, DUE)
    review.collect_events()
    return review


def test_the_agencys_request_waits_for_the_panel_then_an_extension_agrees_to_it() -> None:
    review = asked()
    review.ask_imr_extension(POLICE, date(2014, 4, 14), date(2014, 5, 12), "Author off sick")
    police = review.imrs[0]
    request = ImrExtensionRequest(date(2014, 4, 14), date(2014, 5, 12), "Author off sick")
    assert police.extension_requests == (request,)
    assert police.open_extension_request == request
    assert police.current_due_on == DUE  # asking moves no clock: only the panel extends
    review.extend_imr(POLICE, date(2014, 4, 16), date(2014, 5, 5), "Agreed, a week less")
    police = review.imrs[0]
    assert police.open_extension_request is None
    assert police.current_due_on == date(2014, 5, 5)
    (answered,) = police.extension_requests
    assert (answered.agreed_on, answered.agreed_due_on) == (date(2014, 4, 16), date(2014, 5, 5))
    assert [type(e).__name__ for e in review.collect_events()] == [
        "ImrExtensionAsked",
        "ImrExtended",
    ]


def test_a_refusal_keeps_the_due_date_and_its_reason_then_the_agency_may_ask_again() -> None:
    review = asked()
    review.ask_imr_extension(POLICE, date(2014, 4, 14), date(2014, 5, 12), "Author off sick")
    review.refuse_imr_extension(POLICE, date(2014, 4, 15), "The panel meets on 25 April")
    police = review.imrs[0]
    assert police.open_extension_request is None
    assert police.extension_requests[0].refused_on == date(2014, 4, 15)
    assert police.extension_requests[0].refusal == "The panel meets on 25 April"
    assert police.current_due_on == DUE and police.extensions == ()
    review.ask_imr_extension(POLICE, date(2014, 4, 16), date(2014, 4, 24), "Three days")
    assert review.imrs[0].open_extension_request is not None
    assert review.imrs[1].extension_requests == ()  # the other agency's IMR is untouched


def test_an_imr_sent_before_the_answer_closes_the_request() -> None:
    review = asked()
    review.ask_imr_extension(POLICE, date(2014, 4, 14), date(2014, 5, 12), "Author off sick")
    review.receive_imr(POLICE, date(2014, 4, 20))
    police = review.imrs[0]
    assert police.open_extension_request is None
    assert police.extension_requests[0].overtaken_on == date(2014, 4, 20)
    # returned for more work, it is outstanding again, and the old request stays answered
    review.assess_imr(POLICE, date(2014, 4, 22), "returned", ["Add 2013"])
    assert review.imrs[0].open_extension_request is None


def test_an_extension_with_no_request_open_answers_none() -> None:
    review = asked()
    review.ask_imr_extension(POLICE, date(2014, 4, 1), date(2014, 5, 1), "Leave")
    review.refuse_imr_extension(POLICE, date(2014, 4, 2), "No")
    review.extend_imr(POLICE, date(2014, 4, 3), date(2014, 5, 1), "Changed our mind")
    (request,) = review.imrs[0].extension_requests
    assert request.refused_on == date(2014, 4, 2) and request.agreed_on is None
    assert review.imrs[0].extensions == (
        ImrExtension(date(2014, 4, 3), date(2014, 5, 1), "Changed our mind"),
    )


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        ((POLICE, date(2014, 4, 1), DUE, "Leave"), InvalidValueError, "propose a later date"),
        ((POLICE, date(2014, 5, 1), date(2014, 4, 30), "Leave"), InvalidValueError, "after"),
        ((POLICE, date(2014, 3, 1), date(2014, 5, 1), "Leave"), InvalidValueError, "IMR request"),
        ((POLICE, date(2099, 3, 1), date(2099, 5, 1), "Leave"), InvalidValueError, "after today"),
        ((POLICE, date(2014, 4, 1), date(2014, 5, 1), " "), InvalidValueError, "required"),
        ((POLICE, date(2014, 4, 1), date(2014, 5, 1), "x" * 501), InvalidValueError, "500"),
        (("Probation", date(2014, 4, 1), date(2014, 5, 1), "x"), InvalidTransitionError, None),
    ],
)
def test_a_request_breaking_a_rule_records_nothing(
    args: tuple[object, ...], error: type[Exception], match: str | None
) -> None:
    review = asked()
    assert_refused(review, error, review.ask_imr_extension, *args, match=match, today=TODAY)


def test_one_open_request_at_a_time_and_none_once_the_imr_arrived() -> None:
    review = asked()
    review.ask_imr_extension(POLICE, date(2014, 4, 1), date(2014, 5, 1), "Leave")
    review.receive_imr(HEALTH, date(2014, 4, 2))
    review.collect_events()
    again = (POLICE, date(2014, 4, 3), date(2014, 5, 9), "More leave")
    assert_refused(review, DuplicateError, review.ask_imr_extension, *again, match="not answered")
    late = (HEALTH, date(2014, 4, 3), date(2014, 5, 9), "Leave")
    assert_refused(
        review, InvalidTransitionError, review.ask_imr_extension, *late, match="received on"
    )


def test_a_refusal_needs_an_open_request_a_reason_and_a_date_after_the_request() -> None:
    review = asked()
    no_request = (HEALTH, date(2014, 4, 3), "No")
    assert_refused(
        review, InvalidTransitionError, review.refuse_imr_extension, *no_request, match="no request"
    )
    review.ask_imr_extension(POLICE, date(2014, 4, 10), date(2014, 5, 1), "Leave")
    review.collect_events()
    before = (POLICE, date(2014, 4, 9), "No")
    assert_refused(
        review, InvalidValueError, review.refuse_imr_extension, *before, match="request for more"
    )
    blank = (POLICE, date(2014, 4, 11), "")
    assert_refused(review, InvalidValueError, review.refuse_imr_extension, *blank)


def test_a_request_is_refused_once_the_case_left_the_panel() -> None:
    review = asked()
    review.decommission(date(2014, 6, 1), "The Home Office agreed")
    review.collect_events()
    args = (POLICE, date(2014, 6, 2), date(2014, 7, 1), "Leave")
    assert_refused(
        review, InvalidTransitionError, review.ask_imr_extension, *args, match="decommissioned"
    )


def test_requests_and_answers_replay_from_the_store(memory_ledger: PartnershipLedger) -> None:
    review = memory_ledger.reviews.notify(
        "MT-1", date(2014, 1, 5), date(2014, 1, 10), "Mary", "dhr", "intimate_partner_homicide"
    )
    memory_ledger.reviews.decide(review, date(2014, 2, 1), "hold")
    memory_ledger.imrs.request(review, POLICE, ASKED, DUE)
    memory_ledger.imrs.ask_extension(review, POLICE, date(2014, 4, 1), date(2014, 5, 1), "Leave")
    memory_ledger.imrs.refuse_extension(review, POLICE, date(2014, 4, 2), "No")
    memory_ledger.imrs.ask_extension(review, POLICE, date(2014, 4, 3), date(2014, 5, 2), "Ill")
    memory_ledger.imrs.extend(review, POLICE, date(2014, 4, 4), date(2014, 5, 2), "Agreed")
    police = memory_ledger.reviews.get(review).imrs[0]
    assert [(r.refused_on, r.agreed_on) for r in police.extension_requests] == [
        (date(2014, 4, 2), None),
        (None, date(2014, 4, 4)),
    ]
