"""Secondary suppression: hiding the small cells is not enough when a total can be had
elsewhere — the national export's tables share their margins (every review table adds up to the
same cases per year and region), so a line of cells with a single hidden cell gives it away by
subtraction. Official statistics then hide a second cell in that line; this does the same.

The rule: in every line of a table (the cells that agree on all dimensions but one), a hidden
cell never stands alone — if it would, the line's smallest shown cell is hidden too, repeated
until no line changes. Then any total over any set of dimensions that holds a hidden cell holds
at least two, so subtraction only ever yields a sum of hidden cells, never one of them. Cells
absent from a table are zeros, which disclose nothing about a case.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TypeVar

Cell = TypeVar("Cell", bound=tuple[Hashable, ...])


def primary(counts: Mapping[Cell, int], minimum: int) -> set[Cell]:
    return {cell for cell, n in counts.items() if n < minimum}


def lines(cells: list[Cell], dimension: int) -> list[list[Cell]]:
    """The cells grouped by every value but the one at ``dimension``."""
    grouped: dict[tuple[Hashable, ...], list[Cell]] = {}
    for cell in cells:
        grouped.setdefault(cell[:dimension] + cell[dimension + 1 :], []).append(cell)
    return list(grouped.values())


def protect(counts: Mapping[Cell, int], minimum: int) -> set[Cell]:
    """The cells to hide: fewer than ``minimum`` cases, then as few more as the rule needs
    (the smallest shown cell of each line with a lone hidden one; ties by the cell's values)."""
    hidden = primary(counts, minimum)
    cells = sorted(counts, key=str)
    width = len(cells[0]) if cells else 0
    changed = bool(hidden)
    while changed:
        changed = False
        for dimension in range(width):
            for line in lines(cells, dimension):
                lone = [c for c in line if c in hidden]
                if len(lone) != 1 or len(line) < 2:
                    continue
                shown = min((c for c in line if c not in hidden), key=lambda c: (counts[c], str(c)))
                hidden.add(shown)
                changed = True
    return hidden


def recoverable(counts: Mapping[Cell, int], hidden: set[Cell]) -> list[Cell]:
    """The hidden cells a reader could work out from one line and its total (for the tests and
    any later check): those standing alone among the hidden cells of a line of two or more."""
    cells = sorted(counts, key=str)
    width = len(cells[0]) if cells else 0
    found: set[Cell] = set()
    for dimension in range(width):
        for line in lines(cells, dimension):
            lone = [c for c in line if c in hidden]
            if len(lone) == 1 and len(line) > 1:
                found.add(lone[0])
    return sorted(found, key=str)
