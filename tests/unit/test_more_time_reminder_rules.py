"""Which requests for more time a reminder tells the partnership of, and in what words: each
one waiting for the panel, while the panel can still answer it, with the date the agency
proposed and how long it has waited."""

from __future__ import annotations

from datetime import date

from domain.region.partners import Partner, Sector
from domain.reminders import ItemKind, review_items
from domain.reviews import DomesticHomicideReview
from tenants.reminders.emails import DAILY_DIGEST, item_words, listed
from tests.unit import review_cases as cases

POLICE = "force-police"
ASKED_ON, PROPOSED = date(2014, 4, 14), date(2014, 5, 12)
TODAY = date(2014, 4, 21)


def named(recorded: str) -> Partner | None:
    police = Partner(POLICE, "Shire Constabulary", Sector.POLICE, None, date(2015, 4, 1))
    return police if recorded == POLICE else None


def asking(review: DomesticHomicideReview) -> DomesticHomicideReview:
    review.request_imr(POLICE, date(2014, 3, 10), date(2014, 5, 6))  # due beyond 14 days
    review.ask_imr_extension(POLICE, ASKED_ON, PROPOSED, "Author off sick")
    return review


def test_a_request_waiting_is_an_item_from_the_day_asked_with_the_date_proposed() -> None:
    review = asking(cases.under_review())
    (item,) = review_items("csp", review, TODAY, named)  # the IMR itself is not due yet
    assert item.kind is ItemKind.MORE_TIME_ASKED
    assert (item.due_on, item.asked_for, item.agency_key) == (ASKED_ON, PROPOSED, POLICE)
    assert item.path == f"/partnerships/csp/cases/{review.id}#imrs"
    assert item.key == f"more_time_asked:csp:{review.id}:{POLICE}"
    assert item_words(item, TODAY) == (
        f"Case {review.reference}, IMR from Shire Constabulary: more time asked on "
        "14 April 2014 to be due 12 May 2014, waiting 7 days for the panel's answer"
    )
    assert "asked today for the panel's answer" in item_words(item, ASKED_ON)


def test_an_answered_request_is_no_longer_reminded() -> None:
    review = asking(cases.under_review())
    review.refuse_imr_extension(POLICE, date(2014, 4, 15), "The panel meets on 25 April")
    assert review_items("csp", review, TODAY, named) == []


def test_a_paused_case_is_still_reminded_since_the_panel_may_answer_while_paused() -> None:
    paused = asking(cases.paused())
    assert [i.kind for i in review_items("csp", paused, TODAY, named)] == [ItemKind.MORE_TIME_ASKED]


def test_an_agency_the_directory_lacks_is_an_agency_never_its_typed_name() -> None:
    review = cases.under_review()
    review.request_imr("Dr Jones's surgery", date(2014, 3, 10), date(2014, 5, 6))
    review.ask_imr_extension("Dr Jones's surgery", ASKED_ON, PROPOSED, "Away")
    (item,) = review_items("csp", review, TODAY, named)
    assert "IMR from an agency: more time asked" in item_words(item, TODAY)
    assert "Jones" not in item_words(item, TODAY)


def test_an_email_says_a_request_waits_for_an_answer_and_is_not_due() -> None:
    """A request is not "due in the next 14 days or late": the opening line says which of the
    two the email lists."""
    review = asking(cases.under_review())
    (waiting,) = review_items("csp", review, TODAY, named)
    late = review_items("csp", review, date(2014, 5, 7), named)
    assert {i.kind for i in late} == {ItemKind.IMR_LATE, ItemKind.MORE_TIME_ASKED}
    intro = DAILY_DIGEST.intro
    words = {"asking": "Shire", "weekday": "Monday", "day": "21 April 2014"}
    assert intro.format(listed=listed([waiting]), **words) == (
        "The Partnership Ledger lists these for Shire as waiting for your answer, as of "
        "Monday 21 April 2014."
    )
    assert "as due in the next 14 days or late or waiting for your answer," in intro.format(
        listed=listed(late), **words
    )
