"""Joint commissioning as pages, on each store: Staffordshire and Stoke-on-Trent's budget with
its minimum spend per area and the services it buys (seed 004), read by the OPCC and regional
leads and recorded by OPCC staff; what the ledger refuses is shown and nothing is recorded."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from io import BytesIO

import pytest
from flask.testing import FlaskClient
from openpyxl import load_workbook
from werkzeug.test import TestResponse

from domain.calendar import uk_today
from domain.funding import FinancialYear
from domain.recording import acting_as
from tenants.platform import Platform
from tenants.users.signin import enable_two_factor
from tests.api.test_shared_money import STAFFS, demo
from tests.projections.support import open_case
from tests.web.conftest import (
    Person,
    csrf,
    post_form,
    sign_in,
    sign_in_with_code,
    sign_out,
    site_with,
)

__all__ = ["demo"]

LEDGER = f"/regions/{STAFFS}/ledger"
BUDGET = f"/regions/{STAFFS}/commissioning-budgets/staffs-da-services-2018"
SERVICES = f"/regions/{STAFFS}/services"


@pytest.fixture
def site(demo: Platform) -> Iterator[FlaskClient]:
    people: list[Person] = [
        ("staffs-opcc", "pcc_officer", (), (STAFFS,)),
        ("staffs-analyst", "regional_lead", (), (STAFFS,)),
        ("staffs-auditor", "auditor", (), (STAFFS,)),
        ("stoke-lead", "csp_lead", ("stoke-on-trent",), ()),
        ("county-officer", "csp_officer", ("staffordshire",), ()),
        ("wolverhampton-officer", "csp_officer", ("wolverhampton",), ()),
    ]
    with site_with(demo, people) as client:
        yield client


def text(page: bytes) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page.decode()).split())


def budget_in_store(demo: Platform, reference: str = "staffs-da-services-2018") -> object:
    with demo.region_ledgers.lease(STAFFS, writing=False) as ledger:
        return ledger.commissioning.get(reference)


def test_the_region_ledger_lists_the_budget_and_services_for_a_regional_lead(
    site: FlaskClient,
) -> None:
    sign_in(site, "staffs-analyst")
    ledger = text(site.get(LEDGER).data)
    assert "Domestic abuse services from October 2018" in ledger
    assert "2018/19 £1,836,000.00 £600,000.00" in ledger and "1 area below minimum" in ledger
    assert "DA support: East Staffs, Lichfield and Tamworth" in ledger
    assert "30 September 2018" in ledger  # funded to: the extension
    assert "Ends within six months" not in ledger  # long ended, not ending
    assert "30 September 2018 Funding ended" in ledger
    assert "Open a commissioning budget" not in ledger  # reads, does not record

    budget = text(site.get(BUDGET).data)
    assert "Lead commissioner Staffordshire Police and Crime Commissioner" in budget
    assert "£600,000.00 £600,000.00 Minimum met" in budget  # the county
    assert "£421,000.00 £0.00 £421,000.00" in budget  # the city, still to reach
    assert "Not yet allocated £1,236,000.00" in budget
    assert "Allocate to an area" not in budget
    assert site.get(f"{BUDGET}/allocations/new").status_code == 403


def test_a_services_page_shows_its_providers_agreements_milestones_and_payments(
    site: FlaskClient,
) -> None:
    sign_in(site, "staffs-opcc")
    east = text(site.get(f"{SERVICES}/east-staffs-da").data)
    assert "Provider Pathway Project" in east
    assert "1 October 2017" in east  # the handover
    assert "Was to end 31 March 2018. Continue until the new services start" in east
    arch = text(site.get(f"{SERVICES}/arch-north-staffs").data)
    assert "Re-tender advertised 1 December 2017 1 December 2017" in arch
    assert "New services in place 1 October 2018 Overdue" in arch
    assert "£200,000.00" in arch  # paid by the county council
    history = text(site.get(link_to_history(site, f"{SERVICES}/east-staffs-da")).data)
    assert "Another provider took the service over" in history
    assert "Home Group did not wish to extend its agreement" in history


def link_to_history(site: FlaskClient, page: str) -> str:
    found = re.search(r'href="(/audit/regions/[^"]+)"', site.get(page).data.decode())
    assert found, "no link to the record's history"
    return found.group(1)


def allocate_to_the_city(site: FlaskClient) -> TestResponse:
    """The city's £421,000 for 2018/19, from the budget's allocation form (OPCC staff)."""
    return post_form(
        site,
        f"{BUDGET}/allocations/new",
        {
            "year": "2018/19",
            "area": "stoke-on-trent",
            "amount": "421,000",
            "purpose": "City refuge and outreach",
            "on": ["2", "7", "2018"],
        },
    )


def test_opcc_staff_allocate_to_the_city_and_its_minimum_is_met(
    site: FlaskClient, demo: Platform
) -> None:
    sign_in(site, "staffs-opcc")
    done = allocate_to_the_city(site)
    assert done.status_code == 302 and done.location.endswith(BUDGET)
    page = text(site.get(BUDGET).data)
    assert "£421,000.00 allocated to Stoke-on-Trent in 2018/19" in page
    assert page.count("Minimum met") == 2
    stored = budget_in_store(demo)
    year = stored.year(FinancialYear.parse("2018/19"))  # type: ignore[attr-defined]
    assert year.allocated == 102_100_000
    history = text(site.get(link_to_history(site, BUDGET)).data)
    assert "Allocated to an area" in history and "City refuge and outreach" in history


def test_an_allocation_leaving_the_city_short_is_refused_on_the_page(
    site: FlaskClient, demo: Platform
) -> None:
    sign_in(site, "staffs-opcc")
    before = budget_in_store(demo)
    refused = post_form(
        site,
        f"{BUDGET}/allocations/new",
        {
            "year": "2018/19",
            "area": "staffordshire",
            "amount": "815,000.01",
            "purpose": "More county services",
            "on": ["2", "7", "2018"],
        },
    )
    assert refused.status_code == 200
    body = text(refused.data)
    assert "There is a problem" in body and "£421,000.00" in body
    assert "Stoke-on-Trent" in body and "'stoke-on-trent'" not in body
    assert budget_in_store(demo).version == before.version  # type: ignore[attr-defined]


def test_opcc_staff_open_a_budget_and_budget_its_year_with_minimums(
    site: FlaskClient, demo: Platform
) -> None:
    sign_in(site, "staffs-opcc")
    opened = post_form(
        site,
        f"/regions/{STAFFS}/commissioning-budgets/new",
        {
            "name": "Refuge services 2026",
            "reference": "STAFFS-REFUGE-2026",
            "lead": "staffordshire-county-council",
            "on": ["1", "4", "2026"],
        },
    )
    assert opened.status_code == 302
    budget = opened.location
    form = site.get(f"{budget}/years/new").data.decode()
    labels = re.findall(r'for="(minimum_\d+)"[^>]*>\s*Minimum spend in ([^,]+),', form)
    by_area = {name: field for field, name in labels}
    assert set(by_area) == {
        "Safer Staffordshire",
        "Stoke-on-Trent",
        "Staffordshire County Council",
        "Stoke-on-Trent City Council",
    }, by_area

    too_much = {
        "year": "2026/27",
        "annual_value": "100,000",
        by_area["Staffordshire County Council"]: "80,000",
        by_area["Stoke-on-Trent City Council"]: "30,000",
        "on": ["1", "4", "2026"],
    }
    refused = post_form(site, f"{budget}/years/new", too_much)
    assert refused.status_code == 200 and "more than the £100,000.00 budgeted" in text(refused.data)
    assert not budget_in_store(demo, "STAFFS-REFUGE-2026").values  # type: ignore[attr-defined]

    done = post_form(site, f"{budget}/years/new", too_much | {"annual_value": "150,000"})
    assert done.status_code == 302
    stored = budget_in_store(demo, "STAFFS-REFUGE-2026")
    year = stored.year(FinancialYear.parse("2026/27"))  # type: ignore[attr-defined]
    assert {a.area: a.minimum for a in year.areas} == {
        "staffordshire-county-council": 8_000_000,
        "stoke-on-trent-city-council": 3_000_000,
    }
    page = text(site.get(done.headers["Location"]).data)
    assert "2026/27 budgeted" in page, page[:1500]  # the banner confirming it
    assert "2026/27" in page and "Value of the year £150,000.00" in page
    assert "Refuge services 2026" in text(site.get(LEDGER).data)


def assert_directory_linked(asked: str) -> None:
    """A provider is chosen from the directory: its hint links to where one not listed is
    added, in the same tab, as GOV.UK's links open."""
    assert 'id="provider-hint"' in asked
    hint = asked.split('id="provider-hint"')[1].split("</div>")[0]
    directory = f'<a class="govuk-link" href="{LEDGER}/directory/bodies/new">'
    assert directory in hint and "Add the provider to the region's directory</a>" in hint
    assert "target=" not in hint


def test_opcc_staff_record_a_service_its_agreement_payment_provider_and_milestones(
    site: FlaskClient, demo: Platform
) -> None:
    sign_in(site, "staffs-opcc")
    assert_directory_linked(site.get(f"{SERVICES}/new").data.decode())
    opened = post_form(
        site,
        f"{SERVICES}/new",
        {
            "name": "Stoke refuge",
            "reference": "stoke-refuge",
            "provider": "staffordshire-womens-aid",
            "area": "stoke-on-trent",
            "on": ["1", "10", "2018"],
        },
    )
    assert opened.status_code == 302
    service = opened.location
    form = site.get(f"{service}/funding-agreements/new").data.decode()
    shares = dict(
        (name.strip(), field)
        for field, name in re.findall(
            r'<label[^>]*for="(share_\d+)"[^>]*>\s*Paid by ([^<]+?) each year', form
        )
    )
    assert "Staffordshire Women's Aid" not in shares  # a provider does not fund
    city, opcc = (
        shares["Stoke-on-Trent City Council"],
        shares["Staffordshire Police and Crime Commissioner"],
    )
    agreement = {
        "agreement": "STOKE-2018",
        "starts_on": ["1", "10", "2018"],
        "ends_on": ["30", "9", "2021"],
        "annual_value": "421,000",
        city: "400,000",
        opcc: "20,000",
    }
    refused = post_form(site, f"{service}/funding-agreements/new", agreement)
    assert refused.status_code == 200 and "add up to £420,000.00" in text(refused.data)
    assert (
        post_form(
            site, f"{service}/funding-agreements/new", agreement | {opcc: "21,000"}
        ).status_code
        == 302
    )

    assert_directory_linked(site.get(f"{service}/handovers/new").data.decode())
    steps = [
        (
            "payments",
            {
                "agreement": "STOKE-2018",
                "funder": "stoke-on-trent-city-council",
                "amount": "100,000",
                "on": ["1", "11", "2018"],
            },
        ),
        (
            "extensions",
            {"agreement": "STOKE-2018", "on": ["31", "3", "2022"], "reason": "Align with year"},
        ),
        (
            "handovers",
            {"provider": "pathway-project", "on": ["1", "4", "2020"], "reason": "Re-tendered"},
        ),
        ("milestones", {"name": "Contract review", "on": ["1", "4", "2019"]}),
        ("milestones-reached", {"name": "Contract review", "on": ["3", "4", "2019"]}),
    ]
    for path, answers in steps:
        done = post_form(site, f"{service}/{path}/new", answers)
        assert done.status_code == 302, (path, text(done.data)[:600])
    page = text(site.get(service).data)
    assert "STOKE-2018 1 October 2018 31 March 2022 £421,000.00" in page
    assert (
        "Staffordshire Police and Crime Commissioner: £21,000.00 "
        "Stoke-on-Trent City Council: £400,000.00" in page
    )
    assert "Was to end 30 September 2021. Align with year" in page
    assert "Contract review 1 April 2019 3 April 2019" in page
    assert "Stoke-on-Trent City Council £100,000.00" in page
    with demo.region_ledgers.lease(STAFFS, writing=False) as ledger:
        stored = ledger.services.get("stoke-refuge")
    assert stored.provider == "pathway-project"
    assert stored.paid == {"stoke-on-trent-city-council": 10_000_000}


def test_a_payment_by_a_body_that_does_not_fund_it_is_refused(
    site: FlaskClient, demo: Platform
) -> None:
    sign_in(site, "staffs-opcc")
    refused = post_form(
        site,
        f"{SERVICES}/arch-north-staffs/payments/new",
        {
            "agreement": "arch-north-staffs-2015",
            "funder": "staffordshire-opcc",
            "amount": "",
            "on": ["1", "5", "2017"],
        },
    )
    assert refused.status_code == 200 and "Enter the amount paid" in text(refused.data)
    with demo.region_ledgers.lease(STAFFS, writing=False) as ledger:
        assert ledger.services.get("arch-north-staffs").paid == {
            "staffordshire-county-council": 20_000_000
        }


def test_a_partnerships_lead_does_not_reach_commissioning(site: FlaskClient) -> None:
    sign_in(site, "stoke-lead")
    assert site.get(BUDGET).status_code == 403
    assert site.get(f"{SERVICES}/arch-north-staffs").status_code == 403
    assert site.get(f"{SERVICES}/new").status_code == 403


def test_an_unknown_budget_or_service_is_not_found(site: FlaskClient) -> None:
    sign_in(site, "staffs-opcc")
    assert site.get(f"/regions/{STAFFS}/commissioning-budgets/nope").status_code == 404
    assert site.get(f"{SERVICES}/nope/payments/new").status_code == 404


def test_the_commissioning_downloads_as_a_workbook_for_the_board(site: FlaskClient) -> None:
    """The ledger page's download: each budget's minimum by area, each agreement with who pays
    it, and what each funder has paid, bodies named as the directory names them."""
    sign_in(site, "staffs-analyst")
    xlsx = f"/regions/{STAFFS}/ledger/downloads/commissioning.xlsx"
    assert f'href="{xlsx}"' in site.get(LEDGER).data.decode()
    book = load_workbook(BytesIO(site.get(xlsx).data))
    areas = list(book["Minimum spend by area"].iter_rows(min_row=2, values_only=True))
    city = next(row for row in areas if row[2] == "Stoke-on-Trent")
    assert city[1] == "2018/19" and city[3:] == (421_000, 0, 421_000)
    agreements = list(book["Funding agreements"].iter_rows(min_row=2, values_only=True))
    east = next(row for row in agreements if row[0].startswith("DA support: East Staffs"))
    assert east[1] == "Pathway Project"
    assert east[7] == (
        "Staffordshire County Council £200,000.00; "
        "Staffordshire Police and Crime Commissioner £50,000.00"
    )
    assert "was to end 31 March 2018: Continue until the new services start" in east[8]
    milestones = list(book["Milestones"].iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in milestones] == ["Re-tender advertised", "New services in place"]
    paid = list(book["Paid to providers"].iter_rows(min_row=2, values_only=True))
    assert ("DA support: East Staffs, Lichfield and Tamworth", "Staffordshire County Council") in {
        row[:2] for row in paid
    }
    csv = site.get(f"/regions/{STAFFS}/ledger/downloads/commissioning.csv")
    assert csv.status_code == 200 and "Stoke-on-Trent" in csv.data.decode()
    payments = site.get(f"/regions/{STAFFS}/ledger/downloads/commissioning.csv?table=payments")
    assert payments.data.decode("utf-8-sig").startswith("Service,Paid by,Paid so far")
    unknown = site.get(f"/regions/{STAFFS}/ledger/downloads/commissioning.csv?table=contracts")
    assert unknown.status_code == 422
    assert "ask for one of: areas, agreements, payments" in text(unknown.data)
    sign_out(site)
    sign_in(site, "stoke-lead")
    assert site.get(xlsx).status_code == 403


STOKE_MONEY = "/partnerships/stoke-on-trent/money"


def test_a_partnership_reads_its_own_areas_minimum_and_services_on_its_money_page(
    site: FlaskClient,
) -> None:
    """The city's lead sees the £421,000 the budget owes the city and what is allocated, met
    once the OPCC allocates it; the county's officer sees the county's line and the three
    services bought for the county; neither sees the other area's figures."""
    sign_in(site, "stoke-lead")
    city = text(site.get(STOKE_MONEY).data)
    assert "Joint commissioning in Stoke-on-Trent" in city
    assert "Domestic abuse services from October 2018 2018/19 £421,000.00 £0.00 £421,000.00" in city
    assert "£600,000.00" not in city and "Safer Staffordshire" not in city
    assert "No grant from the budget lines of Staffordshire" in city
    sign_out(site)

    sign_in(site, "staffs-opcc")
    allocated = allocate_to_the_city(site)
    assert allocated.status_code == 302
    sign_out(site)
    sign_in(site, "stoke-lead")
    assert "£421,000.00 £421,000.00 Minimum met" in text(site.get(STOKE_MONEY).data)
    sign_out(site)

    sign_in(site, "county-officer")
    county = text(site.get("/partnerships/staffordshire/money").data)
    assert "2018/19 £600,000.00 £600,000.00 Minimum met" in county
    assert "DA support: East Staffs, Lichfield and Tamworth Pathway Project 30 September 2018" in (
        county
    )
    assert "£421,000.00" not in county  # the city's minimum is the city's
    assert "30 September 2018 Funding ended" in county  # judged today, long after


def test_a_partnership_reads_the_grants_allocated_to_it(site: FlaskClient) -> None:
    """Wolverhampton, the accountable body for the West Midlands DHR research, was allocated
    and paid £30,000 under the Commissioner's decision 036/2013 (seed 000); a partnership
    with no commissioning in its area is not shown an empty section for it."""
    sign_in(site, "wolverhampton-officer")
    page = text(site.get("/partnerships/wolverhampton/money").data)
    assert (
        "Invest to Save 2013-14 West Midlands Police and Crime Commissioner 036/2013 "
        "£30,000.00 £30,000.00 £0.00"
    ) in page
    assert "Joint commissioning in" not in page


def test_the_commissioning_board_paper_for_the_board_that_oversees_it(site: FlaskClient) -> None:
    """Seed 004's update to the select committee, from the ledger: the city below its minimum,
    the agreements extended, Pathway taking East Staffs over from Home Group, the milestones
    (the new services are due on 1 October 2018, long past: overdue), what each funder paid."""
    sign_in(site, "staffs-analyst")
    pdf = f"/regions/{STAFFS}/ledger/papers/commissioning.pdf"
    assert f'href="{pdf}"' in site.get(LEDGER).data.decode()
    page = site.get(f"/regions/{STAFFS}/ledger/papers/commissioning.html").data.decode()
    # each figure is read with the columns naming its row (a budget's year in an area)
    table_1 = page.split('<table class="data', 1)[1]
    areas = re.findall(r"<tr>(<th scope=\"row\">.*?)</tr>", table_1)
    assert re.match(r'(<th scope="row">[^<]+</th>){3}<td class="n">£', areas[0]), areas
    paper = text(page.encode())
    assert "Joint commissioning in Staffordshire" in paper
    assert "and that Stoke-on-Trent is still below the minimum" in paper
    assert "Pathway Project took the service over from Home Group on 1 October 2017" in paper
    assert "was to end 31 March 2018: Continue until the new services start" in paper
    assert "1 milestone is overdue at" in paper
    # judged today, the extended agreements ran out in 2018: the paper says so, not "in place"
    assert "3 agreements have ended, the last on 30 September 2018; none is in force" in paper
    assert "no funding agreement is in force at" in paper and "agreements in place" not in paper
    assert "revised dates for the overdue milestones (table 3)" in paper
    assert "Paid to providers so far: Staffordshire County Council £600,000." in paper
    printed = site.get(pdf)
    assert printed.status_code == 200 and printed.mimetype == "application/pdf"
    assert printed.data.startswith(b"%PDF")
    sign_out(site)
    sign_in(site, "stoke-lead")
    assert site.get(pdf).status_code == 403


def test_reports_and_downloads_lists_the_commissioning_and_the_groups_plans(
    site: FlaskClient,
) -> None:
    """Every table a role may take away is on its Reports page: for the region's analyst the
    joint commissioning (with its paper) and each group's plan; for a partnership's lead the
    plans of the groups the partnership is a member of, and not the commissioning."""
    sign_in(site, "staffs-analyst")
    analyst = site.get("/reports").data.decode()
    assert f'href="/regions/{STAFFS}/ledger/papers/commissioning.pdf"' in analyst
    assert f'href="/regions/{STAFFS}/ledger/downloads/commissioning.xlsx"' in analyst
    plan = f"/regions/{STAFFS}/groups/{STAFFS}-master-plan/papers/master-action-plan.pdf"
    assert f'href="{plan}"' in analyst
    sign_out(site)
    sign_in(site, "stoke-lead")
    lead = site.get("/reports").data.decode()
    assert f'href="{plan}"' in lead  # Stoke-on-Trent is a member of the board's plan
    assert "commissioning.xlsx" not in lead
    assert site.get(plan).status_code == 200


def test_the_ledger_tags_a_service_whose_funding_ends_within_six_months(
    site: FlaskClient, demo: Platform
) -> None:
    today = uk_today()
    with acting_as("test"), demo.region_ledgers.lease(STAFFS) as ledger:
        ledger.services.open(
            "stoke-refuge", "Stoke refuge", "staffordshire-womens-aid", "stoke-on-trent", today
        )
        ledger.services.agree_funding(
            "stoke-refuge",
            "STOKE-R",
            today,
            today + timedelta(days=90),
            100_000,
            [("stoke-on-trent-city-council", 100_000)],
        )
    sign_in(site, "staffs-analyst")
    ledger_page = text(site.get(LEDGER).data)
    assert "Stoke refuge Staffordshire Women's Aid Stoke-on-Trent" in ledger_page.replace(
        "&#39;", "'"
    )
    assert ledger_page.count("Ends within six months") == 1


def test_board_papers_as_an_earlier_meeting_saw_them(site: FlaskClient, demo: Platform) -> None:
    """The Reports page asks for a day and links each table and paper as the ledger had
    recorded things by its end: the demo was recorded today, so yesterday's copy of the
    commissioning paper and its workbook hold nothing of it, and the workbook says so. A day
    to come or half a date is refused."""
    sign_in(site, "staffs-analyst")
    yesterday = uk_today() - timedelta(days=1)
    with acting_as("test"), demo.region_ledgers.lease(STAFFS) as ledger:
        ledger.services.open("stoke-refuge", "Stoke refuge", "arch", "stoke-on-trent", uk_today())
    day = {"as_recorded": [str(yesterday.day), str(yesterday.month), str(yesterday.year)]}
    page = text(site.get("/reports", query_string=day).data)
    assert f"as it had recorded things by the end of {yesterday.day} {yesterday:%B %Y}" in page
    assert "Figures are as recorded now" not in page
    assert "Figures are as recorded now" in text(site.get("/reports").data)
    raw = site.get("/reports", query_string=day).data.decode()
    workbook = re.search(r'href="([^"]+/commissioning\.xlsx\?as_recorded=[^"]+)"', raw)
    assert workbook is not None
    counts = re.search(r'href="([^"]+/dhr-counts\.csv\?[^"]+)"', raw)
    assert counts is not None and f"as_recorded={yesterday}" in counts.group(1)
    taken = site.get(workbook.group(1))
    assert f"commissioning-as-recorded-{yesterday}.xlsx" in taken.headers["Content-Disposition"]
    book = load_workbook(BytesIO(taken.data))
    assert [*book["Minimum spend by area"].iter_rows(min_row=2, values_only=True)] == []
    notes = {row[0]: row[1] for row in book["Notes"].iter_rows(values_only=True)}
    assert notes["As recorded by"] == f"the end of {yesterday.day} {yesterday:%B %Y}"
    assert [
        *load_workbook(BytesIO(site.get(f"{LEDGER}/downloads/commissioning.xlsx").data))[
            "Minimum spend by area"
        ].iter_rows(min_row=2, values_only=True)
    ]
    paper = re.search(r'href="([^"]+/papers/commissioning\.pdf\?as_recorded=[^"]+)"', raw)
    assert paper is not None
    then = text(site.get(paper.group(1).replace(".pdf", ".html")).data)
    now = text(site.get(f"{LEDGER}/papers/commissioning.html").data)
    assert "no commissioning budgets and no commissioned services" in then
    assert "1 commissioning budget and 4 commissioned services" in now
    assert f"the end of {yesterday.day} {yesterday:%B %Y}" in then
    regional = re.search(r'href="([^"]+/papers/regional\.pdf\?[^"]+)"', raw)
    assert regional is not None
    assert site.get(regional.group(1).replace("&amp;", "&")).data.startswith(b"%PDF")

    later = uk_today() + timedelta(days=3)
    future = {"as_recorded": [str(later.day), str(later.month), str(later.year)]}
    refused = text(site.get("/reports", query_string=future).data)
    assert "There is a problem" in refused and "must be today or before" in refused
    half = text(site.get("/reports", query_string={"as_recorded": "3"}).data)
    assert "must include a month and year" in half


def test_an_auditor_granted_the_region_takes_its_papers_as_a_meeting_saw_them(
    site: FlaskClient, demo: Platform
) -> None:
    """The region's papers and each of its partnerships' registers and action plan, as
    recorded by a day."""
    with acting_as("test"), demo.ledgers.lease("stoke-on-trent") as city:
        open_case(city, "DHR-2026-01", uk_today() - timedelta(days=30))
    sign_in_with_code(site, "staffs-auditor", enable_two_factor(demo.access, "staffs-auditor"))
    today = uk_today()
    day = {"as_recorded": [str(today.day), str(today.month), str(today.year)]}
    page = site.get("/reports", query_string=day).data.decode()
    assert f"/regions/{STAFFS}/ledger/papers/commissioning.pdf?as_recorded={today}" in page
    plan = f"/partnerships/stoke-on-trent/papers/action-plan.pdf?as_recorded={today}"
    assert plan in page and "Stoke-on-Trent" in page
    assert site.get(plan).data.startswith(b"%PDF")
    cases = "/partnerships/stoke-on-trent/downloads/cases.csv"
    assert f"{cases}?as_recorded={today}" in page
    # everything the demo holds was recorded today: by today's end, the register as it is now;
    # by yesterday's, none of it
    assert site.get(f"{cases}?as_recorded={today}").data == site.get(cases).data
    assert site.get(cases).data.count(b"\n") == 2 and b"DHR-2026-01" in site.get(cases).data
    yesterday = today - timedelta(days=1)
    assert site.get(f"{cases}?as_recorded={yesterday}").data.count(b"\n") == 1


VERSION = re.compile(r'name="version" type="hidden" value="(\d+)"')


def correct_on_page(site: FlaskClient, link: str, data: dict[str, str]) -> TestResponse:
    """Follow the budget page's link that reads ``link`` (its words and those only screen
    readers hear), then send its form as it was shown (its CSRF token and the budget's
    version)."""
    page = site.get(BUDGET).data.decode()
    shown, _, hidden = link.partition(" / ")
    found = re.search(f'href="([^"]+)">{shown}<span class="govuk-visually-hidden"> {hidden}<', page)
    assert found, f"no link: {link}"
    url = found.group(1).replace("&amp;", "&")
    form = site.get(url).data
    version = VERSION.search(form.decode())
    assert version is not None
    return site.post(url, data={"csrf_token": csrf(form), "version": version.group(1), **data})


def test_opcc_staff_correct_a_mis_keyed_allocation_and_the_history_keeps_both(
    site: FlaskClient, demo: Platform
) -> None:
    sign_in(site, "staffs-opcc")
    page = text(site.get(BUDGET).data)
    assert "Allocations in 2018/19" in page
    assert (
        "1 1 July 2018 Safer Staffordshire County Council&#39;s annual contribution £600,000.00"
        in page
    )

    refused = correct_on_page(
        site,
        "Correct amount / of allocation 1",
        {"value": "1,415,000.01", "reason": "Typed from the wrong line"},
    )
    assert refused.status_code == 200
    said = text(refused.data)
    assert "There is a problem" in said and "at most £1,415,000.00" in said
    assert "'stoke-on-trent'" not in said and "Stoke-on-Trent" in said
    before = budget_in_store(demo)

    done = correct_on_page(
        site, "Correct amount / of allocation 1", {"value": "60,000", "reason": ""}
    )
    assert done.status_code == 200
    assert "Say why the recorded figure was wrong" in text(done.data)
    assert budget_in_store(demo).version == before.version  # type: ignore[attr-defined]

    done = correct_on_page(
        site,
        "Correct amount / of allocation 1",
        {"value": "60,000", "reason": "Keyed £600,000 for £60,000"},
    )
    assert done.status_code == 302 and done.location.endswith(BUDGET)
    page = text(site.get(BUDGET).data)
    assert "Amount of allocation 1 in 2018/19 corrected to £60,000.00" in page
    assert "£600,000.00 £60,000.00 £540,000.00" in page  # the county, now short
    history = text(site.get(link_to_history(site, BUDGET)).data)
    assert "Commissioning figure corrected" in history
    assert (
        "Amount of allocation 1 in 2018/19 Previous value £600,000.00 Corrected to £60,000.00"
        in history
    )
    assert "Keyed £600,000 for £60,000" in history


def test_an_allocations_area_and_a_minimum_are_corrected_by_name(
    site: FlaskClient, demo: Platform
) -> None:
    sign_in(site, "staffs-opcc")
    form = site.get(f"{BUDGET}/corrections/allocation.2018-19.1.area").data.decode()
    assert "Correct the area of allocation 1 in 2018/19" in form
    assert "Recorded now: <strong>Safer Staffordshire</strong>" in form
    assert "OFFICIAL-SENSITIVE" not in form
    moved = correct_on_page(
        site,
        "Correct area / of allocation 1",
        {"value": "stoke-on-trent", "reason": "The city's, not the county's"},
    )
    assert moved.status_code == 302
    page = text(site.get(BUDGET).data)
    assert "Area of allocation 1 in 2018/19 corrected to Stoke-on-Trent" in page
    minimum = correct_on_page(
        site,
        "Correct / the minimum in Safer Staffordshire",
        {"value": "500,000", "reason": "Decision 2017/42"},
    )
    assert minimum.status_code == 302
    year = budget_in_store(demo).year(FinancialYear.parse("2018/19"))  # type: ignore[attr-defined]
    assert {a.area: (a.minimum, a.allocated) for a in year.areas} == {
        "staffordshire": (50_000_000, 0),
        "stoke-on-trent": (42_100_000, 60_000_000),
    }


def test_only_opcc_staff_are_offered_or_given_a_correction(site: FlaskClient) -> None:
    sign_in(site, "staffs-analyst")
    assert "Correct" not in text(site.get(BUDGET).data).replace("Correct the", "")
    assert site.get(f"{BUDGET}/corrections/value.2018-19").status_code == 403
    sign_out(site)
    sign_in(site, "staffs-opcc")
    assert site.get(f"{BUDGET}/corrections/value.2019-20").status_code == 404
    assert site.get(f"{BUDGET}/corrections/allocation.2018-19.9.amount").status_code == 404
    assert site.get(f"{BUDGET}/corrections/budget").status_code == 404


def test_opcc_staff_correct_a_payment_keyed_wrong_and_the_funders_figure_follows(
    site: FlaskClient, demo: Platform
) -> None:
    sign_in(site, "staffs-opcc")
    service = f"{SERVICES}/arch-north-staffs"
    assert "Correct a payment" in text(site.get(service).data)
    url = f"{service}/payment-corrections/new"
    form = text(site.get(url).data)
    assert "Staffordshire County Council under arch-north-staffs-2015" in form
    assert "£200,000.00" in form
    unsaid = post_form(site, url, {"payment": "1", "amount": "20,000", "reason": ""})
    assert "Say why the recorded amount was wrong" in text(unsaid.data)
    done = post_form(
        site, url, {"payment": "1", "amount": "20,000", "reason": "Keyed £200,000 for £20,000"}
    )
    assert done.status_code == 302, text(done.data)
    assert "Payment 1 corrected to £20,000.00" in text(site.get(done.location).data)
    with demo.region_ledgers.lease(STAFFS, writing=False) as ledger:
        found = ledger.services.get("arch-north-staffs")
    assert found.paid == {"staffordshire-county-council": 2_000_000}
    assert [p.amount for p in found.payments] == [2_000_000]
    history = text(site.get(link_to_history(site, service)).data)
    assert "Payment corrected" in history
    assert "Amount of payment 1 Previous value £200,000.00 Corrected to £20,000.00" in history
    sign_in_as_analyst = site.application.test_client()
    sign_in(sign_in_as_analyst, "staffs-analyst")
    assert sign_in_as_analyst.get(url).status_code == 403


def test_opcc_staff_correct_a_funders_share_and_the_agreements_value_follows(
    site: FlaskClient, demo: Platform
) -> None:
    sign_in(site, "staffs-opcc")
    service = f"{SERVICES}/east-staffs-da"
    assert "Correct a funder's share" in site.get(service).data.decode()
    url = f"{service}/share-corrections/new"
    form = text(site.get(url).data)
    assert (
        "Staffordshire Police and Crime Commissioner under east-staffs-da-2015: £50,000.00 a year"
        in form
    )
    which = "east-staffs-da-2015|staffordshire-opcc"
    unsaid = post_form(site, url, {"share": which, "amount": "45,000", "reason": ""})
    assert "Say why the recorded amount was wrong" in text(unsaid.data)
    done = post_form(
        site, url, {"share": which, "amount": "45,000", "reason": "The schedule says £45,000"}
    )
    assert done.status_code == 302, text(done.data)
    assert (
        "The share of Staffordshire Police and Crime Commissioner under east-staffs-da-2015 corrected to "
        "£45,000.00 a year; the agreement is now worth £245,000.00 a year"
    ) in text(site.get(done.location).data)
    with demo.region_ledgers.lease(STAFFS, writing=False) as ledger:
        agreement = ledger.services.get("east-staffs-da").agreements["east-staffs-da-2015"]
    assert agreement.annual_value == 24_500_000
    history = text(site.get(link_to_history(site, service)).data)
    assert "Funder&#39;s share corrected" in history
    assert (
        "Share a year of Staffordshire Police and Crime Commissioner under east-staffs-da-2015 "
        "Previous value £50,000.00 Corrected to £45,000.00"
    ) in history


def test_an_allocations_area_corrected_to_the_same_area_is_refused_naming_the_area(
    site: FlaskClient,
) -> None:
    """An area is asked about as an area, by its name, not as a figure or a key."""
    sign_in(site, "staffs-opcc")
    form = text(site.get(f"{BUDGET}/corrections/allocation.2018-19.1.area").data)
    assert "Why was the recorded area wrong?" in form
    same = correct_on_page(
        site, "Correct area / of allocation 1", {"value": "staffordshire", "reason": "Checked"}
    )
    said = text(same.data)
    assert same.status_code == 200
    assert (
        "The area recorded now is already Safer Staffordshire; there is nothing to correct. "
        "Enter the right area" in said
    ), said[:2000]
    assert "figure" not in said.replace("figures", "")


def test_a_services_history_read_is_named_in_the_read_log_as_the_services(
    site: FlaskClient, demo: Platform
) -> None:
    """The log said "A budget's history" for a commissioned service's too."""
    with demo.region_ledgers.lease(STAFFS, writing=False) as ledger:
        service = ledger.services.get("east-staffs-da")
        budget = ledger.commissioning.get("staffs-da-services-2018")
    sign_in_with_code(site, "staffs-auditor", enable_two_factor(demo.access, "staffs-auditor"))
    for record in (service.id, budget.id):
        assert site.get(f"/audit/regions/{STAFFS}/ledger/{record}").status_code == 200

    log = text(site.get("/audit/reads").data).replace("&#39;", "'").replace("&amp;", "&")

    assert f"A commissioned service's history: {service.name}" in log
    assert f"A budget's history: {service.name}" not in log
    assert f"A budget's history: {budget.name}" in log
