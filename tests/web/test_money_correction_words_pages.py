"""A correction of shared money to the amount already recorded is refused beside its box in
pounds ("already £2,500.00"), never in pence, as every other refusal on those pages is."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from tests.api.test_shared_money import LLR
from tests.web.conftest import post_form, sign_in
from tests.web.test_zero_amounts_pages import demo, site

__all__ = ["demo", "site"]


def test_an_agreed_contribution_corrected_to_what_it_is_says_so_in_pounds(
    site: FlaskClient,
) -> None:
    sign_in(site, "llr-opcc")
    ledger = site.get(f"/regions/{LLR}/ledger").data.decode()
    found = re.search(rf'href="(/regions/{LLR}/pots/[0-9a-f-]{{36}})"', ledger)
    assert found, "the ledger page links its pots"
    url = f"{found[1]}/corrections/new?year=2015/16"
    same = {"contribution": "blaby|2015/16", "amount": "2,500", "reason": "Checked"}
    page = post_form(site, url, same)
    html = page.data.decode()
    assert page.status_code == 200
    said = "The agreed contribution is already £2,500.00; there is nothing to correct"
    assert said in html and 'id="amount-error"' in html, " ".join(html.split())[-3000:]
    assert "250000" not in html


def test_a_spend_corrected_to_what_it_is_names_its_allocation_not_its_key(
    site: FlaskClient,
) -> None:
    sign_in(site, "llr-opcc")
    ledger = site.get(f"/regions/{LLR}/ledger").data.decode()
    found = re.search(rf'href="(/regions/{LLR}/pots/[0-9a-f-]{{36}})"', ledger)
    assert found, "the ledger page links its pots"
    url = f"{found[1]}/money-corrections/new?year=2015/16"
    form = site.get(url).data.decode()
    spend = re.search(r'<option value="(\d+)">Spent on ([^<]+) on [^<]+: £([\d,.]+)</option>', form)
    assert spend, "the year has a spend to correct"
    same = {"movement": spend[1], "amount": spend[3], "reason": "Checked"}
    html = post_form(site, url, same).data.decode()
    said = f"The amount of the spend on {spend[2]} on "
    assert said in html and "there is nothing to correct" in html, " ".join(html.split())[-3000:]
    assert "chairs-authors" not in html.replace('value="chairs-authors"', "")
