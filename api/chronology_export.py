"""The merged chronology as an XLSX workbook, for panels that work in a spreadsheet.

Dates are real date cells so a panel can sort and filter; agencies' text is always written as
text, never as a formula (a cell starting '=' from an agency's record must not run). The
workbook carries the protective marking, because it holds personal data.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from api.file_names import file_safe
from api.papers.cells import long_date
from domain.chronology import Gap, MergedChronology

HEAD = ("Date", "Time", "Agency", "What happened", "Source", "Key", "Entry numbers")
WIDTHS = (14, 8, 30, 70, 34, 6, 12)
GAP_FILL = PatternFill("solid", fgColor="FFF2B3")
KEY_FILL = PatternFill("solid", fgColor="E5DDF1")
MARKING = "OFFICIAL-SENSITIVE"


def workbook(
    case: Any,
    merged: MergedChronology,
    gap_days: int,
    made_on: date,
    agencies: Callable[[str], str] = str,
) -> bytes:
    """``agencies`` names each agency as recorded (``api.agency_names``: the region's
    directory's name for a key), as the merged chronology's page does."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = "Merged chronology"
    sheet.append(HEAD)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in merged.rows:
        if isinstance(row, Gap):
            line: tuple[Any, ...] = (
                row.after,
                None,
                None,
                f"Gap: no agency recorded anything for {row.days} days, "
                f"until {long_date(row.before)}",
                None,
                None,
                None,
            )
        else:
            line = (
                row.occurred_on,
                row.occurred_at.strftime("%H:%M") if row.occurred_at else None,
                ", ".join(map(agencies, row.agencies)),
                row.what_happened,
                "; ".join(row.sources),
                "Yes" if row.key else None,
                ", ".join(str(n) for n in row.numbers),
            )
        sheet.append(line)
        written = sheet[sheet.max_row]
        for cell in written:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        written[0].number_format = "dd/mm/yyyy"
        fill = GAP_FILL if isinstance(row, Gap) else KEY_FILL if row.key else None
        if fill is not None:
            for cell in written:
                cell.fill = fill
    for column, width in zip("ABCDEFG", WIDTHS, strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:G{sheet.max_row}"
    about = book.create_sheet("About")
    for line in (
        (MARKING,),
        ("Case", case.reference),
        ("Pseudonym", case.pseudonym),
        ("Entries", merged.entries),
        ("Reported by more than one agency", merged.duplicates),
        ("Agencies", ", ".join(map(agencies, merged.agencies))),
        ("Gaps shown", f"more than {gap_days} days with no entry"),
        ("Made on", made_on),
    ):
        about.append(line)
    for cell in about["B"]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
    about["B8"].number_format = "dd/mm/yyyy"
    about["A1"].font = Font(bold=True)
    about.column_dimensions["A"].width = 34
    about.column_dimensions["B"].width = 50
    out = BytesIO()
    book.save(out)
    return out.getvalue()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filename(case: Any) -> str:
    return f"chronology-{file_safe(case.reference)}.xlsx"
