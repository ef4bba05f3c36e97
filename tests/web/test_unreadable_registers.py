"""A case and an action whose stored events were altered, on both stores: the partnership's
own register of cases, its action plan page, their downloads and the plan's board paper leave
them out and say how many, where one altered byte used to make each of them a 500."""

from __future__ import annotations

import io
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from uuid import UUID

from flask.testing import FlaskClient
from openpyxl import load_workbook
from werkzeug.test import TestResponse

from domain.actionplan import Scope
from domain.calendar import uk_today
from domain.recording import acting_as
from tenants.demo.lifecycle import DemoCase, Stage, record
from tenants.platform import Platform
from tests.integration.test_audit_tampering import flip_a_byte
from tests.web.conftest import People, page_text, sign_in

LEFT_OUT = "could not be read and {} left out"


@dataclass(frozen=True)
class Altered:
    case: UUID
    action: UUID


def one_case_and_one_action_altered(platform: Platform, people: People) -> Altered:
    """Two cases (ALT-1 altered) and a recommendation of OK-1 with two actions (the one
    described "Unreadable brief" altered)."""
    with acting_as("officer-1"), platform.ledgers.lease(people.tenant) as ledger:
        altered = ledger.reviews.notify(  # not read back: no cached copy hides the alteration
            "ALT-1", date(2019, 1, 1), date(2019, 1, 3), "Fay", "dhr", "familial_homicide"
        )
        kept = record(ledger, DemoCase("OK-1", "Gil", date(2019, 2, 3), Stage.UNDER_REVIEW))
        rec = ledger.recommendations.make(
            kept,
            "R1",
            "Train staff",
            Scope.MULTI_AGENCY,
            date(2019, 6, 1),
            ["coercive-control"],
            target_sector="police",
        )
        due = date(2019, 6, 1) + timedelta(days=90)
        ledger.actions.plan(rec, "Police", "Readable brief", due)
        action = ledger.actions.plan(rec, "Police", "Unreadable brief", due)
    flip_a_byte(platform, people.tenant, altered, 1)
    flip_a_byte(platform, people.tenant, action, 1)
    return Altered(altered, action)


def notes_of(xlsx: bytes) -> dict[str, str]:
    book = load_workbook(io.BytesIO(xlsx))
    return {str(row[0]): str(row[1]) for row in book["Notes"].iter_rows(values_only=True)}


def sheet_text(xlsx: bytes) -> str:
    book = load_workbook(io.BytesIO(xlsx))
    return " ".join(str(c) for row in book.worksheets[0].iter_rows(values_only=True) for c in row)


def test_the_register_and_the_plan_pages_leave_out_what_cannot_be_read_and_say_so(
    visitor: FlaskClient, platform: Platform, people: People
) -> None:
    one_case_and_one_action_altered(platform, people)
    sign_in(visitor, people.names["officer"])

    register = visitor.get(f"/partnerships/{people.tenant}/cases")
    plan = visitor.get(f"/partnerships/{people.tenant}/action-plan")

    assert register.status_code == 200
    cases = page_text(register.data)
    assert "2 records of your partnership " + LEFT_OUT.format("are") in cases  # case and action
    assert "ask your auditor to verify the partnership’s integrity" in cases
    assert "OK-1" in cases and "Gil" in cases
    assert "ALT-1" not in cases and "Fay" not in cases
    assert plan.status_code == 200
    actions = page_text(plan.data)
    assert "1 record of your partnership " + LEFT_OUT.format("is") in actions
    assert "Readable brief" in actions and "Unreadable brief" not in actions


def test_the_registers_downloads_say_in_their_notes_and_names_what_they_left_out(
    visitor: FlaskClient, platform: Platform, people: People
) -> None:
    one_case_and_one_action_altered(platform, people)
    sign_in(visitor, people.names["officer"])
    base = f"/partnerships/{people.tenant}/downloads"
    yesterday = (date.today() - timedelta(days=1)).isoformat()  # as recorded: replayed

    cases = visitor.get(f"{base}/cases.xlsx")
    cases_csv = visitor.get(f"{base}/cases.csv")
    costs = visitor.get(f"{base}/costs.xlsx")
    plan = visitor.get(f"{base}/action-plan.xlsx")
    plan_then = visitor.get(f"{base}/action-plan.xlsx?as_recorded={date.today().isoformat()}")
    cases_then = visitor.get(f"{base}/cases.csv?as_recorded={yesterday}")

    for got in (cases, cases_csv, costs, plan, plan_then, cases_then):
        assert got.status_code == 200, got.data[:300]
    assert (
        "1 record of the partnership " + LEFT_OUT.format("is") in notes_of(cases.data)["Left out"]
    )
    assert "OK-1" in sheet_text(cases.data) and "ALT-1" not in sheet_text(cases.data)
    assert (
        f'filename="{people.tenant}-cases-{uk_today().isoformat()}-1-left-out.csv"'
        in cases_csv.headers["Content-Disposition"]
    )
    assert "ALT-1" not in cases_csv.data.decode("utf-8-sig")
    assert "1 record of the partnership" in notes_of(costs.data)["Left out"]
    for download in (plan, plan_then):
        assert "1 record of the partnership" in notes_of(download.data)["Left out"]
        assert "Readable brief" in sheet_text(download.data)
        assert "Unreadable brief" not in sheet_text(download.data)
    assert "-as-recorded-" in plan_then.headers["Content-Disposition"]
    assert "Left out" not in cases_then.data.decode()  # nothing was recorded by then
    assert "left-out" not in cases_then.headers["Content-Disposition"]


def test_the_plans_board_paper_says_in_its_purpose_how_many_actions_it_left_out(
    visitor: FlaskClient, platform: Platform, people: People, tmp_path: Path
) -> None:
    one_case_and_one_action_altered(platform, people)
    sign_in(visitor, people.names["officer"])

    pdf = visitor.get(f"/partnerships/{people.tenant}/papers/action-plan.pdf")
    then = visitor.get(
        f"/partnerships/{people.tenant}/papers/action-plan.html",
        query_string={"as_recorded": date.today().isoformat()},
    )

    assert pdf.status_code == 200, pdf.data[:300]
    (tmp_path / "plan.pdf").write_bytes(pdf.data)
    read = subprocess.run(
        ["pdftotext", str(tmp_path / "plan.pdf"), "-"], check=True, capture_output=True, text=True
    )
    words = " ".join(read.stdout.split())
    assert "1 record of the partnership " + LEFT_OUT.format("is") in words
    assert "The plan holds 1 action." in words
    assert then.status_code == 200, then.data[:300]
    assert "1 record of the partnership " + LEFT_OUT.format("is") in page_text(then.data)


def test_the_apis_lists_answer_how_many_records_they_left_out_in_a_header(
    visitor: FlaskClient, platform: Platform, people: People
) -> None:
    one_case_and_one_action_altered(platform, people)
    token = platform.access.issue_token(people.names["auditor"]).secret
    api = f"/api/v1/tenants/{people.tenant}"
    today, now = date.today().isoformat(), datetime.now(UTC).isoformat()

    def get(path: str, **args: str) -> TestResponse:
        return visitor.get(
            f"{api}{path}", query_string=args, headers={"Authorization": f"Bearer {token}"}
        )

    cases, plan = get("/reviews"), get("/action-plan")
    snapshot, then = get("/action-plan/snapshot", on=today), get("/action-plan/as-recorded", at=now)
    cases_xlsx = get("/reviews", format="xlsx")
    plan_csv = get("/action-plan", format="csv")

    assert cases.status_code == 200, cases.data
    assert [c["reference"] for c in cases.json] == ["OK-1"]  # type: ignore[union-attr]
    assert cases.headers["Unreadable-Records"] == "1"
    for lines in (plan, snapshot, then):
        assert lines.status_code == 200, lines.data
        assert [line["description"] for line in lines.json] == ["Readable brief"]  # type: ignore[union-attr]
        assert lines.headers["Unreadable-Records"] == "1"
    assert cases_xlsx.status_code == 200
    assert "1 record of the partnership" in notes_of(cases_xlsx.data)["Left out"]
    assert "1-left-out.csv" in plan_csv.headers["Content-Disposition"]
    assert "Unreadable brief" not in plan_csv.data.decode("utf-8-sig")
    neighbours = platform.access.issue_token(people.names["neighbour_officer"]).secret
    clean = visitor.get(
        f"/api/v1/tenants/{people.neighbour}/reviews",
        headers={"Authorization": f"Bearer {neighbours}"},
    )
    assert clean.status_code == 200 and clean.headers["Unreadable-Records"] == "0"
    assert clean.json == []


def test_the_partnerships_paper_leaves_out_an_altered_case_and_action_and_says_so(
    visitor: FlaskClient, platform: Platform, people: People
) -> None:
    """The partnership's own board paper reads the cases, their costs and the plan: one altered
    case and one altered action are left out of it, counted once each, and the rest printed."""
    one_case_and_one_action_altered(platform, people)
    sign_in(visitor, people.names["officer"])
    paper = visitor.get(f"/partnerships/{people.tenant}/papers/partnership.html")
    assert paper.status_code == 200, paper.data[:300]
    said = page_text(paper.data)
    assert "2 records of the partnership " + LEFT_OUT.format("are") in said
    assert "OK-1" in said and "ALT-1" not in said
    assert "Readable brief" in said and "Unreadable brief" not in said
