"""Figure i: how fast an auditor can prove that no tenant's history was altered.

Every tenant is sealed first (not timed), then ``platform.audit.verify`` recomputes each hash
chain from the first event. The baseline pages through the same notification logs with the
bare recorder and chains SHA-256 over the same stored bytes: reading plus hashing, nothing else.
"""

from __future__ import annotations

import hashlib
import time

from benchmarks.context import Context
from benchmarks.progress import Progress
from benchmarks.report import Row
from benchmarks.timing import rate, ratio

PAGE = 2000


def measure(ctx: Context) -> None:
    slugs = [p.slug for p in ctx.shape.tenants]
    progress = Progress("sealing", len(slugs), "tenants")
    for slug in slugs:
        with ctx.platform.ledgers.lease(slug, writing=False) as ledger:
            ctx.platform.audit.seal(ledger)
        progress.advance()
    progress.finish()
    checked, broken, started = 0, 0, time.perf_counter()
    for slug in slugs:
        with ctx.platform.ledgers.lease(slug, writing=False) as ledger:
            result = ctx.platform.audit.verify(ledger)
        checked += result.events_checked
        broken += 0 if result.intact else 1
    ours = rate(checked, time.perf_counter() - started)
    base = _raw_rate(ctx, slugs)
    ctx.report.add(
        Row(
            "i",
            ctx.kind,
            f"audit verify events/s ({checked:,} events, {len(slugs)} chains)",
            ours,
            "ev/s",
            "bare read + SHA-256 chain of the same rows",
            base,
            ratio(ours, base),
            "",
            None,
            "all intact" if not broken else f"{broken} chains BROKEN",
        )
    )


def _raw_rate(ctx: Context, slugs: list[str]) -> float:
    count, started = 0, time.perf_counter()
    for slug in slugs:
        with ctx.platform.ledgers.lease(slug, writing=False) as app:
            link, after = b"", 0
            while page := app.recorder.select_notifications(after, PAGE, inclusive_of_start=False):
                for note in page:
                    link = hashlib.sha256(link + note.topic.encode() + bytes(note.state)).digest()
                count += len(page)
                after = page[-1].id
    return rate(count, time.perf_counter() - started)
