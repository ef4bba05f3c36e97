"""Documenting errors as they are sent: ``application/problem+json`` with the problem schema.

flask-smorest documents every error response (its per-status components, the ``default``
one, ``alt_response`` and ``doc(responses=...)``) as ``application/json``. This apispec plugin,
handed to flask-smorest as an extra plugin, rewrites each 4xx/5xx response (component or
inline) to the media type ``api.problems`` really sends, with the ``Problem`` schema.
"""

from __future__ import annotations

from typing import Any

from apispec import BasePlugin

from api.problems import PROBLEM

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


def _is_error(status: object) -> bool:
    return str(status) == "default" or str(status)[:1] in ("4", "5")


def as_problem(response: dict[str, Any]) -> dict[str, Any]:
    """The same response, its body documented as a problem document."""
    if "$ref" in response:
        return response  # a component: rewritten where it is defined
    content = response.get("content") or {}
    schema = next((c.get("schema") for c in content.values() if c.get("schema")), None)
    response["content"] = {PROBLEM: {"schema": schema or PROBLEM_REF}}
    return response


class ProblemResponses(BasePlugin):
    def response_helper(self, response: dict[str, Any], **kwargs: Any) -> dict[str, Any] | None:
        content = response.get("content") or {}
        if any(_names_problem(c.get("schema")) for c in content.values()):
            return as_problem(response)
        return None

    def operation_helper(
        self, path: str | None = None, operations: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        for operation in (operations or {}).values():
            if not isinstance(operation, dict):
                continue
            for status, response in (operation.get("responses") or {}).items():
                if _is_error(status) and isinstance(response, dict):
                    as_problem(response)


def _names_problem(schema: Any) -> bool:
    if isinstance(schema, dict):
        return schema.get("$ref", "").endswith("/Problem")
    return (
        type(schema).__name__ == "ProblemSchema"
        or getattr(schema, "__name__", "") == "ProblemSchema"
    )
