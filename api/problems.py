"""Every error the API returns is an RFC 9457 problem, and this is the one place that maps them.

Domain refusals map by family (not found 404, state forbids it 409, bad value 422); request
mistakes (malformed JSON, oversized body, wrong type) are 4xx; nothing a client sends yields 500.
"""

from __future__ import annotations

import logging
import re
import sys
from types import ModuleType
from typing import Any

from eventsourcing.persistence import IntegrityError
from flask import Flask, Response, g, json, request
from werkzeug.exceptions import HTTPException

from adapters.crypto.errors import KeyMissingError, key_missing
from adapters.unreachable import UNAVAILABLE
from domain.errors import (
    ConcurrentChangeError,
    DomainError,
    InvalidTransitionError,
    NotFoundError,
)

PROBLEM = "application/problem+json"
log = logging.getLogger(__name__)

NEXT_STEP = {
    400: "Send a well-formed JSON body with Content-Type: application/json.",
    401: "Send 'Authorization: Bearer <token>'; `ledger tokens issue NAME` gives one.",
    403: "Your role does not allow this; ask your partnership's or region's lead if you need it.",
    404: "Check the address; you may also have no access to it.",
    405: "Use one of the methods the API documents for this address (see /api/v1/docs).",
    409: "Reload the resource and try again when its state allows it.",
    412: "Someone changed this since you read it: GET it again, then retry with the new ETag.",
    413: "Send a smaller body.",
    415: "Send Content-Type: application/json.",
    422: "Correct the fields listed in 'errors' and send again.",
    428: "GET the resource first and send its ETag in an If-Match header.",
    500: "Retry later; if it persists, tell the platform operator the time of the request.",
    503: "A backing service is unreachable; retry shortly.",
}


def problem(
    status: int, title: str, detail: str, errors: Any = None, headers: dict[str, str] | None = None
) -> Response:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": withhold_unsent_ids(detail),
        "instance": request.path,
    }
    if errors:
        body["errors"] = errors
    if g.get("request_id"):
        body["request_id"] = g.request_id  # quote it to the operator; it is in every log line
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM)
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def withhold_unsent_ids(detail: str) -> str:
    """A problem names only ids the client sent: an id derived inside (a plan's, a record's
    behind a reference) would tell a stranger how records are keyed, and nothing to act on."""
    if not _UUID.search(detail):
        return detail
    try:
        body = request.get_data(cache=True, as_text=True)
    except HTTPException:  # a body too large to read named nothing
        body = ""
    sent = (request.full_path + body).lower()
    return _UUID.sub(lambda m: m.group() if m.group().lower() in sent else "(id withheld)", detail)


def told(error: HTTPException) -> str | None:
    """What an ``abort`` said in its own words ("'x' is not a date; write it as 2013-09-04."),
    which says more than the generic next step; None where werkzeug's own text was left."""
    return error.description if error.description != type(error).description else None


def own_headers(error: HTTPException) -> dict[str, str]:
    """The headers werkzeug gives the error itself (a 405's Allow, which RFC 9110 requires and
    which tells a client the methods it may use instead), without its Content-Type: the answer
    is a problem document or a page, not werkzeug's HTML."""
    return {k: v for k, v in error.get_headers() if k.lower() != "content-type"}


def handle_http(error: HTTPException) -> Response:
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    errors = data.get("errors") or data.get("messages")
    detail = (
        data.get("message") or told(error) or NEXT_STEP.get(status) or (error.description or "")
    )
    if status == 400 and errors:
        detail = "The JSON body could not be read. " + NEXT_STEP[400]
    if status == 422 and errors:
        detail = "Some fields are wrong. " + NEXT_STEP[422]
    if status == 405:
        detail = NEXT_STEP[405]
    return problem(
        status, error.name, detail, errors, own_headers(error) | (data.get("headers") or {})
    )


def handle_domain(error: DomainError) -> Response:
    if isinstance(error, NotFoundError):
        return problem(404, "Not Found", str(error))
    if isinstance(error, ConcurrentChangeError):
        version = error.current_version
        return problem(
            412,
            "Precondition Failed",
            str(error),
            headers={"ETag": f'"{version}"'} if version is not None else None,
        )
    if isinstance(error, InvalidTransitionError):
        return problem(409, "Conflict", str(error))
    return problem(422, "Unprocessable Content", str(error))  # InvalidValueError and the rest


def handle_integrity(_: IntegrityError) -> Response:
    return problem(
        409, "Conflict", "Someone else recorded a change at the same moment. " + NEXT_STEP[409]
    )


def handle_key_missing(error: KeyMissingError) -> Response:
    """The operator must act; the user is told so without the key details."""
    log.error("key missing on %s %s: %s", request.method, request.url_rule, error)
    return problem(
        503,
        "Service Unavailable",
        "This partnership's data cannot be decrypted right now. Tell the platform operator the "
        "time of the request; nothing was changed.",
    )


RETRY_AFTER = "5"  # seconds: a restarting server is usually back by then


def handle_unavailable(error: Exception) -> Response:
    """A store that is away (restarting, unreachable) is the service's state, not a bug."""
    log.warning(
        "store unavailable on %s %s: %s", request.method, request.url_rule, type(error).__name__
    )
    return problem(503, "Service Unavailable", NEXT_STEP[503], headers={"Retry-After": RETRY_AFTER})


def handle_unexpected(error: Exception) -> Response:
    if isinstance(error, HTTPException):
        return handle_http(error)
    missing = key_missing(error)
    if missing is not None:
        return handle_key_missing(missing)
    if isinstance(error, UNAVAILABLE):
        return handle_unavailable(error)
    log.exception("unhandled error on %s %s", request.method, request.url_rule)
    return problem(500, "Internal Server Error", NEXT_STEP[500])


def register(app: Flask, answers: ModuleType | None = None) -> None:
    """The exceptions the app answers itself, each with ``answers``' handler of that kind: this
    module's problem documents, or the pages' (``api/web/errors.py``), which keep these for the
    API. Named once here, so a page answers every exception the API does."""
    on = answers or sys.modules[__name__]
    app.register_error_handler(HTTPException, on.handle_http)
    app.register_error_handler(DomainError, on.handle_domain)
    app.register_error_handler(IntegrityError, on.handle_integrity)
    app.register_error_handler(KeyMissingError, on.handle_key_missing)
    app.register_error_handler(Exception, on.handle_unexpected)
