"""The demo's real answers, read through HTTP, match the OpenAPI document that describes them.

A client generated from the document trusts it: a date the document declares a string but
the answer sends as null (a pause still running, an IMR not yet received, an entry with no
time of day) breaks that client on exactly the cases that matter most.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from flask import Flask

from api.app import create_app
from tenants.platform import Platform
from tenants.users.onboarding import add_user
from tests.api.test_shared_money import LLR, Api, demo

__all__ = ["demo"]
TENANT = "charnwood"


def _as_json_schema(node: Any) -> Any:
    """OpenAPI 3.0's ``nullable`` as JSON Schema's ``null`` type, references into ``$defs``."""
    if isinstance(node, list):
        return [_as_json_schema(n) for n in node]
    if not isinstance(node, dict):
        return node
    node = {key: _as_json_schema(value) for key, value in node.items()}
    if "$ref" in node:
        node["$ref"] = node["$ref"].replace("#/components/schemas/", "#/$defs/")
    if node.pop("nullable", False):
        if isinstance(node.get("type"), str):
            node["type"] = [node["type"], "null"]
        else:
            node = {"anyOf": [node, {"type": "null"}]}
    return node


class Checked:
    """Reads addresses as one user and notes where an answer leaves its documented schema."""

    def __init__(self, app: Flask, api: Api) -> None:
        self.api = api
        spec = app.test_client().get("/api/v1/openapi.json").get_json()
        self.paths = spec["paths"]
        self.defs = _as_json_schema(spec["components"]["schemas"])
        self.broken: set[tuple[str, str, str]] = set()

    def read(self, template: str, who: str, **names: str) -> Any:
        path = template.format(**names)
        body = self.api.get(path, who)
        documented = self.paths[template]["get"]["responses"]["200"]
        schema = _as_json_schema(documented["content"]["application/json"]["schema"])
        validator = jsonschema.Draft202012Validator({**schema, "$defs": self.defs})
        for error in validator.iter_errors(body):
            where = re.sub(r"/\d+", "/N", "/" + "/".join(map(str, error.absolute_path)))
            self.broken.add((template, where, error.message))
        return body


@pytest.fixture
def checked(demo: Platform) -> Iterator[Checked]:
    app = create_app({"PLATFORM": demo, "TESTING": True})
    api = Api(app, demo)
    api.user("charnwood-officer", "csp_officer", tenant=TENANT)
    api.user("leics-analyst", "regional_lead", region=LLR)
    add_user(demo, "leics-police", "agency_contributor", (), (LLR,), agency="leicestershire-police")
    api.tokens["leics-police"] = demo.access.issue_token("leics-police").secret
    api.views()
    yield Checked(app, api)
    views = app.extensions.get("ledger.views")
    if views is not None:
        views.close()


def test_the_demos_cases_actions_money_and_views_match_their_documented_schemas(
    checked: Checked,
) -> None:
    t, officer = "/api/v1/tenants/{tenant}", "charnwood-officer"
    reviews = checked.read(t + "/reviews", officer, tenant=TENANT)
    open_pauses = 0
    for review in reviews:
        names = {"tenant": TENANT, "review": review["id"]}
        case = checked.read(t + "/reviews/{review}", officer, **names)
        for suffix in ("/timeliness", "/chronology", "/recommendations"):
            answer = checked.read(t + "/reviews/{review}" + suffix, officer, **names)
            if suffix != "/recommendations":
                continue
            for rec in answer:
                names["recommendation"] = rec["id"]
                for action in checked.read(
                    t + "/recommendations/{recommendation}/actions", officer, **names
                ):
                    checked.read(t + "/actions/{action}", officer, **names, action=action["id"])
        open_pauses += sum(1 for pause in case["pauses"] if pause["resumed_on"] is None)
    assert open_pauses, "the demo has a case paused now: the answer the document must allow"
    checked.read(t + "/action-plan", officer, tenant=TENANT)
    checked.read(t + "/funding/budgets", officer, tenant=TENANT)
    r, analyst = "/api/v1/regions/{region}", "leics-analyst"
    for view in ("dhr-counts", "timeliness", "themes", "actions", "money", "demand"):
        checked.read(r + "/views/" + view, analyst, region=LLR)
    for pool in checked.read(r + "/pooled-budgets", analyst, region=LLR):
        checked.read(r + "/pooled-budgets/{pool}", analyst, region=LLR, pool=pool["budget_id"])
        checked.read(
            r + "/pooled-budgets/{pool}/spend", analyst, region=LLR, pool=pool["budget_id"]
        )
    checked.read(r + "/agency-work", "leics-police", region=LLR)
    assert not sorted(checked.broken)
