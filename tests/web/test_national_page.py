"""The national analyst's page: the anonymised national export downloaded from a month chosen
in the browser (the API's export: tests/api/test_national_export.py)."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from tenants.platform import Platform
from tenants.users.onboarding import add_user
from tests.web.conftest import PASSWORD, give_password, page_text, post_form


def test_the_national_analyst_downloads_the_export_from_a_month_they_choose(
    visitor: FlaskClient, platform: Platform, unique: Callable[[str], str]
) -> None:
    name = unique("national")
    add_user(platform, name, "national_analyst", (), ())
    give_password(platform, name)
    landed = post_form(visitor, "/", {"username": name, "password": PASSWORD})
    assert landed.headers["Location"].endswith("/national-learning")
    page = page_text(visitor.get("/national-learning").data)
    assert "fewer than 5 cases is left empty" in page

    got = visitor.get("/national-learning?month=4&year=2016&format=csv")
    assert got.status_code == 200 and got.mimetype == "text/csv"
    assert 'filename="national-learning-from-2016-04.csv"' in got.headers["Content-Disposition"]
    assert got.data.decode().splitlines()[0].startswith("table,")
    as_json = visitor.get("/national-learning?month=4&year=2016&format=json")
    assert as_json.status_code == 200 and b'"since": "2016-04"' in as_json.data

    wrong = visitor.get("/national-learning?month=13&year=1999&format=csv")
    assert wrong.status_code == 400 and wrong.mimetype == "text/html"
    said = page_text(wrong.data)
    assert "Select the month the counts start from" in said and "Select a year from 2011" in said
