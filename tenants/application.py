"""What every application of the platform shares.

- Its store is handed to it (``TenantLedgers`` / ``bootstrap`` choose infrastructure),
  never found from the environment.
- Its value objects are registered with the transcoder.
- Its saves can be *guarded* for the duration of a request: a guard sees what is about to
  be saved and may refuse it (a stale If-Match) or add aggregates to the same transaction
  (an idempotency record), so those rules hold atomically with the change itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application, Repository
from eventsourcing.persistence import InfrastructureFactory, JSONTranscoder
from eventsourcing.utils import EnvType, get_topic

from adapters.library.eventsourcing import fast_projecting
from adapters.transcodings import register_domain_types
from tenants.recent import DEFAULT_TTL, Recent

A = TypeVar("A")
NOTES_PAGE = 1000

SaveGuard = Callable[["LedgerApplication", Sequence[Any]], Sequence[Any]]
SaveObserver = Callable[[str, Sequence[Any]], None]
_observers: list[SaveObserver] = []
_guards: ContextVar[tuple[SaveGuard, ...]] = ContextVar("save_guards", default=())


def observe_saves(observer: SaveObserver) -> None:
    """Tell ``observer`` (tenant or application name, recordings) after every committed save.

    For metrics: an observer that fails is logged and ignored, because the change is stored.
    """
    if observer not in _observers:
        _observers.append(observer)


@contextmanager
def guarding_saves(guard: SaveGuard) -> Iterator[None]:
    token = _guards.set((*_guards.get(), guard))
    try:
        yield
    finally:
        _guards.reset(token)


def aggregate_cache(maxsize: int) -> dict[str, str]:
    """An application's ``env`` for the library's aggregate cache: ``maxsize`` aggregates,
    fast-forwarded from the store on every read so that no process acts on a stale copy."""
    return {"AGGREGATE_CACHE_MAXSIZE": str(maxsize), "AGGREGATE_CACHE_FASTFORWARD": "y"}


class LedgerApplication(Application[Any]):
    value_objects: ClassVar[tuple[type, ...]] = ()

    def __init__(
        self, factory: InfrastructureFactory[Any] | None = None, env: EnvType | None = None
    ) -> None:
        self._factory = factory
        super().__init__(env)

    def construct_factory(self, env: Any) -> InfrastructureFactory[Any]:
        return self._factory or super().construct_factory(env)

    def construct_repository(self) -> Repository[Any]:
        """The library's repository, loading aggregates with ``adapters.library``'s projector."""
        return fast_projecting(super().construct_repository())

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_domain_types(transcoder, self.value_objects)

    def find(self, aggregate_id: UUID, cls: type[A]) -> A | None:
        """The aggregate if it is stored and is a ``cls``, else None (a ledger's services use
        ``Service.find``, which also takes what a command's check loaded)."""
        try:
            found: object = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None
        return found if isinstance(found, cls) else None

    def originators_of(self, event_class: type) -> list[UUID]:
        """The ids of the aggregates with an event of ``event_class`` (``CaseVault.Erased``,
        ``CommissioningBudget.Opened``), in the order first recorded. Read from the store's
        notification log by topic, which is stored in clear: nothing is decrypted or replayed.
        For the few records of a kind a store holds (a region's budgets, services, groups); a
        kind with thousands keeps an index aggregate instead (``FundingIndex``)."""
        topic, found, start = get_topic(event_class), dict[UUID, None](), 1
        while page := self.recorder.select_notifications(start, NOTES_PAGE, topics=[topic]):
            found.update((UUID(str(note.originator_id)), None) for note in page)
            if len(page) < NOTES_PAGE:
                break
            start = page[-1].id + 1
        return list(found)

    saves = 0  # through this instance; lets short-lived caches (tenants/recent.py) see own changes

    def recent(self, ttl: float = DEFAULT_TTL, size: int = 8192) -> Recent[Any, Any]:
        """A cache of answers that holds until this store changes (a new notification, or a
        save through this instance)."""
        return Recent(self.recorder.max_notification_id, lambda: self.saves, ttl, size)

    def save(self, *objs: Any, **kwargs: Any) -> Any:
        extra = [added for guard in _guards.get() for added in guard(self, objs)]
        recordings = super().save(*objs, *extra, **kwargs)
        self.saves += 1
        for observer in _observers:
            try:
                observer(getattr(self, "tenant_slug", None) or self.name, recordings or ())
            except Exception:  # noqa: BLE001 - the change is committed; metrics must not undo it
                logging.getLogger(__name__).exception("save observer failed")
        return recordings
