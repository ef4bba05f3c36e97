"""A researcher downloads their pseudonymised extract as a workbook beside the JSON (seed 002:
the researchers who collated the region's DHRs work in spreadsheets, R and SPSS): a sheet per
kind of record joined by the review number, codes named, the same scrubbed texts as the JSON,
and each download recorded on the agreement, refused as the JSON's is once it has ended."""

from __future__ import annotations

import io
import json
import re
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from flask.testing import FlaskClient
from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from domain.actionplan import Scope
from domain.learning.agreement import DataSharingAgreement
from domain.recording import acting_as
from tenants.demo.lifecycle import DemoCase, Stage, record
from tenants.learning.agreements import ResearchAgreements
from tenants.platform import Platform
from tenants.users.onboarding import add_user
from tests.web.conftest import People, give_password, page_text, sign_in

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def main_of(page: bytes) -> str:
    """The page's own content as a person reads it (the timeout warning sits after it)."""
    return page_text(page.split(b"<main", 1)[1].split(b"</main>", 1)[0])


def plant(
    platform: Platform, people: People, name: str, expires: date, n: int = 1
) -> DataSharingAgreement:
    """A published review whose texts name the victim, the partnership and a date, with a
    finding, a recommendation to GPs whose action is completed, under agreement DSA WB/n."""
    add_user(platform, name, "researcher", (), ())
    give_password(platform, name)
    with acting_as("officer-1"), platform.ledgers.lease(people.tenant) as ledger:
        review = record(ledger, DemoCase(f"WB-{n}", "Rosalind", date(2014, 3, 2), Stage.PUBLISHED))
        ledger.findings.record(
            review, "Rosalind told her GP in Northtown on 3 March 2014 about the abuse",
            ["primary-care-early-identification"], date(2015, 1, 5),
        )  # fmt: skip
        rec = ledger.recommendations.make(
            review, "R1", "=GPs ask about abuse, as Rosalind's case on 2014-03-02 shows",
            Scope.SINGLE_AGENCY, date(2015, 1, 5), ["primary-care-early-identification"],
            target_sector="primary-care",
        )  # fmt: skip
        action = ledger.actions.plan(rec, "CCG", "Routine enquiry", date(2015, 6, 1))
        ledger.actions.complete(action, date(2015, 5, 1))
    store = ResearchAgreements.open(platform)
    try:
        with acting_as("regional"):
            return store.record(
                people.region, f"DSA WB/{n}", name, "Lessons of the region's DHRs",
                [(people.tenant, review)], date(2014, 1, 1), expires,
            )  # fmt: skip
    finally:
        store.close()


def downloads(platform: Platform, agreement: UUID) -> int:
    store = ResearchAgreements.open(platform)
    try:
        return len(store.get(agreement).downloads)
    finally:
        store.close()


def rows(book: Workbook, sheet: str) -> list[dict[str, Any]]:
    """A sheet's rows by its headers, as R's ``read_excel`` or SPSS would read them."""
    header, *data = book[sheet].iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in data]


def test_a_researcher_downloads_the_extract_as_a_workbook_a_sheet_per_kind_of_record(
    visitor: FlaskClient, platform: Platform, people: People
) -> None:
    name = f"researcher-{people.tenant}-wb"
    agreement = plant(platform, people, name, date.today() + timedelta(days=30))
    sign_in(visitor, name)
    page = visitor.get("/research").data
    link = f"/research/agreements/{agreement.id}/extract.xlsx"
    assert re.search(rf'href="{re.escape(link)}">Download \(spreadsheet, XLSX\)<', page.decode())
    assert "Download (spreadsheet, XLSX) the extract of agreement DSA WB/1" in main_of(page)

    got = visitor.get(link)
    assert got.status_code == 200 and got.mimetype == XLSX
    assert 'filename="DSA-WB-1-extract.xlsx"' in got.headers["Content-Disposition"]
    assert downloads(platform, agreement.id) == 1  # recorded on the agreement, as the JSON's is
    assert "Downloaded 1 time" in main_of(visitor.get("/research").data)

    book = load_workbook(io.BytesIO(got.data))
    assert book.sheetnames == ["Reviews", "Findings", "Recommendations", "Themes", "Notes"]
    assert rows(book, "Reviews") == [
        {
            "Review number": 1,
            "Kind of review": "Domestic Homicide Review",
            "Year notified": 2014,
            "Death category": "Intimate partner homicide",
        }
    ]
    theme = "Primary care and early identification"
    assert rows(book, "Findings") == [
        {
            "Review number": 1,
            "Finding number": 1,
            "Finding": "[name] told her GP in [place] on [date] about the abuse",
            "Themes": theme,
            "Theme codes": "primary-care-early-identification",
        }
    ]
    assert rows(book, "Recommendations") == [
        {
            "Review number": 1,
            "Recommendation number": 1,
            # a text that starts like a formula is shown, never run
            "Recommendation": "'=GPs ask about abuse, as [name]'s case on [date] shows",
            "Scope": "Single agency",
            "Themes": theme,
            "Theme codes": "primary-care-early-identification",
            "Addressee": "Primary care (GPs)",
            "Action outcome": "Actions completed",
            "Impact": "Impact not reviewed",
            "National status": "Not routed nationally",
        }
    ]
    assert rows(book, "Themes") == [
        {"Code": "primary-care", "Name": "Primary care (GPs)", "Used as": "Addressee"},
        {"Code": "primary-care-early-identification", "Name": theme, "Used as": "Theme"},
    ]
    notes = {label: value for label, value, *_ in book["Notes"].iter_rows(values_only=True)}
    assert notes["Agreement"] == "DSA WB/1" and notes["Purpose"] == "Lessons of the region's DHRs"
    assert str(notes["Downloaded"]).endswith("recorded on the agreement")
    assert notes["In force until"] == f"the end of {agreement.expires_on:%-d %B %Y}"
    assert "Pseudonymised" in notes["What this is"]
    assert any("How the sheets join: 'Review number'" in str(v) for v in notes.values())

    # nothing the JSON keeps back: no name, reference, partnership or region, no exact date
    every = " ".join(
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    )
    for kept_back in ("Rosalind", "WB-1", "Northtown", people.tenant, people.region, "2014-03"):
        assert kept_back not in every
    assert people.region_name not in every

    extract = json.loads(visitor.get(f"/research/agreements/{agreement.id}/extract.json").data)
    assert downloads(platform, agreement.id) == 2  # one way to record either download
    said = {f["text"] for r in extract["reviews"] for f in (*r["findings"], *r["recommendations"])}
    shown = {row["Finding"] for row in rows(book, "Findings")}
    shown |= {row["Recommendation"].removeprefix("'") for row in rows(book, "Recommendations")}
    assert shown == said  # the workbook's texts are the JSON's, scrubbed the same way


def test_the_workbook_is_refused_as_the_json_is_once_the_agreement_has_ended(
    visitor: FlaskClient, platform: Platform, people: People
) -> None:
    """Expired or revoked: the researcher is told which and whom to ask, and nothing is
    recorded on the agreement."""
    expired = plant(platform, people, f"researcher-{people.tenant}-old", date(2014, 12, 31))
    sign_in(visitor, f"researcher-{people.tenant}-old")
    refused = visitor.get(f"/research/agreements/{expired.id}/extract.xlsx")
    assert refused.status_code == 410
    assert "Agreement DSA WB/1 expired on 31 December 2014" in main_of(refused.data)
    assert downloads(platform, expired.id) == 0
    assert "extract.xlsx" not in visitor.get("/research").data.decode()

    revoked = plant(platform, people, f"researcher-{people.tenant}-rev", date(2099, 1, 1), 2)
    store = ResearchAgreements.open(platform)
    try:
        with acting_as("regional"):
            store.revoke(revoked.id, "The study was withdrawn", date.today())
    finally:
        store.close()
    other = visitor.application.test_client()
    sign_in(other, f"researcher-{people.tenant}-rev")
    refused = other.get(f"/research/agreements/{revoked.id}/extract.xlsx")
    assert refused.status_code == 410
    assert "The study was withdrawn" in main_of(refused.data)
    assert downloads(platform, revoked.id) == 0
    # and another researcher's agreement is not found, as with the JSON
    assert other.get(f"/research/agreements/{expired.id}/extract.xlsx").status_code == 404
