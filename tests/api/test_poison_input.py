"""Poison input is refused at the edge with a problem saying what to send, on both stores:
values the stores or read models cannot hold, bodies the parser cannot survive, and
requests whose extra parts would otherwise be silently ignored."""

from __future__ import annotations

import json
import re
import uuid
from datetime import timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from api.problems import withhold_unsent_ids
from api.schemas.limits import MONEY_CEILING
from domain.calendar import uk_today
from tests.api.conftest import World, body

PROBLEM = "application/problem+json"


def notify(client: FlaskClient, world: World, **change: Any) -> Any:
    data = {
        "reference": f"P-{uuid.uuid4().hex[:8]}",
        "incident_on": "2025-03-01",
        "notified_on": "2025-03-02",
        "pseudonym": "Poison",
        "kind": "dhr",
        "death_category": "intimate_partner_homicide",
        **change,
    }
    return client.post(
        f"/api/v1/tenants/{world.tenant}/reviews", json=data, headers=world.auth("officer")
    )


def refused(r: Any, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.data[:300]
    assert r.mimetype == PROBLEM
    problem: dict[str, Any] = json.loads(r.data)
    assert problem["status"] == status and problem["detail"]
    return problem


def case(client: FlaskClient, world: World) -> tuple[str, str]:
    made = notify(client, world)
    assert made.status_code == 201
    return f"/api/v1/tenants/{world.tenant}/reviews/{body(made)['id']}", made.headers["ETag"]


def test_an_amount_beyond_ten_billion_pounds_is_refused(client: FlaskClient, world: World) -> None:
    path, etag = case(client, world)
    for amount in (2**63, MONEY_CEILING + 1, -(2**63)):
        r = client.post(
            f"{path}/costs/estimates",
            json={"on": "2025-03-05", "category": "chair", "amount": amount},
            headers=world.auth("officer", **{"If-Match": etag}),
        )
        problem = refused(r, 422)
        assert "£10bn" in json.dumps(problem["errors"], ensure_ascii=False)


def test_text_with_control_or_bidi_characters_is_refused(client: FlaskClient, world: World) -> None:
    for text in (
        "Po\u0000ison",
        "Po\u0007ison",
        "Po\u202eison",
        "Po\u2066ison",
        "Po\u0085ison",
        "A\rB",
    ):
        problem = refused(notify(client, world, pseudonym=text), 422)
        assert "plain text" in problem["errors"]["json"]["pseudonym"][0], text


def test_text_that_is_invisible_or_shows_nothing_is_refused(
    client: FlaskClient, world: World
) -> None:
    """A pseudonym of a zero-width space and an accent displayed as blank yet was kept: the
    invisible characters are refused where they are, and what is left must show something."""
    for text in ("Po\u200bison", "Po\u200fison", "Po\u2060ison", "\ufeffPoison", "Po\u00adison"):
        problem = refused(notify(client, world, pseudonym=text), 422)
        assert "plain text" in problem["errors"]["json"]["pseudonym"][0], text
    for text in ("\u0301", "\u200d", " \u3164 ", "\u2800"):
        problem = refused(notify(client, world, pseudonym=text), 422)
        assert "invisible characters alone" in problem["errors"]["json"]["pseudonym"][0], text
    before = client.get(f"/api/v1/tenants/{world.tenant}/reviews", headers=world.auth("officer"))
    assert body(before) == []


def test_joiners_and_flags_that_real_text_needs_are_kept(client: FlaskClient, world: World) -> None:
    """The zero-width joiner and non-joiner spell Persian and Indic words and join emoji; the
    tags of England's flag make the flag: they show, so they are not refused."""
    england = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
    for text in (
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        "\U0001f469\u200d\U0001f467",
        england,
    ):
        assert notify(client, world, pseudonym=text).status_code == 201, text


def test_a_corrections_text_is_held_to_the_same_rule_inside_any_shape(
    client: FlaskClient, world: World
) -> None:
    """A correction's value may be text or a list of theme codes: a bidi override slipped in
    either is refused as a new record's would be, and nothing is corrected."""
    path, etag = case(client, world)
    for value in ("Po\u202eison", ["training", "po\u0000licy"], {"x": "\u2066"}):
        r = client.post(
            f"{path}/corrections",
            json={"field": "pseudonym", "value": value, "reason": "typed wrongly"},
            headers=world.auth("lead", **{"If-Match": etag}),
        )
        assert "plain text" in json.dumps(refused(r, 422)["errors"]), value
    assert client.get(path, headers=world.auth("lead")).headers["ETag"] == etag


def test_a_lone_surrogate_is_refused_not_a_server_error(client: FlaskClient, world: World) -> None:
    raw = (
        b'{"reference":"S-1","incident_on":"2025-03-01","notified_on":"2025-03-02",'
        b'"pseudonym":"\\ud800","kind":"dhr","death_category":"intimate_partner_homicide"}'
    )
    r = client.post(
        f"/api/v1/tenants/{world.tenant}/reviews",
        data=raw,
        content_type="application/json",
        headers=world.auth("officer"),
    )
    assert "unpaired surrogate" in refused(r, 422)["errors"]["json"]["pseudonym"][0]


def test_tabs_new_lines_and_accents_are_kept(client: FlaskClient, world: World) -> None:
    path, etag = case(client, world)
    r = client.post(
        f"{path}/decision",
        json={"on": "2025-03-10", "outcome": "hold", "reason": "Zoë's case:\n\tcriteria met\r\n"},
        headers=world.auth("officer", **{"If-Match": etag}),
    )
    assert r.status_code == 200, r.data[:300]


def test_deeply_nested_json_is_refused_before_parsing(client: FlaskClient, world: World) -> None:
    for raw in (b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 30_000 + b"1" + b"}" * 30_000):
        r = client.post(
            f"/api/v1/tenants/{world.tenant}/reviews",
            data=raw,
            content_type="application/json",
            headers=world.auth("officer"),
        )
        assert "nests deeper" in refused(r, 400)["detail"]


def test_a_five_thousand_digit_number_is_refused_before_parsing(
    client: FlaskClient, world: World
) -> None:
    r = client.post(
        f"/api/v1/tenants/{world.tenant}/reviews",
        data=b'{"reference": ' + b"7" * 5000 + b"}",
        content_type="application/json",
        headers=world.auth("officer"),
    )
    assert "digits" in refused(r, 400)["detail"]


def test_dates_outside_a_sane_window_are_refused(client: FlaskClient, world: World) -> None:
    tomorrow = (uk_today() + timedelta(days=1)).isoformat()
    for field, value in (
        ("incident_on", "0001-01-01"),
        ("incident_on", "1989-12-31"),
        ("notified_on", "2999-01-01"),
        ("notified_on", tomorrow),  # it cannot have happened yet
    ):
        problem = refused(notify(client, world, **{field: value}), 422)
        message = problem["errors"]["json"][field][0]
        assert re.search(r"from 1990-01-01 to \d{4}-\d\d-\d\d", message), (field, value)


def test_unknown_query_parameters_are_refused_like_unknown_fields(
    client: FlaskClient, world: World
) -> None:
    r = client.get(
        f"/api/v1/tenants/{world.tenant}/reviews?sort=name", headers=world.auth("officer")
    )
    problem = refused(r, 422)  # as an unknown body field is
    assert problem["errors"] == {"query": {"sort": ["Unknown field."]}}
    assert "This address accepts: as_recorded, on." in problem["detail"]  # says what to send
    r = client.get(
        f"/api/v1/regions/{world.region}/views/dhr-counts?since=2020-01-01&colour=red",
        headers=world.auth("regional"),
    )
    assert "accepts:" in refused(r, 422)["detail"]


def test_if_match_on_a_create_is_refused(client: FlaskClient, world: World) -> None:
    r = client.post(
        f"/api/v1/tenants/{world.tenant}/reviews",
        json={"reference": "X"},
        headers=world.auth("officer", **{"If-Match": '"1"'}),
    )
    assert "Idempotency-Key" in refused(r, 400)["detail"]


def test_issuing_a_token_needs_the_documented_body(
    client: FlaskClient, world: World, unique: Any
) -> None:
    created = client.post(
        "/api/v1/users",
        json={"name": unique("tok"), "role": "auditor", "tenants": [world.tenant]},
        headers=world.auth("admin"),
    )
    assert created.status_code == 201, created.data[:300]
    path = f"/api/v1/users/{body(created)['name']}/tokens"
    assert "JSON body" in refused(client.post(path, headers=world.auth("admin")), 400)["detail"]
    assert client.post(path, json={}, headers=world.auth("admin")).status_code == 201


def test_a_stale_if_match_is_answered_with_the_current_etag(
    client: FlaskClient, world: World
) -> None:
    path, etag = case(client, world)
    step = {"on": "2025-03-10", "outcome": "hold", "reason": ""}
    ok = client.post(
        f"{path}/decision", json=step, headers=world.auth("officer", **{"If-Match": etag})
    )
    assert ok.status_code == 200
    r = client.post(
        f"{path}/decision", json=step, headers=world.auth("officer", **{"If-Match": etag})
    )
    refused(r, 412)
    assert r.headers["ETag"] == ok.headers["ETag"] != etag


def test_a_missing_record_names_no_code_and_no_id_but_the_one_sent(
    client: FlaskClient, world: World
) -> None:
    sent = uuid.uuid4()
    for path in (
        f"/api/v1/tenants/{world.tenant}/funding/budget-lines/{sent}",
        f"/api/v1/tenants/{world.tenant}/reviews/{sent}",
        f"/api/v1/tenants/{world.tenant}/funding/pooled-budgets/{sent}/allocation-plan",
    ):
        r = client.get(path, headers=world.auth("officer"))
        text = json.dumps(refused(r, 404))
        assert "list_budgets" not in text and "_" not in json.loads(text)["detail"]
        ids = set(re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", text))
        assert ids <= {str(sent)}


def test_a_problem_withholds_any_id_the_request_did_not_carry(app: Flask) -> None:
    sent, derived = uuid.uuid4(), uuid.uuid4()
    with app.test_request_context(f"/api/v1/tenants/t/reviews/{sent}", data=b"{}"):
        detail = withhold_unsent_ids(f"No plan {derived} for review {str(sent).upper()}.")
    assert detail == f"No plan (id withheld) for review {str(sent).upper()}."
