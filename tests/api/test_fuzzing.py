"""Fuzzing the API against its own OpenAPI document (schemathesis), on both stores and as
several roles: no request, valid or not, gets a 5xx, and no response departs from what the
document says (status, media type, body schema).

Examples per operation are few and derandomised, so the run is bounded and repeatable; the
path's tenant and region are the test world's, so requests get past the 404 of a stranger
into validation and the domain.

Being derandomised, generation draws the very same requests for the second store as for the
first (only the fixed tenant, region and token differ), and drawing them costs more than
answering them: so the first store's run keeps what it drew, operation by operation, and the
second sends those same requests again with its own tenant, region and token.
"""

from __future__ import annotations

import copy
import itertools
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core import NOT_SET
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.policy import ROLES, Permission
from tenants.platform import Platform
from tenants.users import Role
from tenants.users.onboarding import add_user
from tests.api.conftest import World

EXAMPLES = {GenerationMode.POSITIVE: 3, GenerationMode.NEGATIVE: 2}
WHO = {
    Role.CSP_LEAD: "lead",
    Role.CSP_OFFICER: "officer",
    Role.REGIONAL_LEAD: "regional",
    Role.PLATFORM_ADMIN: "admin",
    Role.AUDITOR: "auditor",
    Role.PCC_OFFICER: "pcc",
    Role.NATIONAL_ANALYST: "national",
    Role.RESEARCHER: "researcher",
    Role.AGENCY_CONTRIBUTOR: "agency",
}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# both stores in one process, so the second replays what the first drew (see above)
pytestmark = pytest.mark.xdist_group("tests/api/test_fuzzing.py")
# (operation, mode): the requests its run sent, or None when none could be drawn
DRAWN: dict[tuple[str, str], list[dict[str, Any]] | None] = {}


def test_fuzzed_requests_get_no_server_error_and_only_documented_answers(
    app: Flask, world: World, platform: Platform, agency_users: dict[str, str]
) -> None:
    world.tokens["agency"] = agency_users["agency"]  # a partner agency's user, in the tenant
    extra = {  # roles the shared world has no user for
        "pcc": (Role.PCC_OFFICER, (world.region,)),  # OPCC staff write the region's own ledger
        "national": (Role.NATIONAL_ANALYST, ()),
        "researcher": (Role.RESEARCHER, ()),
    }
    for who, (role, regions) in extra.items():
        name = f"{who}-{world.region}"
        add_user(platform, name, role.value, (), regions)
        world.tokens[who] = platform.access.issue_token(name).secret
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    turns = itertools.count()
    failures: list[str] = []
    operations = 0
    seen: list[int] = []  # the status of every answer
    for result in schema.get_all_operations():
        operation = result.ok()  # type: ignore[union-attr]  # an invalid schema fails here
        operations += 1
        fixed = {
            name: value
            for name, value in (("tenant", world.tenant), ("region", world.region))
            if "{" + name + "}" in operation.path
        }
        for mode, examples in EXAMPLES.items():
            if mode == GenerationMode.NEGATIVE and not _takes_input(operation):
                continue  # nothing but fixed path and headers: no invalid request to make
            allowed = _roles(app, operation.method, operation.path, fixed)
            who = allowed[next(turns) % len(allowed)]
            auth = {"Authorization": f"Bearer {world.tokens[who]}"}
            key = (operation.label, mode.value)
            try:
                if key in DRAWN:  # drawn for the other store: the same requests, ours
                    _replay(operation, DRAWN[key] or [], fixed, auth, seen)
                    continue
                strategy = operation.as_strategy(
                    generation_mode=mode, path_parameters=fixed, headers=auth
                )
                sent: list[dict[str, Any]] = []
                _fuzz(strategy, examples, seen, sent)
                DRAWN[key] = sent
            except Unsatisfiable:
                DRAWN[key] = None
                continue  # every invalid request of this operation is one we fix (path, auth)
            except Exception as e:  # noqa: BLE001 - collected, so one run reports them all
                failures.append(f"{operation.label} ({mode.value}, as {who}): {e}"[:2000])
    assert operations > 100 and len(seen) > 2 * operations
    assert sum(1 for status in seen if status < 300) > operations / 4  # not all refusals
    assert not failures, "\n\n".join(failures)


def _roles(app: Flask, method: str, path: str, fixed: dict[str, str]) -> list[str]:
    """The test world's users whose role may call this operation (each, in turn, calls it)."""
    sample = path.format_map(_Anything(fixed))
    endpoint, _ = app.url_map.bind("localhost").match(sample, method.upper())
    permission = getattr(app.view_functions[endpoint], "permission", Permission.SIGNED_IN)
    roles = ROLES.get(permission, frozenset(Role))
    return sorted(WHO[r] for r in roles)


class _Anything(dict[str, str]):
    """A value each path parameter's converter accepts: numbers for numbers, else a UUID
    (which also passes as a plain string)."""

    def __missing__(self, key: str) -> str:
        return "1" if key in ("number", "version") else "00000000-0000-4000-8000-000000000000"


def _takes_input(operation: Any) -> bool:
    return bool(len(operation.body)) or bool(len(operation.query))


def _fuzz(strategy: Any, examples: int, seen: list[int], sent: list[dict[str, Any]]) -> None:
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
    )
    @given(case=strategy)
    def run(case: Any) -> None:
        sent.append(_parts(case))
        response = case.call_and_validate(checks=CHECKS)
        seen.append(response.status_code)

    run()


def _parts(case: Any) -> dict[str, Any]:
    """What makes the request (copied before sending it, which may add to it)."""
    return _copied(
        {
            "method": case.method,
            "path_parameters": case.path_parameters,
            "headers": dict(case.headers),
            "cookies": case.cookies,
            "query": case.query,
            "body": case.body,
            "media_type": case.media_type,
            "multipart_content_types": case.multipart_content_types,
            "_meta": case._meta,
        }
    )


def _copied(parts: dict[str, Any]) -> dict[str, Any]:
    """A deep copy that keeps schemathesis's "no body" marker the marker it checks by identity."""
    return copy.deepcopy(parts, {id(NOT_SET): NOT_SET})


def _replay(
    operation: Any,
    drawn: list[dict[str, Any]],
    fixed: dict[str, str],
    auth: dict[str, str],
    seen: list[int],
) -> None:
    """Send the requests drawn for the other store, with this store's tenant, region and
    token, through the same checks; every failure is reported, as a generated run would."""
    problems = []
    for parts in drawn:
        parts = _copied(parts)
        parts["path_parameters"] = {**parts["path_parameters"], **fixed}
        parts["headers"] = {**parts["headers"], **auth}
        case = operation.Case(**parts)
        try:
            response = case.call_and_validate(checks=CHECKS)
        except Exception as e:  # noqa: BLE001 - collected, so one run reports them all
            problems.append(f"{e}")
            continue
        seen.append(response.status_code)
    if problems:
        raise AssertionError("\n".join(problems))
