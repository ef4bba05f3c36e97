"""Importing spreadsheets: refused whole with every problem named, then recorded once.

Run on real SQLite and PostgreSQL; what was recorded is read back from the tenant's store.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from click.testing import Result
from flask.testing import FlaskClient
from openpyxl import Workbook, load_workbook
from openpyxl.utils import column_index_from_string

from api.imports.agencies import AgencyNames
from api.imports.problems import marked_workbook
from api.imports.run import import_sheet
from benchmarks.data.sheets import PLANTED, case_rows, cases_workbook
from domain.actionplan import Scope
from domain.funding import PooledBudget
from domain.recording import acting_as
from domain.reviews.review import review_id
from domain.themes import ThemeKind
from tenants.platform import Platform
from tests.spreadsheets.conftest import WestMidlands

HEADERS = {
    "reference": "Reference",
    "kind": "Review kind",
    "incident_on": "Incident date",
    "notified_on": "Notified date",
    "decided_on": "Decision date",
}


def stored_events(platform: Platform, tenant: str) -> int:
    with platform.ledgers.lease(tenant, writing=False) as app:
        return app.recorder.max_notification_id() or 0


def test_a_300_row_sheet_with_5_mistakes_is_refused_naming_all_5_then_imports_once(
    platform: Platform, wm: WestMidlands, ledger_cli: Callable[..., Result], tmp_path: Path
) -> None:
    tenant = wm.slugs["solihull"]
    rows = case_rows(300, "SOL")
    bad, good = tmp_path / "cases-bad.xlsx", tmp_path / "cases.xlsx"
    bad.write_bytes(cases_workbook(rows, PLANTED))
    good.write_bytes(cases_workbook(rows))
    before = stored_events(platform, tenant)

    refused = ledger_cli(
        "import", "cases", str(bad), "--tenant", tenant, "--problems", str(tmp_path / "marked.xlsx")
    )
    assert refused.exit_code == 1
    named = [line.strip() for line in refused.output.splitlines() if line.startswith("  Cases")]
    assert len(named) == 5, refused.output
    for (number, (key, _, words)), line in zip(sorted(PLANTED.items()), named, strict=True):
        assert line.startswith(f"Cases, row {number}, column '{HEADERS[key]}'") and words in line
    assert "nothing was recorded" in refused.output
    assert stored_events(platform, tenant) == before
    marked = load_workbook(tmp_path / "marked.xlsx")
    assert marked["Problems"].max_row == 6
    assert marked["Cases"]["C12"].fill.fgColor.rgb.endswith("F4A09C")  # Incident date, row 12
    assert "not a date" in marked["Cases"]["C12"].comment.text

    first = ledger_cli("import", "cases", str(good), "--tenant", tenant)
    assert first.exit_code == 0 and "300 new row(s)" in first.output, first.output
    after = stored_events(platform, tenant)
    assert after > before
    with platform.ledgers.lease(tenant, writing=False) as app:
        cases = app.reviews.all()
        assert len(cases) == 300
        one = app.reviews.get(review_id("SOL-0001"))
        assert (one.incident_on, one.notified_on) == (date(2012, 1, 1), date(2012, 1, 5))
        assert one.submitted_on == date(2012, 11, 16)  # the sheet's date, not the import's
        assert one.decision is not None and one.decision.decided_on == date(2012, 1, 31)

    again = ledger_cli("import", "cases", str(good), "--tenant", tenant)
    assert again.exit_code == 0 and "0 new row(s), 300 already recorded" in again.output
    assert stored_events(platform, tenant) == after


def test_a_csv_of_cases_imports_and_regional_views_count_it_on_its_dates(
    platform: Platform, wm: WestMidlands
) -> None:
    tenant = wm.slugs["dudley"]
    csv = (
        "Reference,Pseudonym,Incident date,Notified date,Review kind,Death category,"
        "Decision,Decision date,Decision reason\r\n"
        "DUD-1,Ann,01/02/2012,05/02/2012,DHR,intimate partner homicide,hold,01/03/2012,\r\n"
        "DUD-2,Bea,2013-03-01,2013-03-04,dhr,Familial homicide,not hold,2013-04-01,"
        "no abuse\r\n"
    )
    with acting_as("importer"):
        outcome = import_sheet(platform, tenant, "cases", csv.encode(), "dudley.csv")
    assert outcome.prepared.clean and outcome.prepared.new == 2
    with platform.ledgers.lease(tenant, writing=False) as app:
        assert [r.reference for r in app.reviews.all()] == ["DUD-1", "DUD-2"]
        decision = app.reviews.get(review_id("DUD-2")).decision
        assert decision is not None and decision.reason == "no abuse"


def test_actions_import_onto_imported_cases_with_owner_names_joined_up(
    platform: Platform, wm: WestMidlands
) -> None:
    tenant = wm.slugs["coventry"]  # has DHR-1 and DHR-2 from the seed
    with platform.ledgers.lease(tenant) as app:
        rec = app.recommendations.make(
            review_id("DHR-1"),
            "9",
            "Share MARAC minutes",
            Scope.MULTI_AGENCY,
            date(2012, 1, 1),
            ["training"],
            "Police",
        )
        app.actions.plan(rec, "West Midlands Police", "Share minutes", date(2012, 6, 1))
    sheet = (
        b"Case reference,Recommendation,Recommendation text,Scope,Recommendation date,Themes,"
        b"Target organisation,Action reference,Owner agency,Action,Due date,Started date,"
        b"Completed date\r\n"
        b"DHR-1,1,Train GPs in DASH,multi agency,01/03/2012,training,Health,1.1,"
        b"west midlands  POLICE,Brief officers,01/06/2012,02/03/2012,\r\n"
        b"DHR-1,1,,multi agency,01/03/2012,training,Health,1.2,CCG,Train GPs,01/09/2012,,"
        b"01/08/2012\r\n"
        b"DHR-2,1,Review risk,single agency,01/03/2012,nonsense-theme,Police,1.1,Police,"
        b"Review,01/06/2012,,\r\n"
        b"DHR-9,1,Review risk,single agency,01/03/2012,training,Police,1.1,Police,Review,"
        b"01/06/2012,,\r\n"
    )
    with acting_as("importer"):
        refused = import_sheet(platform, tenant, "actions", sheet, "actions.csv")
    problems = [str(p) for p in refused.prepared.problems]
    assert len(problems) == 2, problems  # an unknown theme; a case not recorded
    assert any("row 4, column 'Themes'" in p for p in problems)
    assert any("row 5, column 'Case reference'" in p and "import the cases" in p for p in problems)
    fixed = b"\r\n".join(sheet.split(b"\r\n")[:3]) + b"\r\n"
    with acting_as("importer"):
        done = import_sheet(platform, tenant, "actions", fixed, "actions.csv")
        again = import_sheet(platform, tenant, "actions", fixed, "actions.csv")
    assert done.prepared.clean and done.prepared.new == 2 and done.recorded_events > 0
    assert "owner 'west midlands POLICE' recorded as 'West Midlands Police'" in done.prepared.notes
    assert (again.prepared.new, again.prepared.already, again.recorded_events) == (0, 2, 0)
    with platform.ledgers.lease(tenant, writing=False) as app:
        plan = {line.description: line for line in app.plan.master(date(2013, 1, 1))}
    assert plan["Brief officers"].owner == "West Midlands Police"
    assert plan["Train GPs"].completed_on == date(2012, 8, 1)


BUDGET = """Budget reference,Budget name,Managed by,Opened date,Line,Date,Partner key,Partner name,Financial year,Amount (£),Allocation key,Description
llr,LLR DHR budget,Business Office,01/04/2015,partner,01/04/2015,county,Leicestershire County Council,,,,
llr,LLR DHR budget,Business Office,01/04/2015,partner,01/04/2015,police,Leicestershire Police,,,,
llr,LLR DHR budget,Business Office,01/04/2015,brought forward,01/04/2015,,,2015/16,"£42,000.00",,reserve from 2014/15
llr,LLR DHR budget,Business Office,01/04/2015,allocation,01/04/2015,,,2015/16,40500,office,Officer and admin support
llr,LLR DHR budget,Business Office,01/04/2015,agreed,01/04/2015,county,,2015/16,30000,,
llr,LLR DHR budget,Business Office,01/04/2015,agreed,01/04/2015,police,,2015/16,16000,,
llr,LLR DHR budget,Business Office,01/04/2015,received,01/05/2015,county,,2015/16,30000,,
llr,LLR DHR budget,Business Office,01/04/2015,not drawn down,01/06/2015,police,,2015/16,,,reserves high
llr,LLR DHR budget,Business Office,01/04/2015,spend,01/07/2015,,,,40500,office,staff
llr,LLR DHR budget,Business Office,01/04/2015,close year,15/04/2016,,,2015/16,,,
"""


def test_a_pooled_budget_imports_and_its_statement_follows(
    client: FlaskClient, platform: Platform, wm: WestMidlands
) -> None:
    tenant = wm.slugs["birmingham"]
    url = f"/api/v1/tenants/{tenant}/imports/budget"
    bad = BUDGET.replace("2015/16,40500,office", "2015/16,-5,office")
    checked = client.post(
        url + "/check", headers=wm.officer, data={"file": (io.BytesIO(bad.encode()), "budget.csv")}
    )
    assert checked.status_code == 422
    assert checked.get_json()["problems"][0]["row"] == 5
    assert "negative" in checked.get_json()["problems"][0]["message"]
    done = client.post(
        url, headers=wm.officer, data={"file": (io.BytesIO(BUDGET.encode()), "budget.csv")}
    )
    assert done.status_code == 200 and done.get_json()["new"] == 10, done.get_json()
    with platform.ledgers.lease(tenant, writing=False) as app:
        statement = app.pooled.statement(PooledBudget.create_id("llr"), "2015/16")
    assert (statement.opening_reserve, statement.contributions, statement.spend) == (
        4_200_000,
        3_000_000,
        4_050_000,
    )
    assert statement.carried_forward == 3_150_000
    again = client.post(
        url, headers=wm.officer, data={"file": (io.BytesIO(BUDGET.encode()), "budget.csv")}
    )
    assert again.get_json()["already_recorded"] == 10 and again.get_json()["events_recorded"] == 0


def test_uploads_over_http_check_before_recording_and_mark_the_problems(
    client: FlaskClient, platform: Platform, wm: WestMidlands
) -> None:
    tenant = wm.slugs["wolverhampton"]
    base = f"/api/v1/tenants/{tenant}/imports/cases"
    template = client.get(base + "/template", headers=wm.analyst)
    assert template.status_code == 403  # a regional lead does not see case registers
    template = client.get(
        f"/api/v1/tenants/{wm.slugs['birmingham']}/imports/cases/template", headers=wm.officer
    )
    book = load_workbook(io.BytesIO(template.data))
    assert [c.value for c in book["Cases"][1]][:2] == ["Reference", "Pseudonym"]
    assert book["Guidance"]["A2"].value == "Reference"
    tenant, base = wm.slugs["birmingham"], f"/api/v1/tenants/{wm.slugs['birmingham']}/imports/cases"
    rows = case_rows(20, f"B{uuid.uuid4().hex[:4]}")
    bad = cases_workbook(rows, {12: PLANTED[12]})
    before = stored_events(platform, tenant)
    checked = client.post(
        base + "/check", headers=wm.officer, data={"file": (io.BytesIO(bad), "cases.xlsx")}
    )
    assert checked.status_code == 422
    assert checked.get_json()["errors"]["file"] == [
        "Cases, row 12, column 'Incident date': '31/02/2014' is not a date: February 2014 "
        "has 28 days; check the day and the month."
    ]
    marked = client.post(
        base + "/problems", headers=wm.officer, data={"file": (io.BytesIO(bad), "cases.xlsx")}
    )
    assert load_workbook(io.BytesIO(marked.data))["Problems"]["B2"].value == 12
    refused = client.post(base, headers=wm.officer, data={"file": (io.BytesIO(bad), "c.xlsx")})
    assert refused.status_code == 422 and stored_events(platform, tenant) == before
    good = cases_workbook(rows)
    report = client.post(
        base + "/check", headers=wm.officer, data={"file": (io.BytesIO(good), "cases.xlsx")}
    ).get_json()
    assert (report["new"], report["recorded"]) == (20, False)
    assert stored_events(platform, tenant) == before
    done = client.post(base, headers=wm.officer, data={"file": (io.BytesIO(good), "c.xlsx")})
    assert done.get_json()["recorded"] and done.get_json()["new"] == 20
    nothing = client.post(base, headers=wm.officer, data={})
    assert nothing.status_code == 422 and "field 'file'" in nothing.get_json()["detail"]


def test_agency_names_join_spellings_of_one_body() -> None:
    names = AgencyNames(
        ["West Midlands Police", "Birmingham & Solihull Mental Health Trust"],
        {"WMP": "West Midlands Police"},
    )
    assert names.name_for("west midlands police") == "West Midlands Police"
    assert names.name_for("WMP") == "West Midlands Police"
    assert names.name_for("Birmingham and Solihull mental health trust").startswith("Birmingham &")
    assert names.name_for("  Probation   Service ") == "Probation Service"


def test_a_refusal_is_put_on_the_column_it_is_about(platform: Platform, wm: WestMidlands) -> None:
    sheet = (
        b"Reference,Pseudonym,Incident date,Notified date,Review kind,Death category\r\n"
        b"F-1,Ann,01/02/2099,05/02/2099,dhr,intimate partner homicide\r\n"
        b"F-2,Bea,01/02/2013,05/01/2013,dhr,intimate partner homicide\r\n"
    )
    with acting_as("importer"):
        outcome = import_sheet(platform, wm.slugs["dudley"], "cases", sheet, "f.csv")
    assert [(p.row, p.column) for p in outcome.prepared.problems] == [
        (2, "Incident date"),
        (3, "Notified date"),
    ]
    assert "after today" in outcome.prepared.problems[0].message


def test_cases_import_with_the_names_the_registers_and_the_template_use(
    platform: Platform, wm: WestMidlands, client: FlaskClient
) -> None:
    """An analyst copies a register's words ("Domestic Homicide Review", "Under review") into
    the template, or picks them from its drop-downs: they record the same codes as "dhr"."""
    tenant = wm.slugs["birmingham"]
    sheet = (
        "Reference,Pseudonym,Incident date,Notified date,Review kind,Death category,"
        "Relationship,Decision,Decision date\r\n"
        "BHM-N1,Ann,01/02/2012,05/02/2012,Domestic Homicide Review,"
        "Homicide followed by suicide,Former intimate partner,"
        "Hold a Domestic Homicide Review,01/03/2012\r\n"
        "BHM-N2,Bea,01/02/2013,05/02/2013,joint review with a safeguarding adults review,"
        "Suspected suicide of a victim of domestic abuse,,,\r\n"
    )
    with acting_as("importer"):
        outcome = import_sheet(platform, tenant, "cases", sheet.encode(), "named.csv")
    assert outcome.prepared.clean and outcome.prepared.new == 2, outcome.prepared.problems
    with platform.ledgers.lease(tenant, writing=False) as app:
        first, second = (app.reviews.get(review_id(r)) for r in ("BHM-N1", "BHM-N2"))
    assert (first.kind, first.death_category) == ("dhr", "homicide_suicide")
    assert first.perpetrator_relationship == "former_intimate_partner"
    assert first.decision is not None and first.decision.outcome == "hold"
    assert (second.kind, second.death_category) == ("joint_with_sar", "suspected_victim_suicide")

    register = client.get(f"/api/v1/tenants/{tenant}/reviews?format=csv", headers=wm.officer)
    rows = {r["Reference"]: r for r in csv_rows(register.data)}
    assert (rows["BHM-N1"]["Kind"], rows["BHM-N1"]["Status"]) == (
        "Domestic Homicide Review",
        "Under review",
    )
    assert rows["BHM-N2"]["Kind"] == "Joint review with a Safeguarding Adults Review"

    with acting_as("importer"):
        wrong = import_sheet(
            platform,
            tenant,
            "cases",
            sheet.replace("BHM-N1", "BHM-N3")
            .replace(",Domestic Homicide Review,", ",Homicide,")
            .encode(),
            "wrong.csv",
        )
    assert [(p.row, p.column) for p in wrong.prepared.problems] == [(2, "Review kind")]
    assert "use one of: Domestic Homicide Review, Domestic Abuse Related Death Review" in (
        wrong.prepared.problems[0].message
    )


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_cases_template_offers_the_names_in_its_drop_downs(
    client: FlaskClient, wm: WestMidlands
) -> None:
    r = client.get(
        f"/api/v1/tenants/{wm.slugs['birmingham']}/imports/cases/template", headers=wm.officer
    )
    book = load_workbook(io.BytesIO(r.data))
    header = [c.value for c in book["Cases"][1]]
    lists = {
        header[
            column_index_from_string(str(rule.sqref).split(":")[0].rstrip("0123456789")) - 1
        ]: str(rule.formula1)
        for rule in book["Cases"].data_validations.dataValidation
    }
    assert lists["Review kind"].startswith('"Domestic Homicide Review,Domestic Abuse Related')
    assert "Hold a Domestic Homicide Review" in lists["Decision"]
    guide = {row[0]: row for row in book["Guidance"].iter_rows(values_only=True) if row}
    assert guide["Review kind"][3] == "Domestic Homicide Review"


def test_actions_name_themes_and_sectors_as_the_template_lists_them(
    platform: Platform, wm: WestMidlands, client: FlaskClient
) -> None:
    tenant = wm.slugs["birmingham"]  # has DHR-1 and DHR-2 from the seed; its officer signs in
    with acting_as("lead"), platform.ledgers.lease(tenant) as app:
        app.themes.add("bham-night-economy", "Night-time economy", ThemeKind.THEME)
    r = client.get(f"/api/v1/tenants/{tenant}/imports/actions/template", headers=wm.officer)
    assert r.status_code == 200, r.data[:300]
    book = load_workbook(io.BytesIO(r.data))
    themes = dict(book["Themes"].iter_rows(min_row=2, values_only=True))
    sectors = dict(book["Target sectors"].iter_rows(min_row=2, values_only=True))
    assert themes["DASH risk assessment"] == "dash-risk-assessment"
    assert themes["Night-time economy"] == "bham-night-economy"  # the partnership's own
    assert sectors["Police"] == "police" and "Police" not in themes
    guide = {row[0]: row for row in book["Guidance"].iter_rows(values_only=True) if row}
    assert "the Themes sheet lists them" in guide["Themes"][2]

    header = (
        "Case reference,Recommendation,Recommendation text,Scope,Recommendation date,Themes,"
        "Target organisation,Target sector,Action reference,Owner agency,Action,Due date\r\n"
    )
    rows = (
        "DHR-1,7,Train door staff,Multi-agency,01/03/2012,"
        "night-time ECONOMY; dash-risk-assessment,,police,7.1,Police,Brief staff,01/06/2012\r\n"
        "DHR-2,7,Train GPs,Multi-agency,01/03/2012,Training; Night time economy,,Health,7.1,"
        "CCG,Train GPs,01/06/2012\r\n"
        "DHR-2,8,Share minutes,Multi-agency,01/03/2012,Police,,Training,8.1,"
        "Police,Share,01/06/2012\r\n"
    )
    with acting_as("importer"):
        refused = import_sheet(platform, tenant, "actions", (header + rows).encode(), "a.csv")
    problems = {(p.row, p.column): p.message for p in refused.prepared.problems}
    # row 4 names a sector as its theme and a theme as its sector: both said at once
    assert set(problems) == {(3, "Themes"), (4, "Themes"), (4, "Target sector")}, problems
    assert "'Night time economy' is not a theme of this partnership" in problems[(3, "Themes")]
    assert "the template's Themes sheet lists them" in problems[(3, "Themes")]
    assert "addressee code, not a theme code" in problems[(4, "Themes")]  # a sector as a theme
    with acting_as("importer"):
        done = import_sheet(
            platform, tenant, "actions", (header + rows.splitlines()[0]).encode(), "a.csv"
        )
    assert done.prepared.clean and done.prepared.new == 1
    with platform.ledgers.lease(tenant, writing=False) as app:
        (line,) = [x for x in app.plan.master(date(2013, 1, 1)) if x.description == "Brief staff"]
    assert line.theme_codes == ("bham-night-economy", "dash-risk-assessment")
    assert line.target_sector == "police"


def test_the_command_lines_actions_template_lists_the_standard_themes_or_a_partnerships(
    ledger_cli: Callable[..., Result], platform: Platform, tmp_path: Path
) -> None:
    standard = ledger_cli("import", "template", "actions")
    book = load_workbook(io.BytesIO(standard.stdout_bytes))
    assert dict(book["Themes"].iter_rows(min_row=2, values_only=True))["Training"] == "training"
    unknown = ledger_cli("import", "template", "actions", "--tenant", "no-such-partnership")
    assert unknown.exit_code != 0 and "no-such-partnership" in unknown.output


def test_a_missing_column_is_one_problem_not_one_a_row(
    platform: Platform, wm: WestMidlands
) -> None:
    """Three rows under a header without 'Incident date': the officer reads one line saying
    the column is missing, not the same complaint again for every row."""
    rows = "".join(
        f"BHM-M{n},Ann,05/02/2012,Domestic Homicide Review,Familial homicide\r\n" for n in (1, 2, 3)
    )
    sheet = "Reference,Pseudonym,Notified date,Review kind,Death category\r\n" + rows
    with acting_as("importer"):
        outcome = import_sheet(platform, wm.slugs["birmingham"], "cases", sheet.encode(), "m.csv")
    assert [(p.row, p.column) for p in outcome.prepared.problems] == [(1, "Incident date")]
    assert outcome.recorded_events == 0


def test_an_actions_sheet_finds_a_renumbered_recommendation_and_keeps_its_old_number(
    platform: Platform, wm: WestMidlands
) -> None:
    """A recommendation's id follows from its first number: after a correction renumbers it,
    a row naming its number now finds it rather than making a second one, and a row naming
    the number it left is refused rather than landing on it as another recommendation."""
    tenant = wm.slugs["walsall"]
    with acting_as("lead"), platform.ledgers.lease(tenant) as app:
        rec = app.recommendations.make(
            review_id("DHR-1"),
            "4",
            "Share MARAC minutes",
            Scope.MULTI_AGENCY,
            date(2012, 1, 1),
            ["training"],
            "Police",
        )
        app.recommendations.correct(rec, "reference", "14", "keyed 4 for 14")
        app.recommendations.correct(rec, "reference", "15", "it was 15")
    header = (
        "Case reference,Recommendation,Recommendation text,Scope,Recommendation date,Themes,"
        "Target organisation,Action reference,Owner agency,Action,Due date\r\n"
    )
    now = "DHR-1,15,Share MARAC minutes,multi agency,01/03/2012,training,Police,15.1,Police,Share,01/06/2012\r\n"
    left = "DHR-1,14,Review risk,single agency,01/03/2012,training,Police,14.1,Police,Review,01/06/2012\r\n"
    with acting_as("importer"):
        refused = import_sheet(platform, tenant, "actions", (header + left).encode(), "a.csv")
        done = import_sheet(platform, tenant, "actions", (header + now).encode(), "a.csv")
    (problem,) = refused.prepared.problems
    assert (problem.row, problem.column) == (2, "Recommendation")
    assert "was numbered '14' before its number was corrected" in problem.message
    assert done.prepared.clean and done.prepared.new == 1
    with platform.ledgers.lease(tenant, writing=False) as app:
        (line,) = [x for x in app.plan.master(date(2013, 1, 1)) if x.description == "Share"]
        recs = app.recommendations.of_review(review_id("DHR-1"))
    assert line.recommendation_id == rec and [r.reference for r in recs].count("15") == 1


def test_a_repeated_reference_is_named_even_when_its_first_row_has_another_problem(
    platform: Platform, wm: WestMidlands
) -> None:
    """Row 2 has a date that is not one and row 3 repeats its reference: both are named in
    the one check, so the officer does not correct the date only to be told of the repeat
    on the next upload."""
    sheet = (
        b"Reference,Pseudonym,Incident date,Notified date,Review kind,Death category\r\n"
        b"R-1,Ann,31/02/2014,05/03/2014,dhr,intimate partner homicide\r\n"
        b"r-1 ,Bea,01/02/2014,05/02/2014,dhr,intimate partner homicide\r\n"
        b"R-3,,01/02/2014,05/02/2014,dhr,intimate partner homicide\r\n"
        b"R-3,Cat,01/02/2014,05/02/2014,dhr,intimate partner homicide\r\n"
    )
    with acting_as("importer"):
        outcome = import_sheet(platform, wm.slugs["walsall"], "cases", sheet, "r.csv")
    assert [(p.row, p.column) for p in outcome.prepared.problems] == [
        (2, "Incident date"),
        (3, "Reference"),
        (4, "Pseudonym"),
        (5, "Reference"),
    ]
    assert "'r-1' is also on row 2" in outcome.prepared.problems[1].message
    assert "'R-3' is also on row 4" in outcome.prepared.problems[3].message
    assert outcome.recorded_events == 0


def test_a_budget_lines_refusal_is_put_on_the_key_it_is_about(
    platform: Platform, wm: WestMidlands
) -> None:
    """Spend against an allocation not planned, an allocation planned twice and money from a
    body not a partner are each the problem of the key named, not of the amount: on the page
    and in the marked spreadsheet."""
    lines = BUDGET.splitlines()
    sheet = "\r\n".join(
        [
            *lines[:-1],
            "llr,LLR DHR budget,Business Office,01/04/2015,spend,01/08/2015,,,,500,chairs,fees",
            "llr,LLR DHR budget,Business Office,01/04/2015,allocation,01/08/2015,,,2015/16,10,"
            "office,More support",
            "llr,LLR DHR budget,Business Office,01/04/2015,received,01/08/2015,fire,,2015/16,10,,",
            lines[-1],
            "",
        ]
    )
    with acting_as("importer"):
        outcome = import_sheet(platform, wm.slugs["walsall"], "budget", sheet.encode(), "b.csv")
    found = [(p.row, p.column, p.message) for p in outcome.prepared.problems]
    assert [(row, column) for row, column, _ in found] == [
        (11, "Allocation key"),
        (12, "Allocation key"),
        (13, "Partner key"),
    ], found
    assert found[0][2] == "No allocation 'chairs' is planned for 2015/16; plan it first."
    marked = load_workbook(
        io.BytesIO(marked_workbook(outcome.prepared.sheet, outcome.prepared.problems))
    )
    assert "No allocation 'chairs'" in marked["Budget"]["K11"].comment.text
    assert marked["Budget"]["J11"].comment is None
    assert marked["Problems"]["C2"].value == "Allocation key"


def test_a_cases_row_is_checked_whole_though_a_cell_does_not_read(
    platform: Platform, wm: WestMidlands
) -> None:
    """As an actions row is: a date that does not read, or a notification the domain
    refuses, does not hide that the row gives a decision without its date (or a date
    without its decision); an age that does not read does not hide that the notification
    is before the death. The officer corrects each row once."""
    sheet = (
        b"Reference,Pseudonym,Incident date,Notified date,Review kind,Death category,"
        b"Decision,Decision date,Victim age band\r\n"
        b"W-1,Ann,31/02/2014,05/03/2014,dhr,intimate partner homicide,hold,,\r\n"
        b"W-2,Bea,05/03/2014,01/03/2014,dhr,intimate partner homicide,,01/04/2014,\r\n"
        b"W-3,Cat,01/03/2014,05/03/2014,dhr,intimate partner homicide,hold,soon,\r\n"
        b"W-4,Dee,05/03/2014,01/03/2014,dhr,intimate partner homicide,,,twelve\r\n"
    )
    with acting_as("importer"):
        outcome = import_sheet(platform, wm.slugs["walsall"], "cases", sheet, "w.csv")
    found = [(p.row, p.column) for p in outcome.prepared.problems]
    assert found == [
        (2, "Incident date"),
        (2, "Decision date"),
        (3, "Notified date"),
        (3, "Decision"),
        (4, "Decision date"),
        (5, "Victim age band"),
        (5, "Notified date"),
    ], outcome.prepared.problems
    messages = [p.message for p in outcome.prepared.problems]
    assert messages[1] == (
        "Decision date is needed when Decision is given; fill in both, or neither."
    )
    assert "'soon' is not a date" in messages[4]  # said once: it was given, though wrong
    assert messages[6] == messages[2]
    assert outcome.recorded_events == 0


def test_a_budget_row_is_checked_whole_though_a_cell_does_not_read(
    platform: Platform, wm: WestMidlands
) -> None:
    """A line whose date does not read is still asked for the cells its kind needs, and its
    financial year is still read: every problem of the row in one check."""
    lines = BUDGET.splitlines()
    sheet = "\r\n".join(
        [
            *lines[:-1],
            "llr,LLR DHR budget,Business Office,01/04/2015,spend,soon,,,,,office,fees",
            "llr,LLR DHR budget,Business Office,01/04/2015,received,31/02/2015,county,,2015-17,,,",
            lines[-1],
            "",
        ]
    )
    with acting_as("importer"):
        outcome = import_sheet(platform, wm.slugs["walsall"], "budget", sheet.encode(), "b.csv")
    found = [(p.row, p.column, p.message) for p in outcome.prepared.problems]
    assert [(row, column) for row, column, _ in found] == [
        (11, "Date"),
        (11, "Amount (£)"),
        (12, "Date"),
        (12, "Amount (£)"),
        (12, "Financial year"),
    ], found
    assert found[1][2] == "A 'spend' line needs Amount (£); fill it in."
    assert "'2015-17' is not a financial year" in found[4][2]
    assert outcome.recorded_events == 0


def test_a_problem_names_the_column_as_the_officers_own_sheet_heads_it(
    platform: Platform, wm: WestMidlands
) -> None:
    """Read through the columns the officer chose, 'Date of death is required', not the
    template's 'Incident date', which is nowhere on their sheet."""
    sheet = (
        b"DHR Ref,Pseudonym,Date of death,Date notified to CSP,Type,Category,Outcome of "
        b"decision,Date of decision\r\n"
        b"OWN-1,Ann,,05/03/2014,DHR,Intimate partner homicide,yes,\r\n"
    )
    chosen = {
        "reference": "DHR Ref",
        "pseudonym": "Pseudonym",
        "incident_on": "Date of death",
        "notified_on": "Date notified to CSP",
        "kind": "Type",
        "death_category": "Category",
        "decision": "Outcome of decision",
        "decided_on": "Date of decision",
    }
    with acting_as("importer"):
        outcome = import_sheet(
            platform, wm.slugs["walsall"], "cases", sheet, "own.csv", chosen=chosen
        )
    assert [p.message for p in outcome.prepared.problems] == [
        "Date of death is required but empty; fill it in.",
        "Date of decision is needed when Outcome of decision is given; fill in both, or neither.",
    ]


def test_a_decision_not_to_review_without_a_reason_column_says_to_add_one(
    platform: Platform, wm: WestMidlands
) -> None:
    """A tracker without a reason column has no cell to correct: the problem is put on the
    column the domain asks for and says to add it, rather than on the decision's date."""
    sheet = (
        b"Reference,Pseudonym,Incident date,Notified date,Review kind,Death category,"
        b"Decision,Decision date\r\n"
        b"NR-1,Ann,01/03/2014,05/03/2014,dhr,intimate partner homicide,not hold,01/04/2014\r\n"
    )
    with acting_as("importer"):
        outcome = import_sheet(platform, wm.slugs["walsall"], "cases", sheet, "nr.csv")
    (problem,) = outcome.prepared.problems
    assert (problem.row, problem.column) == (2, "Decision reason")
    assert problem.message == (
        "The reason for the decision is required; give a short description. The sheet has "
        "no Decision reason column: add one, headed 'Decision reason'."
    )
    with_column = sheet.replace(b"Decision date\r\n", b"Decision date,Decision reason\r\n")
    with_column = with_column.replace(b"01/04/2014\r\n", b"01/04/2014,\r\n")
    with acting_as("importer"):
        outcome = import_sheet(platform, wm.slugs["walsall"], "cases", with_column, "nr.csv")
    (problem,) = outcome.prepared.problems
    assert problem.column == "Decision reason"
    assert problem.message == "The reason for the decision is required; give a short description."


ActionRow = tuple[str, tuple[float, str], str, str, str, str]  # case, (number, format), ...


def actions_workbook(*rows: ActionRow) -> bytes:
    """An actions sheet as Excel saves it; a recommendation given as (number, format) is the
    number in a cell formatted so, as when an officer types 2.10 into a column set to show
    two decimals (Excel keeps the number 2.1)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Actions"
    sheet.append(
        (
            "Case reference",
            "Recommendation",
            "Recommendation text",
            "Scope",
            "Recommendation date",
            "Themes",
            "Target organisation",
            "Action reference",
            "Owner agency",
            "Action",
            "Due date",
        )
    )
    for number, (case, (rec, shown), text, action, owner, what) in enumerate(rows, start=2):
        made = datetime(2012, 3, 1)
        sheet.append(
            (case, rec, text, "multi agency", made, "training", "Health", action, owner, what, made)
        )
        sheet.cell(number, 2).number_format = shown
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_recommendation_2_10_shown_so_in_an_xlsx_is_not_taken_for_2_1(
    platform: Platform, wm: WestMidlands
) -> None:
    """Excel keeps 2.10 as the number 2.1; read as the number, the actions of recommendation
    2.10 would have joined recommendation 2.1. Read as the sheet shows it, each has its own."""
    tenant = wm.slugs["coventry"]
    sheet = actions_workbook(
        ("DHR-1", (2.1, "General"), "Train GPs in DASH", "1", "CCG", "Train"),
        ("DHR-1", (2.1, "General"), "", "2", "CCG", "Audit"),
        ("DHR-1", (2.1, "0.00"), "Share MARAC minutes", "1", "Police", "Share"),
        ("DHR-1", (1, "00"), "Review risk", "1", "Police", "Review"),
    )
    with acting_as("importer"):
        outcome = import_sheet(platform, tenant, "actions", sheet, "a.xlsx")
    assert outcome.prepared.clean, outcome.prepared.problems
    with platform.ledgers.lease(tenant, writing=False) as app:
        recs = {r.id: r for r in app.recommendations.of_review(review_id("DHR-1"))}
        plan = app.plan.master(date(2013, 1, 1))
    assert sorted((r.reference, r.text) for r in recs.values()) == [
        ("01", "Review risk"),
        ("2.1", "Train GPs in DASH"),
        ("2.10", "Share MARAC minutes"),
    ]
    joined = {line.description: recs[line.recommendation_id].reference for line in plan}
    assert joined == {"Train": "2.1", "Audit": "2.1", "Share": "2.10", "Review": "01"}


def test_one_number_given_two_texts_is_refused_in_the_officers_own_headings(
    platform: Platform, wm: WestMidlands
) -> None:
    """2.10 typed into a General cell shows as 2.1, so two recommendations share a number: the
    second one's actions would join the first. Its row is refused, in the sheet's headings."""
    sheet = (
        b"DHR,Rec no,Recommendation wording,Scope,Recommendation date,Themes,Target,Action no,"
        b"Owner agency,Action,Due date\r\n"
        b"DHR-1,2.1,Train GPs in DASH,multi agency,01/03/2012,training,Health,1,CCG,Train,01/06/2012\r\n"
        b"DHR-1,2.1,train GPs in  DASH,multi agency,01/03/2012,training,Health,2,CCG,Audit,01/06/2012\r\n"
        b"DHR-1,2.1,Share MARAC minutes,multi agency,01/03/2012,training,Health,3,Police,Share,"
        b"01/06/2012\r\n"
    )
    chosen = {
        "case_reference": "DHR",
        "recommendation_reference": "Rec no",
        "recommendation_text": "Recommendation wording",
        "scope": "Scope",
        "made_on": "Recommendation date",
        "themes": "Themes",
        "target_organisation": "Target",
        "action_reference": "Action no",
        "owner": "Owner agency",
        "description": "Action",
        "due_on": "Due date",
    }
    with acting_as("importer"):
        outcome = import_sheet(
            platform, wm.slugs["coventry"], "actions", sheet, "own.csv", chosen=chosen
        )
    (problem,) = outcome.prepared.problems  # the same text in other spacing is the same one
    assert (problem.row, problem.column) == (4, "Recommendation")
    assert problem.message == (
        "Rec no '2.1' of case 'DHR-1' has another Recommendation wording on row 2: two "
        "recommendations cannot share a number; give each its own, or the same text on both "
        "rows. If one of them is 2.10, the spreadsheet shows that number as 2.1: format the "
        "Rec no column as text and type the numbers again."
    )
    assert outcome.recorded_events == 0
