"""Keeping ``ledger projections run`` alive beside the API: restart it whenever it exits.

Without this, a projections process that died (a bug, an out-of-memory kill, an operator's
mistake) left the regional views stale until someone restarted the whole service. Restarts
back off (1 s doubling to 30 s) while it keeps dying young, and reset once it ran a minute.
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable

from api.observability.logs import say

HEALTHY_AFTER = 60.0  # seconds a child must run before its restarts count as isolated


def stop_child(child: subprocess.Popen[bytes] | None) -> None:
    """Ask a child process the service started to stop, and kill it if it has not within 10
    seconds; one that has already ended (or none) is left alone."""
    if child is None or child.poll() is not None:
        return
    child.terminate()
    try:
        child.wait(timeout=10)
    except subprocess.TimeoutExpired:
        child.kill()


class Supervisor:
    def __init__(self, start: Callable[[], subprocess.Popen[bytes]]) -> None:
        self._start = start
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self.child: subprocess.Popen[bytes] | None = None
        self.restarts = 0
        self._thread = threading.Thread(
            target=self._watch, name="supervise-projections", daemon=True
        )

    def start(self) -> Supervisor:
        self._spawn()
        self._thread.start()
        return self

    def _spawn(self) -> None:
        with self._lock:
            if self.stopping.is_set():
                return
            self.child = self._start()
            say("projections started", pid=self.child.pid)

    def _watch(self) -> None:
        delay = 1.0
        started = time.monotonic()
        while not self.stopping.wait(0.5):
            child = self.child
            if child is None or child.poll() is None:
                continue
            if time.monotonic() - started > HEALTHY_AFTER:
                delay = 1.0
            # no exit status: gunicorn's arbiter reaps every child, ours too
            say("projections stopped; restarting", pid=child.pid, restart_in_s=delay)
            if self.stopping.wait(delay):
                return
            delay = min(delay * 2, 30.0)
            self.restarts += 1
            started = time.monotonic()
            self._spawn()

    def stop(self) -> None:
        with self._lock:
            self.stopping.set()
            child = self.child
        stop_child(child)
