"""Regional read models keep no name an officer typed, not even as an unkeyed hash, fed live
(SQLite + memory broker, PostgreSQL + RabbitMQ).

Before a region has its partner directory an IMR's agency and an action's owner are free text,
and may name a person. The views kept the agency as typed and the owner as a plain SHA-256
prefix, which anyone with the store could reverse by hashing guessed names.
"""

from __future__ import annotations

import uuid
from datetime import date
from hashlib import sha256

from domain.actionplan import Scope
from projections.port import ViewStore
from projections.queries import action_counts, timeliness
from projections.queries.actions import NOT_IN_DIRECTORY
from projections.service import ProjectionService
from tenants.platform import Platform
from tests.projections.support import open_case, wait_caught_up

SURGERY = "Dr Jane Smith's surgery"
OFFICER = "DS Jane Smith"


def everything_stored(views: ViewStore) -> str:
    """Every value of every table of the view store, as one text."""
    tables = sorted(views.table_names())
    with views.reading() as tx:
        return "\n".join(
            repr(row) for table in tables for row in tx.fetchall(f"SELECT * FROM {table}")
        )


def unkeyed(name: str) -> str:
    return sha256(" ".join(name.lower().split()).encode()).hexdigest()[:16]


def test_a_typed_agency_or_owner_is_kept_by_keyed_fingerprint_and_still_named_by_the_directory(
    platform: Platform, service: ProjectionService
) -> None:
    suffix = uuid.uuid4().hex[:6]
    region, slug = f"region-{suffix}", f"csp-{suffix}"
    platform.registry.create_region(region, f"Region {suffix}")
    platform.register_tenant(slug, "Northtown", region)
    with platform.ledgers.lease(slug) as app:  # no partner directory yet: both typed
        rid = open_case(app, "DHR-1", date(2020, 1, 10))
        app.imrs.request(rid, SURGERY, date(2020, 2, 10), date(2020, 3, 1))
        app.imrs.chase(rid, " dr JANE smith's SURGERY ", date(2020, 3, 10))
        rec = app.recommendations.make(
            rid, "R1", "Share risk", Scope.MULTI_AGENCY, date(2020, 4, 1), ["training"], "Police"
        )
        app.actions.plan(rec, OFFICER, "Brief the team", date(2020, 5, 31))
    wait_caught_up(service.views, platform)

    stored = everything_stored(service.views).casefold()
    assert "jane smith" not in stored
    for name in (SURGERY, OFFICER):
        assert unkeyed(name) not in stored
    (imrs,) = timeliness(service.views, region, today=date(2020, 6, 1)).imrs_by_agency
    assert (imrs.key, imrs.label, imrs.requested, imrs.chased) == ("other", "Other", 1, 1)
    (owners,) = action_counts(service.views, region, today=date(2020, 6, 1)).by_owner
    assert (owners.key, owners.label, owners.open) == ("other", "Other", 1)
    assert [(b.key, b.label) for b in owners.bodies] == [("", NOT_IN_DIRECTORY)]

    with platform.region_ledgers.lease(region) as shared:  # set up later: names what was typed
        shared.partners.add("smith-street", "Smith Street Surgery", "health", date(2020, 1, 1))
        shared.partners.map_name(SURGERY, "smith-street", date(2020, 1, 1))
        shared.partners.add("north-police", "North Police", "police", date(2020, 1, 1))
        shared.partners.map_name(OFFICER, "north-police", date(2020, 1, 1))
    wait_caught_up(service.views, platform)

    (imrs,) = timeliness(service.views, region, today=date(2020, 6, 1)).imrs_by_agency
    assert (imrs.key, imrs.label, imrs.requested, imrs.chased) == (
        "smith-street",
        "Smith Street Surgery",
        1,
        1,
    )
    (owners,) = action_counts(service.views, region, today=date(2020, 6, 1)).by_owner
    assert (owners.label, owners.open) == ("Police", 1)
    assert [(b.key, b.label, b.open) for b in owners.bodies] == [
        ("north-police", "North Police", 1)
    ]
