"""The regional board paper's counts in words for none, one and many: "no reviews were
decommissioned", "1 review was", "2 reviews were", never "0 decommissioned" or "1 reviews"."""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta
from html import unescape

import pytest
from flask.testing import FlaskClient

from tenants.platform import Platform
from tenants.users.onboarding import add_user
from tests.projections.support import new_partnership, open_case, recommend
from tests.spreadsheets.conftest import TODAY

UNTIL = date(2020, 12, 31)


def region_with(platform: Platform, n: int) -> str:
    """A one-partnership region with ``n`` reviews decommissioned, ``n`` paused for an inquest
    on the period's last day and ``n`` actions overdue then."""
    region, slug = new_partnership(platform, "counts")
    with platform.ledgers.lease(slug) as app:
        for i in range(n):
            incident = date(2020, 1, 1) + timedelta(days=i)
            gone = open_case(app, f"DEC-{i}", incident)
            app.reviews.decommission(gone, incident + timedelta(days=60), "Home Office agreed")
            paused = open_case(app, f"PAU-{i}", incident)
            app.reviews.pause(paused, date(2020, 6, 1), "inquest")
            rec = recommend(app, paused, "R1", ["coercive-control"])
            app.actions.plan(rec, "Police", f"Brief officers {i}", date(2020, 9, 30))
    return region


def paragraphs(client: FlaskClient, platform: Platform, region: str) -> str:
    """The paper's numbered paragraphs as rendered to HTML, in one line of words."""
    who = f"analyst-{uuid.uuid4().hex[:6]}"
    add_user(platform, who, "regional_lead", (), (region,))
    token = platform.access.issue_token(who).secret
    url = f"/api/v1/regions/{region}/reports/regional?until={UNTIL}&as_of={TODAY}&format=html"
    html = client.get(url, headers={"Authorization": f"Bearer {token}"})
    assert html.status_code == 200, html.data
    found = re.findall(r'<p class="para">(.*?)</p>', html.data.decode(), re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", " ".join(found))).split())


@pytest.mark.parametrize(
    ("n", "said"),
    [
        (
            0,
            (
                "The partnership has commenced no reviews and completed none in the period. "
                "In the period no reviews were decommissioned; on 31 December 2020, no reviews "
                "were paused for parallel proceedings.",
                "No actions are overdue and no completed actions await their impact review.",
                "No themes recur in more than one partnership in the period.",
                "No case was notified in the period. On 31 December 2020, no cases were more "
                "than 7 months past the incident",
                "No review has costs recorded in the period, so no cost per DHR is given.",
                "across the one Community Safety Partnership of",
            ),
        ),
        (
            1,
            (
                "The partnership has commenced 2 reviews and completed none in the period. "
                "In the period 1 review was decommissioned; on 31 December 2020, 1 review was "
                "paused for parallel proceedings.",
                "1 action is overdue and no completed actions await their impact review.",
            ),
        ),
        (
            2,
            (
                "The partnership has commenced 4 reviews and completed none in the period. "
                "In the period 2 reviews were decommissioned; on 31 December 2020, 2 reviews "
                "were paused for parallel proceedings.",
                "2 actions are overdue and no completed actions await their impact review.",
                "Of the 4 decisions made on cases notified in the period, none came more than "
                "a month after the incident. On 31 December 2020, no cases were more than 7 "
                "months past the incident",
            ),
        ),
    ],
)
def test_the_regional_paper_counts_read_right_for_none_one_and_many(
    client: FlaskClient, platform: Platform, n: int, said: tuple[str, ...]
) -> None:
    words = paragraphs(client, platform, region_with(platform, n))
    for sentence in said:
        assert sentence in words, words
    assert not re.search(r"\b1 (reviews|cases|actions|themes|partnerships)\b", words), words
    assert not re.search(r"\b0 (decommissioned|paused|reviews|cases|actions|came)\b", words), words
