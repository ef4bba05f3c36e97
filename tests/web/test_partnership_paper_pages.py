"""A partnership's own DHR board paper: prepared on a page like the region's, read back from
its tagged PDF, and only for the partnership's own people."""

from __future__ import annotations

import re
import subprocess
from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from domain.recording import acting_as
from tenants.platform import Platform
from tests.web.conftest import People, sign_in
from tests.web.test_agency_work_pages import main_text
from tests.web.test_imr_pages import under_review


def _pdf(pdf: bytes, tool: str) -> str:
    args = ["pdftotext", "-layout", "-", "-"] if tool == "pdftotext" else ["pdfinfo", "-"]
    return subprocess.run(args, input=pdf, check=True, capture_output=True).stdout.decode()


def _cases(platform: Platform, tenant: str) -> None:
    """One review long past its 7 months, one paused for a trial."""
    under_review(platform, tenant, "LATE-1")
    paused = under_review(platform, tenant, "WAIT-2")
    with acting_as("system"), platform.ledgers.lease(tenant) as ledger:
        ledger.reviews.pause(paused, date(2024, 3, 1), "criminal_trial", "trial listed")


def test_the_lead_prepares_the_paper_from_reports_and_reads_its_reviews_plan_and_costs(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    _cases(platform, people.tenant)
    sign_in(visitor, people.names["lead"])
    reports = visitor.get("/reports").data.decode().split("<main", 1)[1].split("</main>")[0]
    prepare = f"/partnerships/{people.tenant}/papers/partnership"
    assert f'href="{prepare}"' in reports
    cases = visitor.get(f"/partnerships/{people.tenant}/cases").data.decode()
    assert f'href="{prepare}"' in cases.split("<main", 1)[1].split("</main>")[0]
    form = visitor.get(prepare)
    assert "Prepare the partnership's board paper" in main_text(form.data)
    asked = visitor.get(
        prepare,
        query_string={
            "meeting": "Northtown Safer Communities Board",
            "meeting_date": ["21", "1", str(date.today().year + 1)],
            "pdf": "Download the paper (PDF)",
        },
    )
    assert asked.status_code == 302, main_text(asked.data)
    pdf = visitor.get(asked.headers["Location"])
    assert pdf.mimetype == "application/pdf"
    info = _pdf(pdf.data, "pdfinfo")
    assert re.search(r"Tagged:\s+yes", info) and "Domestic Homicide Reviews in Northtown" in info
    text = " ".join(_pdf(pdf.data, "pdftotext").split())
    for heading in (
        "Reviews under way",
        "Table 1: reviews under way",
        "The action plan",
        "Table 2: actions by state",
        "Table 3: overdue actions",
        "Table 4: completed actions awaiting impact review",
        "Table 5: what the reviews cost",
        "Financial implications",
    ):
        assert heading in text, heading
    assert "Northtown Safer Communities Board" in text
    # the late case first with the register's clock words, the paused one with why
    late, paused = text.index("LATE-1"), text.index("WAIT-2")
    assert late < paused and "Past 7 months" in text[late:paused]
    assert "WAIT-2 has been paused since 1 March 2024, for a criminal trial (trial listed)" in text


def test_a_meeting_before_the_figures_is_refused_on_the_page(
    visitor: FlaskClient, people: People
) -> None:
    sign_in(visitor, people.names["officer"])
    said = visitor.get(
        f"/partnerships/{people.tenant}/papers/partnership",
        query_string={
            "meeting_date": ["1", "1", "2020"],
            "html": "Read it as a web page",
        },
    )
    assert said.status_code == 200
    assert "The meeting's date must be on or after" in main_text(said.data)


def test_only_the_partnerships_own_people_get_its_paper(people: People, web_app: Flask) -> None:
    page = f"/partnerships/{people.tenant}/papers/partnership"
    paper = f"{page}.html"
    expected = {
        "officer": (200, 200),
        "lead": (200, 200),
        "neighbour_officer": (404, 404),
        "regional": (403, 403),
    }
    for who, codes in expected.items():
        visitor = web_app.test_client()
        sign_in(visitor, people.names[who])
        got = tuple(visitor.get(url).status_code for url in (page, paper))
        assert got == codes, who


def test_table_5_shows_a_decommissioned_reviews_estimate_set_aside_only_where_there_is_one() -> (
    None
):
    """Its note says a decommissioned review's estimate "shows as set aside": the table then
    has that column (with its total), and a table without such a review has no empty one."""
    from api.papers.partnership_parts import costs_parts

    def row(ref: str, estimated: int | None, set_aside: int | None) -> dict[str, object]:
        return {
            "review_id": ref,
            "reference": ref,
            "status": "Decommissioned" if set_aside else "Under review",
            "agreed_cost_pence": 850_000,
            "estimated_pence": estimated,
            "estimate_set_aside_pence": set_aside,
            "incurred_pence": 0,
        }

    live = row("LIVE-1", 1_800_000, None)
    table = costs_parts([live, row("GONE-1", None, 1_800_000)])[0].tables[0]
    keys = [c.key for c in table.section.columns]
    assert keys[-3:] == ["estimated_pence", "estimate_set_aside_pence", "incurred_pence"]
    assert table.rows[-1]["estimate_set_aside_pence"] == 1_800_000  # the total row
    alone = costs_parts([live])[0].tables[0]
    assert "estimate_set_aside_pence" not in [c.key for c in alone.section.columns]


def test_table_5_sets_a_decommissioned_reviews_agreed_cost_aside_and_out_of_the_total() -> None:
    """A decommissioned review spends nothing more: its agreed cost is no longer in the agreed
    total the financial implications give the board, but in its own column beside the agreed
    one (with its total), and the implications say what was set aside."""
    from api.papers.partnership_parts import costs_parts
    from api.tables.bodies import still_to_spend
    from domain.reviews.values import ReviewStatus

    def row(ref: str, status: ReviewStatus) -> dict[str, object]:
        figures = still_to_spend(status, agreed_cost_pence=850_000, estimated_pence=1_800_000)
        return {
            "review_id": ref,
            "reference": ref,
            "status": str(status),
            **figures,
            "incurred_pence": 120_000,
        }

    live, gone = (
        row("LIVE-1", ReviewStatus.UNDER_REVIEW),
        row("GONE-1", ReviewStatus.DECOMMISSIONED),
    )
    costs, implications = costs_parts([live, gone])
    table = costs.tables[0]
    keys = [c.key for c in table.section.columns]
    assert keys[2:] == [
        "agreed_cost_pence",
        "agreed_set_aside_pence",
        "estimated_pence",
        "estimate_set_aside_pence",
        "incurred_pence",
    ]
    total = table.rows[-1]
    assert (total["agreed_cost_pence"], total["agreed_set_aside_pence"]) == (850_000, 850_000)
    assert total["incurred_pence"] == 240_000  # what it did incur still counts
    said = " ".join(implications.paragraphs)
    assert "agreed at £8,500 when commissioned" in said
    assert "£8,500 agreed and £18,000 estimated for them are set aside" in said
    notes = " ".join(table.footnotes)
    assert "Paid from the region's pots" not in notes  # the paper's table has no such column
    assert "agreed_set_aside_pence" not in [
        c.key for c in costs_parts([live])[0].tables[0].section.columns
    ]
