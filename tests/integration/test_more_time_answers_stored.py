"""The panel's answer to a request for more time as each store keeps it: an extension keeps
the date the agency asked for, read back from SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from domain.recording import acting_as
from tenants.platform import Platform


def test_an_extension_to_another_date_keeps_the_date_asked_in_the_store(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    region, tenant = unique("region"), unique("csp")
    platform.registry.create_region(region, unique("Region"))
    platform.register_tenant(tenant, "Our Partnership", region)
    with acting_as("system"), platform.ledgers.lease(tenant) as ledger:
        review = ledger.reviews.notify(
            "MT-S1", date(2024, 1, 5), date(2024, 1, 10), "Mary", "dhr", "unexpected_death"
        )
        ledger.reviews.decide(review, date(2024, 2, 1), "hold")
        ledger.imrs.request(review, "Police", date(2024, 3, 1), date(2024, 4, 1))
        ledger.imrs.ask_extension(review, "Police", date(2024, 3, 20), date(2024, 5, 1), "Ill")
        ledger.imrs.extend(review, "Police", date(2024, 3, 21), date(2024, 4, 20), "Agreed")
    with platform.ledgers.lease(tenant, writing=False) as ledger:
        stored: list[Any] = [
            e for e in ledger.events.get(review) if type(e).__name__ == "ImrExtended"
        ]
        (request,) = ledger.reviews.get(review).imrs[0].extension_requests
    assert [(e.due_on, e.asked_due_on) for e in stored] == [(date(2024, 4, 20), date(2024, 5, 1))]
    assert request.agreed_due_on == date(2024, 4, 20) and not request.agreed_as_asked
