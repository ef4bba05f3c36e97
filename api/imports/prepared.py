"""What checking a sheet produces: the aggregates to store (all pending), the problems,
and how many rows are new or were already recorded by an earlier import."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from api.imports.fields import CellError
from api.imports.problems import Problem
from api.imports.reading import Row, Sheet
from api.imports.sheets import SPECS, SheetSpec
from domain.errors import DomainError

Progress = Callable[[int], None]


@dataclass
class Prepared:
    kind: str
    sheet: Sheet
    problems: list[Problem] = field(default_factory=list)
    aggregates: dict[Any, Any] = field(default_factory=dict)  # id -> aggregate, in order
    new: int = 0
    already: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.problems

    @property
    def events(self) -> int:
        return sum(len(a.pending_events) for a in self.aggregates.values())

    def keep(self, *aggregates: Any) -> None:
        for aggregate in aggregates:
            if aggregate.pending_events:
                self.aggregates[aggregate.id] = aggregate

    def problem(self, row: Row, column: str, message: str) -> None:
        self.problems.append(
            Problem(self.sheet.name, row.number, column, message + self._absent(column))
        )

    def _absent(self, column: str) -> str:
        """What to do when the problem is a column the sheet does not have (a reason for not
        holding a review, in a tracker without one): there is no cell to correct."""
        spec = SPECS.get(self.kind)
        key = next((f.key for f in spec.fields if f.header == column), None) if spec else None
        if key is None or key in self.sheet.columns:
            return ""
        return f" The sheet has no {column} column: add one, headed '{column}'."

    def values(self, spec: SheetSpec, row: Row) -> dict[str, Any] | None:
        """The row's cells read by their fields; None (with problems noted) when any is wrong."""
        found, unread = self.cells(spec, row)
        return None if unread else found

    def cells(self, spec: SheetSpec, row: Row) -> tuple[dict[str, Any], frozenset[str]]:
        """The row's cells that read, by their fields, and the keys of those that do not (each
        one's problem noted; a required column the sheet lacks is the sheet's problem, said
        once, not a row's)."""
        found: dict[str, Any] = {}
        unread = set()
        for f in spec.fields:
            if f.required and f.key not in self.sheet.columns:
                unread.add(f.key)
                continue
            try:
                found[f.key] = f.read(row.cells.get(f.key))
            except CellError as e:
                # in the officer's words: the column as their own sheet heads it
                message, heading = str(e), self.sheet.heading(f.header)
                if message.startswith(f.header):
                    message = heading + message[len(f.header) :]
                elif message[:1] != "'":
                    message = f"{heading} {message}"
                self.problem(row, f.header, message)
                unread.add(f.key)
        return found, frozenset(unread)

    def each(
        self, spec: SheetSpec, progress: Progress
    ) -> Iterator[tuple[Row, dict[str, Any], frozenset[str]]]:
        """Every row, with the values of its cells that read and the keys of those that do
        not (their problems noted): for the checks that need only the cells that read, so a
        row's problems are all named in one check. ``progress`` counts every row."""
        for row in self.sheet.rows:
            progress(1)
            yield row, *self.cells(spec, row)

    @staticmethod
    def empty(v: dict[str, Any], keys: Iterable[str]) -> list[str]:
        """Those of ``keys`` whose cells are empty (for a cell needed only with another): a
        cell that did not read is not among them, since it was typed, and is its own problem."""
        return [k for k in keys if k in v and v[k] in (None, "")]

    @contextmanager
    def step(self, row: Row, column: str, starts: dict[str, str] | None = None) -> Iterator[None]:
        """Run one domain command for the row; a refusal becomes a problem on ``column``, or
        on the column of ``starts`` whose opening words the refusal begins with."""
        try:
            yield
        except DomainError as e:
            message = str(e)
            named = [c for w, c in (starts or {}).items() if message.lower().startswith(w)]
            self.problem(row, named[0] if named else column, message)
            raise _Refused from e


class _Refused(Exception):
    """A row's command was refused; the problem is already noted."""


Refused = _Refused
