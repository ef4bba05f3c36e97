"""For every route, every role, on its own tenant/region and on another: allowed, 403 or a 404
that reveals nothing. "Allowed" means the guard let the request through (the use case may then
still refuse the empty body with 422, or an unknown id with its own 404)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api.auth import HIDDEN
from api.policy import Permission
from tests.api.conftest import World
from tests.conftest import fresh_database

A, F, H = "allowed", 403, 404
WHO = (
    "officer",
    "lead",
    "neighbour_officer",
    "stranger_lead",
    "regional",
    "other_regional",
    "auditor",
    "region_auditor",
    "other_auditor",
    "admin",
)
CASE_READ = (A, A, H, H, F, H, A, A, H, F)
EXPECTED: dict[Permission, tuple[Any, ...]] = {
    Permission.SIGNED_IN: (A,) * 10,
    Permission.ADMIN: (F,) * 9 + (A,),
    Permission.CASE_READ: CASE_READ,
    Permission.HISTORY: CASE_READ,
    Permission.CASE_RECORD: (A, A, H, H, F, H, F, F, H, F),
    Permission.CASE_SIGN_OFF: (F, A, H, H, F, H, F, F, H, F),
    Permission.REGION_VIEW: (F, F, F, H, A, H, H, A, H, F),
    Permission.TENANT_SETTINGS: (F, A, H, H, F, H, F, F, H, F),
    Permission.AUDIT_LOG: (F, F, H, H, F, H, A, A, H, A),
    Permission.REFERENCE_READ: (A, A, H, H, A, H, A, A, H, A),
    Permission.NATIONAL_EXPORT: (F,) * 10,  # only the national_analyst (not in this world)
    Permission.RESEARCH_EXTRACT: (F,) * 10,  # only a researcher (not in this world)
    Permission.PERSONAL_DATA: (A, A, H, H, F, H, F, F, H, F),
    Permission.PERSONAL_DATA_ERASE: (F, A, H, H, F, H, F, F, H, F),
    Permission.CORRECT: (F, A, H, H, F, H, F, F, H, F),
    Permission.PEOPLE: (F, A, H, H, F, H, F, F, H, F),  # the lead: tests/api/test_people.py
    Permission.AUDIT_EXPORT: (F, F, H, H, F, H, A, A, H, F),
    Permission.AGENCY_WORK: (F, F, H, H, F, H, F, F, H, F),  # agency users only (below)
}
# Permissions used on region routes: a CSP's own region is in its scope; an auditor's region
# grants are its only region scope.
ON_REGION: dict[Permission, tuple[Any, ...]] = {
    **EXPECTED,
    Permission.REFERENCE_READ: (A, A, A, H, A, H, H, A, H, A),
    Permission.REFERENCE_MANAGE: (F, F, F, H, A, H, H, F, H, A),
    Permission.AUDIT_LOG: (F, F, F, H, F, H, H, A, H, A),
    # A region's own ledger: partnerships of the region may read what they share (the view
    # then checks they pay in or belong); only OPCC staff (no such user here) may write.
    Permission.SHARED_READ: (A, A, A, H, A, H, H, A, H, F),
    Permission.REGION_LEDGER_READ: (F, F, F, H, A, H, H, A, H, F),
    Permission.REGION_LEDGER_WRITE: (F, F, F, H, F, H, H, F, H, F),
    Permission.SHARED_RECORD: (A, A, A, H, F, H, H, F, H, F),
    Permission.RESEARCH_AGREEMENT: (F, F, F, H, A, H, H, F, H, F),
    Permission.AGENCY_WORK: (F, F, F, H, F, H, H, F, H, F),
}


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A database of its own: the regional and audit routes read everything their store holds,
    and the session's shared database holds every earlier test's tenants, which made the matrix
    on PostgreSQL seven times slower than alone (23 s of CPU instead of 3 s) and order-dependent."""
    with fresh_database("ledger_matrix") as url:
        yield url


def expected_for(rule: str, permission: Permission) -> tuple[Any, ...]:
    return ON_REGION[permission] if "<region>" in rule else EXPECTED[permission]


def routes(app: Flask) -> list[tuple[str, str, Permission]]:
    found = []
    for rule in app.url_map.iter_rules():
        permission = getattr(app.view_functions[rule.endpoint], "permission", None)
        if permission in (None, Permission.PUBLIC) or not rule.rule.startswith("/api/"):
            continue  # pages answer a session, not a token: tests/web checks their access
        found += [
            (rule.rule, m, permission) for m in sorted(rule.methods or ()) if m in ("GET", "POST")
        ]
    return found


def fill(rule: str, world: World, review_id: str) -> str:
    known = {
        "tenant": world.tenant,
        "region": world.region,
        "review": review_id,
        "name": "nobody-here",
        "number": "1",
        "version": "1",
        "sha256": "0" * 64,
    }
    return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: known.get(m.group(1), str(uuid.uuid4())), rule)


def outcome(response: Any) -> Any:
    if response.status_code == 403:
        return F
    if response.status_code == 404 and response.get_json().get("detail") == HIDDEN:
        return H
    assert response.status_code not in (401, 500), response.get_json()
    return A


def a_review(client: FlaskClient, world: World) -> str:
    r = client.post(
        f"/api/v1/tenants/{world.tenant}/reviews",
        headers=world.auth("officer"),
        json={
            "reference": "M-1",
            "incident_on": "2016-01-01",
            "notified_on": "2016-01-05",
            "pseudonym": "FN",
            "kind": "dhr",
            "death_category": "familial_homicide",
        },
    )
    assert r.status_code == 201, r.get_json()
    return str(r.get_json()["id"])


def test_every_route_answers_each_role_as_the_policy_says(
    app: Flask, client: FlaskClient, world: World
) -> None:
    review_id = a_review(client, world)
    wrong, checked = [], routes(app)
    assert len(checked) > 30
    assert {p for _, _, p in checked} >= set(Permission) - {Permission.PUBLIC}
    for rule, method, permission in checked:
        path = fill(rule, world, review_id)
        for who, expected in zip(WHO, expected_for(rule, permission), strict=True):
            response = client.open(
                path, method=method, json={} if method == "POST" else None, headers=world.auth(who)
            )
            if (got := outcome(response)) != expected:
                wrong.append(f"{method} {rule} as {who}: expected {expected}, got {got}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_404_never_reveals_whether_another_tenants_case_exists(
    client: FlaskClient, world: World, method: str
) -> None:
    existing = a_review(client, world)
    paths = [
        f"/api/v1/tenants/{world.tenant}/reviews/{existing}",
        f"/api/v1/tenants/{world.tenant}/reviews/{uuid.uuid4()}",
        f"/api/v1/tenants/no-such-tenant/reviews/{uuid.uuid4()}",
    ]
    if method == "POST":
        paths = [p + "/decision" for p in paths]
    answers = []
    for path in paths:
        r = client.open(
            path,
            method=method,
            json={} if method == "POST" else None,
            headers=world.auth("stranger_lead"),
        )
        body = r.get_json()
        body.pop("instance")
        body.pop("request_id")  # differs per request by design
        answers.append((r.status_code, body, sorted(r.headers.keys())))
    assert answers[0] == answers[1] == answers[2] and answers[0][0] == 404


def test_every_auditor_read_is_itself_recorded(platform, client: FlaskClient, world: World) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from tenants.users.reads import AuditReadLog

    me = client.get("/api/v1/me", headers=world.auth("auditor")).get_json()
    assert (
        client.get(
            f"/api/v1/tenants/{world.tenant}/reviews", headers=world.auth("auditor")
        ).status_code
        == 200
    )
    log = platform.access.repository.get(AuditReadLog.create_id(uuid.UUID(me["id"]), date.today()))
    assert log.reads == 1
    events = list(platform.access.events.get(log.id))
    assert events[-1].path == f"/api/v1/tenants/{world.tenant}/reviews"
    assert events[-1].recorded_by == me["id"]


# An agency user (one partner agency, in one tenant or one region) reaches its own agency's
# routes and "who am I"; every other route in its scope is 403, and outside it 404.
AGENCY_ALLOWED = frozenset({Permission.SIGNED_IN, Permission.AGENCY_WORK})


def agency_expected(permission: Permission, in_scope: bool) -> Any:
    if permission == Permission.SIGNED_IN:
        return A
    if permission == Permission.ADMIN:
        return F
    if not in_scope:
        return H
    return A if permission in AGENCY_ALLOWED else F


def test_an_agency_user_reaches_its_agency_routes_and_nothing_else(
    app: Flask, client: FlaskClient, world: World, agency_users: dict[str, str]
) -> None:
    review_id = a_review(client, world)
    wrong = []
    for rule, method, permission in routes(app):
        scoped = "<tenant>" in rule or "<region>" in rule
        for where, world_of in (("own", world), ("far", _far(world))):
            path = fill(rule, world_of, review_id)
            for who, secret in agency_users.items():
                response = client.open(
                    path,
                    method=method,
                    json={} if method == "POST" else None,
                    headers={"Authorization": f"Bearer {secret}"},
                )
                expected = agency_expected(permission, where == "own" or not scoped)
                if (got := outcome(response)) != expected:
                    wrong.append(
                        f"{method} {rule} ({where}) as {who}: expected {expected}, got {got}"
                    )
    assert not wrong, "\n".join(wrong)


def _far(world: World) -> World:
    return World(world.other_region, world.region, world.stranger, world.stranger, world.tenant)
