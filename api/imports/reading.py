"""Rows out of an uploaded CSV or XLSX, keyed by template field, with their row numbers.

Headers are matched to the template by their words or their key, in any case, so a sheet
an officer retyped still reads; a column the template does not know is reported, not
silently dropped. An officer's own tracker, with its own headings, is read through the
columns they chose for each template column (``chosen``); what they left out is named on
the sheet (``ignored``), so that too is said rather than dropped.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from dataclasses import dataclass
from typing import Any

from openpyxl import load_workbook

from api.imports.layout import (
    Known,
    fill_down,
    headed,
    heading_row,
    is_total,
    merged_down,
)
from api.imports.problems import Problem
from api.imports.sheets import SheetSpec
from api.imports.shown import as_shown
from api.imports.workbook import Importable, importable, sheet_of

MAX_ROWS = 100_000


@dataclass(frozen=True)
class Row:
    number: int  # as the spreadsheet shows it (the header is row 1)
    cells: dict[str, Any]  # field key -> raw cell; an XLSX number as its format shows it
    raw: tuple[Any, ...]  # the row as read, for the marked-up error report


@dataclass(frozen=True)
class Sheet:
    name: str
    headers: tuple[str, ...]
    columns: dict[str, int]  # field key -> column index
    rows: tuple[Row, ...]
    problems: tuple[Problem, ...]
    own: dict[str, str] = dataclasses.field(
        default_factory=dict
    )  # template header -> the file's, where differ
    ignored: tuple[str, ...] = ()  # the file's columns the officer chose not to import
    header_row: int = 1  # where the headings are: a tracker may have a title above them
    totals: tuple[int, ...] = ()  # rows that total the others, not read

    def heading(self, column: str) -> str:
        """A problem's column as the officer's own sheet heads it."""
        return self.own.get(column, column)


def headings(
    data: bytes, filename: str, spec: SheetSpec, sheet: str | None = None
) -> tuple[str, tuple[tuple[str, Any], ...]]:
    """The sheet's name and its headings, each with its first value below (for choosing which
    column is which)."""
    name, table, _ = _table(data, filename, spec, sheet)
    heads = tuple(str(h or "").strip() for h in (table[0] if table else ()))
    body = [r for r in table[1:] if any(v not in (None, "") for v in r)]
    first = [
        next((r[i] for r in body if i < len(r) and r[i] not in (None, "")), None)
        for i in range(len(heads))
    ]
    return name, tuple((h, v) for h, v in zip(heads, first, strict=True) if h)


def likely(spec: SheetSpec, heads: tuple[str, ...], aliases: bool = True) -> dict[str, str]:
    """For each template column, the file's column that seems to hold it: its own heading or
    key, else (with ``aliases``) one of the headings trackers use for it (``Field.aliases``)."""
    found: dict[str, str] = {}
    by_words = {_norm(h.rstrip("*")): h for h in reversed(heads)}
    for f in spec.fields:
        for spelling in (f.header, f.key, *(f.aliases if aliases else ())):
            head = by_words.get(_norm(spelling))
            if head is not None and head not in found.values():
                found[f.key] = head
                break
    return found


def _norm(text: Any) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(text or "").lower().replace("(£)", "")).strip()


def read(
    data: bytes,
    filename: str,
    spec: SheetSpec,
    chosen: dict[str, str] | None = None,
    sheet: str | None = None,
) -> Sheet:
    """Read a CSV, or the sheet of an XLSX named ``sheet`` (else the one that can be told:
    ``api.imports.workbook.sheet_of``); ``chosen``: for each template column (key), the file's
    heading that holds it, "" for none."""
    name, table, at = _table(data, filename, spec, sheet)
    if chosen is None:
        return _match(name, table, spec, at)
    return _chosen(name, table, spec, chosen, at)


def sheets(data: bytes, filename: str, spec: SheetSpec) -> list[Importable]:
    """The sheets of an XLSX that could be imported, to ask which (a CSV: none to ask)."""
    if not (filename.lower().endswith(".xlsx") or data[:2] == b"PK") or not data:
        return []
    book = _workbook(data)
    try:
        return importable(book, _known(spec), MAX_ROWS)
    except (SyntaxError, ValueError) as e:  # as a sheet read for its rows: said so there
        raise ValueError(DAMAGED) from e
    finally:
        book.close()


DAMAGED = (
    "A sheet of the workbook cannot be read: the file is damaged. Open it in your spreadsheet "
    "program, save it again as .xlsx and upload that."
)


def _table(
    data: bytes, filename: str, spec: SheetSpec, sheet: str | None = None
) -> tuple[str, list[tuple[Any, ...]], int]:
    """The sheet's name, its rows from its headings down, and the row the headings are on."""
    if filename.lower().endswith(".xlsx") or data[:2] == b"PK":
        name, table = _xlsx(data, spec, sheet) if data else (spec.sheet, [])
    elif filename.lower().endswith(".csv") or not filename:
        name, table = spec.sheet, _csv(data)
    else:
        raise ValueError(f"'{filename}' is neither .csv nor .xlsx; save the sheet as one of them.")
    if not any(v is not None and str(v).strip() for r in table for v in r):
        # said as the one problem it is, not as every required column missing
        raise ValueError(
            f"'{filename or 'The file'}' is empty: it has no headings and no rows. Fill in "
            f"the {spec.kind} template, or save your own spreadsheet with its rows, and "
            "upload that."
        )
    at = heading_row(table, _known(spec))
    return name, headed(table, at), at + 1


def _known(spec: SheetSpec) -> Known:
    """How many of a row's cells are headings the template takes (its own or trackers')."""
    return lambda heads: len(likely(spec, heads))


def _workbook(data: bytes) -> Any:
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises several kinds for a file that is not a workbook
        raise ValueError("The file is not a readable XLSX workbook; save it again as .xlsx.") from e


def _xlsx(data: bytes, spec: SheetSpec, chosen: str | None) -> tuple[str, list[tuple[Any, ...]]]:
    book = _workbook(data)
    try:
        sheet = sheet_of(book, spec.sheet, spec.kind, _known(spec), chosen)
        try:  # read-only openpyxl parses a sheet's XML only now
            rows = [tuple(_shown(c) for c in r) for r in sheet.iter_rows(max_row=MAX_ROWS + 1)]
        except (SyntaxError, ValueError) as e:  # XML not well formed, or refused (defusedxml)
            raise ValueError(
                f"The sheet '{sheet.title}' cannot be read: the file is damaged. Open it in "
                "your spreadsheet program, save it again as .xlsx and upload that."
            ) from e
    finally:
        book.close()
    fill_down(rows, merged_down(data, sheet.title))
    return sheet.title, rows


def _shown(cell: Any) -> Any:
    """The cell's value; a number as its format shows it (``api.imports.shown``), so that a
    reference shown as 2.10 reads as 2.10, not as the number 2.1."""
    value = cell.value
    if type(value) is not int and type(value) is not float:
        return value
    try:
        number_format = cell.number_format
    except (IndexError, KeyError):  # a style the workbook does not have: as the number
        return value
    return as_shown(value, number_format)


def _csv(data: bytes) -> list[tuple[Any, ...]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")  # what Excel on Windows saves as "CSV"
    return [tuple(r) for r in csv.reader(io.StringIO(text))][: MAX_ROWS + 1]


def _match(name: str, table: list[tuple[Any, ...]], spec: SheetSpec, at: int = 1) -> Sheet:
    problems: list[Problem] = []
    headers = tuple(str(h or "").strip() for h in (table[0] if table else ()))
    known = {}
    for field in spec.fields:
        known[_norm(field.header)] = known[_norm(field.key)] = field.key
    columns: dict[str, int] = {}
    for index, header in enumerate(headers):
        if not header:
            continue
        key = known.get(_norm(header.rstrip("*")))
        if key is None:
            problems.append(
                Problem(
                    name,
                    at,
                    header,
                    f"Rename the column '{header}' to the template's heading for what it "
                    f"holds, or remove it: it is not in the {spec.kind} template, whose "
                    f"columns are {', '.join(f.header for f in spec.fields)}.",
                )
            )
        elif key in columns:
            problems.append(
                Problem(
                    name,
                    at,
                    header,
                    f"Remove one of the columns '{header}': the sheet has that column twice.",
                )
            )
        else:
            columns[key] = index
    for field in spec.fields:
        if field.required and field.key not in columns:
            problems.append(
                Problem(
                    name,
                    at,
                    field.header,
                    f"Add a column headed '{field.header}'; it is required.",
                )
            )
    rows, totals = _rows(table, columns, at)
    if not rows and not problems:
        problems.append(_no_rows(name, spec, at))
    return Sheet(name, headers, columns, rows, tuple(problems), header_row=at, totals=totals)


def _chosen(
    name: str,
    table: list[tuple[Any, ...]],
    spec: SheetSpec,
    chosen: dict[str, str],
    at: int = 1,
) -> Sheet:
    """The sheet read through the officer's choice of column for each template column."""
    headers = tuple(str(h or "").strip() for h in (table[0] if table else ()))
    index = {h: i for i, h in reversed(list(enumerate(headers))) if h}
    problems: list[Problem] = []
    columns: dict[str, int] = {}
    own: dict[str, str] = {}
    for f in spec.fields:
        head = chosen.get(f.key, "")
        if head and head not in index:
            problems.append(
                Problem(name, at, f.header, f"The file has no column '{head}'; choose again.")
            )
        elif head:
            columns[f.key] = index[head]
            if head != f.header:
                own[f.header] = head
        elif f.required:
            problems.append(
                Problem(name, at, f.header, f"Choose the column that holds {f.header}.")
            )
    used = {headers[i] for i in columns.values()}
    ignored = tuple(h for h in headers if h and h not in used)
    rows, totals = _rows(table, columns, at)
    if not rows and not problems:
        problems.append(_no_rows(name, spec, at))
    return Sheet(name, headers, columns, rows, tuple(problems), own, ignored, at, totals)


def _no_rows(name: str, spec: SheetSpec, at: int) -> Problem:
    return Problem(
        name,
        at + 1,
        "",
        "The sheet has no rows under its headings; add a row for each "
        f"{ONE.get(spec.kind, 'entry')} below them and upload the file again.",
    )


ONE = {"cases": "case", "actions": "action", "budget": "line of the budget's history"}


def _rows(
    table: list[tuple[Any, ...]], columns: dict[str, int], at: int
) -> tuple[tuple[Row, ...], tuple[int, ...]]:
    """The rows under the headings (``at``), numbered as the spreadsheet shows them; blank
    rows passed over, and totals (at the bottom, or of each year) set apart: their numbers
    are the other rows'."""
    rows, totals = [], []
    for number, values in enumerate(table[1:], start=at + 1):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        if is_total(values):
            totals.append(number)
            continue
        cells = {k: values[i] if i < len(values) else None for k, i in columns.items()}
        rows.append(Row(number, cells, tuple(values)))
    return tuple(rows), tuple(totals)
