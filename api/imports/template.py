"""The documented template for each sheet: headers, drop-downs for coded columns, date and
pound formats, and a guidance sheet that says what each column means."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from api.imports.fields import Field, day, due_day, past_day, pence
from api.imports.sheets import SheetSpec

REQUIRED = PatternFill("solid", fgColor="1D70B8")
OPTIONAL = PatternFill("solid", fgColor="505A5F")
ROWS = 2000  # rows the formats and drop-downs cover


@dataclass(frozen=True)
class Listing:
    """A sheet after the guidance listing what a column may hold when it is too long for a
    drop-down or takes several values (a partnership's themes)."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def template_xlsx(spec: SheetSpec, listings: tuple[Listing, ...] = ()) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = spec.sheet
    sheet.append([f.header for f in spec.fields])
    for index, f in enumerate(spec.fields, start=1):
        cell = sheet.cell(1, index)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = REQUIRED if f.required else OPTIONAL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(f.width, 12)
        span = f"{letter}2:{letter}{ROWS}"
        if f.choices and len(",".join(f.choices)) < 250:
            rule = DataValidation(
                type="list",
                formula1='"' + ",".join(f.choices) + '"',
                allow_blank=not f.required,
                showErrorMessage=True,
                errorTitle=f.header,
                error=f"Choose one of the listed {f.header}.",
            )
            rule.add(span)
            sheet.add_data_validation(rule)
        shown = _format(f)
        if shown:
            for (c,) in sheet.iter_rows(min_row=2, max_row=200, min_col=index, max_col=index):
                c.number_format = shown
    sheet.freeze_panes = "A2"
    guide = book.create_sheet("Guidance")
    guide.append(["Column", "Required", "What it is", "Example", "Allowed values"])
    for f in spec.fields:
        guide.append(
            [f.header, "yes" if f.required else "", f.meaning, f.example, ", ".join(f.choices)]
        )
    guide.append([])
    guide.append(["About", "", spec.about])
    guide.append(
        [
            "Dates",
            "",
            "Real spreadsheet dates, or typed day first: 04/09/2013, 4 September 2013 or "
            "2013-09-04.",
        ]
    )
    guide.append(["Marking", "", "OFFICIAL-SENSITIVE once filled in."])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDE", (24, 10, 50, 22, 60), strict=True):
        guide.column_dimensions[letter].width = width
    for row in guide.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for listing in listings:
        sheet = book.create_sheet(listing.title)
        sheet.append(list(listing.headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for values in listing.rows:
            sheet.append(list(values))
        for index in range(1, len(listing.headers) + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 48
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _format(f: Field) -> str | None:
    """Dates and pounds as such; a reference as text, so that 2.10 typed stays 2.10 (a number
    cell would keep 2.1, which is another recommendation)."""
    if f.parse in (day, due_day, past_day):  # a due date and a budget's dates are dates too
        return "dd/mm/yyyy"
    if f.parse is pence:
        return '"£"#,##0.00'
    return "@" if f.key.endswith("reference") else None


def template_csv(spec: SheetSpec) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([f.header for f in spec.fields])
    return out.getvalue().encode("utf-8")
