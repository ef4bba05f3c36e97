"""What every area's service shares: the application it acts for, loading and saving through it.

A service is one domain area's use cases (``ledger.reviews``, ``ledger.actions``...): each
command loads its aggregates, runs one of their commands and saves them (``perform`` does the
usual one-aggregate case in a line); each query loads and answers. Saving always goes through
the application's ``save``, so its guards (If-Match, Idempotency-Key) and observers see every
change.

Most use cases are only get → command → save: a service declares those in a line each with
``command`` (``decide = command(get, DomesticHomicideReview.decide)``), so the aggregate's
command is the one place its parameters, types and defaults are written (``opening`` does
the same for a use case that starts a new aggregate).

A command over HTTP loads its aggregate to check the client's If-Match, then runs the use
case, which loads it again: ``handing_over`` lets the use case have the aggregate the check
loaded instead (one load per command, as in process).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from types import MethodType
from typing import Any, Concatenate, ParamSpec, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from domain.errors import NotFoundError
from tenants.application import LedgerApplication, guarding_saves

A = TypeVar("A")
P = ParamSpec("P")
R = TypeVar("R")


class Handover:
    """What a command's check loaded, handed to its use case: while ``keeping``, every
    aggregate a service loads is kept; after ``hand()``, the first load of each takes the kept
    one instead of reading the store. Each is handed once, none after it is saved (a
    later load reads what was saved), and none outside the ``handing_over`` block."""

    def __init__(self) -> None:
        self.keeping = True
        self.kept: dict[UUID, tuple[LedgerApplication, Any]] = {}

    def hand(self) -> None:
        self.keeping = False

    def take(self, app: LedgerApplication, aggregate_id: UUID) -> Any:
        kept = None if self.keeping else self.kept.pop(aggregate_id, None)
        return kept[1] if kept is not None and kept[0] is app else None

    def forget_saved(self, _: LedgerApplication, objs: Sequence[Any]) -> Sequence[Any]:
        """A save guard (``guarding_saves``): what is being saved is no longer handed over."""
        for obj in objs:
            self.kept.pop(getattr(obj, "id", None), None)  # type: ignore[arg-type]
        return ()


_handover: ContextVar[Handover | None] = ContextVar("handover", default=None)


@contextmanager
def handing_over() -> Iterator[Handover]:
    """Within: loads are kept, then handed once (see ``Handover``); this request only."""
    handover = Handover()
    token = _handover.set(handover)
    try:
        with guarding_saves(handover.forget_saved):
            yield handover
    finally:
        _handover.reset(token)


class Service:
    def __init__(self, app: LedgerApplication) -> None:
        self.app = app

    def save(self, *aggregates: Any) -> None:
        self.app.save(*aggregates)

    def perform(self, command: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
        """Run one command of a loaded aggregate (``self.get(review_id).decide``) and save that
        aggregate: a use case's get → command → save. A refused command saves nothing."""
        if not isinstance(command, MethodType):
            raise TypeError(f"{command!r} is not a command of a loaded aggregate.")
        result = command(*args, **kwargs)
        self.save(command.__self__)
        return result

    def find(self, aggregate_id: UUID, cls: type[A]) -> A | None:
        """The aggregate if it is stored and is a ``cls``, else None."""
        handover = _handover.get()
        found: object = None if handover is None else handover.take(self.app, aggregate_id)
        if found is None:
            try:
                found = self.app.repository.get(aggregate_id)
            except AggregateNotFoundError:
                return None
            if handover is not None and handover.keeping:
                handover.kept[aggregate_id] = (self.app, found)
        return found if isinstance(found, cls) else None

    def find_or(self, aggregate_id: UUID, cls: type[A], new: Callable[[], A]) -> A:
        """The stored ``cls``, or ``new()`` (not yet saved) until the first save."""
        found = self.find(aggregate_id, cls)
        return new() if found is None else found

    def load(self, aggregate_id: UUID, cls: type[A], missing: str, at: datetime | None = None) -> A:
        """The aggregate, or ``NotFoundError(missing)`` if it is not stored or not a ``cls``.
        ``at``: as it stood when the store had recorded up to that instant (``replayed``)."""
        if at is not None:
            replayed = self.replayed(aggregate_id, at)
            if not isinstance(replayed, cls):
                raise NotFoundError(
                    f"{missing} Nothing of it had been recorded by "
                    f"{at.astimezone(UTC):%Y-%m-%d %H:%M} UTC; ask for a later time."
                )
            return replayed
        found = self.find(aggregate_id, cls)
        if found is None:
            raise NotFoundError(missing)
        return found

    def replayed(self, aggregate_id: UUID, at: datetime) -> Any:
        """The aggregate replayed to its last event recorded at or before ``at``, or None."""
        version = None
        stored: Any
        for stored in self.app.events.get(aggregate_id):
            if stored.timestamp > at:
                break
            version = stored.originator_version
        return None if version is None else self.app.repository.get(aggregate_id, version=version)


S = TypeVar("S", bound=Service)
K = TypeVar("K")  # what a service loads an aggregate by: its id, or a region record's reference


def command(
    load: Callable[[S, K], A], run: Callable[Concatenate[A, P], R]
) -> Callable[Concatenate[S, K, P], R]:
    """A use case that is get → command → save and nothing else, declared in its service's
    class: ``pause = command(get, DomesticHomicideReview.pause)`` is a method that takes the
    aggregate's id (or what ``load`` takes: a region record's reference), then the command's
    own parameters (names, types and defaults as the command writes them, its ``today`` too);
    it loads with the service's ``load`` (found by name, so a subclass's own ``get`` counts),
    runs the command and saves the aggregate, as ``perform`` does. A refused command saves
    nothing.

    Everything is resolved here, once, at import: a call costs no more than the written
    method with ``perform`` (one load, one save, no per-call check). A use case that checks or converts anything first stays a written method."""
    loader = load.__name__

    def use_case(service: S, key: K, /, *args: P.args, **kwargs: P.kwargs) -> R:
        aggregate = getattr(service, loader)(key)
        result = run(aggregate, *args, **kwargs)
        service.save(aggregate)
        return result

    use_case.__name__ = use_case.__qualname__ = run.__name__
    use_case.__doc__ = run.__doc__
    return use_case


def changing(
    load: Callable[[S, K], A], run: Callable[Concatenate[A, P], object]
) -> Callable[Concatenate[S, K, P], A]:
    """As ``command``, answering with the changed aggregate instead of the command's result:
    the region's records are shown as they now stand after each change."""

    def run_then_answer(aggregate: A, /, *args: P.args, **kwargs: P.kwargs) -> A:
        run(aggregate, *args, **kwargs)
        return aggregate

    run_then_answer.__name__, run_then_answer.__doc__ = run.__name__, run.__doc__
    return command(load, run_then_answer)


def opening(
    make: Callable[P, A],
) -> Callable[[Callable[[S, A], R]], Callable[Concatenate[S, P], R]]:
    """A use case that starts a new aggregate with ``make`` (its factory, e.g.
    ``DomesticHomicideReview.notify``) and then does what the decorated method does with it
    (list it in an index, save both): the method takes the factory's parameters, as the
    factory writes them, and its body gets the new aggregate."""

    def decorate(then: Callable[[S, A], R]) -> Callable[Concatenate[S, P], R]:
        def use_case(service: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
            return then(service, make(*args, **kwargs))

        use_case.__name__, use_case.__qualname__ = then.__name__, then.__qualname__
        use_case.__doc__ = then.__doc__
        return use_case

    return decorate
