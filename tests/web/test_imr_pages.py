"""The IMR clock on a case's page and the IMR steps as forms, on both stores."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any
from uuid import UUID

from flask.testing import FlaskClient

from domain.recording import acting_as
from tenants.platform import Platform
from tests.web.conftest import People, csrf, page_text, sign_in
from tests.web.test_case_pages import open_case

POLICE, HEALTH, COUNCIL = "West Midlands Police", "Black Country ICB", "City Council Housing"


def submit(visitor: FlaskClient, url: str, data: dict[str, Any]) -> Any:
    page = visitor.get(url)
    assert page.status_code == 200, url
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page.data.decode())
    assert version
    return visitor.post(url, data={"csrf_token": csrf(page.data), "version": version[1], **data})


def under_review(platform: Platform, tenant: str, reference: str) -> UUID:
    review = open_case(platform, tenant, reference)
    with acting_as("system"), platform.ledgers.lease(tenant) as ledger:
        ledger.reviews.decide(review, date(2024, 2, 20), "hold")
    return review


def test_a_panel_runs_three_imrs_through_the_pages_and_sees_the_clock(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = under_review(platform, people.tenant, "IMR-1")
    sign_in(visitor, people.names["officer"])
    base = f"/partnerships/{people.tenant}/cases/{review}"
    for agency in (POLICE, HEALTH, COUNCIL):
        done = submit(
            visitor,
            f"{base}/imr-request",
            {"agency": agency, "on": ["1", "3", "2024"], "due_on": ["1", "4", "2024"]},
        )
        assert done.status_code == 302, done.data.decode()[:2000]
    steps = [
        ("imr-return", {"agency": POLICE, "on": ["28", "3", "2024"], "with_chronology": "y"}),
        (
            "imr-extension",
            {
                "agency": HEALTH,
                "on": ["25", "3", "2024"],
                "due_on": ["15", "4", "2024"],
                "reason": "Author on leave",
            },
        ),
        ("imr-chase", {"agency": COUNCIL, "on": ["8", "4", "2024"]}),
        ("imr-return", {"agency": HEALTH, "on": ["17", "4", "2024"], "with_chronology": "y"}),
        ("imr-return", {"agency": COUNCIL, "on": ["21", "4", "2024"], "with_chronology": "y"}),
        ("imr-assessment", {"agency": POLICE, "on": ["2", "4", "2024"], "outcome": "accepted"}),
        (
            "imr-assessment",
            {
                "agency": COUNCIL,
                "on": ["22", "4", "2024"],
                "outcome": "returned",
                "points": "Cover the 2023 referrals\nSay who saw the risk assessment",
            },
        ),
    ]
    for slug, data in steps:
        done = submit(visitor, f"{base}/{slug}", data)
        assert done.status_code == 302, (slug, done.data.decode()[:3000])
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        imrs = {i.agency: i for i in ledger.reviews.get(review).imrs}
    assert imrs[POLICE].accepted and imrs[HEALTH].awaiting_assessment and imrs[COUNCIL].returned
    assert imrs[COUNCIL].assessments[0].points == (
        "Cover the 2023 referrals",
        "Say who saw the risk assessment",
    )
    page = visitor.get(base).data.decode()
    assert "Individual Management Reviews" in page and "Returned for more work" in page
    text = page_text(page.encode())
    assert "15 Apr 2024 Extended from 1 Apr 2024" in text and "1 Last 8 Apr 2024" in text
    assert '<span class="app-nowrap">15 Apr 2024</span>' in page  # a date on one line
    assert "IMR from City Council Housing returned for more work" in page  # the history says so
    assert "imr-assessment" in page  # Health's IMR still awaits the panel


def test_a_refused_imr_step_says_why_and_records_nothing(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = under_review(platform, people.tenant, "IMR-2")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.imrs.request(review, POLICE, date(2024, 3, 1), date(2024, 4, 1))
        ledger.imrs.receive(review, POLICE, date(2024, 3, 20))
        before = ledger.reviews.get(review).version
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/imr-assessment"
    html = submit(
        visitor, url, {"agency": POLICE, "on": ["22", "3", "2024"], "outcome": "returned"}
    ).data.decode()
    assert "needs at least one point" in html
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.reviews.get(review).version == before


def test_the_home_page_lists_the_cases_whose_imrs_are_late(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """Late as the case's IMR clock says: awaited (or returned) past the date asked; an IMR
    received, even late, or not yet due, needs nothing today."""
    late = under_review(platform, people.tenant, "IMR-LATE")
    on_time = under_review(platform, people.tenant, "IMR-ONTIME")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.imrs.request(late, POLICE, date(2024, 3, 1), date(2024, 4, 1))
        ledger.imrs.request(late, HEALTH, date(2024, 3, 1), date(2024, 4, 1))
        ledger.imrs.request(late, COUNCIL, date(2024, 3, 1), date(2024, 4, 1))
        ledger.imrs.receive(late, COUNCIL, date(2024, 4, 20))  # late, but sent
        ledger.imrs.request(on_time, POLICE, date(2024, 3, 1), date(2024, 4, 1))
        ledger.imrs.receive(on_time, POLICE, date(2024, 3, 20))
        ledger.imrs.request(on_time, HEALTH, date(2024, 3, 1), date(2099, 4, 1))
    sign_in(visitor, people.names["officer"])
    page = visitor.get(f"/partnerships/{people.tenant}/cases").data.decode()
    attention = page_text(page.split("Needs attention today", 1)[1].split("</div>", 1)[0].encode())
    assert "IMRs late, not sent by the date asked: 2 in 1 case" in attention
    assert "IMR-LATE: 2 IMRs late" in attention and "IMR-ONTIME" not in attention
    assert f'href="/partnerships/{people.tenant}/cases/{late}#imrs"' in page


def test_the_case_page_leads_to_recording_that_a_named_agency_sent_its_imr(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """The page says what is recorded and who sent it: the agency chosen and named, the date
    received, and whether the agency's chronology came with it."""
    review = under_review(platform, people.tenant, "IMR-SENT")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.imrs.request(review, POLICE, date(2024, 3, 1), date(2024, 4, 1))
        ledger.imrs.request(review, HEALTH, date(2024, 3, 1), date(2024, 4, 1))
    sign_in(visitor, people.names["officer"])
    base = f"/partnerships/{people.tenant}/cases/{review}"
    case = visitor.get(base).data.decode()
    link = re.search(r'href="([^"]*)">Record that West Midlands Police sent its IMR<', case)
    assert link and "Record that Black Country ICB sent its IMR" in case
    url = html.unescape(link[1])
    form = visitor.get(url).data.decode()
    said = page_text(form.encode())
    assert "Record that West Midlands Police sent its IMR" in said
    assert "Which agency sent its IMR?" in said and "Date received" in said
    assert "The agency sent its chronology with it" in said
    assert re.search(r'<option [^>]*value="West Midlands Police"[^>]*selected', form)
    done = submit(
        visitor, url, {"agency": POLICE, "on": ["20", "3", "2024"], "with_chronology": "y"}
    )
    assert done.status_code == 302, done.data.decode()[:2000]
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        imrs = {i.agency: i for i in ledger.reviews.get(review).imrs}
    assert imrs[POLICE].received_on == date(2024, 3, 20) and imrs[POLICE].with_chronology
    assert imrs[HEALTH].outstanding
    case = page_text(visitor.get(base).data)
    assert "Record that Black Country ICB sent its IMR" in case
    assert "Record that West Midlands Police sent its IMR" not in case
