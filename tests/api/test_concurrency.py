"""Two administrators (or officers) never overwrite each other: ETag in, If-Match back."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import pytest
from flask.testing import FlaskClient

from api.concurrency import expecting
from domain.errors import ConcurrentChangeError
from tenants.application import guarding_saves
from tenants.ledger import PartnershipLedger
from tenants.platform import Platform
from tests.api.conftest import AGENCY, World, body
from tests.api.test_reviews import Case


def test_a_get_returns_the_version_as_etag_and_a_command_needs_it(
    client: FlaskClient, world: World
) -> None:
    url = f"/api/v1/tenants/{world.tenant}"
    etag = client.get(url, headers=world.auth("admin")).headers["ETag"]
    missing = client.post(f"{url}/name", json={"name": "New"}, headers=world.auth("admin"))
    assert missing.status_code == 428
    done = client.post(
        f"{url}/name", json={"name": "New"}, headers=world.auth("admin", **{"If-Match": etag})
    )
    assert done.status_code == 200 and done.headers["ETag"] != etag
    stale = client.post(
        f"{url}/name", json={"name": "Newer"}, headers=world.auth("admin", **{"If-Match": etag})
    )
    assert stale.status_code == 412 and "GET it again" in body(stale)["detail"]


def test_a_write_landing_after_the_etag_check_is_refused_at_save(
    memory_ledger: PartnershipLedger,
) -> None:
    """The ETag the client sent is enforced again inside the save, closing the check-then-act race."""
    review = memory_ledger.reviews.notify(
        "DHR-9", date(2020, 1, 2), date(2020, 1, 9), "Ann", "dhr", "unexpected_death"
    )
    seen = memory_ledger.reviews.get(review).version
    memory_ledger.reviews.decide(review, date(2020, 2, 1), "hold")  # another officer, meanwhile
    with guarding_saves(expecting(review, seen)), pytest.raises(ConcurrentChangeError):
        memory_ledger.reviews.notify_home_office(review, date(2020, 2, 3))
    assert memory_ledger.reviews.get(review).version == seen + 1


def test_a_command_loads_its_aggregate_once_and_still_answers_412_and_428(
    client: FlaskClient, world: World, platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The If-Match check and the use case share one load (``handing_over``)."""
    case = Case(client, world)
    loads: list[object] = []
    with platform.ledgers.lease(world.tenant) as ledger:
        library_get = ledger.repository.get

        def counted(aggregate_id: Any, **kwargs: Any) -> Any:
            loads.append(aggregate_id)
            return library_get(aggregate_id, **kwargs)

        monkeypatch.setattr(ledger.repository, "get", counted)
    first = case.etag
    done = case.step("decision", {"on": "2014-02-01", "outcome": "hold"})
    assert done.status_code == 200 and loads.count(UUID(case.id)) == 1
    assert body(done)["status"] == "under_review" and done.headers["ETag"] != first
    case.etag = first
    stale = case.step("panel-meetings", {"on": "2014-03-01"})
    assert stale.status_code == 412 and stale.headers["ETag"] == done.headers["ETag"]
    missing = client.post(
        f"{case.base}/{case.id}/panel-meetings",
        json={"on": "2014-03-01"},
        headers=world.auth("officer"),
    )
    assert missing.status_code == 428


def test_if_match_compares_strongly_and_refuses_any_version(
    client: FlaskClient, world: World
) -> None:
    """A weak ETag never matches (RFC 9110 §13.1.1), and ``*`` shows no version was read: the
    case is left as it stood in both."""
    case = Case(client, world)
    current = case.etag
    case.etag = f"W/{current}"
    weak = case.step("decision", {"on": "2014-02-01", "outcome": "hold"})
    assert weak.status_code == 412 and weak.headers["ETag"] == current
    assert f"If-Match: {current}" in body(weak)["detail"]
    case.etag = "*"
    anything = case.step("decision", {"on": "2014-02-01", "outcome": "hold"})
    assert anything.status_code == 428 and "GET the record first" in body(anything)["detail"]
    got = client.get(f"{case.base}/{case.id}", headers=world.auth("officer"))
    assert got.headers["ETag"] == current and body(got)["decision"] is None


def test_personal_details_are_replaced_only_by_who_saw_them(
    client: FlaskClient, world: World
) -> None:
    """A PUT replaces the whole entry: recorded by the first without If-Match (nothing to
    overwrite), then only with the ETag read, so a lead saving a note cannot drop the address
    an officer added meanwhile."""
    case = Case(client, world)
    url = f"{case.base}/{case.id}/personal-details"
    empty = client.get(url, headers=world.auth("lead"))
    assert empty.headers["ETag"] == '"0"' and body(empty)["status"] == "empty"
    first = {"victim_name": "Iris Example", "contacts": [], "notes": "first"}
    done = client.put(url, json=first, headers=world.auth("officer"))
    assert done.status_code == 200 and done.headers["ETag"] != '"0"'
    read = client.get(url, headers=world.auth("lead")).headers["ETag"]
    address = {**first, "victim_address": "1 New Street"}
    moved = client.put(url, json=address, headers=world.auth("officer", **{"If-Match": read}))
    assert moved.status_code == 200 and moved.headers["ETag"] != read
    note = {**first, "notes": "note only"}
    blind = client.put(url, json=note, headers=world.auth("lead"))
    assert blind.status_code == 428 and "If-Match" in body(blind)["detail"]
    stale = client.put(url, json=note, headers=world.auth("lead", **{"If-Match": read}))
    assert stale.status_code == 412 and stale.headers["ETag"] == moved.headers["ETag"]
    kept = client.get(url, headers=world.auth("officer"))
    assert body(kept)["details"]["victim_address"] == "1 New Street"
    assert kept.headers["ETag"] == moved.headers["ETag"]


def test_imr_contacts_are_recorded_only_by_who_saw_them(client: FlaskClient, world: World) -> None:
    """One agency's contact recorded through a stale list would be built on unseen changes."""
    case = Case(client, world)
    case.step("decision", {"on": "2014-02-01", "outcome": "hold"})
    author = {"name": "Jo Bloggs", "email": "jo.bloggs@police.example.gov.uk", "phone": "0121 1"}
    assert case.step("imr-requests", {"on": "2014-03-10", "agency": AGENCY}).status_code == 200
    url = f"{case.base}/{case.id}/imr-contacts"
    none_yet = client.get(url, headers=world.auth("officer")).headers["ETag"]
    assert none_yet == '"0"'
    first = client.post(url, json={"agency": AGENCY, **author}, headers=world.auth("officer"))
    assert first.status_code == 200, body(first)
    blind = client.post(
        url, json={"agency": AGENCY, **author, "phone": "0121 2"}, headers=world.auth("lead")
    )
    assert blind.status_code == 428
    stale = client.post(
        url,
        json={"agency": AGENCY, **author, "phone": "0121 2"},
        headers=world.auth("lead", **{"If-Match": none_yet}),
    )
    assert stale.status_code == 412 and stale.headers["ETag"] == first.headers["ETag"]
    read = client.get(url, headers=world.auth("lead"))
    assert read.headers["ETag"] == first.headers["ETag"] and body(read)[0]["phone"] == "0121 1"
    done = client.post(
        url,
        json={"agency": AGENCY, **author, "phone": "0121 2"},
        headers=world.auth("lead", **{"If-Match": read.headers["ETag"]}),
    )
    assert done.status_code == 200 and body(done)[0]["phone"] == "0121 2"
