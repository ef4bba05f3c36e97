"""One consistent snapshot per query: the live generation of every model, and its table names.

Queries write ``{cases}``, ``{tenants}``…; the snapshot fills in the generation readers must
use, read in the same transaction as the rows, so a swap mid-query cannot mix two builds.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, TypedDict, Unpack

from domain.calendar import uk_today
from domain.errors import InvalidValueError, NotFoundError
from domain.reviews.checks import STATUTORY_START
from projections.generations import all_current
from projections.port import Row, ViewStore, ViewTx
from projections.views import all_models


@lru_cache(maxsize=64)
def _names(generations: tuple[tuple[str, int], ...], bytewise: str) -> dict[str, str]:
    """Table names by short name, and ``{bytewise}`` (``ViewTx.bytewise``)."""
    live = dict(generations)
    names: dict[str, str] = {"bytewise": bytewise}
    for model in all_models():
        if model.name in live:
            names.update(model.table_set(live[model.name]).names)
    return names


@dataclass(frozen=True)
class Snapshot:
    tx: ViewTx
    names: dict[str, str]

    def all(self, sql: str, params: tuple[Any, ...] = ()) -> list[Row]:
        return self.tx.fetchall(sql.format_map(self.names), params)

    def members(self, region: str, tenant: str | None) -> list[tuple[str, str]]:
        """(slug, name) of the region's partnerships, or just the one asked for: neither the
        offboarded nor a backup restored beside its partnership to inspect (``TenantStatus.COPY``),
        whose cases and money are the original's."""
        rows = self.all(
            "SELECT slug, name FROM {tenants} WHERE region = ?"
            " AND status NOT IN ('offboarded', 'copy') ORDER BY name",
            (region,),
        )
        found = [(str(s), str(n)) for s, n in rows if tenant is None or s == tenant]
        if tenant is not None and not found:
            raise NotFoundError(
                f"No partnership {tenant!r} in region {region!r}; list the region's partnerships first."
            )
        return found


@contextmanager
def snapshot(views: ViewStore, wait: float | None = None) -> Iterator[Snapshot]:
    with views.reading(wait) as tx:
        yield Snapshot(tx, _names(tuple(sorted(all_current(tx).items())), tx.bytewise))


def date_range(
    since: date | None, until: date | None, today: date | None
) -> tuple[date, date, date]:
    """Defaults: since the statutory start, until today. Refuses a range that ends before it starts."""
    today = today or uk_today()
    since, until = since or STATUTORY_START, until or today
    if until < since:
        raise InvalidValueError(
            f"The range ends ({until}) before it starts ({since}); swap the dates."
        )
    return since, until, today


def placeholders(values: list[Any]) -> str:
    return ", ".join("?" for _ in values) or "NULL"


def business_day(
    since: date | None, until: date | None, today: date | None, on: date | None
) -> tuple[date, date, date]:
    """A view 'on' a business day: nothing dated after it counts, and 'now' means that day.

    The facts are as known now (corrections included); what the ledger *showed* then is
    ``projections.asof`` instead. Without ``on`` this is ``date_range``.
    """
    if on is not None:
        until, today = (min(until, on) if until else on), on
    return date_range(since, until, today)


class Range(TypedDict, total=False):
    """The options every regional query takes, as keywords: the range, one partnership, the
    day 'now' is (tests), and the business day to look back to."""

    since: date | None
    until: date | None
    tenant: str | None
    today: date | None
    on: date | None


@dataclass(frozen=True)
class Regional:
    """What a regional query opens with: its range settled and the partnerships it covers,
    read in one snapshot."""

    snap: Snapshot
    since: date
    until: date
    today: date
    members: list[tuple[str, str]]  # (slug, name)

    @property
    def slugs(self) -> list[str]:
        return [slug for slug, _ in self.members]

    @property
    def window(self) -> tuple[str, str]:
        return self.since.isoformat(), self.until.isoformat()


@contextmanager
def regional(views: ViewStore, region: str, **options: Unpack[Range]) -> Iterator[Regional]:
    """Open a regional query: ``business_day`` over its range, then one snapshot holding the
    region's partnerships (or the one asked for)."""
    since, until, today = business_day(
        options.get("since"), options.get("until"), options.get("today"), options.get("on")
    )
    with snapshot(views) as snap:
        yield Regional(snap, since, until, today, snap.members(region, options.get("tenant")))


@dataclass(frozen=True)
class RegionalAnswer:
    """What every regional query's answer starts with: the region and the range it covers."""

    region: str
    since: date
    until: date
