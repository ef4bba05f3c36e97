"""A case's IMRs, chronology entries and IMR authors' contacts record the agency's directory
key; the case page's timeline, the merged chronology and its form name the body instead."""

from __future__ import annotations

import io
import subprocess
from datetime import date, time
from pathlib import Path
from uuid import UUID

from flask.testing import FlaskClient
from openpyxl import load_workbook

from domain.recording import acting_as
from domain.vault.imr_contacts import ImrContact
from tenants.ledger.imr_contacts import ImrContacts
from tenants.platform import Platform
from tests.web.conftest import People, page_text, sign_in
from tests.web.test_imr_pages import under_review

POLICE, POLICE_NAME = "mid-police", "Midshire Police"
FREE_TEXT = "Mental Health Trust"  # typed before the region kept a directory


def case_with_agency_records(platform: Platform, people: People) -> UUID:
    """IMRs from the police (by key) and a trust (free text), a chronology entry from each,
    and the police IMR author's contact."""
    with platform.region_ledgers.lease(people.region) as region:
        region.partners.add(POLICE, POLICE_NAME, "police", date(2015, 4, 1))
    review = under_review(platform, people.tenant, "AGN-1")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        for agency in (POLICE, FREE_TEXT):
            ledger.imrs.request(review, agency, date(2024, 3, 1), date(2024, 4, 1))
        ledger.imrs.receive(review, POLICE, date(2024, 3, 20), with_chronology=True)
        ledger.chronology.submit(
            review, POLICE, date(2023, 5, 2), time(23, 40), "Call-out", "log", date(2024, 6, 1)
        )
        ledger.chronology.submit(
            review, FREE_TEXT, date(2023, 6, 1), None, "Clinic visit", "notes", date(2024, 6, 1)
        )
        contact = ImrContact.checked("Jo Author", "jo@police.example.gov.uk", "0121 626 5000")
        ImrContacts(ledger).record(review, POLICE, contact, date(2024, 6, 1))
    return review


def test_the_case_timeline_names_the_agency_of_imrs_chronology_entries_and_contacts(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = case_with_agency_records(platform, people)
    sign_in(visitor, people.names["officer"])
    page = visitor.get(f"/partnerships/{people.tenant}/cases/{review}").data.decode()
    said = page_text(page.encode())
    assert f"IMR requested from {POLICE_NAME}" in said
    assert f"IMR received from {POLICE_NAME}" in said
    assert f"Chronology entry 1 submitted by {POLICE_NAME}" in said
    assert f"Chronology entry 2 submitted by {FREE_TEXT}" in said  # as typed: not in the directory
    assert f"IMR author's contact recorded for {POLICE_NAME}" in said
    assert POLICE not in page


def test_the_merged_chronology_and_its_form_name_each_agency(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = case_with_agency_records(platform, people)
    sign_in(visitor, people.names["officer"])
    base = f"/partnerships/{people.tenant}/cases/{review}/chronology"
    page = visitor.get(base).data.decode()
    said = page_text(page.encode())
    assert f"2 entries from {FREE_TEXT}, {POLICE_NAME}." in said
    table = page_text(page.split("<table", 1)[1].encode())
    assert POLICE_NAME in table and FREE_TEXT in table and POLICE not in page
    form = visitor.get(f"{base}/entries").data.decode()
    assert f'<option value="{POLICE}">{POLICE_NAME}</option>' in form  # the key is still posted


def test_the_merged_chronologys_spreadsheet_and_pdf_name_each_agency(
    visitor: FlaskClient, people: People, platform: Platform, tmp_path: Path
) -> None:
    """On the pages' downloads and the API's: the body's name where the page shows it."""
    review = case_with_agency_records(platform, people)
    sign_in(visitor, people.names["officer"])
    page = f"/partnerships/{people.tenant}/cases/{review}/chronology"
    api = f"/api/v1/tenants/{people.tenant}/reviews/{review}/chronology/export"
    token = platform.access.issue_token(people.names["officer"]).secret
    bearer = {"Authorization": f"Bearer {token}"}

    sheets = [visitor.get(f"{page}.xlsx"), visitor.get(f"{api}.xlsx", headers=bearer)]
    pdfs = [visitor.get(f"{page}.pdf"), visitor.get(f"{api}.pdf", headers=bearer)]

    for got in sheets:
        assert got.status_code == 200, got.data[:300]
        book = load_workbook(io.BytesIO(got.data))
        rows = list(book["Merged chronology"].iter_rows(min_row=2, values_only=True))
        assert [row[2] for row in rows] == [POLICE_NAME, FREE_TEXT]
        about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True)}
        assert about["Agencies"] == f"{FREE_TEXT}, {POLICE_NAME}"
    for number, got in enumerate(pdfs):
        assert got.status_code == 200, got.data[:300]
        pdf = tmp_path / f"chronology-{number}.pdf"
        pdf.write_bytes(got.data)
        read = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True)
        words = " ".join(read.stdout.decode().split())
        assert POLICE_NAME in words and FREE_TEXT in words
        assert POLICE not in words
