"""Rows out of an uploaded CSV or XLSX, keyed by template field, with their row numbers.

Headers are matched to the template by their words or their key, in any case, so a sheet
an officer retyped still reads; a column the template does not know is reported, not
silently dropped.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any

from openpyxl import load_workbook

from api.imports.problems import Problem
from api.imports.sheets import SheetSpec

MAX_ROWS = 100_000


@dataclass(frozen=True)
class Row:
    number: int  # as the spreadsheet shows it (the header is row 1)
    cells: dict[str, Any]  # field key -> raw cell
    raw: tuple[Any, ...]  # the row as read, for the marked-up error report


@dataclass(frozen=True)
class Sheet:
    name: str
    headers: tuple[str, ...]
    columns: dict[str, int]  # field key -> column index
    rows: tuple[Row, ...]
    problems: tuple[Problem, ...]


def _norm(text: Any) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(text or "").lower().replace("(£)", "")).strip()


def read(data: bytes, filename: str, spec: SheetSpec) -> Sheet:
    """Read the template's sheet (or the first sheet) of an XLSX, or a CSV."""
    if filename.lower().endswith(".xlsx") or data[:2] == b"PK":
        name, table = _xlsx(data, spec)
    elif filename.lower().endswith(".csv") or not filename:
        name, table = spec.sheet, _csv(data)
    else:
        raise ValueError(f"'{filename}' is neither .csv nor .xlsx; save the sheet as one of them.")
    return _match(name, table, spec)


def _xlsx(data: bytes, spec: SheetSpec) -> tuple[str, list[tuple[Any, ...]]]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises several kinds for a file that is not a workbook
        raise ValueError("The file is not a readable XLSX workbook; save it again as .xlsx.") from e
    sheet = book[spec.sheet] if spec.sheet in book.sheetnames else book.worksheets[0]
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 1)]
    book.close()
    return sheet.title, rows


def _csv(data: bytes) -> list[tuple[Any, ...]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")  # what Excel on Windows saves as "CSV"
    return [tuple(r) for r in csv.reader(io.StringIO(text))][: MAX_ROWS + 1]


def _match(name: str, table: list[tuple[Any, ...]], spec: SheetSpec) -> Sheet:
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
                    1,
                    header,
                    f"the column '{header}' is not in the "
                    f"{spec.kind} template; remove or rename it (see "
                    f"`ledger import template {spec.kind}`).",
                )
            )
        elif key in columns:
            problems.append(Problem(name, 1, header, f"the column '{header}' appears twice."))
        else:
            columns[key] = index
    for field in spec.fields:
        if field.required and field.key not in columns:
            problems.append(
                Problem(
                    name,
                    1,
                    field.header,
                    f"the column '{field.header}' is missing; it is required.",
                )
            )
    rows = []
    for number, values in enumerate(table[1:], start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        cells = {k: values[i] if i < len(values) else None for k, i in columns.items()}
        rows.append(Row(number, cells, tuple(values)))
    if not rows and not problems:
        problems.append(Problem(name, 2, "", "the sheet has no rows under its header."))
    return Sheet(name, headers, columns, tuple(rows), tuple(problems))
