"""Research extracts (seed 002): a regional lead records a data-sharing agreement; only the
researcher it names downloads the numbered, pseudonymised extract, until it expires; every
download is logged on the agreement."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from flask.testing import FlaskClient
from openpyxl import load_workbook

from domain.actionplan import Scope
from domain.recording import acting_as
from domain.themes import ThemeKind
from domain.vault.personal import Contact, PersonalDetails
from tenants.demo.lifecycle import DemoCase, Stage, record
from tenants.learning.agreements import ResearchAgreements
from tenants.platform import Platform
from tenants.users.onboarding import add_user
from tests.api.conftest import World, body


def plant(platform: Platform, world: World) -> list[dict[str, str]]:
    covered = []
    for tenant, reference, name in (
        (world.tenant, "RX-1", "Rosalind"),
        (world.neighbour, "RX-2", "Tobias"),
    ):
        with acting_as("officer-1"), platform.ledgers.lease(tenant) as ledger:
            review = record(ledger, DemoCase(reference, name, date(2014, 3, 2), Stage.PUBLISHED))
            ledger.findings.record(
                review, f"{name} told her GP in {'Our CSP' if tenant == world.tenant else 'Next CSP'} "
                "on 3 March 2014 about the abuse", ["primary-care-early-identification"], date(2015, 1, 5),
            )  # fmt: skip
            rec = ledger.recommendations.make(
                review, "R1", f"GPs ask about abuse, as {name}'s case on 2014-03-02 shows",
                Scope.SINGLE_AGENCY, date(2015, 1, 5), ["primary-care-early-identification"],
                target_sector="primary-care",
            )  # fmt: skip
            action = ledger.actions.plan(rec, "CCG", "Routine enquiry", date(2015, 6, 1))
            ledger.actions.complete(action, date(2015, 5, 1))
        covered.append({"tenant": tenant, "review_id": str(review)})
    return covered


def researcher(
    platform: Platform, world: World, stem: str = "researcher"
) -> tuple[str, dict[str, str]]:
    name = f"{stem}-{world.tenant}"
    add_user(platform, name, "researcher", (), ())
    return name, {"Authorization": f"Bearer {platform.access.issue_token(name).secret}"}


def agree(client: FlaskClient, world: World, covered: Any, name: str, **extra: Any) -> Any:
    payload = {
        "reference": "DSA-1", "researcher": name, "purpose": "Lessons of DHRs in the region",
        "reviews": covered, "signed_on": "2025-01-01",
        "expires_on": (date.today() + timedelta(days=30)).isoformat(), **extra,
    }  # fmt: skip
    return client.post(
        f"/api/v1/regions/{world.region}/research-agreements", json=payload,
        headers=world.auth("regional"),
    )  # fmt: skip


def test_the_researcher_downloads_numbered_reviews_without_names_places_or_dates(
    client: FlaskClient, platform: Platform, world: World
) -> None:
    covered = plant(platform, world)
    name, headers = researcher(platform, world)
    created = agree(client, world, covered, name)
    assert created.status_code == 201, created.data
    agreement = body(created)["id"]
    response = client.get(f"/api/v1/research/agreements/{agreement}/extract", headers=headers)
    assert response.status_code == 200, response.data
    extract = body(response)
    assert [r["number"] for r in extract["reviews"]] == [1, 2]
    first = extract["reviews"][0]
    assert first["year"] == 2014 and first["death_category"] == "intimate_partner_homicide"
    assert first["findings"][0]["text"] == "[name] told her GP in [place] on [date] about the abuse"
    rec = first["recommendations"][0]
    assert rec["text"] == "GPs ask about abuse, as [name]'s case on [date] shows"
    assert (rec["action_outcome"], rec["impact"]) == ("completed", "not_reviewed")
    assert extract["code_names"] == {  # every code the reviews carry, named: the extract's key
        "primary-care": "Primary care (GPs)",
        "primary-care-early-identification": "Primary care and early identification",
    }
    text = json.dumps(extract)
    for secret in ("Rosalind", "Tobias", "RX-1", "RX-2", world.tenant, world.neighbour, "2014-03"):
        assert secret not in text
    log = body(client.get(
        f"/api/v1/regions/{world.region}/research-agreements/{agreement}",
        headers=world.auth("region_auditor"),
    ))["downloads"]  # fmt: skip
    assert [d["by"] for d in log] == [name]


def test_every_name_the_case_has_had_is_scrubbed_however_it_ends(
    client: FlaskClient, platform: Platform, world: World
) -> None:
    """Initials end in punctuation, where ``\\b`` never matches; a corrected pseudonym is still
    in the findings written before; the vault's real names may have been typed in a finding."""
    with acting_as("officer-1"), platform.ledgers.lease(world.tenant) as ledger:
        review = record(ledger, DemoCase("RX-9", "Z.Q.", date(2014, 3, 2), Stage.PUBLISHED))
        ledger.vault.record(
            review, PersonalDetails("Rosa Marsh", contacts=(Contact("Ivy Marsh", "sister"),)),
            date(2015, 1, 1),
        )  # fmt: skip
        ledger.findings.record(
            review, "Z.Q. told the GP twice; nobody asked z.q. about it. Rosa Marsh's sister "
            "Ivy Marsh was not contacted", ["primary-care-early-identification"], date(2015, 1, 5),
        )  # fmt: skip
        ledger.reviews.correct(review, "pseudonym", "Adult Q", "Agreed with the family")
    name, headers = researcher(platform, world)
    covered = [{"tenant": world.tenant, "review_id": str(review)}]
    agreement = body(agree(client, world, covered, name))["id"]
    response = client.get(f"/api/v1/research/agreements/{agreement}/extract", headers=headers)
    assert response.status_code == 200, response.data
    assert body(response)["reviews"][0]["findings"][0]["text"] == (
        "[name] told the GP twice; nobody asked [name] about it. [name]'s sister "
        "[name] was not contacted"
    )


def test_a_partnerships_own_theme_is_named_without_its_place(
    client: FlaskClient, platform: Platform, world: World
) -> None:
    """A theme a partnership added names it as its taxonomy does, scrubbed of places as the
    texts are: the key must not say where the review was held."""
    place = platform.registry.tenant(world.tenant).name
    with acting_as("officer-1"), platform.ledgers.lease(world.tenant) as ledger:
        ledger.themes.add("local-hub", f"{place} hub referrals", ThemeKind.THEME)
        review = record(ledger, DemoCase("RX-7", "Ada", date(2014, 3, 2), Stage.PUBLISHED))
        ledger.findings.record(review, "Nobody referred her", ["local-hub"], date(2015, 1, 5))
    name, headers = researcher(platform, world)
    covered = [{"tenant": world.tenant, "review_id": str(review)}]
    agreement = body(agree(client, world, covered, name))["id"]
    extract = body(client.get(f"/api/v1/research/agreements/{agreement}/extract", headers=headers))
    assert extract["code_names"] == {"local-hub": "[place] hub referrals"}


def test_only_the_named_researcher_and_only_until_expiry(
    client: FlaskClient, platform: Platform, world: World
) -> None:
    covered = plant(platform, world)
    name, headers = researcher(platform, world)
    _, other = researcher(platform, world, "someone-else")
    agreement = body(agree(client, world, covered, name))["id"]
    url = f"/api/v1/research/agreements/{agreement}/extract"
    assert client.get(url, headers=other).status_code == 404
    assert client.get(url, headers=world.auth("regional")).status_code == 403
    # the researcher reaches no partnership's cases
    review = covered[0]["review_id"]
    assert (
        client.get(f"/api/v1/tenants/{world.tenant}/reviews/{review}", headers=headers).status_code
        == 404
    )
    with acting_as("regional"):
        agreements = ResearchAgreements.open(platform)
        try:
            agreements.log_download(UUID(agreement), name, datetime.now(UTC), date.today())
            expired = agreements.record(
                world.region, "DSA-OLD", name, "old", [(world.tenant, UUID(review))],
                date(2020, 1, 1), date(2021, 1, 1),
            )  # fmt: skip
        finally:
            agreements.close()
    refused = client.get(f"/api/v1/research/agreements/{expired.id}/extract", headers=headers)
    assert refused.status_code == 409 and "expired on 2021-01-01" in body(refused)["detail"]
    log = body(client.get(
        f"/api/v1/regions/{world.region}/research-agreements/{expired.id}",
        headers=world.auth("regional"),
    ))["downloads"]  # fmt: skip
    assert log == []  # a refused download hands nothing over and is not an extract
    mine = body(client.get("/api/v1/research/agreements", headers=headers))["agreements"]
    assert {(a["reference"], a["status"]) for a in mine} == {
        ("DSA-1", "in_force"),
        ("DSA-OLD", "expired"),
    }
    assert body(client.get("/api/v1/research/agreements", headers=other))["agreements"] == []
    assert (
        client.get("/api/v1/research/agreements", headers=world.auth("regional")).status_code == 403
    )


def test_an_agreement_covers_only_the_regions_reviews_and_names_a_researcher(
    client: FlaskClient, platform: Platform, world: World
) -> None:
    covered = plant(platform, world)
    name, _ = researcher(platform, world)
    with acting_as("officer-1"), platform.ledgers.lease(world.stranger) as ledger:
        far = record(ledger, DemoCase("FAR-1", "Quinn", date(2014, 3, 2), Stage.NOTIFIED))
    outside = agree(client, world, [{"tenant": world.stranger, "review_id": str(far)}], name)
    assert outside.status_code == 422 and "not in region" in body(outside)["detail"]
    nobody = agree(client, world, covered, "nobody-at-all")
    assert nobody.status_code == 422 and "researcher" in body(nobody)["detail"]
    backwards = agree(client, world, covered, name, expires_on="2024-01-01")
    assert backwards.status_code == 422
    assert agree(client, world, covered, name).status_code == 201
    assert agree(client, world, covered, name).status_code == 409


def test_the_regional_lead_lists_and_revokes_and_the_researcher_is_refused_at_once(
    client: FlaskClient, platform: Platform, world: World
) -> None:
    covered = plant(platform, world)
    name, headers = researcher(platform, world)
    agreement = body(agree(client, world, covered, name))["id"]
    second = body(agree(client, world, covered[:1], name, reference="DSA-2"))["id"]
    url = f"/api/v1/research/agreements/{agreement}/extract"
    assert client.get(url, headers=headers).status_code == 200
    listing = f"/api/v1/regions/{world.region}/research-agreements"
    listed = body(client.get(listing, headers=world.auth("regional")))["agreements"]
    assert {a["id"] for a in listed} == {agreement, second}
    assert {a["status"] for a in listed} == {"in_force"}
    assert client.get(listing, headers=world.auth("other_regional")).status_code == 404
    assert client.get(listing, headers=headers).status_code == 404  # no region of their own
    revoke = f"/api/v1/regions/{world.region}/research-agreements/{agreement}/revocation"
    reason = {"reason": "The university withdrew the study"}
    assert client.post(revoke, json=reason, headers=world.auth("region_auditor")).status_code == 403
    assert (
        client.post(revoke, json={"reason": " "}, headers=world.auth("regional")).status_code == 422
    )
    done = client.post(revoke, json=reason, headers=world.auth("regional"))
    assert done.status_code == 200, done.data
    assert body(done)["status"] == "revoked"
    assert body(done)["revocation_reason"] == "The university withdrew the study"
    refused = client.get(url, headers=headers)
    assert refused.status_code == 404 and "in force" in body(refused)["detail"]
    assert client.post(revoke, json=reason, headers=world.auth("regional")).status_code == 409
    listed = body(client.get(listing, headers=world.auth("regional")))["agreements"]
    assert {a["id"]: a["status"] for a in listed} == {agreement: "revoked", second: "in_force"}
    assert (
        client.get(f"/api/v1/research/agreements/{second}/extract", headers=headers).status_code
        == 200
    )
    with acting_as("regional"):
        agreements = ResearchAgreements.open(platform)
        try:
            events = [
                type(e).__name__ for e in agreements.repository.event_store.get(UUID(agreement))
            ]
        finally:
            agreements.close()
    assert events == ["Recorded", "ExtractDownloaded", "Revoked"]


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_the_extract_comes_as_a_workbook_too_each_download_logged_as_the_jsons(
    client: FlaskClient, platform: Platform, world: World
) -> None:
    """``?format=xlsx`` or ``Accept``, as the API's other downloads negotiate: the same records
    a sheet per kind, their codes named; recorded on the agreement like the JSON; refused the
    same way once the agreement has expired; a format it does not offer is 406, not JSON."""
    covered = plant(platform, world)
    name, headers = researcher(platform, world)
    agreement = body(agree(client, world, covered, name))["id"]
    url = f"/api/v1/research/agreements/{agreement}/extract"
    by_format = client.get(url, headers=headers, query_string={"format": "xlsx"})
    by_accept = client.get(url, headers={**headers, "Accept": XLSX})
    for got in (by_format, by_accept):
        assert got.status_code == 200 and got.mimetype == XLSX, got.data[:300]
        assert 'filename="DSA-1-extract.xlsx"' in got.headers["Content-Disposition"]
        assert "Accept" in got.headers["Vary"]  # a cache keeps the JSON and the workbook apart
        book = load_workbook(io.BytesIO(got.data))
        assert book.sheetnames == ["Reviews", "Findings", "Recommendations", "Themes", "Notes"]
        reviews = list(book["Reviews"].iter_rows(min_row=2, values_only=True))
        assert [r[0] for r in reviews] == [1, 2]
        recommendation = next(book["Recommendations"].iter_rows(min_row=2, values_only=True))
        assert recommendation[:4] == (
            1, 1, "GPs ask about abuse, as [name]'s case on [date] shows", "Single agency"
        )  # fmt: skip
    assert client.get(url, headers=headers, query_string={"format": "csv"}).status_code == 406
    log = body(client.get(
        f"/api/v1/regions/{world.region}/research-agreements/{agreement}",
        headers=world.auth("regional"),
    ))["downloads"]  # fmt: skip
    assert [d["by"] for d in log] == [name, name]  # the two workbooks; the refusals record none

    with acting_as("regional"):
        store = ResearchAgreements.open(platform)
        try:
            expired = store.record(
                world.region, "DSA-OLD-X", name, "old",
                [(world.tenant, UUID(covered[0]["review_id"]))], date(2020, 1, 1), date(2021, 1, 1),
            )  # fmt: skip
        finally:
            store.close()
    old = f"/api/v1/research/agreements/{expired.id}/extract"
    refused = client.get(old, headers=headers, query_string={"format": "xlsx"})
    assert refused.status_code == 409 and "expired on 2021-01-01" in body(refused)["detail"]
    with acting_as("regional"):
        store = ResearchAgreements.open(platform)
        try:
            assert store.get(expired.id).downloads == ()
        finally:
            store.close()


def test_the_api_document_offers_the_extract_as_json_or_a_workbook(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    operation = spec["paths"]["/api/v1/research/agreements/{agreement}/extract"]["get"]
    assert set(operation["responses"]["200"]["content"]) == {"application/json", XLSX}
    (fmt,) = [p for p in operation["parameters"] if p["name"] == "format"]
    assert fmt["schema"]["enum"] == ["json", "xlsx"] and fmt["in"] == "query"
