"""A body that pays into a pot reads it, on each store: Leicestershire Police's agency user
finds the region's pooled DHR budget on its start page and reads it as the region reads it
(the same figures, nothing to record), with what the pot paid for reviews by partnership as
amounts and no case named; a pot it does not pay into, another region's, and the region's own
pot pages stay closed to it, and its pot page to everyone else."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from flask.testing import FlaskClient

from domain.recording import acting_as
from tenants.platform import Platform
from tenants.users.onboarding import add_user
from tests.api.test_shared_money import LLR, WM, demo
from tests.conftest import BOTH_STORES
from tests.web.conftest import give_password, sign_in, sign_out, site_with

__all__ = ["demo"]
POLICE = "leicestershire-police"


@pytest.fixture(params=BOTH_STORES)
def store_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def site(demo: Platform) -> Iterator[FlaskClient]:
    people = [("llr-opcc", "pcc_officer", (), (LLR,)), ("blaby-lead", "csp_lead", ("blaby",), ())]
    with site_with(demo, people) as client:
        for name, region, agency in (
            ("llr-police", LLR, POLICE),
            ("llr-swanswell", LLR, "swanswell"),
            ("wm-police", WM, "west-midlands-police"),
        ):
            add_user(demo, name, "agency_contributor", (), (region,), agency=agency)
            give_password(demo, name)
        yield client


def text(page: bytes) -> str:
    return " ".join(page.decode().split())


def tables(page: str) -> list[str]:
    return re.findall(r"<table.*?</table>", page)


def pot_links(site: FlaskClient) -> list[str]:
    home = site.get(f"/regions/{LLR}/agency-work")
    assert home.status_code == 200
    return re.findall(rf'href="(/regions/{LLR}/agency-work/pots/[0-9a-f-]{{36}})"', text(home.data))


def test_the_police_read_the_pot_they_pay_into_as_the_region_does(
    site: FlaskClient, demo: Platform
) -> None:
    with acting_as("test"), demo.region_ledgers.lease(LLR) as region:
        other = region.pooled.open("county-only", "County training", "County", date(2015, 4, 1))
        region.pooled.add_partner(other, "leicestershire-county-council", "", date(2015, 4, 1))
    with demo.ledgers.lease("charnwood", writing=False) as charnwood:
        references = [r.reference for r in charnwood.reviews.all()]
    sign_in(site, "llr-police")
    (link,) = pot_links(site)  # the pot it pays into, not the county's
    pool = link.rsplit("/", 1)[1]
    home = text(site.get(f"/regions/{LLR}/agency-work").data)
    assert "Leicestershire &amp; Rutland DHR budget" in home and "County training" not in home

    page = site.get(f"{link}?year=2015/16&dhrs=2.5&cost_per_dhr_pounds=8,500")
    assert page.status_code == 200
    read = text(page.data)
    ours = read.split('id="our-part"')[1].split("</dl>")[0]
    assert "£16,000.00" in ours  # agreed, and not drawn down in 2015/16
    assert "£25,500.00 received, £23,000.00 on the accruals basis" in ours
    assert "Record a contribution" not in read and "Add a partner" not in read
    later = text(site.get(f"{link}?year=2016/17").data)
    spend = later.split('id="review-spend"')[1].split("</table>")[0]
    assert "Charnwood" in spend and "£8,500.00" in spend
    assert not [r for r in references if r in later], "no case is named"
    assert site.get(f"/regions/{LLR}/agency-work/pots/{other}").status_code == 404
    assert site.get(f"/regions/{LLR}/pots/{pool}").status_code == 403  # the region's own page
    assert site.get(f"/regions/{LLR}/ledger").status_code == 403
    sign_out(site)

    sign_in(site, "llr-opcc")
    region_page = text(
        site.get(f"/regions/{LLR}/pots/{pool}?year=2015/16&dhrs=2.5&cost_per_dhr_pounds=8,500").data
    )
    theirs = [t for t in tables(read) if 'id="review-spend"' not in t]
    assert tables(region_page) == theirs  # the same figures, beside what was paid for reviews
    sign_out(site)

    for name, expected in (("llr-swanswell", 404), ("wm-police", 404), ("blaby-lead", 403)):
        sign_in(site, name)
        assert site.get(link).status_code == expected, name
        if name == "llr-swanswell":
            assert pot_links(site) == []
        sign_out(site)
