"""The panel's one merged chronology: every agency's entries in date (and time) order,
duplicates folded into one row naming every agency that reported it, and the gaps between
entries longer than the panel's threshold made visible.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time

from domain.chronology.entry import ChronologyEntry


@dataclass(frozen=True)
class Sealed:
    """An entry as stored, once opened: its number and key mark with the entry itself."""

    number: int
    entry: ChronologyEntry
    key: bool


@dataclass(frozen=True)
class MergedEntry:
    numbers: tuple[int, ...]
    occurred_on: date
    occurred_at: time | None
    agencies: tuple[str, ...]
    what_happened: str
    sources: tuple[str, ...]
    key: bool


@dataclass(frozen=True)
class Gap:
    """No agency recorded anything between two entries for ``days`` days."""

    after: date
    before: date
    days: int


@dataclass(frozen=True)
class MergedChronology:
    rows: tuple[MergedEntry | Gap, ...]
    agencies: tuple[str, ...]
    entries: int
    duplicates: int


def merge(sealed: Iterable[Sealed], gap_days: int) -> MergedChronology:
    """Undated times sort first within their day; ties keep the order of submission."""
    ordered = sorted(
        sealed,
        key=lambda s: (s.entry.occurred_on, s.entry.occurred_at or time.min, s.number),
    )
    groups: dict[tuple[date, time | None, str], list[Sealed]] = {}
    for s in ordered:
        groups.setdefault(s.entry.sameness, []).append(s)
    merged = [_fold(g) for g in groups.values()]
    rows: list[MergedEntry | Gap] = []
    for row in merged:
        if rows and isinstance(last := rows[-1], MergedEntry):
            days = (row.occurred_on - last.occurred_on).days
            if days > gap_days:
                rows.append(Gap(last.occurred_on, row.occurred_on, days))
        rows.append(row)
    agencies = tuple(sorted({s.entry.agency for s in ordered}))
    return MergedChronology(tuple(rows), agencies, len(ordered), len(ordered) - len(merged))


def _fold(group: list[Sealed]) -> MergedEntry:
    first = group[0].entry
    return MergedEntry(
        numbers=tuple(s.number for s in group),
        occurred_on=first.occurred_on,
        occurred_at=first.occurred_at,
        agencies=tuple(dict.fromkeys(s.entry.agency for s in group)),
        what_happened=first.what_happened,
        sources=tuple(dict.fromkeys(s.entry.source for s in group)),
        key=any(s.key for s in group),
    )
