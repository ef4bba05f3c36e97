"""Progress on stderr for long phases, so a 20-minute run never looks hung (stdout stays the table)."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, phase: str, total: int, unit: str = "") -> None:
        self.phase, self.total, self.unit = phase, total, unit
        self.done, self.started, self._shown = 0, time.perf_counter(), 0.0

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.perf_counter()
        if now - self._shown >= 1.0 or self.done >= self.total:
            self._shown = now
            rate = self.done / max(now - self.started, 1e-9)
            sys.stderr.write(
                f"\r  {self.phase}: {self.done:,}/{self.total:,} {self.unit} ({rate:,.0f}/s)   "
            )
            sys.stderr.flush()

    def finish(self) -> None:
        sys.stderr.write(
            f"\r  {self.phase}: {self.done:,} {self.unit} in "
            f"{time.perf_counter() - self.started:.1f}s{' ' * 20}\n"
        )


def say(message: str) -> None:
    sys.stderr.write(f"[bench] {message}\n")
    sys.stderr.flush()
