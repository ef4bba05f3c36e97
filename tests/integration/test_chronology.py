"""The merged chronology on both stores: agencies' entries merge in date order, duplicates fold,
gaps show, key entries are marked, refusals record nothing, and the text is never at rest in
the clear (nor readable once the case's vault is erased)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, time
from uuid import UUID

import pytest

from domain.chronology import Gap, MergedEntry
from domain.errors import DuplicateError, InvalidTransitionError, InvalidValueError, NotFoundError
from domain.vault import PersonalDetails
from tenants.ledger import PartnershipLedger
from tenants.platform import Platform
from tests.integration.at_rest import readable_in

POLICE, HEALTH, COUNCIL = "West Midlands Police", "Black Country ICB", "City Council Housing"
TODAY = date(2024, 6, 1)


def a_case_with_three_imrs(platform: Platform, unique: Callable[[str], str]) -> tuple[str, UUID]:
    region, slug = unique("region"), unique("csp")
    platform.registry.create_region(region, unique("Region"))
    platform.register_tenant(slug, f"CSP {slug}", region)
    with platform.ledgers.lease(slug) as ledger:
        review = ledger.reviews.notify(
            "DHR-CH", date(2024, 1, 2), date(2024, 1, 9), "Ann", "dhr", "unexpected_death"
        )
        ledger.reviews.decide(review, date(2024, 1, 30), "hold")
        for agency in (POLICE, HEALTH, COUNCIL):
            ledger.imrs.request(review, agency, date(2024, 2, 1), date(2024, 3, 1))
        ledger.imrs.chase(review, COUNCIL, date(2024, 3, 5))
        for agency, on in ((POLICE, date(2024, 2, 25)), (HEALTH, date(2024, 3, 1))):
            ledger.imrs.receive(review, agency, on, with_chronology=True)
        ledger.imrs.receive(review, COUNCIL, date(2024, 3, 12), with_chronology=True)
    return slug, review


def submit(
    ledger: PartnershipLedger,
    review: UUID,
    agency: str,
    on: date,
    what: str,
    at: time | None = None,
    source: str = "case notes",
) -> int:
    return ledger.chronology.submit(review, agency, on, at, what, source, TODAY)


def test_three_agencies_chronologies_merge_in_date_order_with_gaps_and_key_entries(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    slug, review = a_case_with_three_imrs(platform, unique)
    mark = uuid.uuid4().hex[:12]
    with platform.ledgers.lease(slug) as ledger:
        late = ledger.reviews.get(review).imrs[2]
        assert late.chased_on == (date(2024, 3, 5),) and late.days_late(TODAY) == 11
        submit(ledger, review, COUNCIL, date(2023, 9, 1), f"Tenancy visit {mark}")
        submit(ledger, review, POLICE, date(2023, 5, 2), "Call-out, raised voices", time(23, 40))
        submit(ledger, review, HEALTH, date(2023, 5, 2), "GP consultation, bruising", time(9, 15))
        submit(ledger, review, "black country icb", date(2023, 5, 2), "Undated-time note")
        submit(ledger, review, HEALTH, date(2023, 12, 20), "Joint MARAC meeting", source="MARAC")
        submit(ledger, review, POLICE, date(2023, 12, 20), "joint  MARAC meeting.", source="log")
        ledger.chronology.mark_key(review, 2, True)
        merged = ledger.chronology.merged(review, gap_days=90)
    rows = merged.rows
    entries = [r for r in rows if isinstance(r, MergedEntry)]
    assert [(e.occurred_on, e.occurred_at) for e in entries] == [
        (date(2023, 5, 2), None),
        (date(2023, 5, 2), time(9, 15)),
        (date(2023, 5, 2), time(23, 40)),
        (date(2023, 9, 1), None),
        (date(2023, 12, 20), None),
    ]
    assert entries[2].key and entries[2].agencies == (POLICE,)
    assert entries[4].agencies == (HEALTH, POLICE) and entries[4].sources == ("MARAC", "log")
    assert merged.entries == 6 and merged.duplicates == 1
    assert merged.agencies == (HEALTH, COUNCIL, POLICE)
    assert [r for r in rows if isinstance(r, Gap)] == [
        Gap(date(2023, 5, 2), date(2023, 9, 1), 122),
        Gap(date(2023, 9, 1), date(2023, 12, 20), 110),
    ]
    assert readable_in(platform, mark) == []  # sealed with the case key, in every store


def test_refusals_record_nothing(platform: Platform, unique: Callable[[str], str]) -> None:
    slug, review = a_case_with_three_imrs(platform, unique)
    with platform.ledgers.lease(slug) as ledger:
        submit(ledger, review, POLICE, date(2023, 5, 2), "Call-out")
        version = ledger.chronology.of_case(review).version  # type: ignore[union-attr]
        refusals: list[tuple[type[Exception], Callable[[], object]]] = [
            (InvalidTransitionError, lambda: submit(ledger, review, "Probation", TODAY, "x")),
            (DuplicateError, lambda: submit(ledger, review, POLICE, date(2023, 5, 2), "call-out")),
            (InvalidValueError, lambda: submit(ledger, review, POLICE, date(2030, 1, 1), "x")),
            (InvalidValueError, lambda: submit(ledger, review, POLICE, TODAY, "  ")),
            (NotFoundError, lambda: ledger.chronology.mark_key(review, 9, True)),
            (InvalidValueError, lambda: ledger.chronology.merged(review, gap_days=0)),
        ]
        for error, refused in refusals:
            with pytest.raises(error):
                refused()
        assert ledger.chronology.of_case(review).version == version  # type: ignore[union-attr]


def test_erasing_the_vault_takes_the_chronology_with_it(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    slug, review = a_case_with_three_imrs(platform, unique)
    with platform.ledgers.lease(slug) as ledger:
        submit(ledger, review, POLICE, date(2023, 5, 2), "Call-out")
        ledger.vault.record(review, PersonalDetails("Ann Example"), TODAY)
        ledger.vault.erase(review, "Family asked", TODAY)
        with pytest.raises(InvalidTransitionError, match="erased"):
            ledger.chronology.merged(review)
        with pytest.raises(InvalidTransitionError, match="erased"):
            submit(ledger, review, POLICE, date(2023, 6, 2), "Another")
