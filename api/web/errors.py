"""Error pages for people: 403, 404, 500 in GOV.UK words, saying nothing about other tenants.

The API keeps its problem documents (``api/problems.py``); a request is answered with a page
when it was for a page, or when a browser asked for an address outside ``/api``.
"""

from __future__ import annotations

import sys

from eventsourcing.persistence import IntegrityError
from flask import Flask, g, has_request_context, make_response, render_template, request
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from adapters.crypto.errors import KeyMissingError
from adapters.unreachable import UNAVAILABLE
from api import problems
from api.web import unsent
from api.web.session import signed_in_user
from domain.errors import DomainError, InvalidValueError, NotFoundError
from tenants.application import observe_saves

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


def _note_saved(_: str, __: object) -> None:
    """Remember that this request's view saved something (the guard's own read log is not the
    form's), so a page about a store lost afterwards does not say nothing was recorded."""
    if has_request_context() and g.get("user") is not None:
        g.saved_something = True


def handle_unavailable(error: Exception) -> Response:
    """A store that cannot be reached (stopped, restarting, the pool's timeout): the service's
    state, not a fault in what was sent. A form failed before its save committed, so the page
    says nothing of it was recorded and shows what was typed, to copy and send again later."""
    problems.handle_unavailable(error)  # one line for the operator, as the API's is
    g.setdefault("web_user", None)  # not asked again: the guard may have waited on this store
    sent = request.method == "POST"
    answers = unsent.typed() if sent else []
    context = {
        "reference": g.get("request_id"),
        "sent": sent,
        "saved": bool(g.get("saved_something")),
        "answers": answers,
        "files": sent and unsent.files_chosen(),
        "protective_marking": bool(answers),  # what was typed is case content
    }
    try:
        shown = render_template("errors/unavailable.html", **context)
    except UNAVAILABLE:  # the header's names come from a store that is away too
        g.web_user = None
        shown = render_template("errors/unavailable.html", **context)
    return make_response(shown, 503, {"Retry-After": problems.RETRY_AFTER})


def handle_unexpected(error: Exception) -> Response | Headed | tuple[str, int]:
    if isinstance(error, HTTPException):
        return handle_http(error)
    if not wants_page():
        return problems.handle_unexpected(error)
    if isinstance(error, UNAVAILABLE):
        return handle_unavailable(error)
    problems.log.exception("unhandled error on page %s %s", request.method, request.url_rule)
    return page_for(500)


def register(app: Flask) -> None:
    """Replace the app's handlers with ones that keep the API's answers and add pages: this
    module's, for the same exceptions."""
    problems.register(app, sys.modules[__name__])
    observe_saves(_note_saved)
