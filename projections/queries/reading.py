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
from typing import Any

from domain.calendar import uk_today
from domain.errors import InvalidValueError, NotFoundError
from projections.generations import all_current
from projections.port import Row, ViewStore, ViewTx
from projections.views import all_models

STATUTORY_START = date(2011, 4, 13)  # s9 DVCVA 2004 in force: the seeds count 'since 13.4.11'


@lru_cache(maxsize=64)
def _names(generations: tuple[tuple[str, int], ...]) -> dict[str, str]:
    live = dict(generations)
    names: dict[str, str] = {}
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
        """(slug, name) of the region's tenants that are not offboarded, or just the one asked for."""
        rows = self.all(
            "SELECT slug, name FROM {tenants} WHERE region = ? AND status <> 'offboarded' ORDER BY name",
            (region,),
        )
        found = [(str(s), str(n)) for s, n in rows if tenant is None or s == tenant]
        if tenant is not None and not found:
            raise NotFoundError(
                f"No partnership {tenant!r} in region {region!r}; list the region's partnerships first."
            )
        return found


@contextmanager
def snapshot(views: ViewStore) -> Iterator[Snapshot]:
    with views.reading() as tx:
        yield Snapshot(tx, _names(tuple(sorted(all_current(tx).items()))))


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
