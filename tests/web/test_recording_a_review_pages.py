"""A first-time officer recording a Domestic Homicide Review: what each page tells them at the
points a walk-through found them stuck (a fact to change, a submission not yet possible, IMRs
still awaited, the action just planned, an example date)."""

from __future__ import annotations

import html
import re
from datetime import date
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from api.web.fields import DATE_EXAMPLE
from domain.actionplan import Scope
from domain.recording import acting_as
from domain.themes import ThemeKind
from tenants.platform import Platform
from tests.web.conftest import People, csrf, page_text, sign_in
from tests.web.test_case_pages import checked, open_case, sent_back
from tests.web.test_imr_pages import under_review


def test_the_notify_pages_hints_give_the_example_date_its_error_gives(
    visitor: FlaskClient, people: People
) -> None:
    """A hint saying "3 4 2017" above an error saying "27 3 2017" made the officer wonder
    which form the date should take: one example, everywhere."""
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/new"
    page = page_text(visitor.get(url).data)
    hints = re.findall(r"For example, (\d+ \d+ \d+)", page)
    assert hints == [DATE_EXAMPLE, DATE_EXAMPLE]  # the death's date and the notification's
    sent = {
        "csrf_token": csrf(visitor.get(url).data),
        "reference": "NT-EX",
        "pseudonym": "Jo",
        "kind": "dhr",
        "death_category": "intimate_partner_homicide",
        "incident_on": ["", "", ""],
        "notified_on": ["", "", ""],
    }
    refused = page_text(visitor.post(url, data=sent).data)
    assert f"Enter the date of the notification, for example {DATE_EXAMPLE}" in refused
    assert set(re.findall(r"for example (\d+ \d+ \d+)", refused, re.I)) == {DATE_EXAMPLE}


def about_the_case(page: bytes) -> dict[str, str | None]:
    """Each "About the case" row's key and where its "Change" link leads (None: no link)."""
    section = re.search(r">About the case</h2>(.*?)</dl>", page.decode(), re.S)
    assert section, "no 'About the case' summary list"
    rows = re.findall(r'<div class="govuk-summary-list__row[^"]*">(.*?)</div>', section[1], re.S)
    found: dict[str, str | None] = {}
    for row in rows:
        key = re.search(r'<dt class="govuk-summary-list__key">\s*(.*?)\s*</dt>', row, re.S)
        change = re.search(r'<a class="govuk-link" href="([^"]+)">\s*Change', row)
        assert key
        found[html.unescape(key[1])] = html.unescape(change[1]) if change else None
    return found


def decided_and_commissioned(platform: Platform, tenant: str, reference: str) -> UUID:
    review = open_case(platform, tenant, reference)
    with acting_as("system"), platform.ledgers.lease(tenant) as ledger:
        ledger.reviews.decide(review, date(2024, 2, 20), "hold", "")
        ledger.reviews.commission(review, date(2024, 3, 1), "Chair A", "Author B", 850_000)
    return review


def test_a_lead_changes_each_correctable_fact_about_the_case_from_its_row(
    web_app: Flask, visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """Each fact a correction can reach has its "Change" into that correction; the reference,
    the decision's outcome and a fact never recorded have none; an officer, who may not
    correct, sees none at all."""
    review = decided_and_commissioned(platform, people.tenant, "NT-CHANGE")
    case = f"/partnerships/{people.tenant}/cases/{review}"
    fix = f"/partnerships/{people.tenant}/corrections/{review}"
    sign_in(visitor, people.names["lead"])
    rows = about_the_case(visitor.get(case).data)
    assert rows == {
        "Reference": None,
        "Pseudonym": f"{fix}/pseudonym?from=case",
        "Kind of review": f"{fix}/kind?from=case",
        "How the person died": f"{fix}/death_category?from=case",
        "Date of the death": f"{fix}/incident_on?from=case",
        "Date notified": f"{fix}/notified_on?from=case",
        "Age": None,  # not recorded: nothing to correct
        "Sex": None,
        "Perpetrator's relationship": None,
        "Decision": None,
        "Date of the decision": f"{fix}/decided_on?from=case",
        "Agreed cost": f"{fix}/parts/commission.1.cost_pence?from=case",
    }
    for href in filter(None, rows.values()):
        assert visitor.get(href).status_code == 200, href
    assert "Correct the pseudonym" in page_text(visitor.get(f"{fix}/pseudonym").data)
    # the row the lead chose is the fact the page corrects, in the same words ("Change Date of
    # the death" led to "Correct the date of the incident")
    assert "Correct the date of the death" in page_text(visitor.get(f"{fix}/incident_on").data)
    hidden = '<span class="govuk-visually-hidden"> date of the death</span>'
    assert hidden in visitor.get(case).data.decode()  # which "Change", for a screen reader

    officer = web_app.test_client()
    sign_in(officer, people.names["officer"])
    assert set(about_the_case(officer.get(case).data).values()) == {None}


def test_the_confirmation_of_an_action_planned_links_to_the_new_action(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """After "Plan an action" the officer was offered another action and the case, but not
    the action just planned, where its progress and evidence are recorded."""
    review = open_case(platform, people.tenant, "NT-ACTION")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        theme = ledger.themes.all(ThemeKind.THEME)[0].code
        rec = ledger.recommendations.make(
            review, "1", "Ask about coercive control.", Scope.MULTI_AGENCY, date(2024, 5, 1),
            [theme], target_organisation="Northtown Council",
        )  # fmt: skip
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/action"
    sent = visitor.post(
        url,
        data={
            "csrf_token": csrf(visitor.get(url).data),
            "recommendation": str(rec),
            "owner": "Northtown Council",
            "description": "Train the front door team.",
            "due_on": ["1", "12", "2024"],
        },
    )
    assert sent.status_code == 302, page_text(sent.data)[:2000]
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        (action,) = [a for r, actions in ledger.plan.of_review(review) for a in actions]
    confirmed = visitor.get(sent.headers["Location"]).data.decode()
    assert "Action planned" in confirmed
    to_it = f'href="/partnerships/{people.tenant}/actions/{action.id}">View the action'
    assert to_it in confirmed
    assert visitor.get(f"/partnerships/{people.tenant}/actions/{action.id}").status_code == 200
    # an address naming no id shows no link, and no text from it
    bare = visitor.get(f"{url}/done?made=<b>me</b>").data.decode()
    assert "View the action" not in bare and "<b>me</b>" not in bare


def submission_sent(visitor: FlaskClient, url: str, on: tuple[str, str, str]) -> TestResponse:
    """The submission's date sent as its question page would send it, form or none."""
    page = visitor.get(url.removesuffix("/check")).data.decode()  # the check page's GET: 302
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page)
    sent = {"csrf_token": csrf(page.encode()), "on": list(on)}  # the sign-out's, if no form
    return visitor.post(url, data=sent | ({"version": version[1]} if version else {}))


def test_the_submission_page_says_what_the_case_still_waits_for_and_takes_no_form(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """Typed into the address bar before the case can go, the page said nothing and its form
    ended in the ledger's refusal: it now says what the task list says, offers the next task,
    links to the steps it waits for, and a form sent anyway records nothing."""
    review = under_review(platform, people.tenant, "NT-EARLY")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.draft(review, "overview_report", date(2024, 6, 1))
    sign_in(visitor, people.names["officer"])
    case = f"/partnerships/{people.tenant}/cases/{review}"
    needs = "Needs the executive summary drafted and the action plan agreed"
    assert needs in page_text(visitor.get(case).data)  # the task list's hint
    page = visitor.get(f"{case}/submission").data.decode()
    said = page_text(page.encode())
    assert f"Cannot start yet {needs}." in said
    assert 'name="version"' not in page and "Submit to the Home Office" in said  # no form
    assert f'href="{case}/draft">Record a draft</a>' in page  # what it waits for, linked
    assert f'href="{case}/action-plan-agreed">Record the action plan agreed</a>' in page
    for url in (f"{case}/submission", f"{case}/submission/check"):
        sent = submission_sent(visitor, url, ("1", "7", "2024"))
        assert sent.status_code == 409, url
        assert f"Cannot start yet {needs}." in page_text(sent.data)
        assert "cannot be submitted without" not in page_text(sent.data)  # the ledger's words
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.reviews.get(review).submitted_on is None

    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.pause(review, date(2024, 6, 10), "inquest")
    paused = visitor.get(f"{case}/submission").data
    assert "Cannot start yet Needs the review resumed." in page_text(paused)
    assert f'href="{case}/resumption">Resume the review</a>' in paused.decode()


def ready_to_submit(platform: Platform, tenant: str, reference: str) -> UUID:
    review = under_review(platform, tenant, reference)
    with acting_as("system"), platform.ledgers.lease(tenant) as ledger:
        for document in ("overview_report", "executive_summary"):
            ledger.reviews.draft(review, document, date(2024, 6, 1))
        ledger.reviews.agree_action_plan(review, date(2024, 6, 2))
    return review


def test_submitting_with_imrs_outstanding_warns_how_many_and_from_whom_then_submits(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """The ledger submits a case with IMRs still awaited; the officer is told first, on the
    question and the check page, naming the agencies as the directory does."""
    with platform.region_ledgers.lease(people.region) as region:
        region.partners.add("mid-police", "Midshire Police", "police", date(2015, 4, 1))
    review = ready_to_submit(platform, people.tenant, "NT-IMRS")
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/submission"
    assert "Warning" not in page_text(visitor.get(url).data)  # none awaited: no warning
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        for agency in ("mid-police", "Mental Health Trust", "Northtown Council"):
            ledger.imrs.request(review, agency, date(2024, 3, 1), date(2024, 4, 1))
        ledger.imrs.receive(review, "Northtown Council", date(2024, 3, 20))
    warning = (
        "Warning 2 IMRs are still outstanding, from Mental Health Trust and Midshire Police. "
        "You can submit without them, but an IMR cannot be recorded while the Home Office "
        "has the case."
    )
    page = visitor.get(url).data
    assert warning in page_text(page) and "mid-police" not in page.decode()
    assert b'class="govuk-warning-text"' in page
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.imrs.receive(review, "mid-police", date(2024, 3, 21))
    one = "Warning 1 IMR is still outstanding, from Mental Health Trust. You can submit without it,"
    assert one in page_text(visitor.get(url).data)
    check = checked(visitor, submission_sent(visitor, url, ("3", "6", "2024")))
    assert check.status_code == 200 and one in page_text(check.data)  # the check page too
    confirmed = visitor.post(f"{url}/check", data=sent_back(check.data))
    assert confirmed.status_code == 302, page_text(confirmed.data)[:2000]
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.reviews.get(review).submitted_on == date(2024, 6, 3)


def test_a_paused_case_says_since_when_and_why_beside_its_clocks(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """A lead asking why a review's due date is years away read only 'Days paused'; the
    reason was far down the history. The clocks say it, and stop saying it once resumed."""
    review = under_review(platform, people.tenant, "NT-PAUSED")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.pause(review, date(2024, 6, 10), "criminal_trial", "trial listed")
    sign_in(visitor, people.names["lead"])
    case = f"/partnerships/{people.tenant}/cases/{review}"

    def clocks() -> str:
        main = visitor.get(case).data.decode().split("</main>", 1)[0]
        return page_text(main.split("Statutory clocks", 1)[1].split("</dl>", 1)[0].encode())

    assert "Paused since 10 June 2024: a criminal trial (trial listed)" in clocks()
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.resume(review, date(2024, 7, 1))
    assert "Paused since" not in clocks() and "Days paused 21" in clocks()
