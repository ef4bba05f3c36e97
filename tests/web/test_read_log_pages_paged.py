"""A read log of a busy week is shown a hundred reads a page, newest first, with GOV.UK
pagination that keeps the days chosen: an auditor who opened every history of a region in a
day met one page tens of thousands of pixels long."""

from __future__ import annotations

from flask.testing import FlaskClient

from tenants.platform import Platform
from tests.web.conftest import People, page_text, sign_in_with_code


def test_the_read_log_is_shown_a_hundred_reads_a_page(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    auditor = platform.access.user(people.names["auditor"])
    region = platform.registry.tenant(people.tenant).region
    for _ in range(130):
        platform.access.record_audit_read(auditor.id, "/audit/partnerships", None, None)
    platform.access.record_audit_read(
        auditor.id, f"/audit/partnerships/{people.tenant}", people.tenant, region
    )
    sign_in_with_code(visitor, people.names["auditor"], people.totp["auditor"])

    first_page = visitor.get("/audit/reads").data
    second_page = visitor.get("/audit/reads?page=2").data
    first, second = first_page.decode(), second_page.decode()

    reads = page_text(first_page).split("What you opened", 1)[1].split("Refused attempts", 1)[0]
    assert "reads, 1 to 100 shown here, newest first" in reads
    assert reads.count(" – The partnerships you audit") + reads.count("read log") <= 100
    assert "A partnership's records" in reads  # the newest, first
    assert 'href="/audit/reads?page=2"' in first and "govuk-pagination" in first
    later = page_text(second_page).split("What you opened", 1)[1].split("Refused attempts", 1)[0]
    assert (
        "reads, 101 to 13" in later
        and "shown here" in later
        and "A partnership's records" not in later
    )
    assert 'href="/audit/reads?page=1"' in second


def test_a_page_of_the_log_keeps_the_days_chosen(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    auditor = platform.access.user(people.names["auditor"])
    for _ in range(101):
        platform.access.record_audit_read(auditor.id, "/audit/partnerships", None, None)
    sign_in_with_code(visitor, people.names["auditor"], people.totp["auditor"])

    shown = visitor.get("/audit/reads?since=&since=&since=&until=&until=&until=").data.decode()

    assert "page=2" in shown and "since=&amp;since=&amp;since=" in shown
