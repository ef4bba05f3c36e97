"""A step's form sent twice (the browser's Back, then Save again) records once and says so;
a form rendered afresh, in this tab or another, is another intention and records."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from uuid import UUID

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from api.app import create_app
from api.resources.views import close_views
from domain.actionplan import Scope
from domain.recording import acting_as
from domain.themes import ThemeKind
from tenants.platform import Platform
from tests.web.conftest import People, page_text, sign_in
from tests.web.test_case_pages import open_case

HIDDEN = re.compile(r'name="(csrf_token|version|submission)" type="hidden" value="([^"]*)"')
ACTION = {"owner": "Police", "description": "Train call handlers.", "due_on": ["1", "12", "2026"]}


def rendered(client: FlaskClient, url: str) -> dict[str, str]:
    """The hidden fields of the form as the page renders it: what a browser sends back."""
    return dict(HIDDEN.findall(client.get(url).data.decode()))


def send(
    client: FlaskClient, url: str, form: Mapping[str, str], answers: Mapping[str, object]
) -> TestResponse:
    return client.post(url, data={**form, **answers})


def with_recommendation(platform: Platform, tenant: str, reference: str) -> tuple[UUID, UUID]:
    review = open_case(platform, tenant, reference)
    with acting_as("system"), platform.ledgers.lease(tenant) as ledger:
        theme = ledger.themes.all(ThemeKind.THEME)[0].code
        made = date(2024, 5, 1)
        rec = ledger.recommendations.make(
            review, "3", "Do better.", Scope.SINGLE_AGENCY, made, [theme], "Police"
        )
    return review, rec


def actions_of(platform: Platform, tenant: str, rec: UUID) -> list[UUID]:
    with platform.ledgers.lease(tenant, writing=False) as ledger:
        return list(ledger.plan.index().actions_of(rec))


def test_an_action_form_sent_again_records_nothing_and_links_to_the_action_saved(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review, rec = with_recommendation(platform, people.tenant, "NT-TWICE")
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/action?recommendation={rec}"
    form, answers = rendered(visitor, url), {"recommendation": str(rec), **ACTION}
    assert form["submission"]  # a key, made as the page rendered the form

    sent = send(visitor, url, form, answers).headers["Location"]
    assert sent.partition("?")[0].endswith("/action/done")  # naming the action it made
    again = send(visitor, url, form, answers)  # Back, then "Save and continue" again

    assert again.status_code == 200
    [action] = actions_of(platform, people.tenant, rec)
    said = page_text(again.data)
    assert "This action was already saved" in said
    assert (
        "It was saved when you first pressed “Save and continue”, so it has not been saved again."
        in said
    )
    assert (
        f'href="/partnerships/{people.tenant}/actions/{action}">View the action'
        in again.data.decode()
    )
    case = visitor.get(f"/partnerships/{people.tenant}/cases/{review}").data.decode()
    assert case.count("Train call handlers.") == 1


def test_a_form_rendered_afresh_records_another_and_so_do_two_tabs(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review, rec = with_recommendation(platform, people.tenant, "NT-TABS")
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/action?recommendation={rec}"
    answers = {"recommendation": str(rec), **ACTION}

    for _ in range(2):  # "Plan an action" again: a new form, a new intention
        assert send(visitor, url, rendered(visitor, url), answers).status_code == 302
    first_tab, second_tab = rendered(visitor, url), rendered(visitor, url)
    assert first_tab["submission"] != second_tab["submission"]
    assert send(visitor, url, first_tab, answers).status_code == 302
    assert send(visitor, url, second_tab, answers).status_code == 302

    assert len(actions_of(platform, people.tenant, rec)) == 4


def test_a_recommendation_and_a_cost_sent_again_point_to_where_they_are_on_the_case(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review, _ = with_recommendation(platform, people.tenant, "NT-REC")
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        theme = ledger.themes.all(ThemeKind.THEME)[0].code
    sign_in(visitor, people.names["officer"])
    case = f"/partnerships/{people.tenant}/cases/{review}"
    recommendation = {
        "reference": "4",
        "text": "Ask about coercive control.",
        "scope": "multi_agency",
        "themes": [theme],
        "on": ["2", "6", "2024"],
        "target_organisation": "Police",
    }
    cost = {
        "category": "chair",
        "amount": "500",
        "on": ["2", "9", "2024"],
        "description": "Invoice 14",
    }
    said = {}
    for step, answers in (("recommendation", recommendation), ("cost", cost)):
        form = rendered(visitor, f"{case}/{step}")
        assert send(visitor, f"{case}/{step}", form, answers).status_code == 302
        said[step] = send(visitor, f"{case}/{step}", form, answers).data.decode()

    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        [_, made] = ledger.recommendations.of_review(review)
        assert ledger.costs.of_review(review).total_actual == 50_000
    assert "This recommendation was already saved" in page_text(said["recommendation"].encode())
    assert (
        f'href="{case}#recommendation-{made.id}">View the recommendation' in said["recommendation"]
    )
    assert "This cost was already saved" in page_text(said["cost"].encode())
    assert f'href="{case}#costs">View the cost' in said["cost"]
    assert f'id="recommendation-{made.id}"' in visitor.get(case).data.decode()


def test_a_step_on_a_record_sent_again_says_it_was_recorded_rather_than_changed_by_someone(
    visitor: FlaskClient, people: People, platform: Platform
) -> None:
    review = open_case(platform, people.tenant, "NT-DECIDE")
    sign_in(visitor, people.names["officer"])
    url = f"/partnerships/{people.tenant}/cases/{review}/decision"
    form, answers = rendered(visitor, url), {"outcome": "hold", "on": ["20", "2", "2024"]}
    assert send(visitor, url, form, answers).status_code == 302

    again = page_text(send(visitor, url, form, answers).data)

    # a step taken once says so in place of its form, whoever sends it again
    assert "The decision was already recorded on 20 February 2024" in again
    assert "Someone else" not in again
    with platform.ledgers.lease(people.tenant, writing=False) as ledger:
        assert ledger.reviews.get(review).version == 2  # notified, decided: nothing more


def test_a_key_used_in_one_process_is_known_in_another(
    make_platform: Callable[..., Platform], people: People, platform: Platform
) -> None:
    review, rec = with_recommendation(platform, people.tenant, "NT-PROC")
    apps = [
        create_app({"PLATFORM": p, "TESTING": True, "SECRET_KEY": "test-only-key"})
        for p in (platform, make_platform())  # two workers on one store
    ]
    try:
        one, other = (app.test_client() for app in apps)
        sign_in(one, people.names["officer"])
        url = f"/partnerships/{people.tenant}/cases/{review}/action"
        form, answers = rendered(one, url), {"recommendation": str(rec), **ACTION}
        assert send(one, url, form, answers).status_code == 302
        cookie = one.get_cookie("ledger_session")
        assert cookie is not None
        other.set_cookie("ledger_session", cookie.value)  # the same browser, the other worker
        again = send(other, url, form, answers)
        assert "This action was already saved" in page_text(again.data)
        assert len(actions_of(platform, people.tenant, rec)) == 1
    finally:
        for app in apps:
            close_views(app)
