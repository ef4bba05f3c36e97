"""The pure rules of the privacy work: pseudonyms, the vault aggregate, retention, agency codes."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from domain.actionplan.agencies import agency_code
from domain.errors import InvalidTransitionError, InvalidValueError
from domain.reviews import DomesticHomicideReview
from domain.vault import (
    CaseVault,
    Contact,
    ErasureBasis,
    PersonalDetails,
    RetentionSchedule,
    looks_like_full_name,
    retention_due_on,
)


@pytest.mark.parametrize("text", ["Jane Smithfield", "Mary Anne O'Brien", "Jo Smith-Jones"])
def test_two_capitalised_words_look_like_a_full_name(text: str) -> None:
    assert looks_like_full_name(text)


@pytest.mark.parametrize("text", ["Mary", "FN", "Mrs A", "Adult A", "victim one", "Ms X"])
def test_pseudonyms_as_reviews_write_them_do_not(text: str) -> None:
    assert not looks_like_full_name(text)


def notify(pseudonym: str, *, pseudonym_confirmed: bool = False) -> DomesticHomicideReview:
    return DomesticHomicideReview.notify(
        "DHR-1",
        date(2020, 1, 1),
        date(2020, 1, 5),
        pseudonym,
        "dhr",
        "unexpected_death",
        pseudonym_confirmed=pseudonym_confirmed,
    )


def test_a_pseudonym_like_a_full_name_is_refused_saying_why_unless_confirmed() -> None:
    with pytest.raises(InvalidValueError, match="looks like a real full name.*pseudonym_confirmed"):
        notify("Jane Smithfield")
    assert notify("Jane Smithfield", pseudonym_confirmed=True).pseudonym == "Jane Smithfield"
    assert notify("Mary").pseudonym == "Mary"


def test_an_erased_vault_takes_no_new_entry_and_cannot_be_erased_twice() -> None:
    vault = CaseVault(review_id=uuid.uuid4())
    vault.record("c2VhbGVk", date(2024, 1, 1))
    with pytest.raises(InvalidValueError, match="Say why"):
        vault.erase("  ", date(2024, 2, 1), ErasureBasis.REQUEST)
    vault.erase("family asked", date(2024, 2, 1), ErasureBasis.REQUEST)
    assert vault.erased and vault.erasure_basis == ErasureBasis.REQUEST
    with pytest.raises(InvalidTransitionError, match="erased"):
        vault.record("c2VhbGVk", date(2024, 3, 1))
    with pytest.raises(InvalidTransitionError, match="already erased"):
        vault.erase("again", date(2024, 3, 1), ErasureBasis.RETENTION)


def test_personal_details_need_a_name_and_round_trip_through_json() -> None:
    with pytest.raises(InvalidValueError, match="victim's name"):
        PersonalDetails(victim_name=" ")
    details = PersonalDetails(
        "A Person", date(1980, 5, 6), "1 Street", (Contact("B Person", "sister"),), "note"
    )
    assert PersonalDetails.from_json(details.to_json()) == details


def test_retention_falls_due_whole_years_after_the_case_ended() -> None:
    assert retention_due_on(date(2016, 2, 1), 6) == date(2022, 2, 1)
    assert retention_due_on(date(2016, 2, 29), 1) == date(2017, 2, 28)
    schedule = RetentionSchedule()
    with pytest.raises(InvalidValueError, match="whole number of years"):
        schedule.set_years(0, date(2024, 1, 1))
    schedule.set_years(6, date(2024, 1, 1))
    assert schedule.years == 6


@pytest.mark.parametrize(
    ("owner", "code"),
    [
        ("West Midlands Police", "police"),
        ("CCG", "health"),
        ("Clinical Commissioning Group", "health"),
        ("Birmingham and Solihull Integrated Care Board", "health"),
        ("Mental Health Trust", "commissioned-mental-health-providers"),
        ("Children's Services", "children-social-care"),
        ("Local GP practice", "primary-care"),
        ("Birmingham Women's Aid", "idva-domestic-abuse-service"),
        ("Mr Bloggs at the corner shop", "other"),
    ],
)
def test_an_action_owner_becomes_an_agency_code(owner: str, code: str) -> None:
    assert agency_code(owner) == code
