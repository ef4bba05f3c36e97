"""The API's records keep an action's owner as recorded (a directory key, or free text from
before the directory); the plan's ``?owner=`` also takes the body's name."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

from flask.testing import FlaskClient

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
