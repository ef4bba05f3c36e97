"""A funder's share of a commissioned service's funding agreement keyed wrong, put right in
memory: the annual value follows (the shares add up to it exactly, as when agreed), the
payments made are untouched, and a refusal records nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.errors import InvalidValueError, NotFoundError
from domain.region import CommissionedService

DAY = date(2015, 4, 1)
WHY = "the agreement's schedule says £60,000 a year"
SHARE = "agreement.SCC-DA-2015.share.stoke"


def service() -> CommissionedService:
    """Staffordshire County pays £100,000 a year and Stoke £600,000 (keyed for £60,000)."""
    made = CommissionedService.open("east", "East Staffs DA", "home-group", "staffs", DAY)
    made.agree_funding(
        "SCC-DA-2015",
        DAY,
        date(2018, 3, 31),
        70_000_000,
        [("county", 10_000_000), ("stoke", 60_000_000)],
    )
    made.pay("SCC-DA-2015", "stoke", 1_500_000, date(2015, 6, 30))
    made.collect_events()
    return made


def refused(made: CommissionedService, error: type[Exception], match: str, *args: object) -> None:
    before = dict(made.agreements)
    with pytest.raises(error, match=match):
        made.correct(*args)  # type: ignore[arg-type]
    assert made.agreements == before and not made.collect_events()


def test_a_share_keyed_ten_times_too_large_is_put_right_and_the_annual_value_follows() -> None:
    made = service()
    made.correct(SHARE, 6_000_000, WHY)
    event: Any = made.collect_events()[-1]
    assert type(event).__name__ == "ShareCorrected"
    assert (event.previous, event.value, event.effective_on, event.funder) == (
        60_000_000,
        6_000_000,
        date(2015, 4, 1),
        "stoke",
    )
    assert (event.agreement, event.annual_value) == ("SCC-DA-2015", 16_000_000)
    agreement = made.agreements["SCC-DA-2015"]
    assert agreement.shares == (("county", 10_000_000), ("stoke", 6_000_000))
    assert agreement.annual_value == 16_000_000
    assert made.paid == {"stoke": 1_500_000}  # what was paid is a payment's own correction


def test_a_share_correction_names_a_share_that_exists_and_says_why() -> None:
    made = service()
    refused(
        made, NotFoundError, "agreement.SCC-DA-2015.share.county", "agreement.X.share.stoke", 1, WHY
    )
    refused(
        made, NotFoundError, "its funders: county, stoke", "agreement.SCC-DA-2015.share.nhs", 1, WHY
    )
    refused(made, NotFoundError, "names no funder's share", "agreement.SCC-DA-2015.value", 1, WHY)
    refused(made, InvalidValueError, "Say why", SHARE, 6_000_000, "")
    refused(made, InvalidValueError, "nothing to correct", SHARE, 60_000_000, WHY)
    refused(made, InvalidValueError, "share of 'stoke'", SHARE, 0, WHY)


def test_a_payment_is_still_corrected_by_its_number() -> None:
    made = service()
    made.correct("payment.1.amount", 150_000, "£1,500 was paid")
    assert made.paid == {"stoke": 150_000}
    assert made.agreements["SCC-DA-2015"].annual_value == 70_000_000


def test_a_corrected_agreement_replays_to_the_same_service() -> None:
    fresh = CommissionedService.open("east", "East Staffs DA", "home-group", "staffs", DAY)
    fresh.agree_funding("SCC-DA-2015", DAY, date(2018, 3, 31), 1_000, [("county", 1_000)])
    fresh.correct("agreement.SCC-DA-2015.share.county", 2_000, WHY)
    copy = None
    for e in fresh.collect_events():
        copy = e.mutate(copy)
    assert copy is not None and copy.agreements == fresh.agreements
    assert copy.agreements["SCC-DA-2015"].annual_value == 2_000
