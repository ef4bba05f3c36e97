"""Money as an officer types it and reads it back: a figure the page cannot be sure of
("1,2,00": £1.20 or £1,200?) is refused beside its box, not guessed; a cost incurred of £0
is refused in pounds, not by the ledger in pence; spend is chosen by what it pays for, never
by a key; and the Money page says what the partnership owes and has paid into each pot held
for its region, the figures its page has."""

from __future__ import annotations

import csv
import html
import re
from collections.abc import Iterator
from decimal import Decimal
from io import BytesIO, StringIO
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook

from api.app import create_app
from api.resources.views import close_views
from api.web.pots import pence_of
from domain.calendar import uk_today
from domain.funding import BudgetKind, FinancialYear
from domain.recording import acting_as
from tenants.platform import Platform
from tenants.users.onboarding import add_user
from tests.api.test_shared_money import LLR, demo
from tests.web.conftest import People, give_password, page_text, post_form, sign_in
from tests.web.test_case_pages import open_case

__all__ = ["demo"]
CHARNWOOD = "/partnerships/charnwood/money"


@pytest.mark.parametrize("typed", ["1,2,00", "12,50", "8,5000", "£8.5k", "-500", "²", "8 500"])
def test_an_amount_with_a_comma_out_of_place_or_not_a_number_is_not_an_amount(
    typed: str,
) -> None:
    with pytest.raises(ValueError, match="in pounds"):
        pence_of(typed)  # a statement's cost per DHR, from the pot page's link


@pytest.mark.parametrize(
    ("typed", "pence"),
    [("8500", 850_000), ("8,500", 850_000), ("£8,500.00", 850_000), ("£ 1,234,567.8", 123_456_780)],
)
def test_pounds_as_people_type_them_are_whole_pence(typed: str, pence: int) -> None:
    assert pence_of(typed) == pence


def test_a_cost_the_page_cannot_read_for_sure_is_refused_beside_its_box_and_not_recorded(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """'1,2,00' was recorded as £1,200.00 (the commas were dropped); '²' took the page down."""
    review = open_case(platform, people.tenant, "NT-TYPED")
    sign_in(visitor, people.names["officer"])
    case = f"/partnerships/{people.tenant}/cases/{review}"
    invoice = {"category": "chair", "on": ["2", "9", "2024"], "description": "Chair's invoice 14"}
    said = {"1,2,00": "has a comma in the wrong place", "²": "in pounds, like 8500 or 8500.00"}
    for typed, words in said.items():
        for url in (f"{case}/cost", f"{case}/cost-estimate"):
            refused = post_form(visitor, url, invoice | {"amount": typed})
            assert refused.status_code == 200, (url, typed)
            html = refused.data.decode()
            assert 'href="#amount"' in html and 'id="amount-error"' in html, (url, typed)
            assert words in page_text(refused.data), (url, typed)
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.costs.recorded(review) is None  # nothing was recorded


def test_a_cost_incurred_of_nothing_is_refused_in_pounds_beside_its_box(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """The ledger's own refusal said 'must be more than zero pence; enter the amount in
    pence' to someone typing pounds; an estimate of £0 stays allowed (nothing expected)."""
    review = open_case(platform, people.tenant, "NT-ZERO")
    sign_in(visitor, people.names["officer"])
    case = f"/partnerships/{people.tenant}/cases/{review}"
    invoice = {"category": "chair", "on": ["2", "9", "2024"], "description": "Chair's invoice 14"}
    refused = post_form(visitor, f"{case}/cost", invoice | {"amount": "0"})
    html = refused.data.decode()
    assert refused.status_code == 200
    assert "Enter an amount more than £0" in page_text(refused.data)
    assert 'href="#amount"' in html and 'id="amount-error"' in html
    assert "pence" not in html
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.costs.recorded(review) is None
    estimate = {"category": "legal", "amount": "0", "on": ["1", "3", "2024"], "reason": ""}
    assert post_form(visitor, f"{case}/cost-estimate", estimate).status_code == 302


@pytest.fixture
def site(demo: Platform) -> Iterator[FlaskClient]:
    app: Flask = create_app({"PLATFORM": demo, "TESTING": True, "SECRET_KEY": "test-only-key"})
    add_user(demo, "charnwood-officer", "csp_officer", ("charnwood",), ())
    give_password(demo, "charnwood-officer")
    yield app.test_client()
    close_views(app)


def _own_pot(site: FlaskClient) -> str:
    """Charnwood's own pot with a year's plan for two purposes; its page's address."""
    sign_in(site, "charnwood-officer")
    opened = {
        "reference": "CHA-T",
        "name": "Charnwood pot",
        "manager": "CSP",
        "on": ["1", "4", "2016"],
    }
    pot = str(post_form(site, f"{CHARNWOOD}/new", opened).location).split("?")[0]
    for plan in (
        {"purpose": "Business office", "amount": "13,500"},
        {"purpose": "Chairs and authors", "per_dhr": "8,500", "expected_dhrs": "2"},
    ):
        planned = post_form(
            site, f"{pot}/allocations/new", plan | {"year": "2016/17", "on": ["2", "4", "2016"]}
        )
        assert planned.status_code == 302, page_text(planned.data)
    return pot


def test_spend_is_chosen_by_what_it_pays_for_never_by_its_key(site: FlaskClient) -> None:
    pot = _own_pot(site)
    form = site.get(f"{pot}/spend/new").data.decode()
    labels = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)<', form)
    purposes = [
        label for value, label in labels if value in ("business-office", "chairs-and-authors")
    ]
    assert purposes == ["Business office", "Chairs and authors"]
    assert "business-office" not in page_text(form.encode())
    assert "chairs-and-authors" not in page_text(form.encode())


def test_a_contribution_the_page_cannot_read_for_sure_is_refused_and_not_recorded(
    site: FlaskClient, demo: Platform
) -> None:
    pot = _own_pot(site)
    post_form(
        site, f"{pot}/partners/new", {"name": "Leicestershire Police", "on": ["1", "4", "2016"]}
    )
    police = {"partner": "leicestershire-police", "year": "2016/17", "on": ["5", "4", "2016"]}
    for question in ("contributions", "receipts"):
        refused = post_form(site, f"{pot}/{question}/new", police | {"amount": "1,2,00"})
        assert refused.status_code == 200, question
        assert 'id="amount-error"' in refused.data.decode(), question
    shown = site.get(f"{pot}?year=2016/17&cost_per_dhr_pounds=1,2,00").data.decode()
    assert 'id="cost_per_dhr_pounds-error"' in shown  # not a forecast at £1,200.00 a DHR
    with demo.ledgers.lease("charnwood", writing=False) as ledger:
        found = ledger.pooled.get(UUID(pot.rsplit("/", 1)[1]))
        assert not found.agreed and not found.movements


def test_the_money_page_says_what_the_partnership_owes_each_pot_held_for_its_region(
    site: FlaskClient, demo: Platform
) -> None:
    """The same three figures as the pot's own page, for this financial year: due, paid for
    the year, and owed at its end; a pot asking nothing of it this year says so."""
    year = FinancialYear.of(uk_today())
    with acting_as("opcc"), demo.region_ledgers.lease(LLR) as region:
        pots = [
            b.budget_id
            for b in region.funding.budgets()
            if b.kind == BudgetKind.POOLED_BUDGET
            and "charnwood" in region.pooled.partner_tenants(b.budget_id)
        ]
        assert pots, "the demo's Leicestershire pot takes Charnwood's contributions"
        pool = pots[0]
        name = region.pooled.get(pool).name
    sign_in(site, "charnwood-officer")
    before = page_text(site.get(CHARNWOOD).data)
    assert f"{name} Nothing agreed for {year.label}" in before

    with acting_as("opcc"), demo.region_ledgers.lease(LLR) as region:
        region.pooled.agree_contribution(pool, "charnwood", year.label, 250_000, year.start)
        region.pooled.receive_contribution(pool, "charnwood", year.label, 100_050, year.start)
    page = site.get(CHARNWOOD).data.decode()
    table = page.split('id="region-pots"')[1].split("</table>")[0]
    row = page_text(table.split(html.escape(name))[1].split("</tr>")[0].encode())
    assert row.split() == ["£2,500.00", "£1,000.50", "£1,499.50"]
    assert f"Due for {year.label}" in page_text(table.encode())
    link = re.search(r'href="(/regions/[^"]+/pots/[^"?]+\?year=[^"]+)"', table)
    assert link, "each pot links to its page at the year shown"
    pot_page = page_text(site.get(link[1].replace("&amp;", "&")).data)
    assert "Charnwood £2,500.00 £0.00 £2,500.00 £1,000.50 £1,499.50" in pot_page


def test_the_money_page_says_what_the_partnership_still_owes_a_pot_for_earlier_years(
    site: FlaskClient, demo: Platform
) -> None:
    """Only this year was shown: a contribution agreed for an earlier year and never paid in
    full was owed, counted in the pot's debtors, and on no page of the partnership's. Each
    earlier year's debt is given by year, from the statement the pot's page shows."""
    year = FinancialYear.of(uk_today())
    earlier = year.previous.previous
    with acting_as("opcc"), demo.region_ledgers.lease(LLR) as region:
        pool = next(
            b.budget_id
            for b in region.funding.budgets()
            if b.kind == BudgetKind.POOLED_BUDGET
            and "charnwood" in region.pooled.partner_tenants(b.budget_id)
        )
        region.pooled.agree_contribution(pool, "charnwood", earlier.label, 250_000, earlier.start)
        region.pooled.receive_contribution(pool, "charnwood", earlier.label, 100_050, earlier.start)
        name = region.pooled.get(pool).name
    sign_in(site, "charnwood-officer")
    raw = site.get(CHARNWOOD).data.decode().split("<main")[1].split("</main>")[0]
    page = page_text(raw.encode())
    assert (
        f"Still owed for earlier years, as each pot's statement for {year.label} has it: "
        f"{name}, £1,499.50 for {earlier.label}." in page
    )
    table = raw.split('id="region-pots"')[1].split("</table>")[0]
    row = page_text(table.split(html.escape(name))[1].split("</tr>")[0].encode())
    assert row.split() == [
        "£0.00",
        "£0.00",
        "£1,499.50",
        "of",
        "which",
        "for",
        earlier.label,
        "£1,499.50",
    ]
    link = re.search(r'href="(/regions/[^"]+/pots/[^"?]+\?year=[^"]+)"', table)
    assert link, "each pot links to its page at the year shown"
    pot_page = site.get(link[1].replace("&amp;", "&")).data.decode()
    pot_main = page_text(pot_page.split("<main")[1].split("</main>")[0].encode())
    assert (
        f"Charnwood £0.00 £0.00 £0.00 £0.00 £1,499.50 of which for {earlier.label} £1,499.50"
        in pot_main
    )


def test_an_earlier_years_unpaid_variation_says_it_counts_because_its_year_is_still_open(
    site: FlaskClient, demo: Platform
) -> None:
    """The demo's 2016/17 variation (£42,089) showed as still to pay in this year's forecast
    with no word on why: 2016/17 was never closed, so its books are not final."""
    with acting_as("opcc"), demo.region_ledgers.lease(LLR) as region:
        pool = next(
            b.budget_id
            for b in region.funding.budgets()
            if b.kind == BudgetKind.POOLED_BUDGET
            and "charnwood" in region.pooled.partner_tenants(b.budget_id)
        )
    sign_in(site, "charnwood-officer")
    page = site.get(f"/regions/{LLR}/pots/{pool}").data.decode()
    said = page_text(page.split("<main")[1].split("</main>")[0].encode())
    assert "£42,089.00 still to pay, owed from the reserve." in said
    assert "It is still counted because 2016/17 has not been closed" in said


def test_spend_for_one_review_names_the_review_among_the_years_money_in_and_out(
    site: FlaskClient, demo: Platform
) -> None:
    """Which review a chair's fee paid for was asked and recorded, then shown nowhere."""
    pot = _own_pot(site)
    post_form(
        site, f"{pot}/partners/new", {"name": "Leicestershire Police", "on": ["1", "4", "2016"]}
    )
    police = {"partner": "leicestershire-police", "year": "2016/17", "on": ["5", "4", "2016"]}
    for question in ("contributions", "receipts"):
        paid = post_form(site, f"{pot}/{question}/new", police | {"amount": "10,000"})
        assert paid.status_code == 302, page_text(paid.data)
    form = site.get(f"{pot}/spend/new").data.decode()
    review = re.search(r'<option value="(charnwood\|[^"]+)">Charnwood: ([^<]+)<', form)
    assert review, "the partnership's own reviews are offered"
    spent = {"allocation": "chairs-and-authors", "amount": "4,250", "on": ["10", "10", "2016"]}
    for_review = spent | {"review": review[1], "reason": "Chair's fee, first panel"}
    assert post_form(site, f"{pot}/spend/new", for_review).status_code == 302
    running = spent | {"allocation": "business-office", "review": "", "reason": "Office"}
    assert post_form(site, f"{pot}/spend/new", running).status_code == 302
    page = page_text(site.get(f"{pot}?year=2016/17").data)
    assert f"Spent on Chairs and authors for {html.unescape(review[2])} £4,250.00" in page
    assert "Spent on Business office £4,250.00" in page  # running costs: for no review


def test_the_forecast_is_at_the_dhrs_the_years_plan_expects_unless_asked_for_another(
    site: FlaskClient,
) -> None:
    """Planned at £8,500 per DHR × 2 expected, the year's forecast was at 3 DHRs (£25,500 of
    chairs and authors beside the plan's £17,000), and so was its board paper."""
    pot = _own_pot(site)
    post_form(
        site, f"{pot}/partners/new", {"name": "Leicestershire Police", "on": ["1", "4", "2016"]}
    )
    police = {"partner": "leicestershire-police", "year": "2016/17", "on": ["5", "4", "2016"]}
    post_form(site, f"{pot}/contributions/new", police | {"amount": "20,000"})
    page = site.get(f"{pot}?year=2016/17").data.decode()
    said = page_text(page.encode())
    assert "£13,500.00 fixed + 2 DHRs × £8,500.00 = £30,500.00" in said
    assert 'id="dhrs" name="dhrs" type="text" value="2"' in page
    assert "expected_dhrs=2" in _paper_link(page)
    asked = page_text(site.get(f"{pot}?year=2016/17&dhrs=3").data)
    assert "£13,500.00 fixed + 3 DHRs × £8,500.00 = £39,000.00" in asked
    refused = page_text(site.get(f"{pot}?year=2016/17&dhrs=lots").data)
    assert "The forecast is at 2 DHRs, not the number you entered" in refused


def _paper_link(page: str) -> str:
    found = re.search(r'href="([^"]+\.pdf[^"]*)"', page)
    assert found, "the pot page links its board paper"
    return found[1].replace("&amp;", "&")


def test_a_variation_is_offered_once_something_is_planned_to_vary(site: FlaskClient) -> None:
    """A new pot offered 'Request a variation', whose page then offered no allocation."""
    sign_in(site, "charnwood-officer")
    opened = {
        "reference": "CHA-V",
        "name": "Charnwood V",
        "manager": "CSP",
        "on": ["1", "4", "2016"],
    }
    pot = str(post_form(site, f"{CHARNWOOD}/new", opened).location).split("?")[0]
    assert "Request a variation" not in page_text(site.get(pot).data)
    plan = {"purpose": "Business office", "amount": "13,500", "year": "2016/17"}
    assert (
        post_form(site, f"{pot}/allocations/new", plan | {"on": ["2", "4", "2016"]}).status_code
        == 302
    )
    for year in ("2016/17", "2017/18"):  # a later year's page can ask to vary an earlier plan
        assert "Request a variation" in page_text(site.get(f"{pot}?year={year}").data), year


def test_the_costs_workbook_adds_up_what_the_reviews_cost_as_the_page_does(
    site: FlaskClient,
) -> None:
    """The page says what its reviews cost in all; the workbook gave each review's figures
    and left the adding up to whoever opened it."""
    sign_in(site, "charnwood-officer")
    said = re.search(
        r"In all: (£[\d,.]+) agreed when chairs and authors were commissioned, (£[\d,.]+) "
        r"estimated and (£[\d,.]+) incurred",
        page_text(site.get(CHARNWOOD).data),
    )
    assert said, "the Money page adds up the reviews' costs"
    got = site.get("/partnerships/charnwood/downloads/costs.xlsx")
    book = load_workbook(BytesIO(got.data))
    notes = {row[0]: row[1] for row in book["Notes"].iter_rows(values_only=True)}
    assert notes["In all, agreed when commissioned"] == said[1]
    assert notes["In all, estimated"] == said[2] and notes["In all, incurred"] == said[3]
    rows = list(book["Costs"].iter_rows(min_row=2, values_only=True))
    assert all(row[0] != "Total" for row in rows)  # one row a review, to sort and filter
    incurred = sum(Decimal(str(row[5] or 0)) for row in rows)
    assert f"£{incurred:,.2f}" == said[3]


def test_the_costs_csv_ends_with_a_total_line_that_adds_up_as_the_page_does(
    site: FlaskClient,
) -> None:
    """A CSV has no notes sheet: its totals were nowhere, and whoever took it to finance added
    it up again. They are on its last line, labelled Total, after every review's line."""
    sign_in(site, "charnwood-officer")
    said = re.search(
        r"In all: (£[\d,.]+) agreed when chairs and authors were commissioned, (£[\d,.]+) "
        r"estimated and (£[\d,.]+) incurred",
        page_text(site.get(CHARNWOOD).data),
    )
    assert said, "the Money page adds up the reviews' costs"
    got = site.get("/partnerships/charnwood/downloads/costs.csv").data.decode("utf-8-sig")
    *reviews, total = list(csv.reader(StringIO(got)))[1:]
    assert total[:3] == ["Total", "", ""] and all(row[0] != "Total" for row in reviews)
    assert [f"£{Decimal(v):,.2f}" for v in total[3:6]] == [said[1], said[2], said[3]]
    for column in (3, 4, 5):  # the reviews' lines alone add up to it: nothing counted twice
        assert sum(Decimal(row[column] or 0) for row in reviews) == Decimal(total[column])


def test_the_forecast_says_the_shortfall_the_reserve_is_said_to_last_at(site: FlaskClient) -> None:
    """'Lasting 0 years at this shortfall' named a shortfall the page never gave; the board
    paper did ('a shortfall of £10,500 a year')."""
    pot = _own_pot(site)
    post_form(
        site, f"{pot}/partners/new", {"name": "Leicestershire Police", "on": ["1", "4", "2016"]}
    )
    police = {"partner": "leicestershire-police", "year": "2016/17", "on": ["5", "4", "2016"]}
    post_form(site, f"{pot}/contributions/new", police | {"amount": "20,000"})
    said = page_text(site.get(f"{pot}?year=2016/17").data)
    shortfall = "Shortfall a year £10,500.00: the cost less the agreed contributions"
    assert f"Agreed contributions £20,000.00 {shortfall}" in said
    assert "at this shortfall" in said
    covered = page_text(site.get(f"{pot}?year=2016/17&dhrs=0.5").data)
    assert "Covered The agreed contributions cover the cost, with £2,250.00 over" in covered
