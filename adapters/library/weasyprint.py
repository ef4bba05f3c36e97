"""A tagged PDF's tables as a screen reader should read them: each data cell linked to every
heading above it, a heading over a run of columns included.

WeasyPrint (70) tags a table's cells itself, but links a heading that spans columns (``colspan``,
table 2's "Notified in the period" over seven columns) to the first column under it only: each
data cell's ``/Headers`` lists the headings that *start* in its column. It takes nothing from the
HTML's ``scope="colgroup"``, ``headers`` or ``id``, and writes no ``/Scope``. So a screen reader
read "To decision: median 3.1" without "Notified in the period", and the counts of cases open at
the period's end without theirs.

``link_headings`` is a finisher (``write_pdf(finisher=...)``, WeasyPrint's hook for changing
the PDF after it is made and before it is written): it reads each table's structure elements as
WeasyPrint wrote them, lays their cells out on a grid by their ``/ColSpan`` and ``/RowSpan``, and
gives each data cell below the header the ``/Headers`` of every heading in the header
(``THead``) whose columns it shares, top row first; the header's headings get ``/Scope /Column``
(the papers' headers hold column headings only), so a reader that goes by scope and spans
rather than ``/Headers`` links them the same way. Headings WeasyPrint had already linked (a
row's own heading, ``scope="row"``) stay, first, as it wrote them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pydyf

ROW_GROUPS = ("/THead", "/TBody", "/TFoot")


@dataclass(frozen=True)
class _Cell:
    element: pydyf.Dictionary
    row: int
    column: int
    in_header: bool

    @property
    def columns(self) -> range:
        return range(self.column, self.column + _span(self.element, "ColSpan"))


def link_headings(document: Any, pdf: pydyf.PDF) -> None:
    """Link every data cell of every tagged table to all the headings over it (see above)."""
    for table in _elements(pdf, "/Table"):
        _link_table(pdf, table)


def _link_table(pdf: pydyf.PDF, table: pydyf.Dictionary) -> None:
    cells = list(_grid(pdf, table))
    headings = [c for c in cells if c.in_header and c.element["S"] == "/TH" and "ID" in c.element]
    ours = {_id(h.element["ID"]) for h in headings}
    for heading in headings:
        heading.element["A"]["Scope"] = "/Column"
    for cell in cells:
        if cell.in_header or cell.element["S"] != "/TD":
            continue
        written = [h for h in cell.element["A"].get("Headers", ()) if _id(h) not in ours]
        over = [h.element["ID"] for h in headings if set(h.columns) & set(cell.columns)]
        cell.element["A"]["Headers"] = pydyf.Array([*written, *over])


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
