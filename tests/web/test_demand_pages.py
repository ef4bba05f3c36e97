"""Demand beside deaths on each store: the PCC's analyst reads the MARAC figures with their
change beside the year's DHRs; OPCC staff record a figure for any area, a partnership's officer
for its own only; a refused figure records nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient

from tenants.platform import Platform
from tests.api.test_shared_money import STAFFS, demo
from tests.web.conftest import Person, post_form, sign_in, site_with

__all__ = ["demo"]
DEMAND = f"/regions/{STAFFS}/demand"


@pytest.fixture
def site(demo: Platform) -> Iterator[FlaskClient]:
    people: list[Person] = [
        ("staffs-analyst", "regional_lead", (), (STAFFS,)),
        ("staffs-opcc", "pcc_officer", (), (STAFFS,)),
        ("stoke-officer", "csp_officer", ("stoke-on-trent",), ()),
    ]
    with site_with(demo, people) as client:
        yield client


def text(page: bytes) -> str:
    return " ".join(page.decode().split())


def figures(demo: Platform) -> int:
    with demo.region_ledgers.lease(STAFFS, writing=False) as ledger:
        return len(ledger.demand.get().figures)


def test_the_analyst_reads_marac_cases_beside_the_deaths(site: FlaskClient) -> None:
    sign_in(site, "staffs-analyst")
    page = text(site.get(DEMAND).data)
    assert "MARAC cases" in page and "2,247" in page and "447" in page
    assert "Staffordshire &amp; Stoke-on-Trent" in page  # the region's own figure, by name
    assert "Reviews of deaths each financial year" in page
    assert "Record a demand figure" not in page
    assert site.get(f"{DEMAND}/new").status_code == 403
    dashboard = text(site.get(f"/regions/{STAFFS}/dashboard").data)
    assert f'href="{DEMAND}"' in dashboard


def test_opcc_staff_record_a_quarter_and_see_its_change(site: FlaskClient, demo: Platform) -> None:
    sign_in(site, "staffs-opcc")
    before = figures(demo)
    figure = {
        "indicator": "marac_cases",
        "area": STAFFS,
        "period": "2017/18 Q2",
        "value": "512",
        "on": ["31", "10", "2017"],
        "reason": "",
    }
    lots = post_form(site, f"{DEMAND}/new", figure | {"value": "lots"})
    assert "The count must be a whole number" in text(lots.data)
    fifth = post_form(site, f"{DEMAND}/new", figure | {"period": "2017/18 Q5"})
    assert fifth.status_code == 200 and "There is a problem" in text(fifth.data)
    assert figures(demo) == before  # the refused ones recorded nothing
    done = post_form(site, f"{DEMAND}/new", figure)
    assert done.status_code == 302, text(done.data)
    page = text(site.get(done.location).data)
    assert "MARAC cases for Staffordshire &amp; Stoke-on-Trent, 2017/18 Q2: 512 recorded" in page
    assert "+65" in page  # 512 against the first quarter's 447
    assert figures(demo) == before + 1


def test_a_partnerships_officer_records_for_its_own_area_only(site: FlaskClient) -> None:
    sign_in(site, "stoke-officer")
    reports = text(site.get("/reports").data)
    assert (
        f'href="{DEMAND}/new"' in reports and "Report a demand figure for Stoke-on-Trent" in reports
    )
    form = site.get(f"{DEMAND}/new").data.decode()
    assert "Stoke-on-Trent" in form and "Staffordshire Police" not in form
    other = post_form(
        site,
        f"{DEMAND}/new",
        {
            "indicator": "marac_cases",
            "area": "staffordshire-police",
            "period": "2017/18",
            "value": "10",
            "on": ["1", "5", "2018"],
        },
    )
    assert other.status_code == 200 and "Not a valid choice" in text(other.data)


def test_the_officer_records_its_own_areas_figure_and_goes_home(
    site: FlaskClient, demo: Platform
) -> None:
    sign_in(site, "stoke-officer")
    form = site.get(f"{DEMAND}/new").data.decode()
    area = form.split('id="area"')[1].split("</select>")[0]
    own = area.split('<option value="')[2].split('"')[0]  # after "Choose": its own area
    before = figures(demo)
    done = post_form(
        site,
        f"{DEMAND}/new",
        {
            "indicator": "referrals_to_services",
            "area": own,
            "period": "2017/18",
            "value": "1,204",
            "on": ["1", "5", "2018"],
        },
    )
    assert done.status_code == 302, text(done.data)
    assert "/demand" not in done.location  # it reads no region view
    home = site.get(done.location, follow_redirects=True)
    assert home.status_code == 200 and "1,204 recorded" in text(home.data)
    assert figures(demo) == before + 1
