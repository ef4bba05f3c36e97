"""The shared-money pages on each store: the region ledger for OPCC staff, a pot's statement
on both bases for a district that pays in, a group's master plan for its members."""

from __future__ import annotations

import csv
import re
import subprocess
from collections.abc import Iterator
from datetime import date, timedelta
from io import BytesIO, StringIO
from pathlib import Path
from uuid import UUID

import pytest
from flask.testing import FlaskClient
from openpyxl import load_workbook

from domain.calendar import uk_today
from domain.funding import BudgetKind, FinancialYear, pounds
from projections.catchup import catch_up
from projections.model import REGISTRY_SOURCE
from projections.sources import Sources
from projections.views import all_models
from tenants.platform import Platform
from tenants.region_ledger import RegionLedger
from tests.api.conftest import views_of
from tests.api.test_shared_money import LLR, STAFFS, WM, demo
from tests.web.conftest import Person, page_text, post_form, sign_in, sign_out, site_with

__all__ = ["demo"]


@pytest.fixture
def site(demo: Platform) -> Iterator[FlaskClient]:
    people: list[Person] = [
        ("wm-opcc", "pcc_officer", (), (WM,)),
        ("blaby-lead", "csp_lead", ("blaby",), ()),
        ("birmingham-lead", "csp_lead", ("birmingham",), ()),
        ("wm-analyst", "regional_lead", (), (WM,)),
        ("llr-opcc", "pcc_officer", (), (LLR,)),
    ]
    with site_with(demo, people) as client:
        yield client


def text(page: bytes) -> str:
    return " ".join(page.decode().split())


def test_opcc_staff_see_decision_036_2013_and_the_directory(site: FlaskClient) -> None:
    sign_in(site, "wm-opcc")
    page = site.get(f"/regions/{WM}/ledger")
    assert page.status_code == 200
    body = text(page.data)
    assert "036/2013" in body and "4 September 2013" in body
    assert "£50,000.00" in body and "£30,000.00" in body and "West Midlands Police" in body
    assert site.get(f"/regions/{LLR}/ledger").status_code == 404  # not their region


def test_a_blaby_lead_reads_the_pot_on_both_bases_with_a_forecast(site: FlaskClient) -> None:
    sign_in(site, "blaby-lead")
    listing = site.get(f"/regions/{LLR}/pots")
    assert listing.status_code == 200
    link = text(listing.data).split(f'href="/regions/{LLR}/pots/')[1].split('"')[0]
    page = site.get(f"/regions/{LLR}/pots/{link}?year=2015/16&dhrs=2.5&cost_per_dhr_pounds=8,500")
    body = text(page.data)
    assert page.status_code == 200
    assert "£25,500.00" in body and "£23,000.00" in body  # closing reserve: cash, accruals
    assert "2.5 DHRs × £8,500.00" in body and "Agreed for 2015/16" in body
    later = text(site.get(f"/regions/{LLR}/pots/{link}?year=2018/19&dhrs=3").data)
    # nothing agreed for 2018/19: the forecast says whose agreements it shares by
    assert "No contributions are agreed for 2018/19" in later
    assert "as agreed for 2016/17: none is agreed for 2018/19 yet" in later
    assert "Agreed for 2016/17" in later
    sign_out(site)
    sign_in(site, "birmingham-lead")
    assert site.get(f"/regions/{LLR}/pots/{link}").status_code == 404


def test_members_read_the_group_master_plan(site: FlaskClient) -> None:
    sign_in(site, "blaby-lead")
    page = site.get(f"/regions/{LLR}/groups/{LLR}-master-plan")
    assert page.status_code == 200
    body = text(page.data)
    assert "Revisit completed actions to check their impact" in body and "Charnwood" in body


def test_the_group_plan_page_names_each_actions_case_and_its_status_as_plans_do(
    site: FlaskClient,
) -> None:
    sign_in(site, "blaby-lead")
    page = page_text(site.get(f"/regions/{LLR}/groups/{LLR}-master-plan").data)
    members = page.split("Members' actions", 1)[1]
    assert re.search(r"Charnwood [A-Z]+-DHR-\d+ R\d+: \w", members), members[:400]
    assert "Signed off" in members and "Completion confirmed" not in members


def test_the_group_plan_page_counts_each_members_actions_and_lists_the_overdue_alone(
    site: FlaskClient,
) -> None:
    """A meeting goes round the members by their counts, then reads the overdue actions."""
    sign_in(site, "blaby-lead")
    plan = f"/regions/{LLR}/groups/{LLR}-master-plan"
    page = site.get(plan).data.decode()
    every = page.split('id="member-actions"')[1].split("</table>")[0]
    summary = page.split('id="by-member"')[1].split("</table>")[0]
    rows = re.findall(r'<th scope="row"[^>]*>([^<]+)</th>(.*?)</tr>', summary, re.S)
    assert rows, "each member with actions has a row"
    counts = {name: [int(n) for n in re.findall(r">(\d+)<", cells)] for name, cells in rows}
    for name, (actions, *_) in counts.items():
        assert every.count(f">{name}</td>") == actions, name
    overdue_total = sum(c[2] for c in counts.values())
    assert overdue_total > 0, "the demo's plan has overdue actions"
    only = site.get(f"{plan}?show=overdue").data.decode()
    late = only.split('id="member-actions"')[1].split("</table>")[0]
    assert late.count("<tr") - 1 == overdue_total  # the heading's row and one per action
    assert late.count(">Overdue</strong>") == overdue_total
    assert f"Showing overdue actions: {overdue_total} of the" in text(only.encode())


@pytest.mark.parametrize("who", ["blaby-lead", "llr-opcc"])
def test_each_count_of_a_members_actions_links_to_the_actions_it_counts(
    site: FlaskClient, who: str
) -> None:
    """A meeting going round the members' counts asks "which three?": each count is a link to
    the group's plan listing just those actions of that member, for a member's lead and for
    the OPCC alike (both read the group's plan; neither need read the member's own)."""
    sign_in(site, who)
    plan = f"/regions/{LLR}/groups/{LLR}-master-plan"
    summary = site.get(plan).data.decode().split('id="by-member"')[1].split("</table>")[0]
    rows = re.findall(r'<th scope="row"[^>]*>([^<]+)</th>(.*?)</tr>', summary, re.S)
    followed = 0
    for name, cells in rows:
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", cells, re.S):
            number = int(re.findall(r">(\d+)<", f">{cell}<")[0])
            link = re.search(r'href="([^"]+)"', cell)
            if not number:
                assert link is None, (name, cell)  # nothing to list
                continue
            assert link, (name, cell)
            said = page_text(cell.encode())
            assert f" of {name}" in said, said  # the link says whose, and what, it counts
            listed = site.get(link[1].replace("&amp;", "&")).data.decode()
            table = listed.split('id="member-actions"')[1].split("</table>")[0]
            assert table.count("<tr") - 1 == number, (name, link[1])
            assert table.count(f">{name}</td>") == number, (name, link[1])
            assert f"Showing {name}'s " in page_text(listed.encode())
            followed += 1
    assert followed >= 4, "the demo's members have actions of every kind counted"


LEDGER = f"/regions/{WM}/ledger"
LINES = f"{LEDGER}/budget-lines"


def opened_line(site: FlaskClient) -> str:
    """Open a budget line through its page; return its address."""
    sent = post_form(
        site,
        f"{LINES}/new",
        {
            "reference": "DHR-FUND-2026",
            "name": "DHR Support Fund 2026-27",
            "owner": "OPCC finance team",
            "financial_year": "2026/27",
            "ceiling": "£120,000",
            "on": ["1", "4", "2026"],
        },
    )
    assert sent.status_code == 302 and sent.location.endswith(LEDGER)
    page = text(site.get(LEDGER).data)
    assert "Budget line DHR Support Fund 2026-27 opened" in page
    return LINES + "/" + page.split(f'href="{LINES}/')[-1].split("/decisions/new")[0]


def line_in_store(demo: Platform, name: str) -> object:
    with demo.region_ledgers.lease(WM, writing=False) as ledger:
        assert isinstance(ledger, RegionLedger)
        found = [b for b in ledger.funding.budgets() if b.name == name]
        return ledger.funding.line(found[0].budget_id) if found else None


def test_a_decision_on_a_business_case_shows_what_was_sought(
    site: FlaskClient, demo: Platform
) -> None:
    """The ledger's Sought is the business case's costed lines added up: the decision's form
    asks which case it answers (each with its amount sought), and a direct award says so."""
    sign_in(site, "wm-opcc")
    line = opened_line(site)
    assert f'href="{line}/business-cases/new"' in site.get(LEDGER).data.decode()
    bid = {
        "reference": "dhr-training",
        "title": "Training for DHR chairs",
        "submitted_by": "West Midlands Heads of Community Safety",
        "purpose_1": "Trainer",
        "amount_1": "20,000",
        "purpose_2": "Venues",
        "on": ["20", "4", "2026"],
    }
    half = post_form(site, f"{line}/business-cases/new", bid)
    assert half.status_code == 200
    assert "Enter the amount for costed line 2" in text(half.data)
    assert 'href="#amount_2"' in half.data.decode()
    free = post_form(site, f"{line}/business-cases/new", bid | {"amount_1": "0", "amount_2": "1"})
    assert "Enter an amount more than £0 for costed line 1" in text(free.data)
    submitted = post_form(site, f"{line}/business-cases/new", bid | {"amount_2": "£5,000.00"})
    assert submitted.status_code == 302, text(submitted.data)
    ledger = text(site.get(LEDGER).data)
    assert (
        "Business case dhr-training recorded on DHR Support Fund 2026-27, seeking £25,000.00"
        in (ledger)
    )
    assert "dhr-training: Training for DHR chairs, £25,000.00 sought" in ledger  # awaiting
    stored = line_in_store(demo, "DHR Support Fund 2026-27")
    case = stored.cases["dhr-training"]  # type: ignore[attr-defined]
    assert [(c.purpose, c.pence) for c in case.lines] == [
        ("Trainer", 2_000_000),
        ("Venues", 500_000),
    ]

    form = text(site.get(f"{line}/decisions/new").data)
    assert "Business case" in form and "None: a direct award" in form
    assert "dhr-training: Training for DHR chairs (£25,000.00 sought)" in form
    decision = {
        "number": "013/2026",
        "case_reference": "dhr-training",
        "decision_maker": "Police and Crime Commissioner",
        "approved": "30,000",
        "on": ["20", "5", "2026"],
    }
    over = post_form(site, f"{line}/decisions/new", decision)
    assert "is more than the £25,000.00 sought" in text(over.data)
    assert (
        post_form(site, f"{line}/decisions/new", decision | {"approved": "24,000"}).status_code
        == 302
    )
    direct = decision | {"number": "014/2026", "case_reference": "", "approved": "1,000"}
    assert post_form(site, f"{line}/decisions/new", direct).status_code == 302

    row = text(site.get(LEDGER).data).split("013/2026</th>")[1].split("</tr>")[0]
    assert "£25,000.00" in row and "£24,000.00" in row
    row = text(site.get(LEDGER).data).split("014/2026</th>")[1].split("</tr>")[0]
    assert "None: a direct award" in row
    assert "awaiting a decision" not in text(site.get(LEDGER).data)
    stored = line_in_store(demo, "DHR Support Fund 2026-27")
    assert stored.decisions["013/2026"].case_reference == "dhr-training"  # type: ignore[attr-defined]
    assert stored.decisions["014/2026"].case_reference is None  # type: ignore[attr-defined]
    decided = text(site.get(f"{line}/decisions/new").data)
    assert "dhr-training" not in decided  # decided already: no second decision on it


def test_opcc_staff_open_a_line_decide_allocate_and_pay_from_the_pages(
    site: FlaskClient, demo: Platform
) -> None:
    sign_in(site, "wm-opcc")
    line = opened_line(site)
    decided = post_form(
        site,
        f"{line}/decisions/new",
        {
            "number": "012/2026",
            "decision_maker": "Police and Crime Commissioner",
            "approved": "90,000.00",
            "conditions": "Quarterly returns\r\n\r\n  Unspent money returned  ",
            "on": ["20", "5", "2026"],
        },
    )
    assert decided.status_code == 302
    money = {"number": "012/2026", "tenant": "coventry", "on": ["1", "6", "2026"]}
    assert (
        post_form(site, f"{line}/allocations/new", money | {"amount": "40000"}).status_code == 302
    )
    assert post_form(site, f"{line}/payments/new", money | {"amount": "20000"}).status_code == 302

    page = text(site.get(LEDGER).data)
    assert "£20,000.00 paid to Coventry under decision 012/2026" in page
    assert "£90,000.00 committed of £120,000.00" in page
    assert "Quarterly returns; Unspent money returned" in page
    stored = line_in_store(demo, "DHR Support Fund 2026-27")
    assert stored is not None
    decision = stored.decisions["012/2026"]  # type: ignore[attr-defined]
    assert decision.approved == 9_000_000 and decision.conditions == (
        "Quarterly returns",
        "Unspent money returned",
    )
    allocation = stored.allocations[("012/2026", "coventry")]  # type: ignore[attr-defined]
    assert (allocation.allocated, allocation.paid) == (4_000_000, 2_000_000)

    # the payment was £2,000, keyed £20,000: put right from the ledger page, with the reason
    assert "Correct an allocation or payment" in text(site.get(LEDGER).data)
    url = f"{line}/corrections/new"
    form = text(site.get(url).data)
    assert "Paid to Coventry under decision 012/2026 on 1 June 2026: £20,000.00" in form
    assert "Allocated to Coventry under decision 012/2026 on 1 June 2026: £40,000.00" in form
    fix = {"entry": "payment.1", "reason": "The remittance says £2,000"}
    over = post_form(site, url, fix | {"amount": "40,000.01"})
    assert "at most £40,000.00" in text(over.data) and "&#39;coventry&#39;" not in text(over.data)
    done = post_form(site, url, fix | {"amount": "2,000"})
    assert done.status_code == 302, text(done.data)
    said = text(site.get(LEDGER).data)
    assert "Paid to Coventry under decision 012/2026 on 1 June 2026 corrected to £2,000.00" in said
    stored = line_in_store(demo, "DHR Support Fund 2026-27")
    allocation = stored.allocations[("012/2026", "coventry")]  # type: ignore[attr-defined]
    assert (allocation.allocated, allocation.paid) == (4_000_000, 200_000)


def test_what_the_ledger_refuses_is_shown_on_the_page_and_nothing_is_recorded(
    site: FlaskClient, demo: Platform
) -> None:
    sign_in(site, "wm-opcc")
    empty = post_form(site, f"{LINES}/new", {})
    assert empty.status_code == 200
    assert "Enter the budget line&#39;s reference" in empty.data.decode()
    assert "Enter the date of opening the line" in text(empty.data)
    badly = post_form(site, f"{LINES}/new", {"ceiling": "lots"})
    assert "in pounds, like 8500 or 8500.00" in text(badly.data)
    year = {
        "reference": "R",
        "name": "N",
        "owner": "O",
        "financial_year": "2026-2027",
        "ceiling": "1",
        "on": ["1", "4", "2026"],
    }
    wrong_year = post_form(site, f"{LINES}/new", year)
    assert "is not a financial year; write it like 2016/17" in text(wrong_year.data)
    assert line_in_store(demo, "N") is None

    line = opened_line(site)
    decision = {
        "number": "012/2026",
        "decision_maker": "Police and Crime Commissioner",
        "on": ["20", "5", "2026"],
    }
    over = post_form(site, f"{line}/decisions/new", decision | {"approved": "150000"})
    assert over.status_code == 200
    assert "against a ceiling of £120,000.00" in text(over.data)
    assert (
        post_form(site, f"{line}/decisions/new", decision | {"approved": "90000"}).status_code
        == 302
    )
    money = {"number": "012/2026", "on": ["1", "6", "2026"], "amount": "1000"}
    outside = post_form(site, f"{line}/allocations/new", money | {"tenant": "blaby"})
    assert outside.status_code == 200 and "Not a valid choice" in text(outside.data)
    unallocated = post_form(site, f"{line}/payments/new", money | {"tenant": "coventry"})
    assert unallocated.status_code == 200 and "There is a problem" in text(unallocated.data)

    stored = line_in_store(demo, "DHR Support Fund 2026-27")
    assert list(stored.decisions) == ["012/2026"]  # type: ignore[attr-defined]
    assert not stored.allocations  # type: ignore[attr-defined]


def test_only_opcc_staff_record_in_the_region_ledger(site: FlaskClient, demo: Platform) -> None:
    sign_in(site, "wm-analyst")
    page = text(site.get(LEDGER).data)
    assert "036/2013" in page and "Open a budget line" not in page
    assert "Record a decision" not in page
    assert site.get(f"{LINES}/new").status_code == 403
    assert site.post(f"{LINES}/new", data={"reference": "X"}).status_code in (400, 403)
    assert line_in_store(demo, "X") is None


def llr_pot(site: FlaskClient) -> str:
    """The address of Leicestershire & Rutland's pot, from its ledger page."""
    ledger = text(site.get(f"/regions/{LLR}/ledger").data)
    found = re.search(rf'href="(/regions/{LLR}/pots/[0-9a-f-]{{36}})"', ledger)
    assert found, "the ledger page links its pots"
    return found[1]


def test_opcc_staff_agree_and_receive_a_contribution_on_the_pots_page(
    site: FlaskClient,
) -> None:
    sign_in(site, "llr-opcc")
    pot = llr_pot(site)
    before = text(site.get(f"{pot}?year=2017/18").data)
    assert "Record a contribution received" in before

    contribution = {"partner": "blaby", "year": "2017/18", "on": ["3", "4", "2017"]}
    agreed = post_form(site, f"{pot}/contributions/new", contribution | {"amount": "1,200"})
    assert agreed.status_code == 302 and "year=2017" in agreed.location
    received = post_form(site, f"{pot}/receipts/new", contribution | {"amount": "1200.00"})
    assert received.status_code == 302
    page = text(site.get(received.location).data)
    assert "£1,200.00 received from Blaby for 2017/18" in page
    blaby = page.split("Blaby</th>")[1].split("</tr>")[0]
    assert blaby.count("£1,200.00") >= 2  # due and received for the year

    unknown = post_form(site, f"{pot}/receipts/new", contribution | {"partner": "birmingham"})
    assert unknown.status_code == 200 and "Not a valid choice" in text(unknown.data)
    no_year = post_form(
        site, f"{pot}/receipts/new", contribution | {"amount": "5", "year": "next year"}
    )
    assert "is not a financial year" in text(no_year.data)
    early = post_form(
        site, f"{pot}/receipts/new", contribution | {"amount": "5", "year": "2031/32"}
    )
    assert "No contribution from Blaby is agreed for 2031/32" in text(early.data)
    after = text(site.get(f"{pot}?year=2017/18").data).split("Blaby</th>")[1].split("</tr>")[0]
    assert after == blaby  # the refused receipts changed nothing
    sign_out(site)
    sign_in(site, "blaby-lead")
    assert "Record a contribution received" not in text(site.get(pot).data)
    assert site.get(f"{pot}/receipts/new").status_code == 403


def test_opcc_staff_record_spend_for_one_review_from_the_pots_page(
    site: FlaskClient, demo: Platform
) -> None:
    sign_in(site, "llr-opcc")
    pot = llr_pot(site)
    form = site.get(f"{pot}/spend/new").data.decode()
    chairs = re.search(r'<option value="([^"]+)">Independent chairs and authors', form)
    review = re.search(r'<option value="(charnwood\|[^"]+)">Charnwood: ([^<]+)<', form)
    assert chairs and review, "the plan's allocations and the partners' reviews are offered"
    spend = {
        "allocation": chairs[1],
        "review": review[1],
        "amount": "4,250",
        "on": ["10", "10", "2016"],
        "reason": "Chair's fee, first panel",
    }
    unplanned = post_form(site, f"{pot}/spend/new", spend | {"on": ["10", "10", "2030"]})
    assert unplanned.status_code == 200 and "There is a problem" in text(unplanned.data)
    spent = post_form(site, f"{pot}/spend/new", spend)
    assert spent.status_code == 302 and "year=2016" in spent.location
    assert "£4,250.00 spent on Independent chairs and authors" in text(
        site.get(spent.location).data
    )

    with demo.region_ledgers.lease(LLR, writing=False) as ledger:
        pool = UUID(pot.rsplit("/", 1)[1])
        spends = [m for m in ledger.pooled.get(pool).movements if m.amount == 425_000]
    assert len(spends) == 1  # the refused one recorded nothing
    assert str(spends[0].review_id) == review[1].split("|")[1]


def test_opcc_staff_reach_their_regions_downloads_and_board_paper(site: FlaskClient) -> None:
    sign_in(site, "wm-opcc")
    header = site.get(LEDGER).data.decode()
    assert 'href="/reports"' in header  # in their header, beside the region they work for
    account = header.split('app-account">')[1].split("</li>")[0]
    assert "West Midlands" in account
    page = site.get("/reports").data.decode()
    money = re.search(r'href="(/regions/west-midlands/downloads/money\.xlsx[^"]*)"', page)
    paper = re.search(r'href="(/regions/west-midlands/papers/regional\.pdf[^"]*)"', page)
    assert money and paper, "the region's tables and board paper are offered"
    sheet = site.get(money[1].replace("&amp;", "&"))
    assert sheet.status_code == 200 and sheet.data[:2] == b"PK"  # an XLSX is a zip
    assert f"/regions/{LLR}/" not in page  # only their own region


def test_opcc_staff_reach_their_regions_dashboard_after_the_ledger(site: FlaskClient) -> None:
    """The OPCC reads the region's figures as well as recording its money: the dashboard is in
    their header after the region ledger they start at, and opens on their region only."""
    sign_in(site, "wm-opcc")
    header = site.get(LEDGER).data.decode()
    ledger_at = header.index(f'href="/regions/{WM}/ledger"')
    dashboard_at = header.index(f'href="/regions/{WM}/dashboard"')
    assert ledger_at < dashboard_at
    page = site.get(f"/regions/{WM}/dashboard")
    assert page.status_code == 200 and "<title>West Midlands dashboard" in text(page.data)
    assert site.get(f"/regions/{LLR}/dashboard").status_code == 404


def test_opcc_staff_plan_a_pots_year_under_its_earlier_key_and_close_it(
    site: FlaskClient, demo: Platform
) -> None:
    sign_in(site, "llr-opcc")
    pot = llr_pot(site)
    plan = {
        "year": "2017/18",
        "purpose": "Independent chairs and authors",
        "per_dhr": "8,750",
        "expected_dhrs": "3",
        "on": ["1", "3", "2017"],
    }
    planned = post_form(site, f"{pot}/allocations/new", plan)
    assert planned.status_code == 302, text(planned.data)
    page = text(site.get(planned.location).data)
    assert "£26,250.00 planned for Independent chairs and authors in 2017/18" in page
    assert "£8,750.00 per DHR × 3 expected" in page
    pool = UUID(pot.rsplit("/", 1)[1])
    with demo.region_ledgers.lease(LLR, writing=False) as ledger:
        keys = {(str(y), k) for y, k in ledger.pooled.allocation_plan(pool).allocations}
    assert ("2017/18", "chairs-authors") in keys  # spend is one line across the years

    closed = post_form(
        site, f"{pot}/year-closure/new", {"year": "2016/17", "on": ["30", "4", "2017"]}
    )
    assert closed.status_code == 302, text(closed.data)
    assert "2016/17 closed:" in text(site.get(closed.location).data)
    sign_out(site)
    sign_in(site, "blaby-lead")
    assert site.get(f"{pot}/year-closure/new").status_code == 403
    assert "Close the year" not in text(site.get(pot).data)


def test_opcc_staff_open_a_pot_and_add_partners_from_the_directory(
    site: FlaskClient, demo: Platform
) -> None:
    sign_in(site, "wm-opcc")
    opened = post_form(
        site,
        f"/regions/{WM}/pots/new",
        {
            "reference": "WM-DHR-POOL",
            "name": "West Midlands DHR pot",
            "manager": "OPCC finance",
            "on": ["1", "4", "2026"],
        },
    )
    assert opened.status_code == 302, text(opened.data)
    pot = opened.location.split("?")[0]
    assert "No partner pays in yet" in text(site.get(pot).data)
    form = site.get(f"{pot}/partners/new").data.decode()
    coventry = re.search(r'<option value="([^"]+)">Coventry<', form)
    assert coventry, "the region's directory is offered"
    added = post_form(
        site, f"{pot}/partners/new", {"partner": coventry[1], "on": ["1", "4", "2026"]}
    )
    assert added.status_code == 302, text(added.data)
    page = text(site.get(added.location).data)
    assert "Coventry added to West Midlands DHR pot" in page
    assert ">Coventry<" not in site.get(f"{pot}/partners/new").data.decode()  # not twice
    assert "West Midlands DHR pot" in text(site.get(LEDGER).data)
    unknown = post_form(
        site, f"{pot}/partners/new", {"partner": "nobody", "on": ["1", "4", "2026"]}
    )
    assert unknown.status_code == 200 and "Not a valid choice" in text(unknown.data)
    with demo.region_ledgers.lease(WM, writing=False) as ledger:
        pool = UUID(pot.rsplit("/", 1)[1])
        assert list(ledger.pooled.get(pool).partners.values()) == ["Coventry"]


def buttons(page: bytes) -> list[str]:
    """The words of the pot page's record buttons, first (the next step) first."""
    group = page.decode().split('class="govuk-button-group"')[1].split("</div>")[0]
    return [" ".join(b.split()) for b in re.findall(r'role="button"[^>]*>([^<]+)<', group)]


def test_a_new_pots_actions_start_with_money_in_not_spend(
    site: FlaskClient, demo: Platform
) -> None:
    """With nothing in the pot yet, its page offers the next step (a partner, then what it
    agrees and pays) and says why spend is not first; once money is in, spend is a button."""
    sign_in(site, "wm-opcc")
    new = {"reference": "WM-NEW", "name": "New pot", "manager": "OPCC", "on": ["1", "4", "2026"]}
    pot = post_form(site, f"/regions/{WM}/pots/new", new).location.split("?")[0]
    year = f"?year={FinancialYear.of(date(2026, 4, 1)).label}"
    empty = site.get(pot + year).data
    assert buttons(empty)[0] == "Add a partner" and "Record spend" not in buttons(empty)
    assert "No money is in the pot for 2026/27 yet: add the partners" in text(empty)

    form = site.get(f"{pot}/partners/new").data.decode()
    coventry = re.search(r'<option value="([^"]+)">Coventry<', form)
    assert coventry
    joined = {"partner": coventry[1], "on": ["1", "4", "2026"]}
    assert post_form(site, f"{pot}/partners/new", joined).status_code == 302
    partnered = site.get(pot + year).data
    assert buttons(partnered)[:2] == ["Agree a contribution", "Record a contribution received"]
    assert "Record spend" not in buttons(partnered) and "Add a partner" not in buttons(partnered)
    assert "before you record spend" in text(partnered)

    paid = {"partner": coventry[1], "year": "2026/27", "amount": "5,000", "on": ["2", "4", "2026"]}
    assert post_form(site, f"{pot}/contributions/new", paid).status_code == 302
    assert "Record spend" not in buttons(site.get(pot + year).data)  # agreed, not yet paid
    assert post_form(site, f"{pot}/receipts/new", paid).status_code == 302
    funded = site.get(pot + year).data
    assert "Record spend" in buttons(funded) and "before you record spend" not in text(funded)


def test_opcc_staff_keep_the_partner_directory_from_the_ledger(
    site: FlaskClient, demo: Platform
) -> None:
    sign_in(site, "wm-opcc")
    bodies = f"{LEDGER}/directory/bodies/new"
    aid = {
        "name": "Walsall Women's Aid",
        "sector": "da_service",
        "tenant": "",
        "on": ["1", "5", "2026"],
    }
    added = post_form(site, bodies, aid)
    assert added.status_code == 302, text(added.data)
    assert "Walsall Women" in text(site.get(added.location).data)
    again = post_form(site, bodies, aid)
    assert again.status_code == 200 and "already in the partner directory" in text(again.data)
    unnamed = post_form(site, bodies, aid | {"name": "Some partnership", "sector": "csp"})
    assert "A CSP partner names its tenant" in text(unnamed.data)

    names = f"{LEDGER}/directory/names/new"
    form = site.get(names).data.decode()
    key = re.search(r'<option value="([^"]+)">Walsall Women&#39;s Aid<', form)
    assert key, "the directory's bodies are offered"
    mapped = post_form(
        site, names, {"name": "Women's Aid", "partner": key[1], "on": ["2", "5", "2026"]}
    )
    assert mapped.status_code == 302, text(mapped.data)
    page = text(site.get(mapped.location).data)
    assert "Women&#39;s Aid&#39; now stands for Walsall Women&#39;s Aid" in page
    with demo.region_ledgers.lease(WM, writing=False) as ledger:
        found = ledger.partners.directory().partners[key[1]]
    assert found.aliases == ("Women's Aid",) and found.sector.value == "da_service"
    sign_out(site)
    sign_in(site, "wm-analyst")
    assert site.get(bodies).status_code == 403
    assert "Add a body to the directory" not in text(site.get(LEDGER).data)


def test_a_pots_whole_history_with_its_plan_is_read_from_the_region_ledger(
    site: FlaskClient,
) -> None:
    sign_in(site, "llr-opcc")
    pot = llr_pot(site)
    post_form(
        site,
        f"{pot}/allocations/new",
        {"year": "2018/19", "purpose": "Venues", "amount": "900", "on": ["1", "3", "2018"]},
    )
    ledger = text(site.get(f"/regions/{LLR}/ledger").data)
    history = re.search(r'href="(/audit/regions/[^"]+/ledger/[0-9a-f-]{36})"', ledger)
    assert history, "the ledger links each pot's history"
    page = text(site.get(history[1]).data)
    assert "Pooled budget opened" in page and "Contribution received" in page
    assert "Venues" in page  # the allocation plan's events are the pot's history too
    assert "Financial year closed" in page and "Allocation planned" in page
    sign_out(site)
    sign_in(site, "blaby-lead")  # pays in, reads the pot, not the region's ledger
    assert "Everything recorded" not in text(site.get(pot).data)
    assert site.get(history[1]).status_code in (403, 404)


def histories(site: FlaskClient, page: str) -> list[str]:
    """Each record history the page links, as a person reads it."""
    links = sorted(set(re.findall(r'href="(/audit/regions/[^"]+/ledger/[0-9a-f-]{36})"', page)))
    assert links, "the page links the records' histories"
    return [page_text(site.get(link).data) for link in links]


def test_a_budgets_history_names_the_partnership_and_the_business_case_not_their_keys(
    site: FlaskClient,
) -> None:
    """Decision 036/2013 answers the business case "dhr-research" and allocates to
    "wolverhampton": the history reads the case's title and the partnership's name."""
    sign_in(site, "wm-opcc")
    (page,) = histories(site, text(site.get(LEDGER).data))
    assert "Partnership Wolverhampton Amount £30,000.00" in page
    assert "Business case Learning from DHRs Decided on 4 September 2013" in page
    assert "Tenant" not in page and "wolverhampton" not in page and "Case reference" not in page


def test_a_pots_history_names_its_partners_and_allocations_not_their_keys(
    site: FlaskClient,
) -> None:
    sign_in(site, "llr-opcc")
    (page,) = histories(site, text(site.get(f"/regions/{LLR}/ledger").data))
    assert "Partner Leicestershire Police For year 2016/17 Amount £16,000.00" in page
    assert "Allocation Independent chairs and authors Amount £8,500.00" in page  # spend
    assert "Allocation Officer and admin support Amount £42,089.00 Shortfall" in page
    assert "Purpose Independent chairs and authors Amount £25,500.00 Per DHR £8,500.00" in page
    for key in ("leicestershire-police", "chairs-authors", "business-office", "Key "):
        assert key not in page, key


def test_a_commissioned_services_history_names_its_funders_provider_and_area(
    demo: Platform,
) -> None:
    with site_with(demo, [("staffs-opcc", "pcc_officer", (), (STAFFS,))]) as staffs:
        sign_in(staffs, "staffs-opcc")
        service = text(staffs.get(f"/regions/{STAFFS}/services/east-staffs-da").data)
        (page,) = histories(staffs, service)
    assert "Funder Staffordshire County Council Amount £200,000.00" in page
    assert "Shares Staffordshire County Council: £200,000.00" in page
    assert "Provider Home Group" in page and "New provider Pathway Project" in page
    for key in ("staffordshire-county-council", "staffordshire-opcc", "home-group"):
        assert key not in page, key


def test_members_take_the_groups_master_plan_to_their_meeting(
    site: FlaskClient, tmp_path: Path
) -> None:
    """The page's download links: the plan as a workbook (both tables, owners named) and as a
    board paper, for members only."""
    group = f"/regions/{LLR}/groups/{LLR}-master-plan"
    sign_in(site, "blaby-lead")
    page = site.get(group).data.decode()
    xlsx, pdf = (
        f"{group}/downloads/master-action-plan.xlsx",
        f"{group}/papers/master-action-plan.pdf",
    )
    assert f'href="{xlsx}"' in page and f'href="{pdf}"' in page

    got = site.get(xlsx)
    day = uk_today().isoformat()  # the day it judges overdue, as the papers' names say
    named = f'filename="{LLR}-master-plan-master-action-plan-{day}.xlsx"'
    assert named in got.headers["Content-Disposition"]
    then = site.get(f"{xlsx}?as_recorded={day}").headers["Content-Disposition"]
    assert f'filename="{LLR}-master-plan-master-action-plan-as-recorded-{day}.xlsx"' in then
    workbook = load_workbook(BytesIO(got.data))
    members, own = workbook["Members' actions"], workbook["Group's own actions"]
    header = [c.value for c in members[1]]
    assert header[:5] == [
        "Partnership",
        "Case reference",
        "Recommendation",
        "Recommendation text",  # the plan reads without the reports beside it
        "Owner agency",
    ]
    rows = list(members.iter_rows(min_row=2, values_only=True))
    assert {"Blaby", "Charnwood"} <= {row[0] for row in rows}
    assert all(row[1] for row in rows)  # every action names its case: "R1" is not unique
    first = [c.value for c in own[2]]
    assert first[1] == "Revisit completed actions to check their impact"
    assert first[2] == "Leicestershire County Council"  # named, not keyed
    assert first[3] in ("Open", "Completed")  # as the page tags it, not the code
    said = [row[0] for row in workbook["Notes"].iter_rows(values_only=True)]
    assert said.count("Group") == 1  # the notes named the group twice

    paper = site.get(pdf)
    assert paper.status_code == 200 and paper.data.startswith(b"%PDF")
    (tmp_path / "plan.pdf").write_bytes(paper.data)
    subprocess.run(["pdftotext", "-layout", "plan.pdf", "plan.txt"], cwd=tmp_path, check=True)
    words = " ".join((tmp_path / "plan.txt").read_text().split())
    assert "Master action plan: master action plan" not in words
    assert "Table 1: overdue actions of the members" in words
    assert "Table 3: the group's open actions" in words and "llr-impact-review" in words

    sign_out(site)
    sign_in(site, "birmingham-lead")
    assert site.get(xlsx).status_code == 404 and site.get(pdf).status_code == 404


def test_a_partner_takes_the_regions_pot_statement_to_its_meeting(site: FlaskClient) -> None:
    """Seed 001's statement as a board paper from the pot's page and from Reports and
    downloads, for a district that pays in; not for a partnership that does not."""
    sign_in(site, "blaby-lead")
    listing = text(site.get(f"/regions/{LLR}/pots").data)
    pot = listing.split(f'href="/regions/{LLR}/pots/')[1].split('"')[0]
    page = site.get(f"/regions/{LLR}/pots/{pot}?year=2015/16&dhrs=2.5").data.decode()
    link = re.search(r'href="([^"]+/papers/statement\.pdf\?[^"]+)"', page)
    assert link is not None and "year=2015/16" in link.group(1).replace("%2F", "/")
    paper = site.get(link.group(1).replace("&amp;", "&").replace(".pdf", ".html"))
    assert paper.status_code == 200
    body = text(paper.data)
    assert "statement for 2015/16" in body and "£25,500<" in body and "2.5 reviews a year" in body
    # table 1's cash (£32,500) and table 2's payments for the year (£30,000, its total row)
    # are reconciled in words, and the first year's reserve says where it came from
    assert "also include £2,500 for other years (Charnwood £2,500 for 2016/17)" in body
    cells = " ".join(re.sub(r"<[^>]+>", " ", body).split())
    assert "Total £66,000 £36,000 £30,000 £0" in cells
    assert "was brought in when the budget was first recorded for 2015/16" in body
    shown = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "Police £16,000.00 £16,000.00 £0.00" in shown  # agreed, not drawn down, due
    # a year with nothing planned per DHR still has its statement, saying why no forecast
    before = site.get(f"/regions/{LLR}/pots/{pot}/papers/statement.html?year=2014/15")
    assert before.status_code == 200
    assert "No forecast is given. No per-DHR estimate is planned for 2014/15" in text(before.data)
    pot_page = text(site.get(f"/regions/{LLR}/pots/{pot}?year=2014/15").data)
    assert "There is no forecast yet. No per-DHR estimate is planned for 2014/15" in pot_page
    # the cost per DHR typed on the pot's page goes with its statement's link
    typed = site.get(f"/regions/{LLR}/pots/{pot}?year=2016/17&cost_per_dhr_pounds=10,000").data
    costed = re.search(r'href="([^"]+/papers/statement\.pdf\?[^"]+)"', typed.decode())
    assert costed is not None and "cost_per_dhr_pounds=10" in costed.group(1)
    html = costed.group(1).replace("&amp;", "&").replace(".pdf", ".html")
    assert "at £10,000 each" in text(site.get(html).data)
    refused = site.get(f"/regions/{LLR}/pots/{pot}/papers/statement.pdf?cost_per_dhr_pounds=x")
    assert refused.status_code == 400
    later = text(site.get(f"/regions/{LLR}/pots/{pot}/papers/statement.html?year=2016/17").data)
    assert "including Charnwood&#39;s £2,500 paid early, in 2015/16" in later
    printed = site.get(link.group(1).replace("&amp;", "&"))
    assert printed.mimetype == "application/pdf" and printed.data.startswith(b"%PDF")
    reports = site.get("/reports").data.decode()
    assert f"/regions/{LLR}/pots/{pot}/papers/statement.pdf" in reports
    sign_out(site)
    sign_in(site, "birmingham-lead")
    assert site.get(f"/regions/{LLR}/pots/{pot}/papers/statement.pdf").status_code == 404
    assert f"/pots/{pot}/papers" not in site.get("/reports").data.decode()


def caught_up(site: FlaskClient, platform: Platform) -> None:
    """The read models of every source brought up to date (no projection worker runs here)."""
    views = views_of(site.application, platform)
    models = all_models()
    sources = Sources(platform, frozenset().union(*(m.topics_of_interest() for m in models)))
    for source in (REGISTRY_SOURCE, *sources.tenants(), *sources.regions()):
        catch_up(views, models, sources, source)


def test_the_dashboards_money_shows_the_pots_row_and_how_many_reviews_each_cost_covers(
    site: FlaskClient, demo: Platform
) -> None:
    """What the Leicestershire pot holds is a row of the money table, and a cost of DHRs says
    over how many reviews it was recorded (a total alone hid how much is uncosted)."""
    caught_up(site, demo)
    sign_in(site, "llr-opcc")
    page = text(site.get(f"/regions/{LLR}/dashboard").data)
    # paid in, spent and the reserve did not add up on the page: what the pot held when it was
    # first recorded is said beside the table
    words = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "Pot reserves also hold £42,000.00 brought in when pooled budgets were first" in words
    money = page.split('id="money-table"')[1].split("</table>")[0]
    held = money.split("Pooled budgets held for the region</th>")[1].split("</tr>")[0]
    with demo.region_ledgers.lease(LLR, writing=False) as ledger:
        (pot,) = [b for b in ledger.funding.budgets() if b.kind == BudgetKind.POOLED_BUDGET]
        year = FinancialYear.of(uk_today())
        reserve = ledger.pooled.statement(pot.budget_id, year).closing_reserve
    assert pounds(reserve) in held and reserve > 0
    charnwood = money.split("Charnwood</th>")[1].split("</tr>")[0]
    assert re.search(
        r"£[\d,]+\.\d\d <span class=\"govuk-body-s\">\(\d+ reviews?\)</span>", charnwood
    )


def _statement_link(page: str) -> str:
    found = re.search(r'href="([^"]+/papers/statement\.pdf\?[^"]+)"', page)
    assert found, "the pot's page links its statement"
    return found[1].replace("&amp;", "&").replace("%2F", "/")


def test_each_refused_answer_on_the_pots_page_is_beside_its_box_as_typed(
    site: FlaskClient,
) -> None:
    """A bad year and bad DHRs each refused beside their own box, the summary linking to it,
    what was typed kept; the page says which year its figures are for, and the statement's
    link is built from the answers it could use."""
    sign_in(site, "blaby-lead")
    pot = llr_pot_of_partner(site)
    page = site.get(f"{pot}?year=2016/18&dhrs=abc&cost_per_dhr_pounds=9,000")
    assert page.status_code == 200
    html = page.data.decode()
    body = text(page.data)
    assert body.count("There is a problem") == 1
    assert 'href="#year"' in html and 'href="#dhrs"' in html  # the summary links each box
    assert 'id="year-error"' in html and 'id="dhrs-error"' in html  # beside each box
    assert "&#39;2016/18&#39; is not a financial year" in body
    assert "&#39;abc&#39; is not a number of DHRs" in body
    assert 'value="2016/18"' in html and 'value="abc"' in html and 'value="9,000"' in html
    assert 'id="cost_per_dhr_pounds-error"' not in html  # a good answer is not refused
    this_year = FinancialYear.of(uk_today()).label
    assert f"The figures below are for {this_year}, this financial year" in body
    assert "The forecast is at 3 DHRs, not the number you entered, and £9,000.00 per DHR" in body
    link = _statement_link(html)
    assert "abc" not in link and "2016/18" not in link
    assert f"year={this_year}" in link and "expected_dhrs=3" in link
    assert "cost_per_dhr_pounds=9,000" in link.replace("%2C", ",")
    # a bad cost alone: beside its box, the year's figures as asked, no cost in the link
    costly = site.get(f"{pot}?year=2016/17&dhrs=2.5&cost_per_dhr_pounds=lots").data.decode()
    assert 'id="cost_per_dhr_pounds-error"' in costly and 'id="year-error"' not in costly
    assert "Enter the cost per DHR in pounds, like 8500" in costly
    assert 'value="lots"' in costly
    assert "The figures below are for 2016/17." in text(costly.encode())
    costed = _statement_link(costly)
    assert "year=2016/17" in costed and "expected_dhrs=2.5" in costed
    assert "cost_per_dhr_pounds" not in costed
    # good answers: no summary, no note, the link carries them
    fine = site.get(f"{pot}?year=2016/17&dhrs=2.5").data.decode()
    assert "There is a problem" not in fine and "figures below" not in fine
    assert "expected_dhrs=2.5" in _statement_link(fine)


def llr_pot_of_partner(site: FlaskClient) -> str:
    """The address of Leicestershire & Rutland's pot, from the pots a partner pays into."""
    listing = text(site.get(f"/regions/{LLR}/pots").data)
    found = re.search(rf'href="(/regions/{LLR}/pots/[0-9a-f-]{{36}})"', listing)
    assert found, "the pots page links the pot"
    return found[1]


def test_the_pots_statement_names_the_pot_not_its_key(site: FlaskClient) -> None:
    """Seed 001 speaks of the pot by its name: the paper's facts box and background do too,
    never the reference the ledger keys it by ("llr-dhr")."""
    sign_in(site, "blaby-lead")
    pot = llr_pot_of_partner(site)
    paper = site.get(f"{pot}/papers/statement.html?year=2015/16")
    assert paper.status_code == 200
    cells = " ".join(re.sub(r"<[^>]+>", " ", paper.data.decode()).split())
    assert "Budget Leicestershire &amp; Rutland DHR budget Financial year 2015/16" in cells
    assert "The Leicestershire &amp; Rutland DHR budget has been managed by" in cells
    assert "llr-dhr" not in cells and "(reference" not in cells


def test_the_pots_statement_says_what_became_of_contributions_not_drawn_down(
    site: FlaskClient,
) -> None:
    """The background said contributions not drawn down "are carried forward, not lost"; the
    ledger carries forward the reserve, and a contribution never called is in no reserve: the
    paper says so, with the figures since the day the pot was opened."""
    sign_in(site, "blaby-lead")
    pot = llr_pot_of_partner(site)
    paper = site.get(f"{pot}/papers/statement.html?year=2016/17")
    assert paper.status_code == 200
    cells = " ".join(re.sub(r"<[^>]+>", " ", paper.data.decode()).split())
    assert (
        "has been managed by Safeguarding Boards Business Office since 1 April 2015, on "
        "behalf of its 10 partners." in cells
    )
    assert (
        "each year's closing reserve is carried forward as the next year's opening reserve"
        in cells.replace("&#39;", "'")
    )
    assert (
        "Since 1 April 2015, partners have not been asked for £36,000 of the contributions "
        "agreed: £36,000 was not called, so no partner owes it and it is not in the reserve."
        in cells
    )
    assert "not lost" not in cells


def test_a_partner_prepares_the_pots_statement_for_its_meeting(site: FlaskClient) -> None:
    """The pot's page offers its statement for a meeting: the year and forecast chosen there
    go along, the meeting, its date and whom to contact are asked as the regional paper asks
    them, each refusal beside its box, and the statement prints them."""
    sign_in(site, "blaby-lead")
    pot = llr_pot_of_partner(site)
    page = site.get(f"{pot}?year=2015/16&dhrs=2.5&cost_per_dhr_pounds=8,500").data.decode()
    found = re.search(r'href="([^"]+/papers/statement\?[^"]+)"', page)
    assert found, "the pot's page offers to prepare its statement for a meeting"
    prepare = found[1].replace("&amp;", "&")
    form = site.get(prepare)
    assert form.status_code == 200
    body = text(form.data)
    assert "Prepare the statement for 2015/16" in body
    assert "a forecast at 2.5 DHRs a year at £8,500.00 each" in body
    assert 'name="meeting"' in body and 'name="meeting_date"' in body
    assert "Empty: the paper is dated the day you download it." in body  # as the region's paper
    # the header's Sign out, and the timeout warning's after </main>, carry tokens of their own
    main = body.split("<main", 1)[1].split("</main>", 1)[0]
    hidden = dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', main))
    hidden |= dict(re.findall(r'name="([^"]+)" type="hidden" value="([^"]*)"', main))
    assert hidden == {"year": "2015/16", "expected_dhrs": "2.5", "cost_per_dhr_pounds": "8,500"}
    answers = {
        **hidden,
        "meeting": "Leicestershire Safer Communities Strategy Board",
        "meeting_date": ["8", "6", "2016"],
        "contact": "Community Safety Team, 0116 305 0000",
    }
    refused = site.get(
        prepare.split("?")[0],
        query_string=answers
        | {"meeting_date": ["8", "13", "2016"], "contact": "x" * 201, "html": "1"},
    )
    assert refused.status_code == 200
    shown = refused.data.decode()
    assert "There is a problem" in shown
    assert 'id="meeting_date-error"' in shown and 'id="contact-error"' in shown
    assert 'href="#meeting_date-day"' in shown and 'href="#contact"' in shown
    assert 'value="Leicestershire Safer Communities Strategy Board"' in shown  # kept
    assert 'value="13"' in shown
    asked = site.get(prepare.split("?")[0], query_string=answers | {"html": "1"})
    assert asked.status_code == 302
    paper = site.get(asked.location)
    assert paper.status_code == 200
    cells = " ".join(re.sub(r"<[^>]+>", " ", paper.data.decode()).split())
    assert "Meeting Leicestershire Safer Communities Strategy Board" in cells
    assert "Date 8 June 2016" in cells
    assert "Officer to contact: Community Safety Team, 0116 305 0000" in cells
    assert "statement for 2015/16" in cells and "2.5 reviews a year" in cells
    assert "at £8,500 each" in cells
    pdf = site.get(prepare.split("?")[0], query_string=answers | {"pdf": "1"})
    assert "/papers/statement.pdf?" in pdf.location
    printed = site.get(pdf.location)
    assert printed.mimetype == "application/pdf" and printed.data.startswith(b"%PDF")
    sign_out(site)
    sign_in(site, "birmingham-lead")
    assert site.get(prepare).status_code == 404  # a partnership that does not pay in


def test_a_regional_download_as_recorded_on_a_day_judges_overdue_on_that_day(
    site: FlaskClient, demo: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Reports page's link "as recorded at the end of D" read the actions as recorded
    then but judged overdue on the day it was downloaded: a month later, an action due ten
    days after D counted as overdue, though the JSON view and the paper of the same options
    said it was not. Downloaded a month later (the clock moved), it is judged on D."""
    import projections.queries.reading as reading

    day = uk_today()
    with demo.ledgers.lease("blaby") as ledger:
        line = ledger.plan.master()[0]
        ledger.actions.plan(line.recommendation_id, "Housing", "Due after D", day + timedelta(10))
    caught_up(site, demo)
    sign_in(site, "llr-opcc")
    link = f"/regions/{LLR}/downloads/actions.csv?as_recorded={day}&until={day}"

    def overdue() -> str:
        *_, total = list(csv.reader(StringIO(site.get(link).data.decode("utf-8-sig"))))
        return total[2]

    on_the_day = overdue()
    monkeypatch.setattr(reading, "uk_today", lambda: day + timedelta(30))
    assert overdue() == on_the_day


def test_the_owner_agency_download_names_the_bodies_under_each_kind_as_the_paper_does(
    site: FlaskClient, demo: Platform
) -> None:
    """Table 4a of the paper and the dashboard list under each kind of owner the directory's
    bodies ("Children's social care: Children's Services") and say the downloads name them
    so; the download listed the kinds only."""
    caught_up(site, demo)
    sign_in(site, "llr-opcc")
    got = site.get(f"/regions/{LLR}/downloads/actions.csv?table=by_owner")
    labels = [row[0] for row in csv.reader(StringIO(got.data.decode("utf-8-sig")))][1:]
    paper = page_text(site.get(f"/regions/{LLR}/papers/regional.html").data)
    assert any(": " in label for label in labels), labels
    assert [label for label in labels if label not in paper] == []


def test_a_partnership_registered_but_not_in_the_directory_is_pointed_out(
    site: FlaskClient, demo: Platform
) -> None:
    """Registering a partnership does not put it in the region's directory, and until the OPCC
    adds it no pot can take it and no money can go to it: the ledger page said nothing."""
    demo.register_tenant("north-warwickshire", "North <Warwickshire>", WM)
    sign_in(site, "wm-opcc")

    warned = text(site.get(LEDGER).data)

    assert (
        "North &lt;Warwickshire&gt; is a partnership of this region that the directory does not "
        "list yet, so no pot can take it as a partner and no money can be allocated to it."
    ) in warned
    assert f'href="{LEDGER}/directory/bodies/new">Add it to the directory</a>' in warned
    added = post_form(
        site,
        f"{LEDGER}/directory/bodies/new",
        {
            "name": "North Warwickshire",
            "sector": "csp",
            "tenant": "north-warwickshire",
            "on": ["1", "5", "2026"],
        },
    )
    assert added.status_code == 302, text(added.data)
    assert 'id="not-listed"' not in text(site.get(LEDGER).data)


def test_opcc_staff_vary_a_decision_from_the_page_the_allocation_refusal_sends_them_to(
    site: FlaskClient, demo: Platform
) -> None:
    """An allocation over a decision's approved money is refused with "vary the decision
    first", and no page offered a variation: only the API did."""
    sign_in(site, "wm-opcc")
    line = opened_line(site)
    decision = {
        "number": "012/2026",
        "decision_maker": "Police and Crime Commissioner",
        "approved": "40000",
        "on": ["20", "5", "2026"],
    }
    assert post_form(site, f"{line}/decisions/new", decision).status_code == 302
    money = {"number": "012/2026", "tenant": "coventry", "on": ["1", "6", "2026"]}
    over = post_form(site, f"{line}/allocations/new", money | {"amount": "50000"})
    assert "vary the decision first" in text(over.data)
    assert f'href="{line}/variations/new"' in text(site.get(LEDGER).data)

    vary = {"number": "012/2026", "reason": "The PCC agreed a second review", "on": ["25", "5"]}
    blank = post_form(site, f"{line}/variations/new", vary | {"on": ["", "", ""]})
    assert blank.status_code == 200 and "There is a problem" in text(blank.data)
    below = {"approved": "10000", "on": ["1", "6", "2026"]}
    assert (
        post_form(site, f"{line}/allocations/new", money | {"amount": "30000"}).status_code == 302
    )
    refused = post_form(site, f"{line}/variations/new", vary | below)
    assert "claw back or reallocate first" in text(refused.data)
    varied = post_form(
        site, f"{line}/variations/new", vary | {"approved": "60,000", "on": ["25", "5", "2026"]}
    )
    assert varied.status_code == 302, text(varied.data)
    assert "Decision 012/2026 varied to £60,000.00 approved" in text(site.get(LEDGER).data)
    assert (
        post_form(site, f"{line}/allocations/new", money | {"amount": "20000"}).status_code == 302
    )
    stored = line_in_store(demo, "DHR Support Fund 2026-27")
    assert stored.decisions["012/2026"].approved == 6_000_000  # type: ignore[attr-defined]


def test_the_dashboard_on_a_past_day_downloads_the_figures_it_shows(
    site: FlaskClient, demo: Platform
) -> None:
    """The dashboard on a past day offered no download, and the Reports page's downloads up to
    that day judged "open" and "overdue" on the day they were downloaded: 33 open and 33
    overdue against the dashboard's 39 and 12 for 1 June 2013 (a walk-through of the demo). Its links now give the figures
    the dashboard shows for the day, named by it."""
    from projections.queries.actions import action_counts

    caught_up(site, demo)
    sign_in(site, "llr-opcc")
    page = site.get(f"/regions/{LLR}/dashboard?on=1&on=6&on=2016").data.decode()
    assert "as on 1 June 2016" in page
    found = re.findall(r'href="(/regions/[^"]+/downloads/actions\.csv\?on=[^"]*)"', page)
    link = found[0].replace("&amp;", "&")
    assert "on=2016-06-01" in link, link

    got = site.get(link)

    assert f'filename="{LLR}-actions-on-2016-06-01.csv"' in got.headers["Content-Disposition"]
    *_, total = list(csv.reader(StringIO(got.data.decode("utf-8-sig"))))
    shown = action_counts(views_of(site.application, demo), LLR, on=date(2016, 6, 1)).total
    assert (int(total[1]), int(total[2])) == (shown.open, shown.overdue)
    assert shown.overdue < shown.open  # the day's own: not every open action overdue yet


def test_a_group_paper_without_items_of_its_own_does_not_count_none_of_them(
    site: FlaskClient, tmp_path: Path
) -> None:
    """Table 3 of West Midlands' paper read "None of them past their due date" above a table
    saying the group had no action of its own: a count of nothing. It says only the latter."""
    sign_in(site, "birmingham-lead")
    paper = site.get(f"/regions/{WM}/groups/{WM}-master-plan/papers/master-action-plan.pdf")
    assert paper.status_code == 200
    (tmp_path / "plan.pdf").write_bytes(paper.data)
    subprocess.run(["pdftotext", "-layout", "plan.pdf", "plan.txt"], cwd=tmp_path, check=True)
    words = " ".join((tmp_path / "plan.txt").read_text().split())
    table = words.split("Table 3: the group's open actions", 1)[1]
    assert "The group has no open action of its own." in table
    assert "None of them past their due date" not in table


def test_a_partnerships_money_page_points_to_its_last_agreed_contribution_to_a_pot(
    site: FlaskClient,
) -> None:
    """ "Nothing agreed for" this year was the end of it: a lead asking what the partnership
    owes the pot had no way to its last year's figures but to type the year on the pot's page."""
    sign_in(site, "blaby-lead")
    page = site.get("/partnerships/blaby/money").data.decode()
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    said = page_text(main.encode())
    this_year = FinancialYear.of(uk_today()).label
    found = re.search(
        rf"Nothing agreed for {this_year}; the latest agreed is for (\d{{4}}/\d\d)", said
    )
    assert found, said[-800:]
    link = re.search(
        r'href="([^"]*/pots/[^"]*year=([^"&]+)[^"]*)"', main.split("the latest agreed")[1]
    )
    assert link and link.group(2).replace("%2F", "/") == found.group(1)
    pot = page_text(site.get(link.group(1).replace("&amp;", "&")).data)
    assert f"Contributions for {found.group(1)}" in pot and "Blaby £2,500.00" in pot


def test_the_shared_pots_page_does_not_speak_to_opcc_staff_of_their_partnership(
    site: FlaskClient,
) -> None:
    """OPCC staff of a region with no pot read "Your partnership pays into no pot": they have
    no partnership. They read that the region's ledger holds none; a lead still reads its own."""
    sign_in(site, "wm-opcc")
    page = site.get(f"/regions/{WM}/pots").data.decode()
    said = page_text(page.split("<main", 1)[1].split("</main>", 1)[0].encode())
    assert "No pot is held in this region's ledger." in said and "Your partnership" not in said
    sign_out(site)
    sign_in(site, "birmingham-lead")
    page = site.get(f"/regions/{WM}/pots").data.decode()
    said = page_text(page.split("<main", 1)[1].split("</main>", 1)[0].encode())
    assert "Your partnership pays into no pot held in this region's ledger." in said
