"""A step with a check-answers page keeps its typed answers out of the session cookie, which
is only signed: they wait sealed in the partnership's store for the check page, which is asked
for with a GET (so Back and Refresh never send them again), and are recorded as typed."""

from __future__ import annotations

import html
import re
from uuid import UUID

from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict
from werkzeug.test import TestResponse

from tenants.platform import Platform
from tests.web.conftest import People, page_text, sign_in, sign_out
from tests.web.test_case_pages import checked, open_case, sent_back

HIDDEN = re.compile(r'name="(csrf_token|version|submission)" type="hidden" value="([^"]*)"')
REASON = 'ZQXSTASH the victim\'s sister "Jane" <Doe> asked us to stop'


def in_cookie(visitor: FlaskClient) -> str:
    """The session as the browser holds it, decoded as the app's own session interface does."""
    cookie = visitor.get_cookie("ledger_session")
    assert cookie is not None
    app = visitor.application
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    return str(serializer.loads(cookie.value))


def decommissioning(visitor: FlaskClient, people: People, review: UUID) -> TestResponse:
    """The question page's answers sent, and the check page the browser is sent on to."""
    url = f"/partnerships/{people.tenant}/cases/{review}/decommission"
    form = dict(HIDDEN.findall(visitor.get(url).data.decode()))
    sent = visitor.post(url, data={**form, "on": ["1", "3", "2024"], "reason": REASON})
    return checked(visitor, sent)


def stored_drafts(platform: Platform, tenant: str) -> list[bytes]:
    """Every draft the partnership's store holds, as stored."""
    with platform.ledgers.lease(tenant, writing=False) as ledger:
        store = ledger.drafts.store()
        store.count()  # the table made, if not yet
        with store.datastore.transaction(commit=False) as curs:
            curs.execute("SELECT sealed FROM draft_answers")
            return [bytes(row[0]) for row in curs.fetchall()]


def test_a_typed_reason_waits_sealed_in_the_store_not_the_cookie_and_is_recorded_as_typed(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = open_case(platform, people.tenant, "NT-STASH")
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/decommission"

    check = decommissioning(visitor, people, review)
    assert "ZQXSTASH" not in in_cookie(visitor)
    (kept,) = stored_drafts(platform, people.tenant)
    assert b"ZQXSTASH" not in kept  # sealed
    assert "Check your answers before you decommission the review" in page_text(check.data)
    assert REASON in page_text(check.data)
    assert sent_back(check.data).getlist("reason") == [REASON]
    assert sent_back(check.data).getlist("on") == ["1", "3", "2024"]
    again = visitor.get(f"{url}/check")  # Refresh: the same page, nothing sent
    assert page_text(again.data) == page_text(check.data).replace(
        sent_back(check.data)["csrf_token"], sent_back(again.data)["csrf_token"]
    )

    # "Change": a link to the question page, which shows the answers as typed
    assert f'href="{url}#reason">Change' in check.data.decode()
    change = visitor.get(url)
    assert change.status_code == 200
    box = re.search(
        r'<textarea[^>]*name="reason"[^>]*>(.*?)</textarea>', change.data.decode(), re.S
    )
    assert box and html.unescape(box.group(1)).strip() == REASON
    assert "ZQXSTASH" not in in_cookie(visitor)
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.reviews.get(review).decommissioned is None

    confirmed = visitor.post(f"{url}/check", data=sent_back(check.data))
    assert confirmed.headers["Location"].endswith("/decommission/done")
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        decommissioned = ledger.reviews.get(review).decommissioned
        assert decommissioned is not None and decommissioned.reason == REASON
        recorded = ledger.reviews.get(review).version
    assert stored_drafts(platform, people.tenant) == []  # recorded: nothing waits
    back = visitor.get(f"{url}/check")  # Back from the confirmation: the step, as taken
    assert back.headers["Location"].endswith("/decommission")
    assert "The review was already decommissioned on 1 March 2024" in page_text(
        visitor.get(url).data
    )

    again = visitor.post(f"{url}/check", data=sent_back(check.data))  # Back, then confirm again
    assert "The review was already decommissioned on 1 March 2024" in page_text(again.data)
    case = page_text(visitor.get(f"/partnerships/{people.tenant}/cases/{review}").data)
    assert f"Home Office agreed on 1 March 2024. {REASON}." in case  # the timeline's sentence
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.reviews.get(review).version == recorded


def test_answers_altered_on_the_way_are_refused_as_the_question_page_refuses_them(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = open_case(platform, people.tenant, "NT-ALTERED")
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/decommission"
    sent = sent_back(decommissioning(visitor, people, review).data)

    emptied = MultiDict([(k, "" if k == "reason" else v) for k, v in sent.items(multi=True)])
    refused = visitor.post(f"{url}/check", data=emptied)
    assert "Enter the reason for decommissioning" in page_text(refused.data)
    assert f'action="{url}"' in refused.data.decode()  # sent again, it is asked again
    forged = MultiDict([(k, v) for k, v in sent.items(multi=True) if k != "csrf_token"])
    assert "This form expired" in page_text(visitor.post(f"{url}/check", data=forged).data)
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.reviews.get(review).decommissioned is None


def test_a_check_page_with_no_answers_kept_for_it_is_the_question_page(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """Asked for in another session, or before any answers were sent: nothing to check."""
    review = open_case(platform, people.tenant, "NT-NONE")
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/decommission"
    assert visitor.get(f"{url}/check").headers["Location"].endswith("/decommission")
    decommissioning(visitor, people, review)
    sign_out(visitor)
    sign_in(visitor, people.names["lead"])  # another person: their session names no answers
    assert visitor.get(f"{url}/check").headers["Location"].endswith("/decommission")


def test_answers_an_earlier_version_left_in_the_cookie_are_dropped_at_the_next_step_page(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = open_case(platform, people.tenant, "NT-LEFT")
    sign_in(visitor, people.names["officer"])
    with visitor.session_transaction() as session:
        session[f"answers:cases:{review}:decommission"] = [("reason", REASON)]
    assert "ZQXSTASH" in in_cookie(visitor)

    visitor.get(f"/partnerships/{people.tenant}/cases/{review}/decommission")

    assert "ZQXSTASH" not in in_cookie(visitor)


def test_change_with_a_token_from_an_earlier_session_keeps_the_answers_to_send_again(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """Signed in again in another tab, a check page of before (whose Change sends its answers)
    holds an earlier session's token: the answers come back with a fresh token, not an error
    page that drops them."""
    review = open_case(platform, people.tenant, "NT-STALE")
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/decommission"
    check = decommissioning(visitor, people, review)
    sign_out(visitor)  # and in again: a new session, in which the old token is no good
    sign_in(visitor, people.names["officer"])

    change = visitor.post(
        url, data=MultiDict([*sent_back(check.data).items(multi=True), ("change", "reason")])
    )
    assert change.status_code == 200
    main = change.data.split(b"<main", 1)[1].split(b"</main>", 1)[0]
    box = re.search(r'<textarea[^>]*name="reason"[^>]*>(.*?)</textarea>', main.decode(), re.S)
    assert box and html.unescape(box.group(1)).strip() == REASON
    assert "This form expired" in page_text(b"<" + main) and "send them again" in page_text(main)
    fresh = dict(HIDDEN.findall(main.decode()))["csrf_token"]
    sent = visitor.post(
        url,
        data={
            **dict(HIDDEN.findall(main.decode())),
            "on": ["1", "3", "2024"],
            "reason": REASON,
            "csrf_token": fresh,
        },
    )
    again = checked(visitor, sent)
    assert "Check your answers before you decommission the review" in page_text(again.data)
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.reviews.get(review).decommissioned is None  # nothing recorded yet
