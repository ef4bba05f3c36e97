"""A case's documents over HTTP on both stores: multipart upload, versions, downloads (logged),
refusals as problem+json that store nothing, and an auditor proving a file against the chain."""

from __future__ import annotations

import hashlib
import io
from dataclasses import replace
from typing import Any

from flask.testing import FlaskClient

from tenants.platform import Platform
from tests.api.conftest import World, body
from tests.api.test_plan_history import an_action
from tests.api.test_reviews import Case
from tests.integration.document_files import PNG, pdf


def upload(
    client: FlaskClient, url: str, who: dict[str, str], content: bytes, name: str, **form: str
) -> Any:
    data: dict[str, Any] = {"file": (io.BytesIO(content), name), **form}
    return client.post(url, data=data, headers=who, content_type="multipart/form-data")


def test_upload_versions_download_and_the_download_log(client: FlaskClient, world: World) -> None:
    case = Case(client, world)
    url = f"{case.base}/{case.id}/documents"
    officer = world.auth("officer")
    draft1, draft2 = pdf("first draft"), pdf("second draft")
    r = upload(
        client,
        url,
        officer,
        draft1,
        "Overview draft.pdf",
        kind="overview_report_draft",
        title="Overview report",
    )
    assert r.status_code == 201, body(r)
    made = body(r)
    assert (
        made["number"] == 1 and made["versions"][0]["sha256"] == hashlib.sha256(draft1).hexdigest()
    )
    r = upload(client, f"{url}/1/versions", officer, draft2, "Overview draft v2.pdf")
    assert r.status_code == 201, body(r)
    assert [v["number"] for v in body(r)["versions"]] == [1, 2]
    listed = body(client.get(url, headers=officer))
    assert [(d["title"], len(d["versions"])) for d in listed] == [("Overview report", 2)]
    old = client.get(f"{url}/1/versions/1", headers=officer)
    new = client.get(f"{url}/1/versions/2", headers=world.auth("lead"))
    assert old.status_code == new.status_code == 200
    assert old.data == draft1 and new.data == draft2 and old.mimetype == "application/pdf"
    assert "Overview%20draft.pdf" in old.headers["Content-Disposition"] or (
        "Overview draft.pdf" in old.headers["Content-Disposition"]
    )
    assert client.get(f"{url}/1/versions/3", headers=officer).status_code == 404
    log = body(
        client.get(
            f"/api/v1/tenants/{world.tenant}/audit/document-downloads",
            headers=world.auth("auditor"),
        )
    )
    assert [(d["document"], d["version"], d["review_id"]) for d in log] == [
        (1, 1, case.id),
        (1, 2, case.id),
    ]
    assert log[0]["who"] != log[1]["who"]  # the officer, then the lead


def test_refusals_are_problems_and_store_nothing(
    client: FlaskClient, world: World, platform: Platform
) -> None:
    case = Case(client, world)
    url = f"{case.base}/{case.id}/documents"
    officer = world.auth("officer")
    platform.settings = replace(platform.settings, document_max_bytes=2000)
    refused = [
        (PNG, "photo.pdf", {"kind": "other", "title": "t"}, "content is PNG"),
        (b"<html><script>", "page.html", {"kind": "other", "title": "t"}, "'.html'"),
        (pdf("x" * 3000), "big.pdf", {"kind": "other", "title": "t"}, "at most"),
        (pdf("x"), "a.pdf", {"kind": "novel", "title": "t"}, "kind"),
        (pdf("x"), "a.pdf", {"kind": "other"}, "title"),
        (pdf("x"), "a.pdf", {"kind": "action_evidence", "title": "t"}, "action"),
    ]
    for content, name, form, words in refused:
        r = upload(client, url, officer, content, name, **form)
        assert r.status_code == 422 and r.mimetype == "application/problem+json", body(r)
        assert words in body(r)["detail"], body(r)
    r = client.post(
        url,
        data={"kind": "other", "title": "t"},
        headers=officer,
        content_type="multipart/form-data",
    )
    assert r.status_code == 422 and "'file'" in body(r)["detail"]
    huge = upload(client, url, officer, b"x" * 400_000, "huge.txt", kind="other", title="t")
    assert huge.status_code in (413, 422) and huge.mimetype == "application/problem+json"
    assert body(client.get(url, headers=officer)) == []
    assert upload(client, f"{url}/1/versions", officer, b"text", "a.txt").status_code == 404


def test_evidence_for_an_action_of_its_own_case_only(client: FlaskClient, world: World) -> None:
    action = an_action(client, world)  # on case M-1
    action_id = action.rsplit("/", 1)[-1]
    review = body(client.get(action, headers=world.auth("officer")))["review_id"]
    other = Case(client, world)
    officer = world.auth("officer")
    base = f"/api/v1/tenants/{world.tenant}/reviews"
    form = {"kind": "action_evidence", "title": "Training attendance", "action_id": action_id}
    r = upload(client, f"{base}/{other.id}/documents", officer, b"Register", "r.txt", **form)
    assert r.status_code == 404, body(r)  # the action is not of that case
    r = upload(client, f"{base}/{review}/documents", officer, b"Register", "r.txt", **form)
    assert r.status_code == 201, body(r)
    assert body(r)["action_id"] == action_id and body(r)["kind"] == "action_evidence"


def test_an_auditor_proves_a_file_against_the_sealed_chain(
    client: FlaskClient, world: World, platform: Platform
) -> None:
    case = Case(client, world)
    letter = pdf("QA panel letter")
    url = f"{case.base}/{case.id}/documents"
    assert (
        upload(
            client,
            url,
            world.auth("officer"),
            letter,
            "qa.pdf",
            kind="qa_letter",
            title="QA letter",
        ).status_code
        == 201
    )
    with platform.ledgers.lease(world.tenant, writing=False) as ledger:
        platform.audit.seal(ledger)
    auditor = world.auth("auditor")
    proofs = f"/api/v1/tenants/{world.tenant}/document-proofs"
    by_file = body(upload(client, proofs, auditor, letter, "whatever-name.pdf"))
    by_digest = body(client.get(f"{proofs}/{hashlib.sha256(letter).hexdigest()}", headers=auditor))
    stored = body(client.get(f"{url}/1/versions/1/proof", headers=auditor))
    for proof in (by_file, by_digest, stored):
        assert proof["proven"] and proof["chain_intact"], proof
        (carrier,) = proof["carriers"]
        assert carrier["document"] == 1 and carrier["version"] == 1
        assert carrier["event"] == "CaseDocuments.VersionAdded" and carrier["position"] > 0
    other = body(upload(client, proofs, auditor, pdf("not ours"), "x.pdf"))
    assert not other["proven"] and other["carriers"] == []
    assert client.get(f"{proofs}/not-a-digest", headers=auditor).status_code == 422
    assert client.get(url, headers=auditor).status_code == 403  # titles are personal


def test_a_retried_upload_with_the_same_key_stores_nothing_more(
    client: FlaskClient, world: World
) -> None:
    """An officer's system whose connection dropped after sending a file sends it again with
    the same Idempotency-Key: it gets the first answer, and the case keeps one document (or
    one new version); the key reused for another file or form is refused as the API's other
    creates refuse it."""
    case = Case(client, world)
    url = f"{case.base}/{case.id}/documents"
    notes, agenda = pdf("panel notes"), pdf("agenda")
    notes_key = world.auth("officer", **{"Idempotency-Key": "notes-upload-1"})
    form = {"kind": "other", "title": "Panel notes"}
    first = upload(client, url, notes_key, notes, "notes.pdf", **form)
    again = upload(client, url, notes_key, notes, "notes.pdf", **form)
    assert first.status_code == again.status_code == 201, body(again)
    assert body(again) == body(first) and body(first)["number"] == 1
    agenda_key = world.auth("officer", **{"Idempotency-Key": "agenda-upload-1"})
    added = upload(client, url, agenda_key, agenda, "agenda.pdf", kind="other", title="Agenda")
    assert body(added)["number"] == 2
    late = upload(client, url, notes_key, notes, "notes.pdf", **form)  # after another upload
    assert late.status_code == 201 and body(late)["number"] == 1, body(late)
    for content, sent_form in ((notes, {**form, "title": "Notes"}), (agenda, form)):
        reused = upload(client, url, notes_key, content, "notes.pdf", **sent_form)
        assert reused.status_code == 422, body(reused)
        assert reused.mimetype == "application/problem+json"
        assert "new key" in body(reused)["detail"]

    revised = pdf("panel notes, revised")
    version_key = world.auth("officer", **{"Idempotency-Key": "notes-v2"})
    first = upload(client, f"{url}/1/versions", version_key, revised, "notes-2.pdf")
    again = upload(client, f"{url}/1/versions", version_key, revised, "notes-2.pdf")
    assert first.status_code == again.status_code == 201, body(again)
    assert body(again) == body(first)
    reused = upload(client, f"{url}/1/versions", version_key, pdf("other"), "notes-2.pdf")
    assert reused.status_code == 422 and "new key" in body(reused)["detail"]
    listed = body(client.get(url, headers=world.auth("officer")))
    assert [(d["title"], len(d["versions"])) for d in listed] == [("Panel notes", 2), ("Agenda", 1)]

    spec = body(client.get("/api/v1/openapi.json"))["paths"]
    for path in ("", "/{number}/versions"):
        sent = spec[f"/api/v1/tenants/{{tenant}}/reviews/{{review}}/documents{path}"]["post"]
        assert "Idempotency-Key" in [p["name"] for p in sent["parameters"]], path


def with_a_nameless_part(content: bytes, name: str, **form: str) -> tuple[bytes, str]:
    """A multipart body as a fuzzer or a careless client sends it: the file, the fields, and a
    part that names no field. Returns the body and its content type."""
    boundary = "b0undary"
    parts = [
        (f'name="file"; filename="{name}"', content),
        *((f'name="{key}"', value.encode()) for key, value in form.items()),
        ("", b"no field at all"),
    ]
    sent = b"".join(
        b"--%s\r\nContent-Disposition: form-data; %s\r\n\r\n%s\r\n"
        % (boundary.encode(), named.encode(), part)
        for named, part in parts
    )
    return sent + b"--%s--\r\n" % boundary.encode(), f"multipart/form-data; boundary={boundary}"
