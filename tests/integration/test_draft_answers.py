"""Answers waiting for a check page (``ledger.drafts``) on both stores: found again only by
their token and the person who kept them, never at rest in the clear, gone once dropped, and
not readable under another token."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest

from adapters.crypto.errors import AlteredError
from tenants.platform import Platform
from tests.integration.at_rest import readable_in


def a_partnership(platform: Platform, unique: Callable[[str], str]) -> str:
    region, slug = unique("region"), unique("csp")
    platform.registry.create_region(region, unique("Region"))
    platform.register_tenant(slug, f"CSP {slug}", region)
    return slug


def test_kept_answers_are_sealed_found_by_token_and_person_and_dropped(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    slug = a_partnership(platform, unique)
    mark = uuid.uuid4().hex[:12]
    answers = [("reason", f"Why {mark}"), ("on", "1"), ("on", "3"), ("on", "2024")]
    with platform.ledgers.lease(slug) as ledger:
        token = ledger.drafts.keep("person-1", answers)
        other = ledger.drafts.keep("person-1", [("reason", "another")])
        assert ledger.drafts.read(token, "person-1") == answers  # in order, a date's boxes each
        assert ledger.drafts.read(token, "person-2") is None  # someone else's
        assert ledger.drafts.read("no-such-token", "person-1") is None
    assert readable_in(platform, mark) == []  # sealed in every store

    with platform.ledgers.lease(slug) as ledger:
        ledger.drafts.drop(token)
        assert ledger.drafts.read(token, "person-1") is None
        assert ledger.drafts.read(other, "person-1") == [("reason", "another")]
        assert ledger.drafts.store().count() == 1


def test_a_draft_moved_under_another_token_is_refused(
    platform: Platform, unique: Callable[[str], str]
) -> None:
    slug = a_partnership(platform, unique)
    with platform.ledgers.lease(slug) as ledger:
        first = ledger.drafts.keep("person-1", [("reason", "first")])
        second = ledger.drafts.keep("person-1", [("reason", "second")])
        store = ledger.drafts.store()
        table = f"{store.schema}.draft_answers" if store.schema else "draft_answers"
        mark = "%s" if store.schema else "?"
        with store.datastore.transaction(commit=True) as curs:
            curs.execute(f"SELECT sealed FROM {table} WHERE token = {mark}", (first,))
            row = curs.fetchone()
            sealed = bytes(row["sealed"] if store.schema else row[0])
            curs.execute(
                f"UPDATE {table} SET sealed = {mark} WHERE token = {mark}", (sealed, second)
            )
        with pytest.raises(AlteredError):
            ledger.drafts.read(second, "person-1")
