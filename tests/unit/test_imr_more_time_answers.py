"""What the panel's answer to an agency's request for more time says: agreed as asked or to
another date, both dates kept in the extension's event, and extensions stored before it kept
the date asked still replay as they did."""

from __future__ import annotations

from copy import deepcopy
from datetime import date
from typing import Any

import pytest

from domain.reviews import DomesticHomicideReview
from tests.unit import review_cases as cases

POLICE = "West Midlands Police"
ASKED, DUE = date(2014, 3, 10), date(2014, 4, 21)
PROPOSED = date(2014, 5, 12)


def asking() -> DomesticHomicideReview:
    """A case whose police IMR, due on ``DUE``, has a request open to be due on ``PROPOSED``."""
    review = cases.under_review()
    review.request_imr(POLICE, ASKED, DUE)
    review.ask_imr_extension(POLICE, date(2014, 4, 14), PROPOSED, "Author off sick")
    review.collect_events()
    return review


@pytest.mark.parametrize(("extended_to", "as_asked"), [(PROPOSED, True), (date(2014, 5, 5), False)])
def test_an_extension_keeps_the_date_the_agency_asked_for(
    extended_to: date, as_asked: bool
) -> None:
    review = asking()
    review.extend_imr(POLICE, date(2014, 4, 16), extended_to, "Agreed")
    (event,) = review.collect_events()
    assert event.asked_due_on == PROPOSED  # type: ignore[attr-defined]
    (request,) = review.imrs[0].extension_requests
    assert request.agreed_as_asked is as_asked
    assert (request.due_on, request.agreed_due_on) == (PROPOSED, extended_to)


def test_an_extension_with_no_request_open_keeps_no_date_asked() -> None:
    review = cases.under_review()
    review.request_imr(POLICE, ASKED, DUE)
    review.extend_imr(POLICE, date(2014, 4, 16), date(2014, 5, 5), "The panel's own idea")
    (_, event) = review.collect_events()
    assert event.asked_due_on is None  # type: ignore[attr-defined]


def test_an_extension_stored_before_it_kept_the_date_asked_still_agrees_to_the_request() -> None:
    review = cases.under_review()
    review.collect_events()
    copy: Any = deepcopy(review)  # replayed from here, as the store replays
    review.request_imr(POLICE, ASKED, DUE)
    review.ask_imr_extension(POLICE, date(2014, 4, 14), PROPOSED, "Author off sick")
    review.extend_imr(POLICE, date(2014, 4, 16), date(2014, 5, 5), "Agreed, a week less")
    for stored in review.collect_events():
        if type(stored).__name__ == "ImrExtended":
            del stored.__dict__["asked_due_on"]  # as an extension stored before the field
        copy = stored.mutate(copy)
    (request,) = copy.imrs[0].extension_requests
    assert (request.agreed_on, request.agreed_due_on) == (date(2014, 4, 16), date(2014, 5, 5))
    assert not request.agreed_as_asked and copy.imrs[0].open_extension_request is None
