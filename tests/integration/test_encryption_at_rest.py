"""Event bodies are encrypted at rest on both stores, keys rotate, and old stores still load."""

from __future__ import annotations

import json
import stat
import uuid
from collections.abc import Callable
from datetime import date

import pytest

from adapters.crypto.errors import key_missing
from adapters.crypto.master import format_master_key
from adapters.crypto.sealed import is_sealed, key_number, new_key
from domain.actionplan import Scope
from projections.messages import decode, encode
from projections.store import open_views
from tenants.ledger import PartnershipLedger
from tenants.platform import Platform
from tests.integration.at_rest import readable_in


def tenant(platform: Platform, unique: Callable[[str], str]) -> str:
    region, slug = unique("region"), unique("csp")
    platform.registry.create_region(region, unique("Region"))
    platform.register_tenant(slug, f"CSP {slug}", region)
    return slug


def a_case(ledger: PartnershipLedger, mark: str, reference: str = "DHR-1") -> uuid.UUID:
    review = ledger.reviews.notify(
        reference, date(2020, 1, 2), date(2020, 1, 9), f"P{mark}", "dhr", "unexpected_death"
    )
    ledger.reviews.decide(review, date(2020, 2, 1), "hold", f"Reason{mark} the GP knew")
    return review


def stored(ledger: PartnershipLedger) -> list[bytes]:
    notes = ledger.recorder.select_notifications(0, 10_000)
    return [bytes(n.state) for n in notes]


def test_typed_text_is_not_readable_in_any_store_file_or_dump(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    mark = uuid.uuid4().hex[:10]
    slug = tenant(platform, unique)
    with platform.ledgers.lease(slug) as ledger:
        review = a_case(ledger, mark)
        ledger.findings.record(review, f"Finding{mark}", ["training"], date(2020, 3, 1))
        rec = ledger.recommendations.make(
            review,
            "R1",
            f"Rec{mark}",
            Scope.MULTI_AGENCY,
            date(2020, 3, 2),
            ["training"],
            target_sector="police",
        )
        ledger.actions.plan(rec, f"Owner{mark} Police", f"Do{mark}", date(2020, 9, 1))
        assert all(is_sealed(state) for state in stored(ledger))
        assert ledger.reviews.get(review).pseudonym == f"P{mark}"  # decrypted when read
        # the relay sends the stored bytes through the broker; only the worker decrypts, in memory
        note = ledger.recorder.select_notifications(0, 1)[0]
        _, message = encode("region", slug, 0, note)
        assert mark not in json.dumps(message)
        assert ledger.mapper.to_domain_event(decode(message)).pseudonym == f"P{mark}"  # type: ignore[attr-defined]
    open_views(platform).close()
    assert readable_in(platform, mark) == []


def test_a_store_written_before_encryption_still_loads_and_verifies(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    region, slug = unique("region"), unique("csp")
    platform.registry.create_region(region, unique("Region"))
    info = platform.registry.register_tenant(slug, f"CSP {slug}", region)
    factory = platform.stores.factory(info.store_area, PartnershipLedger.app_name(slug))
    factory.area_cipher = None  # type: ignore[attr-defined]  # as the code before encryption wrote
    old = PartnershipLedger(slug, factory=factory)
    first = a_case(old, "old", "DHR-OLD")
    old.close()

    with platform.ledgers.lease(slug) as ledger:
        assert ledger.reviews.get(first).pseudonym == "Pold"
        second = a_case(ledger, "new", "DHR-NEW")
        bodies = stored(ledger)
        assert bodies[0].startswith(b"{") and is_sealed(bodies[-1])
        assert ledger.reviews.get(second).pseudonym == "Pnew"
        assert platform.audit.verify(ledger).intact


def test_a_rotated_key_encrypts_new_events_and_old_ones_still_decrypt(
    make_platform: Callable[..., Platform], unique: Callable[[str], str]
) -> None:
    platform = make_platform()
    slug = tenant(platform, unique)
    area = platform.registry.tenant(slug).store_area
    with platform.ledgers.lease(slug) as ledger:
        before = a_case(ledger, "one", "DHR-1")
    assert platform.stores.keyring.rotate(area) == 2
    with platform.ledgers.lease(slug) as ledger:
        after = a_case(ledger, "two", "DHR-2")
        numbers = {key_number(s) for s in stored(ledger)}
    assert numbers == {1, 2}

    restarted = make_platform()
    assert restarted.stores.keyring.numbers(area) == [1, 2]
    with restarted.ledgers.lease(slug, writing=False) as ledger:
        assert [ledger.reviews.get(r).pseudonym for r in (before, after)] == ["Pone", "Ptwo"]


def test_the_wrong_master_key_is_a_clear_error_and_verification_needs_no_key(
    make_platform: Callable[..., Platform], unique: Callable[[str], str]
) -> None:
    platform = make_platform()
    slug = tenant(platform, unique)
    with platform.ledgers.lease(slug) as ledger:
        review = a_case(ledger, "x")
        platform.audit.seal(ledger)

    wrong = make_platform(LEDGER_MASTER_KEY=format_master_key(new_key()))
    with wrong.ledgers.lease(slug, writing=False) as ledger:
        assert wrong.audit.verify(ledger).intact  # hashes stored bytes: no key needed
        with pytest.raises(Exception) as refused:
            ledger.reviews.get(review)
    assert "cannot unwrap the data keys" in str(key_missing(refused.value))


@pytest.mark.parametrize("store_kind", ["sqlite"], indirect=True)
def test_a_lost_key_file_is_named_and_files_are_private(
    make_platform: Callable[..., Platform], unique: Callable[[str], str]
) -> None:
    platform = make_platform()
    slug = tenant(platform, unique)
    with platform.ledgers.lease(slug) as ledger:
        review = a_case(ledger, "x")
    data = platform.settings.data_dir
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    open_views(platform).close()
    private = [p for p in data.iterdir() if p.suffix == ".sqlite" or p.name == "master.key"]
    assert (
        "projections.sqlite" in {p.name for p in private}
        and len(private) >= 5
        and {stat.S_IMODE(p.stat().st_mode) for p in private} == {0o600}
    )
    assert {stat.S_IMODE(p.stat().st_mode) for p in data.glob("*.sqlite-*")} <= {0o600}

    (data / "master.key").rename(data / "master.key.bak")
    lost = make_platform()
    with lost.ledgers.lease(slug, writing=False) as ledger, pytest.raises(Exception) as refused:
        ledger.reviews.get(review)
    assert "master.key does not exist" in str(key_missing(refused.value))


def test_a_store_has_its_key_from_the_start_and_a_rotation_elsewhere_is_noticed_at_one_look(
    make_platform: Callable[..., Platform],
    unique: Callable[[str], str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Onboarding makes the tenant's data key (its first write does not wait for it). Another
    process's rotation is noticed at the next look at the key store: one read for every
    store this process has open, then one read of the rotated store's own keys each."""
    first, second = make_platform(), make_platform()
    region = unique("region")
    first.registry.create_region(region, unique("Region"))
    slugs = [unique(f"csp{n}") for n in range(3)]
    areas = [first.register_tenant(slug, f"CSP {slug}", region).store_area for slug in slugs]
    assert [second.stores.keyring.numbers(area) for area in areas] == [[1], [1], [1]]
    ring = first.stores.keyring
    assert [ring.current(area)[0] for area in areas] == [1, 1, 1]
    assert second.stores.keyring.rotate(areas[0]) == 2
    assert ring.current(areas[0])[0] == 1  # until the next look

    reads: list[str] = []
    for name in ("rows", "data_stamp"):
        real = getattr(ring.store, name)

        def counted(
            *args: object, _real: Callable[..., object] = real, _name: str = name
        ) -> object:
            reads.append(_name)
            return _real(*args)

        monkeypatch.setattr(ring.store, name, counted)
    monkeypatch.setattr(ring, "_checked", 0.0)  # as if RECHECK seconds had passed
    assert [ring.current(area)[0] for area in areas] == [2, 1, 1]
    assert reads == ["data_stamp", "rows", "rows", "rows"]
    reads.clear()
    monkeypatch.setattr(ring, "_checked", 0.0)
    assert [ring.current(area)[0] for area in areas] == [2, 1, 1]
    assert reads == ["data_stamp"]  # nothing new: no store is read again
    with first.ledgers.lease(slugs[0]) as ledger:
        a_case(ledger, "after")
        assert key_number(stored(ledger)[-1]) == 2
