"""What a read model is: named tables, and one handler per event type it cares about.

Handlers receive already-decoded domain events and write rows through the view port; they
keep no state in memory, so whatever they know survives a crash in the same transaction
as the position it was derived from. Dispatch is by the event class's qualified name
(``DomesticHomicideReview.Decided``), read from the stored topic, so events no model
handles are never decoded at all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, ClassVar, Literal

from projections.items import Item
from projections.port import ViewTx

REGISTRY_SOURCE = ":registry"  # never a valid tenant slug
REGION_PREFIX = "@"  # "@west-midlands": a region's own ledger, never a valid tenant slug


def region_source(region: str) -> str:
    return REGION_PREFIX + region


def source_kind(source: str) -> str:
    """Which models read a source: the registry's, a region ledger's or a tenant's."""
    if source == REGISTRY_SOURCE:
        return "registry"
    return "region" if source.startswith(REGION_PREFIX) else "tenant"


Handler = Callable[..., None]


def on(*qualnames: str) -> Callable[[Handler], Handler]:
    """Mark a method as the handler of events of these classes (``Aggregate.Event`` names)."""

    def mark(fn: Handler) -> Handler:
        fn.__handles__ = qualnames  # type: ignore[attr-defined]
        return fn

    return mark


@lru_cache(maxsize=4096)  # a few dozen distinct topics, asked for every event of every page
def qualname_of(topic: str) -> str:
    """``domain.reviews.review:DomesticHomicideReview.Decided`` -> ``DomesticHomicideReview.Decided``."""
    return topic.rpartition(":")[2]


class Tables:
    """Physical names of one generation of a model's tables: ``{cases}`` -> ``dhr_g2_cases``."""

    def __init__(self, model: str, generation: int, short_names: tuple[str, ...]) -> None:
        self.names = {short: f"{model}_g{generation}_{short}" for short in short_names}
        self.sql = lru_cache(maxsize=256)(self._format)

    def _format(self, statement: str) -> str:
        return statement.format_map(self.names)

    def __getitem__(self, short: str) -> str:
        return self.names[short]


class ReadModel:
    name: ClassVar[str]
    version: ClassVar[int] = 1  # bump when tables or handlers change meaning; then rebuild
    source: ClassVar[Literal["tenant", "registry", "region"]] = "tenant"
    tables: ClassVar[dict[str, str]] = {}  # short name -> column definitions
    indexes: ClassVar[dict[str, tuple[str, ...]]] = {}  # short name -> "col, col" index specs
    _handlers: ClassVar[dict[str, str]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        found = dict(cls._handlers)
        for attr, fn in vars(cls).items():
            for qualname in getattr(fn, "__handles__", ()):
                found[qualname] = attr
        cls._handlers = found

    def handles(self, topic: str) -> bool:
        return qualname_of(topic) in self._handlers

    def topics_of_interest(self) -> frozenset[str]:
        return frozenset(self._handlers)

    def apply(self, tx: ViewTx, tables: Tables, source: str, topic: str, event: Any) -> None:
        method = self._handlers.get(qualname_of(topic))
        if method is not None:
            getattr(self, method)(tx, tables, source, event)

    def apply_batch(self, tx: ViewTx, tables: Tables, source: str, items: Sequence[Item]) -> None:
        """Apply a page of one source's events this model handles, in order.

        One event at a time here, which suits models fed by few events (the directory);
        models fed by many override it to read and write each table once per page.
        """
        for item in items:
            self.apply(tx, tables, source, item.topic, item.event())

    def table_set(self, generation: int) -> Tables:
        return Tables(self.name, generation, tuple(self.tables))

    def create_statements(self, generation: int) -> list[str]:
        t = self.table_set(generation)
        statements = [
            f"CREATE TABLE IF NOT EXISTS {t[s]} ({cols})" for s, cols in self.tables.items()
        ]
        for short, specs in self.indexes.items():
            for i, spec in enumerate(specs):
                statements.append(
                    f"CREATE INDEX IF NOT EXISTS {t[short]}_i{i} ON {t[short]} ({spec})"
                )
        return statements

    def drop_statements(self, generation: int) -> list[str]:
        t = self.table_set(generation)
        return [f"DROP TABLE IF EXISTS {t[s]}" for s in self.tables]
