"""Registers and regional views as CSV and XLSX, read back and checked figure by figure."""

from __future__ import annotations

import csv
import io
import re
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import quote

from click.testing import Result
from flask.testing import FlaskClient
from openpyxl import load_workbook

from api.tables.catalogue import CATALOGUE
from api.tables.writers import safe_text
from domain.themes import Taxonomy, ThemeKind
from tenants.platform import Platform
from tenants.region_theme_changes import add_region_theme
from tests.integration.test_audit_tampering import flip_a_byte
from tests.projections.support import WEST_MIDLANDS, open_case, recommend
from tests.spreadsheets.conftest import TODAY, WestMidlands

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SEED = {name: (commenced, completed) for name, commenced, completed in WEST_MIDLANDS.values()}


def dhr_counts(wm: WestMidlands) -> str:
    # as_of: the view rebuilt from every event recorded by the end of today, no worker needed
    return f"/api/v1/regions/{wm.region}/views/dhr-counts?until=2013-09-04&as_of={TODAY}"


def test_the_seed_table_comes_out_as_csv_for_accept_text_csv(
    client: FlaskClient, wm: WestMidlands
) -> None:
    r = client.get(dhr_counts(wm), headers={**wm.analyst, "Accept": "text/csv"})
    assert r.status_code == 200 and r.mimetype == "text/csv"
    assert "attachment" in r.headers["Content-Disposition"] and "Accept" in r.headers["Vary"]
    rows = list(csv.DictReader(io.StringIO(r.data.decode("utf-8-sig"))))
    found = {row["Partnership"]: (int(row["Commenced"]), int(row["Completed"])) for row in rows}
    assert found == {**SEED, "Total": (25, 6)}


def test_the_seed_table_comes_out_as_xlsx_with_notes_and_a_frozen_header(
    client: FlaskClient, wm: WestMidlands
) -> None:
    r = client.get(dhr_counts(wm), headers={**wm.analyst, "Accept": XLSX})
    assert r.status_code == 200 and r.mimetype == XLSX
    book = load_workbook(io.BytesIO(r.data))
    sheet = book["DHRs"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Partnership", "Notified", "Commenced", "Completed"]  # no slug
    assert sheet.freeze_panes == "A2"
    figures = {row[0]: (row[2], row[3]) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert figures == {**SEED, "Total": (25, 6)}
    assert sheet.column_dimensions["A"].width >= 20
    notes = {row[0]: row[1] for row in book["Notes"].iter_rows(values_only=True)}
    assert notes["Protective marking"] == "OFFICIAL-SENSITIVE"
    assert notes["To"] == datetime(2013, 9, 4)  # a real date, not text
    assert notes["From"] == datetime(2011, 4, 13)
    assert notes["Region"] == wm.name  # as people call it; the key is in the file name
    assert any("Joint reviews" in str(v) for k, v in notes.items() if str(k).startswith("Note"))


def test_a_views_notes_and_file_name_say_which_day_record_and_partnership_it_is_of(
    client: FlaskClient, wm: WestMidlands
) -> None:
    """``on`` is the day things stood on (not a recording time), ``as_recorded`` the instant
    the ledger is read as of, ``tenant`` one partnership: each is said in the notes and the
    file's name, so two downloads of one view are told apart."""
    coventry = wm.slugs["coventry"]
    url = (
        f"/api/v1/regions/{wm.region}/views/dhr-counts"
        f"?on=2013-06-30&as_recorded={TODAY}&tenant={coventry}"
    )
    r = client.get(url, headers={**wm.analyst, "Accept": XLSX})
    assert r.status_code == 200, r.data
    notes = {
        row[0]: row[1]
        for row in load_workbook(io.BytesIO(r.data))["Notes"].iter_rows(values_only=True)
    }
    assert notes["As things stood on"] == datetime(2013, 6, 30)
    assert notes["As recorded by"] == datetime.fromisoformat(TODAY)
    assert notes["Partnership"] == "Coventry"
    assert "As recorded on" not in notes
    name = r.headers["Content-Disposition"]
    assert coventry in name and "2013-06-30" in name and str(TODAY) in name, name


def test_sheets_per_partnership_name_each_by_its_name_and_leave_its_slug_to_the_json(
    client: FlaskClient, wm: WestMidlands
) -> None:
    """The slug ("birmingham", under a test's unique prefix) addresses a partnership; nobody
    reads it, so the sheets name the partnership once and the API's JSON keeps ``tenant``."""
    address = dhr_counts(wm)
    answer = client.get(address, headers=wm.analyst).get_json()
    assert {row["tenant"] for row in answer["rows"]} == set(wm.slugs.values())
    for view in ("dhr-counts", "timeliness", "money"):
        got = client.get(
            f"/api/v1/regions/{wm.region}/views/{view}?format=xlsx&as_of={TODAY}",
            headers=wm.analyst,
        )
        book = load_workbook(io.BytesIO(got.data))
        sheet = book[book.sheetnames[0]]
        assert [c.value for c in sheet[1]][0] == "Partnership" and "Key" not in [
            c.value for c in sheet[1]
        ], view
        cells = {str(v) for row in sheet.iter_rows(values_only=True) for v in row}
        assert not cells & set(wm.slugs.values()), view
    table = client.get(address, headers={**wm.analyst, "Accept": "text/csv"})
    assert wm.slugs["birmingham"] not in table.data.decode("utf-8-sig")


def test_format_links_money_as_pounds_and_dates_as_dates(
    client: FlaskClient, wm: WestMidlands, platform: Platform
) -> None:
    with platform.ledgers.lease(wm.slugs["birmingham"]) as app:
        review = app.reviews.all()[0]
        app.costs.estimate(review.id, "chair", 1_234_567, date(2011, 6, 1))
    r = client.get(
        f"/api/v1/regions/{wm.region}/views/money?format=xlsx&as_of={TODAY}", headers=wm.analyst
    )
    sheet = load_workbook(io.BytesIO(r.data))["Money"]
    header = [c.value for c in sheet[1]]
    assert "Grants approved (£)" in header
    cases = load_workbook(
        io.BytesIO(
            client.get(
                f"/api/v1/tenants/{wm.slugs['birmingham']}/reviews?format=xlsx", headers=wm.officer
            ).data
        )
    )["Cases"]
    first = [c for c in cases[2]]
    assert isinstance(first[4].value, datetime) and first[4].number_format == "dd/mm/yyyy"
    money = next(c for c in sheet[2] if header[c.column - 1] == "Grants approved (£)")
    assert "£" in money.number_format


def test_every_regional_view_and_register_offers_both_formats(
    client: FlaskClient, wm: WestMidlands
) -> None:
    for view in ("timeliness", "themes", "actions", "money"):
        for fmt, media in (("csv", "text/csv"), ("xlsx", XLSX)):
            r = client.get(
                f"/api/v1/regions/{wm.region}/views/{view}?format={fmt}&as_of={TODAY}",
                headers=wm.analyst,
            )
            assert (r.status_code, r.mimetype) == (200, media), (view, fmt, r.data[:200])
    tenant = wm.slugs["birmingham"]
    for path in ("reviews", "action-plan", "funding/budgets"):
        r = client.get(f"/api/v1/tenants/{tenant}/{path}", headers={**wm.officer, "Accept": XLSX})
        assert (r.status_code, r.mimetype) == (200, XLSX), path
    by_owner = client.get(
        f"/api/v1/regions/{wm.region}/views/actions?format=csv&table=by_owner&as_of={TODAY}",
        headers=wm.analyst,
    )
    assert by_owner.data.decode("utf-8-sig").startswith("Owner agency,")
    unknown = client.get(
        f"/api/v1/regions/{wm.region}/views/actions?format=csv&table=by_agency&as_of={TODAY}",
        headers=wm.analyst,
    )
    assert unknown.status_code == 400 and "ask for one of: " in unknown.get_json()["detail"]


def test_a_sheets_notes_speak_to_its_readers_not_of_the_projects_sources() -> None:
    """The DHR table's notes said "(the West Midlands table of seed 000)": the name of a
    source paper in this project's folders, which no reader of a download has seen."""
    for endpoint, table in CATALOGUE.items():
        for words in (table.title, table.about, *table.footnotes):
            assert not re.search(r"\bseeds?\b", words, re.I), (endpoint, words)


def test_formats_the_api_cannot_give_are_refused_and_json_stays_the_default(
    client: FlaskClient, wm: WestMidlands
) -> None:
    tenant = wm.slugs["birmingham"]
    assert client.get(f"/api/v1/tenants/{tenant}/reviews", headers=wm.officer).is_json
    browser = {**wm.officer, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    assert client.get(f"/api/v1/tenants/{tenant}/reviews", headers=browser).is_json
    bad = client.get(f"/api/v1/tenants/{tenant}/reviews?format=docx", headers=wm.officer)
    assert bad.status_code == 400 and "format=csv" in bad.get_json()["detail"]
    assert client.get("/api/v1/me?format=csv", headers=wm.officer).status_code == 422  # unknown
    denied = client.get(dhr_counts(wm) + "&format=csv", headers=wm.officer)
    assert denied.status_code == 403 and denied.is_json


def test_csv_cells_cannot_run_as_formulas(
    client: FlaskClient, wm: WestMidlands, platform: Platform
) -> None:
    assert safe_text("=1+1") == "'=1+1" and safe_text("-2") == "'-2" and safe_text("Mary") == "Mary"
    tenant = wm.slugs["birmingham"]
    with platform.ledgers.lease(tenant) as app:
        app.reviews.notify(
            "X-1",
            date(2013, 1, 1),
            date(2013, 1, 2),
            "=HYPERLINK(1)",
            "dhr",
            "intimate_partner_homicide",
        )
    text = client.get(
        f"/api/v1/tenants/{tenant}/reviews?format=csv", headers=wm.officer
    ).data.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text and ",=HYPERLINK" not in text
    sheet = load_workbook(
        io.BytesIO(
            client.get(f"/api/v1/tenants/{tenant}/reviews?format=xlsx", headers=wm.officer).data
        )
    )["Cases"]
    assert "'=HYPERLINK(1)" in [c.value for c in sheet["B"]]


def test_the_openapi_document_lists_the_download_types(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    get = spec["paths"]["/api/v1/regions/{region}/views/dhr-counts"]["get"]
    assert {"text/csv", XLSX} <= set(get["responses"]["200"]["content"])
    assert any(p["name"] == "format" for p in get["parameters"])
    paper = spec["paths"]["/api/v1/regions/{region}/reports/regional"]["get"]
    assert "application/pdf" in paper["responses"]["200"]["content"]


def test_ledger_export_writes_the_seed_table(
    wm: WestMidlands, ledger_cli: Callable[..., Result], tmp_path: Path
) -> None:
    out = tmp_path / "dhrs.xlsx"
    done = ledger_cli("export", "dhr-counts", wm.region, "--until", "2013-09-04", "-o", str(out))
    assert done.exit_code == 0, done.output
    sheet = load_workbook(out)["DHRs"]
    assert {r[0]: (r[2], r[3]) for r in sheet.iter_rows(min_row=2, values_only=True)} == {
        **SEED,
        "Total": (25, 6),
    }
    printed = ledger_cli("export", "cases", wm.slugs["coventry"])
    assert printed.exit_code == 0 and printed.output.count("DHR-") == 2
    missing = ledger_cli("export", "cases", "nowhere")
    assert missing.exit_code == 2 and "ledger tenants list" in missing.output


def test_ledger_export_writes_registers_and_views_as_the_ledger_had_recorded_them(
    wm: WestMidlands, platform: Platform, ledger_cli: Callable[..., Result], tmp_path: Path
) -> None:
    """An auditor's copy of the tables a board had: a case notified and an estimate recorded
    after the instant are left out of the cases, the costs and the regional count, and the
    workbook says when it was read; now they are in."""
    coventry = wm.slugs["coventry"]
    before = datetime.now(UTC)
    time.sleep(0.01)
    with platform.ledgers.lease(coventry) as ledger:
        open_case(ledger, "DHR-9", date(2013, 1, 10))
        first = ledger.reviews.id_for("DHR-1")
        ledger.costs.estimate(first, "chair", 450_000, date(2013, 2, 1))
    at = before.isoformat()

    then = ledger_cli("export", "cases", coventry, "--as-recorded", at)
    now = ledger_cli("export", "cases", coventry)
    assert then.exit_code == 0 and now.exit_code == 0, then.output
    assert "DHR-9" not in then.output and then.output.count("DHR-") == 2
    assert "DHR-9" in now.output

    costs = tmp_path / "costs.xlsx"
    done = ledger_cli("export", "costs", coventry, "--as-recorded", at, "-o", str(costs))
    assert done.exit_code == 0, done.output
    book = load_workbook(costs)
    rows = {r[0]: r for r in book["Costs"].iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"DHR-1", "DHR-2"} and rows["DHR-1"][4] is None
    notes = {row[0]: row[1] for row in book["Notes"].iter_rows(values_only=True)}
    assert notes["As recorded by"] == f"{before:%H:%M} UTC on {before.day} {before:%B %Y}"
    assert notes["Partnership"] == "Coventry"
    assert ledger_cli("export", "costs", coventry, "-o", str(costs)).exit_code == 0
    book = load_workbook(costs)
    rows = {r[0]: r for r in book["Costs"].iter_rows(min_row=2, values_only=True)}
    assert rows["DHR-1"][4] == 4_500 and "As recorded by" not in {
        row[0] for row in book["Notes"].iter_rows(values_only=True)
    }

    def notified(*extra: str) -> int:
        out = ledger_cli("export", "dhr-counts", wm.region, *extra)
        assert out.exit_code == 0, out.output
        rows = csv.DictReader(io.StringIO(out.output.lstrip("\ufeff")))
        return next(int(r["Notified"]) for r in rows if r["Partnership"] == "Coventry")

    assert notified("--as-recorded", at) == 2
    assert notified() == 3
    wrong = ledger_cli("export", "cases", coventry, "--as-recorded", "yesterday")
    assert wrong.exit_code == 2 and "2019-03-31T18:00:00Z" in wrong.output


def test_the_action_plan_register_names_themes_and_sectors_as_the_partnership_does(
    client: FlaskClient, wm: WestMidlands, platform: Platform
) -> None:
    tenant = wm.slugs["birmingham"]
    with platform.ledgers.lease(tenant) as app:
        review = app.reviews.all()[0].id
        rec = recommend(app, review, "R30", ["dash-risk-assessment", "training"], "police")
        app.actions.plan(rec, "Police", "Train call handlers in DASH", date(2012, 2, 1))
    recorded = datetime.now(UTC).isoformat()
    with platform.ledgers.lease(tenant) as app:
        app.themes.add("bham-call-handling", "Call handling", ThemeKind.THEME)
        later = recommend(app, review, "R31", ["bham-call-handling"])
        app.actions.plan(later, "Police", "Answer within ten seconds", date(2012, 2, 1))

    def rows(path: str) -> dict[str, dict[str, str]]:
        answer = client.get(path, headers={**wm.officer, "Accept": "text/csv"})
        assert answer.status_code == 200, answer.data[:300]
        return {
            r["Action"]: r for r in csv.DictReader(io.StringIO(answer.data.decode("utf-8-sig")))
        }

    now = rows(f"/api/v1/tenants/{tenant}/action-plan")
    trained = now["Train call handlers in DASH"]
    assert trained["Themes"] == "DASH risk assessment; Training"
    assert trained["Target sector"] == "Police"
    assert now["Answer within ten seconds"]["Themes"] == "Call handling"  # its own theme
    then = rows(f"/api/v1/tenants/{tenant}/action-plan/as-recorded?at={quote(recorded)}")
    assert "Answer within ten seconds" not in then  # recorded after the instant asked for
    assert then["Train call handlers in DASH"]["Themes"] == "DASH risk assessment; Training"


def test_the_action_plan_names_a_directory_owner_and_keeps_the_key_it_recorded(
    client: FlaskClient,
    wm: WestMidlands,
    platform: Platform,
    ledger_cli: Callable[..., Result],
) -> None:
    """The API answers the key as recorded beside the body's name; its CSV and ``ledger
    export`` show the name, as the pages and papers do."""
    tenant = wm.slugs["birmingham"]
    with platform.region_ledgers.lease(wm.region) as region:
        region.partners.add("wm-police", "West Midlands Police", "police", date(2015, 4, 1))
    with platform.ledgers.lease(tenant) as app:
        review = app.reviews.all()[0].id
        rec = recommend(app, review, "R40", ["training"], "police")
        app.actions.plan(rec, "wm-police", "Brief response officers", date(2012, 2, 1))
    plan = f"/api/v1/tenants/{tenant}/action-plan"

    lines = client.get(plan, headers=wm.officer).get_json()
    line = next(x for x in lines if x["description"] == "Brief response officers")
    assert (line["owner"], line["owner_name"]) == ("wm-police", "West Midlands Police")
    answer = client.get(plan, headers={**wm.officer, "Accept": "text/csv"})
    rows = {r["Action"]: r for r in csv.DictReader(io.StringIO(answer.data.decode("utf-8-sig")))}
    assert rows["Brief response officers"]["Owner agency"] == "West Midlands Police"
    exported = ledger_cli("export", "action-plan", tenant)
    assert exported.exit_code == 0, exported.output
    assert "West Midlands Police" in exported.output and "wm-police" not in exported.output


def test_a_reviews_recommendations_list_in_number_order_with_their_themes_named(
    client: FlaskClient, wm: WestMidlands, platform: Platform
) -> None:
    tenant = wm.slugs["birmingham"]
    with platform.ledgers.lease(tenant) as app:
        review = app.reviews.all()[-1].id
        for reference in ("R10", "R2", "R1"):
            recommend(app, review, reference, ["dash-risk-assessment"], "police")
    path = f"/api/v1/tenants/{tenant}/reviews/{review}/recommendations"
    listed = client.get(path, headers=wm.officer).get_json()
    assert [r["reference"] for r in listed] == ["R1", "R2", "R10"]
    assert listed[0]["theme_codes"] == ["dash-risk-assessment"]
    assert listed[0]["theme_names"] == ["DASH risk assessment"]
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(path, headers={**wm.officer, "Accept": "text/csv"}).data.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert [(r["Reference"], r["Themes"], r["Target sector"]) for r in rows] == [
        (f"R{n}", "DASH risk assessment", "Police") for n in (1, 2, 10)
    ]


def test_the_themes_download_names_every_theme_and_sector_as_the_taxonomies_do(
    client: FlaskClient, wm: WestMidlands, platform: Platform, tmp_path: Path
) -> None:
    """A board reads names, not codes: a region's own sector and a partnership's own theme
    are named on the Themes and Sectors sheets as their taxonomies name them, as the seeded
    ones are, and no sheet repeats the codes (no import reads this file back)."""
    add_region_theme(
        platform, wm.region, "probation-service", "Probation Service", "addressee", "other"
    )
    with platform.ledgers.lease(wm.slugs["coventry"]) as app:
        app.themes.add("cov-cuckooing", "Cuckooing", ThemeKind.THEME)
        review = app.reviews.all()[0].id
        recommend(app, review, "R40", ["cov-cuckooing", "coercive-control"], "probation-service")
        recommend(app, review, "R41", ["coercive-control"], "police")
    url = f"/api/v1/regions/{wm.region}/views/themes?as_of={TODAY}"
    answer = client.get(url, headers={**wm.analyst, "Accept": XLSX})
    assert answer.status_code == 200, answer.data[:300]
    path = tmp_path / "themes.xlsx"
    path.write_bytes(answer.data)
    book = load_workbook(path)
    themes = list(book["Themes"].iter_rows(values_only=True))
    sectors = list(book["Sectors"].iter_rows(values_only=True))
    assert themes[0] == ("Theme", "Partnerships", "Reviews", "Recommendations")
    assert sectors[0] == ("Target sector", "Recommendations", "Partnerships")
    named = {row[0]: row[1:] for row in themes[1:]}
    assert named["Cuckooing"] == (1, 1, 1)  # Coventry's own theme
    assert named["Coercive control vs incident-based practice"][2] == 2
    aimed = {row[0]: row[1:] for row in sectors[1:]}
    assert aimed["Probation Service"] == (1, 1)  # the region's own sector
    assert aimed["Police"][0] >= 1
    cells = {c for rows in (themes, sectors) for row in rows for c in row}
    assert not {"cov-cuckooing", "coercive-control", "probation-service", "police"} & cells


def test_a_taxonomy_that_cannot_be_read_leaves_its_codes_unnamed_not_the_download_broken(
    client: FlaskClient, wm: WestMidlands, platform: Platform, tmp_path: Path
) -> None:
    """Naming reads every partnership's taxonomy: one altered event in one of them must not
    take the region's download (or dashboard) down with it. Its own themes read as codes."""
    coventry = wm.slugs["coventry"]
    with platform.ledgers.lease(coventry) as app:
        app.themes.add("cov-cuckooing", "Cuckooing", ThemeKind.THEME)
        review = app.reviews.all()[0].id
        recommend(app, review, "R40", ["cov-cuckooing", "coercive-control"], "police")
    flip_a_byte(platform, coventry, Taxonomy.create_id(coventry), 1)
    platform.ledgers.forget(coventry)  # read from the store again, not an open application
    url = f"/api/v1/regions/{wm.region}/views/themes?as_of={TODAY}"

    answer = client.get(url, headers={**wm.analyst, "Accept": XLSX})

    assert answer.status_code == 200, answer.data[:300]
    path = tmp_path / "themes.xlsx"
    path.write_bytes(answer.data)
    named = {row[0] for row in load_workbook(path)["Themes"].iter_rows(values_only=True)}
    assert "cov-cuckooing" in named and "Coercive control vs incident-based practice" in named
