"""An agency's IMR report through the agency work API, on both stores, as on its IMR page: it
uploads the report and each revised version as the officers' documents API takes a file, lists
and downloads only its own uploads (each download in the tenant's document-downloads audit),
and every refusal (a bad file, another agency, a case it was not asked on, another role)
stores nothing. Every other role's answer on these routes: test_role_matrix.py."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import jsonschema
from flask.testing import FlaskClient

from tenants.platform import Platform
from tenants.users.onboarding import add_user
from tests.api.conftest import AGENCY, World, body
from tests.api.test_agency_work import HEALTH, as_agency, directory
from tests.api.test_documents import upload, with_a_nameless_part
from tests.api.test_response_schemas import _as_json_schema
from tests.api.test_reviews import CASE, Case
from tests.integration.document_files import PNG, pdf

REPORTS = "/api/v1/tenants/{tenant}/agency-work/reviews/{review}/imr-reports"


def asked_of_police_and_health(client: FlaskClient, world: World) -> Case:
    """A case whose panel asked the police and health for IMRs, with one document of the
    officer's own (document 1)."""
    case = Case(client, world)
    assert case.step("decision", {"on": "2014-02-01", "outcome": "hold"}).status_code == 200
    for agency in (AGENCY, HEALTH):
        asked = {"on": "2014-03-10", "agency": agency, "due_on": "2014-04-21"}
        assert case.step("imr-requests", asked).status_code == 200
    notes = upload(
        client,
        f"{case.base}/{case.id}/documents",
        world.auth("officer"),
        b"Panel notes",
        "notes.txt",
        kind="other",
        title="Panel notes",
    )
    assert notes.status_code == 201 and body(notes)["number"] == 1, body(notes)
    return case


def reports_of(world: World, case: Case) -> str:
    return f"/api/v1/tenants/{world.tenant}/agency-work/reviews/{case.id}/imr-reports"


def undocumented(
    client: FlaskClient, path: str, method: str, status: str, answer: Any
) -> list[str]:
    """Where ``answer`` leaves the schema the OpenAPI document gives for it."""
    spec = body(client.get("/api/v1/openapi.json"))
    documented = spec["paths"][REPORTS + path][method]["responses"][status]
    schema = _as_json_schema(documented["content"]["application/json"]["schema"])
    defs = _as_json_schema(spec["components"]["schemas"])
    validator = jsonschema.Draft202012Validator({**schema, "$defs": defs})
    return [error.message for error in validator.iter_errors(answer)]


def test_an_agency_uploads_its_report_and_its_next_version_lists_and_downloads_only_its_own(
    client: FlaskClient, platform: Platform, world: World, agency_users: dict[str, str]
) -> None:
    """The report had to be emailed, or uploaded on the IMR page by hand: an agency's case
    system can now send it, and each revision, itself."""
    directory(platform, world)
    case = asked_of_police_and_health(client, world)
    url, police = reports_of(world, case), as_agency(agency_users["agency"])
    assert body(client.get(url, headers=police)) == []

    first, revised = pdf("IMR report, first"), pdf("IMR report, revised")
    r = upload(client, url, police, first, "police-imr.pdf")
    assert r.status_code == 201, body(r)
    made = body(r)
    assert (made["number"], made["kind"], made["agency"]) == (2, "imr", AGENCY)
    (version,) = made["versions"]
    assert version["number"] == 1 and version["filename"] == "police-imr.pdf"
    assert version["size"] == len(first) and version["added_on"]
    assert version["sha256"] == hashlib.sha256(first).hexdigest()
    r = upload(client, url, police, revised, "police-imr-2.pdf")
    assert r.status_code == 201, body(r)
    assert [v["number"] for v in body(r)["versions"]] == [1, 2]
    again = upload(client, url, police, revised, "police-imr-2.pdf")
    assert again.status_code == 409 and again.mimetype == "application/problem+json"
    assert "the same as the report you uploaded last (version 2)" in body(again)["detail"]

    # Its own upload only: the officer's notes (document 1) are not there to list nor fetch.
    listed = body(client.get(url, headers=police))
    assert [(d["number"], [v["filename"] for v in d["versions"]]) for d in listed] == [
        (2, ["police-imr.pdf", "police-imr-2.pdf"])
    ]
    assert body(client.get(f"{url}/2", headers=police)) == listed[0]
    assert not undocumented(client, "", "get", "200", listed)
    assert not undocumented(client, "", "post", "201", made)
    assert not undocumented(client, "/{number}", "get", "200", listed[0])
    assert client.get(f"{url}/1", headers=police).status_code == 404
    assert client.get(f"{url}/1/versions/1", headers=police).status_code == 404
    assert client.get(f"{url}/2/versions/3", headers=police).status_code == 404
    region_agency = as_agency(agency_users["region_agency"])
    assert body(client.get(url, headers=region_agency)) == listed

    old = client.get(f"{url}/2/versions/1", headers=police)
    new = client.get(f"{url}/2/versions/2", headers=region_agency)
    assert old.status_code == new.status_code == 200
    assert old.data == first and new.data == revised and old.mimetype == "application/pdf"
    assert old.headers["Content-Disposition"] == "attachment; filename=police-imr.pdf"
    assert old.headers["Cache-Control"] == "no-store"
    assert old.headers["Digest"] == f"sha-256={hashlib.sha256(first).hexdigest()}"

    # The panel finds it among the case's documents, marked as the agency's; the auditor
    # finds both downloads beside the officers'.
    documents = body(client.get(f"{case.base}/{case.id}/documents", headers=world.auth("lead")))
    assert [(d["number"], d["agency"]) for d in documents] == [(1, None), (2, AGENCY)]
    log = body(
        client.get(
            f"/api/v1/tenants/{world.tenant}/audit/document-downloads",
            headers=world.auth("auditor"),
        )
    )
    assert [(d["document"], d["version"], d["review_id"]) for d in log] == [
        (2, 1, case.id),
        (2, 2, case.id),
    ]
    assert log[0]["who"] != log[1]["who"]  # the tenant's agency user, then the region's


def test_refused_uploads_and_reads_answer_problems_and_store_nothing(
    client: FlaskClient,
    platform: Platform,
    world: World,
    agency_users: dict[str, str],
    unique: Callable[[str], str],
) -> None:
    """A bad file is refused as the officers' documents API refuses it; another agency's
    report, a case the agency was not asked on and another tenant are "not found"; the
    officers' roles may not use the agency's routes."""
    directory(platform, world)
    case = asked_of_police_and_health(client, world)
    url, police = reports_of(world, case), as_agency(agency_users["agency"])
    platform.settings = replace(platform.settings, document_max_bytes=2000)
    refused = [
        (PNG, "photo.pdf", "content is PNG"),
        (b"<html><script>", "page.html", "'.html'"),
        (pdf("x" * 3000), "big.pdf", "at most"),
    ]
    for content, name, words in refused:
        r = upload(client, url, police, content, name)
        assert r.status_code == 422 and r.mimetype == "application/problem+json", body(r)
        assert words in body(r)["detail"], body(r)
    r = client.post(url, data={}, headers=police, content_type="multipart/form-data")
    assert r.status_code == 422 and "'file'" in body(r)["detail"]
    huge = upload(client, url, police, b"x" * 400_000, "huge.txt")
    assert huge.status_code in (413, 422) and huge.mimetype == "application/problem+json"
    assert body(client.get(url, headers=police)) == []
    officers = body(client.get(f"{case.base}/{case.id}/documents", headers=world.auth("officer")))
    assert [d["number"] for d in officers] == [1]

    assert upload(client, url, police, pdf("ours"), "police-imr.pdf").status_code == 201
    name = unique("health")
    add_user(platform, name, "agency_contributor", (world.tenant,), (), agency=HEALTH)
    health = as_agency(platform.access.issue_token(name).secret)
    assert body(client.get(url, headers=health)) == []  # asked too, but sees none of ours
    for path in (f"{url}/2", f"{url}/2/versions/1"):
        answer = client.get(path, headers=health)
        assert answer.status_code == 404 and answer.mimetype == "application/problem+json"

    other = {**CASE, "reference": "DHR-2014-02"}
    not_asked = body(client.post(case.base, json=other, headers=world.auth("officer")))["id"]
    elsewhere = url.replace(case.id, not_asked)
    far = url.replace(f"/tenants/{world.tenant}/", f"/tenants/{world.stranger}/")
    for path in (elsewhere, far):
        assert client.get(path, headers=police).status_code == 404
        sent = upload(client, path, police, pdf("misfiled"), "police-imr.pdf")
        assert sent.status_code == 404, body(sent)
        assert client.get(f"{path}/2/versions/1", headers=police).status_code == 404
    misfiled = client.get(f"{case.base}/{not_asked}/documents", headers=world.auth("officer"))
    assert body(misfiled) == []

    for who in ("officer", "lead", "auditor"):
        assert client.get(url, headers=world.auth(who)).status_code == 403
        assert upload(client, url, world.auth(who), pdf("x"), "x.pdf").status_code == 403
        assert client.get(f"{url}/2/versions/1", headers=world.auth(who)).status_code == 403
    (ours,) = body(client.get(url, headers=police))
    assert len(ours["versions"]) == 1


def test_a_retried_report_upload_with_the_same_key_stores_nothing_more(
    client: FlaskClient, platform: Platform, world: World, agency_users: dict[str, str]
) -> None:
    """An agency's system that sends its report again with the same Idempotency-Key (the first
    answer lost) gets that answer again: no second version, no "same as last" refusal; the key
    reused for another file is refused as the API's other creates refuse it."""
    directory(platform, world)
    case = asked_of_police_and_health(client, world)
    url, secret = reports_of(world, case), agency_users["agency"]
    report, revised = pdf("IMR report"), pdf("IMR report, revised")
    first_key = as_agency(secret, **{"Idempotency-Key": "imr-report-1"})
    first = upload(client, url, first_key, report, "police-imr.pdf")
    again = upload(client, url, first_key, report, "police-imr.pdf")
    assert first.status_code == again.status_code == 201, body(again)
    assert body(again) == body(first)
    assert [len(d["versions"]) for d in body(client.get(url, headers=first_key))] == [1]

    second_key = as_agency(secret, **{"Idempotency-Key": "imr-report-2"})
    first = upload(client, url, second_key, revised, "police-imr-2.pdf")
    again = upload(client, url, second_key, revised, "police-imr-2.pdf")
    assert first.status_code == again.status_code == 201, body(again)
    assert body(again) == body(first) and len(body(first)["versions"]) == 2
    reused = upload(client, url, second_key, pdf("another"), "police-imr-2.pdf")
    assert reused.status_code == 422 and reused.mimetype == "application/problem+json"
    assert "new key" in body(reused)["detail"]
    assert [len(d["versions"]) for d in body(client.get(url, headers=first_key))] == [2]

    sent = body(client.get("/api/v1/openapi.json"))["paths"][REPORTS]["post"]
    assert "Idempotency-Key" in [p["name"] for p in sent["parameters"]]


def test_a_part_without_a_name_beside_an_idempotency_key_is_left_out_not_a_server_error(
    client: FlaskClient, platform: Platform, world: World, agency_users: dict[str, str]
) -> None:
    """The fuzzer sent the report with a part naming no field beside an Idempotency-Key: the
    key's fingerprint sorted the form's names, None among them, and the upload answered 500.
    A part without a name is no field of the form: the report is stored, once."""
    directory(platform, world)
    case = asked_of_police_and_health(client, world)
    url, secret = reports_of(world, case), agency_users["agency"]
    sent, kind = with_a_nameless_part(pdf("IMR report"), "police-imr.pdf", note="for the panel")
    key = as_agency(secret, **{"Idempotency-Key": "nameless-1"})
    first = client.post(url, data=sent, headers=key, content_type=kind)
    again = client.post(url, data=sent, headers=key, content_type=kind)
    assert first.status_code == again.status_code == 201, body(again)
    assert [len(d["versions"]) for d in body(client.get(url, headers=key))] == [1]
