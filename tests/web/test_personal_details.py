"""The personal details pages: officers and leads only, every view logged, erasure confirmed.

One test per store, because the ``people`` fixture (six argon2 password hashes) dominates its cost."""

from __future__ import annotations

import re
import uuid
from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from domain.calendar import uk_today
from tenants.platform import Platform
from tenants.users.personal_reads import personal_data_reads
from tests.integration.at_rest import readable_in
from tests.web.conftest import People, csrf, post_form, sign_in, sign_out


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

    sign_out(visitor)
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
        sign_out(visitor)
        sign_in(visitor, people.names[who])
        assert visitor.get(page).status_code == status


def opened(client: FlaskClient, url: str) -> dict[str, str]:
    """What a browser sends back unseen from the form it was shown: its CSRF token and the
    version of the record it showed."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page.data.decode())
    return {"csrf_token": csrf(page.data), **({"version": version.group(1)} if version else {})}


def test_a_save_over_personal_details_someone_else_changed_is_refused(
    web_app: Flask, visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """Both open the form before anything is recorded; the first save stands, the second is
    refused, shows what was recorded meanwhile and saves nothing, until sent again."""
    mark = uuid.uuid4().hex[:10]
    review = a_case(platform, people.tenant)
    page = f"/partnerships/{people.tenant}/cases/{review}/personal-details"
    other = web_app.test_client()
    sign_in(visitor, people.names["officer"])
    sign_in(other, people.names["lead"])
    officers, leads = opened(visitor, f"{page}/edit"), opened(other, f"{page}/edit")
    first = {"victim_name": f"V{mark} Person", "victim_address": f"A{mark} Street"}
    assert visitor.post(f"{page}/edit", data={**officers, **first}).status_code == 302

    second = {"victim_name": f"V{mark} Person", "notes": f"N{mark}"}
    refused = other.post(f"{page}/edit", data={**leads, **second})
    text = refused.data.decode()
    assert refused.status_code == 200 and "Someone else changed these personal details" in text
    assert "nothing was saved" in text and f"A{mark} Street" in text.split("Recorded now")[1]
    kept = visitor.get(page).data.decode()
    assert f"A{mark} Street" in kept and f"N{mark}" not in kept

    csrf_token = csrf(refused.data)  # sent again from the refusal: made against what it showed
    version = re.search(r'name="version" type="hidden" value="(\d+)"', text)
    assert version and version.group(1) != leads.get("version")
    again = {"csrf_token": csrf_token, "version": version.group(1), **second}
    assert other.post(f"{page}/edit", data=again).status_code == 302
    assert f"N{mark}" in visitor.get(page).data.decode()
