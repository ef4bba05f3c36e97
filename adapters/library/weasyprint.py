"""A tagged PDF's tables as a screen reader should read them: each data cell linked to every
heading over it and beside it, and each heading saying which way it reads (``/Scope``).

WeasyPrint (70) tags a table's cells itself, but links a heading that spans columns (``colspan``,
table 2's "Notified in the period" over seven columns) to the first column under it only: each
data cell's ``/Headers`` lists the headings that *start* in its column. So a screen reader read
"To decision: median 3.1" without "Notified in the period". It takes nothing from the HTML's
``scope="colgroup"``, ``headers`` or ``id``, and writes no ``/Scope`` (Kozea/WeasyPrint#2508): a
reader that goes by scope took a row's heading (``<th scope="row">``: "Meeting", "Date" in every
paper's table of facts) for a column's, and a PDF/UA checker asks for a scope on every heading.

``link_headings`` is a finisher (``write_pdf(finisher=...)``, WeasyPrint's hook for changing
the PDF after it is made and before it is written): it reads each table's structure elements as
WeasyPrint wrote them and lays their cells out on a grid by their ``/ColSpan`` and ``/RowSpan``.

- A heading in the header (``THead``) is a column's: ``/Scope /Column`` (the papers' headers
  hold column headings only).
- A heading in the body is a row's (``/Scope /Row``) when WeasyPrint linked the data cells of its
  own row to it, which it does for ``scope="row"`` alone: the scope is in the structure tree
  only as that link. A heading without a scope is a row's too when its rows hold data cells and
  its columns none (HTML's rule, which WeasyPrint does not apply: it reads it as a column's).
  Any other heading in the body is a column's.
- Each data cell's ``/Headers`` are the row headings to its left whose rows it shares (a heading
  spanning rows included, which WeasyPrint links to its first row only), then any heading in the
  body WeasyPrint linked it to by column, then every header heading whose columns it shares, top
  row first. A row heading under the header gets the header's headings over it, as a data cell
  does."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pydyf

ROW_GROUPS = ("/THead", "/TBody", "/TFoot")


@dataclass(frozen=True, eq=False)  # one cell is one element: equal only to itself
class _Cell:
    element: pydyf.Dictionary
    row: int
    column: int
    in_header: bool

    @property
    def columns(self) -> range:
        return range(self.column, self.column + _span(self.element, "ColSpan"))

    @property
    def rows(self) -> range:
        return range(self.row, self.row + _span(self.element, "RowSpan"))

    @property
    def kind(self) -> str:
        return str(self.element["S"])


def link_headings(document: Any, pdf: pydyf.PDF) -> None:
    """Scope every heading of every tagged table and link every data cell to all the headings
    over it and beside it (see above)."""
    for table in _elements(pdf, "/Table"):
        _link_table(pdf, table)


def _link_table(pdf: pydyf.PDF, table: pydyf.Dictionary) -> None:
    cells = list(_grid(pdf, table))
    over = [c for c in cells if c.in_header and c.kind == "/TH" and "ID" in c.element]
    beside = _row_headings(cells)
    ours = {_id(h.element["ID"]) for h in [*over, *beside]}
    for heading in (c for c in cells if c.kind == "/TH"):
        heading.element["A"]["Scope"] = "/Row" if heading in beside else "/Column"
    for cell in cells:
        if cell.in_header or (cell.kind != "/TD" and cell not in beside):
            continue
        headers = [
            *(h.element["ID"] for h in beside if h.column < cell.column and _share(h, cell)),
            *(h for h in cell.element["A"].get("Headers", ()) if _id(h) not in ours),
            *(h.element["ID"] for h in over if set(h.columns) & set(cell.columns)),
        ]
        if headers or cell.kind == "/TD":
            cell.element["A"]["Headers"] = pydyf.Array(headers)


def _row_headings(cells: list[_Cell]) -> list[_Cell]:
    """The body's headings that read across their rows: those WeasyPrint linked the data cells
    of their own row to (``scope="row"``), and those whose rows hold data cells and whose
    columns hold none (a heading without a scope, by HTML's rule)."""
    body = [c for c in cells if not c.in_header]
    data = [c for c in body if c.kind == "/TD"]
    linked = {(d.row, _id(key)) for d in data for key in d.element["A"].get("Headers", ())}

    def reads_across(heading: _Cell) -> bool:
        if (heading.row, _id(heading.element["ID"])) in linked:
            return True
        in_its_rows = any(_share(heading, d) for d in data)
        return in_its_rows and not any(set(heading.columns) & set(d.columns) for d in data)

    return [h for h in body if h.kind == "/TH" and "ID" in h.element and reads_across(h)]


def _share(one: _Cell, other: _Cell) -> bool:
    """Whether two cells share a row."""
    return bool(set(one.rows) & set(other.rows))


def _grid(pdf: pydyf.PDF, table: pydyf.Dictionary) -> Iterator[_Cell]:
    """The table's cells in reading order, each at its row and first column: a cell's column
    is the first one not taken by a cell above that spans rows down into its row."""
    taken: set[tuple[int, int]] = set()
    for row, (tr, in_header) in enumerate(_rows(pdf, table)):
        column = 0
        for element in _kids(pdf, tr):
            if element.get("S") not in ("/TH", "/TD"):
                continue
            while (row, column) in taken:
                column += 1
            cell = _Cell(element, row, column, in_header)
            taken.update(
                (row + down, across)
                for down in range(_span(element, "RowSpan"))
                for across in cell.columns
            )
            column = cell.columns.stop
            yield cell


def _rows(pdf: pydyf.PDF, table: pydyf.Dictionary) -> Iterator[tuple[pydyf.Dictionary, bool]]:
    """A table's rows, header, body and footer in order, each with whether it is in the header."""
    for kid in _kids(pdf, table):
        if kid.get("S") == "/TR":
            yield kid, False
        elif kid.get("S") in ROW_GROUPS:
            yield from ((tr, kid["S"] == "/THead") for tr in _kids(pdf, kid) if tr["S"] == "/TR")


def _elements(pdf: pydyf.PDF, kind: str) -> Iterator[pydyf.Dictionary]:
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/StructElem":
            if obj.get("S") == kind:
                yield obj


def _kids(pdf: pydyf.PDF, element: pydyf.Dictionary) -> Iterator[pydyf.Dictionary]:
    """An element's child elements (not its marked content, which ``K`` holds as numbers)."""
    for kid in element.get("K", ()):
        if isinstance(kid, bytes) and kid.endswith(b" R"):
            found = pdf.objects[int(kid.split()[0])]
            if isinstance(found, pydyf.Dictionary) and found.get("Type") == "/StructElem":
                yield found


def _span(element: pydyf.Dictionary, name: str) -> int:
    return int(element.get("A", {}).get(name, 1))


def _id(key: pydyf.String) -> str:
    return str(key.string)
