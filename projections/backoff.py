"""Waiting before trying again after the broker or a database failed: never giving up.

A relay or worker that exits on a blip leaves the regional views stale until someone notices;
one that retries at once hammers a server that is restarting. So each failure waits a little
longer (0.5 s doubling to 5 s), any success resets the wait, and only a stop request ends it.
"""

from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)


class Backoff:
    def __init__(self, what: str, first: float = 0.5, most: float = 5.0) -> None:
        self.what, self.first, self.most = what, first, most
        self.delay = first
        self.failures = 0

    def failed(self, error: BaseException, stopping: threading.Event) -> None:
        """Log the failure (its type only: messages may quote data) and wait before the retry."""
        self.failures += 1
        log.warning(
            "%s failed (%s: %s); retrying in %.1f s (failure %d in a row)",
            self.what,
            type(error).__name__,
            str(error).splitlines()[0][:200] if str(error) else "",
            self.delay,
            self.failures,
            exc_info=self.failures == 1,
        )
        stopping.wait(self.delay)
        self.delay = min(self.delay * 2, self.most)

    def succeeded(self) -> None:
        if self.failures:
            log.info("%s recovered after %d failures", self.what, self.failures)
        self.delay, self.failures = self.first, 0
