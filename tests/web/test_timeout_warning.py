"""The timeout warning's server side (api/web/timeout.py): only signed-in pages carry it;
"Stay signed in" needs the page's CSRF token, starts the idle clock again and never moves the
10-hour limit; asking how long is left (before a tab opens the dialog or leaves) moves
nothing; the sign-in page says why someone was signed out."""

from __future__ import annotations

from flask.testing import FlaskClient

from api.web.session import idle_limit
from tests.web.conftest import People, csrf, page_text, sign_in, sign_out

STAY = "/session/stay-signed-in"
LEFT = "/session/time-left"


def test_only_signed_in_pages_carry_the_warning_and_it_starts_hidden(
    visitor: FlaskClient, people: People
) -> None:
    assert 'id="app-timeout"' not in visitor.get("/accessibility").data.decode()
    sign_in(visitor, people.names["officer"])
    page = visitor.get("/accessibility").data.decode()
    assert '<dialog id="app-timeout"' in page and "/assets/timeout-warning.js" in page
    assert " open" not in page.split('<dialog id="app-timeout"', 1)[1].split(">", 1)[0]
    assert visitor.get("/assets/timeout-warning.js").status_code == 200


def test_staying_signed_in_needs_the_pages_token_and_moves_only_the_idle_clock(
    visitor: FlaskClient, people: People
) -> None:
    sign_in(visitor, people.names["officer"])
    token = csrf(visitor.get("/home").data)
    with visitor.session_transaction() as before:  # as if 50 minutes idle, 9½ hours in
        before["seen"] = int(before["seen"]) - 50 * 60
        before["since"] = float(before["since"]) - 9.5 * 3600
        seen, since = before["seen"], before["since"]

    refused = visitor.post(STAY, data={})  # not sent from one of the service's pages
    assert refused.status_code == 400

    kept = visitor.post(STAY, data={"csrf_token": token})
    assert kept.status_code == 200, kept.data[:300]
    left = kept.get_json()
    with visitor.session_transaction() as after:
        assert after["seen"] > seen and after["since"] == since  # the day's limit stays
    assert left["life"] < left["idle"]  # near the limit: what the dialog says cannot be moved


def test_staying_signed_in_after_being_signed_out_is_refused(
    visitor: FlaskClient, people: People
) -> None:
    assert visitor.post(STAY, data={}).status_code == 401  # signed out: nothing to keep


def test_asking_how_long_is_left_does_not_keep_anyone_signed_in(
    visitor: FlaskClient, people: People
) -> None:
    sign_in(visitor, people.names["officer"])
    with visitor.application.app_context():
        idle = idle_limit()  # the app's SESSION_IDLE_TIMEOUT, as the pages count it
    with visitor.session_transaction() as before:  # as if another tab's page was 50 minutes ago
        before["seen"] = int(before["seen"]) - (idle - 10 * 60)
        seen = before["seen"]

    asked = visitor.get(LEFT)
    assert asked.status_code == 200, asked.data[:300]
    left = asked.get_json()
    assert 0 < left["idle"] <= 10 * 60 < left["life"]  # what is left of the hour, not an hour
    # No cookie back: an old copy arriving after another tab's page could undo that page.
    assert "Set-Cookie" not in asked.headers
    with visitor.session_transaction() as after:
        assert after["seen"] == seen  # the idle clock did not start again

    page = visitor.get("/home").data.decode()  # a page does start it again, and asking says so
    again = visitor.get(LEFT).get_json()
    assert again["idle"] > 10 * 60
    # and which session it is, as the page has it: a page shown in another knows to leave
    assert f'data-began="{again["began"]}"' in page


def test_asking_how_long_is_left_when_signed_out_says_so_and_why(
    visitor: FlaskClient, people: People
) -> None:
    never = visitor.get(LEFT)
    assert never.status_code == 401 and never.get_json() == {
        "signed_in": False,
        "timed_out": None,
    }
    sign_in(visitor, people.names["officer"])
    with visitor.application.app_context():
        idle = idle_limit()
    with visitor.session_transaction() as before:  # as if the last page was over an hour ago
        before["seen"] = int(before["seen"]) - idle - 60
    gone = visitor.get(LEFT)
    assert gone.status_code == 401 and gone.get_json()["timed_out"] == "idle"
    assert visitor.get(LEFT).get_json()["timed_out"] is None  # that cookie is gone now

    sign_in(visitor, people.names["officer"])
    with visitor.session_transaction() as before:  # as if signed in 10 hours ago
        before["since"] = float(before["since"]) - 10 * 3600 - 1
    assert visitor.get(LEFT).get_json() == {"signed_in": False, "timed_out": "limit"}

    sign_in(visitor, people.names["officer"])
    sign_out(visitor)  # in another tab: not a time out
    assert visitor.get(LEFT).get_json() == {"signed_in": False, "timed_out": None}


def test_the_sign_in_page_says_why_someone_was_signed_out(visitor: FlaskClient) -> None:
    idle = page_text(visitor.get("/?timed_out=idle").data)
    assert "You have been signed out" in idle and "not opened a page for 60 minutes" in idle
    limit = page_text(visitor.get("/?timed_out=limit").data)
    assert "signed in for 10 hours" in limit
    assert "You have been signed out" not in page_text(visitor.get("/").data)
