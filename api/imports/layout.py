"""Where the rows of an officer's spreadsheet are on their sheet (which sheet of a workbook
holds them is ``api.imports.workbook``'s to say): which row holds their headings (a tracker
has a title above them, or a heading over two of them), and which row at the bottom totals
the others rather than being one of them.

Nothing here knows a template: ``known`` says how many of a row's headings the template
takes (``api.imports.reading.likely``)."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable
from typing import Any

from defusedxml.ElementTree import iterparse
from openpyxl.utils.cell import range_boundaries

Known = Callable[[tuple[str, ...]], int]
TOP = 10  # rows a tracker may have above its headings: a title, a blank, a heading over them


def heading_row(table: list[tuple[Any, ...]], known: Known) -> int:
    """Which of the first rows holds the headings: the one with the most headings the
    template knows (by its own words or trackers'); where none knows one, the first with
    two or more cells typed, all of them text (a title above is one cell; the headings come
    before the rows of data, which may be all text too)."""
    top = table[:TOP]
    counts = [known(texts(r)) for r in top]
    most = max(counts, default=0)
    if most:
        return counts.index(most)
    return next((i for i, r in enumerate(top) if _headings(r)), 0)


def _headings(row: tuple[Any, ...]) -> bool:
    """Whether the row could be headings: two or more cells typed, all of them text."""
    cells = [v for v in row if typed(v)]
    return len(cells) >= 2 and all(isinstance(v, str) for v in cells)


def headed(table: list[tuple[Any, ...]], at: int) -> list[tuple[Any, ...]]:
    """The rows from the headings down; a heading cell left empty under a heading of the row
    above (one merged down over both rows, beside others split in two) takes that heading."""
    if at == 0:
        return table
    above, heads = table[at - 1], table[at]
    filled = tuple(
        h if typed(h) or i >= len(above) or not isinstance(above[i], str) else above[i]
        for i, h in enumerate(heads)
    )
    return [filled, *table[at + 1 :]]


def typed(value: Any) -> bool:
    return value is not None and bool(str(value).strip())


def texts(row: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple(str(v).strip() if v is not None else "" for v in row)


TOTAL = re.compile(r"(grand |sub ?)?totals?\b")


def is_total(values: tuple[Any, ...]) -> bool:
    """Whether a row is a total: its first cell typed says so ("Total", "Grand total:")."""
    first = next((v for v in values if typed(v)), None)
    words = re.sub(r"[^a-z0-9]+", " ", str(first).lower()).strip()
    return isinstance(first, str) and bool(TOTAL.match(words))


MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def merged_down(data: bytes, title: str) -> list[tuple[int, int, int]]:
    """The cells of the sheet ``title`` merged down over several rows, as (column, first row,
    last row): an action plan merges a case's reference over the rows of its actions, and
    Excel shows its value on each of them. Read from the workbook's own XML, since openpyxl
    reading a large workbook quickly does not say which cells are merged."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            path = _sheet_path(book, title)
            if path is None:
                return []
            found = []
            with book.open(path) as sheet:
                for _, element in iterparse(sheet):
                    if element.tag == f"{MAIN}mergeCell":
                        left, top, right, bottom = range_boundaries(element.get("ref", ""))
                        if left == right and bottom > top:
                            found.append((left, top, bottom))
                    element.clear()
            return found
    except (KeyError, ValueError, TypeError, zipfile.BadZipFile, SyntaxError):
        return []  # a workbook openpyxl read, laid out other than Excel's way: none found


def _sheet_path(book: zipfile.ZipFile, title: str) -> str | None:
    sheets = {}
    with book.open("xl/workbook.xml") as workbook:
        for _, element in iterparse(workbook):
            if element.tag == f"{MAIN}sheet":
                sheets[element.get("name")] = element.get(R_ID)
    with book.open("xl/_rels/workbook.xml.rels") as rels:
        targets = {
            e.get("Id"): e.get("Target", "")
            for _, e in iterparse(rels)
            if e.tag == f"{RELS}Relationship"
        }
    target = targets.get(sheets.get(title))
    if not target:
        return None
    return target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)


def fill_down(rows: list[tuple[Any, ...]], merged: list[tuple[int, int, int]]) -> None:
    """Each cell merged down given the value it shows, on every row it spans."""
    for column, top, bottom in merged:
        if top > len(rows) or column > len(rows[top - 1]):
            continue
        value = rows[top - 1][column - 1]
        for number in range(top + 1, min(bottom, len(rows)) + 1):
            row = list(rows[number - 1]) + [None] * (column - len(rows[number - 1]))
            row[column - 1] = value
            rows[number - 1] = tuple(row)
