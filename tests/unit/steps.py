"""What every state machine of the suite (``test_*_rules.py``) does with one step and with the
history: a command taken, or refused having recorded and changed nothing; the events replayed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from domain.errors import DomainError


def taken(
    aggregate: Any, state: Callable[[], Any], command: Callable[..., Any], *args: Any, **kw: Any
) -> list[Any]:
    """The events ``command`` recorded; none if it was refused, and then ``state()`` (what the
    machine compares) must be as it was and nothing pending."""
    before = state()
    try:
        command(*args, **kw)
    except DomainError:
        assert state() == before and not aggregate.collect_events()
        return []
    return list(aggregate.collect_events())


def replayed(history: Sequence[Any]) -> Any:
    """The aggregate the events rebuild, as the store would load it."""
    found = None
    for event in history:
        found = event.mutate(found)
    assert found is not None
    return found
