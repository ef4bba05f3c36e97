"""The API's records keep an action's owner as recorded (a directory key, or free text from
before the directory); the plan's ``?owner=`` also takes the body's name, and a download of a
recommendation's actions names the owner as the plan's downloads do."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from uuid import UUID

from flask.testing import FlaskClient
from openpyxl import load_workbook

from domain.actionplan import Scope
from domain.recording import acting_as
from tenants.platform import Platform
from tests.api.conftest import World, body

HOUSING, HOUSING_NAME = "mid-housing", "Midshire Housing"
FREE_TEXT = "Mental Health Trust"


def recommendation_with_owners(platform: Platform, world: World) -> UUID:
    """Actions owned by the housing body under its key, its name and an alias, and one by a
    trust the directory does not know."""
    with platform.region_ledgers.lease(world.region) as region:
        region.partners.add(HOUSING, HOUSING_NAME, "housing", date(2015, 4, 1))
        region.partners.map_name("Housing Dept", HOUSING, date(2015, 4, 1))
    with acting_as("system"), platform.ledgers.lease(world.tenant) as ledger:
        review = ledger.reviews.notify(
            "OWN-9", date(2024, 2, 1), date(2024, 2, 5), "Mary", "dhr", "unexpected_death"
        )
        rec = ledger.recommendations.make(
            review,
            "1",
            "House the family.",
            Scope.MULTI_AGENCY,
            date(2024, 5, 1),
            ["training"],
            target_sector="housing",
        )
        for owner, what in (
            (HOUSING, "Rehouse the family first."),
            (HOUSING_NAME, "Audit tenancy checks."),
            ("Housing Dept", "Train housing officers."),
            (FREE_TEXT, "Share risk plans."),
        ):
            ledger.actions.plan(rec, owner, what, date(2030, 1, 31))
    return rec


def test_the_plans_owner_filter_takes_the_bodys_name_as_well_as_what_was_recorded(
    client: FlaskClient, world: World, platform: Platform
) -> None:
    recommendation_with_owners(platform, world)
    plan = f"/api/v1/tenants/{world.tenant}/action-plan"

    def owners(asked: str, path: str = plan) -> list[str]:
        got = client.get(path, query_string={"owner": asked}, headers=world.auth("officer"))
        return sorted(line["owner"] for line in body(got))

    every_housing = sorted([HOUSING, HOUSING_NAME, "Housing Dept"])
    for asked in (HOUSING_NAME, "midshire housing", HOUSING, "Housing Dept"):
        assert owners(asked) == every_housing, asked
    assert owners(FREE_TEXT.upper()) == [FREE_TEXT]  # as recorded, any case: as it always was
    assert owners("Nobody") == []
    as_recorded = client.get(
        f"{plan}/as-recorded",
        query_string={"at": datetime.now(UTC).isoformat(), "owner": HOUSING_NAME},
        headers=world.auth("auditor"),
    )
    assert sorted(line["owner"] for line in body(as_recorded)) == every_housing


def test_a_recommendations_actions_download_names_the_owner_and_the_json_keeps_it(
    client: FlaskClient, world: World, platform: Platform
) -> None:
    rec = recommendation_with_owners(platform, world)
    actions = f"/api/v1/tenants/{world.tenant}/recommendations/{rec}/actions"
    stored = body(client.get(actions, headers=world.auth("officer")))
    assert sorted(a["owner"] for a in stored) == sorted(
        [HOUSING, HOUSING_NAME, "Housing Dept", FREE_TEXT]
    )
    table = client.get(actions, headers={**world.auth("officer"), "Accept": "text/csv"})
    rows = list(csv.DictReader(io.StringIO(table.data.decode("utf-8-sig"))))
    owners = {row["Action"]: row["Owner agency"] for row in rows}
    assert owners == {
        "Rehouse the family first.": HOUSING_NAME,
        "Audit tenancy checks.": HOUSING_NAME,
        "Train housing officers.": HOUSING_NAME,
        "Share risk plans.": FREE_TEXT,
    }
    book = client.get(f"{actions}?format=xlsx", headers=world.auth("officer"))
    sheet = load_workbook(io.BytesIO(book.data)).worksheets[0]
    column = [c.value for c in sheet[1]].index("Owner agency")
    assert {row[column] for row in sheet.iter_rows(min_row=2, values_only=True)} == {
        HOUSING_NAME,
        FREE_TEXT,
    }
