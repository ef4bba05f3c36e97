"""A first-time officer recording a Domestic Homicide Review: what each page tells them at the
points a walk-through found them stuck (a fact to change, a submission not yet possible, IMRs
still awaited, the action just planned, an example date)."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from api.web.fields import DATE_EXAMPLE
from tests.web.conftest import People, csrf, page_text, sign_in


def test_the_notify_pages_hints_give_the_example_date_its_error_gives(
    visitor: FlaskClient, people: People
) -> None:
    """A hint saying "3 4 2017" above an error saying "27 3 2017" made the officer wonder
    which form the date should take: one example, everywhere."""
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/new"
    page = page_text(visitor.get(url).data)
    hints = re.findall(r"For example, (\d+ \d+ \d+)", page)
    assert hints == [DATE_EXAMPLE, DATE_EXAMPLE]  # the death's date and the notification's
    sent = {
        "csrf_token": csrf(visitor.get(url).data),
        "reference": "NT-EX",
        "pseudonym": "Jo",
        "kind": "dhr",
        "death_category": "intimate_partner_homicide",
        "incident_on": ["", "", ""],
        "notified_on": ["", "", ""],
    }
    refused = page_text(visitor.post(url, data=sent).data)
    assert f"Enter the date of the notification, for example {DATE_EXAMPLE}" in refused
    assert set(re.findall(r"for example (\d+ \d+ \d+)", refused, re.I)) == {DATE_EXAMPLE}
