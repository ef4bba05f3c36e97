"""An agency asks for more time for its IMR in the service, the panel answers on the case's
page, and the agency reads the answer: before, it phoned or emailed, nothing kept the request,
the officer forgot it and an auditor could not see that the agency had asked in time."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import date, timedelta
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from api.web.formatting import long_date
from domain.calendar import uk_today
from domain.recording import acting_as
from tenants.platform import Platform
from tests.web.conftest import People, csrf, page_text, sign_in
from tests.web.test_agency_pages import POLICE, police_user, post
from tests.web.test_agency_work_pages import main_text
from tests.web.test_imr_pages import submit, under_review
from tests.web.test_plan_corrections_pages import beside_the_box

DUE = date(2024, 4, 1)


def asked_of_police(platform: Platform, people: People, reference: str) -> UUID:
    review = under_review(platform, people.tenant, reference)
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.imrs.request(review, POLICE, date(2024, 3, 1), DUE)
    return review


def boxes(day: date) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


def hidden(page: bytes) -> list[tuple[str, str]]:
    """The answers a check page carries back, as its form sends them."""
    return re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page.decode())


def ask(police: FlaskClient, tenant: str, review: UUID, due_on: date, reason: str) -> str:
    """Ask on the question page, check the answers, send them: the confirmation's address."""
    mine = f"/partnerships/{tenant}/agency-work/cases/{review}/imr/more-time"
    asked = post(police, mine, {"due_on": boxes(due_on), "reason": reason})
    assert asked.status_code == 303, main_text(asked.data)
    assert asked.headers["Location"].endswith(f"{mine}/check")
    check = police.get(f"{mine}/check")
    said = main_text(check.data)
    assert f"Date you propose {due_on.day} " in said and f"Why you need more time {reason}" in said
    sent = police.post(
        f"{mine}/check", data=MultiDict([("csrf_token", csrf(check.data)), *hidden(check.data)])
    )
    assert sent.status_code == 302, main_text(sent.data)
    return str(sent.headers["Location"])


def test_an_agency_asks_for_more_time_checks_it_and_is_told_who_decides(
    web_app: Flask, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    agency = police_user(platform, people, unique)
    review = asked_of_police(platform, people, "MT-W1")
    police = web_app.test_client()
    sign_in(police, agency)
    imr = f"/partnerships/{people.tenant}/agency-work/cases/{review}/imr"
    assert "Due 1 April 2024 " in main_text(police.get(imr).data)
    assert f'href="{imr}/more-time"' in police.get(imr).data.decode()

    # A date not after the one already due is refused beside its box, the reason kept.
    refused = post(police, f"{imr}/more-time", {"due_on": boxes(DUE), "reason": "Author ill"})
    said = main_text(refused.data)
    assert refused.status_code == 200 and "There is a problem" in said, said
    assert "already due on 1 April 2024; propose a later date" in said
    assert "Author ill</textarea>" in refused.data.decode()
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.reviews.get(review).imrs[0].extension_requests == ()

    proposed = uk_today() + timedelta(days=30)
    # "Change" on the check page brings the question back with the answers kept.
    kept = post(police, f"{imr}/more-time", {"due_on": boxes(proposed), "reason": "Author ill"})
    assert kept.status_code == 303
    changing = police.get(f"{imr}/more-time").data.decode()
    assert "Author ill</textarea>" in changing
    assert f'id="due_on-year" name="due_on" type="text" value="{proposed.year}"' in changing
    done = ask(police, people.tenant, review, proposed, "Author off sick")
    sent = main_text(police.get(done).data)
    assert "Request for more time sent" in sent, sent
    assert "Northtown’s panel decides: its community safety officers and lead" in sent
    assert "Until they agree, your IMR is still due on 1 April 2024." in sent
    page = main_text(police.get(imr).data)
    assert "Northtown’s panel has not answered yet: until it agrees, your IMR is still due" in page
    assert "Waiting for an answer" in page and "Ask for more time" not in page
    # A second request while the first waits is not offered, and refused if sent.
    again = main_text(police.get(f"{imr}/more-time").data)
    assert "has not answered yet: you can ask again once it has" in again
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        (request,) = ledger.reviews.get(review).imrs[0].extension_requests
    assert (request.asked_on, request.due_on, request.open) == (uk_today(), proposed, True)
    # A case that asked nothing of the police is not found, as on every agency page.
    other = under_review(platform, people.tenant, "MT-W1b")
    base = f"/partnerships/{people.tenant}/agency-work/cases/{other}/imr/more-time"
    assert police.get(base).status_code == 404
    assert police.get(f"{base}/check").status_code == 404


def test_the_panel_refuses_on_the_case_page_and_the_agency_reads_why(
    web_app: Flask, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    agency = police_user(platform, people, unique)
    review = asked_of_police(platform, people, "MT-W2")
    police, officer = web_app.test_client(), web_app.test_client()
    sign_in(police, agency)
    sign_in(officer, people.names["officer"])
    proposed = uk_today() + timedelta(days=30)
    ask(police, people.tenant, review, proposed, "Author off sick")

    register = main_text(officer.get(f"/partnerships/{people.tenant}/cases").data)
    assert "Agencies asking for more time for their IMRs: 1 in 1 case" in register, register
    assert "MT-W2: 1 request to answer" in register
    case = f"/partnerships/{people.tenant}/cases/{review}"
    page = main_text(officer.get(case).data)
    assert "Midshire Police asks for more time Asked on" in page, page
    assert "to be due on " + f"{proposed.day} " in page and "Its reason: Author off sick" in page
    assert "Agree to more time for Midshire Police" in page
    assert "Refuse more time for Midshire Police" in page

    refusal = f"{case}/imr-extension-refusal?agency={POLICE}"
    opened = main_text(officer.get(refusal).data)
    assert "Refuse more time for Midshire Police" in opened, opened
    assert "Its reason: Author off sick" in opened
    checked = submit(
        officer,
        refusal,
        {"agency": POLICE, "on": boxes(uk_today()), "reason": "The panel meets next week"},
    )
    assert checked.status_code == 303, main_text(checked.data)
    check = officer.get(checked.headers["Location"])
    sent = MultiDict([("csrf_token", csrf(check.data)), *hidden(check.data)])
    done = officer.post(checked.headers["Location"], data=sent)
    assert done.status_code == 302, main_text(done.data)
    assert "Request for more time refused" in main_text(officer.get(done.headers["Location"]).data)

    page = main_text(
        police.get(f"/partnerships/{people.tenant}/agency-work/cases/{review}/imr").data
    )
    assert f"Refused on {uk_today().day} " in page and "The panel meets next week" in page, page
    assert "Ask for more time" in page  # it may ask again
    case_page = main_text(officer.get(case).data)  # the officer sees the answer given
    assert "asks for more time" not in case_page
    assert (
        f"Refused on {long_date(uk_today())} by {people.names['officer']}: The panel meets next week"
    ) in case_page, case_page
    register = main_text(officer.get(f"/partnerships/{people.tenant}/cases").data)
    assert "Agencies asking for more time" not in register
    nothing_to_refuse = main_text(officer.get(refusal).data)
    assert "Needs an agency's request for more time, which it makes on" in nothing_to_refuse


def test_agreeing_fills_in_the_agencys_date_which_the_panel_may_change(
    web_app: Flask, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    agency = police_user(platform, people, unique)
    review = asked_of_police(platform, people, "MT-W3")
    police, officer = web_app.test_client(), web_app.test_client()
    sign_in(police, agency)
    sign_in(officer, people.names["officer"])
    proposed = uk_today() + timedelta(days=30)
    ask(police, people.tenant, review, proposed, "Author off sick")

    agree = f"/partnerships/{people.tenant}/cases/{review}/imr-extension?agency={POLICE}"
    form = officer.get(agree).data.decode()
    assert "Agree to more time for Midshire Police" in page_text(form.encode())
    assert f'id="due_on-year" name="due_on" type="text" value="{proposed.year}"' in form
    assert "Author off sick</textarea>" in form
    shorter = uk_today() + timedelta(days=20)
    done = submit(
        officer,
        agree,
        {
            "agency": POLICE,
            "on": boxes(uk_today()),
            "due_on": boxes(shorter),
            "reason": "Agreed, to the panel's next meeting",
        },
    )
    assert done.status_code == 302, main_text(done.data)
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        imr = ledger.reviews.get(review).imrs[0]
    assert imr.current_due_on == shorter and imr.open_extension_request is None
    page = main_text(
        police.get(f"/partnerships/{people.tenant}/agency-work/cases/{review}/imr").data
    )
    today, shorter_words, proposed_words = (long_date(d) for d in (uk_today(), shorter, proposed))
    assert (
        f"Agreed to a different date on {today}: your IMR is due on {shorter_words}, "
        f"not {proposed_words} as you asked."
    ) in page, page
    case = main_text(officer.get(f"/partnerships/{people.tenant}/cases/{review}").data)
    assert "asks for more time" not in case
    assert (
        "Requests for more time answered Agency Asked on Asked to be due Answer Midshire Police"
    ) in case, case
    assert (
        f"Agreed to a different date on {today} by {people.names['officer']}: due {shorter_words}, "
        f"not {proposed_words} as asked"
    ) in case, case
    assert (
        f"extended to {shorter_words}, a different date from the {proposed_words} the agency "
        "asked for"
    ) in case  # the history says so too
    assert "Midshire Police asked for more time for its IMR" in case  # the history says so


def test_the_register_download_carries_each_request_waiting_for_an_answer(
    web_app: Flask, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    """A lead taking the register to the board sees which agencies wait for the panel's
    answer, since when and for which date, as the officer's reminder tells it."""
    agency = police_user(platform, people, unique)
    review = asked_of_police(platform, people, "MT-W4")
    police, lead = web_app.test_client(), web_app.test_client()
    sign_in(police, agency)
    sign_in(lead, people.names["lead"])
    proposed = uk_today() + timedelta(days=30)
    ask(police, people.tenant, review, proposed, "Author off sick")

    def waiting() -> str:
        got = lead.get(f"/partnerships/{people.tenant}/downloads/cases.csv")
        rows = csv.DictReader(io.StringIO(got.data.decode("utf-8-sig")))
        return {r["Reference"]: r for r in rows}["MT-W4"]["Requests for more time waiting"]

    asked = f"Midshire Police: asked {long_date(uk_today())} to be due {long_date(proposed)}"
    assert waiting() == asked
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.imrs.refuse_extension(review, POLICE, uk_today(), "The panel meets next week")
    assert waiting() == ""


def test_correcting_the_due_date_past_the_date_asked_says_to_answer_the_request_first(
    web_app: Flask, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    """A correction to the agency's date or later would answer its request without a word to
    it: refused beside the box, saying what to do, and nothing recorded."""
    agency = police_user(platform, people, unique)
    review = asked_of_police(platform, people, "MT-W5")
    police, lead = web_app.test_client(), web_app.test_client()
    sign_in(police, agency)
    sign_in(lead, people.names["lead"])
    proposed = uk_today() + timedelta(days=30)
    ask(police, people.tenant, review, proposed, "Author off sick")
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        before = ledger.reviews.get(review).version

    url = f"/partnerships/{people.tenant}/corrections/{review}/parts/imr.1.due_on"
    refused = submit(lead, url, {"value": boxes(proposed), "reason": "the letter said so"})
    assert refused.status_code == 200
    assert beside_the_box(refused.data.decode(), "answer the request for more time first")
    said = main_text(refused.data)
    assert f"The agency asked on {long_date(uk_today())} for its IMR to be due on" in said, said
    assert "mid-police" not in said  # a directory key is never shown
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.reviews.get(review).version == before
    earlier = submit(lead, url, {"value": boxes(DUE + timedelta(days=7)), "reason": "the letter"})
    assert earlier.status_code == 302  # before the date asked, the request still asks
