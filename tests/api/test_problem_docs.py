"""Errors are documented as they are sent: application/problem+json with the problem schema."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.api.conftest import body


def test_every_documented_error_is_a_problem_document(client: FlaskClient) -> None:
    spec = body(client.get("/api/v1/openapi.json"))
    components = spec["components"]["responses"]
    checked = 0
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            assert "default" in operation["responses"], f"{method} {path}"
            for status, response in operation["responses"].items():
                if not (status == "default" or status[0] in "45"):
                    continue
                if "$ref" in response:
                    response = components[response["$ref"].rsplit("/", 1)[1]]
                assert list(response["content"]) == ["application/problem+json"], (method, path)
                schema = response["content"]["application/problem+json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Problem"}, (method, path, status)
                checked += 1
    assert checked > 200


def test_a_stale_etag_is_documented_with_the_current_etag_header(client: FlaskClient) -> None:
    spec = body(client.get("/api/v1/openapi.json"))
    stale = spec["paths"]["/api/v1/tenants/{tenant}/reviews/{review}/decision"]["post"]
    assert "ETag" in stale["responses"]["412"]["headers"]
