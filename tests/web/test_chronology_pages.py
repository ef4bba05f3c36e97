"""The merged chronology pages on both stores: an entry added by form merges into the panel's
view in date order, a key entry is marked, a bad entry is refused in words, reads are logged."""

from __future__ import annotations

from datetime import date, time

from flask.testing import FlaskClient

from domain.recording import acting_as
from tenants.platform import Platform
from tests.web.conftest import People, csrf, sign_in
from tests.web.test_imr_pages import COUNCIL, HEALTH, POLICE, under_review


def test_an_entry_added_by_form_merges_in_date_order_and_is_marked_key(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = under_review(platform, people.tenant, "CH-1")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        for agency in (POLICE, HEALTH, COUNCIL):
            ledger.imrs.request(review, agency, date(2024, 3, 1), date(2024, 4, 1))
            ledger.imrs.receive(review, agency, date(2024, 3, 20), with_chronology=True)
        ledger.chronology.submit(
            review, POLICE, date(2023, 5, 2), time(23, 40), "Call-out", "log", date(2024, 6, 1)
        )
        ledger.chronology.submit(
            review, COUNCIL, date(2023, 12, 1), None, "Tenancy visit", "file", date(2024, 6, 1)
        )
    sign_in(visitor, people.names["officer"])
    base = f"/partnerships/{people.tenant}/cases/{review}/chronology"
    form = visitor.get(f"{base}/entries")
    data = {
        "csrf_token": csrf(form.data),
        "agency": HEALTH,
        "occurred_on": ["2", "5", "2023"],
        "occurred_at": "9:15",
        "what_happened": "GP consultation, bruising <b>noted</b>",
        "source": "GP record",
    }
    bad = visitor.post(f"{base}/entries", data=data | {"occurred_at": "25:00"}).data.decode()
    assert "Enter the time as hours and minutes" in bad
    done = visitor.post(f"{base}/entries", data=data)
    assert done.status_code == 302 and done.headers["Location"].endswith("done=added")
    again = visitor.post(f"{base}/entries", data=data).data.decode()
    assert "already submitted this entry" in again
    page = visitor.get(f"{base}?gap_days=60").data.decode()
    assert page.index("GP consultation") < page.index("Call-out") < page.index("Tenancy visit")
    assert "&lt;b&gt;noted&lt;/b&gt;" in page  # agencies' text is shown, never run
    assert "No agency recorded anything for 213 days" in page
    marked = visitor.post(
        f"{base}/key", data={"csrf_token": csrf(page.encode()), "number": "3", "key": "yes"}
    )
    assert marked.headers["Location"].endswith("done=marked")
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        rows = ledger.chronology.merged(review).rows
    assert [getattr(r, "key", None) for r in rows] == [True, False, None, False]  # None: a gap
    case_page = visitor.get(f"/partnerships/{people.tenant}/cases/{review}").data.decode()
    assert "Call-out" not in case_page and "Merged chronology" in case_page


def test_the_chronology_page_offers_the_spreadsheet(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    review = under_review(platform, people.tenant, "CH-2")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.imrs.request(review, POLICE, date(2024, 3, 1))
        ledger.chronology.submit(
            review, POLICE, date(2023, 5, 2), None, "Call-out", "log", date(2024, 6, 1)
        )
    sign_in(visitor, people.names["officer"])
    page = visitor.get(f"/partnerships/{people.tenant}/cases/{review}/chronology").data.decode()
    assert "chronology.xlsx?gap_days=90" in page
    got = visitor.get(f"/partnerships/{people.tenant}/cases/{review}/chronology.xlsx")
    assert got.status_code == 200 and got.headers["Cache-Control"] == "no-store"
    sheet = load_workbook(BytesIO(got.data))["Merged chronology"]
    assert sheet.cell(2, 4).value == "Call-out"


def test_the_chronology_page_offers_the_pdf(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = under_review(platform, people.tenant, "CH-3")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.imrs.request(review, POLICE, date(2024, 3, 1))
        ledger.chronology.submit(
            review, POLICE, date(2023, 5, 2), None, "Call-out", "log", date(2024, 6, 1)
        )
    sign_in(visitor, people.names["officer"])
    base = f"/partnerships/{people.tenant}/cases/{review}"
    assert "chronology.pdf?gap_days=90" in visitor.get(f"{base}/chronology").data.decode()
    got = visitor.get(f"{base}/chronology.pdf")
    assert got.status_code == 200 and got.mimetype == "application/pdf"
    assert got.data[:5] == b"%PDF-" and got.headers["Cache-Control"] == "no-store"
