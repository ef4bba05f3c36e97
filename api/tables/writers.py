"""A ``Table`` and a view's JSON body as CSV or XLSX bytes (openpyxl).

CSV cells that a spreadsheet would run as a formula (starting ``=``, ``+``, ``-``, ``@``, tab
or carriage return) are prefixed with an apostrophe, as OWASP advises; numbers are written
as numbers so negative amounts stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from api.papers.cells import recorded_words
from api.tables.columns import Column, Kind, Section, Table, Unread

MARKING = "OFFICIAL-SENSITIVE"
CURRENCY = '"£"#,##0.00;[Red]-"£"#,##0.00'
DATE = "dd/mm/yyyy"
RISKY = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = PatternFill("solid", fgColor="1D70B8")


def safe_text(text: str) -> str:
    """Defuse formula injection: a cell that starts like a formula is shown, never run."""
    return "'" + text if text.startswith(RISKY) else text


def as_recorded(
    name: str, context: Sequence[tuple[str, Any]], at: datetime | None
) -> tuple[str, list[tuple[str, Any]]]:
    """A file's name and notes for a table read as recorded by ``at`` (None: now): both say
    when, so a copy kept for the file is never taken for today's figures."""
    if at is None:
        return name, list(context)
    moment = at.astimezone(UTC)
    whole_day = moment.time() == time.max  # how pages and a bare date ask (``end_of_day``)
    stamp = moment.date().isoformat() if whole_day else f"{moment:%Y-%m-%dT%H%MZ}"
    return f"{name}-as-recorded-{stamp}", [*context, ("As recorded by", recorded_words(at))]


def _csv_cell(column: Column, value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal | int):
        return str(value)
    return safe_text(str(value))


def to_csv(table: Table, body: Any, section: str | None = None) -> bytes:
    """One section (the first unless named) as UTF-8 CSV with a BOM, so Excel reads '£'."""
    chosen = table.section(section)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_header(c) for c in chosen.columns])
    rows = chosen.rows_of(body)
    for row in rows:
        writer.writerow([_csv_cell(c, c.value(row)) for c in chosen.columns])
    if chosen.sums and rows:
        writer.writerow(_sums(chosen, rows))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _sums(section: Section, rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """The last line of a CSV whose workbook totals it in its notes: "Total" where a row has
    its reference, each summed column added up (nothing recorded adds nothing), others empty."""
    line = []
    for index, column in enumerate(section.columns):
        if column.key in section.sums:
            unread = next((str(u) for r in rows if isinstance(u := column.raw(r), Unread)), None)
            if unread:  # a total over cells not read is not known either
                line.append(unread)
                continue
            added = sum((column.value(r) or Decimal(0) for r in rows), Decimal("0.00"))
            line.append(str(added))
        else:
            line.append("" if index else "Total")
    return line


def _header(column: Column) -> str:
    return f"{column.header} (£)" if column.kind is Kind.MONEY else column.header


def to_xlsx(table: Table, body: Any, context: Sequence[tuple[str, Any]] = ()) -> bytes:
    """A sheet per section (real dates, £ currency, frozen header, widths) and a Notes sheet."""
    book = Workbook()
    first = True
    for section in table.sections:
        sheet = book.active if first else book.create_sheet()
        assert isinstance(sheet, Worksheet)
        first = False
        write_section(sheet, section, section.rows_of(body))
    notes(book.create_sheet("Notes"), table, [*context, *table.facts(body)])
    book.properties.title = table.title
    book.properties.keywords = MARKING
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_section(sheet: Worksheet, section: Section, rows: Sequence[Mapping[str, Any]]) -> None:
    sheet.title = section.name[:31]
    sheet.append([_header(c) for c in section.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append([_xlsx_cell(c.value(row)) for c in section.columns])
    for index, column in enumerate(section.columns, start=1):
        letter = get_column_letter(index)
        fmt = {Kind.MONEY: CURRENCY, Kind.DATE: DATE, Kind.NUMBER: "0.0"}.get(column.kind)
        if fmt:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = fmt
        sheet.column_dimensions[letter].width = column.width or _width(column, rows)
    if rows and section.total:
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.oddHeader.center.text = MARKING
    sheet.oddFooter.center.text = "Page &P of &N"
    sheet.print_title_rows = "1:1"


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, str):
        return safe_text(value)  # openpyxl would store a leading '=' as a formula
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    return value


def _width(column: Column, rows: Sequence[Mapping[str, Any]]) -> int:
    if column.kind is Kind.DATE:
        return 12
    longest = max((len(str(column.value(r) or "")) for r in rows[:200]), default=0)
    return max(10, min(60, max(len(_header(column)) // 2 + 2, longest + 3)))


def notes(sheet: Worksheet, table: Table, facts: Sequence[tuple[str, Any]]) -> None:
    """What the view is, the dates it covers, its footnotes and its protective marking."""
    generated = datetime.now(UTC).strftime("%d/%m/%Y %H:%M UTC")
    lines: list[tuple[str, Any]] = [
        ("Protective marking", MARKING),
        ("Title", table.title),
        ("What this is", table.about),
        *facts,
        ("Produced", generated),
        ("Source", "Partnership Ledger"),
    ]
    for label, value in lines:
        sheet.append([label, _fact(value)])
    for number, footnote in enumerate(table.footnotes, start=1):
        sheet.append([f"Note {number}", footnote])
    for (cell,) in sheet.iter_rows(min_col=1, max_col=1):
        cell.font = Font(bold=True)
    for (cell,) in sheet.iter_rows(min_col=2, max_col=2):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if isinstance(cell.value, date):
            cell.number_format = DATE
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 100


def _fact(value: Any) -> Any:
    if isinstance(value, str) and len(value) == 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            return date.fromisoformat(value)
        except ValueError:
            return safe_text(value)
    return safe_text(value) if isinstance(value, str) else value
