"""A partnership's own pooled budget kept from its pages, on each store: opened, partners named,
each year planned, contributions agreed and received, spend for one of its reviews; every
refusal on the page with nothing recorded; read by its own people only."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from io import BytesIO, StringIO
from typing import Any
from uuid import UUID

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook

from api.app import create_app
from api.resources.views import close_views
from domain.calendar import uk_today
from domain.funding import FinancialYear
from domain.recording import acting_as
from projections.catchup import catch_up
from projections.model import REGISTRY_SOURCE
from projections.queries.pot_spend import pot_spend_on_reviews
from projections.sources import Sources
from projections.views import all_models
from tenants.demo.money import POLICE
from tenants.platform import Platform
from tenants.users.onboarding import add_user
from tests.api.conftest import views_of
from tests.api.test_shared_money import LLR, demo
from tests.web.conftest import give_password, page_text, post_form, sign_in, sign_out

__all__ = ["demo"]
MONEY = "/partnerships/charnwood/money"


@pytest.fixture
def site(demo: Platform) -> Iterator[FlaskClient]:
    app: Flask = create_app({"PLATFORM": demo, "TESTING": True, "SECRET_KEY": "test-only-key"})
    add_user(demo, "charnwood-officer", "csp_officer", ("charnwood",), ())
    add_user(demo, "blaby-officer", "csp_officer", ("blaby",), ())
    add_user(demo, "charnwood-lead", "csp_lead", ("charnwood",), ())
    add_user(demo, "police-agency", "agency_contributor", (), (LLR,), agency=POLICE)
    for name in ("charnwood-officer", "blaby-officer", "charnwood-lead", "police-agency"):
        give_password(demo, name)
    yield app.test_client()
    close_views(app)


def text(page: bytes) -> str:
    return " ".join(page.decode().split())


def opened(site: FlaskClient) -> str:
    """Charnwood's own pot, opened from the Money page; its page's address."""
    sign_in(site, "charnwood-officer")
    listing = text(site.get(MONEY).data)
    assert "The partnership holds no pooled budget" in listing
    assert "Leicestershire" in listing  # the region's pot it pays into, linked
    made = post_form(
        site,
        f"{MONEY}/new",
        {
            "reference": "CHA-DHR",
            "name": "Charnwood DHR pooled budget",
            "manager": "Community safety team",
            "on": ["1", "4", "2016"],
        },
    )
    assert made.status_code == 302, text(made.data)
    return str(made.location)


def police_paying(site: FlaskClient, agreed: str) -> tuple[str, UUID, dict[str, Any]]:
    """A new pot with Leicestershire Police agreeing ``agreed`` for 2016/17 and paying £10,000:
    the pot's address, its id and the police's answers for that year."""
    pot = opened(site).split("?")[0]
    joined = {"name": "Leicestershire Police", "on": ["1", "4", "2016"]}
    post_form(site, f"{pot}/partners/new", joined)
    police = {"partner": "leicestershire-police", "year": "2016/17", "on": ["5", "4", "2016"]}
    post_form(site, f"{pot}/contributions/new", police | {"amount": agreed})
    post_form(site, f"{pot}/receipts/new", police | {"amount": "10,000"})
    return pot, UUID(pot.rsplit("/", 1)[1]), police


def test_an_officer_keeps_the_partnerships_own_pot_from_its_pages(
    site: FlaskClient, demo: Platform
) -> None:
    pot = opened(site)
    assert "Charnwood DHR pooled budget opened" in text(site.get(pot).data)
    for name in ("Charnwood Borough Council", "Leicestershire Police"):
        added = post_form(site, f"{pot}/partners/new", {"name": name, "on": ["1", "4", "2016"]})
        assert added.status_code == 302, text(added.data)
    plans = (
        {"purpose": "Business office", "amount": "13,500"},
        {"purpose": "Chairs and authors", "per_dhr": "8,500", "expected_dhrs": "2.5"},
    )
    for plan in plans:
        planned = post_form(
            site, f"{pot}/allocations/new", plan | {"year": "2016/17", "on": ["2", "4", "2016"]}
        )
        assert planned.status_code == 302, text(planned.data)
    assert "£21,250.00 planned for Chairs and authors in 2016/17" in text(
        site.get(planned.location).data
    )
    for partner, amount in (
        ("charnwood-borough-council", "20,000"),
        ("leicestershire-police", "15,000"),
    ):
        money = {"partner": partner, "year": "2016/17", "amount": amount, "on": ["5", "4", "2016"]}
        assert post_form(site, f"{pot}/contributions/new", money).status_code == 302
    received = post_form(
        site,
        f"{pot}/receipts/new",
        {
            "partner": "leicestershire-police",
            "year": "2016/17",
            "amount": "15000",
            "on": ["1", "5", "2016"],
        },
    )
    assert "£15,000.00 received from Leicestershire Police for 2016/17" in text(
        site.get(received.location).data
    )

    form = site.get(f"{pot}/spend/new").data.decode()
    chairs = re.search(r'<option value="([^"]+)">Chairs and authors', form)
    review = re.search(r'<option value="(charnwood\|[^"]+)">Charnwood: ([^<]+)<', form)
    assert chairs and review, "the year's plan and the partnership's own reviews are offered"
    assert "Blaby:" not in form  # only its own reviews
    spent = post_form(
        site,
        f"{pot}/spend/new",
        {
            "allocation": chairs[1],
            "review": review[1],
            "amount": "4,250",
            "on": ["10", "10", "2016"],
            "reason": "Chair's fee, first panel",
        },
    )
    assert spent.status_code == 302, text(spent.data)
    page = text(site.get(spent.location).data)
    assert "£4,250.00 spent on Chairs and authors" in page
    assert "£35,000.00" in page and "£15,000.00" in page  # contributions: agreed, received
    assert "£8,500.00 per DHR × 2.5 expected" in page and "£13,500.00" in page
    assert "Leicestershire Police" in page and "Charnwood Borough Council" in page

    pool = UUID(pot.split("?")[0].rsplit("/", 1)[1])
    with demo.ledgers.lease("charnwood", writing=False) as ledger:
        found = ledger.pooled.get(pool)
        assert found.partners == {
            "charnwood-borough-council": "Charnwood Borough Council",
            "leicestershire-police": "Leicestershire Police",
        }
        spends = [m for m in found.movements if m.amount == 425_000]
    assert len(spends) == 1 and str(spends[0].review_id) == review[1].split("|")[1]
    paper = site.get(_paper_link(page))
    assert paper.status_code == 200 and paper.data.startswith(b"%PDF")


def _paper_link(page: str) -> str:
    found = re.search(r'href="([^"]+\.pdf[^"]*)"', page)
    assert found, "the pot page links its board paper"
    return found[1].replace("&amp;", "&")


def test_what_the_ledger_refuses_shows_on_the_page_and_nothing_is_recorded(
    site: FlaskClient, demo: Platform
) -> None:
    pot = opened(site).split("?")[0]
    pool = UUID(pot.rsplit("/", 1)[1])
    with demo.ledgers.lease("charnwood", writing=False) as ledger:
        before = ledger.pooled.get(pool).version
    on = {"on": ["2", "4", "2016"], "year": "2016/17"}
    neither = post_form(site, f"{pot}/allocations/new", on | {"purpose": "Venues"})
    assert neither.status_code == 200 and "There is a problem" in text(neither.data)
    symbols = post_form(site, f"{pot}/partners/new", {"name": "***", "on": ["1", "4", "2016"]})
    assert "The partner needs a letter or a digit" in text(symbols.data)
    bad_amount = post_form(
        site, f"{pot}/allocations/new", on | {"purpose": "Venues", "amount": "lots"}
    )
    assert "in pounds, like 8500 or 8500.00" in text(bad_amount.data)
    mistyped = post_form(
        site, f"{pot}/allocations/new", on | {"purpose": "Venues", "amount": "99999999999999"}
    )
    assert "must be £1,000,000,000.00 or less; check the figure" in text(mistyped.data)
    assert 'id="amount-error"' in mistyped.data.decode()  # beside the box, not only at the top
    unplanned = post_form(
        site,
        f"{pot}/spend/new",
        {"allocation": "venues", "amount": "10", "on": ["1", "1", "2017"], "reason": "Room hire"},
    )
    assert unplanned.status_code == 200 and "Not a valid choice" in text(unplanned.data)
    twice = {"name": "Leicestershire Police", "on": ["1", "4", "2016"]}
    assert post_form(site, f"{pot}/partners/new", twice).status_code == 302
    again = post_form(site, f"{pot}/partners/new", twice)
    assert again.status_code == 200 and "There is a problem" in text(again.data)
    with demo.ledgers.lease("charnwood", writing=False) as ledger:
        assert ledger.pooled.get(pool).version == before + 1  # only the one partner added
        assert not ledger.pooled.allocation_plan(pool).allocations


def test_only_the_partnerships_own_people_read_and_record_its_money(
    site: FlaskClient,
) -> None:
    pot = opened(site).split("?")[0]
    sign_out(site)
    sign_in(site, "blaby-officer")
    assert site.get(MONEY).status_code in (403, 404)
    assert site.get(pot).status_code in (403, 404)
    assert "Money" in text(site.get("/partnerships/blaby/money").data)
    sign_out(site)
    sign_in(site, "police-agency")
    assert site.get(pot).status_code in (403, 404)
    assert site.get(f"{pot}/receipts/new").status_code in (403, 404)


def test_a_purpose_planned_again_for_the_year_is_refused_in_its_own_words(
    site: FlaskClient,
) -> None:
    pot = opened(site).split("?")[0]
    plan = {"purpose": "Business office", "year": "2016/17", "on": ["2", "4", "2016"]}
    assert post_form(site, f"{pot}/allocations/new", plan | {"amount": "40,500"}).status_code == 302
    later = post_form(
        site, f"{pot}/allocations/new", plan | {"amount": "41,000", "year": "2017/18"}
    )
    assert "£41,000.00 planned for Business office in 2017/18" in text(
        site.get(later.location).data
    )
    again = post_form(site, f"{pot}/allocations/new", plan | {"amount": "42,089"})
    assert again.status_code == 200
    refused = text(again.data)
    assert "Business office is already planned for 2016/17" in refused
    assert "business-office" not in refused  # the key is the ledger's, not the officer's


def test_a_contribution_not_called_and_the_year_closed_by_the_lead(
    site: FlaskClient, demo: Platform
) -> None:
    pot, pool, police = police_paying(site, agreed="16,000")
    deferred = post_form(
        site,
        f"{pot}/not-called/new",
        police
        | {"amount": "6,000", "deferred_to": "2017/18", "reason": "The reserve covers the year"},
    )
    assert deferred.status_code == 302, text(deferred.data)
    page = text(site.get(deferred.location).data)
    assert "contribution for 2016/17 not called, called in 2017/18 instead" in page
    assert "Close the year" not in page  # an officer records; the lead signs the year off
    assert site.get(f"{pot}/year-closure/new").status_code == 403

    sign_out(site)
    sign_in(site, "charnwood-lead")
    close = {"year": "2016/17", "on": ["30", "4", "2017"], "reason": ""}
    closed = post_form(site, f"{pot}/year-closure/new", close)
    assert closed.status_code == 302, text(closed.data)
    page = text(site.get(closed.location).data)
    assert "2016/17 closed: £10,000.00 carried forward" in page
    assert "2016/17 is closed: £10,000.00 was carried forward" in page
    assert "Reopen the year" in page and "Close the year" not in page
    again = post_form(site, f"{pot}/year-closure/new", close)
    assert again.status_code == 200 and "There is a problem" in text(again.data)
    late = post_form(
        site, f"{pot}/receipts/new", police | {"amount": "1", "on": ["1", "5", "2017"]}
    )
    assert late.status_code == 200 and "There is a problem" in text(late.data)
    with demo.ledgers.lease("charnwood", writing=False) as ledger:
        assert sum(m.amount for m in ledger.pooled.get(pool).movements) == 1_000_000
    unsaid = post_form(site, f"{pot}/year-reopening/new", close)
    assert unsaid.status_code == 200 and "There is a problem" in text(unsaid.data)
    reopened = post_form(
        site, f"{pot}/year-reopening/new", close | {"reason": "A late invoice for 2016/17"}
    )
    assert "2016/17 reopened" in text(site.get(reopened.location).data)
    with demo.ledgers.lease("charnwood", writing=False) as ledger:
        assert not ledger.pooled.get(pool).closed


def test_the_business_office_asks_for_more_and_the_lead_decides(
    site: FlaskClient, demo: Platform
) -> None:
    """Seed 001: the business office asked for £42,089 instead of the £40,500 planned."""
    pot = opened(site).split("?")[0]
    pool = UUID(pot.rsplit("/", 1)[1])
    plan = {"purpose": "Business office", "year": "2016/17", "amount": "40,500"}
    post_form(site, f"{pot}/allocations/new", plan | {"on": ["2", "4", "2016"]})
    form = site.get(f"{pot}/variation-requests/new").data.decode()
    office = re.search(r'<option value="([^"]+)">Business office, 2016/17', form)
    assert office, "the planned allocations are offered"
    asked = post_form(
        site,
        f"{pot}/variation-requests/new",
        {
            "allocation": office[1],
            "amount": "42,089",
            "requested_by": "Business office",
            "reason": "Staff costs rose",
            "on": ["1", "9", "2016"],
        },
    )
    assert asked.status_code == 302, text(asked.data)
    page = text(site.get(asked.location).data)
    assert "£42,089.00 asked for Business office in 2016/17, awaiting a decision" in page
    assert "£1,589.00 more than planned" in page
    assert "Decide a variation" not in page  # the lead decides
    assert site.get(f"{pot}/variation-decisions/new").status_code == 403

    sign_out(site)
    sign_in(site, "charnwood-lead")
    decision = {"allocation": office[1], "on": ["15", "9", "2016"], "reason": "Agreed by the board"}
    unsaid = post_form(site, f"{pot}/variation-decisions/new", decision)
    assert unsaid.status_code == 200 and "Select approve or refuse" in text(unsaid.data)
    decided = post_form(site, f"{pot}/variation-decisions/new", decision | {"outcome": "approve"})
    assert decided.status_code == 302, text(decided.data)
    page = text(site.get(decided.location).data)
    assert "The variation of Business office in 2016/17 approved" in page
    assert "£42,089.00" in page and "Variations awaiting a decision" not in page
    with demo.ledgers.lease("charnwood", writing=False) as ledger:
        plan_now = ledger.pooled.allocation_plan(pool)
    assert [a.amount for a in plan_now.allocations.values()] == [4_208_900]
    assert not plan_now.requests


def test_an_approved_variation_not_yet_paid_is_named_in_the_forecast_and_its_paper(
    site: FlaskClient, demo: Platform
) -> None:
    """The business office's £40,500 varied to £42,089 and paid the old £40,500: the pot's
    forecast and its statement name the £1,589 still to pay, in 2016/17's cost, and in
    2017/18's, while 2016/17 is open, as owed from the reserve."""
    pot, pool, _ = police_paying(site, "15,000")
    with acting_as("charnwood-officer"), demo.ledgers.lease("charnwood") as ledger:
        ledger.pooled.plan_allocation(
            pool, "2016/17", "office", "Business office", date(2016, 4, 2), amount=4_050_000
        )
        ledger.pooled.request_variation(
            pool, "2016/17", "office", 4_208_900, date(2016, 9, 1), "Business office", "Staff"
        )
        ledger.pooled.decide_variation(
            pool, "2016/17", "office", True, date(2016, 9, 15), "Agreed by the board"
        )
        ledger.pooled.spend(pool, "office", 4_050_000, date(2016, 10, 3), "Business office")
    figures = "dhrs=3&cost_per_dhr_pounds=8,500"

    this_year = text(site.get(f"{pot}?year=2016/17&{figures}").data)
    assert "Approved variations not yet paid" in this_year
    assert (
        "Business office, 2016/17: £42,089.00 approved on 15 September 2016 in place of "
        "£40,500.00; £40,500.00 paid, £1,589.00 still to pay, in the cost above." in this_year
    )
    next_page = site.get(f"{pot}?year=2017/18&{figures}").data
    next_year = text(next_page)
    assert "£1,589.00 still to pay, owed from the reserve." in next_year
    assert "of which £1,589.00 is owed to approved variations, leaving" in next_year

    paper = site.get(_paper_link(next_page.decode()).replace(".pdf", ".html"))
    assert paper.status_code == 200
    cells = " ".join(re.sub(r"<[^>]+>", " ", paper.data.decode()).split())
    assert (
        "Approved variations not yet paid are commitments of the pot: Business office for "
        "2016/17, £42,089 approved on 15 September 2016 in place of £40,500, of which "
        "£1,589 is still to pay (owed from the reserve)." in cells
    )
    assert "£1,589 is owed to them, leaving" in cells


def test_the_statement_says_what_became_of_each_contribution_not_drawn_down(
    site: FlaskClient, demo: Platform
) -> None:
    """A pot whose partners were asked for everything says so; once part of a contribution is
    deferred and part not called, the statement gives each as the figures treat it, since the
    day the pot was opened."""
    pot, pool, _ = police_paying(site, "15,000")  # £5,000 outstanding for 2016/17
    link = "/partnerships/charnwood/papers/pooled-budgets/CHA-DHR.html?year=2016/17"

    def background() -> str:
        paper = site.get(link)
        assert paper.status_code == 200
        cells = " ".join(re.sub(r"<[^>]+>", " ", paper.data.decode()).split())
        return cells.split("Background", 1)[1].split("Statement for the year", 1)[0]

    asked_all = background()
    assert "has been managed by Community safety team since 1 April 2016" in asked_all
    assert "on behalf of its 1 partner." in asked_all
    assert (
        "Since 1 April 2016, partners have been asked for every contribution agreed." in asked_all
    )
    with acting_as("charnwood-officer"), demo.ledgers.lease("charnwood") as ledger:
        police, year = "leicestershire-police", "2016/17"
        later = FinancialYear(2017)
        ledger.pooled.not_draw_down(
            pool, police, year, date(2016, 9, 1), "Reserve high", amount=200_000, deferred_to=later
        )
        ledger.pooled.not_draw_down(pool, police, year, date(2016, 9, 1), "Reserve high")
    said = background()
    assert (
        "Since 1 April 2016, partners have not been asked for £5,000 of the contributions "
        "agreed: £3,000 was not called, so no partner owes it and it is not in the reserve; "
        "£2,000 was deferred to a later year, where it is added to what the partner owes "
        "for that year." in said
    )
    assert "not lost" not in said


def test_the_lead_corrects_an_agreed_contribution_keyed_wrongly(
    site: FlaskClient, demo: Platform
) -> None:
    pot, pool, police = police_paying(site, agreed="61,000")  # meant 16,000
    assert "Correct an agreed contribution" not in text(site.get(pot).data)
    assert site.get(f"{pot}/corrections/new").status_code == 403

    sign_out(site)
    sign_in(site, "charnwood-lead")
    assert "Correct an agreed contribution" in text(site.get(f"{pot}?year=2016/17").data)
    which = "leicestershire-police|2016/17"
    correction = {"contribution": which, "reason": "Keyed 61,000 for 16,000"}
    below = post_form(site, f"{pot}/corrections/new", correction | {"amount": "9,000"})
    assert "has already paid £10,000.00 for 2016/17" in text(below.data).replace("&#39;", "'")
    unsaid = post_form(
        site, f"{pot}/corrections/new", correction | {"amount": "16,000", "reason": ""}
    )
    assert "Say why the recorded amount was wrong" in text(unsaid.data)
    put_right = post_form(site, f"{pot}/corrections/new", correction | {"amount": "16,000"})
    assert put_right.status_code == 302, text(put_right.data)
    assert "corrected to £16,000.00" in text(site.get(put_right.location).data)
    with demo.ledgers.lease("charnwood", writing=False) as ledger:
        agreed = ledger.pooled.get(pool).agreed
    assert list(agreed.values()) == [1_600_000]  # the refused ones changed nothing


def test_the_lead_corrects_a_receipt_keyed_wrongly_from_the_pots_page(
    site: FlaskClient, demo: Platform
) -> None:
    pot, pool, police = police_paying(site, agreed="16,000")  # paid £1,000, keyed £10,000
    sign_out(site)
    sign_in(site, "charnwood-lead")
    page = site.get(f"{pot}?year=2016/17").data.decode()
    link = re.search(r'href="([^"]*/money-corrections/new[^"]*)">Correct a receipt or spend', page)
    assert link, "the pot's page offers the correction"
    url = link.group(1).replace("&amp;", "&")
    form = text(site.get(url).data)
    assert "Received from Leicestershire Police on 5 April 2016, for 2016/17: £10,000.00" in form
    correction = {"movement": "1", "reason": "The remittance says £1,000"}
    too_much = post_form(site, url, correction | {"amount": "16,000.01"})
    assert "At most £16,000.00" in text(too_much.data)
    put_right = post_form(site, url, correction | {"amount": "1,000"})
    assert put_right.status_code == 302, text(put_right.data)
    shown = text(site.get(put_right.location).data)
    assert (
        "Received from Leicestershire Police on 5 April 2016, for 2016/17 corrected to £1,000.00"
        in shown
    )
    with demo.ledgers.lease("charnwood", writing=False) as ledger:
        assert [m.amount for m in ledger.pooled.get(pool).movements] == [100_000]
    listed = page_text(site.get(f"{pot}?year=2016/17").data)  # to reconcile with the books
    assert (
        "Money in and out in 2016/17 No. Date What In Out "
        "1 5 April 2016 Received from Leicestershire Police £1,000.00"
    ) in listed
    history = re.search(r'href="(/audit/[^"]+)">Everything recorded', site.get(pot).data.decode())
    assert history, "the pot's page links to its history"
    said = page_text(site.get(history.group(1)).data)
    assert "Receipt or spend corrected" in said and "Movement Contribution" in said
    assert "Amount of receipt or spend 1 Previous value £10,000.00 Corrected to £1,000.00" in said


def test_the_lead_corrects_a_decision_not_to_call_keyed_wrongly(
    site: FlaskClient, demo: Platform
) -> None:
    """£5,000 of the police's £6,000 outstanding was keyed as deferred to 2017/18; the minute
    said £500. The lead puts it right from the pot's page; both years' dues follow."""
    pot, pool, police = police_paying(site, agreed="16,000")
    deferred = {"amount": "5,000", "deferred_to": "2017/18", "reason": "Reserve high"}
    decided = post_form(site, f"{pot}/not-called/new", police | deferred)
    assert decided.status_code == 302, text(decided.data)
    sign_out(site)
    sign_in(site, "charnwood-lead")
    page = site.get(f"{pot}?year=2016/17").data.decode()
    link = re.search(
        r'href="([^"]*/not-called-corrections/new[^"]*)">Correct a decision not to call', page
    )
    assert link, "the pot's page offers the correction"
    url = link.group(1).replace("&amp;", "&")
    form = text(site.get(url).data)
    assert (
        "Leicestershire Police&#39;s contribution for 2016/17 deferred to 2017/18, decided "
        "5 April 2016: £5,000.00"
    ) in form
    correction = {"decision": "1", "reason": "The board minute says £500"}
    too_much = post_form(site, url, correction | {"amount": "6,000.01"})
    assert "At most £6,000.00" in text(too_much.data)
    put_right = post_form(site, url, correction | {"amount": "500"})
    assert put_right.status_code == 302, text(put_right.data)
    shown = text(site.get(put_right.location).data).replace("&#39;", "'")
    assert (
        "The amount of Leicestershire Police's contribution for 2016/17 left uncalled corrected "
        "to £500.00"
    ) in shown
    with demo.ledgers.lease("charnwood", writing=False) as ledger:
        kept = ledger.pooled.get(pool)
    later = FinancialYear(2017)
    assert kept.outstanding("leicestershire-police", FinancialYear(2016)) == 550_000
    assert kept.deferred_in == {(later, "leicestershire-police"): 50_000}
    history = re.search(r'href="(/audit/[^"]+)">Everything recorded', site.get(pot).data.decode())
    assert history, "the pot's page links to its history"
    said = page_text(site.get(history.group(1)).data)
    assert "Decision not to call corrected" in said
    assert "Amount not called, decision 1 Previous value £5,000.00 Corrected to £500.00" in said


def cost_review(demo: Platform, n: int, estimate: int, incurred: int) -> tuple[Any, Any]:
    """Charnwood's n-th review estimated and charged for its chair, beside the demo's own
    costs; the review and its costs after."""
    with acting_as("officer-1"), demo.ledgers.lease("charnwood") as ledger:
        review = ledger.reviews.all()[n]
        ledger.costs.estimate(review.id, "chair", estimate, date(2024, 3, 1), "")
        ledger.costs.record(review.id, "chair", incurred, date(2024, 9, 2), "Chair's invoice")
        return review, ledger.costs.of_review(review.id)


def pounds(pence: int) -> str:
    return f"£{pence // 100:,}.{pence % 100:02d}"


def test_the_money_page_says_what_the_reviews_cost_and_downloads_it(
    site: FlaskClient, demo: Platform
) -> None:
    review, summary = cost_review(demo, 0, 850_000, 425_050)
    sign_in(site, "charnwood-officer")
    page = text(site.get(MONEY).data)
    costs = page.split("What the reviews cost</h2>")[1].split("</table>")[0]
    incurred = pounds(summary.total_actual)
    assert review.reference in costs and incurred in costs
    assert 'id="protective-marking"' in page  # it names reviews and what each cost
    link = re.search(r'href="(/partnerships/charnwood/downloads/costs\.csv[^"]*)"', page)
    assert link, "the table downloads"
    csv = site.get(link[1].replace("&amp;", "&"))
    assert csv.status_code == 200 and review.reference in csv.data.decode()
    assert incurred[1:].replace(",", "") in csv.data.decode()
    for fmt, magic in (("xlsx", b"PK"),):
        got = site.get(f"/partnerships/charnwood/downloads/costs.{fmt}")
        assert got.status_code == 200 and got.data.startswith(magic), fmt


def test_a_commissioned_review_with_no_estimate_yet_is_listed_with_its_agreed_cost(
    site: FlaskClient, demo: Platform
) -> None:
    """The table's first money column is the agreed cost: a review commissioned but not yet
    estimated belongs in it, with dashes for what is not recorded, and in the total."""
    with demo.ledgers.lease("charnwood", writing=False) as ledger:
        waiting = [
            r for r in ledger.reviews.all() if r.commissions and ledger.costs.recorded(r.id) is None
        ]
    assert waiting, "the demo has a commissioned review with no estimate yet"
    review = waiting[0]
    sign_in(site, "charnwood-officer")
    page = " ".join(text(site.get(MONEY).data).split())
    row = page.split(f"{review.reference}<")[1].split("</tr>")[0]
    cells = re.findall(r'numeric">([^<]*)<', row)
    assert cells == [pounds(review.agreed_cost_pence), "–", "–"]
    assert "agreed when chairs and authors were commissioned" in page


def test_the_costs_download_leaves_agreed_empty_for_a_review_never_commissioned(
    site: FlaskClient, demo: Platform
) -> None:
    """Nothing agreed is not £0.00 agreed: the sheet would say the chair works for free."""
    with demo.ledgers.lease("charnwood") as ledger:
        fresh = ledger.reviews.notify(
            "CHA-NEW-1", date(2026, 1, 5), date(2026, 1, 9), "Lee", "dhr", "familial_homicide"
        )
        reference = ledger.reviews.get(fresh).reference
    sign_in(site, "charnwood-officer")
    csv = site.get("/partnerships/charnwood/downloads/costs.csv").data.decode()
    (line,) = [row for row in csv.splitlines() if row.startswith(f"{reference},")]
    assert ",0.00," not in line and ",," in line


def test_a_review_that_cost_more_than_estimated_is_marked_with_how_much(
    site: FlaskClient, demo: Platform
) -> None:
    review, summary = cost_review(demo, 1, 900_000, 4_000_000)
    over = summary.total_actual - summary.total_estimate
    assert over > 0
    sign_in(site, "charnwood-officer")
    page = " ".join(text(site.get(MONEY).data).split())
    row = page.split(f"{review.reference}<")[1].split("</tr>")[0]
    assert f"{pounds(over)} over the estimate</strong>" in row
    assert "cost more than estimated, by £" in page


def test_the_own_pots_page_refuses_bad_answers_and_prepares_its_statement_for_a_meeting(
    site: FlaskClient,
) -> None:
    """A partnership's own pot: each bad answer beside its box as typed, the statement's link
    from the answers used; the statement prepared with its meeting, date and contact."""
    pot, _, _ = police_paying(site, "15,000")
    page = site.get(f"{pot}?year=2016-2017&dhrs=-1").data.decode()
    assert 'id="year-error"' in page and 'id="dhrs-error"' in page
    assert 'value="2016-2017"' in page and 'value="-1"' in page
    assert "The expected number of DHRs cannot be negative" in page
    link = _paper_link(page)
    assert "2016-2017" not in link and "dhrs=-1" not in link and "expected_dhrs=3" in link
    found = re.search(r'href="([^"]+/papers/statement\?[^"]+)"', page)
    assert found, "the pot's page offers to prepare its statement"
    prepare = found[1].replace("&amp;", "&")
    assert "expected_dhrs=3" in prepare and "-1" not in prepare
    form = text(site.get(prepare).data)
    assert "Prepare the statement for" in form and "Charnwood DHR pooled budget" in form
    asked = site.get(
        prepare.split("?")[0],
        query_string={
            "year": "2016/17",
            "expected_dhrs": "2",
            "cost_per_dhr_pounds": "8,500",
            "meeting": "Charnwood Community Safety Partnership",
            "meeting_date": ["14", "9", "2016"],
            "contact": "Community safety team, csp@example.org",
            "html": "1",
        },
    )
    assert asked.status_code == 302 and "/papers/pooled-budgets/CHA-DHR.html?" in asked.location
    paper = site.get(asked.location)
    assert paper.status_code == 200
    cells = " ".join(re.sub(r"<[^>]+>", " ", paper.data.decode()).split())
    assert "Meeting Charnwood Community Safety Partnership" in cells
    assert "Date 14 September 2016" in cells
    assert "Officer to contact: Community safety team, csp@example.org" in cells
    assert "Budget Charnwood DHR pooled budget" in cells and "CHA-DHR" not in cells
    assert "2 reviews a year" in cells


def test_a_decommissioned_reviews_agreed_cost_and_estimate_are_left_out_and_said_so(
    site: FlaskClient, demo: Platform
) -> None:
    """A review decommissioned will spend nothing more: the page, the workbook's notes and the
    CSV's Total line counted its estimate, and its agreed cost, as money the partnership still
    expects to spend. Both are shown as set aside, named with their figures, and what it did
    incur still counts; the workbook's earlier columns stay where they were."""
    with acting_as("officer-1"), demo.ledgers.lease("charnwood") as ledger:
        review = next(
            r
            for r in ledger.reviews.all()
            if r.status in ("under_review", "paused") and r.agreed_cost_pence
        )
        ledger.costs.estimate(review.id, "chair", 1_800_000, date(2024, 3, 1), "")
        ledger.costs.record(review.id, "chair", 120_000, date(2024, 9, 2), "Chair's invoice")
        ledger.reviews.decommission(review.id, uk_today(), "Home Office agreed")
        estimate = pounds(ledger.costs.of_review(review.id).total_estimate)  # with the demo's
        agreed = pounds(review.agreed_cost_pence)
    sign_in(site, "charnwood-officer")
    main = site.get(MONEY).data.decode().split("<main")[1].split("</main>")[0]
    page = page_text(main.encode())
    said = re.search(
        r"In all: (£[\d,.]+) agreed .* (£[\d,.]+) estimated and (£[\d,.]+) incurred", page
    )
    assert said, "the Money page adds up the reviews' costs"
    assert (
        f"The agreed cost and estimate of {review.reference} ({agreed} agreed, {estimate} "
        "estimated) are left out of what is agreed and estimated because that review was "
        "decommissioned" in page
    )
    row = page_text(main.split(f"{review.reference}<")[1].split("</tr>")[0].encode())
    assert f"{agreed} set aside: decommissioned" in row
    assert f"{estimate} set aside: decommissioned" in row
    got = site.get("/partnerships/charnwood/downloads/costs.csv").data.decode("utf-8-sig")
    header, *reviews, total = list(csv.reader(StringIO(got)))
    assert header[:7] == [
        "Reference",
        "Kind",
        "Status",
        "Agreed when commissioned (£)",
        "Estimated (£)",
        "Incurred (£)",
        "Estimate set aside (decommissioned) (£)",
    ]  # a formula over these keeps working: the new column comes last
    assert header[7] == "Agreed cost set aside (decommissioned) (£)"
    (line,) = [r for r in reviews if r[0] == review.reference]
    assert line[3] == "" and f"£{Decimal(line[7]):,.2f}" == agreed  # set aside instead
    assert line[4] == "" and f"£{Decimal(line[6]):,.2f}" == estimate
    assert [f"£{Decimal(total[i]):,.2f}" for i in (3, 4, 5)] == [said[1], said[2], said[3]]
    assert (total[6], total[7]) == (line[6], line[7])
    book = load_workbook(BytesIO(site.get("/partnerships/charnwood/downloads/costs.xlsx").data))
    notes = {row[0]: row[1] for row in book["Notes"].iter_rows(values_only=True)}
    assert notes["In all, agreed when commissioned"] == said[1]
    assert notes["In all, estimated"] == said[2]
    assert notes["In all, estimate set aside (decommissioned)"] == estimate
    assert notes["In all, agreed cost set aside (decommissioned)"] == agreed
    sheet = book[book.sheetnames[0]]
    headings = [c.value for c in next(sheet.iter_rows(min_row=1, max_row=12)) if c.value]
    assert headings == header  # the workbook's columns as the CSV's, the new one last
    case = page_text(site.get(f"/partnerships/charnwood/cases/{review.id}").data)
    assert (
        "The review was decommissioned and will spend nothing more: its agreed cost and "
        "estimates are set aside" in case
    )


def test_what_the_regions_pot_paid_for_a_review_shows_with_its_costs_but_not_in_them(
    site: FlaskClient, demo: Platform
) -> None:
    """Leicestershire's pot, kept for the districts by the business office, paid an author
    £8,500 for one of Charnwood's reviews: nothing of Charnwood's said so. Its case page and
    its costs workbook now show it, read from the region's money view, as paid from the
    pot: not the partnership's own money, so its own incurred total is as before."""
    views = views_of(site.application, demo)
    models = all_models()
    sources = Sources(demo, frozenset().union(*(m.topics_of_interest() for m in models)))
    for source in (REGISTRY_SOURCE, *sources.tenants(), *sources.regions()):
        catch_up(views, models, sources, source)
    with demo.ledgers.lease("charnwood", writing=False) as ledger:
        reviews = {r.id: r for r in ledger.reviews.all()}
        spent = pot_spend_on_reviews(views, LLR, reviews)
        ((paid_for, (spend,)),) = spent.items()
        review = reviews[paid_for]
        own = ledger.costs.recorded(review.id)
    assert spend.amount == 850_000
    with demo.region_ledgers.lease(LLR, writing=False) as region:
        pot = region.pooled.get(spend.pot).name
    sign_in(site, "charnwood-officer")
    case = page_text(site.get(f"/partnerships/charnwood/cases/{review.id}").data)
    costs = case.split("Costs", 1)[1].split("Findings")[0]
    assert "A pooled budget held for the region has paid £8,500.00 for this review" in costs
    assert f"{pot} £8,500.00" in costs
    assert "not the partnership's own, so it is not in the incurred total above" in costs
    if own is not None:  # the partnership's own total is what its own invoices add up to
        assert f"Total {pounds(own.total_estimate)} {pounds(own.total_actual)}" in costs
    got = site.get("/partnerships/charnwood/downloads/costs.csv").data.decode("utf-8-sig")
    header, *rows, total = list(csv.reader(StringIO(got)))
    assert header[-1] == "Paid from the region's pots (£)"
    (line,) = [r for r in rows if r[0] == review.reference]
    assert line[-1] == "8500.00" and total[-1] == "8500.00"
    own_incurred = f"{own.total_actual / 100:.2f}" if own else ""
    assert line[header.index("Incurred (£)")] == own_incurred  # not added to its own
    assert all(r[-1] == "" for r in rows if r is not line)
    book = load_workbook(BytesIO(site.get("/partnerships/charnwood/downloads/costs.xlsx").data))
    sheet = book["Costs"]
    headings = [c.value for c in next(sheet.iter_rows(min_row=1, max_row=1))]
    assert headings[-1] == "Paid from the region's pots (£)"
    notes = {row[0]: row[1] for row in book["Notes"].iter_rows(values_only=True)}
    assert notes["In all, paid from the region's pots"] == "£8,500.00"
    said = " ".join(str(c) for row in book["Notes"].iter_rows(values_only=True) for c in row)
    assert "not the partnership's own, so it is not in Incurred" in said, said
