"""Answers reused for a moment, because asking the store on every request costs a query each.

An answer is dropped at once when the application it came from saves anything in this
process, so a process always sees its own changes; another process's change (an operator
suspending a tenant or revoking a token from the CLI) takes effect here within ``ttl``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
DEFAULT_TTL = 1.0  # seconds


class Recent(Generic[K, V]):
    def __init__(
        self, saves: Callable[[], int], ttl: float = DEFAULT_TTL, size: int = 4096
    ) -> None:
        self._saves, self._ttl, self._size = saves, ttl, size
        self._answers: dict[K, tuple[V, float, int]] = {}
        self._lock = threading.Lock()

    def get(self, key: K, ask: Callable[[], V]) -> V:
        now, saves = time.monotonic(), self._saves()
        with self._lock:
            known = self._answers.get(key)
        if known is not None and known[1] > now and known[2] == saves:
            return known[0]
        answer = ask()
        with self._lock:
            if len(self._answers) >= self._size:
                self._answers.clear()
            self._answers[key] = (answer, now + self._ttl, saves)
        return answer
