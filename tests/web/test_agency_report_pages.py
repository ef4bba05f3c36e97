"""An agency uploads its IMR report on its IMR page instead of emailing it: the officers'
document checks refuse a bad file with nothing kept, the agency lists and downloads only its
own uploads, and the officer finds the report among the case's documents, marked as the
agency's."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient

from domain.calendar import uk_today
from domain.recording import acting_as
from tenants.platform import Platform
from tenants.users.document_reads import document_downloads
from tenants.users.onboarding import add_user
from tests.integration.document_files import PNG, pdf
from tests.web.conftest import People, csrf, give_password, page_text, sign_in
from tests.web.test_agency_pages import POLICE, police_user
from tests.web.test_agency_work_pages import main_text
from tests.web.test_imr_pages import under_review

HEALTH = "mid-health"


def asked_of_police_and_health(platform: Platform, tenant: str, reference: str) -> UUID:
    """A case whose panel asked the police and health for IMRs, with one document of its own
    (the officer's notes, document 1)."""
    review = under_review(platform, tenant, reference)
    with acting_as("system"), platform.ledgers.lease(tenant) as ledger:
        for agency in (POLICE, HEALTH):
            ledger.imrs.request(review, agency, date(2024, 3, 1), date(2024, 4, 1))
        ledger.documents.add(
            review, "other", "Panel notes", "notes.txt", b"notes", date(2024, 3, 2)
        )
    return review


def upload(client: FlaskClient, url: str, content: bytes, name: str) -> Any:
    form = client.get(url)
    assert form.status_code == 200, (url, form.status_code)
    data = {"csrf_token": csrf(form.data), "document": (io.BytesIO(content), name)}
    return client.post(url, data=data, content_type="multipart/form-data")


def test_an_agency_uploads_its_report_lists_and_downloads_it_and_the_officer_sees_whose(
    web_app: Flask,
    visitor: FlaskClient,
    people: People,
    platform: Platform,
    unique: Callable[[str], str],
) -> None:
    """The report had to be emailed to the team: the panel's copy was wherever the email
    went, and nothing said which version it had."""
    agency = police_user(platform, people, unique)
    review = asked_of_police_and_health(platform, people.tenant, "AR-1")
    police = web_app.test_client()
    sign_in(police, agency)
    imr = f"/partnerships/{people.tenant}/agency-work/cases/{review}/imr"
    assert f'href="{imr}/report"' in police.get(imr).data.decode()

    first, second = pdf("IMR report, first"), pdf("IMR report, revised")
    done = upload(police, f"{imr}/report", first, "police-imr.pdf")
    assert done.status_code == 302 and done.headers["Location"].endswith("/imr?done=report")
    page = main_text(police.get(done.headers["Location"]).data)
    assert page.startswith(" Success IMR report uploaded"), page
    assert "Size Uploaded Download police-imr.pdf 1 1 KB" in page, page
    assert "Your report is attached: the panel reads the latest version you uploaded." in page
    assert upload(police, f"{imr}/report", second, "police-imr-2.pdf").status_code == 302
    again = upload(police, f"{imr}/report", second, "police-imr-2.pdf")
    assert again.status_code == 200 and "There is a problem" in again.data.decode()
    assert "the same as the report you uploaded last (version 2); nothing was added" in (
        page_text(again.data)
    )

    mine = f"/partnerships/{people.tenant}/agency-work/cases/{review}/documents"
    listed = police.get(imr).data.decode()
    assert f'href="{mine}/2/versions/2"' in listed and f'href="{mine}/2/versions/1"' in listed
    assert police.get(f"{mine}/2/versions/1").data == first
    assert police.get(f"{mine}/2/versions/2").data == second
    assert police.get(f"{mine}/1/versions/1").status_code == 404  # the case's own notes

    sent = police.post(
        imr, data={"csrf_token": csrf(police.get(imr).data), "on": ["28", "3", "2024"]}
    )
    assert sent.status_code == 302, sent.data.decode()[:2000]
    home = main_text(police.get(sent.headers["Location"]).data)
    assert "IMR sent to the panel, with your report attached" in home, home
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        received = {i.agency: i.with_report for i in ledger.reviews.get(review).imrs}
    assert received == {POLICE: True, HEALTH: False}
    assert (
        f'href="{imr}">Your IMR and its report'
        in police.get(sent.headers["Location"]).data.decode()
    )
    sent_page = main_text(police.get(imr).data)
    assert "The panel has your IMR: received on 28 March 2024, with your report attached." in (
        sent_page
    ), sent_page
    assert "Record that the IMR was sent" not in sent_page  # it would be refused: received

    sign_in(visitor, people.names["officer"])
    history = page_text(visitor.get(f"/partnerships/{people.tenant}/cases/{review}").data)
    assert (
        "On 28 March 2024. Without a chronology. Its report is attached: see Documents." in history
    ), history[history.find("IMR received") - 200 : history.find("IMR received") + 300]
    case = f"/partnerships/{people.tenant}/cases/{review}/documents"
    listing = page_text(visitor.get(case).data)
    assert (
        "IMR report: Midshire Police Individual Management Review Uploaded by Midshire Police 2"
        in listing
    ), listing
    one = visitor.get(f"{case}/2").data.decode()
    assert "Midshire Police’s IMR report, uploaded by the agency on its IMR page." in one
    assert "Upload a new version" not in one  # the agency's to revise
    assert visitor.get(f"{case}/2/versions/2").data == second
    assert visitor.get(f"{mine}/2/versions/2").status_code == 403  # the agency's route
    today = uk_today()  # every download logged, the agency's beside the officer's
    downloads = document_downloads(platform.access, people.tenant, today, today, people.region)
    assert [(d.who, d.document, d.version) for d in downloads] == [
        (agency, 2, 1),
        (agency, 2, 2),
        (people.names["officer"], 2, 2),
    ]


def test_one_agency_cannot_reach_anothers_report_nor_a_case_it_was_not_asked_on(
    web_app: Flask, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    agency = police_user(platform, people, unique)
    with platform.region_ledgers.lease(people.region) as region:
        region.partners.add(HEALTH, "Midshire Health", "health", date(2015, 4, 1))
    health_user = unique("health-user")
    add_user(platform, health_user, "agency_contributor", (), (people.region,), agency=HEALTH)
    give_password(platform, health_user)
    review = asked_of_police_and_health(platform, people.tenant, "AR-2")
    elsewhere = under_review(platform, people.tenant, "AR-3")  # police asked nothing here
    police, health = web_app.test_client(), web_app.test_client()
    sign_in(police, agency)
    sign_in(health, health_user)
    base = f"/partnerships/{people.tenant}/agency-work/cases"
    assert upload(police, f"{base}/{review}/imr/report", pdf("police"), "p.pdf").status_code == 302

    assert health.get(f"{base}/{review}/documents/2/versions/1").status_code == 404
    assert health.get(f"{base}/{review}/documents/1/versions/1").status_code == 404
    health_page = health.get(f"{base}/{review}/imr").data.decode()
    assert "p.pdf" not in health_page and "Upload your IMR report" in health_page
    assert upload(health, f"{base}/{review}/imr/report", pdf("health"), "h.pdf").status_code == 302
    assert health.get(f"{base}/{review}/documents/3/versions/1").data == pdf("health")
    assert police.get(f"{base}/{review}/documents/3/versions/1").status_code == 404
    assert "h.pdf" not in police.get(f"{base}/{review}/imr").data.decode()
    assert police.get(f"{base}/{elsewhere}/imr/report").status_code == 404
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        documents = ledger.documents.of_case(review)
        assert [(d.number, d.agency) for d in documents] == [(1, None), (2, POLICE), (3, HEALTH)]
        assert ledger.documents.of_case(elsewhere) == []


def test_a_bad_report_file_is_refused_in_words_and_nothing_is_kept(
    web_app: Flask, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    agency = police_user(platform, people, unique)
    review = under_review(platform, people.tenant, "AR-4")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.imrs.request(review, POLICE, date(2024, 3, 1), date(2024, 4, 1))
    platform.settings = replace(platform.settings, document_max_bytes=2000)
    police = web_app.test_client()
    sign_in(police, agency)
    url = f"/partnerships/{people.tenant}/agency-work/cases/{review}/imr/report"
    for content, name, words in (
        (PNG, "report.pdf", "The file’s name ends .pdf but its content is PNG image"),
        (b"MZ\x90\x00\x03binary", "report.exe", "Documents must be PDF, DOCX"),
        (pdf("x" * 3000), "big.pdf", "a document may be at most 1 KB"),
        (b"x" * 400_000, "huge.txt", "The file is larger than 0 MB"),
    ):
        page = upload(police, url, content, name)
        text = page_text(page.data).replace("'", "’")
        assert page.status_code == 200 and "There is a problem" in text, text[:500]
        assert words in text, text
        assert 'href="#document"' in page.data.decode()
    form = police.get(url)
    empty = police.post(url, data={"csrf_token": csrf(form.data)})
    assert "Select the document to upload" in empty.data.decode()
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.documents.of_case(review) == []
        assert ledger.documents.files().count() == 0
