"""IMR authors' contacts on both stores: sealed with the case key (never at rest in the clear),
kept under the agency as its IMR records it, refused for an agency not asked, and gone with
the case's vault."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

import pytest

from domain.errors import InvalidTransitionError, InvalidValueError
from domain.vault import PersonalDetails
from domain.vault.imr_contacts import ImrContact
from tenants.ledger.imr_contacts import ImrContacts
from tenants.platform import Platform
from tests.integration.at_rest import readable_in
from tests.integration.test_chronology import POLICE, TODAY, a_case_with_three_imrs


def test_an_imr_authors_contact_is_sealed_and_erased_with_the_vault(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    slug, review = a_case_with_three_imrs(platform, unique)
    mark = uuid.uuid4().hex[:10]
    contact = ImrContact.checked(f"Jo {mark}", f"jo.{mark}@police.example.gov.uk", "0121 626 5000")
    with platform.ledgers.lease(slug) as ledger:
        contacts = ImrContacts(ledger)
        contacts.record(review, "west midlands police", contact, TODAY)  # as typed, any case
        assert contacts.of(review) == {POLICE: contact}
        with pytest.raises(InvalidTransitionError, match="request it first"):
            contacts.record(review, "Probation", contact, TODAY)
        with pytest.raises(InvalidValueError, match="email"):
            ImrContact.checked("Jo", "not an address")
    assert readable_in(platform, mark) == []
    with platform.ledgers.lease(slug) as ledger:
        ledger.vault.record(review, PersonalDetails("Ann Example"), TODAY)
        ledger.vault.erase(review, "Family asked", date(2024, 6, 1))
        contacts = ImrContacts(ledger)
        assert contacts.of(review) == {}
        with pytest.raises(InvalidTransitionError, match="erased"):
            contacts.record(review, POLICE, contact, TODAY)
