"""Any regional view as it stood at a past instant, for auditors.

The same models replay every event recorded up to that instant into a private in-memory
database, and the same query functions read it; so 'as of 2016-03-31' is by construction
what the live view held then. The tenant directory is replayed too, so the region's
membership is that of the day, not today's.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time

from projections.apply import apply_items
from projections.generations import install
from projections.items import Item
from projections.model import REGISTRY_SOURCE, ReadModel, region_source
from projections.port import ViewStore
from projections.sources import Sources
from projections.sqlite_views import SQLiteViews
from projections.store import fingerprints
from projections.views import all_models
from projections.views.directory import Directory
from tenants.platform import Platform

BATCH = 2000


def end_of_day(day: date) -> datetime:
    """'As it was on 2016-03-31' means after everything recorded that day (UTC)."""
    return datetime.combine(day, time.max, tzinfo=UTC)


def instant(text: str) -> datetime:
    """An instant as people write it: an ISO date-time (UTC if no zone is given), or a date,
    meaning its end (``end_of_day``). ValueError says how to write it."""
    text = text.strip().replace("Z", "+00:00")
    try:
        if len(text) == 10:
            return end_of_day(date.fromisoformat(text))
        moment = datetime.fromisoformat(text)
    except ValueError as e:
        raise ValueError(
            f"'{text}' is not an instant: give an ISO date-time such as 2019-03-31T18:00:00Z, "
            "or a date (its end, UTC)."
        ) from e
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@contextmanager
def as_of(platform: Platform, instant: datetime, region: str | None = None) -> Iterator[ViewStore]:
    """Read models rebuilt from events recorded at or before ``instant``; pass the result to any query.

    Ask the queries with ``today=instant.date()`` so 'now' means then. Only the tenants of
    ``region`` (as of then) are replayed when a region is given.
    """
    if instant.tzinfo is None:
        raise ValueError(
            "give the instant with a time zone (UTC), e.g. end_of_day(date(2016, 3, 31))"
        )
    models = all_models()
    views = SQLiteViews(None, fingerprint=fingerprints(platform))
    try:
        install(views, models)
        sources = Sources(platform, frozenset().union(*(m.topics_of_interest() for m in models)))
        _replay(views, models, sources, REGISTRY_SOURCE, instant)
        for slug in _tenants(views, region):
            _replay(views, models, sources, slug, instant)
        for source in sources.regions():
            if region is None or source == region_source(region):
                _replay(views, models, sources, source, instant)
        yield views
    finally:
        views.close()


def _tenants(views: ViewStore, region: str | None) -> list[str]:
    with views.reading() as tx:
        rows = tx.fetchall(f"SELECT slug, region FROM {Directory().table_set(1)['tenants']}")
    return [str(s) for s, r in rows if region is None or r == region]


def _replay(
    views: ViewStore, models: list[ReadModel], sources: Sources, source: str, instant: datetime
) -> None:
    position = 0
    while True:
        items = sources.read(source, position, BATCH)
        if not items:
            return
        kept = [_until(i, instant) for i in items]
        apply_items(views, models, source, kept)
        position = items[-1].notification_id


def _until(item: Item, instant: datetime) -> Item:
    """The item with its event decoded, or without it when it was recorded after ``instant``."""
    event = item.event()
    if event is not None and event.timestamp <= instant:
        return Item(item.notification_id, item.prev, item.topic, decoded=event)
    return Item(item.notification_id, item.prev, item.topic)
