"""An action planned through the form records the owner's directory key; every place a person
reads the owner names the body instead (page, title, plan, filter, downloads, board paper,
history), while owners typed as free text before the directory read as they were recorded."""

from __future__ import annotations

import csv
import io
import re
import subprocess
from datetime import date
from pathlib import Path
from uuid import UUID

from flask.testing import FlaskClient
from openpyxl import load_workbook

from domain.actionplan import Scope
from domain.recording import acting_as
from domain.themes import ThemeKind
from tenants.platform import Platform
from tests.web.conftest import People, page_text, post_form, sign_in, sign_in_with_code
from tests.web.test_case_pages import open_case

HOUSING, HOUSING_NAME = "mid-housing", "Midshire Housing"
FREE_TEXT = "Mental Health Trust"  # typed before the region kept a directory
TITLE = re.compile(r"<title>\s*([^<]*?)\s*</title>")


def directory_and_case(platform: Platform, people: People) -> tuple[UUID, UUID]:
    """The region's directory lists the housing body (also written "Housing Dept"); a case
    with a recommendation whose older actions name their owners in free text."""
    with platform.region_ledgers.lease(people.region) as region:
        region.partners.add(HOUSING, HOUSING_NAME, "housing", date(2015, 4, 1))
        region.partners.add("mid-police", "Midshire Police", "police", date(2015, 4, 1))
        region.partners.map_name("Housing Dept", HOUSING, date(2015, 4, 1))
    review = open_case(platform, people.tenant, "OWN-1")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        theme = ledger.themes.all(ThemeKind.THEME)[0].code
        rec = ledger.recommendations.make(
            review,
            "1",
            "House the family.",
            Scope.MULTI_AGENCY,
            date(2024, 5, 1),
            [theme],
            target_sector="housing",
        )
        ledger.actions.plan(rec, HOUSING_NAME, "Audit tenancy checks.", date(2030, 1, 31))
        ledger.actions.plan(rec, "Housing Dept", "Train housing officers.", date(2030, 1, 31))
        ledger.actions.plan(rec, FREE_TEXT, "Share risk plans.", date(2030, 1, 31))
    return review, rec


def _plan(visitor: FlaskClient, people: People, query: str = "") -> str:
    return visitor.get(f"/partnerships/{people.tenant}/action-plan{query}").data.decode()


def test_a_planned_actions_page_and_its_steps_name_the_owner_not_its_key(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review, rec = directory_and_case(platform, people)
    sign_in(visitor, people.names["officer"])
    action = planned_action(visitor, people, platform, review, rec)
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.actions.get(action).owner == HOUSING  # stored as recorded: the key

    page = visitor.get(f"/partnerships/{people.tenant}/actions/{action}").data.decode()
    title = TITLE.search(page)
    assert title and title.group(1).startswith(f"Action for {HOUSING_NAME}")
    assert f'<h1 class="govuk-heading-l">Action for {HOUSING_NAME}</h1>' in page
    said = page_text(page.encode())
    assert f"Owner {HOUSING_NAME}" in said
    assert f"Action planned for {HOUSING_NAME}" in said  # the timeline
    assert HOUSING not in page
    step = visitor.get(f"/partnerships/{people.tenant}/actions/{action}/progress").data.decode()
    assert f"Action for {HOUSING_NAME}" in step and HOUSING not in step

    case = visitor.get(f"/partnerships/{people.tenant}/cases/{review}").data.decode()
    assert HOUSING not in case and "Housing Dept" not in case
    assert page_text(case.encode()).count(HOUSING_NAME) == 3 and FREE_TEXT in case


def test_the_plan_and_its_owner_filter_have_one_entry_per_body(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review, rec = directory_and_case(platform, people)
    sign_in(visitor, people.names["officer"])
    planned_action(visitor, people, platform, review, rec)

    plan = _plan(visitor, people)
    assert HOUSING not in plan and "Housing Dept" not in plan
    owners = owner_choices(plan)
    assert owners == ["Any owner", FREE_TEXT, HOUSING_NAME]  # key, name and alias: one body
    rows = page_text(plan.split("<table", 1)[1].encode())
    assert rows.count(HOUSING_NAME) == 3 and FREE_TEXT in rows

    for asked in (HOUSING_NAME, HOUSING, "housing dept"):  # an older link may carry a key
        chosen = _plan(visitor, people, f"?owner={asked}")
        said = page_text(chosen.encode())
        assert "4 actions shown" not in said and "3 actions shown" in said, asked
        assert "Rehouse the family first." in said and "Audit tenancy checks." in said
        assert "Train housing officers." in said and "Share risk plans." not in said
        assert f'<option value="{HOUSING_NAME}" selected>' in chosen
    free = page_text(_plan(visitor, people, f"?owner={FREE_TEXT}").encode())
    assert "1 action shown" in free and "Share risk plans." in free


def test_the_plans_downloads_and_board_paper_name_the_owner(
    visitor: FlaskClient, people: People, platform: Platform, tmp_path: Path
) -> None:
    review, rec = directory_and_case(platform, people)
    sign_in(visitor, people.names["officer"])
    planned_action(visitor, people, platform, review, rec)
    base = f"/partnerships/{people.tenant}"

    table = visitor.get(f"{base}/downloads/action-plan.csv")
    assert table.status_code == 200, table.data[:300]
    rows = list(csv.DictReader(io.StringIO(table.data.decode("utf-8-sig"))))
    owners = {r["Action"]: r["Owner agency"] for r in rows}
    assert owners["Rehouse the family first."] == HOUSING_NAME
    assert owners["Train housing officers."] == HOUSING_NAME
    assert owners["Share risk plans."] == FREE_TEXT
    book = load_workbook(io.BytesIO(visitor.get(f"{base}/downloads/action-plan.xlsx").data))
    sheet = book["Action plan"]
    column = [c.value for c in sheet[1]].index("Owner agency")
    cells = {row[column] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert cells == {HOUSING_NAME, FREE_TEXT}

    paper = visitor.get(f"{base}/papers/action-plan.html").data.decode()
    overdue = page_text(paper.split("Table 1", 1)[1].split("Table 2", 1)[0].encode())
    assert HOUSING_NAME in overdue and "Rehouse the family first." in overdue
    assert HOUSING not in paper
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(visitor.get(f"{base}/papers/action-plan.pdf").data)
    read = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True)
    text = " ".join(read.stdout.split())  # a cell's name may wrap onto a second line
    assert HOUSING_NAME in text and HOUSING not in text


def test_the_auditors_history_names_the_owner(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review, rec = directory_and_case(platform, people)
    sign_in(visitor, people.names["officer"])
    action = planned_action(visitor, people, platform, review, rec)
    auditor = visitor.application.test_client()
    sign_in_with_code(auditor, people.names["auditor"], people.totp["auditor"])

    history = auditor.get(f"/audit/partnerships/{people.tenant}/actions/{action}").data.decode()
    said = page_text(history.encode())
    assert f"OWN-1 1: {HOUSING_NAME}" in said and f"Owner {HOUSING_NAME}" in said
    assert HOUSING not in history
    case = auditor.get(f"/audit/partnerships/{people.tenant}/cases/{review}").data.decode()
    assert f"1: {HOUSING_NAME}" in page_text(case.encode()) and HOUSING not in case


def planned_action(
    visitor: FlaskClient, people: People, platform: Platform, review: UUID, rec: UUID
) -> UUID:
    """Plan the housing body's action through the form and find it in the ledger."""
    form = f"/partnerships/{people.tenant}/cases/{review}/action"
    assert f'<option value="{HOUSING}">{HOUSING_NAME}</option>' in visitor.get(form).data.decode()
    planned = post_form(
        visitor,
        form,
        {
            "recommendation": str(rec),
            "owner": HOUSING,
            "description": "Rehouse the family first.",
            "due_on": ["1", "12", "2024"],  # past: overdue, so on the board paper's table 1
        },
    )
    assert planned.status_code == 302, planned.data.decode()[:2000]
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        return next(a.id for a in ledger.actions.of_recommendation(rec) if a.owner == HOUSING)


def owner_choices(page: str) -> list[str]:
    select = page.split('name="owner"', 1)[1].split("</select>", 1)[0]
    return [html_text.strip() for html_text in re.findall(r"<option[^>]*>([^<]*)</option>", select)]
