"""An amount of £0 the ledger would refuse is refused on the region's money pages beside its
box, in pounds ("Enter an amount more than £0"), not by the ledger in pence; an amount that
may be nothing (an award of nothing, a contribution agreed or corrected to nothing) is not."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tenants.platform import Platform
from tests.api.test_shared_money import LLR, STAFFS, WM, demo
from tests.web.conftest import Person, csrf, post_form, sign_in, sign_out, site_with
from tests.web.test_shared_pages import opened_line

__all__ = ["demo"]

MORE_THAN_ZERO = "Enter an amount more than £0"
OR_EMPTY = "Enter an amount more than £0, or leave the box empty"
Answers = Mapping[str, str | Sequence[str]]
LINES = f"/regions/{WM}/ledger/budget-lines"
SERVICES = f"/regions/{STAFFS}/services"
BUDGET = f"/regions/{STAFFS}/commissioning-budgets/staffs-da-services-2018"


@pytest.fixture
def site(demo: Platform) -> Iterator[FlaskClient]:
    people: list[Person] = [
        ("wm-opcc", "pcc_officer", (), (WM,)),
        ("llr-opcc", "pcc_officer", (), (LLR,)),
        ("staffs-opcc", "pcc_officer", (), (STAFFS,)),
    ]
    with site_with(demo, people) as client:
        yield client


def refused_beside(
    site: FlaskClient, url: str, answers: Answers, box: str, said: str = MORE_THAN_ZERO
) -> None:
    """The £0 in ``box`` is refused beside it, the summary linking to it, in pounds."""
    page = post_form(site, url, answers)
    html = page.data.decode()
    assert page.status_code == 200, (url, page.location)
    assert said in html, (url, " ".join(re.sub(r"<[^>]+>", " ", html).split())[:900])
    assert f'href="#{box}"' in html and f'id="{box}-error"' in html, url
    assert "pence" not in html, url


def recorded_as_nothing(site: FlaskClient, url: str, answers: Answers) -> None:
    """An amount that may be £0 is recorded, as the ledger takes it."""
    page = post_form(site, url, answers)
    assert page.status_code == 302, (url, " ".join(page.data.decode().split())[:900])


def _line(site: FlaskClient) -> str:
    """A budget line with a decision, an allocation to Coventry and a payment, opened from
    its pages; its address."""
    line = opened_line(site)
    decision = {
        "number": "012/2026",
        "decision_maker": "Police and Crime Commissioner",
        "approved": "90,000",
        "on": ["20", "5", "2026"],
    }
    assert post_form(site, f"{line}/decisions/new", decision).status_code == 302
    money = {"number": "012/2026", "tenant": "coventry", "on": ["1", "6", "2026"]}
    assert post_form(site, f"{line}/allocations/new", money | {"amount": "400"}).status_code == 302
    assert post_form(site, f"{line}/payments/new", money | {"amount": "200"}).status_code == 302
    return line


def test_a_zero_amount_the_ledger_refuses_is_refused_beside_its_box_in_pounds(
    site: FlaskClient,
) -> None:
    sign_in(site, "wm-opcc")
    line = _line(site)
    new_line = {
        "reference": "ZERO",
        "name": "Nothing",
        "owner": "OPCC finance team",
        "financial_year": "2026/27",
        "ceiling": "0",
        "on": ["1", "4", "2026"],
    }
    refused_beside(site, f"{LINES}/new", new_line, "ceiling")
    money = {"number": "012/2026", "tenant": "coventry", "amount": "0", "on": ["2", "6", "2026"]}
    refused_beside(site, f"{line}/allocations/new", money, "amount")
    refused_beside(site, f"{line}/payments/new", money | {"amount": "£0.00"}, "amount")
    fix = {"entry": "payment.1", "amount": "0", "reason": "Keyed wrong"}
    refused_beside(site, f"{line}/corrections/new", fix, "amount")
    nothing = {"number": "013/2026", "decision_maker": "PCC", "on": ["21", "5", "2026"]}
    recorded_as_nothing(site, f"{line}/decisions/new", nothing | {"approved": "0"})
    some = nothing | {"number": "014/2026", "approved": "50"}
    assert post_form(site, f"{line}/decisions/new", some).status_code == 302
    withdrawn = {"number": "014/2026", "approved": "0", "reason": "Withdrawn"}
    recorded_as_nothing(site, f"{line}/variations/new", withdrawn | {"on": ["22", "5", "2026"]})
    sign_out(site)

    sign_in(site, "llr-opcc")
    ledger = site.get(f"/regions/{LLR}/ledger").data.decode()
    found = re.search(rf'href="(/regions/{LLR}/pots/[0-9a-f-]{{36}})"', ledger)
    assert found, "the ledger page links its pots"
    pot = found[1]
    blaby = {"partner": "blaby", "year": "2016/17", "amount": "0", "on": ["3", "4", "2016"]}
    refused_beside(site, f"{pot}/receipts/new", blaby, "amount")
    refused_beside(site, f"{pot}/not-called/new", blaby | {"reason": "Reserve"}, "amount")
    spend = {"allocation": "chairs-authors", "amount": "0", "on": ["10", "10", "2016"]}
    refused_beside(site, f"{pot}/spend/new", spend | {"reason": "Chair's fee"}, "amount")
    plan = {"year": "2017/18", "purpose": "Training", "on": ["1", "3", "2017"]}
    refused_beside(site, f"{pot}/allocations/new", plan | {"amount": "0"}, "amount")
    per_dhr = plan | {"per_dhr": "0", "expected_dhrs": "3"}
    refused_beside(site, f"{pot}/allocations/new", per_dhr, "per_dhr")
    asked = {"allocation": "2016/17|chairs-authors", "amount": "0", "requested_by": "Office"}
    vary = asked | {"reason": "More reviews", "on": ["1", "9", "2016"]}
    refused_beside(site, f"{pot}/variation-requests/new", vary, "amount")
    wrong = {"movement": "1", "amount": "0", "reason": "Keyed wrong"}
    refused_beside(site, f"{pot}/money-corrections/new?year=2015/16", wrong, "amount")
    uncalled = {"decision": "1", "amount": "0", "reason": "Keyed wrong"}
    refused_beside(site, f"{pot}/not-called-corrections/new?year=2015/16", uncalled, "amount")
    later = blaby | {"year": "2031/32", "on": ["3", "4", "2026"]}
    recorded_as_nothing(site, f"{pot}/contributions/new", later)  # a partner pays nothing
    more = later | {"year": "2032/33", "amount": "100"}
    assert post_form(site, f"{pot}/contributions/new", more).status_code == 302
    agreed = {"contribution": "blaby|2032/33", "amount": "0", "reason": "Keyed wrong"}
    recorded_as_nothing(site, f"{pot}/corrections/new", agreed)
    sign_out(site)

    sign_in(site, "staffs-opcc")
    service = f"{SERVICES}/arch-north-staffs"
    paid = {
        "agreement": "arch-north-staffs-2015",
        "funder": "staffordshire-county-council",
        "amount": "0",
        "on": ["1", "5", "2017"],
    }
    refused_beside(site, f"{service}/payments/new", paid, "amount")
    paid_again = {"payment": "1", "amount": "0", "reason": "Keyed wrong"}
    refused_beside(site, f"{service}/payment-corrections/new", paid_again, "amount")
    share = {"share": "east-staffs-da-2015|staffordshire-opcc", "amount": "0", "reason": "Wrong"}
    refused_beside(site, f"{SERVICES}/east-staffs-da/share-corrections/new", share, "amount")
    agreement = {
        "agreement": "ARCH-2026",
        "starts_on": ["1", "4", "2026"],
        "ends_on": ["31", "3", "2027"],
        "annual_value": "0",
    }
    refused_beside(site, f"{service}/funding-agreements/new", agreement, "annual_value")
    shared = agreement | {"annual_value": "10", "share_0": "0"}
    refused_beside(site, f"{service}/funding-agreements/new", shared, "share_0")
    allocation = {"area": "stoke-on-trent", "amount": "0", "purpose": "Refuge"}
    allocated = allocation | {"year": "2018/19", "on": ["1", "5", "2018"]}
    refused_beside(site, f"{BUDGET}/allocations/new", allocated, "amount")
    year = {"year": "2031/32", "annual_value": "0", "on": ["1", "4", "2026"]}
    refused_beside(site, f"{BUDGET}/years/new", year, "annual_value")
    # an area's minimum may be left empty: someone typing 0 for "none" is told so
    no_minimum = year | {"annual_value": "9", "minimum_0": "0"}
    refused_beside(site, f"{BUDGET}/years/new", no_minimum, "minimum_0", OR_EMPTY)


def test_a_commissioning_figure_corrected_to_0_is_refused_beside_its_box_in_pounds(
    site: FlaskClient,
) -> None:
    """A year's value or an allocation corrected to £0 is refused as recording them is; an
    area's minimum may be corrected to nothing (no minimum)."""
    sign_in(site, "staffs-opcc")

    def version(url: str) -> tuple[bytes, str]:
        form = site.get(url).data
        found = re.search(r'name="version" type="hidden" value="(\d+)"', form.decode())
        assert found, url
        return form, found[1]

    def corrected(figure: str, amount: str) -> TestResponse:
        url = f"{BUDGET}/corrections/{figure}"
        form, shown = version(url)
        sent = {"csrf_token": csrf(form), "version": shown, "value": amount}
        return site.post(url, data=sent | {"reason": "Keyed wrong"})

    _, before = version(f"{BUDGET}/corrections/value.2018-19")

    for figure in ("value.2018-19", "allocation.2018-19.1.amount"):
        for nothing in ("0", "£0.00"):
            page = corrected(figure, nothing)
            html = page.data.decode()
            assert page.status_code == 200, (figure, page.location)
            assert MORE_THAN_ZERO in html and 'id="value-error"' in html, figure
            assert 'href="#value"' in html and "pence" not in html, figure
    assert version(f"{BUDGET}/corrections/value.2018-19")[1] == before  # nothing recorded
    none_owed = corrected("minimum.staffordshire.2018-19", "0")
    assert none_owed.status_code == 302, " ".join(none_owed.data.decode().split())[:900]
