"""A page of events folded at once must leave the same rows as applying them one at a time.

The read models load the rows a page touches, change them in memory and write each once
(``projections/rows.py``); pages split anywhere must not change the result. Each run goes
into a private in-memory view store, reading the same tenant's log on SQLite or PostgreSQL.
"""

from __future__ import annotations

import threading
import time
import uuid
from datetime import date, timedelta
from typing import Any
from uuid import UUID

import pytest

from domain.actionplan import ImpactOutcome, Scope
from projections import catchup
from projections.apply import lowest_position, lowest_positions
from projections.catchup import catch_up
from projections.generations import install
from projections.model import REGISTRY_SOURCE
from projections.sources import Sources, topics_of
from projections.sqlite_views import SQLiteViews
from projections.store import fingerprints
from projections.views import all_models
from tenants.platform import Platform
from tests.integration.test_audit_tampering import flip_a_byte
from tests.projections.support import open_case, submit


def busy_tenant(platform: Platform) -> str:
    """One tenant whose events revisit the same rows: pauses, repeated panels, varied amounts."""
    suffix = uuid.uuid4().hex[:6]
    region, slug = f"region-{suffix}", f"csp-{suffix}"
    platform.registry.create_region(region, f"Region {suffix}")
    platform.register_tenant(slug, f"CSP {slug}", region)
    with platform.ledgers.lease(slug) as app:
        for n in range(3):
            incident = date(2014, 1, 1) + timedelta(days=30 * n)
            rid = open_case(app, f"DHR-{n}", incident)
            app.reviews.commission(rid, incident + timedelta(days=40), "c", "a", 500_000)
            app.reviews.pause(rid, incident + timedelta(days=50), "inquest")
            app.reviews.resume(rid, incident + timedelta(days=80))
            submit(app, rid, incident)
            app.reviews.approve(rid, incident + timedelta(days=400))
            app.findings.record(rid, "Risk not shared", ["identification-of-risk"], incident)
            rec = app.recommendations.make(
                rid,
                "1",
                "Train GPs",
                Scope.MULTI_AGENCY,
                incident + timedelta(days=320),
                ["training"],
                target_sector="health",
            )
            action = app.actions.plan(rec, "CCG", "GP training", incident + timedelta(days=500))
            app.actions.start(action, incident + timedelta(days=330))
            app.actions.complete(action, incident + timedelta(days=360))
            app.actions.review_impact(
                action, incident + timedelta(days=700), ImpactOutcome.NOT_EMBEDDED, "not yet"
            )
        line = app.funding.open_line("ITS", "Invest", "PCC", "2013/14", 9_000_000, date(2013, 4, 1))
        app.funding.decide(line, "1/2013", date(2013, 7, 1), "PCC", 3_000_000)
        app.funding.vary_decision(line, "1/2013", 5_000_000, date(2013, 9, 1), "tendered")
        app.funding.vary_decision(line, "1/2013", 4_000_000, date(2013, 10, 1), "again")
    return slug


def rows_after(platform: Platform, slug: str, page: int) -> dict[str, list[tuple[Any, ...]]]:
    views, models = SQLiteViews(None, fingerprint=fingerprints(platform)), all_models()
    try:
        install(views, models)
        sources = Sources(platform, frozenset().union(*(m.topics_of_interest() for m in models)))
        catch_up(views, models, sources, REGISTRY_SOURCE, batch=page)
        catch_up(views, models, sources, slug, batch=page)
        with views.reading() as tx:
            return {
                table: sorted(tx.fetchall(f"SELECT * FROM {table}"), key=repr)
                for m in models
                for table in m.table_set(1).names.values()
            }
    finally:
        views.close()


def test_pages_of_any_size_leave_the_same_rows_as_one_event_at_a_time(platform: Platform) -> None:
    slug = busy_tenant(platform)

    one_by_one = rows_after(platform, slug, page=1)

    assert one_by_one["dhr_g1_pauses"] and one_by_one["money_g1_amounts"]
    for page in (3, 7, 5000):
        assert rows_after(platform, slug, page) == one_by_one, f"pages of {page}"


def test_every_event_a_model_handles_is_read_by_its_stored_topic() -> None:
    wanted = frozenset().union(*(m.topics_of_interest() for m in all_models()))

    topics = topics_of(wanted)

    assert topics is not None and len(topics) >= len(wanted)
    assert "domain.reviews.review:DomesticHomicideReview.Decided" in topics
    assert topics_of(wanted | {"NoSuchAggregate.Happened"}) is None  # then read everything


class _Recording(Sources):
    """The same reads, noting each one's thread and the page it returned."""

    def __init__(self, platform: Platform, wanted: frozenset[str]) -> None:
        super().__init__(platform, wanted)
        self.threads: list[str] = []
        self.pages: list[int] = []  # id() of each page returned, in the order read

    def read(self, source: str, after: int, limit: int) -> list[Any]:
        self.threads.append(threading.current_thread().name)
        page = super().read(source, after, limit)
        self.pages.append(id(page))
        return page


def test_catching_up_reads_the_next_page_while_it_applies_one(
    platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    slugs = [busy_tenant(platform), busy_tenant(platform)]
    views, models = SQLiteViews(None, fingerprint=fingerprints(platform)), all_models()
    wanted = frozenset().union(*(m.topics_of_interest() for m in models))
    sources = _Recording(platform, wanted)
    applied: list[tuple[str, int]] = []
    read_ahead: list[bool] = []
    real_apply = catchup.apply_items

    def noting(store: Any, ms: Any, source: str, items: Any, fixed: Any = None) -> None:
        assert all(i.note is None or i.memo for i in items)  # decoded before it is applied
        n = sources.pages.index(id(items))
        deadline = time.monotonic() + 5  # without reading ahead, the next read never starts
        while len(sources.threads) < n + 2 and time.monotonic() < deadline:
            time.sleep(0.005)
        read_ahead.append(len(sources.threads) >= n + 2)
        real_apply(store, ms, source, items, fixed)
        applied.append((source, items[-1].notification_id))

    monkeypatch.setattr(catchup, "apply_items", noting)
    try:
        install(views, models)

        reached = catchup.catch_up_all(views, models, sources, slugs, batch=4)

        assert len(applied) > 6 and all(read_ahead)
        assert threading.current_thread().name not in sources.threads
        for slug in slugs:  # in order, each page once, ending where the log ends
            mine = [at for source, at in applied if source == slug]
            assert mine == sorted(set(mine)) and reached[slug] == mine[-1]
        assert [s for s, _ in applied] == sorted((s for s, _ in applied), key=slugs.index)
    finally:
        views.close()


def test_a_store_that_cannot_be_read_fails_the_catch_up_at_its_page(platform: Platform) -> None:
    slugs = [busy_tenant(platform), busy_tenant(platform)]
    views, models = SQLiteViews(None, fingerprint=fingerprints(platform)), all_models()
    wanted = frozenset().union(*(m.topics_of_interest() for m in models))

    class Failing(Sources):
        def read(self, source: str, after: int, limit: int) -> list[Any]:
            if source == slugs[1]:
                raise ConnectionError("the second store is down")
            return super().read(source, after, limit)

    try:
        install(views, models)

        with pytest.raises(ConnectionError):
            catchup.catch_up_all(views, models, Failing(platform, wanted), slugs, batch=4)

        with views.reading() as tx:  # the first tenant's views were still brought up to date
            rows = tx.fetchall(
                "SELECT notification_id FROM view_tracking WHERE source = ?", (slugs[0],)
            )
        assert rows and min(int(r[0]) for r in rows) > 0
        assert catchup.catch_up_all(views, models, Sources(platform, wanted), slugs, batch=4)
    finally:
        views.close()


def test_the_start_of_many_sources_is_read_at_once_and_matches_each_ones(
    platform: Platform,
) -> None:
    slugs = [busy_tenant(platform), busy_tenant(platform)]
    views, models = SQLiteViews(None, fingerprint=fingerprints(platform)), all_models()
    wanted = frozenset().union(*(m.topics_of_interest() for m in models))
    try:
        install(views, models)
        catch_up(views, models, Sources(platform, wanted), slugs[0])  # one caught up, one not
        names = [REGISTRY_SOURCE, *slugs, "never-heard-of"]

        starts = lowest_positions(views, models, names)

        assert starts == {n: lowest_position(views, models, n) for n in names}
        assert starts[slugs[0]] > 0 and starts[slugs[1]] == 0
    finally:
        views.close()


def test_an_event_that_cannot_be_read_is_set_aside_and_the_catch_up_goes_on(
    platform: Platform,
) -> None:
    """Read ahead, an event is decoded before any model applies it; one that cannot be (its
    stored body altered) must still only be set aside, as when models decoded it themselves."""
    slugs = [busy_tenant(platform), busy_tenant(platform)]
    with platform.ledgers.lease(slugs[0], writing=False) as app:
        first = app.recorder.select_notifications(0, 1)[0]
    assert isinstance(first.originator_id, UUID)
    altered = flip_a_byte(platform, slugs[0], first.originator_id, first.originator_version)
    views, models = SQLiteViews(None, fingerprint=fingerprints(platform)), all_models()
    wanted = frozenset().union(*(m.topics_of_interest() for m in models))
    try:
        install(views, models)

        reached = catchup.catch_up_all(views, models, Sources(platform, wanted), slugs, batch=4)

        with views.reading() as tx:
            aside = tx.fetchall(
                "SELECT notification_id FROM view_dead_letters WHERE source = ?", (slugs[0],)
            )
        assert aside and {int(r[0]) for r in aside} == {altered}
        for slug in slugs:
            assert reached[slug] == Sources(platform, wanted).max_id(slug)
    finally:
        views.close()
