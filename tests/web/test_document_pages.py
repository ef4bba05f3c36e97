"""A case's documents through the pages on both stores: upload with the GOV.UK file upload, a
new version, both versions downloadable (and logged), a wrong file refused in words with
nothing kept, and the Documents section on the case page."""

from __future__ import annotations

import io
from dataclasses import replace

from flask.testing import FlaskClient

from domain.calendar import uk_today
from tenants.platform import Platform
from tenants.users.document_reads import document_downloads
from tests.integration.document_files import PNG, pdf
from tests.web.conftest import People, csrf, sign_in
from tests.web.test_imr_pages import under_review


def test_upload_a_document_and_a_new_version_then_download_both(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = under_review(platform, people.tenant, "DOC-1")
    sign_in(visitor, people.names["officer"])
    case = f"/partnerships/{people.tenant}/cases/{review}"
    case_page = visitor.get(case).data.decode()
    assert "Documents" in case_page and f"{case}/documents/new" in case_page
    form = visitor.get(f"{case}/documents/new")
    assert b'type="file"' in form.data and b"multipart/form-data" in form.data
    first, second = pdf("draft one"), pdf("draft two")
    data = {
        "csrf_token": csrf(form.data),
        "kind": "overview_report_draft",
        "title": "Overview report <b>draft</b>",
        "action": "",
        "document": (io.BytesIO(first), "overview.pdf"),
    }
    done = visitor.post(f"{case}/documents/new", data=data, content_type="multipart/form-data")
    assert done.status_code == 302 and done.headers["Location"].endswith("/documents/1?done=added")
    page = visitor.get(f"{case}/documents/1")
    assert b"Overview report &lt;b&gt;draft&lt;/b&gt;" in page.data  # shown, never run
    again = visitor.post(
        f"{case}/documents/1/versions",
        data={"csrf_token": csrf(page.data), "document": (io.BytesIO(second), "overview-2.pdf")},
        content_type="multipart/form-data",
    )
    assert again.headers["Location"].endswith("/documents/1?done=version")
    page = visitor.get(f"{case}/documents/1").data.decode()
    assert "overview.pdf" in page and "overview-2.pdf" in page
    assert visitor.get(f"{case}/documents/1/versions/1").data == first
    assert visitor.get(f"{case}/documents/1/versions/2").data == second
    listing = visitor.get(f"{case}/documents").data.decode()
    assert "Overview report draft" in listing and f"{case}/documents/1" in listing
    downloads = document_downloads(platform.access, people.tenant, uk_today(), uk_today())
    assert [(d.document, d.version) for d in downloads] == [(1, 1), (1, 2)]
    history = visitor.get(case).data.decode()  # the case's history names numbers, never titles
    assert "Document 1: version 2 uploaded" in history and "Document 1 added" in history
    assert "Overview report &lt;b&gt;" not in history and "overview.pdf" not in history


def test_a_wrong_or_oversized_file_is_refused_in_words_and_nothing_is_kept(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = under_review(platform, people.tenant, "DOC-2")
    platform.settings = replace(platform.settings, document_max_bytes=2000)
    sign_in(visitor, people.names["officer"])
    case = f"/partnerships/{people.tenant}/cases/{review}"
    for content, name, words in (
        (PNG, "report.pdf", "its content is PNG image"),
        (pdf("x" * 3000), "big.pdf", "at most"),
        (b"x" * 400_000, "huge.txt", "larger than"),
    ):
        form = visitor.get(f"{case}/documents/new")
        data = {
            "csrf_token": csrf(form.data),
            "kind": "other",
            "title": "Something",
            "document": (io.BytesIO(content), name),
        }
        page = visitor.post(f"{case}/documents/new", data=data, content_type="multipart/form-data")
        text = page.data.decode()
        assert page.status_code == 200 and "govuk-error-summary" in text, text[:500]
        assert words in text or words.replace("'", "&#39;") in text
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.documents.of_case(review) == []
        assert ledger.documents.files().count() == 0
