"""How a tagged PDF's table is read (``adapters.library.weasyprint.link_headings``): each heading
says whether it heads a row or a column (``/Scope``), and each data cell names every heading of
its row and its columns (``/Headers``). WeasyPrint wrote no scope, so a reader that goes by it
read a row's heading as a column's; and it links a heading over several rows to the first alone."""

from __future__ import annotations

from typing import Any

from weasyprint import HTML

from adapters.library.weasyprint import _elements, _grid, link_headings

Read = dict[tuple[int, int], tuple[str | None, list[tuple[int, int]]]]


def _read(rows: str) -> Read:
    """Each cell of the table, by (row, column): its scope and the cells its headers are."""
    read: Read = {}

    def finisher(document: Any, pdf: Any) -> None:
        link_headings(document, pdf)
        (table,) = list(_elements(pdf, "/Table"))
        cells = list(_grid(pdf, table))
        at = {str(c.element["ID"].string): (c.row, c.column) for c in cells if "ID" in c.element}
        for c in cells:
            headers = [at[str(h.string)] for h in c.element["A"].get("Headers", ())]
            read[(c.row, c.column)] = (c.element["A"].get("Scope"), headers)

    html = f"<html lang='en-GB'><body><table>{rows}</table></body></html>"
    HTML(string=html).write_pdf(pdf_tags=True, finisher=finisher)
    return read


def test_a_row_heading_reads_across_its_row_and_a_column_heading_down_its_column() -> None:
    read = _read(
        "<thead><tr><th scope='col'>Partnership</th><th scope='col'>Cases</th></tr></thead>"
        "<tbody><tr><th scope='row'>Birmingham</th><td>13</td></tr>"
        "<tr><th scope='row'>Coventry</th><td>2</td></tr></tbody>"
    )
    assert read == {
        (0, 0): ("/Column", []),
        (0, 1): ("/Column", []),
        (1, 0): ("/Row", [(0, 0)]),  # "Birmingham", under "Partnership"
        (1, 1): (None, [(1, 0), (0, 1)]),  # "13": Birmingham, Cases
        (2, 0): ("/Row", [(0, 0)]),
        (2, 1): (None, [(2, 0), (0, 1)]),
    }


def test_a_table_of_facts_without_a_header_has_a_row_heading_for_each_fact() -> None:
    read = _read(
        "<tbody><tr><th scope='row'>Meeting</th><td>Board</td></tr>"
        "<tr><th scope='row'>Date</th><td>14 December 2026</td></tr></tbody>"
    )
    assert read == {
        (0, 0): ("/Row", []),
        (0, 1): (None, [(0, 0)]),
        (1, 0): ("/Row", []),
        (1, 1): (None, [(1, 0)]),
    }


def test_a_row_heading_over_two_rows_heads_the_cells_of_both() -> None:
    read = _read(
        "<tbody><tr><th scope='row' rowspan='2'>Birmingham</th><td>Police</td><td>3</td></tr>"
        "<tr><td>Health</td><td>2</td></tr></tbody>"
    )
    assert read[(0, 0)] == ("/Row", [])
    assert [read[cell][1] for cell in [(0, 1), (0, 2), (1, 1), (1, 2)]] == [[(0, 0)]] * 4


def test_a_heading_without_a_scope_beside_data_cells_heads_its_row_as_html_reads_it() -> None:
    """HTML reads a ``<th>`` without ``scope`` as a row's heading when its row holds data cells
    and its column none; WeasyPrint linked it to the column under it (which has no data)."""
    read = _read(
        "<tbody><tr><th>Meeting</th><td>Board</td></tr>"
        "<tr><th>Date</th><td>14 December 2026</td></tr></tbody>"
    )
    assert read[(0, 0)] == ("/Row", [])
    assert read[(1, 1)] == (None, [(1, 0)])


def test_headings_in_a_body_row_without_data_head_the_columns_under_them() -> None:
    """A table whose headings are its first row, with no ``<thead>``: WeasyPrint's links by
    column stay, and the headings read down."""
    read = _read(
        "<tbody><tr><th>Partnership</th><th>Cases</th></tr>"
        "<tr><td>Birmingham</td><td>13</td></tr></tbody>"
    )
    assert read == {
        (0, 0): ("/Column", []),
        (0, 1): ("/Column", []),
        (1, 0): (None, [(0, 0)]),
        (1, 1): (None, [(0, 1)]),
    }
