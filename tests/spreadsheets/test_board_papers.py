"""Board papers read back with pdftotext: the seed table per partnership, the pooled budget
statement, the action plan; marked OFFICIAL-SENSITIVE with page numbers on every page."""

from __future__ import annotations

import re
import subprocess
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from html import unescape
from pathlib import Path
from uuid import UUID

import pytest
from click.testing import Result
from flask.testing import FlaskClient

from api.papers.cells import ROUNDING_NOTE, asked, region_in_text, rounding_note
from api.papers.money import PooledAsk, pooled_paper
from api.papers.render import to_html
from api.tables.columns import Column, Kind
from domain.actionplan import Scope
from domain.recording import acting_as
from tenants.demo.money import leicestershire_2016_17, leicestershire_pooled_budget
from tenants.ledger import PartnershipLedger
from tenants.platform import Platform
from tests.projections.support import WEST_MIDLANDS, recommend
from tests.spreadsheets.conftest import TODAY, WestMidlands


def text_of(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "paper.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def per_csp(text: str) -> dict[str, tuple[int, int]]:
    """Table 1's rows: partnership, notified, commenced, completed, ..."""
    found = {}
    for name, _, _ in WEST_MIDLANDS.values():
        match = re.search(rf"^\s*{name}\s+(\d+)\s+(\d+)\s+(\d+)\s", text, re.M)
        assert match, f"{name} missing from the paper"
        found[name] = (int(match[2]), int(match[3]))
    return found


def pages(text: str) -> int:
    return text.count("\f") or 1


def test_ledger_report_writes_the_regional_board_paper(
    wm: WestMidlands, ledger_cli: Callable[..., Result], tmp_path: Path
) -> None:
    out = tmp_path / "wm.pdf"
    done = ledger_cli(
        "report",
        "regional",
        wm.region,
        "--until",
        "2013-09-04",
        "-o",
        str(out),
        "--meeting",
        "Strategic Policing and Crime Board",
    )
    assert done.exit_code == 0, done.output
    assert out.read_bytes()[:4] == b"%PDF"
    text = text_of(out.read_bytes(), tmp_path)
    assert per_csp(text) == {name: (c, d) for name, c, d in WEST_MIDLANDS.values()}
    assert re.search(r"^\s*Total\s+\d+\s+25\s+6\s", text, re.M)
    for part in (
        "Purpose of the report",
        "Recommendation",
        "Background",
        "Timeliness",
        "Shared themes",
        "Actions outstanding",
        "Financial implications",
        "Strategic Policing and Crime Board",
        "4 September 2013",
    ):
        assert part in text, part
    assert "Joint reviews are counted once" in text  # the seed table's footnotes
    n = pages(text)
    assert n >= 2 and text.count("OFFICIAL-SENSITIVE") >= 2 * n
    assert all(f"Page {i} of {n}" in text for i in range(1, n + 1))


def test_the_regional_paper_over_http_as_pdf_or_html(
    client: FlaskClient, wm: WestMidlands, tmp_path: Path, platform: Platform
) -> None:
    with platform.ledgers.lease(wm.slugs["birmingham"]) as app:
        review = app.reviews.all()[0].id
        recommend(app, review, "R1", ["dash-risk-assessment"], "idva-domestic-abuse-service")
    url = f"/api/v1/regions/{wm.region}/reports/regional?until=2013-09-04&as_of={TODAY}"
    pdf = client.get(url, headers=wm.analyst)
    assert (pdf.status_code, pdf.mimetype) == (200, "application/pdf")
    assert per_csp(text_of(pdf.data, tmp_path))["Birmingham"] == (13, 2)
    html = client.get(url + "&format=html", headers=wm.analyst)
    assert html.mimetype == "text/html" and "<thead>" in html.data.decode()
    words = " ".join(html.data.decode().split())
    assert re.search(  # Table 2's bottom line; every decision of the fixture came on day 25
        r"Of the (\d+) decisions made on cases notified in the period, none came more than a "
        r"month after the incident\. On 4 September 2013, \d+ cases were more than 7 months past "
        r"the incident without the Home Office&#39;s approval",
        words,
    ), words
    # "decided after 1 month" under the heading over the counts of the cases notified
    assert 'colspan="7" class="group">Notified in the period</th>' in words
    assert '<th scope="col" class="n">Decided after 1 month</th>' in words
    assert f"Domestic Homicide Reviews in the {wm.name}" in words  # as the seeds' papers say
    assert f"Community Safety Partnerships of the {wm.name} from" in words
    assert "DASH risk assessment" in words and "IDVA / domestic abuse service" in words
    assert "dash-risk-assessment" not in words  # a board reads names; codes stay in downloads
    assert "No review has costs recorded in the period, so no cost per DHR is given." in words
    assert '<table class="data wide">' in words  # table 2's ten columns: smaller, amounts whole
    assert "allocated to partnerships: £0;" in words and "Grants allocated" in words
    assert client.get(url, headers={**wm.analyst, "Accept": "text/html"}).mimetype == "text/html"
    assert client.get(url, headers=wm.officer).status_code == 403
    assert client.get(url + "&format=csv", headers=wm.analyst).status_code == 406


def test_table_4a_names_each_body_within_its_kind_as_the_plans_download_does(
    client: FlaskClient, wm: WestMidlands, tmp_path: Path, platform: Platform
) -> None:
    """'Health 3' could not be reconciled with the master plan's download, which names each
    owner: under its kind the paper names the directory's bodies it counts, by the names the
    download gives the same actions, and counts owners the directory does not know apart."""
    tenant = wm.slugs["birmingham"]
    with platform.ledgers.lease(tenant) as app:
        rec = train_staff(app, app.reviews.all()[0].id)
        for owner in ("bch", "Birmingham Community HEALTHCARE", "Community Nursing Trust"):
            app.actions.plan(rec, owner, f"Brief {owner}", date(2013, 6, 1))
    with platform.region_ledgers.lease(wm.region) as shared:
        shared.partners.add("bch", "Birmingham Community Healthcare", "health", date(2012, 1, 1))
    url = f"/api/v1/regions/{wm.region}/reports/regional?until=2013-09-04&as_of={TODAY}"

    html = client.get(url + "&format=html", headers=wm.analyst).data.decode()
    words = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    table = words.split("Table 4a: actions by owner agency", 1)[1].split("Table 4b", 1)[0]
    assert re.search(r"\bHealth 3 3 0 0 Health: Birmingham Community Healthcare 2 2 0 0 ", table)
    assert "Health: owners not in the region's partner directory 1 1 0 0" in table
    plan = client.get(f"/api/v1/tenants/{tenant}/action-plan", headers=wm.officer).get_json()
    named = {line["owner_name"] for line in plan if line["description"].startswith("Brief")}
    assert named == {"Birmingham Community Healthcare", "Community Nursing Trust"}
    pdf = " ".join(text_of(client.get(url, headers=wm.analyst).data, tmp_path).split())
    assert "Health: Birmingham Community" in pdf and "Healthcare" in pdf


def train_staff(app: PartnershipLedger, review: UUID) -> UUID:
    """Recommendation R1 of a review: every review has an R1."""
    return app.recommendations.make(
        review, "R1", "Train staff", Scope.MULTI_AGENCY, date(2012, 1, 1), ["training"], "Police"
    )


def test_a_long_table_breaks_across_pages_with_its_header_repeated(
    client: FlaskClient, wm: WestMidlands, platform: Platform, tmp_path: Path
) -> None:
    tenant = wm.slugs["birmingham"]
    with platform.ledgers.lease(tenant) as app:
        rec = train_staff(app, app.reviews.all()[0].id)
        for n in range(80):
            app.actions.plan(
                rec, f"Agency {n % 7}", f"Action number {n}", date(2012, 2, 1) + timedelta(days=n)
            )
    r = client.get(
        f"/api/v1/tenants/{tenant}/reports/action-plan?on=2014-01-01", headers=wm.officer
    )
    text = text_of(r.data, tmp_path)
    assert pages(text) >= 3 and "Action number 79" in text
    assert text.count("Owner agency") >= 3  # the header on every page the table spans
    assert "Of the 80 not yet completed, 80 are overdue" in " ".join(text.split())


def test_a_table_nearly_a_page_long_starts_under_its_heading(
    client: FlaskClient, wm: WestMidlands, platform: Platform, tmp_path: Path
) -> None:
    """Kept whole, a table a little shorter than a page went to the next page and left its
    section's heading alone on an empty one (the Birmingham plan's page 2)."""
    tenant = wm.slugs["birmingham"]
    with platform.ledgers.lease(tenant) as app:
        rec = train_staff(app, app.reviews.all()[0].id)
        for n in range(16):
            app.actions.plan(
                rec,
                "Mental Health Trust",
                f"Agree joint protocol {n} for shared cases of mental health, substance misuse "
                "and abuse",
                date(2012, 2, 1) + timedelta(days=n),
            )
    r = client.get(
        f"/api/v1/tenants/{tenant}/reports/action-plan?on=2014-01-01", headers=wm.officer
    )
    for page in text_of(r.data, tmp_path).split("\f"):
        if "Actions overdue" in page:
            assert "Table 1: overdue actions" in page and "Agree joint protocol 0" in page


@pytest.mark.parametrize("fmt", ["pdf", "html"])
def test_the_pooled_budget_paper_holds_seed_001s_statement(
    fmt: str, platform: Platform, ledger_cli: Callable[..., Result], tmp_path: Path
) -> None:
    suffix = uuid.uuid4().hex[:6]
    tenant = f"charnwood-{suffix}"
    platform.registry.create_region(f"leics-{suffix}", f"Leicestershire & Rutland {suffix}")
    platform.register_tenant(tenant, "Charnwood", f"leics-{suffix}")
    with acting_as("test"), platform.ledgers.lease(tenant) as app:
        leicestershire_pooled_budget(app)
    out = tmp_path / f"pool.{fmt}"
    done = ledger_cli(
        "report",
        "pooled-budget",
        tenant,
        "llr-dhr",
        "--year",
        "2015/16",
        "--expected-dhrs",
        "2.5",
        "-o",
        str(out),
    )
    assert done.exit_code == 0, done.output
    text = text_of(out.read_bytes(), tmp_path) if fmt == "pdf" else out.read_text()
    assert re.search(
        r"Carried forward at the year end\s*(</th>\s*<td class=\"n\">)?\s*£25,500(?![.\d])", text
    )
    assert "Leicestershire Police" in text and "2.5 reviews a year" in text
    assert "Hinckley & Bosworth" in text or "Hinckley &amp; Bosworth" in text
    assert "Officer and admin support" in text and "business-office" not in text  # no keys


def test_the_forecasts_shares_add_up_to_the_year_the_paper_costs(platform: Platform) -> None:
    """Table 4 had no total: a board adding the shares found £67,587 where the paragraph above
    said a year costs £67,589, with nothing saying each share was rounded to the pound. The
    statement also says the day its figures were read, as the regional paper does."""
    suffix = uuid.uuid4().hex[:6]
    tenant = f"charnwood-{suffix}"
    platform.registry.create_region(f"leics-{suffix}", f"Leicestershire & Rutland {suffix}")
    platform.register_tenant(tenant, "Charnwood", f"leics-{suffix}")
    with acting_as("test"), platform.ledgers.lease(tenant) as app:
        pot = leicestershire_pooled_budget(app)
        leicestershire_2016_17(app, pot)
    with platform.ledgers.lease(tenant, writing=False) as app:
        html = to_html(pooled_paper(app, PooledAsk(tenant, pot, "2016/17")))
    words = " ".join(unescape(re.sub(r"<style>.*?</style>|<[^>]+>", " ", html, flags=re.S)).split())
    assert "a year costs £67,589; agreed contributions are £66,000" in words, words
    table = words.split("Table 4: each partner's share of the forecast", 1)[1]
    assert "Rutland £2,500 £2,560 Total £66,000 £67,589 " + ROUNDING_NOTE in table, table
    assert re.search(r"Data as at</th><td>\d", html), html


def test_the_pooled_budget_paper_as_the_ledger_had_recorded_it(
    platform: Platform, ledger_cli: Callable[..., Result], tmp_path: Path
) -> None:
    """After the statement was recorded, a copy as of then says so and holds it; before the
    pot was opened there is nothing to read, and the error says what to do."""
    suffix = uuid.uuid4().hex[:6]
    tenant = f"charnwood-{suffix}"
    platform.registry.create_region(f"leics-{suffix}", f"Leicestershire & Rutland {suffix}")
    platform.register_tenant(tenant, "Charnwood", f"leics-{suffix}")
    before = datetime.now(UTC)
    time.sleep(0.01)
    with acting_as("test"), platform.ledgers.lease(tenant) as app:
        leicestershire_pooled_budget(app)
    after = datetime.now(UTC)
    out = tmp_path / "pool.html"
    args = ("report", "pooled-budget", tenant, "llr-dhr", "--year", "2015/16", "-o", str(out))
    done = ledger_cli(*args, "--as-recorded", after.isoformat())
    assert done.exit_code == 0, done.output
    text = out.read_text()
    assert "Carried forward at the year end" in text and "As recorded by" in text
    assert f"{after:%H:%M} UTC on {after.day} {after:%B %Y}" in text
    early = ledger_cli(*args, "--as-recorded", before.isoformat())
    assert early.exit_code != 0 and "ask for a later time" in early.output


def test_the_action_plan_names_each_actions_case_since_r1_recurs_in_every_review(
    client: FlaskClient, wm: WestMidlands, platform: Platform, tmp_path: Path
) -> None:
    tenant = wm.slugs["birmingham"]
    with platform.ledgers.lease(tenant) as app:
        reviews = app.reviews.all()[:2]
        for n, review in enumerate(reviews):
            rec = train_staff(app, review.id)
            app.actions.plan(rec, "Police", f"Train the team of case {n}", date(2012, 2, 1))
    expected = {f"Train the team of case {n}": r.reference for n, r in enumerate(reviews)}
    assert len(set(expected.values())) == 2

    plan = client.get(f"/api/v1/tenants/{tenant}/action-plan", headers=wm.officer).get_json()
    assert {line["description"]: line["review_reference"] for line in plan} == expected
    rows = (
        client.get(
            f"/api/v1/tenants/{tenant}/action-plan", headers={**wm.officer, "Accept": "text/csv"}
        )
        .data.decode("utf-8-sig")
        .splitlines()
    )
    assert rows[0].startswith("Case reference,Recommendation,")
    for description, reference in expected.items():
        assert any(r.startswith(f"{reference},R1,") and description in r for r in rows[1:])
    paper = text_of(
        client.get(
            f"/api/v1/tenants/{tenant}/reports/action-plan?on=2014-01-01", headers=wm.officer
        ).data,
        tmp_path,
    )
    assert all(f"{reference} R1" in paper for reference in expected.values())
    with platform.ledgers.lease(tenant) as app:
        first = next(line.action_id for line in app.plan.master(date(2014, 1, 1)))
        app.actions.complete(first, date(2012, 1, 20))
    html = client.get(
        f"/api/v1/tenants/{tenant}/reports/action-plan?on=2014-01-01&format=html",
        headers=wm.officer,
    ).data.decode()
    assert (  # nested counts: an overdue action is also one not yet completed
        "The plan holds 2 actions. The one not yet completed is overdue. The one completed "
        "awaits its impact review" in " ".join(html.split())
    )


@pytest.mark.parametrize(
    ("name", "in_text"),
    [
        ("West Midlands", "the West Midlands"),
        ("East Midlands", "the East Midlands"),
        ("North East", "the North East"),
        ("South West", "the South West"),
        ("East of England", "the East of England"),
        ("Thames Valley", "the Thames Valley"),
        ("West Midlands 3f2a", "the West Midlands 3f2a"),
        ("Leicestershire", "Leicestershire"),
        ("West Yorkshire", "West Yorkshire"),
        ("South Wales", "South Wales"),
        ("West Mercia", "West Mercia"),
        ("Staffordshire", "Staffordshire"),
        ("The Wirral", "The Wirral"),
        ("West", "West"),
    ],
)
def test_a_region_named_by_its_compass_point_is_written_with_the(name: str, in_text: str) -> None:
    assert region_in_text(name) == in_text


def test_the_action_plan_asks_the_board_and_gives_its_actions_room(
    client: FlaskClient, wm: WestMidlands, platform: Platform
) -> None:
    """ "The board asks" said what the board decides before it met (the regional paper says "is
    asked to", as the seeds do); the Action column got a fifth of the page beside a
    "Recommendation" column as wide as its header for "R1", and rows ran to four or five lines."""
    tenant = wm.slugs["birmingham"]
    with platform.ledgers.lease(tenant) as app:
        rec = train_staff(app, app.reviews.all()[0].id)
        app.actions.plan(
            rec,
            "Mental Health Trust",
            "Agree a joint protocol for shared cases of mental health, substance misuse and abuse",
            date(2012, 2, 1),
        )
    html = client.get(
        f"/api/v1/tenants/{tenant}/reports/action-plan?on=2014-01-01&format=html",
        headers=wm.officer,
    ).data.decode()
    words = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    assert (
        "The board is asked to note the actions overdue (table 1) and the completed actions "
        "awaiting their impact review (table 2). The board is asked to request that each owner "
        "agency of an overdue action give a progress update and a revised date by the next "
        "meeting." in words
    ), words.split("OFFICIAL-SENSITIVE", 2)[-1]
    assert "The board asks" not in words
    table = html.split("Table 1: overdue actions", 1)[1]
    headers = re.findall(r"<th[^>]*>([^<]*)</th>", table.split("</thead>", 1)[0])
    widths = [float(w) for w in re.findall(r'<col style="width: ([\d.]+)%">', table)]
    action = widths[headers.index("Action")]
    assert action == max(widths) and action > 30, dict(zip(headers, widths, strict=False))


@pytest.mark.parametrize(
    ("meeting", "asked_of"),
    [
        ("LLR DHR Board", "The board is asked"),
        ("Safe and Strong Communities Select Committee", "The committee is asked"),
        ("Leicestershire & Rutland DHR budget partners", "The partners are asked"),
        ("Rutland DHR partnerships: master action plan", "The board is asked"),
    ],
)
def test_a_paper_asks_the_meeting_its_form_names(meeting: str, asked_of: str) -> None:
    assert asked(meeting) == asked_of


def test_a_rounded_total_a_pound_from_its_rows_is_noted() -> None:
    """£1.50 and £1.50 are £2 each to the pound, their total £3: the note says why."""
    money = (Column("name", "", Kind.TEXT), Column("amount", "Amount", Kind.MONEY))
    rows = [{"name": "a", "amount": 150}, {"name": "b", "amount": 150}]
    assert rounding_note(money, [*rows, {"name": "Total", "amount": 300}]) == (ROUNDING_NOTE,)
    assert rounding_note(money, [*rows[:1], {"name": "Total", "amount": 150}]) == ()


def test_the_action_plan_says_which_impact_reviews_are_overdue(
    client: FlaskClient, wm: WestMidlands, platform: Platform
) -> None:
    """Impact reviews due years before the paper's day read as if still to come, where the case
    page and the master plan flag them "Impact review overdue"."""
    tenant = wm.slugs["birmingham"]
    protocol = (
        "Agree a joint protocol for shared cases of mental health, substance misuse and abuse"
    )
    with platform.ledgers.lease(tenant) as app:
        rec = train_staff(app, app.reviews.all()[0].id)
        late = app.actions.plan(rec, "Mental Health Trust", protocol, date(2013, 6, 1))
        due_late = app.actions.complete(late, date(2012, 3, 1))
        recent = app.actions.plan(rec, "Children's Services", "Brief the team", date(2014, 6, 1))
        due_later = app.actions.complete(recent, date(2013, 12, 1))
    assert due_late < date(2014, 1, 1) <= due_later
    url = f"/api/v1/tenants/{tenant}/reports/action-plan?on=2014-01-01"
    html = client.get(url + "&format=html", headers=wm.officer).data.decode()
    words = " ".join(unescape(re.sub(r"<style>.*?</style>|<[^>]+>", " ", html, flags=re.S)).split())
    table = words.split("Table 2: completed actions awaiting impact review", 1)[1]
    assert table.startswith(
        " 1 of the 2 impact reviews is overdue: due before 1 January 2014. Recommendation"
    ), table
    assert f"{due_late:%d/%m/%Y} (overdue)" in table, table
    assert f"{due_later:%d/%m/%Y} " in table and f"{due_later:%d/%m/%Y} (overdue)" not in table
    assert "Of the 2 completed, 2 await their impact review, 1 of them overdue:" in words, words


def test_a_partnerships_own_paper_by_the_api_and_the_command_line(
    client: FlaskClient,
    wm: WestMidlands,
    ledger_cli: Callable[..., Result],
    tmp_path: Path,
) -> None:
    """The partnership's DHR paper for its board: its officer gets it by the API as its
    download's twin; the region's analyst does not; an operator writes it with ``ledger``."""
    tenant = wm.slugs["birmingham"]
    url = f"/api/v1/tenants/{tenant}/reports/partnership?meeting=Birmingham+CSP+Board"
    r = client.get(url, headers=wm.officer)
    assert r.status_code == 200 and r.data[:4] == b"%PDF"
    text = " ".join(text_of(r.data, tmp_path).split())
    assert "Domestic Homicide Reviews in Birmingham" in text and "Birmingham CSP Board" in text
    assert "Table 1: reviews under way" in text and "Table 5: what the reviews cost" in text
    assert client.get(url, headers=wm.analyst).status_code == 403
    out = tmp_path / "birmingham.html"
    done = ledger_cli("report", "partnership", tenant, "-o", str(out))
    assert done.exit_code == 0, done.output
    assert "Table 2: actions by state" in out.read_text()
