"""Errors that escape a page are answered with a page, in words; the API keeps its documents.

A form sent twice at once (a double click) could collide in the store; the page answered
with the API's JSON problem document, which a person cannot read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NoReturn

from eventsourcing.persistence import IntegrityError
from flask import Flask

from adapters.crypto.errors import KeyMissingError
from api.policy import Permission
from tenants.platform import Platform
from tests.web.conftest import People, csrf, page_text, sign_in


def _collides() -> NoReturn:
    raise IntegrityError("two saves at once")


def _key_gone() -> NoReturn:
    raise KeyMissingError("the tenant's data key is not in the key store")


def _route(app: Flask, path: str, fails: Callable[[], NoReturn]) -> None:
    def view() -> NoReturn:
        fails()

    view.permission = Permission.SIGNED_IN  # type: ignore[attr-defined]  # as every route declares
    app.add_url_rule(path, endpoint=path, view_func=view)


def test_a_collision_or_a_missing_key_on_a_page_is_a_page_and_in_the_api_a_problem(
    web_app: Flask, platform: Platform, people: People
) -> None:
    for path, fails in (("/collides", _collides), ("/key-gone", _key_gone)):
        _route(web_app, path, fails)
        _route(web_app, f"/api/v1{path}", fails)
    client = web_app.test_client()
    token = platform.access.issue_token(people.names["officer"]).secret
    asked = {"Accept": "text/html", "Authorization": f"Bearer {token}"}

    page = client.get("/collides", headers=asked)
    assert page.status_code == 409 and page.mimetype == "text/html"
    assert "Someone else recorded a change at the same moment" in page.data.decode()
    said = page_text(b"<" + page.data.split(b"<main", 1)[1].split(b"</main>", 1)[0])
    assert "what you typed is still in the form. Copy it first" in said  # before any reload
    missing = client.get("/key-gone", headers=asked)
    assert missing.status_code == 503 and missing.mimetype == "text/html"
    assert "Tell the platform operator" in missing.data.decode()
    assert "data key" not in missing.data.decode()  # the details are for the operator's log

    for path, status in (("/api/v1/collides", 409), ("/api/v1/key-gone", 503)):
        problem = client.get(path, headers=asked)
        assert problem.status_code == status
        assert problem.mimetype == "application/problem+json"


def test_a_method_an_address_does_not_take_is_told_the_methods_it_does_take(
    web_app: Flask,
) -> None:
    """RFC 9110 has a 405 carry Allow: without it a client or a person's tools cannot tell
    which method the address wanted, page or API alike."""
    client = web_app.test_client()
    page = client.put("/sign-in/security-code", headers={"Accept": "text/html"})
    assert page.status_code == 405 and page.mimetype == "text/html"
    assert {"GET", "POST"} <= {m.strip() for m in page.headers["Allow"].split(",")}
    problem = client.delete("/api/v1/regions", headers={"Accept": "text/html"})
    assert problem.status_code == 405 and problem.mimetype == "application/problem+json"
    assert {"GET", "POST"} <= {m.strip() for m in problem.headers["Allow"].split(",")}


def _crashes() -> NoReturn:
    raise RuntimeError("a bug naming Wren, a pseudonym")


def test_a_crash_on_a_page_says_what_to_do_and_names_a_reference_the_logs_carry(
    web_app: Flask, platform: Platform, people: People
) -> None:
    """The time alone finds nothing among many requests at once; the request's
    id is on every log line of that request (api/observability) and says nothing about anyone."""
    _route(web_app, "/crashes", _crashes)
    client = web_app.test_client()
    token = platform.access.issue_token(people.names["officer"]).secret
    asked = {"Accept": "text/html", "Authorization": f"Bearer {token}"}
    crashed = client.get("/crashes", headers=asked)
    assert crashed.status_code == 500 and crashed.mimetype == "text/html"
    said = page_text(b"<" + crashed.data.split(b"<main", 1)[1].split(b"</main>", 1)[0])
    reference = crashed.headers["X-Request-ID"]
    assert f"Reference: {reference}" in said
    assert "go back: what you typed may still be in it" in said
    assert "Wren" not in said and "RuntimeError" not in said


def test_a_form_too_large_to_take_says_nothing_was_saved_and_to_go_back_to_it(
    web_app: Flask, people: People
) -> None:
    """A long paste past the body limit: the person is told their words are still in the form
    behind Back, not only that 'this request could not be completed'."""
    client = web_app.test_client()
    sign_in(client, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/new"
    token = csrf(client.get(url).data)
    sent = client.post(url, data={"csrf_token": token, "pseudonym": "x" * 300_000})
    assert sent.status_code == 413 and sent.mimetype == "text/html"
    said = page_text(b"<" + sent.data.split(b"<main", 1)[1].split(b"</main>", 1)[0])
    assert "nothing was saved" in said and "Go back: what you typed is still in the form" in said
