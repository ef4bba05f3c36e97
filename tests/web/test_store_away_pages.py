"""A partnership's store that cannot be reached: a page says so, that nothing of the form was
recorded and what was typed; the API answers 503 with Retry-After.

Tested for real: the platform runs on the test PostgreSQL server and the partnership is placed
on a server at a free local port where nothing listens, so its store fails as a stopped server
does (connection refused, then the pool's timeout).
"""

from __future__ import annotations

import logging
import socket
import time
from typing import NoReturn

import psycopg
import pytest
from flask import Flask

from api.policy import Permission
from tenants.platform import Platform
from tests.web.conftest import People, csrf, page_text, sign_in
from tests.web.test_case_pages import open_case


@pytest.fixture
def store_kind() -> str:
    return "postgres"


def _nowhere() -> str:
    """A PostgreSQL address on this machine where nothing listens: a port the system gave and
    took back."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"postgresql://postgres@127.0.0.1:{port}/gone"


def _store_goes_away(platform: Platform, tenant: str) -> None:
    platform.registry.place_tenant(tenant, _nowhere())
    platform.ledgers.forget(tenant)
    time.sleep(1.1)  # the registry's answer about a tenant is reused for a second


def test_a_form_sent_while_the_store_is_away_says_nothing_was_recorded_and_shows_the_answers(
    web_app: Flask, platform: Platform, people: People, caplog: pytest.LogCaptureFixture
) -> None:
    client = web_app.test_client()
    sign_in(client, people.names["officer"])
    new_case = f"/partnerships/{people.tenant}/cases/new"
    token = csrf(client.get(new_case).data)
    _store_goes_away(platform, people.tenant)
    typed = {
        "csrf_token": token,
        "reference": "DHR-AWAY-1",
        "pseudonym": "Kestrel",
        "kind": "dhr",
        "death_category": "familial_homicide",
        "incident_on": ["3", "4", "2024"],
        "notified_on": ["5", "4", "2024"],
        "victim_age_band": "",
        "victim_sex": "",
        "perpetrator_relationship": "",
    }
    with caplog.at_level(logging.WARNING):
        sent = client.post(new_case, data=typed)

    assert sent.status_code == 503 and sent.mimetype == "text/html", page_text(sent.data)
    said = page_text(sent.data)
    assert "cannot reach its records" in said
    assert "Nothing you sent in this form was recorded" in said
    assert "Try again in a few minutes" in said
    assert "Case reference DHR-AWAY-1" in said and "Pseudonym Kestrel" in said
    assert "How the person died Familial homicide" in said  # as the signed-out page says it
    assert sent.headers["X-Request-ID"] in said  # the reference the operator finds it by
    assert sent.headers["Retry-After"]
    assert token not in said
    assert "OFFICIAL-SENSITIVE" in said  # what was typed is case content
    noted = [r for r in caplog.records if r.name == "api.problems"]
    assert len(noted) == 1 and noted[0].levelno == logging.WARNING
    assert "Kestrel" not in noted[0].getMessage() and "DHR-AWAY-1" not in noted[0].getMessage()
    assert noted[0].exc_info is None  # one line, not a traceback

    asked = client.get(f"/partnerships/{people.tenant}/cases")
    assert asked.status_code == 503 and "cannot reach its records" in page_text(asked.data)
    assert "Nothing you sent" not in page_text(asked.data)  # no form was sent


def test_the_api_answers_a_store_away_with_a_problem_to_retry_after(
    web_app: Flask, platform: Platform, people: People
) -> None:
    token = platform.access.issue_token(people.names["officer"]).secret
    _store_goes_away(platform, people.tenant)
    answer = web_app.test_client().get(
        f"/api/v1/tenants/{people.tenant}/reviews",
        headers={"Authorization": f"Bearer {token}", "Accept": "text/html"},
    )
    assert answer.status_code == 503 and answer.mimetype == "application/problem+json"
    assert answer.headers["Retry-After"]
    assert answer.json is not None and answer.json["request_id"] == answer.headers["X-Request-ID"]


def test_a_store_lost_after_something_was_saved_does_not_say_nothing_was_recorded(
    web_app: Flask, platform: Platform, people: People
) -> None:
    """A form whose view saved one record and then lost the store (a second save, the read
    after): the page must not promise that nothing was recorded."""
    name = people.names["officer"]

    def saves_then_loses() -> NoReturn:
        platform.access.rename_user(name, "Ann Other")  # a committed save
        raise psycopg.OperationalError("server closed the connection unexpectedly")

    saves_then_loses.permission = Permission.SIGNED_IN  # type: ignore[attr-defined]
    web_app.add_url_rule("/saves-then-loses", view_func=saves_then_loses, methods=["POST"])
    token = platform.access.issue_token(name).secret
    asked = {"Accept": "text/html", "Authorization": f"Bearer {token}"}

    sent = web_app.test_client().post(
        "/saves-then-loses", data={"pseudonym": "Wren"}, headers=asked
    )

    said = page_text(sent.data)
    assert sent.status_code == 503 and "may have been recorded" in said
    assert "Nothing you sent" not in said and "Wren" in said


def test_a_choice_of_records_sent_while_the_store_is_away_says_it_was_chosen_never_its_key(
    web_app: Flask, platform: Platform, people: People
) -> None:
    """The agency asked for an IMR is chosen from the directory and sent as its key: with the
    partnership's store away its name cannot be read, so the page says it was chosen, and to
    choose it again, rather than showing the key."""
    review = open_case(platform, people.tenant, "DHR-AWAY-3")
    client = web_app.test_client()
    sign_in(client, people.names["officer"])
    asking = f"/partnerships/{people.tenant}/cases/{review}/imr-request"
    token = csrf(client.get(asking).data)
    _store_goes_away(platform, people.tenant)

    sent = client.post(
        asking,
        data={"csrf_token": token, "agency": "northtown-police", "on": ["1", "3", "2024"]},
    )

    assert sent.status_code == 503, page_text(sent.data)
    said = page_text(sent.data)
    assert "Agency The one you chose (choose it again from the list)" in said
    assert "Date of the request 1 March 2024" in said
    assert "northtown-police" not in said
