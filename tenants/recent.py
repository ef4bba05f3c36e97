"""Answers kept while the store they came from has not moved on.

Every request asks who a token belongs to and whether a tenant may record. Asking the
store each time cost a query per question; instead answers are kept until the store's
newest notification changes, which is checked at most once every ``ttl`` seconds (one
cheap query for every answer at once) and at once after this process saves. So a process
sees its own changes immediately, and another process's (an operator suspending a tenant
or revoking a token from the CLI) within ``ttl``.
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
        self,
        head: Callable[[], int | None],
        saves: Callable[[], int],
        ttl: float = DEFAULT_TTL,
        size: int = 8192,
    ) -> None:
        self._head, self._saves, self._ttl, self._size = head, saves, ttl, size
        self._answers: dict[K, tuple[V, int | None]] = {}
        self._seen: tuple[int | None, int] = (None, -1)  # (store head, saves) when last checked
        self._next_check = 0.0
        self._lock = threading.Lock()

    def get(self, key: K, ask: Callable[[], V]) -> V:
        head = self._current_head()
        with self._lock:
            known = self._answers.get(key)
        if known is not None and known[1] == head:
            return known[0]
        answer = ask()
        with self._lock:
            if len(self._answers) >= self._size:
                self._answers.clear()
            self._answers[key] = (answer, head)
        return answer

    def _current_head(self) -> int | None:
        now, saves = time.monotonic(), self._saves()
        with self._lock:
            if now < self._next_check and saves == self._seen[1]:
                return self._seen[0]
        head = self._head()  # outside the lock: a query
        with self._lock:
            self._seen, self._next_check = (head, saves), now + self._ttl
        return head
