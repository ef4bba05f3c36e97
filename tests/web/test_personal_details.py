"""The personal details pages: officers and leads only, every view logged, erasure confirmed.

One test per store, because the ``people`` fixture (six argon2 password hashes) dominates its cost."""

from __future__ import annotations

import uuid
from datetime import date

from flask.testing import FlaskClient

from domain.calendar import uk_today
from tenants.platform import Platform
from tenants.users.personal_reads import personal_data_reads
from tests.integration.at_rest import readable_in
from tests.web.conftest import People, post_form, sign_in


def a_case(platform: Platform, tenant: str) -> str:
    with platform.ledgers.lease(tenant) as ledger:
        review = ledger.reviews.notify(
            "DHR-W1", date(2024, 1, 2), date(2024, 1, 9), "Ann", "dhr", "unexpected_death"
        )
    return str(review)


def test_an_officer_records_and_reads_personal_details_and_a_lead_erases_them(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    mark = uuid.uuid4().hex[:10]
    review = a_case(platform, people.tenant)
    page = f"/partnerships/{people.tenant}/cases/{review}/personal-details"
    sign_in(visitor, people.names["officer"])
    empty = visitor.get(page).data.decode()
    assert "No personal details are recorded" in empty and "OFFICIAL-SENSITIVE" in empty

    refused = post_form(visitor, f"{page}/edit", {"victim_name": ""}).data.decode()
    assert "There is a problem" in refused and "Enter the victim’s full name" in refused
    saved = post_form(
        visitor,
        f"{page}/edit",
        {
            "victim_name": f"V{mark} Person",
            "victim_date_of_birth": ["6", "5", "1980"],  # 3 boxes
            "victim_address": f"A{mark} Street",
            "contact_1-name": f"C{mark}",
            "contact_1-relationship": "sister",
        },
    )
    assert saved.status_code == 302
    shown = visitor.get(saved.headers["Location"]).data.decode()
    assert f"V{mark} Person" in shown and "6 May 1980" in shown and f"C{mark}, sister" in shown
    assert "Personal details saved" in shown and "Erase personal details" not in shown
    assert visitor.get(f"{page}/erase").status_code == 403  # officers cannot erase

    visitor.get("/sign-out")
    sign_in(visitor, people.names["lead"])
    assert "Erase personal details" in visitor.get(page).data.decode()
    unconfirmed = post_form(visitor, f"{page}/erase", {"reason": f"E{mark}"}).data.decode()
    assert "Confirm that you understand erasure cannot be undone" in unconfirmed
    erased = post_form(visitor, f"{page}/erase", {"reason": f"E{mark}", "confirm": "y"})
    assert erased.status_code == 302
    after = visitor.get(erased.headers["Location"]).data.decode()
    assert "Personal details erased" in after and "cannot be recovered" in after
    assert f"V{mark}" not in after

    reads = personal_data_reads(platform.access, people.tenant, uk_today(), uk_today())
    assert {r.path for r in reads} == {page} and len(reads) >= 4
    assert readable_in(platform, mark) == []

    for who, status in (
        ("neighbour_officer", 404),
        ("regional", 403),
    ):  # one fixture: argon2 is slow
        visitor.get("/sign-out")
        sign_in(visitor, people.names[who])
        assert visitor.get(page).status_code == status
