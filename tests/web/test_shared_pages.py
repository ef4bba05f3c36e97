"""The shared-money pages on each store: the region ledger for OPCC staff, a pot's statement
on both bases for a district that pays in, a group's master plan for its members."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api.app import create_app
from tenants.platform import Platform
from tenants.users.onboarding import add_user
from tests.api.test_shared_money import LLR, WM, demo
from tests.web.conftest import give_password, sign_in

__all__ = ["demo"]


@pytest.fixture
def site(demo: Platform) -> Iterator[FlaskClient]:
    app: Flask = create_app({"PLATFORM": demo, "TESTING": True, "SECRET_KEY": "test-only-key"})
    for name, role, tenants, regions in (
        ("wm-opcc", "pcc_officer", (), (WM,)),
        ("blaby-lead", "csp_lead", ("blaby",), ()),
        ("birmingham-lead", "csp_lead", ("birmingham",), ()),
    ):
        add_user(demo, name, role, tenants, regions)
        give_password(demo, name)  # PASSWORD, hashed once per run
    yield app.test_client()


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
    assert "2.5 DHRs × £8,500.00" in body
    site.get("/sign-out")
    sign_in(site, "birmingham-lead")
    assert site.get(f"/regions/{LLR}/pots/{link}").status_code == 404


def test_members_read_the_group_master_plan(site: FlaskClient) -> None:
    sign_in(site, "blaby-lead")
    page = site.get(f"/regions/{LLR}/groups/{LLR}-master-plan")
    assert page.status_code == 200
    body = text(page.data)
    assert "Revisit completed actions to check their impact" in body and "Charnwood" in body
