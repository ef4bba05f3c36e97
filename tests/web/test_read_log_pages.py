"""The auditor's read log on both stores: refused attempts to read a partnership's cases (pages
and API, outside the grant or a role that may not) are recorded and listed, without the case's
content, and the auditor chooses the days shown."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient

from domain.audit.seal import Export
from domain.calendar import uk_today
from domain.recording import acting_as
from tenants.platform import Platform
from tenants.users.read_log import refused_reads
from tests.web.conftest import People, csrf, page_text, sign_in, sign_in_with_code


def a_case(platform: Platform, people: People) -> UUID:
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        return ledger.reviews.notify(
            "RL-1", date(2024, 1, 1), date(2024, 1, 3), "Pseudonym-Zed", "dhr", "familial_homicide"
        )


def boxes(day: date) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


def test_refused_attempts_to_read_a_case_are_recorded_and_listed_for_the_auditor(
    web_app: Flask, visitor: FlaskClient, platform: Platform, people: People
) -> None:
    review = a_case(platform, people)
    case = f"/partnerships/{people.tenant}/cases/{review}"
    neighbour, regional = web_app.test_client(), web_app.test_client()
    platform.access.rename_user(people.names["regional"], "Rachel Green")
    sign_in(neighbour, people.names["neighbour_officer"])
    sign_in(regional, people.names["regional"])
    token = platform.access.issue_token(people.names["neighbour_officer"]).secret

    assert neighbour.get(case).status_code == 404  # outside the grant
    assert regional.get(case).status_code == 403  # in scope, the role may not
    api = neighbour.get(
        f"/api/v1/tenants/{people.tenant}/reviews/{review}",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert api.status_code == 404
    assert neighbour.get(f"/partnerships/no-such-{people.tenant}/cases/{review}").status_code == 404
    assert neighbour.get("/audit/reads").status_code == 403  # not a case: not in this log

    today = uk_today()
    recorded = refused_reads(platform.access, [people.tenant], today, today)
    assert [(r.reader, r.status) for r in recorded] == [
        (people.names["neighbour_officer"], 404),
        (people.names["regional"], 403),
        (people.names["neighbour_officer"], 404),
    ]
    assert all(str(review) in r.path for r in recorded)
    sign_in_with_code(visitor, people.names["auditor"], people.totp["auditor"])
    page = visitor.get("/audit/reads")
    assert page.status_code == 200
    refused = page_text(page.data).split("Refused attempts to read cases")[1]
    assert "3 refused attempts" in refused
    assert f"{people.names['neighbour_officer']} Northtown A case: RL-1 Outside their grant" in (
        refused
    )
    assert (  # the person by name, and by user name to tell two of one name apart
        f"Rachel Green ({people.names['regional']}) Northtown A case: RL-1 Their role may not"
        in refused
    )
    assert "A case (through the API): RL-1 Outside their grant" in refused
    assert "Pseudonym-Zed" not in page_text(page.data)


def test_the_auditor_chooses_the_days_the_read_log_shows(
    visitor: FlaskClient, platform: Platform, people: People
) -> None:
    review = a_case(platform, people)
    sign_in_with_code(visitor, people.names["auditor"], people.totp["auditor"])
    assert visitor.get(f"/audit/partnerships/{people.tenant}/cases/{review}").status_code == 200
    today = uk_today()

    default = page_text(visitor.get("/audit/reads").data)
    earlier = visitor.get(
        "/audit/reads",
        query_string={"since": boxes(today - timedelta(days=60)), "until": boxes(today - timedelta(days=30))},
    )  # fmt: skip
    longer = visitor.get("/audit/reads", query_string={"since": boxes(today - timedelta(days=91))})

    week_ago = today - timedelta(days=6)
    assert f"from {week_ago:%-d %B %Y} to {today:%-d %B %Y}" in default
    assert "A case's history: RL-1" in default
    assert earlier.status_code == 200
    shown = page_text(earlier.data)
    past = today - timedelta(days=60), today - timedelta(days=30)
    assert f"from {past[0]:%-d %B %Y} to {past[1]:%-d %B %Y}" in shown
    assert "You have opened nothing in these days" in shown and "RL-1" not in shown
    assert "A case's history: RL-1" in page_text(longer.data)  # to today, 92 days in all


def test_a_period_that_cannot_be_shown_is_refused_in_words(
    visitor: FlaskClient, people: People
) -> None:
    sign_in_with_code(visitor, people.names["auditor"], people.totp["auditor"])
    today = uk_today()
    for asked, said in (
        ({"since": boxes(today), "until": boxes(today - timedelta(days=1))}, "The first date must be on or before the last date"),
        ({"since": boxes(today - timedelta(days=92))}, "Choose at most 92 days, from the first date to the last"),
        ({"until": boxes(today + timedelta(days=1))}, "The last date must be today"),
        ({"since": ["31", "2", "2025"]}, "The first date must be a real date"),
    ):  # fmt: skip
        page = visitor.get("/audit/reads", query_string=asked)
        assert page.status_code == 200
        shown = page_text(page.data)
        assert "There is a problem" in shown and said in shown, asked
        assert f"to {today:%-d %B %Y}" in shown  # the last 7 days shown meanwhile


def test_opening_the_audit_bundle_page_is_logged_as_a_view_and_only_a_download_as_one(
    visitor: FlaskClient, platform: Platform, people: People
) -> None:
    """Opening the page read "An audit bundle" in the log, as a download did: an auditor
    reading their log took a glance for a bundle taken away. Now the page is a view, a form
    sent back with an error is the page again, and only a bundle sent is a download."""
    a_case(platform, people)
    sign_in_with_code(visitor, people.names["auditor"], people.totp["auditor"])
    page = f"/partnerships/{people.tenant}/audit-bundle"

    def log() -> str:
        shown = visitor.get("/audit/reads").data.decode()
        return page_text(shown.split('id="your-reads"')[1].split('id="refused"')[0].encode())

    opened = visitor.get(page)
    assert opened.status_code == 200
    assert "The audit bundle page, viewed" in log() and "downloaded" not in log()

    token = csrf(opened.data)
    wrong = visitor.post(
        f"{page}/download", data={"csrf_token": token, "since": ["31", "2", "2025"]}
    )
    assert wrong.status_code == 200 and "There is a problem" in page_text(wrong.data)
    assert "downloaded" not in log() and not platform.audit.exports(people.tenant)

    zipped = visitor.post(f"{page}/download", data={"csrf_token": token})
    assert zipped.status_code == 200 and zipped.mimetype == "application/zip"
    shown = log()
    assert shown.count("An audit bundle, downloaded") == 1
    assert shown.count("The audit bundle page, viewed") == 2  # opened, and sent back once


def test_a_download_logged_at_the_bundle_pages_address_before_it_had_its_own_is_a_download(
    visitor: FlaskClient, platform: Platform, people: People
) -> None:
    """Until downloads had their own address the page's address was logged for both; each such
    entry followed by an export for the same auditor (and no download entry) was a download, so
    the log does not call it a view. A view of the page is still a view."""
    a_case(platform, people)
    name = people.names["auditor"]
    auditor = platform.access.user(name)
    region = platform.registry.tenant(people.tenant).region
    page = f"/partnerships/{people.tenant}/audit-bundle"
    platform.access.record_audit_read(auditor.id, page, people.tenant, region)  # only viewed
    platform.access.record_audit_read(auditor.id, page, people.tenant, region)  # then pressed
    sent = Export(datetime.now(tz=UTC), f"auditor:{name}", None, 3, 3, "0" * 64)
    platform.audit.record_export(people.tenant, sent)
    sign_in_with_code(visitor, name, people.totp["auditor"])

    shown = page_text(visitor.get("/audit/reads").data.decode().split('id="refused"')[0].encode())

    assert shown.count("An audit bundle, downloaded") == 1
    assert shown.count("The audit bundle page, viewed") == 1
