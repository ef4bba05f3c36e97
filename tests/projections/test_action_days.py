"""Actions on a business date, from the ``action_days`` model — including on a store whose other
read models were built before that model existed (it builds itself from history on start)."""

from __future__ import annotations

from datetime import date

from adapters.stores import PostgresStores
from projections.catchup import catch_up
from projections.generations import install
from projections.model import REGISTRY_SOURCE
from projections.port import ViewStore
from projections.postgres_views import PostgresViews
from projections.queries import action_counts
from projections.sources import Sources
from projections.sqlite_views import SQLiteViews
from projections.store import AREA, fingerprints
from projections.views import all_models
from tenants.platform import Platform
from tests.projections.test_action_views import two_partnerships_with_plans


def views_of(platform: Platform) -> ViewStore:
    stores = platform.stores
    if isinstance(stores, PostgresStores):
        stores.create_area(AREA)
        return PostgresViews(stores.address, AREA, fingerprint=fingerprints(platform))
    return SQLiteViews(stores.path(AREA), fingerprint=fingerprints(platform))  # type: ignore[attr-defined]


def caught_up(views: ViewStore, platform: Platform, models: list) -> None:
    install(views, models)
    sources = Sources(platform, frozenset().union(*(m.topics_of_interest() for m in models)))
    for source in (REGISTRY_SOURCE, *sources.tenants(), *sources.regions()):
        catch_up(views, models, sources, source)


def test_a_store_built_before_action_days_builds_them_from_history_and_counts_by_day(
    platform: Platform,
) -> None:
    region, (coventry, walsall) = two_partnerships_with_plans(platform)
    views = views_of(platform)
    try:
        older = [m for m in all_models() if m.name != "action_days"]
        caught_up(views, platform, older)  # what a store from before this model holds

        caught_up(views, platform, all_models())  # the next start: the new model catches up

        before = action_counts(views, region, on=date(2014, 9, 30)).total
        due = action_counts(views, region, on=date(2015, 2, 15))
        after = action_counts(views, region, on=date(2015, 6, 1), tenant=walsall).total
    finally:
        views.close()
    assert (before.open, before.overdue) == (0, 0)  # the recommendation was made on 1 October
    assert (due.total.open, due.total.overdue, due.total.awaiting_impact_review) == (4, 2, 0)
    assert (after.open, after.awaiting_impact_review, after.impact_review_overdue) == (1, 1, 0)
    owners = {row.key: row.overdue for row in due.by_owner}
    assert owners == {"health": 0, "police": 2}  # agency codes, never the typed text


def test_a_store_built_before_action_owners_names_the_bodies_once_it_has_caught_up(
    platform: Platform,
) -> None:
    """Upgrading needs no rebuild: the new model builds from history on the next start, and
    until then each kind of owner is counted as before, its bodies not yet named."""
    region, _ = two_partnerships_with_plans(platform)
    with platform.region_ledgers.lease(region) as shared:
        shared.partners.add("ccg", "Clinical Commissioning Group", "health", date(2014, 1, 1))
        shared.partners.map_name("CCG", "ccg", date(2014, 1, 1))
    views = views_of(platform)
    try:
        older = [m for m in all_models() if m.name != "action_owners"]
        caught_up(views, platform, older)
        install(views, all_models())  # started, not caught up yet
        before = action_counts(views, region, on=date(2015, 2, 15))
        caught_up(views, platform, all_models())
        after = action_counts(views, region, on=date(2015, 2, 15))
    finally:
        views.close()
    health = {r.key: r for r in before.by_owner}["health"]
    assert (health.open, health.bodies) == (2, ())  # counted, bodies named once caught up
    health = {r.key: r for r in after.by_owner}["health"]
    assert [(b.label, b.open) for b in health.bodies] == [("Clinical Commissioning Group", 2)]
