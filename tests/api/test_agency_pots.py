"""A body that pays into a pot reads it through the agency work API, on each store, as its
agency work page shows it: Leicestershire Police's agency user lists the region's pots it is a
partner of and reads each one's year (its own part, what is left, what the pot paid for
reviews by partnership as amounts), every figure the region's own statement's and the page's
for the same year; a pot it does not pay into and another region's are "not found". Every
other role's answer on these routes: test_role_matrix.py."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import jsonschema
from flask.testing import FlaskClient

from domain.calendar import uk_today
from domain.funding import FinancialYear
from domain.recording import acting_as
from tenants.users.onboarding import add_user
from tests.api.test_response_schemas import _as_json_schema
from tests.api.test_shared_money import LLR, WM, Api, api, demo
from tests.web.conftest import give_password, sign_in, site_with

__all__ = ["api", "demo"]
POLICE = "leicestershire-police"
POTS = f"/api/v1/regions/{LLR}/agency-work/pots"


def undocumented_at(client: FlaskClient, path: str, method: str, answer: Any) -> list[str]:
    """Where ``answer`` leaves the schema the OpenAPI document gives ``path``'s 200."""
    spec = client.get("/api/v1/openapi.json").get_json()
    documented = spec["paths"][f"/api/v1{path}"][method]["responses"]["200"]
    schema = _as_json_schema(documented["content"]["application/json"]["schema"])
    defs = _as_json_schema(spec["components"]["schemas"])
    validator = jsonschema.Draft202012Validator({**schema, "$defs": defs})
    return [error.message for error in validator.iter_errors(answer)]


def agency_user(api: Api, name: str, region: str, agency: str) -> str:
    add_user(api.platform, name, "agency_contributor", (), (region,), agency=agency)
    api.tokens[name] = api.platform.access.issue_token(name).secret
    return name


def pounds(pence: int) -> str:
    return f"£{pence // 100:,}.{pence % 100:02d}"


def page_part(api: Api, pool: str, year: str) -> list[str]:
    """The "our part" figures the police's agency work page shows for ``year``."""
    give_password(api.platform, "llr-police")
    with site_with(api.platform, []) as site:
        sign_in(site, "llr-police")
        page = site.get(f"/regions/{LLR}/agency-work/pots/{pool}?year={year}")
        assert page.status_code == 200
    ours = " ".join(page.data.decode().split()).split('id="our-part"')[1].split("</dl>")[0]
    return re.findall(r"£[\d,]+\.\d\d", ours)


def test_the_police_read_the_pots_they_pay_into_as_their_page_and_the_region_read_them(
    api: Api,
) -> None:
    """Their page showed the figures only to a person: their finance system can now fetch
    them, the same figures, in pence."""
    with acting_as("test"), api.platform.region_ledgers.lease(LLR) as region:
        other = region.pooled.open("county-only", "County training", "County", date(2015, 4, 1))
        region.pooled.add_partner(other, "leicestershire-county-council", "", date(2015, 4, 1))
    police = agency_user(api, "llr-police", LLR, POLICE)
    (pot,) = api.get(POTS, police)  # the pot it pays into, not the county's
    assert set(pot) == {"id", "name", "region", "manager"}
    assert (pot["name"], pot["region"]) == ("Leicestershire & Rutland DHR budget", LLR)
    region_pot = f"/api/v1/regions/{LLR}/pooled-budgets/{pot['id']}"
    assert pot["manager"] == api.get(region_pot, "leics-opcc")["manager"]
    assert not undocumented_at(api.client, "/regions/{region}/agency-work/pots", "get", [pot])

    for year in ("2015/16", "2016/17"):
        read = api.get(f"{POTS}/{pot['id']}?year={year}", police)
        assert not undocumented_at(
            api.client, "/regions/{region}/agency-work/pots/{pool}", "get", read
        )
        both = api.get(f"{region_pot}/statement?year={year}", "leics-opcc")
        (line,) = [p for p in both["partners"] if p["partner"] == POLICE]
        (owes,) = [p for p in both["accruals"]["partners"] if p["partner"] == POLICE]
        assert {k: read[k] for k in pot} == pot
        assert (read["year"], read["partner"]) == (year, POLICE)
        assert read["own_part"] == {
            "agreed": line["agreed"],
            "not_drawn_down": line["not_drawn_down"],
            "due": owes["due_for_year"],
            "paid": owes["received_for_year"],
            "owed": owes["owed_at_year_end"],
        }
        assert read["left_in_pot_cash"] == both["closing_reserve_cash"]
        assert read["left_in_pot_accruals"] == both["closing_reserve_accruals"]
        own = read["own_part"]
        figures = [own[k] for k in ("agreed", "not_drawn_down", "due", "paid", "owed")]
        left = [read["left_in_pot_cash"], read["left_in_pot_accruals"]]
        assert page_part(api, pot["id"], year) == [pounds(p) for p in figures + left]
        spent = sum(s["pence"] for s in read["review_spend"])
        assert spent == sum(
            m["amount"]
            for m in api.get(f"{region_pot}/spend", "leics-opcc")
            if FinancialYear.of(date.fromisoformat(m["on"])).label == year and m["review_id"]
        )
    early = api.get(f"{POTS}/{pot['id']}?year=2015/16", police)
    assert early["own_part"]["agreed"] == 1_600_000 and early["review_spend"] == []
    assert (early["left_in_pot_cash"], early["left_in_pot_accruals"]) == (2_550_000, 2_300_000)
    later = api.get(f"{POTS}/{pot['id']}?year=2016/17", police)
    assert later["review_spend"] == [
        {
            "partnership": "charnwood",
            "partnership_name": "Charnwood",
            "reviews": 1,
            "pence": 850_000,
        }
    ]
    this_year = api.get(f"{POTS}/{pot['id']}", police)
    assert this_year["year"] == FinancialYear.of(uk_today()).label

    api.get(f"{POTS}/{other}", police, status=404)  # a pot it does not pay into
    api.get(f"{POTS}/{pot['id']}?year=2016/18", police, status=422)
    swanswell = agency_user(api, "llr-swanswell", LLR, "swanswell")
    assert api.get(POTS, swanswell) == []
    api.get(f"{POTS}/{pot['id']}", swanswell, status=404)
    wm_police = agency_user(api, "wm-police", WM, "west-midlands-police")
    api.get(f"/api/v1/regions/{WM}/agency-work/pots/{pot['id']}", wm_police, status=404)
    api.get(f"{POTS}/{pot['id']}", wm_police, status=404)  # not its region
    for who in ("leics-opcc", "leics-analyst", "blaby-lead"):
        api.get(POTS, who, status=403)
        api.get(f"{POTS}/{pot['id']}", who, status=403)
