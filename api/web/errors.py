"""Error pages for people: 403, 404, 500 in GOV.UK words, saying nothing about other tenants.

The API keeps its problem documents (``api/problems.py``); a request is answered with a page
when it was for a page, or when a browser asked for an address outside ``/api``.
"""

from __future__ import annotations

import sys

from eventsourcing.persistence import IntegrityError
from flask import Flask, g, render_template, request
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from adapters.crypto.errors import KeyMissingError
from api import problems
from api.web.session import signed_in_user
from domain.errors import DomainError, InvalidValueError, NotFoundError

PAGES = {403: "errors/403.html", 404: "errors/404.html", 405: "errors/404.html"}


def wants_page() -> bool:
    if "web" in request.blueprints or request.endpoint == "assets":
        return request.endpoint != "assets"
    if request.path.startswith("/api/") or request.path in ("/healthz", "/readyz"):
        return False
    return request.accept_mimetypes.accept_html


def _who() -> None:
    """The header shows who is signed in even on an address no page owns."""
    if "web_user" not in g:
        try:
            g.web_user = signed_in_user()
        except Exception:  # the error page must render even if the store is what failed
            g.web_user = None


def page_for(status: int, detail: str = "") -> tuple[str, int]:
    """A failure the person cannot put right (5xx) names the request's id, which every log line
    of that request carries and which holds nothing about anyone: the operator finds it."""
    _who()
    reference = g.get("request_id") if status >= 500 else None
    if status in PAGES:
        return render_template(PAGES[status]), status
    if status >= 500 and not detail:
        return render_template("errors/500.html", reference=reference), status
    shown = render_template("errors/other.html", status=status, detail=detail, reference=reference)
    return shown, status


RELOAD = (
    "Go back: what you typed is still in the form. Copy it first, as reloading the page may "
    "empty the form; then reload, check what has changed and try again."
)  # after a refused form: its words are kept by Back, not by a reload
Headed = tuple[str, int, dict[str, str]]  # a page with headers of its own (a 405's Allow)


TOO_LARGE = (
    "What you sent was larger than this page takes, so nothing was saved. Go back: what you "
    "typed is still in the form. Shorten the longest answer, or choose a smaller file, and send "
    "it again."
)


def handle_http(error: HTTPException) -> Response | Headed:
    if not wants_page():
        return problems.handle_http(error)
    told = problems.told(error) or (TOO_LARGE if error.code == 413 else "")
    return (*page_for(error.code or 500, told), problems.own_headers(error))


def handle_domain(error: DomainError) -> Response | tuple[str, int]:
    """A domain refusal that escaped a page's own form handling (an address typed or edited by
    hand): a not found stays a 404; a bad value says what was wrong and what to ask for."""
    if not wants_page():
        return problems.handle_domain(error)
    if isinstance(error, NotFoundError):
        return page_for(404)
    if isinstance(error, InvalidValueError):
        return page_for(422, str(error))
    return page_for(
        409,
        "This could not be done because the record is not in a state that "
        "allows it, so nothing was saved. " + RELOAD,
    )


def handle_integrity(error: IntegrityError) -> Response | tuple[str, int]:
    """Two saves at the same moment (a form sent twice, two people on one record): the page
    says so in words; the API keeps its problem document."""
    if not wants_page():
        return problems.handle_integrity(error)
    return page_for(
        409,
        "Someone else recorded a change at the same moment, so nothing was saved. " + RELOAD,
    )


def handle_key_missing(error: KeyMissingError) -> Response | tuple[str, int]:
    if not wants_page():
        return problems.handle_key_missing(error)
    problems.handle_key_missing(error)  # logged for the operator, as the API's is
    return page_for(
        503,
        "This partnership's records cannot be read right now. Nothing was changed. Tell the "
        "platform operator, quoting the reference below.",
    )


def handle_unexpected(error: Exception) -> Response | Headed | tuple[str, int]:
    if isinstance(error, HTTPException):
        return handle_http(error)
    if not wants_page():
        return problems.handle_unexpected(error)
    problems.log.exception("unhandled error on page %s %s", request.method, request.url_rule)
    return page_for(500)


def register(app: Flask) -> None:
    """Replace the app's handlers with ones that keep the API's answers and add pages: this
    module's, for the same exceptions."""
    problems.register(app, sys.modules[__name__])
