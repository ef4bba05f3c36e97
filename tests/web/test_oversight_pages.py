"""The regional lead's, the auditor's and the platform administrator's pages, through the
Flask test client on each store: what they show, what they change, and what they refuse."""

from __future__ import annotations

import base64
import re
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import load_workbook
from werkzeug.test import TestResponse

from api.policy import AUDITED
from api.web.formatting import long_date
from api.web.read_log_names import PARTNERSHIP, what_was_read
from domain.actionplan import Scope
from domain.calendar import uk_today
from domain.recording import acting_as
from domain.vault import PersonalDetails
from tenants.platform import Platform
from tenants.region_theme_changes import add_region_theme
from tenants.users.read_log import audit_reads
from tests.demo.conftest import caught_up
from tests.projections.support import open_case, recommend, submit
from tests.web.conftest import PASSWORD, People, post_form, sign_in, sign_in_with_code
from tests.web.conftest import page_text as text


def signed_in_with_code(client: FlaskClient, people: People, who: str) -> None:
    sign_in_with_code(client, people.names[who], people.totp[who])


def test_a_regional_lead_lands_on_their_region_dashboard(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    with platform.ledgers.lease(people.tenant) as ledger:
        from datetime import date

        rid = open_case(ledger, "DHR-1", date(2012, 1, 5))
        submit(ledger, rid, date(2012, 1, 5))
    caught_up(platform, [people.tenant, people.neighbour])

    signed = post_form(visitor, "/", {"username": people.names["regional"], "password": PASSWORD})
    home = visitor.get(signed.headers["Location"])

    shown = text(home.data)
    assert home.status_code == 200 and people.region_name in shown
    assert "Northtown 1 1 1" in shown  # commenced, completed, notified
    assert 'id="heat-map"' in home.data.decode() or "No findings" in shown
    assert '<img src="data:image/svg+xml;base64,' in home.data.decode()


def test_the_timeliness_charts_tell_a_partnership_without_cases_from_one_awaiting_a_decision(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """Northtown's case awaits its decision; Southtown had no case at all."""
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        ledger.reviews.notify(
            "DHR-WAIT", date(2012, 1, 5), date(2012, 1, 8), "FN", "dhr", "familial_homicide"
        )
    caught_up(platform, [people.tenant, people.neighbour])
    sign_in(visitor, people.names["regional"])

    def charts(url: str) -> list[str]:
        page = visitor.get(f"/regions/{people.region}/{url}").data.decode()
        return [
            base64.b64decode(src).decode()
            for src in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', page)
        ]

    decision = next(c for c in charts("dashboard") if "incident to decision" in c)
    assert "Northtown: no decision yet" in decision
    assert "Southtown: no cases" in decision
    # with no bar to draw, the board paper leaves the chart out: its Table 2 says the same
    assert not [c for c in charts("papers/regional.html") if "incident to decision" in c]


def test_the_dashboard_date_must_be_a_real_day_in_range(
    visitor: FlaskClient, people: People
) -> None:
    sign_in(visitor, people.names["regional"])
    url = f"/regions/{people.region}/dashboard"

    wrong = visitor.get(url + "?on=31&on=2&on=2014")
    early = visitor.get(url + "?on=1&on=1&on=2009")

    assert "must be a real date" in wrong.data.decode() and 'href="#on-day"' in wrong.data.decode()
    assert "must be between 13 4 2011 and today" in early.data.decode()


def test_a_regional_lead_cannot_open_another_region_or_the_audit_pages(
    visitor: FlaskClient, people: People, platform: Platform, unique: object
) -> None:
    sign_in(visitor, people.names["regional"])
    assert visitor.get("/regions/nowhere-at-all/dashboard").status_code == 404
    assert visitor.get("/audit/partnerships").status_code == 403
    assert visitor.get("/admin/partnerships").status_code == 403


def test_an_auditor_verifies_a_partnership_and_sees_the_panel(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    with platform.ledgers.lease(people.tenant) as ledger:
        from datetime import date

        open_case(ledger, "DHR-2", date(2013, 2, 1))
        platform.audit.seal(ledger)
    signed_in_with_code(visitor, people, "auditor")

    picker = visitor.get("/audit/partnerships")
    page = f"/audit/partnerships/{people.tenant}"
    result = verified(visitor, page)

    assert "Northtown" in text(picker.data)
    shown = text(result.data)
    assert "History intact" in shown and "1 seal" in shown and "events" in shown


def test_a_verification_is_shown_again_on_refresh_without_verifying_again_or_a_cookie_of_findings(
    visitor: FlaskClient, people: People, platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refresh and Back ask for the result with a GET: it was the answer to the POST, which
    the browser offered to send again ("Confirm form resubmission") and which verified again.
    The findings wait sealed in the partnership's store, not in the signed cookie."""
    with platform.ledgers.lease(people.tenant) as ledger:
        open_case(ledger, "DHR-PRG", date(2013, 2, 1))
        platform.audit.seal(ledger)
    signed_in_with_code(visitor, people, "auditor")
    page = f"/audit/partnerships/{people.tenant}"
    first = text(verified(visitor, page).data)
    verifying = platform.audit.verify
    calls: list[object] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return verifying(*args, **kwargs)

    monkeypatch.setattr(platform.audit, "verify", counted)

    again = visitor.get(page + "/verification")  # Refresh

    assert again.status_code == 200 and "History intact" in text(again.data)
    assert text(again.data) == first and calls == []
    with visitor.session_transaction() as kept:
        cookie = repr(dict(kept))
    assert "History intact" not in cookie and "event" not in cookie
    neighbour = visitor.get(f"/audit/partnerships/{people.neighbour}/verification")
    assert neighbour.status_code in (302, 404)  # nothing kept for another partnership


def test_a_verification_is_one_integrity_check_in_the_read_log(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """The POST read every event; the page shown after it (and on Refresh) is the
    partnership's page with the kept findings, logged as that page: no second check."""
    with platform.ledgers.lease(people.tenant) as ledger:
        open_case(ledger, "DHR-LOG", date(2013, 2, 1))
        platform.audit.seal(ledger)
    signed_in_with_code(visitor, people, "auditor")
    page = f"/audit/partnerships/{people.tenant}"
    auditor = platform.access.user(people.names["auditor"]).id

    def logged() -> list[str]:
        today = uk_today()
        reads = audit_reads(platform.access, today, today, auditor=auditor)
        return [what_was_read(r.path) for r in reads if r.tenant == people.tenant]

    before = logged()
    verified(visitor, page)
    visitor.get(page + "/verification")  # Refresh

    after = logged()[len(before) :]
    assert after.count("Integrity check") == 1
    assert after == [PARTNERSHIP, "Integrity check", PARTNERSHIP, PARTNERSHIP]
    # (the page the form was on, the check, the result shown, shown again on Refresh)


def test_an_expired_verify_form_is_no_integrity_check_in_the_read_log(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    signed_in_with_code(visitor, people, "auditor")
    page = f"/audit/partnerships/{people.tenant}"
    auditor = platform.access.user(people.names["auditor"]).id
    today = uk_today()
    before = len(audit_reads(platform.access, today, today, auditor=auditor))

    sent = visitor.post(page + "/verification", data={"csrf_token": "expired"})

    assert sent.status_code == 200 and "This form expired" in text(sent.data)
    reads = audit_reads(platform.access, today, today, auditor=auditor)[before:]
    assert [what_was_read(r.path) for r in reads] == [PARTNERSHIP]


def test_an_auditor_is_told_of_a_case_key_deleted_outside_the_service(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """Every seal still matches, so there is no broken seal to name: the page says what is
    wrong instead of failing."""
    with platform.ledgers.lease(people.tenant) as ledger:
        rid = open_case(ledger, "DHR-K", date(2013, 2, 1))
        ledger.vault.record(rid, PersonalDetails("Kim"), date(2024, 6, 1))
        platform.audit.seal(ledger)
    area = platform.registry.tenant(people.tenant).store_area
    platform.stores.keyring.store.delete("case", area, str(rid))
    signed_in_with_code(visitor, people, "auditor")

    page = f"/audit/partnerships/{people.tenant}"
    result = verified(visitor, page)

    shown = text(result.data)
    assert result.status_code == 200, shown
    assert "History intact" not in shown
    assert "The key of case DHR-K" in shown and "erased outside the service" in shown


def test_an_auditor_reads_a_case_history_in_words_and_the_read_is_logged(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    from datetime import date

    officer = platform.access.rename_user(people.names["officer"], "Sam Patel")
    with acting_as(str(officer.id)), platform.ledgers.lease(people.tenant) as ledger:
        rid = open_case(ledger, "DHR-3", date(2013, 3, 1))
    signed_in_with_code(visitor, people, "auditor")

    history = visitor.get(f"/audit/partnerships/{people.tenant}/cases/{rid}")
    reads = visitor.get("/audit/reads")

    shown = text(history.data)
    assert "Decision recorded by Sam Patel" in shown and "Hold a Domestic Homicide Review" in shown
    assert str(rid) not in shown and str(officer.id) not in shown
    assert "A case's history: DHR-3" in text(reads.data)  # which case, as evidence of itself
    assert str(rid) not in text(reads.data)


def test_an_auditor_lists_a_cases_actions_in_the_order_of_its_recommendations(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """R2's action before R10's, though R10's falls due first (the plan's own order)."""
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        rid = open_case(ledger, "DHR-ORD", date(2013, 3, 1))
        for ref, due in (("R10", date(2014, 1, 1)), ("R2", date(2014, 6, 1))):
            rec = recommend(ledger, rid, ref, ["training"])
            ledger.actions.plan(rec, "Police", f"Do {ref}.", due)
    signed_in_with_code(visitor, people, "auditor")
    page = text(visitor.get(f"/audit/partnerships/{people.tenant}/cases/{rid}").data)
    listed = page.split("Actions", 1)[1]
    assert listed.index("R2:") < listed.index("R10:")


def back_link(page: TestResponse) -> tuple[str, str]:
    """The page's back link: (its words, where it goes)."""
    found = re.search(r'<a href="([^"]*)" class="govuk-back-link">([^<]*)</a>', page.data.decode())
    assert found, "the page has no back link"
    return found.group(2).strip(), found.group(1)


def test_an_officer_goes_back_from_the_auditors_pages_where_they_came_from_not_to_a_403(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """Officers may read their partnership's histories on the auditor's pages, but not the
    auditor's list of partnerships above them: back is the page they came from on the
    service, else their start page; an auditor's back links still climb their own pages."""
    with platform.ledgers.lease(people.tenant) as ledger:
        rid = open_case(ledger, "DHR-BACK", date(2013, 3, 1))
    case_page = f"/partnerships/{people.tenant}/cases/{rid}"
    history = f"/audit/partnerships/{people.tenant}/cases/{rid}"
    audit_page = f"/audit/partnerships/{people.tenant}"
    sign_in(visitor, people.names["officer"])
    start = visitor.get("/").headers["Location"]
    assert visitor.get("/audit/partnerships").status_code == 403  # the auditor's list

    came = visitor.get(history, headers={"Referer": f"http://localhost{case_page}?tab=1"})
    assert back_link(came) == ("Back", f"{case_page}?tab=1")
    assert back_link(visitor.get(history)) == ("Back", start)  # no page to go back to
    elsewhere = visitor.get(history, headers={"Referer": f"http://elsewhere.example{case_page}"})
    assert back_link(elsewhere) == ("Back", start)
    partnership = visitor.get(audit_page, headers={"Referer": f"http://localhost{history}"})
    assert back_link(partnership) == ("Back", start)  # not up to the auditor's list
    assert visitor.get(start).status_code == 200

    auditor = visitor.application.test_client()
    signed_in_with_code(auditor, people, "auditor")
    asked = {"Referer": f"http://localhost{case_page}"}
    assert back_link(auditor.get(history, headers=asked)) == ("Northtown", audit_page)
    assert back_link(auditor.get(audit_page)) == ("Partnerships you audit", "/audit/partnerships")


def test_an_auditor_cannot_open_a_partnership_outside_the_grant(
    visitor: FlaskClient, people: People
) -> None:
    signed_in_with_code(visitor, people, "auditor")
    assert visitor.get(f"/audit/partnerships/{people.neighbour}").status_code == 404


def test_an_administrator_suspends_and_reinstates_a_partnership(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    signed_in_with_code(visitor, people, "admin")
    url = f"/admin/partnerships/{people.tenant}"

    missing = post_form(visitor, url + "/suspension", {"reason": ""})
    suspended = post_form(visitor, url + "/suspension", {"reason": "contract ended"})
    assert "Enter the reason" in missing.data.decode()
    assert suspended.status_code == 302
    assert str(platform.registry.tenant(people.tenant).status) == "suspended"
    assert "Northtown suspended" in text(visitor.get("/admin/partnerships").data)

    reinstated = post_form(visitor, url + "/reinstatement", {})
    assert reinstated.status_code == 302
    assert str(platform.registry.tenant(people.tenant).status) == "active"


def test_an_administrator_adds_a_user_and_a_refusal_is_an_error_summary(
    visitor: FlaskClient, people: People, platform: Platform, unique: object
) -> None:
    signed_in_with_code(visitor, people, "admin")
    name = f"jo.{people.tenant}"
    form = {"name": name, "display_name": "Jo Smith", "role": "csp_officer", "region": ""}

    refused = post_form(visitor, "/admin/users/new", {**form, "tenant": ""})
    added = post_form(visitor, "/admin/users/new", {**form, "tenant": people.tenant})

    assert "There is a problem" in refused.data.decode()
    assert "A partnership officer works for exactly one partnership" in refused.data.decode()
    assert added.status_code == 302 and platform.access.user(name).shown_as == "Jo Smith"
    assert "Jo Smith" in text(visitor.get("/admin/users").data)

    finance = {"name": f"kim.{people.region}", "display_name": "Kim Lee", "role": "pcc_officer"}
    opcc = post_form(visitor, "/admin/users/new", {**finance, "region": people.region})
    assert opcc.status_code == 302 and platform.access.user(finance["name"]).role == "pcc_officer"
    assert "OPCC finance officer" in text(visitor.get(f"/admin/users/{finance['name']}").data)


def test_an_administrator_adds_a_researcher_and_finds_people_by_place_and_role(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """A researcher is added in the browser like anyone else (the research agreement form
    lists researchers), and the list narrows by name or place and by role."""
    signed_in_with_code(visitor, people, "admin")
    name = f"rf.{people.tenant}"
    form = {"name": name, "display_name": "Rosa Field", "role": "researcher", "region": ""}
    refused = post_form(visitor, "/admin/users/new", {**form, "tenant": people.tenant})
    assert "A researcher reads only anonymised exports or agreed extracts" in text(refused.data)
    added = post_form(visitor, "/admin/users/new", {**form, "tenant": ""})
    assert added.status_code == 302 and platform.access.user(name).role == "researcher"

    researchers = text(visitor.get("/admin/users?role=researcher").data)
    assert "Rosa Field" in researchers and "The extracts their agreements allow" in researchers
    assert "Showing " in researchers and people.names["officer"] not in researchers
    northtown = text(visitor.get("/admin/users?q=northtown").data)
    assert people.names["officer"] in northtown and people.names["lead"] in northtown
    assert people.names["neighbour_officer"] not in northtown and "Rosa Field" not in northtown
    nobody = text(visitor.get("/admin/users?q=no+such+person").data)
    assert "No users match" in nobody and "Clear filters" in nobody


def test_an_administrator_resets_two_factor_and_revokes_a_token(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    issued = platform.access.issue_token(people.names["auditor"])
    signed_in_with_code(visitor, people, "admin")
    url = f"/admin/users/{people.names['auditor']}"

    reset = post_form_to(visitor, url, url + "/two-factor-reset")
    revocation = f"{url}/tokens/{issued.token_id}/revocation"
    revoked = post_form(visitor, revocation, {"confirmed": "yes"})

    assert reset.status_code == 302 and revoked.status_code == 302
    assert platform.access.authenticate(issued.secret) is None
    assert "Two-factor Off" in text(visitor.get(url).data)


def test_revoking_a_token_asks_first_then_says_it_is_done(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """One click on the user's page revoked a token at once. Now the button leads to a page
    that asks, and only its own form revokes; the user's page then says so in a banner."""
    issued = platform.access.issue_token(people.names["auditor"])
    signed_in_with_code(visitor, people, "admin")
    url = f"/admin/users/{people.names['auditor']}"
    revocation = f"{url}/tokens/{issued.token_id}/revocation"

    assert f'href="{revocation}"' in visitor.get(url).data.decode()
    asked = visitor.get(revocation)
    shown = text(asked.data)
    assert asked.status_code == 200
    assert "Are you sure you want to revoke token 1 of" in shown
    assert "It stops working at once" in shown
    assert "govuk-button--warning" in asked.data.decode()
    assert f'href="{url}"' in asked.data.decode() and "Cancel" in shown

    unconfirmed = post_form_to(visitor, url, revocation)  # the old one-click form
    assert unconfirmed.status_code == 200 and "Are you sure" in text(unconfirmed.data)
    assert platform.access.authenticate(issued.secret) is not None

    done = post_form(visitor, revocation, {"confirmed": "yes"})
    assert done.status_code == 302 and done.headers["Location"].endswith(url)
    assert platform.access.authenticate(issued.secret) is None
    after = visitor.get(url).data.decode()
    assert "govuk-notification-banner--success" in after
    assert "Token 1 of" in text(after.encode()) and "revoked: it no longer works" in after


def test_an_expired_token_is_listed_as_expired_not_usable(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    """It was a green "Usable until expiry" beside a date already past."""
    issued = platform.access.issue_token(
        people.names["auditor"], 1, now=datetime.now(UTC) - timedelta(days=3)
    )
    platform.access.issue_token(people.names["auditor"], 1)
    signed_in_with_code(visitor, people, "admin")
    page = visitor.get(f"/admin/users/{people.names['auditor']}").data
    rows = text(page)
    assert (
        f"Token 1 {long_date(issued.expires_at)} Expired on {long_date(issued.expires_at)}" in rows
    )
    assert rows.count("Usable until expiry") == 1  # token 2 only
    assert f"/tokens/{issued.token_id}/revocation" not in page.decode()  # nothing to revoke
    assert platform.access.authenticate(issued.secret) is None


def verified(client: FlaskClient, page: str) -> TestResponse:
    """Verify from a partnership's auditor ``page`` as a person does: the form's answer is a
    redirect to the result (Post/Redirect/Get), which the browser asks for with a GET."""
    sent = post_form_to(client, page, page + "/verification")
    assert sent.status_code == 303, text(sent.data)
    assert sent.headers["Location"] == page + "/verification"
    return client.get(sent.headers["Location"])


def post_form_to(client: FlaskClient, page: str, action: str) -> TestResponse:
    """POST a button's form on ``page`` (its CSRF token) to ``action``."""
    from tests.web.conftest import csrf

    token = csrf(client.get(page).data)
    return client.post(action, data={"csrf_token": token})


def test_a_refused_page_names_who_can_help(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    platform.access.rename_user(people.names["regional"], "Rachel Green")
    sign_in(visitor, people.names["officer"])

    refused = visitor.get(f"/regions/{people.region}/dashboard")

    assert refused.status_code == 403
    assert "ask your region's regional lead (Rachel Green)" in text(refused.data)


def test_every_page_an_auditor_is_logged_reading_is_named_in_the_read_log(web_app: Flask) -> None:
    """Each audited address says what it was (a new page without a name fails here), the
    same page through the API says so, and the log never needs the ids in the address."""
    named = {}
    for rule in web_app.url_map.iter_rules():
        view = web_app.view_functions[rule.endpoint]
        if getattr(view, "permission", None) in AUDITED and "GET" in (rule.methods or ()):
            named[rule.rule] = what_was_read(_sample(rule.rule) + "?on=2024-01-01")
    assert len(named) > 50
    vague = [rule for rule, label in named.items() if label.startswith(PARTNERSHIP)]
    assert vague == ["/audit/partnerships/<tenant>"]
    assert named["/partnerships/<tenant>/cases"] == "The case register"
    assert named["/api/v1/tenants/<tenant>/reviews"] == "The case register (through the API)"
    assert named["/partnerships/<tenant>/cases/<uuid:review>"] == "A case"
    assert named["/audit/partnerships/<tenant>/cases/<uuid:review>"] == "A case's history"
    assert named["/audit/partnerships"] == "The partnerships you audit"
    assert named["/regions/<region>/papers/regional.<fmt>"] == "A board paper"
    budget_line = "/api/v1/regions/<region>/ledger/budget-lines/<uuid:line>"
    assert named[budget_line] == "A budget (through the API)"


def _sample(rule: str) -> str:
    """An address the rule matches, with made-up values for its variables."""
    values = {"uuid": "0b6f9f0e-3c0e-4f5e-9d7a-2f1c8e6b5a41", "int": "1", "fmt": "pdf"}
    return re.sub(
        r"<(?:(\w+):)?(\w+)>",
        lambda m: values.get(m.group(1) or m.group(2), "west-midlands"),
        rule,
    )


def test_the_dashboard_and_board_paper_count_actions_by_theme_naming_the_regions_own(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    add_region_theme(
        platform, people.region, "night-economy", "Night-time economy", "theme", "other"
    )
    with acting_as("test"), platform.ledgers.lease(people.tenant) as ledger:
        rid = open_case(ledger, "DHR-1", date(2012, 1, 5))
        plan = (  # reference, themes, target, then each action's owner and due date
            ("1", ["night-economy", "training"], "Police", [("Police", 2013), ("Council", 2013)]),
            ("2", ["training"], "Police", [("Police", 2030)]),  # not due yet
            ("3", ["night-economy"], "Licensing", [("Licensing", 2013)]),
        )
        for reference, themes, target, actions in plan:
            rec = ledger.recommendations.make(
                rid,
                reference,
                "Act on the night",
                Scope.MULTI_AGENCY,
                date(2012, 9, 1),
                themes,
                target,
            )
            for owner, year in actions:
                ledger.actions.plan(rec, owner, f"Act ({reference})", date(year, 1, 31))
    caught_up(platform, [people.tenant, people.neighbour])
    sign_in(visitor, people.names["regional"])

    shown = text(visitor.get(f"/regions/{people.region}/dashboard").data)
    by_theme = shown.split("Actions by theme", 2)[2].split("Money")[0]
    # open, overdue, awaiting impact review, impact review overdue; the most overdue first
    assert "Night-time economy 3 3 overdue 0 0 Training 3 2 overdue 0 0" in by_theme
    paper = visitor.get(f"/regions/{people.region}/papers/regional.html")
    assert paper.status_code == 200, paper.data[:300]
    table = text(paper.data).split("Table 4b: actions by theme")[1]
    assert "Night-time economy" in table.split("Training")[0]
    book = load_workbook(
        BytesIO(visitor.get(f"/regions/{people.region}/downloads/actions.xlsx").data)
    )
    rows = list(book["By theme"].iter_rows(min_row=2, values_only=True))
    assert rows[0][:3] == ("Night-time economy", 3, 3)
    # the workbook says what the dashboard says: its rows are not to be added up
    notes = [v for k, v in book["Notes"].iter_rows(values_only=True) if str(k).startswith("Note")]
    assert any("counts under every theme" in n for n in notes)
    assert any("add up one or the other, not both" in n for n in notes)
    themes = load_workbook(
        BytesIO(visitor.get(f"/regions/{people.region}/downloads/themes.xlsx").data)
    )
    counted = {r[0]: r[1:] for r in themes["Themes"].iter_rows(min_row=2, values_only=True)}
    # one review, three recommendations: the themes' rows count it twice and rec 1 twice
    assert counted == {"Night-time economy": (1, 1, 2), "Training": (1, 1, 2)}
    notes = [v for k, v in themes["Notes"].iter_rows(values_only=True) if str(k).startswith("Note")]
    assert any("add up to more than the region's reviews" in n for n in notes)


def test_pages_name_statuses_as_the_registers_do(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    with acting_as("test"), platform.ledgers.lease(people.tenant) as ledger:
        open_case(ledger, "DHR-NO", date(2013, 2, 1), outcome="not_hold")
        rid = open_case(ledger, "DHR-YES", date(2013, 2, 1))
        rec = ledger.recommendations.make(
            rid, "1", "Act", Scope.MULTI_AGENCY, date(2013, 9, 1), ["training"], "Police"
        )
        action = ledger.actions.plan(rec, "Police", "Train", date(2014, 1, 31))
        ledger.actions.complete(action, date(2014, 1, 5))
        ledger.actions.confirm_completion(action, date(2014, 1, 9))
    signed_in_with_code(visitor, people, "auditor")
    partnership = text(visitor.get(f"/audit/partnerships/{people.tenant}").data)
    assert "DHR-NO" in partnership and "No review" in partnership
    assert "Decided not to review" not in partnership
    history = text(visitor.get(f"/audit/partnerships/{people.tenant}/cases/{rid}").data)
    # each action told apart by what it does and when it is due, its status in the registers' words
    assert "1: Police: Train Due 31 January 2014. Signed off" in history
    assert "Completion confirmed" not in history
