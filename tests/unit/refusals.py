"""The one check every domain refusal test makes: the error, and nothing recorded or changed."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest


def assert_refused(
    aggregate: Any,
    error: type[Exception],
    command: Callable[..., Any],
    *args: Any,
    match: str | None = None,
    **kwargs: Any,
) -> None:
    """``command(*args, **kwargs)`` raises ``error`` (its message matching ``match``), records
    no event and leaves the aggregate's state and version as they were: check, then change."""
    before, version = copy.deepcopy(aggregate.__dict__), aggregate.version
    pending = len(aggregate.pending_events)
    with pytest.raises(error, match=match):
        command(*args, **kwargs)
    assert len(aggregate.pending_events) == pending
    assert aggregate.version == version
    assert aggregate.__dict__ == before
