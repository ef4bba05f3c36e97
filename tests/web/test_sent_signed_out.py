"""What a person meets when things go wrong: a form sent after the session ended keeps what
they typed in front of them; a failure they cannot fix names a reference for the operator."""

from __future__ import annotations

from datetime import date

from flask.testing import FlaskClient

from api.web.session import idle_limit
from domain.recording import acting_as
from tenants.platform import Platform
from tests.web.conftest import People, csrf, page_text, sign_in, sign_out


def main_of(page: bytes) -> str:
    """The page's <main> as a person reads it (the timeout dialog sits after it)."""
    return page_text(b"<" + page.split(b"<main", 1)[1].split(b"</main>", 1)[0])


def _idle_for_too_long(client: FlaskClient) -> None:
    with client.application.app_context():
        idle = idle_limit()
    with client.session_transaction() as before:  # as if the last page was over the limit ago
        before["seen"] = int(before["seen"]) - idle - 60


def test_a_form_sent_after_the_idle_sign_out_shows_back_what_was_typed_and_records_nothing(
    visitor: FlaskClient, people: People
) -> None:
    sign_in(visitor, people.names["officer"])
    new_case = f"/partnerships/{people.tenant}/cases/new"
    token = csrf(visitor.get(new_case).data)
    _idle_for_too_long(visitor)
    typed = {
        "csrf_token": token,
        "reference": "DHR-LOST-1",
        "pseudonym": "Wren",
        "kind": "dhr",
        "death_category": "familial_homicide",
        "incident_on": ["3", "4", "2024"],
        "notified_on": ["31", "2", "2024"],
    }
    sent = visitor.post(new_case, data=typed)

    assert sent.status_code == 401  # not a redirect: that would drop the answers
    said = main_of(sent.data)
    assert "You were signed out, so nothing was saved" in said
    assert "not opened a page for" in said
    # each answer under the question the person saw: choices in words, a date as a date
    assert "Case reference DHR-LOST-1" in said and "Pseudonym Wren" in said
    assert "Kind of review Domestic Homicide Review" in said
    assert "How the person died Familial homicide" in said
    assert "Date of the death 3 April 2024" in said
    assert "Date the partnership was notified 31 2 2024" in said  # not a date: as typed
    assert "dhr" not in said and "familial_homicide" not in said and "incident" not in said
    assert "OFFICIAL-SENSITIVE" in page_text(sent.data)  # what was typed is case content
    assert token not in said
    assert f"next={new_case}" in sent.data.decode()  # signing in again returns to the form
    sign_in(visitor, people.names["officer"])
    cases = main_of(visitor.get(f"/partnerships/{people.tenant}/cases").data)
    assert "DHR-LOST-1" not in cases  # nothing was recorded


def test_a_step_sent_signed_out_shows_its_answers_under_its_own_questions(
    visitor: FlaskClient, platform: Platform, people: People
) -> None:
    """A step's form follows from its address (one view asks every step's): its questions
    label the answers, not its field names ("Due on")."""
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        review = ledger.reviews.notify(
            "DHR-LOST-2", date(2024, 2, 1), date(2024, 2, 5), "Ann", "dhr", "familial_homicide"
        )
    sign_in(visitor, people.names["officer"])
    asking = f"/partnerships/{people.tenant}/cases/{review}/imr-request"
    token = csrf(visitor.get(asking).data)
    _idle_for_too_long(visitor)
    sent = visitor.post(
        asking,
        data={
            "csrf_token": token,
            "version": "3",
            "submission": "a-key",
            "agency": "northtown-police",
            "on": ["1", "3", "2024"],
            "due_on": ["29", "3", "2024"],
        },
    )
    said = main_of(sent.data)
    assert sent.status_code == 401
    assert "Agency The one you chose (choose it again from the list)" in said
    assert "Date of the request 1 March 2024" in said
    assert "Date the IMR is due 29 March 2024" in said
    assert "a-key" not in said and "Due on" not in said
    assert "northtown-police" not in said  # the directory's key, which says nothing


def test_a_form_sent_after_signing_out_elsewhere_says_so_without_a_time_out(
    visitor: FlaskClient, people: People
) -> None:
    sign_in(visitor, people.names["officer"])
    new_case = f"/partnerships/{people.tenant}/cases/new"
    token = csrf(visitor.get(new_case).data)
    sign_out(visitor)  # in another tab
    sent = visitor.post(new_case, data={"csrf_token": token, "pseudonym": "Wren"})
    said = main_of(sent.data)
    assert sent.status_code == 401 and "Wren" in said
    assert "signed out, or your session had ended" in said


def test_a_page_asked_for_after_the_idle_sign_out_says_why_on_the_sign_in_page(
    visitor: FlaskClient, people: People
) -> None:
    sign_in(visitor, people.names["officer"])
    _idle_for_too_long(visitor)
    asked = visitor.get(f"/partnerships/{people.tenant}/cases")
    assert asked.status_code == 302 and "timed_out=idle" in asked.headers["Location"]
    signin = main_of(visitor.get(asked.headers["Location"]).data)
    assert "You have been signed out" in signin


def test_a_checked_spreadsheet_sent_signed_out_asks_for_the_file_not_shows_it(
    visitor: FlaskClient, people: People
) -> None:
    """The import's record form carries the checked file as base64: that is not an answer to
    show back (it could be megabytes), but the person must know to choose the file again."""
    sign_in(visitor, people.names["officer"])
    _idle_for_too_long(visitor)
    carried = "UmVmZXJlbmNlLFBzZXVkb255bQo=" * 50
    imports = f"/partnerships/{people.tenant}/imports"
    sent = visitor.post(
        f"{imports}/record",
        data={"kind": "cases", "filename": "cases.csv", "content": carried},
        headers={"Referer": f"http://localhost{imports}"},
    )
    said = main_of(sent.data)
    assert sent.status_code == 401 and "cases.csv" in said
    assert carried[:40] not in sent.data.decode()
    assert "Any file you chose was not uploaded: choose it again" in said
    assert f"next={imports}&amp;" in sent.data.decode()  # its page: the record step takes no GET


def test_a_form_sent_from_another_site_is_not_shown_back(
    visitor: FlaskClient, people: People
) -> None:
    """Another site's form reaches here signed out (the cookie is SameSite): its words must
    not appear on this service's page as if the person had typed them."""
    sent = visitor.post(
        f"/partnerships/{people.tenant}/cases/new",
        data={"pseudonym": "Call 0800 000 000 to keep your account"},
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    said = main_of(sent.data)
    assert sent.status_code == 401 and "nothing was saved" in said
    assert "0800" not in said
