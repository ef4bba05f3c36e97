"""Retry a create whose only conflict was on a shared list (a tenant's index, the user directory).

A new case, recommendation, action or budget is saved together with the tenant's index
(and, on first use, the taxonomy or settings it starts). Two officers creating different
things at the same moment therefore collide on the index version, not on each other's
work: reloading and running the use case again is correct. Updates are never retried this
way — a conflict there means someone else changed the same thing (HTTP 409/412).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from eventsourcing.persistence import IntegrityError

F = TypeVar("F", bound=Callable[..., Any])
ATTEMPTS = 12


def retried_on_index_conflict(create: F) -> F:
    @wraps(create)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return create(*args, **kwargs)
            except IntegrityError:
                if attempt == ATTEMPTS:
                    raise
                time.sleep(random.uniform(0, 0.005 * attempt))  # let the winner's write land
        raise AssertionError("unreachable")

    return wrapper  # type: ignore[return-value]
