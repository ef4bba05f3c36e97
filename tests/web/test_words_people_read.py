"""The words an officer, a lead and an auditor read where a tester found codes, keys or slips
of punctuation: typed text ended once, refusals in words, step pages that say a step is done,
and an auditor's history without codes or bookkeeping."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from flask.testing import FlaskClient

from domain.actionplan import Scope
from domain.recording import acting_as
from domain.themes import ThemeKind
from tenants.platform import Platform
from tests.web.conftest import People, page_text, sign_in
from tests.web.test_corrections_pages import submit

MARAC = "Police and housing should share DASH scores at MARAC."


def a_recommendation(platform: Platform, people: People, reference: str) -> tuple[UUID, UUID]:
    """A case with recommendation 1, its text a full sentence of its own."""
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        review = ledger.reviews.notify(
            reference, date(2024, 1, 1), date(2024, 1, 3), "FN", "dhr", "familial_homicide"
        )
        theme = ledger.themes.all(ThemeKind.THEME)[0].code
        rec = ledger.recommendations.make(
            review,
            "1",
            MARAC,
            Scope.MULTI_AGENCY,
            date(2024, 5, 1),
            [theme],
            target_organisation="Midshire Police",
        )
    return review, rec


def test_typed_text_that_ends_a_sentence_is_not_given_a_second_full_stop(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review, rec = a_recommendation(platform, people, "WORDS-STOP")
    sign_in(visitor, people.names["lead"])
    form = f"/partnerships/{people.tenant}/corrections/{review}/recommendations/{rec}/text"
    asked = page_text(visitor.get(form).data)
    done = submit(
        visitor,
        form,
        {
            "value": "Police, health and housing should share DASH scores at MARAC.",
            "reason": "Health omitted.",
        },
    )
    assert done.status_code == 302, done.data.decode()[:2000]
    case = page_text(visitor.get(f"/partnerships/{people.tenant}/cases/{review}").data)

    assert f"Recorded now: {MARAC} Reports" in asked, asked
    assert (
        "Was Police and housing should share DASH scores at MARAC; corrected to Police, health "
        "and housing should share DASH scores at MARAC. Health omitted." in case
    ), case
    for page in (asked, case):
        assert ".." not in page
