"""What a table in a spreadsheet or board paper is made of: columns that know their kind.

Every export reads the JSON a view already returns (its schema's dump), so a spec names the
JSON keys to pick and how to show them; the view itself never knows about CSV or XLSX.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from api.vocabulary import Names, named
from domain.errors import InvalidValueError


class Kind(StrEnum):
    TEXT = "text"
    COUNT = "count"  # a whole number
    NUMBER = "number"  # a decimal (median days)
    MONEY = "money"  # whole pence in the JSON, pounds in a spreadsheet
    DATE = "date"  # ISO date in the JSON
    YESNO = "yesno"
    LIST = "list"  # a list of strings, joined with "; "
    CODE = "code"  # a stored code shown by its name (``api.vocabulary``) or in words


@dataclass(frozen=True)
class Unread:
    """A cell whose figure could not be read when the file was made (the store it comes from
    away, or not built yet): its words, in any column, and in any total over it. A blank cell
    reads as nothing, which a money column's reader takes as zero."""

    words: str

    def __str__(self) -> str:
        return self.words


@dataclass(frozen=True)
class Column:
    key: str  # dotted path into a row, e.g. "to_decision.median_days"
    header: str
    kind: Kind = Kind.TEXT
    width: int | None = None  # characters; None: from the header and the data
    names: Names | None = None  # a CODE column's names: "dhr" -> "Domestic Homicide Review"

    def raw(self, row: Mapping[str, Any]) -> Any:
        value: Any = row
        for part in self.key.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        return value

    def value(self, row: Mapping[str, Any]) -> Any:
        """The cell as Python: ``date``, ``Decimal`` pounds, ``int``, ``str``, or None."""
        raw = self.raw(row)
        if raw is None or raw == "":
            return None
        if isinstance(raw, Unread):
            return raw.words
        match self.kind:
            case Kind.MONEY:
                return (Decimal(int(raw)) / 100).quantize(Decimal("0.01"))
            case Kind.DATE:
                return raw if isinstance(raw, date) else date.fromisoformat(str(raw)[:10])
            case Kind.COUNT:
                return int(raw)
            case Kind.NUMBER:
                return Decimal(str(raw))
            case Kind.YESNO:
                return "Yes" if raw else "No"  # as a spreadsheet writes it
            case Kind.CODE:
                return named(self.names or {}, raw)
            case Kind.LIST:
                return "; ".join(str(v) for v in raw)
        return str(raw)


def in_words(kind: Kind, *keys: str) -> tuple[Column, ...]:
    """Columns of one kind headed by their keys in words: ``joint_reviews`` -> "Joint reviews"."""
    return tuple(Column(key, key.replace("_", " ").capitalize(), kind) for key in keys)


@dataclass(frozen=True)
class Section:
    """One table of a view: its rows sit under ``rows`` (a key, or "" for a list body)."""

    name: str  # sheet name (31 characters at most)
    rows: str
    columns: tuple[Column, ...]
    total: str | None = None  # key of a total row appended at the bottom
    total_label: tuple[str, str] = ("name", "Total")
    # money columns a CSV adds up on a last line labelled Total: for a register whose workbook
    # keeps one row a review and says its totals in its notes, which a CSV does not have
    sums: tuple[str, ...] = ()
    # key of the column that names each row (a partnership, an agency, a theme), which a board
    # paper prints as the row's heading (<th scope="row">) so a screen reader reads each figure
    # with it as well as with its column's heading: "13" as "Birmingham, Commenced", not
    # "Commenced" alone. Several keys where the columns name a row together: a commissioning
    # area's minimum spend is named by its budget, year and area, so each heads the row and
    # "£12,000" is read with all three. None where the columns that name a row are too many
    # and too long to head it: an action is named by its review, recommendation, owner and
    # words together, so none of them heads its row.
    row_heading: str | tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        """A total row's label is in the (first) column that heads the rows, so "Total" heads
        its row."""
        key = self.total_label[0]
        if self.total and self.row_headings and key != self.row_headings[0]:
            raise ValueError(
                f"{self.name}: the total's label goes in {self.row_headings[0]}, not {key}"
            )

    @property
    def row_headings(self) -> tuple[str, ...]:
        """The keys of the columns that head each row (``row_heading``), none, one or several."""
        if self.row_heading is None:
            return ()
        return (self.row_heading,) if isinstance(self.row_heading, str) else self.row_heading

    def only(self, *keys: str) -> Section:
        """The same table with fewer columns, for a page narrower than a spreadsheet."""
        by_key = {c.key: c for c in self.columns}
        return replace(self, columns=tuple(by_key[k] for k in keys))

    def rows_of(self, body: Any) -> list[Mapping[str, Any]]:
        found: Any = body
        for part in filter(None, self.rows.split(".")):
            found = found.get(part) if isinstance(found, Mapping) else None
        rows = [r for r in (found or []) if isinstance(r, Mapping)]
        if self.total and isinstance(body, Mapping) and isinstance(body.get(self.total), Mapping):
            key, label = self.total_label
            rows.append({**body[self.total], key: label})
        return rows


@dataclass(frozen=True)
class Table:
    """A view as a spreadsheet: one or more sections, and notes saying what it is."""

    title: str
    about: str
    sections: tuple[Section, ...]
    footnotes: tuple[str, ...] = ()
    facts: Callable[[Any], Sequence[tuple[str, Any]]] = field(default=lambda body: ())
    # keys of a list body's rows holding an agency as recorded (a directory key, or free text
    # before): the download names each by the partnership's region directory, the JSON as is
    agencies: tuple[str, ...] = ()
    # keys of the sections' rows holding a pooled budget's partner key: the download names
    # each as the pot names its partners (as its board paper does), the JSON as is
    partners: tuple[str, ...] = ()

    def section(self, name: str | None) -> Section:
        """The section asked for by its rows' key ("by_owner") or its title; the first when
        none is asked for. A name it does not have is refused, naming those it has, rather
        than answered with another table."""
        if name is None:
            return self.sections[0]
        for section in self.sections:
            if name in (section.name, section.rows):
                return section
        keys = ", ".join(s.rows or s.name for s in self.sections)
        raise InvalidValueError(f"{self.title} has no table '{name}'; ask for one of: {keys}.")


def pounds(pence: Any) -> str:
    """£1,234.56 for the notes sheet and board papers (figures in tables stay numbers)."""
    if pence is None or pence == "":
        return ""
    value = Decimal(int(pence)) / 100
    return f"-£{-value:,.2f}" if value < 0 else f"£{value:,.2f}"


def facts(*columns: Column) -> Callable[[Any], list[tuple[str, Any]]]:
    """What the notes sheet says about a view: each column's header and value, money in pounds."""

    def of(body: Any) -> list[tuple[str, Any]]:
        return [
            (c.header, pounds(c.raw(body)) if c.kind is Kind.MONEY else c.raw(body))
            for c in columns
        ]

    return of


def period(body: Any) -> list[tuple[str, Any]]:
    """The dates a regional view was asked for, as the notes sheet shows them."""
    if not isinstance(body, Mapping):
        return []
    labels = (("since", "From"), ("until", "To"), ("today", "Judged on"), ("year", "Year"))
    return [(label, body[key]) for key, label in labels if body.get(key)]
