"""Preparing the region's board paper on a page: a quarter or a year in one click, the meeting,
its date and whom to contact, refused in words when the period cannot be, and sent on to the
paper with what was chosen."""

from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

from flask.testing import FlaskClient

from api.web.board_paper import periods
from domain.calendar import uk_today
from tests.web.conftest import People, sign_in
from tests.web.conftest import page_text as text


def test_the_periods_offered_are_the_last_quarter_this_year_so_far_and_last_year() -> None:
    spans = [(a, b) for _, a, b in periods(date(2026, 12, 4))]
    assert spans == [
        (date(2026, 7, 1), date(2026, 9, 30)),
        (date(2026, 4, 1), date(2026, 12, 4)),
        (date(2025, 4, 1), date(2026, 3, 31)),
    ]
    # in a year's first quarter the last quarter is the previous year's fourth
    assert periods(date(2027, 5, 10))[0][1:] == (date(2027, 1, 1), date(2027, 3, 31))
    assert periods(date(2027, 1, 1))[0][1:] == (date(2026, 10, 1), date(2026, 12, 31))
    assert (
        periods(date(2027, 1, 1))[0][0] == "The last quarter (1 October 2026 to 31 December 2026)"
    )


def test_an_analyst_prepares_a_quarterly_paper_for_a_meeting_to_come(
    visitor: FlaskClient, people: People
) -> None:
    sign_in(visitor, people.names["regional"])
    reports = visitor.get("/reports").data.decode()
    form_url = f"/regions/{people.region}/papers/regional"
    assert f'href="{form_url}"' in reports
    dashboard = visitor.get(f"/regions/{people.region}/dashboard?on=30&on=9&on=2013").data
    assert "Prepare a board paper from these figures" in text(dashboard)
    assert f"{form_url}?until=30&amp;until=9&amp;until=2013" in dashboard.decode()

    page = visitor.get(form_url).data.decode()
    quarter = re.search(r'href="([^"]+)">The last quarter \(([^)]+)\)', page)
    assert quarter is not None
    chosen = visitor.get(quarter.group(1).replace("&amp;", "&")).data.decode()
    first = periods(uk_today())[0][1]
    assert f'name="since" type="text" value="{first.day}"' in chosen  # the boxes filled in

    meeting_day = uk_today() + timedelta(days=400)  # a meeting may be to come
    answers = {
        "since": [str(first.day), str(first.month), str(first.year)],
        "until": ["30", "9", "2026"],
        "meeting": "Heads of Community Safety, quarterly",
        "meeting_date": [str(meeting_day.day), str(meeting_day.month), str(meeting_day.year)],
        "contact": "R. Green, OPCC policy officer",
        "html": "Read it as a web page",
    }
    sent = visitor.get(form_url, query_string=answers)
    assert sent.status_code == 302
    address = urlsplit(sent.headers["Location"])
    assert address.path == f"/regions/{people.region}/papers/regional.html"
    assert parse_qs(address.query) == {
        "since": [first.isoformat()],
        "until": ["2026-09-30"],
        "meeting_date": [meeting_day.isoformat()],
        "meeting": ["Heads of Community Safety, quarterly"],
        "contact": ["R. Green, OPCC policy officer"],
    }
    paper = text(visitor.get(sent.headers["Location"]).data)
    assert "Meeting Heads of Community Safety, quarterly" in paper
    assert f"Date {meeting_day:%-d %B %Y}" in paper
    assert "Officer to contact: R. Green, OPCC policy officer" in paper
    assert "Table 2a: individual management reviews late, by agency" in paper

    pdf = visitor.get(form_url, query_string={**answers, "html": None, "pdf": "x"})
    assert pdf.status_code == 302 and ".pdf?" in pdf.headers["Location"]


def test_a_period_that_cannot_be_is_refused_beside_its_box(
    visitor: FlaskClient, people: People
) -> None:
    sign_in(visitor, people.names["regional"])
    form_url = f"/regions/{people.region}/papers/regional"
    later = uk_today() + timedelta(days=400)
    cases: list[tuple[dict[str, str | list[str]], str, str]] = [
        ({"since": ["1", "10", "2026"], "until": ["30", "9", "2026"]}, "since", "on or before"),
        ({"until": [str(later.day), str(later.month), str(later.year)]}, "until", "today or"),
        ({"since": ["1", "1", "2009"]}, "since", "13 4 2011 or after"),
        ({"since": ["31", "2", "2014"]}, "since", "must be a real date"),
        ({"meeting": "x" * 201}, "meeting", "200 characters or fewer"),
        (
            {"until": ["30", "9", "2013"], "meeting_date": ["1", "1", "2012"]},
            "meeting_date",
            "on or after the last day of the period",
        ),
    ]
    for answers, field, words in cases:
        page = visitor.get(form_url, query_string={**answers, "pdf": "x"})
        assert page.status_code == 200, answers
        shown = page.data.decode()
        assert "There is a problem" in shown and words in text(page.data), answers
        anchor = "#meeting" if field == "meeting" else f"#{field}-day"
        assert f'href="{anchor}"' in shown, answers
    typed = visitor.get(f"/regions/{people.region}/papers/regional.pdf?meeting={'x' * 201}")
    assert typed.status_code == 400 and "200 characters or fewer" in typed.data.decode()


def test_only_those_who_read_the_region_prepare_its_paper(
    visitor: FlaskClient, people: People
) -> None:
    sign_in(visitor, people.names["officer"])
    assert visitor.get(f"/regions/{people.region}/papers/regional").status_code in (403, 404)


def test_the_form_says_what_date_a_paper_left_without_a_meeting_date_carries(
    visitor: FlaskClient, people: People
) -> None:
    """It said the paper was then dated the period's last day: a paper made in December for
    last year read as if written on 31 March. It is dated the day it is made."""
    sign_in(visitor, people.names["regional"])
    page = text(visitor.get(f"/regions/{people.region}/papers/regional").data)
    assert "Empty: the paper is dated the day you download it." in page, page
    assert "Empty: the last day of the period" not in page
