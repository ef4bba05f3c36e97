"""The one rule of a commissioning budget: a year is never over-allocated, and what is left
unallocated can still bring every area up to its minimum spend. Allocating (``commissioning``)
and correcting (``correcting``) are both held to it, so it holds at every step, not just at
year end.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Allocation:
    """One allocation as recorded (or as corrected), numbered from 1 within its year."""

    number: int
    area: str
    amount: int
    purpose: str
    on: date


def by_area(entries: list[Allocation]) -> dict[str, int]:
    """What each area has been allocated, in the order areas were first allocated to."""
    found: dict[str, int] = {}
    for entry in entries:
        found[entry.area] = found.get(entry.area, 0) + entry.amount
    return found


def unreachable(
    value: int, minimums: Mapping[str, int], allocated: Mapping[str, int]
) -> tuple[int, dict[str, int]]:
    """What would be left unallocated, and each area's shortfall from its minimum, when that
    shortfall can no longer be met (nothing when the rule holds)."""
    left = value - sum(allocated.values())
    short = {a: m - allocated.get(a, 0) for a, m in minimums.items() if allocated.get(a, 0) < m}
    if left >= 0 and sum(short.values()) <= left:
        return left, {}
    return left, short
