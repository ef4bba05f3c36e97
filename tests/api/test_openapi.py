"""The OpenAPI document covers every route and is a valid OpenAPI 3 document, and written
when first read it is the document flask-smorest writes while the app is built."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_smorest import Api
from openapi_spec_validator import validate

from api.app import LedgerApi, create_app
from api.policy import Permission
from domain.reviews.checks import NOTE
from tenants.platform import Platform

OUTSIDE_THE_DOCUMENT = {"/api/v1/openapi.json", "/api/v1/docs"}


def api_routes(app: Flask) -> list[tuple[str, str]]:
    found = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1") or rule.rule in OUTSIDE_THE_DOCUMENT:
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        found += [(path, m.lower()) for m in rule.methods or () if m not in ("HEAD", "OPTIONS")]
    return found


def test_every_route_is_documented_and_the_document_validates(
    app: Flask, client: FlaskClient
) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    validate(spec)
    routes = api_routes(app)
    assert routes
    missing = [(p, m) for p, m in routes if m not in spec["paths"].get(p, {})]
    assert not missing


def test_every_operation_has_a_summary(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    unsummarised = [
        (p, m)
        for p, ops in spec["paths"].items()
        for m, op in ops.items()
        if m != "parameters" and not op.get("summary")
    ]
    assert not unsummarised


def test_every_route_declares_who_may_use_it(app: Flask) -> None:
    undeclared = [
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        and not rule.endpoint.startswith("api-docs.")
        and not isinstance(
            getattr(app.view_functions[rule.endpoint], "permission", None), Permission
        )
    ]
    assert not undeclared


def test_the_docs_page_needs_nothing_from_the_internet(client: FlaskClient) -> None:
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert "/api/v1/openapi.json" in page and "https://" not in page and "http://" not in page


def test_every_schema_has_a_name_of_its_own(client: FlaskClient) -> None:
    """Two schema classes of one name get numbered by apispec ("ContactIn1"), which tells an
    integrator nothing; each is named for what it is instead."""
    names = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    assert len(names) > 50
    assert not [name for name in names if re.search(r"\d$", name)]


def test_the_document_written_when_first_read_is_the_one_written_while_building(
    client: FlaskClient, platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    later = client.get("/api/v1/openapi.json")
    monkeypatch.setattr(LedgerApi, "register_blueprint", Api.register_blueprint)
    at_once = create_app({"PLATFORM": platform, "TESTING": True}).test_client()
    assert later.data == at_once.get("/api/v1/openapi.json").data  # byte for byte, in order


def test_every_command_that_needs_if_match_documents_its_missing_and_stale_answers(
    client: FlaskClient,
) -> None:
    """A client told If-Match is required must also be told what 428 (missing) and 412 (stale)
    mean, or it cannot tell "read it again" from a failure."""
    spec = client.get("/api/v1/openapi.json").get_json()
    guarded = [
        (path, method, op)
        for path, ops in spec["paths"].items()
        for method, op in ops.items()
        if method != "parameters"
        and any(p.get("name") == "If-Match" for p in op.get("parameters", []))
    ]
    assert ("/api/v1/tenants/{tenant}/name", "post") in [(p, m) for p, m, _ in guarded]
    undocumented = [(p, m) for p, m, op in guarded if not {"412", "428"} <= set(op["responses"])]
    assert not undocumented


def test_every_query_parameter_an_address_reads_is_documented_with_whether_it_is_required(
    app: Flask, client: FlaskClient
) -> None:
    """A hand-written parameter list (a board paper's ``format``) replaced the one the query
    schema writes: a pooled budget's paper needed ``year`` and the document never said so."""
    spec = client.get("/api/v1/openapi.json").get_json()
    read: dict[tuple[str, str], dict[str, bool]] = {}
    for rule in app.url_map.iter_rules():
        doc = getattr(app.view_functions[rule.endpoint], "_apidoc", {})
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for argument in doc.get("arguments", {}).get("parameters", []):
            if argument.get("in") != "query":
                continue
            schema = argument["schema"]
            schema = schema() if isinstance(schema, type) else schema
            for method in rule.methods or ():
                if method.lower() in spec["paths"].get(path, {}):
                    read[path, method.lower()] = {
                        field.data_key or name: field.required
                        for name, field in schema.fields.items()
                        if not field.dump_only
                    }
    assert ("/api/v1/regions/{region}/reports/pooled-budgets/{budget}", "get") in read
    wrong = {}
    for (path, method), fields in read.items():
        op = spec["paths"][path][method]
        documented = {
            p["name"]: p.get("required", False)
            for p in op.get("parameters", [])
            if p["in"] == "query"
        }
        if (
            any(documented.get(n) is not r for n, r in fields.items())
            or "422" not in op["responses"]
        ):
            wrong[path, method] = (fields, documented)
    assert not wrong


def test_a_qa_point_and_its_answer_are_documented_at_the_length_the_ledger_keeps(
    client: FlaskClient,
) -> None:
    """The document promised 2,000 characters for a point and 4,000 for an answer, which the
    ledger then refused above 500: an integrator built to the document met a refusal it said
    could not happen."""
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    assert schemas["PointIn"]["properties"]["summary"]["maxLength"] == NOTE
    assert schemas["AnswerIn"]["properties"]["response"]["maxLength"] == NOTE
