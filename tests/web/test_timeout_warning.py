"""The timeout warning's server side (api/web/timeout.py): only signed-in pages carry it;
"Stay signed in" needs the page's CSRF token, starts the idle clock again and never moves the
10-hour limit; the sign-in page says why someone was signed out."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.web.conftest import People, csrf, page_text, sign_in

STAY = "/session/stay-signed-in"


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
    assert visitor.post(STAY, data={}).status_code == 302  # to sign in: nothing to keep


def test_the_sign_in_page_says_why_someone_was_signed_out(visitor: FlaskClient) -> None:
    idle = page_text(visitor.get("/?timed_out=idle").data)
    assert "You have been signed out" in idle and "not opened a page for 60 minutes" in idle
    limit = page_text(visitor.get("/?timed_out=limit").data)
    assert "signed in for 10 hours" in limit
    assert "You have been signed out" not in page_text(visitor.get("/").data)
