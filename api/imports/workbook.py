"""Which sheet of an officer's workbook an import reads. A council's workbook often holds
several: the template's guidance, last year's and this year's, or cases on one sheet and
their actions on another. The sheet the officer names is read (the page asks them, offering
each sheet that could be imported as ``importable`` describes it; the command line and the API
take its name); else the one that can be told, as ``sheet_of`` says.

Nothing here knows a template: ``known`` says how many of a row's headings it takes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from api.imports.layout import TOP, Known, heading_row, is_total, texts, typed
from api.imports.problems import LISTING


class SheetUnclear(ValueError):
    """Which sheet to read cannot be told: each way in says how to name it."""


@dataclass(frozen=True)
class Importable:
    """A sheet that could be imported, as the officer is asked about it."""

    name: str
    rows: int  # rows under its headings with something typed, totals not counted
    heading_row: int  # as the spreadsheet numbers it
    known: int  # how many of its headings the import knows


def importable(book: Any, known: Known, most: int) -> list[Importable]:
    """Each visible sheet with something on it that is not the template's guidance or a marked
    file's list of problems, in the workbook's order; rows counted up to ``most``."""
    found = []
    for sheet in _filled(book):
        table = [tuple(r) for r in sheet.iter_rows(values_only=True, max_row=most + 1)]
        at = heading_row(table, known)
        rows = sum(1 for r in table[at + 1 :] if any(typed(v) for v in r) and not is_total(r))
        found.append(Importable(sheet.title, rows, at + 1, known(texts(table[at]))))
    return found


def sheet_of(book: Any, name: str, kind: str, known: Known, chosen: str | None = None) -> Any:
    """The sheet the officer ``chosen`` (by its name, in any case); else the sheet called
    ``name`` (the template's); else the one sheet with something on it, or the one whose
    headings the template knows. The template's guidance, a marked file's list of problems
    and hidden sheets are never it. When it cannot be told, or no sheet has the name chosen,
    the officer is told the sheets found, rather than the first sheet being read."""
    if chosen is not None:
        return _named(book, chosen)
    for sheet in book.worksheets:
        if _words(sheet.title) == _words(name):
            return sheet
    filled = _filled(book)
    if not filled:
        return book.worksheets[0]  # said to be empty
    if len(filled) == 1:
        return filled[0]
    likely = [s for s in filled if _looks(s, known)]
    if len(likely) == 1:
        return likely[0]
    names = _listed(likely or filled)  # those that look like it, if any
    raise SheetUnclear(
        f"The workbook has no sheet named '{name}', so it is not clear which of its sheets "
        f"to read: {names}. Say which sheet to read, or rename the one that holds the "
        f"{kind} '{name}'."
    )


def _named(book: Any, chosen: str) -> Any:
    visible = [s for s in book.worksheets if s.sheet_state == "visible"]
    for sheet in visible:
        if _words(sheet.title) == _words(chosen):
            return sheet
    raise ValueError(
        f"The workbook has no sheet named '{chosen}'. Its sheets are {_listed(visible)}: "
        "say which of them to read."
    )


def _listed(sheets: list[Any]) -> str:
    names = [f"'{s.title}'" for s in sheets]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _filled(book: Any) -> list[Any]:
    return [s for s in book.worksheets if s.sheet_state == "visible" and _data(s)]


def _looks(sheet: Any, known: Known) -> bool:
    top = _top(sheet)
    return bool(known(texts(top[heading_row(top, known)])))


def _data(sheet: Any) -> bool:
    """Whether the sheet has anything on it, and is not the template's guidance or the list
    of problems of a marked file."""
    top = _top(sheet)
    first = texts(top[0]) if top else ()
    return (
        any(typed(v) for r in top for v in r)
        and first[:2] != ("Column", "Required")
        and first[:4] != LISTING
    )


def _top(sheet: Any) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in sheet.iter_rows(values_only=True, max_row=TOP + 1)]


def _words(text: str) -> str:
    return " ".join(text.split()).lower()
