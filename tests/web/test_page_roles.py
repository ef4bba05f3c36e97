"""For every page, every role signed in: allowed, a 403 page, or a 404 page that says nothing
about whether the record exists — the same policy as the API (tests/api/test_role_matrix.py).
Over both stores: every page rendered over PostgreSQL as each role may see it."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api.policy import Permission
from api.web.navigation import HOMES, SECTIONS
from domain.actionplan import Scope
from domain.recording import acting_as
from domain.themes import ThemeKind
from tenants.learning.agreements import ResearchAgreements
from tenants.platform import Platform
from tenants.users import Role
from tenants.users.onboarding import add_user
from tenants.users.signin import current_code
from tests.conftest import BOTH_STORES
from tests.web.conftest import People, give_password, post_form, sign_in

A, F, H = "allowed", 403, 404
WHO = ("officer", "lead", "neighbour_officer", "regional", "auditor", "admin")
EXPECTED: dict[Permission, tuple[Any, ...]] = {
    Permission.SIGNED_IN: (A,) * 6,
    Permission.CASE_READ: (A, A, H, F, A, F),
    Permission.CASE_RECORD: (A, A, H, F, F, F),
    Permission.CASE_SIGN_OFF: (F, A, H, F, F, F),  # a pot's year-end (test_partnership_money_pages)
    Permission.PERSONAL_DATA: (A, A, H, F, F, F),
    Permission.PERSONAL_DATA_ERASE: (F, A, H, F, F, F),
    Permission.HISTORY: (A, A, H, F, A, F),
    Permission.REGION_VIEW: (F, F, F, A, H, F),  # this auditor's grant is a partnership only
    Permission.AUDIT_LOG: (F, F, F, F, A, F),  # an auditor's own picker and read log
    Permission.ADMIN: (F, F, F, F, F, A),
    Permission.CORRECT: (F, A, H, F, F, F),  # the partnership's lead puts facts right
    Permission.PEOPLE: (F, A, H, F, F, F),  # who reaches its records: the lead (test_people_pages)
    Permission.AUDIT_EXPORT: (F, F, H, F, A, F),
    Permission.SHARED_READ: (A, A, A, A, H, F),  # the view then checks they pay in or belong
    Permission.SHARED_RECORD: (A, A, A, F, H, F),  # demand figures: the area offered is their own
    Permission.REGION_LEDGER_READ: (F, F, F, A, H, F),
    Permission.REGION_LEDGER_WRITE: (F, F, F, F, H, F),  # OPCC staff only (test_shared_pages)
    Permission.RESEARCH_AGREEMENT: (F, F, F, A, H, F),  # revoke a region's research agreement
    Permission.AGENCY_WORK: (F, F, H, F, F, F),  # agency users only: see the test below
    Permission.RESEARCH_EXTRACT: (F,) * 6,  # researchers only (test_learning_pages)
    Permission.NATIONAL_EXPORT: (F,) * 6,  # the national analyst only (test_learning_pages)
}

RULES = {  # pages open to every signed-in user that answer only some roles themselves
    "/audit-bundles": (F, F, F, F, A, F),  # the auditor's export picker
    "/regions/<region>/agency-work": (F, F, F, F, H, F),  # a partnership's users know their region
}


@pytest.fixture(params=BOTH_STORES)
def store_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def pages(app: Flask) -> list[tuple[str, str, Permission]]:
    found: list[tuple[str, str, Permission]] = []
    for rule in app.url_map.iter_rules():
        permission = getattr(app.view_functions[rule.endpoint], "permission", None)
        if not rule.endpoint.startswith("web.") or not isinstance(permission, Permission):
            continue
        if permission == Permission.PUBLIC:
            continue
        found += [
            (rule.rule, m, permission) for m in sorted(rule.methods or ()) if m in ("GET", "POST")
        ]
    return found


def _fill(known: dict[str, str], found: re.Match[str]) -> str:
    return known[found.group(1)]


def outcome(response: Any) -> Any:
    assert response.status_code != 500, response.data.decode()[:2000]
    assert not response.headers.get("Location", "").startswith("/?next="), "signed out"
    if response.status_code == 403:
        assert "You cannot do this" in response.data.decode()
        return F
    if response.status_code == 404:
        assert "Page not found" in response.data.decode()
        return H
    return A


def test_every_page_answers_each_role_as_the_policy_says(
    web_app: Flask, people: People, platform: Platform
) -> None:
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        review = ledger.reviews.notify(
            "R-1", date(2024, 1, 1), date(2024, 1, 3), "FN", "dhr", "familial_homicide"
        )
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
        action = ledger.actions.plan(rec, "Police", "Train.", date(2024, 9, 1))
        ledger.findings.record(review, "Risk not shared.", [theme], date(2024, 5, 1))
        budget = ledger.funding.open_line(
            "b-1", "Budget", "PCC", "2024/25", 100_000, date(2024, 4, 1)
        )
        ledger.documents.add(review, "other", "Notes", "notes.txt", b"notes", date(2024, 6, 1))
        ledger.costs.estimate(review, "chair", 850_000, date(2024, 3, 1))
        commissioned = ledger.reviews.notify(  # a case with parts to correct (``/parts/``)
            "R-2", date(2024, 1, 1), date(2024, 1, 3), "GN", "dhr", "familial_homicide"
        )
        ledger.reviews.decide(commissioned, date(2024, 1, 20), "hold", "criteria met")
        ledger.reviews.commission(commissioned, date(2024, 2, 1), "CH-1", "AU-1", 850_000)
    with acting_as("system"):
        research = ResearchAgreements.open(platform)
        try:
            agreement = research.record(
                people.region, "DSA-1", "a-researcher", "Lessons", [(people.tenant, review)],
                date(2025, 1, 1), date(2099, 1, 1),
            )  # fmt: skip
        finally:
            research.close()
    checked = pages(web_app)
    assert {p for _, _, p in checked} <= set(EXPECTED), "add the new permission's row above"
    wrong = []
    for who, column in zip(WHO, range(len(WHO)), strict=True):
        visitor = web_app.test_client()
        sign_in(visitor, people.names[who])
        if who in people.totp:
            post_form(visitor, "/sign-in/security-code", {"code": current_code(people.totp[who])})
        for rule, method, permission in checked:
            known = {
                "tenant": people.tenant,
                "region": people.region,
                "review": str(commissioned if "/parts/" in rule else review),
                "action": str(action),
                "step": "progress" if "/actions/" in rule else "decision",
                "budget": str(budget),
                "name": people.names["officer"],
                "token": str(review),  # no such token: the revocation says so
                "number": "1",  # the case's first document, and its first finding
                "version": "1",
                "agreement": str(agreement.id),
                "recommendation": str(rec),
                "figure": "estimate.chair",
                # a correction form's fact: one each kind of record has
                "field": "text"
                if "/recommendations/" in rule or "/findings/" in rule
                else "commission.1.cost_pence"
                if "/parts/" in rule
                else "description"
                if "/actions/" in rule
                else "pseudonym",
            }
            if set(re.findall(r"<(?:\w+:)?(\w+)>", rule)) - set(known):
                continue  # a shared pot's or group's own page: tests/web/test_shared_pages.py
            path = re.sub(r"<(?:\w+:)?(\w+)>", partial(_fill, known), rule)
            got = outcome(visitor.open(path, method=method, data={}))
            if got != RULES.get(rule, EXPECTED[permission])[column]:
                wrong.append(
                    f"{method} {rule} as {who}: expected {EXPECTED[permission][column]}, got {got}"
                )
    assert not wrong, "\n".join(wrong)


def test_a_step_needing_a_leads_role_is_refused_to_an_officer_even_by_post(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        review = ledger.reviews.notify(
            "R-2", date(2024, 1, 1), date(2024, 1, 3), "FN", "dhr", "familial_homicide"
        )
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
        action = ledger.actions.plan(rec, "Police", "Train.", date(2024, 9, 1))
        ledger.actions.complete(action, date(2024, 8, 1))
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/actions/{action}/sign-off"
    assert visitor.post(url, data={"on": ["2", "8", "2024"]}).status_code == 403
    assert visitor.post(url + "/check", data={}).status_code == 403
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.actions.get(action).confirmed_on is None


def test_an_agency_user_reaches_its_own_pages_and_no_other(
    web_app: Flask, people: People, platform: Platform, unique: Callable[[str], str]
) -> None:
    """Signed in as a partner agency's contributor: its pages answer, every other page in its
    partnership is the 403 page; its own action and IMR are the ones seeded here."""
    with platform.region_ledgers.lease(people.region) as region:
        region.partners.add("midshire-police", "Police", "police", date(2015, 4, 1))
    name = unique("agency")
    add_user(platform, name, "agency_contributor", (people.tenant,), (), agency="midshire-police")
    give_password(platform, name)
    with acting_as("system"), platform.ledgers.lease(people.tenant) as ledger:
        review = ledger.reviews.notify(
            "R-3", date(2024, 1, 1), date(2024, 1, 3), "FN", "dhr", "familial_homicide"
        )
        ledger.reviews.decide(review, date(2024, 1, 20), "hold", "criteria met")
        ledger.imrs.request(review, "midshire-police", date(2024, 2, 1), date(2024, 3, 1))
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
        action = ledger.actions.plan(rec, "Police", "Train.", date(2024, 9, 1))
    visitor = web_app.test_client()
    sign_in(visitor, name)
    known = {
        "tenant": people.tenant,
        "region": people.region,
        "review": str(review),
        "action": str(action),
        "step": "progress",
        "budget": str(review),
        "name": people.names["officer"],
        "token": str(review),
    }
    wrong = []
    for rule, method, permission in pages(web_app):
        if set(re.findall(r"<(?:\w+:)?(\w+)>", rule)) - set(known):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", partial(_fill, known), rule)
        got = outcome(visitor.open(path, method=method, data={}))
        expected = A if permission in (Permission.SIGNED_IN, Permission.AGENCY_WORK) else F
        if rule in RULES and permission == Permission.SIGNED_IN:
            expected = F  # open to the signed-in, answering only the roles it names
        if got != expected:
            wrong.append(f"{method} {rule} as an agency user: expected {expected}, got {got}")
    assert not wrong, "\n".join(wrong)


def test_each_roles_header_starts_with_its_home_page(web_app: Flask) -> None:
    """Where signing in lands is the first section of the header, for every role that has
    sections (an analyst's Dashboard before Repeated recommendations, an auditor's
    Partnerships before Audit bundles)."""
    checked = 0
    for role, (endpoint, _) in HOMES.items():
        sections = [s.endpoint for s in SECTIONS if role in s.roles]
        if sections:
            assert sections[0] == endpoint, role
            checked += 1
    assert checked >= 6
    assert set(HOMES) == set(Role), "every role signs in to pages of its own"
