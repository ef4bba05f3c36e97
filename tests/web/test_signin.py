"""Signing in to the pages: password, security code, lockout, CSRF, sign-out; on both stores."""

from __future__ import annotations

from flask.testing import FlaskClient

from api.web.session import safe_next
from tenants.platform import Platform
from tenants.users.signin import current_code
from tests.web.conftest import (
    PASSWORD,
    People,
    csrf,
    page_text,
    post_form,
    sign_in,
    sign_out,
)


def test_the_front_page_is_a_govuk_sign_in_for_a_signed_out_person(visitor: FlaskClient) -> None:
    page = visitor.get("/")
    html = page.data.decode()
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert '<html lang="en"' in html and "govuk-template" in html
    assert 'type="password"' in html and "Sign in to Partnership Ledger" in html
    assert "Accessibility statement" in html and "Privacy notice" in html and "Cookies" in html


def test_an_officer_signs_in_with_a_password_and_lands_on_their_start_page(
    visitor: FlaskClient, people: People
) -> None:
    response = post_form(visitor, "/", {"username": people.names["officer"], "password": PASSWORD})
    assert response.status_code == 302
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    home = visitor.get("/", follow_redirects=True)
    assert people.names["officer"] in home.data.decode()
    assert "Northtown" in home.data.decode() and "Sign out" in home.data.decode()


def test_a_wrong_password_shows_an_error_summary_linking_to_the_field(
    visitor: FlaskClient, people: People
) -> None:
    page = post_form(
        visitor, "/", {"username": people.names["officer"], "password": "not it at all"}
    )
    html = page.data.decode()
    assert "There is a problem" in html and 'href="#username"' in html
    assert "Enter a correct user name and password" in html
    assert visitor.get("/home").status_code == 302  # still signed out


def test_an_empty_form_says_what_to_enter(visitor: FlaskClient) -> None:
    html = post_form(visitor, "/", {"username": "", "password": ""}).data.decode()
    assert "Enter your user name" in html and "Enter your password" in html
    assert html.count("govuk-error-message") == 2 and "<title>Error: Sign in" in html


def test_an_unknown_user_gets_the_same_answer_as_a_wrong_password(
    visitor: FlaskClient, people: People
) -> None:
    html = post_form(visitor, "/", {"username": "nobody-here", "password": PASSWORD}).data.decode()
    assert "Enter a correct user name and password" in html


def test_a_form_without_its_csrf_token_is_refused(visitor: FlaskClient, people: People) -> None:
    response = visitor.post("/", data={"username": people.names["officer"], "password": PASSWORD})
    assert "This form expired or was sent from elsewhere" in response.data.decode()
    assert visitor.get("/home").status_code == 302


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(
    visitor: FlaskClient, people: People
) -> None:
    for _ in range(5):
        post_form(visitor, "/", {"username": people.names["lead"], "password": "wrong password!"})
    html = post_form(
        visitor, "/", {"username": people.names["lead"], "password": PASSWORD}
    ).data.decode()
    assert "locked for 15 minutes" in html
    assert visitor.get("/home").status_code == 302


def test_an_administrator_needs_a_security_code_used_only_once(
    visitor: FlaskClient, people: People, web_app: object
) -> None:
    name, secret = people.names["admin"], people.totp["admin"]
    response = post_form(visitor, "/", {"username": name, "password": PASSWORD})
    assert response.headers["Location"] == "/sign-in/security-code"
    assert visitor.get("/home").status_code == 302  # not signed in before the code
    wrong = post_form(visitor, "/sign-in/security-code", {"code": "000000"}).data.decode()
    assert "Enter the current security code" in wrong and 'href="#code"' in wrong
    code = current_code(secret)
    ok = post_form(visitor, "/sign-in/security-code", {"code": code})
    assert ok.status_code == 302
    assert visitor.get("/home").status_code == 200
    sign_out(visitor)

    post_form(visitor, "/", {"username": name, "password": PASSWORD})
    again = post_form(visitor, "/sign-in/security-code", {"code": code}).data.decode()
    assert "Enter the current security code" in again


def test_signing_out_ends_the_session(visitor: FlaskClient, people: People) -> None:
    sign_in(visitor, people.names["officer"])
    assert visitor.get("/home").status_code == 200
    token = csrf(visitor.get("/home").data)  # the header's Sign out button carries it
    done = visitor.post("/sign-out", data={"csrf_token": token})
    assert done.status_code == 303 and done.headers["Location"] == "/sign-out"
    assert "You have signed out" in visitor.get("/sign-out").data.decode()
    assert visitor.get("/home").headers["Location"] == "/?next=/home"


def test_the_header_signs_out_with_a_button_that_sends_the_pages_token(
    visitor: FlaskClient, people: People
) -> None:
    sign_in(visitor, people.names["officer"])
    html = visitor.get("/home").data.decode()
    account = html.split('app-account">')[1].split("</ul>")[0]
    assert '<form method="post" action="/sign-out" class="app-sign-out"' in account
    assert 'name="csrf_token"' in account and ">Sign out</button>" in account
    assert 'href="/sign-out"' not in html


def test_a_link_to_the_sign_out_address_only_asks(visitor: FlaskClient, people: People) -> None:
    """A GET of /sign-out (an image or link on another site, an old bookmark) signs no one out:
    it shows a page whose button does."""
    sign_in(visitor, people.names["officer"])
    asked = visitor.get("/sign-out")
    assert asked.status_code == 200
    text = page_text(asked.data)
    assert "Sign out of Partnership Ledger" in text and "You have signed out" not in text
    assert visitor.get("/home").status_code == 200
    done = visitor.post("/sign-out", data={"csrf_token": csrf(asked.data)})
    assert done.status_code == 303 and visitor.get("/home").status_code == 302


def test_a_sign_out_without_the_pages_token_is_refused_and_stays_signed_in(
    visitor: FlaskClient, people: People
) -> None:
    sign_in(visitor, people.names["officer"])
    for sent in ({}, {"csrf_token": "made-up"}):
        refused = visitor.post("/sign-out", data=sent)
        assert refused.status_code == 400
        assert "you are still signed in" in page_text(refused.data)
        assert visitor.get("/home").status_code == 200


def test_signing_out_when_already_signed_out_just_says_so(visitor: FlaskClient) -> None:
    """An expired session's Sign out button (its token gone with the session) is not refused:
    there is nothing left to end."""
    done = visitor.post("/sign-out", data={})
    assert done.status_code == 303
    assert "You have signed out" in visitor.get("/sign-out").data.decode()


def test_a_copy_of_the_cookie_kept_from_before_signing_out_is_refused(
    visitor: FlaskClient, people: People
) -> None:
    """Sign-out ends that session on the server: the cookie emptied in the browser is not the
    only copy (a shared PC's profile, a proxy's log). The same person's other session, in
    another browser, goes on."""
    sign_in(visitor, people.names["officer"])
    other = visitor.application.test_client()
    sign_in(other, people.names["officer"])
    cookie = visitor.get_cookie("ledger_session")
    assert cookie is not None and visitor.get("/home").status_code == 200
    sign_out(visitor)

    visitor.set_cookie("ledger_session", cookie.value)
    assert visitor.get("/home").headers["Location"] == "/?next=/home"
    assert other.get("/home").status_code == 200


def test_a_deactivated_user_is_signed_out_at_their_next_page(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    sign_in(visitor, people.names["officer"])
    platform.access.deactivate_user(people.names["officer"], "left the team")
    assert visitor.get("/home").status_code == 302


def test_sign_in_does_not_follow_a_next_address_off_the_site(
    visitor: FlaskClient, people: People
) -> None:
    token = csrf(visitor.get("/?next=//evil.example/").data)
    response = visitor.post(
        "/?next=//evil.example/",
        data={"csrf_token": token, "username": people.names["officer"], "password": PASSWORD},
    )
    assert "evil" not in response.headers["Location"]


def test_sign_ins_are_recorded_as_events_on_the_users_credentials(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    from tenants.users.credentials import Credentials

    sign_in(visitor, people.names["officer"])
    user = platform.access.user(people.names["officer"])
    events = list(platform.access.repository.event_store.get(Credentials.create_id(user.id)))
    names = [type(e).__qualname__ for e in events]
    assert names[-1].endswith("SignedIn") and any(n.endswith("PasswordSet") for n in names)
    assert getattr(events[-1], "recorded_by") == str(user.id)  # noqa: B009


def test_after_many_guesses_a_name_that_exists_answers_as_one_that_does_not(
    visitor: FlaskClient, people: People
) -> None:
    """Only a real name can lock; a lock message of its own told anyone which names exist."""
    answers = {}
    for name in (people.names["lead"], "nobody-by-this-name"):
        for _ in range(6):
            html = post_form(visitor, "/", {"username": name, "password": "wrong password!"})
        answers[name] = page_text(html.data)
    real, made_up = answers.values()
    assert real == made_up and "Enter a correct user name and password" in real


def test_a_next_address_holding_a_line_break_lands_on_the_start_page(
    visitor: FlaskClient, people: People
) -> None:
    """``urlsplit`` drops line breaks before parsing, so the address passed as a path on this
    site and the redirect after a good password then failed (a 500)."""
    url = "/?next=/cases%0D%0AX-Injected:%20y"
    token = csrf(visitor.get(url).data)
    response = visitor.post(
        url, data={"csrf_token": token, "username": people.names["officer"], "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/partnerships/{people.tenant}/cases"
    assert "X-Injected" not in response.headers
    for unprintable in ("/cases\n", "/cases\tx", "/cases\x00", "/cases\u202e"):
        assert safe_next(unprintable) is None  # the security-code and password pages ask it too
    assert (
        safe_next("/partnerships/caf\u00e9/cases?page=2") == "/partnerships/caf\u00e9/cases?page=2"
    )
