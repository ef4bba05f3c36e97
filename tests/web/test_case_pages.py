"""The officer's and lead's pages through a browser without JavaScript, on both stores:
scope and roles, stale forms, what a refusal looks like, and the register's filters."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict
from werkzeug.test import TestResponse

from domain.actionplan import Scope
from domain.calendar import uk_today
from domain.recording import acting_as
from domain.themes import ThemeKind
from tenants.platform import Platform
from tests.projections.support import recommend
from tests.web.conftest import (
    People,
    csrf,
    page_text,
    post_form,
    sign_in,
    sign_in_with_code,
    sign_out,
)

UUID_TEXT = re.compile(r">[^<]*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}[^<]*<")


def open_case(platform: Platform, tenant: str, reference: str, pseudonym: str = "Mary") -> UUID:
    with acting_as("system"), platform.ledgers.lease(tenant) as ledger:
        return ledger.reviews.notify(
            reference,
            date(2024, 2, 1),
            date(2024, 2, 5),
            pseudonym,
            "dhr",
            "intimate_partner_homicide",
        )


def checked(visitor: FlaskClient, sent: TestResponse) -> TestResponse:
    """The check page a question page's answers were sent on to: asked for with a GET, so the
    browser's Back and Refresh never offer to send the answers again."""
    assert sent.status_code == 303, sent.data.decode()[:2000]
    assert sent.headers["Location"].endswith("/check")
    return visitor.get(sent.headers["Location"])


def sent_back(page: bytes) -> MultiDict[str, str]:
    """What the check page's form sends, as a browser sends it: its hidden inputs."""
    form = re.search(r'<form id="answers".*?</form>', page.decode(), re.S)
    assert form, "no form carrying the answers"
    inputs = re.findall(r"<input\b[^>]*>", form.group(0))
    attrs = [dict(re.findall(r'(\w+)="([^"]*)"', i)) for i in inputs]
    return MultiDict([(html.unescape(a["name"]), html.unescape(a["value"])) for a in attrs])


def test_the_register_lists_the_partnerships_cases_with_their_clock_tags(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    open_case(platform, people.tenant, "NT-1", "Mary")
    open_case(platform, people.neighbour, "ST-1", "Zoe")
    sign_in(visitor, people.names["officer"])
    html = visitor.get(f"/partnerships/{people.tenant}/cases").data.decode()
    assert "NT-1" in html and "Mary" in html and "ST-1" not in html
    assert "Decision overdue" in html and "Past 7 months" in html
    assert "5 February 2024" in html and "OFFICIAL-SENSITIVE" in html
    assert not UUID_TEXT.search(html)


def test_the_register_narrows_to_the_cases_a_statutory_clock_has_passed(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    late = open_case(platform, people.tenant, "NT-LATE")  # died February 2024, no decision
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        rec = recommend(ledger, late, "R1", ["training"])
        ledger.actions.plan(rec, "Police", "Brief every shift.", date(2024, 6, 1))
        done = ledger.actions.plan(rec, "Housing", "Rehouse first.", date(2030, 1, 31))
        ledger.actions.complete(done, date(2024, 7, 1))
        today = uk_today()
        ledger.reviews.notify("NT-NEW", today, today, "Ann", "dhr", "intimate_partner_homicide")
    sign_in(visitor, people.names["officer"])
    register = f"/partnerships/{people.tenant}/cases"
    narrowed = page_text(visitor.get(f"{register}?clock=Decision+overdue").data)
    assert "NT-LATE" in narrowed and "NT-NEW" not in narrowed
    assert "Showing 1 case of 2" in narrowed and "Clear filters" in narrowed
    page = visitor.get(register).data.decode()
    everything = page_text(page.encode())
    assert "NT-LATE" in everything and "NT-NEW" in everything
    attention = page_text(page.split("Needs attention today", 1)[1].split("</ul>", 1)[0].encode())
    assert "Decision overdue: 1 case" in attention and "Actions overdue: 1" in attention
    assert "Actions completed, awaiting the lead's sign-off: 1" in attention
    plan = f"/partnerships/{people.tenant}/action-plan?show=awaiting_sign_off"
    waiting = page_text(visitor.get(plan).data)
    assert "Rehouse first." in waiting and "Brief every shift." not in waiting
    assert 'href="/partnerships/' in page and "cases?clock=Decision+overdue" in page


def test_the_register_leads_to_the_impact_reviews_awaited_once_one_is_late(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """The board paper asks for the late impact reviews to be carried out: the lead's start
    page lists them beside the overdue actions, counting what the plan's filter then shows."""
    review = open_case(platform, people.tenant, "NT-IMPACT")
    today = uk_today()
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        rec = recommend(ledger, review, "R1", ["training"])
        fresh = ledger.actions.plan(rec, "Housing", "Rehouse first.", date(2030, 1, 31))
        ledger.actions.complete(fresh, today)  # its impact review is months away
    sign_in(visitor, people.names["lead"])
    register = f"/partnerships/{people.tenant}/cases"

    def main(url: str = register) -> str:
        return visitor.get(url).data.decode().split("<main", 1)[1].split("</main>", 1)[0]

    assert "impact review" not in page_text(main().encode())  # nothing late: nothing to do
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        late = ledger.actions.plan(rec, "Police", "Brief every shift.", date(2024, 6, 1))
        ledger.actions.complete(late, date(2024, 7, 1))  # reviewed by January 2025
    page = main()
    attention = page_text(page.split("Needs attention today", 1)[1].split("</ul>", 1)[0].encode())
    assert "Actions awaiting their impact review: 2 (1 overdue)" in attention
    assert "action-plan?show=awaiting_impact_review" in page
    plan = page_text(
        main(f"/partnerships/{people.tenant}/action-plan?show=awaiting_impact_review").encode()
    )
    assert "2 actions shown" in plan


def test_the_plan_gives_the_impact_reviews_own_due_date_beside_the_actions(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """'Impact review overdue' beside 'Due 1 June 2024' read as if the review had been due
    then: the row says when the impact review itself is due."""
    review = open_case(platform, people.tenant, "NT-IMPACT-DUE")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        rec = recommend(ledger, review, "R1", ["training"])
        done = ledger.actions.plan(rec, "Police", "Brief every shift.", date(2024, 6, 1))
        due = ledger.actions.complete(done, date(2024, 7, 1))
    sign_in(visitor, people.names["lead"])
    page = visitor.get(f"/partnerships/{people.tenant}/action-plan?show=awaiting_impact_review")
    main = page_text(page.data.decode().split("<main", 1)[1].split("</main>", 1)[0].encode())
    assert "1 June 2024" in main and "Impact review overdue" in main
    assert f"Impact review due {due.day} {due:%B %Y}" in main


def test_what_needs_attention_follows_each_change_though_it_is_kept_between_views(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """The counts need every action loaded, so they are kept while the store stands still:
    a change made since (here, through another process's way in: a fresh lease) shows at once."""
    late = open_case(platform, people.tenant, "NT-KEPT")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        rec = recommend(ledger, late, "R1", ["training"])
        first = ledger.actions.plan(rec, "Police", "Brief every shift.", date(2024, 6, 1))
    sign_in(visitor, people.names["officer"])
    register = f"/partnerships/{people.tenant}/cases"

    def attention() -> str:
        page = visitor.get(register).data.decode()
        return page_text(page.split("Needs attention today", 1)[1].split("</ul>", 1)[0].encode())

    assert "Actions overdue: 1" in attention() and "Actions overdue: 1" in attention()
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.actions.plan(rec, "Housing", "Rehouse first.", date(2024, 7, 1))
    assert "Actions overdue: 2" in attention()
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.actions.complete(first, date(2024, 7, 2))
    now = attention()
    assert "Actions overdue: 1" in now and "awaiting the lead's sign-off: 1" in now


def test_the_opened_page_says_by_when_to_decide_and_links_the_decision(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    late = open_case(platform, people.tenant, "NT-1")  # died 1 February 2024
    sign_in(visitor, people.names["officer"])
    words = page_text(visitor.get(f"/partnerships/{people.tenant}/cases/{late}/opened").data)
    assert "was due on 1 March 2024 , one month after the death" in words  # the date in bold
    assert "Record the decision" in words
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        today = uk_today()
        fresh = ledger.reviews.notify(
            "NT-2", today, today, "Ann", "dhr", "intimate_partner_homicide"
        )
        due = ledger.reviews.get(fresh).timeliness(today).decision_due
    words = page_text(visitor.get(f"/partnerships/{people.tenant}/cases/{fresh}/opened").data)
    assert f"decide whether to hold a review by {due.day} {due:%B %Y} , one month after" in words
    sign_out(visitor)
    sign_in_with_code(visitor, people.names["auditor"], people.totp["auditor"])
    auditor = page_text(visitor.get(f"/partnerships/{people.tenant}/cases/{fresh}/opened").data)
    assert "Record the decision" not in auditor


def test_every_date_question_says_which_box_is_which(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = open_case(platform, people.tenant, "NT-1")
    sign_in(visitor, people.names["officer"])
    for step in ("decision", "finding", "panel-meeting"):
        page = page_text(visitor.get(f"/partnerships/{people.tenant}/cases/{review}/{step}").data)
        assert "For example, 27 3 2017 Day Month Year" in page, step


def test_the_register_searches_and_filters_and_pages(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    for n in range(23):
        open_case(platform, people.tenant, f"NT-{n:02d}", f"P{n:02d}")
    sign_in(visitor, people.names["officer"])
    base = f"/partnerships/{people.tenant}/cases"
    first = visitor.get(base).data.decode()
    assert "23 cases" in first and first.count("/cases/") >= 20 and "page=2" in first
    shown = re.findall(r">(NT-\d\d)<", first)
    assert shown[0] == "NT-22" and "NT-00" not in shown, shown  # same day: latest recorded first
    assert "NT-00" in visitor.get(f"{base}?page=2").data.decode()
    found = visitor.get(f"{base}?q=p07").data.decode()
    assert "NT-07" in found and "NT-08" not in found and "Showing 1 case of 23" in found
    assert "No cases match" in visitor.get(f"{base}?status=published").data.decode()
    assert "23 cases" in visitor.get(f"{base}?year=2024&kind=dhr").data.decode()


def test_another_partnerships_cases_are_not_found_whether_or_not_they_exist(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    theirs = open_case(platform, people.neighbour, "ST-2")
    sign_in(visitor, people.names["officer"])
    exists = visitor.get(f"/partnerships/{people.neighbour}/cases/{theirs}")
    missing = visitor.get(f"/partnerships/{people.neighbour}/cases/{UUID(int=7)}")
    nowhere = visitor.get("/partnerships/no-such-place/cases")
    via_own = visitor.get(f"/partnerships/{people.tenant}/cases/{theirs}")
    for page in (exists, missing, nowhere, via_own):
        assert page.status_code == 404 and "Page not found" in page.data.decode()
        assert "ST-2" not in page.data.decode() and "Southtown" not in page.data.decode()


def test_a_signed_out_person_is_asked_to_sign_in_first(
    visitor: FlaskClient, people: People
) -> None:
    response = visitor.get(f"/partnerships/{people.tenant}/cases")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/?next=/partnerships/{people.tenant}/cases"


def test_a_step_records_the_use_case_and_confirms_with_a_panel(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = open_case(platform, people.tenant, "NT-3")
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/decision"
    response = post_form(visitor, url, {"outcome": "hold", "on": "", "on-x": ""} | {})
    assert "Enter the date of the decision, for example 27 3 2017" in response.data.decode()
    token = csrf(visitor.get(url).data)
    version = re.search(
        r'name="version" type="hidden" value="(\d+)"', visitor.get(url).data.decode()
    )
    assert version
    done = visitor.post(
        url,
        data={
            "csrf_token": token,
            "version": version[1],
            "outcome": "hold",
            "on": ["20", "2", "2024"],
        },
    )
    assert done.status_code == 302 and done.headers["Location"].endswith("/decision/done")
    confirmed = visitor.get(done.headers["Location"]).data.decode()
    assert "Decision recorded" in confirmed
    # and what the case asks for next, linked, rather than a heading with nothing under it
    next_step = f'href="/partnerships/{people.tenant}/cases/{review}/home-office-notification"'
    assert f"{next_step}>Notify the Home Office of the decision</a>" in confirmed
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        found = ledger.reviews.get(review)
        assert found.decision is not None and found.decision.decided_on == date(2024, 2, 20)
        recorder = getattr(list(ledger.events.get(review))[-1], "recorded_by")  # noqa: B009
    assert recorder == str(platform.access.user(people.names["officer"]).id)
    page = visitor.get(f"/partnerships/{people.tenant}/cases/{review}").data.decode()
    assert f"by {people.names['officer']}" in page and "20 February 2024" in page


def test_an_impossible_date_says_so_and_records_nothing(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = open_case(platform, people.tenant, "NT-4")
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/panel-meeting"
    page = visitor.get(url).data.decode()
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page)
    assert version
    html = visitor.post(
        url,
        data={"csrf_token": csrf(page.encode()), "version": version[1], "on": ["31", "2", "2024"]},
    ).data.decode()
    assert "The date of the panel meeting must be a real date" in html and 'href="#on-day"' in html
    short = visitor.post(  # a year of two numbers is asked for in full, not called unreal
        url,
        data={"csrf_token": csrf(page.encode()), "version": version[1], "on": ["3", "2", "24"]},
    ).data.decode()
    assert "The year in the date of the panel meeting must have 4 numbers" in short, short


def test_a_form_filled_in_against_an_old_version_is_refused_kindly(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = open_case(platform, people.tenant, "NT-5")
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/decision"
    page = visitor.get(url).data.decode()
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page)
    assert version
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.correct(review, "pseudonym", "Ann", "Mis-keyed")  # meanwhile
    html = visitor.post(
        url,
        data={
            "csrf_token": csrf(page.encode()),
            "version": version[1],
            "outcome": "not_hold",
            "reason": "No domestic abuse context",
            "on": ["11", "2", "2024"],
        },
    ).data.decode()
    said = page_text(html.encode())
    assert (  # worded for someone else and for the same person's other tab alike
        "This record changed after you opened this page (perhaps in another tab). "
        "Check its latest details, then submit again." in said
    )
    assert "Someone else" not in said
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.reviews.get(review).decision is None


def test_a_refusal_from_the_ledger_shows_in_the_error_summary_in_words(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = open_case(platform, people.tenant, "NT-6")
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/decision"
    page = visitor.get(url).data.decode()
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page)
    assert version
    html = visitor.post(
        url,
        data={
            "csrf_token": csrf(page.encode()),
            "version": version[1],
            "outcome": "hold",
            "on": ["3", "2", "2024"],
        },
    ).data.decode()
    assert "before the notification (5 February 2024)" in html and 'href="#on-day"' in html
    beside = re.search(r'<p id="on-error" class="govuk-error-message">(.*?)</p>', html, re.S)
    assert beside and "before the notification (5 February 2024)" in beside[1]  # at its box


def test_a_refusal_about_two_dates_is_shown_at_the_one_it_names_first(
    visitor: FlaskClient, people: People
) -> None:
    """'The notification is dated …, before the incident' is about the notification's date:
    the summary links there and the message stands beside it, not by the date of the death."""
    html = notify_form(
        visitor,
        people,
        reference="NT-TWO",
        incident_on=["12", "3", "2025"],
        notified_on=["1", "3", "2025"],
    )
    assert 'href="#notified_on-day"' in html and 'href="#incident_on-day"' not in html
    assert 'id="notified_on-error"' in html and 'id="incident_on-error"' not in html
    assert "OFFICIAL-SENSITIVE" in html  # the pseudonym and dates typed are on the page


def notify_form(visitor: FlaskClient, people: People, **answers: Any) -> str:
    """The officer sends 'Notify a death' with these answers over a complete, valid set."""
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/new"
    data = {
        "csrf_token": csrf(visitor.get(url).data),
        "reference": "NT-1",
        "pseudonym": "Jo",
        "kind": "dhr",
        "death_category": "intimate_partner_homicide",
        "incident_on": ["1", "3", "2025"],
        "notified_on": ["3", "3", "2025"],
        **dict.fromkeys(("victim_age_band", "victim_sex", "perpetrator_relationship"), ""),
        **answers,
    }
    return str(visitor.post(url, data=data).data.decode())


def test_an_invisible_character_pasted_into_a_box_is_refused_beside_it(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """A right-to-left override pasted with a pseudonym makes the record read otherwise than
    it says: refused beside the box, as the API refuses it, and no case is opened."""
    html = notify_form(visitor, people, reference="NT-BIDI", pseudonym="Jo\u202eanne")
    assert 'id="pseudonym-error"' in html and 'href="#pseudonym"' in html
    said = page_text(html.encode())
    assert "Contains a bidirectional override (U+202E at character 3)" in said
    assert "pasted from another document" in said
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert "NT-BIDI" not in ledger.reviews.index().references


def test_a_pseudonym_shaped_like_a_real_name_is_kept_once_the_officer_confirms_it(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """ "Baby Jane" looks like a real full name: refused beside the box with a box to tick
    if the family agreed it (the page said "send pseudonym_confirmed: true", which an
    officer cannot), then opened once ticked."""
    first = notify_form(visitor, people, reference="NT-BABY", pseudonym="Baby Jane")
    said = page_text(first.encode())
    assert 'id="pseudonym-error"' in first and "looks like a real full name" in said
    assert "pseudonym_confirmed:" not in said
    assert 'tick "Yes, this is the pseudonym agreed with the family"' in said
    assert 'name="pseudonym_confirmed"' in first  # the box to tick shows now
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert "NT-BABY" not in ledger.reviews.index().references

    url = f"/partnerships/{people.tenant}/cases/new"
    data = {
        "csrf_token": csrf(visitor.get(url).data),
        "reference": "NT-BABY",
        "pseudonym": "Baby Jane",
        "pseudonym_confirmed": "y",
        "kind": "dhr",
        "death_category": "intimate_partner_homicide",
        "incident_on": ["1", "3", "2025"],
        "notified_on": ["3", "3", "2025"],
        **dict.fromkeys(("victim_age_band", "victim_sex", "perpetrator_relationship"), ""),
    }
    assert visitor.post(url, data=data).status_code == 302
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert "NT-BABY" in ledger.reviews.index().references
    assert 'name="pseudonym_confirmed"' not in visitor.get(url).data.decode()  # only if needed


def test_only_a_lead_signs_off_and_an_officer_is_told_who_can(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = open_case(platform, people.tenant, "NT-7")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        from domain.actionplan import Scope
        from domain.themes import ThemeKind

        theme = ledger.themes.all(ThemeKind.THEME)[0].code
        rec = ledger.recommendations.make(
            review,
            "1",
            "Do better.",
            Scope.SINGLE_AGENCY,
            date(2024, 5, 1),
            [theme],
            target_organisation="Police",
        )
        action = ledger.actions.plan(rec, "Police", "Train call handlers.", date(2024, 9, 1))
        ledger.actions.complete(action, date(2024, 8, 1))
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/actions/{action}/sign-off"
    refused = visitor.get(url)
    assert refused.status_code == 403 and "ask your partnership’s lead" in refused.data.decode()
    assert (
        "Sign off completion"
        not in visitor.get(f"/partnerships/{people.tenant}/actions/{action}").data.decode()
    )
    sign_out(visitor)
    sign_in(visitor, people.names["lead"])
    assert (
        "Sign off completion"
        in visitor.get(f"/partnerships/{people.tenant}/actions/{action}").data.decode()
    )
    assert visitor.get(url).status_code == 200


def test_after_recording_an_action_complete_the_page_says_the_lead_signs_it_off(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """The confirmation said only that it was in the history: an officer was not told the
    action now waits for the lead, and a lead was not offered the sign-off."""
    review = open_case(platform, people.tenant, "NT-DONE")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        rec = recommend(ledger, review, "R1", ["training"])
        first = ledger.actions.plan(rec, "Police", "Train call handlers.", date(2024, 9, 1))
        second = ledger.actions.plan(rec, "Housing", "Rehouse first.", date(2024, 9, 1))

    def complete(action: UUID) -> str:
        url = f"/partnerships/{people.tenant}/actions/{action}/completion"
        form = visitor.get(url, follow_redirects=True).data.decode()  # a one-time key added
        inputs = [
            dict(re.findall(r'(\w+)="([^"]*)"', i)) for i in re.findall(r"<input[^>]*>", form)
        ]
        hidden = {i["name"]: i.get("value", "") for i in inputs if i.get("type") == "hidden"}
        sent = visitor.post(url, data={**hidden, "on": ["1", "8", "2024"]})
        assert sent.status_code == 302, sent.data.decode()[:2000]
        done = visitor.get(sent.headers["Location"]).data.decode()
        return done.split("<main", 1)[1].split("</main>", 1)[0]

    sign_in(visitor, people.names["officer"])
    said = page_text(complete(first).encode())
    assert "The partnership's lead signs the completion off" in said
    assert "awaiting the lead's sign-off" in said and "Sign off completion" not in said
    sign_out(visitor)
    sign_in(visitor, people.names["lead"])
    page = complete(second)
    assert f'href="/partnerships/{people.tenant}/actions/{second}/sign-off"' in page


def test_a_regional_lead_cannot_open_case_pages(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = open_case(platform, people.tenant, "NT-8")
    sign_in(visitor, people.names["regional"])
    page = visitor.get(f"/partnerships/{people.tenant}/cases/{review}")
    assert page.status_code == 403 and "NT-8" not in page.data.decode()


def test_findings_recommendations_and_actions_are_recorded_from_the_case_page(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = open_case(platform, people.tenant, "NT-9")
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        from domain.themes import ThemeKind

        theme = ledger.themes.all(ThemeKind.THEME)[0]
    sign_in(visitor, people.names["officer"])
    case = f"/partnerships/{people.tenant}/cases/{review}"

    def submit(step: str, data: dict[str, object]) -> str:
        page = visitor.get(f"{case}/{step}").data
        response = visitor.post(f"{case}/{step}", data={"csrf_token": csrf(page), **data})
        assert response.status_code == 302, response.data.decode()[:3000]
        return visitor.get(response.headers["Location"]).data.decode()

    themes = page_text(visitor.get(f"{case}/finding").data)
    assert theme.label in themes  # themes as checkboxes
    # a finer theme beside its Home Office theme says it is part of it, not a second choice
    assert "Training and awareness (within Training)" in themes
    submit(
        "finding",
        {
            "text": "Nobody asked about controlling behaviour.",
            "themes": [theme.code],
            "on": ["1", "6", "2024"],
        },
    )
    submit(
        "recommendation",
        {
            "reference": "1",
            "text": "Ask about coercive control.",
            "scope": "multi_agency",
            "themes": [theme.code],
            "target_organisation": "Northtown Council",
            "target_sector": "",
            "on": ["2", "6", "2024"],
        },
    )
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        rec = ledger.recommendations.of_review(review)[0]
    assert (
        f'value="{rec.id}" selected'
        in visitor.get(f"{case}/action?recommendation={rec.id}").data.decode()
    )
    submit(
        "action",
        {
            "recommendation": str(rec.id),
            "owner": "Northtown Council",
            "description": "Train the front door team.",
            "due_on": ["1", "12", "2024"],
        },
    )
    page = visitor.get(case).data.decode()
    assert "Nobody asked about controlling behaviour." in page and theme.label in page
    assert (
        "Recommendation 1" in page
        and "Train the front door team." in page
        and "1 December 2024" in page
    )
    assert "Finding 1 recorded" in page and "Recommendation 1 made" in page
    assert not UUID_TEXT.search(page)


def test_an_owner_that_shows_nothing_is_refused_on_the_page_as_the_api_refuses_it(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """A lone combining accent is one character, not blank to ``str.strip``, yet shows nothing:
    the page refuses it in the ledger's words, keeps the form, and plans no action."""
    review = open_case(platform, people.tenant, "NT-ACCENT")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        theme = ledger.themes.all(ThemeKind.THEME)[0].code
        rec = ledger.recommendations.make(
            review, "1", "Do better.", Scope.SINGLE_AGENCY, date(2024, 5, 1), [theme], "Police"
        )
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/action"
    page = visitor.get(f"{url}?recommendation={rec}").data
    answers = {
        "csrf_token": csrf(page),
        "recommendation": str(rec),
        "owner": "\u0301",
        "description": "Train the front door team.",
        "due_on": ["1", "12", "2024"],
    }
    response = visitor.post(url, data=answers)
    assert response.status_code == 200
    said = page_text(response.data)
    assert "There is a problem" in said
    assert "An action needs an owner agency and a description." in said
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.actions.of_recommendation(rec) == []


def test_an_actions_life_is_recorded_from_its_page(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = open_case(platform, people.tenant, "NT-10")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        from domain.actionplan import Scope
        from domain.themes import ThemeKind

        theme = ledger.themes.all(ThemeKind.THEME)[0].code
        rec = ledger.recommendations.make(
            review,
            "1",
            "Do better.",
            Scope.SINGLE_AGENCY,
            date(2024, 5, 1),
            [theme],
            target_organisation="Police",
        )
        action = ledger.actions.plan(rec, "Police", "Train call handlers.", date(2024, 9, 1))
    page_url = f"/partnerships/{people.tenant}/actions/{action}"

    def submit(step: str, data: dict[str, object]) -> None:
        page = visitor.get(f"{page_url}/{step}").data
        version = re.search(rb'name="version" type="hidden" value="(\d+)"', page)
        assert version
        response = visitor.post(
            f"{page_url}/{step}",
            data={"csrf_token": csrf(page), "version": version[1].decode(), **data},
        )
        if response.status_code == 303:  # on to a check page, carrying the answers
            check = checked(visitor, response).data
            response = visitor.post(f"{page_url}/{step}/check", data=sent_back(check))
        assert response.status_code == 302, response.data.decode()[:3000]

    sign_in(visitor, people.names["officer"])
    submit("start", {"on": ["1", "6", "2024"]})
    submit("progress", {"text": "Half the team trained.", "on": ["1", "7", "2024"]})
    submit("evidence", {"reference": "Training register, July", "on": ["2", "7", "2024"]})
    submit("due-date", {"new_due_on": ["1", "10", "2024"], "reason": "Trainer off sick."})
    submit("completion", {"on": ["15", "8", "2024"]})
    sign_out(visitor)
    sign_in(visitor, people.names["lead"])
    submit("sign-off", {"on": ["20", "8", "2024"]})
    submit(
        "impact-review",
        {"outcome": "embedded", "notes": "Audit of 20 calls.", "on": ["1", "3", "2025"]},
    )
    page = visitor.get(page_url).data.decode()
    for words in (
        "Half the team trained.",
        "Evidence added: Training register, July",
        "Due date moved to 1 October 2024",
        "Completion signed off",
        f"by {people.names['lead']}",
        "Impact review: embedded",
    ):
        assert words in page, words
    summary = page_text(page.split('govuk-summary-list"', 1)[1].split("</dl>", 1)[0].encode())
    assert "Impact review Embedded, 1 March 2025: Audit of 20 calls." in summary
    plan = visitor.get(f"/partnerships/{people.tenant}/action-plan").data.decode()
    assert "Train call handlers." in plan and "Signed off" in plan


def test_an_action_closed_without_completion_says_why_on_its_page(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """A lead reading a closed action should not have to search the history for the reason."""
    review = open_case(platform, people.tenant, "NT-CLOSED")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        rec = recommend(ledger, review, "R1", ["training"])
        action = ledger.actions.plan(rec, "Housing", "Rehouse first.", date(2024, 9, 1))
        ledger.actions.mark_not_achievable(action, date(2024, 6, 1), "The service was closed.")
    sign_in(visitor, people.names["lead"])
    page = page_text(visitor.get(f"/partnerships/{people.tenant}/actions/{action}").data)
    assert "Why it was closed The service was closed." in page


def test_an_address_no_page_owns_is_a_404_page_that_still_shows_who_is_signed_in(
    visitor: FlaskClient, people: People
) -> None:
    sign_in(visitor, people.names["officer"])
    page = visitor.get("/no-such-page", headers={"Accept": "text/html"})
    assert page.status_code == 404 and "Page not found" in page.data.decode()
    assert people.names["officer"] in page.data.decode()
    api = visitor.get("/api/v1/no-such-thing")
    assert api.status_code == 404 and api.mimetype == "application/problem+json"


def test_the_costs_section_gives_the_cost_agreed_when_the_chair_was_commissioned(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """The agreed cost stands in 'About the case'; the costs section should not read as if
    nothing had been agreed."""
    review = open_case(platform, people.tenant, "NT-AGREED")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.decide(review, date(2024, 2, 20), "hold")
        ledger.reviews.commission(review, date(2024, 3, 1), "Chair", "Author", 850_000)
    sign_in(visitor, people.names["officer"])
    page = page_text(visitor.get(f"/partnerships/{people.tenant}/cases/{review}").data)
    costs = page.split("Costs", 1)[1]
    assert "commissioned at an agreed cost of £8,500.00" in costs
    assert "No costs estimated or recorded yet" in costs


def test_the_costs_section_says_what_the_agreed_cost_is_and_how_far_the_estimates_exceed_it(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """Showing "Agreed £8,500" beside estimates of £18,000, with no word on why they differ, is a
    figure a lead cannot explain to the board; the page says what each is, and by how much
    the estimates have gone past what was agreed."""
    review = open_case(platform, people.tenant, "NT-OVER")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.decide(review, date(2024, 2, 20), "hold")
        ledger.reviews.commission(review, date(2024, 3, 1), "Chair", "Author", 850_000)
        ledger.costs.estimate(review, "chair", 1_000_000, date(2024, 3, 1))
        ledger.costs.estimate(review, "author", 800_000, date(2024, 3, 1))
    sign_in(visitor, people.names["officer"])
    raw = visitor.get(f"/partnerships/{people.tenant}/cases/{review}").data.decode()
    costs = page_text(raw.split("<main")[1].split("</main>")[0].encode()).split("Costs", 1)[1]
    assert "agreed cost of £8,500.00: what was agreed to pay them" in costs
    assert "The estimates are the latest figure for each thing the review pays for" in costs
    assert "The estimates add up to £9,500.00 more than the cost agreed." in costs


def test_a_cases_costs_are_estimated_and_recorded_from_its_page(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = open_case(platform, people.tenant, "NT-COST")
    sign_in(visitor, people.names["officer"])
    case = f"/partnerships/{people.tenant}/cases/{review}"
    assert "No costs estimated or recorded yet" in visitor.get(case).data.decode()

    estimate = {"category": "chair", "amount": "8,500", "on": ["1", "3", "2024"], "reason": ""}
    invoice = {"category": "chair", "on": ["2", "9", "2024"], "description": "Chair's invoice 14"}
    missing = post_form(visitor, f"{case}/cost", invoice)
    assert "Enter the cost" in missing.data.decode()
    for url, answers in (
        (f"{case}/cost-estimate", estimate),
        (f"{case}/cost-estimate", estimate | {"category": "author", "amount": "6000"}),
        (f"{case}/cost", invoice | {"amount": "4,250.50"}),
    ):
        done = post_form(visitor, url, answers)
        assert done.status_code == 302 and done.headers["Location"].endswith("/done"), url
    zero = post_form(visitor, f"{case}/cost", invoice | {"amount": "0"})
    assert "There is a problem" in zero.data.decode()  # a cost incurred is more than nothing

    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        summary = ledger.costs.of_review(review)
    assert (summary.total_estimate, summary.total_actual) == (1_450_000, 425_050)
    page = " ".join(visitor.get(case).data.decode().split())
    costs = page.split('id="costs"')[1].split("</table>")[0]
    assert "Independent chair" in costs and "£8,500.00" in costs and "£4,250.50" in costs
    assert "Report author" in costs and "£14,500.00" in costs  # the estimates' total


def test_a_cost_far_above_what_a_review_costs_is_refused_beside_its_box_until_confirmed(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """2,500,000 pounds typed for one review's chair was recorded; now the page refuses it
    beside the amount, records nothing, and offers "Yes, this figure is right" to keep it."""
    review = open_case(platform, people.tenant, "NT-COST-BIG")
    sign_in(visitor, people.names["officer"])
    case = f"/partnerships/{people.tenant}/cases/{review}"
    estimate = {"category": "chair", "amount": "2,500,000", "on": ["1", "3", "2024"]}
    invoice = estimate | {"description": "Chair's invoice 14"}
    assert 'name="amount_confirmed"' not in visitor.get(f"{case}/cost-estimate").data.decode()

    for url, answers in ((f"{case}/cost-estimate", estimate), (f"{case}/cost", invoice)):
        refused = post_form(visitor, url, answers)
        assert refused.status_code == 200, url
        html = refused.data.decode()
        shown = page_text(refused.data)
        assert "There is a problem" in shown and 'href="#amount"' in html
        assert 'id="amount-error"' in html  # beside the box
        assert "£2,500,000.00 is far more than one review usually costs" in shown
        assert 'tick "Yes, this figure is right" and save again' in shown
        assert 'name="amount_confirmed"' in html and "Yes, this figure is right" in shown
        assert 'value="2,500,000"' in html  # as typed
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.costs.recorded(review) is None  # nothing was recorded

    for url, answers in ((f"{case}/cost-estimate", estimate), (f"{case}/cost", invoice)):
        done = post_form(visitor, url, answers | {"amount_confirmed": "y"})
        assert done.status_code == 302 and done.headers["Location"].endswith("/done"), url
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        summary = ledger.costs.of_review(review)
    assert (summary.total_estimate, summary.total_actual) == (250_000_000, 250_000_000)


def test_a_lead_reaches_the_corrections_of_a_cost_a_recommendation_and_an_action_from_the_case(
    web_app: Flask, visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """Beside the costs and each recommendation, a lead finds the way to put a mis-keyed one
    right (tests/web/test_plan_corrections_pages.py corrects them); an officer does not."""
    review = open_case(platform, people.tenant, "NT-COST-2")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        theme = ledger.themes.all(ThemeKind.THEME)[0].code
        rec = ledger.recommendations.make(
            review, "1", "Do better.", Scope.SINGLE_AGENCY, date(2024, 5, 1), [theme],
            target_organisation="Police",
        )  # fmt: skip
        action = ledger.actions.plan(rec, "Police", "Train call handlers.", date(2024, 9, 1))
    sign_in(visitor, people.names["officer"])
    case = f"/partnerships/{people.tenant}/cases/{review}"
    estimate = {"category": "chair", "amount": "85,000", "on": ["1", "3", "2024"], "reason": ""}
    assert post_form(visitor, f"{case}/cost-estimate", estimate).status_code == 302
    officers = visitor.get(case).data.decode()
    assert "Correct a cost" not in officers and "/corrections/" not in officers
    action_page = f"/partnerships/{people.tenant}/actions/{action}"
    assert "Correct a fact of this action" not in visitor.get(action_page).data.decode()

    lead = web_app.test_client()
    sign_in(lead, people.names["lead"])
    page = lead.get(case).data.decode()
    facts = f"/partnerships/{people.tenant}/corrections/{review}"
    assert f'href="{facts}#costs">Correct a cost' in page
    assert f'href="{facts}#recommendation-{rec}">Correct recommendation 1 or its actions' in page
    assert f'href="{facts}#action-{action}"' in lead.get(action_page).data.decode()
    listing = lead.get(facts).data.decode()
    assert f'id="recommendation-{rec}"' in listing and f'id="action-{action}"' in listing
    assert f"{facts}/costs/estimate.chair" in listing and 'id="costs"' in listing


def test_an_empty_action_plan_says_how_actions_get_in_and_a_filter_that_finds_none_offers_all(
    visitor: FlaskClient, people: People
) -> None:
    sign_in(visitor, people.names["officer"])
    plan = page_text(visitor.get(f"/partnerships/{people.tenant}/action-plan").data)
    assert "No actions have been planned yet" in plan and "Plan an action" in plan
    assert "Import spreadsheets" in plan and "Show all actions" not in plan
    overdue = page_text(visitor.get(f"/partnerships/{people.tenant}/action-plan?show=overdue").data)
    assert "No actions match. Show all actions" in overdue
    assert "No actions have been planned yet" not in overdue
    sign_out(visitor)
    sign_in_with_code(visitor, people.names["auditor"], people.totp["auditor"])
    read_only = page_text(visitor.get(f"/partnerships/{people.tenant}/action-plan").data)
    assert "No actions have been planned yet" in read_only
    assert "bring a whole action plan in" not in read_only


def test_the_action_plan_narrows_to_one_owners_actions(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = open_case(platform, people.tenant, "NT-OWN")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        rec = recommend(ledger, review, "R1", ["training"])
        for owner, what in (("Police", "Brief every shift."), ("Housing", "Rehouse first.")):
            ledger.actions.plan(rec, owner, what, date(2030, 1, 31))
    sign_in(visitor, people.names["officer"])
    plan = f"/partnerships/{people.tenant}/action-plan"
    page = visitor.get(plan).data.decode()
    assert '<option value="Housing">Housing</option>' in page
    police = page_text(visitor.get(f"{plan}?owner=Police").data)
    assert "Brief every shift." in police and "Rehouse first." not in police
    assert "1 action shown" in police and "Clear filters" in police


def test_the_statutory_clocks_say_how_late_a_missed_date_was(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    late = open_case(platform, people.tenant, "NT-LATE")  # died 1 February 2024
    waiting = open_case(platform, people.tenant, "NT-WAIT")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.decide(late, date(2024, 3, 20), "hold")
    sign_in(visitor, people.names["officer"])
    today = uk_today()
    page = page_text(visitor.get(f"/partnerships/{people.tenant}/cases/{late}").data)
    assert "Decision due 1 March 2024" in page
    assert "20 March 2024 (48 days after the death; 19 days after it was due)" in page
    passed = (today - date(2024, 9, 1)).days
    assert f"1 September 2024 (passed {passed:,} days ago; not yet complete)" in page
    page = page_text(visitor.get(f"/partnerships/{people.tenant}/cases/{waiting}").data)
    assert f"Not yet: it was due {(today - date(2024, 3, 1)).days:,} days ago" in page


def test_the_action_plan_shows_each_recommendations_themes_and_filters_by_one(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = open_case(platform, people.tenant, "NT-TH")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        for reference, themes, action in (
            ("1", ["dash-risk-assessment"], "Audit DASH forms"),
            ("2", ["training"], "Train call handlers"),
        ):
            rec = ledger.recommendations.make(
                review, reference, "Act", Scope.MULTI_AGENCY, date(2024, 6, 1), themes, "Police"
            )
            ledger.actions.plan(rec, "Police", action, date(2030, 1, 31))
    sign_in(visitor, people.names["officer"])
    plan = f"/partnerships/{people.tenant}/action-plan"
    everything = page_text(visitor.get(plan).data)
    assert "Themes: DASH risk assessment" in everything and "Themes: Training" in everything
    # identification-of-risk is the Home Office theme DASH risk assessment is filed under
    risk = page_text(visitor.get(f"{plan}?theme=identification-of-risk").data)
    assert "Audit DASH forms" in risk and "Train call handlers" not in risk
    assert "1 action shown" in risk
    nonsense = page_text(visitor.get(f"{plan}?theme=no-such-theme").data)
    assert "Audit DASH forms" in nonsense and "Train call handlers" in nonsense


def test_the_case_page_names_each_recommendations_themes_and_who_it_is_for(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = open_case(platform, people.tenant, "NT-REC")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        recommend(ledger, review, "R2", ["dash-risk-assessment", "training"], "police")
        recommend(ledger, review, "R10", ["training"])
    sign_in(visitor, people.names["officer"])
    page = page_text(visitor.get(f"/partnerships/{people.tenant}/cases/{review}").data)
    assert "Themes: DASH risk assessment, Training. For: Police." in page
    assert "Themes: Training. For: Police." in page  # a named organisation
    assert page.index("Recommendation R2") < page.index("Recommendation R10")


def test_histories_name_who_recorded_each_step_by_their_display_name(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    officer = platform.access.rename_user(people.names["officer"], "Chloe Evans")
    with acting_as(str(officer.id)), platform.ledgers.lease(people.tenant) as ledger:
        review = ledger.reviews.notify(
            "NT-WHO", date(2024, 2, 1), date(2024, 2, 5), "Mary", "dhr", "intimate_partner_homicide"
        )
    with acting_as("demo-loader"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.decide(review, date(2024, 2, 20), "hold")
    sign_in(visitor, people.names["lead"])
    page = page_text(visitor.get(f"/partnerships/{people.tenant}/cases/{review}").data)
    assert "by Chloe Evans" in page and f"by {people.names['officer']}" not in page
    assert "by Demo data" in page


def test_an_actions_history_reads_as_sentences(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = open_case(platform, people.tenant, "NT-SEN")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        rec = recommend(ledger, review, "R1", ["training"])
        action = ledger.actions.plan(rec, "Police", "Brief every shift", date(2030, 1, 31))
    sign_in(visitor, people.names["officer"])
    page = page_text(visitor.get(f"/partnerships/{people.tenant}/actions/{action}").data)
    assert "Brief every shift. Due 31 January 2030." in page


def test_the_same_action_for_two_recommendations_is_told_apart_by_its_link(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """One action text answering several recommendations (or cases) made links with the same
    words going to different actions (WCAG 2.4.4): each names its case and recommendation in
    words only a screen reader speaks."""
    review = open_case(platform, people.tenant, "NT-SAME")
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        for reference in ("R1", "R2"):
            rec = recommend(ledger, review, reference, ["training"])
            ledger.actions.plan(rec, "Police", "Train call handlers.", date(2030, 1, 31))
    sign_in(visitor, people.names["officer"])
    plan = visitor.get(f"/partnerships/{people.tenant}/action-plan").data.decode()
    links = re.findall(r'<a class="govuk-link" href="[^"]*/actions/[^"]*">(.*?)</a>', plan)
    texts = [page_text(link.encode()).strip() for link in links]
    assert texts == [
        "Train call handlers. (NT-SAME, recommendation R1)",
        "Train call handlers. (NT-SAME, recommendation R2)",
    ], texts
