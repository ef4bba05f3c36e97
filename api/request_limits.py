"""What a request must look like before any of it is parsed: body shape, query names, If-Match.

A JSON body nested 100,000 deep exhausts the parser's recursion and a 5,000-digit number
its integer limit, both as 500s, so the raw bytes are scanned (strings blanked out, then
brackets counted and digit runs measured) before ``json.loads`` ever sees them. Query
parameters an operation does not document are refused, as unknown body fields are, and
so is an ``If-Match`` sent to an operation that has no stored version to match.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, Response, current_app, request

from api.problems import problem

MAX_DEPTH = 32  # the deepest input schema nests four levels
MAX_DIGITS = 20  # £10bn in pence has 13 digits; the widest stored integer has 19
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_DIGITS = re.compile(rb"\d{%d,}" % (MAX_DIGITS + 1))
_BRACKET = re.compile(rb"[\[\]{}]")
_QUERY_LOCATIONS = frozenset({"query", "querystring"})


def body_problem(raw: bytes) -> str | None:
    """Why ``raw`` must not be parsed, or None when it is safe to hand to the JSON parser."""
    bare = _STRING.sub(b'""', raw)
    if _DIGITS.search(bare):
        return (
            f"A number in the body has more than {MAX_DIGITS} digits; amounts are whole pence "
            "up to £10bn (13 digits). Send a smaller number."
        )
    depth = 0
    for bracket in _BRACKET.finditer(bare):
        if bracket.group() in (b"[", b"{"):
            depth += 1
            if depth > MAX_DEPTH:
                return (
                    f"The JSON body nests deeper than {MAX_DEPTH} levels; send the flat "
                    "object the API documents for this address (see /api/v1/docs)."
                )
        else:
            depth -= 1
    return None


@dataclass(frozen=True)
class Operation:
    """What the checks need of an operation's OpenAPI doc, read once per view, not per request."""

    query: frozenset[str]
    needs_body: bool
    if_match: bool


@functools.lru_cache(maxsize=4096)
def _operation(view: Callable[..., Any]) -> Operation | None:
    doc = getattr(view, "_apidoc", None)
    if not isinstance(doc, dict):
        return None
    return Operation(frozenset(allowed_query(doc)), needs_body(doc), documents_if_match(doc))


def allowed_query(doc: dict[str, Any]) -> set[str]:
    names: set[str] = set()
    for param in doc.get("arguments", {}).get("parameters", []):
        if isinstance(param, dict) and param.get("in") in _QUERY_LOCATIONS:
            schema = param["schema"]
            schema = schema() if isinstance(schema, type) else schema
            names.update(f.data_key or name for name, f in schema.fields.items())
    for param in doc.get("manual_doc", {}).get("parameters", []):
        if isinstance(param, dict) and param.get("in") == "query":
            names.add(str(param["name"]))
    return names


def needs_body(doc: dict[str, Any]) -> bool:
    return any(
        isinstance(p, dict) and p.get("in") == "json" and p.get("required", True)
        for p in doc.get("arguments", {}).get("parameters", [])
    )


def documents_if_match(doc: dict[str, Any]) -> bool:
    return any(
        isinstance(p, dict) and p.get("in") == "header" and p.get("name") == "If-Match"
        for p in doc.get("manual_doc", {}).get("parameters", [])
    )


def check_request() -> Response | None:
    view = current_app.view_functions.get(request.endpoint or "")
    op = None if view is None else _operation(view)
    if op is None:
        return None  # health checks, the OpenAPI document, Flask's own 404/405
    unknown = sorted(set(request.args) - op.query) if request.args else []
    if unknown:
        allowed = sorted(op.query)
        return problem(  # as webargs answers an unknown body field
            422,
            "Unprocessable Content",
            f"Unknown query parameter(s): {', '.join(unknown)}. "
            + (
                f"This address accepts: {', '.join(allowed)}."
                if allowed
                else "This address takes no query parameters; remove them."
            ),
            {"query": {name: ["Unknown field."] for name in unknown}},
        )
    if "If-Match" in request.headers and not op.if_match:
        return problem(
            400,
            "Bad Request",
            "If-Match has nothing to match here: this request creates a record or changes "
            "nothing that has an ETag. Send it without If-Match; send an Idempotency-Key "
            "instead to make a retried create safe.",
        )
    if op.needs_body and not request.get_data(cache=True).strip():
        return problem(
            400,
            "Bad Request",
            "This request needs a JSON body (Content-Type: application/json); send {} to "
            "accept every default, or the fields the API documents for this address.",
        )
    if request.method in ("POST", "PUT", "PATCH") and request.is_json:
        reason = body_problem(request.get_data(cache=True))
        if reason is not None:
            return problem(400, "Bad Request", reason)
    return None


def register(app: Flask) -> None:
    app.before_request(check_request)
